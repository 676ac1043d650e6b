"""Signing in through the program's own connections: the system browser played by the test,
refresh tokens in the keyring (a test backend) and in no file, restore, sign-out."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from collections.abc import Callable

import filelock
import httpx
import pytest

from opiq_admin.app import build_context
from opiq_admin.services.clients.ekool import EkoolClient
from opiq_admin.services.clients.http import RetryPolicy, make_http_client
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import ServerProfile, Settings, SystemProfile
from opiq_admin.services.errors import SignInKept, SignInLockBusy
from opiq_admin.services.signin.connections import (
    Connection,
    Restored,
    SignInLock,
    sign_in_lock_file,
)
from opiq_admin.services.signin.oauth import parse_sign_in_form
from opiq_admin.services.signin.vault import SERVICE, MemoryKeyring, TokenVault


def browser(username: str, password: str, opened: list[str]):
    """An `opener` that plays the system browser: fills the sign-in form, follows the
    redirect to the loopback listener."""
    tasks: list[asyncio.Task] = []

    async def browse(url: str) -> None:
        async with httpx.AsyncClient() as http:
            page = await http.get(url)
            form = parse_sign_in_form(page.text, str(page.url))
            answer = await http.request(form.method, form.action,
                                        data=form.filled(username, password))
            await http.get(answer.headers["Location"])

    def opener(url: str) -> bool:
        opened.append(url)
        tasks.append(asyncio.get_running_loop().create_task(browse(url)))
        return True

    opener.tasks = tasks  # type: ignore[attr-defined]
    return opener


@pytest.fixture
def profile_paths(tmp_path, emulator) -> AppPaths:
    paths = AppPaths.under(tmp_path)
    settings = Settings.load(paths.settings_file)
    settings.save_profile(ServerProfile("Koolivõrk", SystemProfile(f"{emulator.url}/opiq"),
                                        SystemProfile(f"{emulator.url}/ekool"),
                                        f"{emulator.url}/ehis"))
    settings.set("profile", "Koolivõrk")
    settings.save()
    return paths


async def test_browser_sign_in_keeps_refresh_token_only_in_keyring(profile_paths):
    backend = MemoryKeyring()
    ctx = await build_context(profile_paths, vault=TokenVault(backend))
    try:
        assert not ctx.practice
        opened: list[str] = []
        await ctx.opiq.sign_in_browser(browser("mari.maasikas", "harjutus", opened))
        assert opened and "code_challenge_method=S256" in opened[0]
        status = ctx.opiq.status()
        assert status.signed_in and status.user == "Mari Maasikas"
        stored = backend.secrets[(SERVICE, "Koolivõrk:opiq")]
        assert stored
        for path in profile_paths.config_dir.parent.rglob("*"):
            if path.is_file():
                assert stored.encode() not in path.read_bytes(), path
        await ctx.log("sign_in", "ok")
    finally:
        await ctx.aclose()

    # A new run signs in again from the keyring, without a browser.
    ctx = await build_context(profile_paths, vault=TokenVault(backend))
    try:
        assert await ctx.opiq.restore()
        assert ctx.opiq.status().user == "Mari Maasikas"
        rotated = backend.secrets[(SERVICE, "Koolivõrk:opiq")]
        assert rotated != stored, "refresh tokens rotate and the keyring keeps the new one"
        await ctx.opiq.sign_out()
        assert (SERVICE, "Koolivõrk:opiq") not in backend.secrets
        assert not ctx.opiq.signed_in
    finally:
        await ctx.aclose()

    # The revoked token no longer works.
    ctx = await build_context(profile_paths, vault=TokenVault(backend))
    try:
        backend.secrets[(SERVICE, "Koolivõrk:opiq")] = rotated
        assert not await ctx.opiq.restore()
    finally:
        await ctx.aclose()


async def test_no_browser_shows_the_url_to_open_by_hand(profile_paths):
    ctx = await build_context(profile_paths, vault=TokenVault(MemoryKeyring()))
    shown: list[str] = []
    play = browser("mari.maasikas", "harjutus", [])

    def show_url(url: str) -> None:
        shown.append(url)
        play(url)  # the person copies the address into a browser by hand

    try:
        await ctx.ekool.sign_in_browser(lambda _url: False, show_url=show_url)
        await asyncio.gather(*play.tasks)
        assert shown and shown[0].startswith(ctx.ekool.base_url)
        assert ctx.ekool.status().user == "Mari Maasikas"
    finally:
        await ctx.aclose()


# -- a stored sign-in that meets trouble ------------------------------------------------------

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)


def _connection(http: httpx.AsyncClient, base: str, vault: TokenVault, lock: SignInLock | None,
                system: str = "opiq") -> Connection:
    client_type = OpiqClient if system == "opiq" else EkoolClient
    connection = Connection(system, f"{base}/{system}", "opiq-admin", http=http, vault=vault,
                            profile="Tartu", client_type=client_type, lock=lock)
    connection.flow.retry = FAST  # the sign-in calls' own retries, kept short here
    return connection


def _token_server(reply: Callable[[httpx.Request], httpx.Response]) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(reply))


def _refused_connection(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


@pytest.mark.parametrize(("reply", "where"), [
    (_refused_connection, "ConnectError"),
    (lambda r: httpx.Response(503, json={"error": {"code": "down", "message": "x"}}),
     "HTTP 503"),
    (lambda r: httpx.Response(500, json={"error": {"code": "oops", "message": "x"}}),
     "HTTP 500"),
    (lambda r: httpx.Response(429, headers={"Retry-After": "0"},
                              json={"error": {"code": "rate_limited", "message": "x"}}),
     "HTTP 429"),
])
async def test_an_unreachable_server_keeps_the_stored_sign_in(tmp_path, reply, where):
    backend = MemoryKeyring()
    backend.secrets[(SERVICE, "Tartu:opiq")] = "rt-kept"
    async with _token_server(reply) as http:
        connection = _connection(http, "http://127.0.0.1:9", TokenVault(backend),
                                 SignInLock(tmp_path / "signin.lock"))
        result = await connection.restore()
    assert result is Restored.KEPT and not result
    assert not connection.signed_in and not connection.status().signed_in
    assert backend.secrets[(SERVICE, "Tartu:opiq")] == "rt-kept"
    assert isinstance(connection.trouble, SignInKept) and connection.trouble.unreachable
    assert str(connection.trouble) == \
        f"the opiq server cannot be reached; your sign-in is kept ({where})"


async def test_only_invalid_grant_forgets_the_stored_sign_in(tmp_path):
    backend = MemoryKeyring()
    backend.secrets[(SERVICE, "Tartu:opiq")] = "rt-spent"

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"error": "invalid_grant",
                                         "error_description": "unknown or used"})

    async with _token_server(refuse) as http:
        connection = _connection(http, "http://127.0.0.1:9", TokenVault(backend),
                                 SignInLock(tmp_path / "signin.lock"))
        assert await connection.restore() is Restored.FORGOTTEN
    assert (SERVICE, "Tartu:opiq") not in backend.secrets
    assert connection.trouble is None


async def test_a_busy_sign_in_lock_is_a_clear_error_and_keeps_the_sign_in(tmp_path):
    backend = MemoryKeyring()
    backend.secrets[(SERVICE, "Tartu:opiq")] = "rt-kept"
    path = tmp_path / "signin.lock"
    holder = filelock.FileLock(str(path), thread_local=False)
    holder.acquire()  # another run of the program that does not let go
    try:
        async with _token_server(_refused_connection) as http:
            connection = _connection(http, "http://127.0.0.1:9", TokenVault(backend),
                                     SignInLock(path, timeout=0.2))
            assert await connection.restore() is Restored.KEPT
    finally:
        holder.release()
    assert backend.secrets[(SERVICE, "Tartu:opiq")] == "rt-kept"
    assert isinstance(connection.trouble.cause, SignInLockBusy)
    assert str(connection.trouble).startswith(
        "another opiq-admin is renewing the opiq sign-in; your sign-in is kept")


def test_lock_files_have_safe_names_one_per_profile_and_system(tmp_path):
    names = {sign_in_lock_file(tmp_path, profile, system).name
             for profile in ("Koolivõrk", "Kooliv rk", "../etc", "CON", "")
             for system in ("opiq", "ekool")}
    assert len(names) == 10
    for name in names:
        assert re.fullmatch(r"signin-[A-Za-z0-9_-]+-(opiq|ekool)\.lock", name), name


# -- two runs of the program sharing one keyring ---------------------------------------------

async def test_a_run_uses_the_token_another_run_rotated_instead_of_its_spent_one(
        fresh_emulator, tmp_path):
    """Run A signs in; run B starts and renews (the token A holds is now spent); A's access
    token then expires, and later B's is refused: each renews with the token the other left
    in the keyring, and both stay signed in."""
    backend = MemoryKeyring()
    key = (SERVICE, "Tartu:opiq")
    async with make_http_client() as http:
        a = _connection(http, fresh_emulator.url, TokenVault(backend),
                        SignInLock(tmp_path / "signin.lock"))
        b = _connection(http, fresh_emulator.url, TokenVault(backend),
                        SignInLock(tmp_path / "signin.lock"))
        await a.sign_in_with_password("mari.maasikas", "harjutus")
        spent_by_a = a.session.tokens.refresh_token
        assert await b.restore()
        assert backend.secrets[key] != spent_by_a
        # A's access token runs out: it renews with B's token, not its own spent one.
        a.session._tokens = dataclasses.replace(a.session.tokens, expires_at=time.time())
        assert (await a.client.me()).id == "opq-usr-1"
        assert a.signed_in and backend.secrets[key] == a.session.tokens.refresh_token
        # B's access token is refused (revoked early): after the 401 it renews with A's.
        await a.flow.revoke(b.session.tokens.access_token)
        assert (await b.client.me()).id == "opq-usr-1"
        assert b.signed_in and backend.secrets[key] == b.session.tokens.refresh_token
        assert a.signed_in and b.signed_in


async def test_two_runs_restoring_at_once_both_sign_in(fresh_emulator, tmp_path):
    backend = MemoryKeyring()
    async with make_http_client() as http:
        first = _connection(http, fresh_emulator.url, TokenVault(backend),
                            SignInLock(tmp_path / "signin.lock"), "ekool")
        await first.sign_in_with_password("mari.maasikas", "harjutus")
        runs = [_connection(http, fresh_emulator.url, TokenVault(backend),
                            SignInLock(tmp_path / "signin.lock"), "ekool") for _ in range(3)]
        results = await asyncio.gather(*(run.restore() for run in runs))
    assert results == [Restored.SIGNED_IN] * 3
    assert all(run.status().user == "Mari Maasikas" for run in runs)
    # The keyring holds the token of whichever run renewed last, never a spent one.
    assert backend.secrets[(SERVICE, "Tartu:ekool")] in {
        run.session.tokens.refresh_token for run in runs}


# -- who signed in, when the API cannot say -----------------------------------------------------

async def test_an_unreachable_api_leaves_the_sign_in_named_by_its_id_token(fresh_emulator):
    """The sign-in server answers, the API does not: the person is known from the verified
    ID token, and what needs the API says the server cannot be reached."""
    system = SystemProfile(api_url="http://127.0.0.1:9/opiq", issuer=f"{fresh_emulator.url}/opiq",
                           scopes=("openid", "profile"))
    async with make_http_client() as http:
        connection = Connection("opiq", system, http=http, vault=TokenVault(MemoryKeyring()),
                                profile="Tartu", client_type=OpiqClient)
        connection.client.retry = FAST
        await connection.sign_in_with_password("mari.maasikas", "harjutus")
    status = connection.status()
    assert (status.signed_in, status.user, status.user_id) == (True, "Mari Maasikas",
                                                               "opq-usr-1")
    assert connection.identity.source == "id_token" and connection.user is None
    assert connection.trouble is not None and connection.trouble.unreachable
