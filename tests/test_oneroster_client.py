"""Reading eKool's roster as OneRoster 1.2 prescribes: a client-credentials token beside the
signed-in person's, configured in the server profile with its secret in the keyring; and
the 1.2 fields read into the program's models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from opiq_admin.app import build_context, roster_client
from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.services import journals
from opiq_admin.services.accounts import list_accounts
from opiq_admin.services.clients.models import EkoolJournal, EkoolSchool, EkoolUser
from opiq_admin.services.clients.roster_access import (
    SCOPE_CORE,
    SCOPE_DEMOGRAPHICS,
    SECRET_SYSTEM,
    ClientCredentials,
)
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.profile_file import parse_profile
from opiq_admin.services.config.settings import ServerProfile, SystemProfile
from opiq_admin.services.errors import ApiError, NotSignedIn
from opiq_admin.services.signin.vault import MemoryKeyring, TokenVault


def roster_info(url: str) -> dict[str, Any]:
    return httpx.get(f"{url}/practice/info", timeout=10).json()["roster_client"]


def credentials(info: dict[str, Any], http: httpx.AsyncClient, scope: str = SCOPE_CORE,
                **kwargs: Any) -> ClientCredentials:
    return ClientCredentials(info["token_url"], info["client_id"], info["client_secret"],
                             http=http, scope=scope, **kwargs)


async def test_a_token_is_fetched_once_kept_and_renewed_before_it_expires(
        emulator: EmbeddedServer) -> None:
    info = roster_info(emulator.url)
    now = [1000.0]
    async with httpx.AsyncClient() as http:
        source = credentials(info, http, clock=lambda: now[0])
        first = await source.access_token()
        assert await source.access_token() == first
        assert source.granted == SCOPE_CORE
        now[0] += 300 - 29  # within 30 s of the emulator's 300 s lifetime
        second = await source.access_token()
        assert second != first
        # A rejected token is replaced once; a stale rejection does not replace a new one.
        third = await source.refresh_after_401(second)
        assert third not in (first, second)
        assert await source.refresh_after_401(second) == third
    assert "roster-harjutus" not in repr(source)


@pytest.mark.parametrize(("secret", "scope", "code"), [
    ("wrong", SCOPE_CORE, "invalid_client"),
    (None, "https://purl.imsglobal.org/spec/or/v1p2/scope/everything", "invalid_scope"),
])
async def test_a_refused_token_says_why(emulator: EmbeddedServer, secret: str | None,
                                        scope: str, code: str) -> None:
    info = roster_info(emulator.url)
    async with httpx.AsyncClient() as http:
        source = ClientCredentials(info["token_url"], info["client_id"],
                                   secret or info["client_secret"], http=http, scope=scope)
        with pytest.raises(ApiError) as refused:
            await source.access_token()
    assert refused.value.code == code


async def read_everything(root: Path, roster: str | None = None, **paging: Any
                          ) -> tuple[dict, dict, list[EkoolUser]]:
    """What `accounts list` and `journals list --compare` read, and eKool's users; with
    `roster` ("core" or "all"), the roster is read with a client-credentials token."""
    server = EmbeddedServer(root / "emulator", **paging)
    server.start()
    ctx = await build_context(AppPaths.under(root / "program"), emulator=server)
    try:
        await ctx.sign_in_practice()
        if roster is not None:
            scope = SCOPE_CORE if roster == "core" else f"{SCOPE_CORE} {SCOPE_DEMOGRAPHICS}"
            ctx.ekool.client.use_roster_client(credentials(roster_info(server.url),
                                                           ctx.http, scope))
        accounts = await list_accounts(ctx)
        overview = (await journals.sync(ctx, compare=True)).to_json()
        users = await ctx.ekool.client.users()
        if roster is not None:
            # The roster was the client's to read: without the person it still is.
            ctx.ekool.client.token = None
            assert await ctx.ekool.client.users() == users
            with pytest.raises(NotSignedIn):
                await ctx.ekool.client.me()
        return accounts, overview, users
    finally:
        await ctx.aclose()
        server.stop()


async def test_the_roster_client_reads_what_the_signed_in_person_reads(tmp_path: Path) -> None:
    """The issue's check with the standard's access: a stingy server (37 a page, no count)
    read with a client-credentials token gives what the person's token gives."""
    person = await read_everything(tmp_path / "person")
    client = await read_everything(tmp_path / "client", roster="all", page_cap=37,
                                   total_count=False)
    assert len(person[0]["accounts"]) > 200
    assert client[0] == person[0]
    assert client[1]["journals"] == person[1]["journals"]
    assert client[1]["untransferred"] == person[1]["untransferred"]
    assert client[2] == person[2]
    born = [u for u in person[2] if u.birth_date]
    assert len(born) > len(person[2]) // 2, "birth dates come from /demographics"
    assert all(u.id_code and u.id_code == u.identifier for u in person[2] if u.user_ids)


async def test_without_the_demographics_scope_birth_dates_stay_unknown(
        tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "emulator")
    server.start()
    try:
        async with httpx.AsyncClient() as http:
            from opiq_admin.services.clients.ekool import EkoolClient

            client = EkoolClient(f"{server.url}/ekool", http=http, token=None)
            client.use_roster_client(credentials(roster_info(server.url), http, SCOPE_CORE))
            users = await client.users()
            assert users and all(u.birth_date is None for u in users)
            assert all(u.enabled for u in users)
            # eKool's own calls are the person's: a roster client cannot ask who it is.
            with pytest.raises(NotSignedIn):
                await client.me()
    finally:
        server.stop()


async def test_the_profile_names_the_roster_client_and_the_keyring_keeps_its_secret(
        tmp_path: Path, emulator: EmbeddedServer) -> None:
    info = roster_info(emulator.url)
    document = {"name": "Koolivõrk", "opiq": {"api_url": f"{emulator.url}/opiq"},
                "ekool": {"api_url": f"{emulator.url}/ekool",
                          "roster_client_id": info["client_id"],
                          "roster_token_url": info["token_url"],
                          "roster_client_secret": info["client_secret"]}}
    loaded = parse_profile(json.loads(json.dumps(document)))
    assert loaded.secrets == {SECRET_SYSTEM: info["client_secret"]}
    saved = loaded.profile.to_dict()
    assert saved["ekool"]["roster_client_id"] == info["client_id"]
    assert "roster_client_secret" not in json.dumps(saved)
    assert ServerProfile.from_dict(saved) == loaded.profile
    vault = TokenVault(MemoryKeyring())
    async with httpx.AsyncClient() as http:
        assert await roster_client(loaded.profile, vault, http) is None  # no secret yet
        await vault.put_secret("Koolivõrk", SECRET_SYSTEM, info["client_secret"])
        source = await roster_client(loaded.profile, vault, http)
        assert source is not None and source.scope == SCOPE_CORE
        assert await source.access_token()
        plain = ServerProfile("Koolivõrk", SystemProfile(f"{emulator.url}/opiq"),
                              SystemProfile(f"{emulator.url}/ekool"))
        assert await roster_client(plain, vault, http) is None


def test_the_standard_fields_read_into_the_models() -> None:
    base = "https://ekool.example.ee/ims/oneroster/rostering/v1p2"

    def ref(kind: str, plural: str, sourced_id: str) -> dict[str, str]:
        return {"href": f"{base}/{plural}/{sourced_id}", "sourcedId": sourced_id,
                "type": kind}

    user = EkoolUser.from_json({
        "sourcedId": "u1", "status": "active", "dateLastModified": "2026-09-01T08:00:00Z",
        "enabledUser": "false", "givenName": "Kätlin", "familyName": "Õunapuu",
        "userIds": [{"type": "LDAP", "identifier": "katlin"},
                    {"type": "EE_isikukood", "identifier": "61203030003"}],
        "roles": [{"roleType": "primary", "role": "siteAdministrator",
                   "org": ref("org", "orgs", "o1")}]})
    assert (user.id_code, user.identifier, user.enabled) == ("61203030003", None, False)
    assert user.roles[0].role == "administrator" and user.roles[0].org_id == "o1"
    legacy = EkoolUser.from_json({"sourcedId": "u2", "status": "active", "givenName": "A",
                                  "familyName": "B", "identifier": "38001010008",
                                  "roles": []})
    assert (legacy.id_code, legacy.enabled) == ("38001010008", True)
    klass = EkoolJournal.from_json({
        "sourcedId": "c1", "status": "active", "dateLastModified": "2026-09-01T08:00:00Z",
        "title": "7.b matemaatika", "course": ref("course", "courses", "k1"),
        "school": ref("org", "orgs", "o1"),
        "terms": [ref("academicSession", "academicSessions", "t1")]})
    assert klass.school_id == "o1" and klass.course is not None
    assert (klass.course.sourced_id, klass.course.type) == ("k1", "course")
    assert [t.sourced_id for t in klass.terms] == ["t1"]
    assert klass.terms[0].href == f"{base}/academicSessions/t1"
    school = EkoolSchool.from_json({"sourcedId": "o1", "status": "active", "name": "Kool",
                                    "type": "school", "identifier": "NCES-1",
                                    "metadata": {"ee.ehisCode": "12345"}})
    assert school.ehis_code == "12345"
    assert EkoolSchool.from_json({"sourcedId": "o1", "status": "active", "name": "Kool",
                                  "identifier": "12345"}).ehis_code == "12345"


def test_the_profile_form_keeps_the_roster_client_it_does_not_show() -> None:
    from opiq_admin.ui.shell.dialogs import ProfileDraft

    profile = ServerProfile("Koolivõrk", SystemProfile("https://api.opiq.ee"),
                            SystemProfile("https://api.ekool.eu",
                                          roster_client_id="opiq-admin-roster",
                                          roster_token_url="https://api.ekool.eu/token",
                                          roster_scope=SCOPE_CORE))
    assert ProfileDraft.of(profile).profile() == profile
