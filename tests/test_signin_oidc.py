"""Signing in where schools really sign in: through an OpenID Provider nobody here wrote.

panva's oidc-provider (tests/oidc: the version package.json pins, run by Node.js) is
configured by its issuer alone in a server profile - no endpoint named, the API part at the
same address, so who signed in comes from the ID token or userinfo - with three clients: a
public one that gets refresh tokens, a public one that never does, and a confidential one
(client_secret_basic). Each signs in through the program's own `Connection` with the browser
played over the provider's sign-in and consent forms, and is checked: the ID token verified
(a tampered one refused), `status` naming the person, renewal (or, without a refresh token,
the access token kept until it expires), revocation at sign-out, and no secret or token in
any file. The same against the emulator's HarID: a confidential client without refresh
tokens whose access token the Opiq and eKool APIs accept.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import keyring.core
import pytest
from conftest import small_world
from cryptography.hazmat.primitives.asymmetric import rsa
from test_signin_processes import FileKeyring

from opiq_admin.app import build_context
from opiq_admin.cli import main
from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import ServerProfile, Settings, SystemProfile
from opiq_admin.services.errors import NotSignedIn
from opiq_admin.services.signin.form import next_form
from opiq_admin.services.signin.loopback import FAILURE_EN, SUCCESS_EN
from opiq_admin.services.signin.oauth import IdTokenInvalid, InvalidGrant
from opiq_admin.services.signin.vault import SERVICE, MemoryKeyring, TokenVault

NODE = shutil.which("node")
OIDC = Path(__file__).resolve().parent / "oidc"
TESTS = Path(__file__).resolve().parent
SECRET = "salajane-harjutus-saladus-0123456789"  # tests/oidc/provider.js's
PROFILE = "Harjutus"

pytestmark = pytest.mark.skipif(
    NODE is None, reason="node is not installed: the OpenID provider of these tests "
    "(tests/oidc, panva's oidc-provider) runs on Node.js")


@dataclasses.dataclass(frozen=True)
class Client:
    client_id: str
    scopes: tuple[str, ...]
    auth_params: tuple[tuple[str, str], ...] = ()
    secret: str | None = None
    renewable: bool = True

    def system(self, issuer: str) -> SystemProfile:
        """The provider configured by its issuer alone: the API part at the same address."""
        return SystemProfile(api_url=issuer, client_id=self.client_id, scopes=self.scopes,
                             auth_params=self.auth_params)


OFFLINE = ("openid", "profile", "email", "offline_access")
CLIENTS = {
    # offline_access is granted only with prompt=consent (OIDC Core §11).
    "public": Client("opiq-admin-public", OFFLINE, (("prompt", "consent"),)),
    "no-refresh": Client("opiq-admin-no-refresh", ("openid", "profile", "email"),
                         renewable=False),
    "confidential": Client("opiq-admin-confidential", OFFLINE, (("prompt", "consent"),),
                           SECRET),
}


def _first_line(stream, timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """oidc-provider on a free loopback port; its address is the issuer."""
    if not (OIDC / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("tests/oidc/node_modules is missing: `make test` installs it, or run "
                    "`npm ci` in tests/oidc")
    log = tmp_path_factory.mktemp("oidc-provider") / "stderr.txt"
    with log.open("w") as err:
        process = subprocess.Popen([NODE, "provider.js"], cwd=OIDC, stdout=subprocess.PIPE,
                                   stderr=err, text=True)
    try:
        line = _first_line(process.stdout, 30)
        assert line.startswith("listening on http://127.0.0.1:"), \
            f"the provider did not start: {line!r} {log.read_text()}"
        yield line.removeprefix("listening on ").strip()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


# -- a person in a browser ---------------------------------------------------------------------

async def walk(url: str, username: str, password: str) -> httpx.Response:
    """Open the sign-in address, fill in the sign-in form, send the consent form as it is,
    follow every redirect (cookies kept), and answer the loopback listener's page."""
    redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
    async with httpx.AsyncClient(timeout=60) as http:
        response = await http.get(url)
        for _ in range(12):
            if response.is_redirect:
                target = str(response.url.join(response.headers["location"]))
                response = await http.get(target)
                if target.startswith(redirect):
                    return response  # held by the listener until the code was exchanged
                continue
            assert response.status_code == 200, response.text
            form = next_form(response.text, str(response.url))
            assert form is not None, response.text
            response = await http.request(form.method, form.action,
                                          data=form.filled(username, password))
    raise AssertionError("the sign-in never came back to the program")


class Browser:
    """An `opener` that plays the system browser (`walk`) for the address it is given;
    `pages()` waits for the pages the listener answered."""

    def __init__(self, username: str = "mari.maasikas", password: str = "salasõna") -> None:
        self.username, self.password = username, password
        self.opened: list[str] = []
        self.tasks: list[asyncio.Task[httpx.Response]] = []

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        self.tasks.append(asyncio.get_running_loop().create_task(
            walk(url, self.username, self.password)))
        return True

    async def pages(self) -> list[httpx.Response]:
        return list(await asyncio.gather(*self.tasks))


# -- helpers -------------------------------------------------------------------------------------

def use_profile(paths: AppPaths, opiq: SystemProfile, ekool: SystemProfile | None = None) -> None:
    settings = Settings.load(paths.settings_file)
    settings.save_profile(ServerProfile(PROFILE, opiq, ekool or opiq))
    settings.set("profile", PROFILE)
    settings.save()


def holding(folder: Path, secrets: list[str]) -> list[str]:
    """The files under `folder` whose bytes hold any of `secrets`."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path}: {s[:6]}…" for s in secrets if s and s.encode() in data]
    return found


def secrets_of(tokens) -> list[str]:
    return [t for t in (tokens.access_token, tokens.refresh_token, tokens.id_token) if t]


# -- oidc-provider, each client --------------------------------------------------------------

@pytest.mark.parametrize("kind", list(CLIENTS))
async def test_sign_in_through_oidc_provider_by_its_issuer_alone(issuer, kind, tmp_path):
    client = CLIENTS[kind]
    paths = AppPaths.under(tmp_path)
    use_profile(paths, client.system(issuer))
    backend = MemoryKeyring()
    vault = TokenVault(backend)
    if client.secret:
        await vault.put_secret(PROFILE, "opiq", client.secret)
    seen: list[str] = [client.secret or ""]

    ctx = await build_context(paths, vault=vault)
    try:
        person = Browser()
        await ctx.opiq.sign_in_browser(person)
        pages = await person.pages()
        asked = parse_qs(urlsplit(person.opened[0]).query)
        assert person.opened[0].startswith(f"{issuer}/auth?")  # the discovered endpoint
        assert asked["scope"] == [" ".join(client.scopes)]
        assert asked["code_challenge_method"] == ["S256"] and asked["nonce"][0]
        assert dict(client.auth_params).items() <= {k: v[0] for k, v in asked.items()}.items()
        assert pages[0].status_code == 200 and SUCCESS_EN in pages[0].text

        status = ctx.opiq.status()
        assert (status.signed_in, status.user, status.user_id) == \
            (True, "Mari Maasikas", "mari.maasikas")
        assert status.renewable is client.renewable
        # The issuer has no /api/me; oidc-provider puts only sub into the ID token and the
        # name behind userinfo (OIDC Core §5.4).
        assert ctx.opiq.identity.source == "userinfo"
        tokens = ctx.opiq.session.tokens
        assert tokens.claims["aud"] == client.client_id and tokens.claims["iss"] == issuer
        seen += secrets_of(tokens)
        await ctx.log("sign_in", "ok", target="Opiq")

        if client.renewable:
            assert backend.secrets[(SERVICE, f"{PROFILE}:opiq")] == tokens.refresh_token
            assert (SERVICE, f"{PROFILE}:opiq:access") not in backend.secrets
            # The access token runs out: renewed with the refresh token, ID token and all.
            ctx.opiq.session._tokens = dataclasses.replace(tokens, expires_at=time.time())
            fresh = await ctx.opiq.session.access_token()
            assert fresh != tokens.access_token
            assert (await ctx.opiq.flow.userinfo(fresh))["sub"] == "mari.maasikas"
            seen += secrets_of(ctx.opiq.session.tokens)
        else:
            assert tokens.refresh_token is None
            assert (SERVICE, f"{PROFILE}:opiq") not in backend.secrets
            kept = json.loads(backend.secrets[(SERVICE, f"{PROFILE}:opiq:access")])
            assert kept["access_token"] == tokens.access_token
            assert kept["expires_at"] == pytest.approx(tokens.expires_at)
            shown = status.to_json()
            assert shown["renewable"] is False and shown["expires_at"].endswith("Z")
    finally:
        await ctx.aclose()

    # A new run: signed in again from the keyring alone, and signed out.
    ctx = await build_context(paths, vault=TokenVault(backend))
    try:
        assert await ctx.opiq.restore()
        assert ctx.opiq.status().user == "Mari Maasikas"
        assert ctx.opiq.identity.source == "userinfo"
        tokens = ctx.opiq.session.tokens
        seen += secrets_of(tokens)
        await ctx.opiq.sign_out()
        assert not ctx.opiq.status().signed_in
        left = {k for k in backend.secrets if k[1].startswith(f"{PROFILE}:opiq")}
        assert left == ({(SERVICE, f"{PROFILE}:opiq:client_secret")} if client.secret
                        else set())
        # Revoked at the provider: neither token works any more.
        with pytest.raises(NotSignedIn):
            await ctx.opiq.flow.userinfo(tokens.access_token)
        if client.renewable:
            with pytest.raises(InvalidGrant):
                await ctx.opiq.flow.refresh(tokens.refresh_token)
    finally:
        await ctx.aclose()

    assert holding(tmp_path, seen) == []


async def test_practice_sign_in_walks_the_providers_own_forms(issuer, tmp_path):
    """The program playing the browser (practice mode's way) through oidc-provider's sign-in
    and consent pages, cookies and all."""
    paths = AppPaths.under(tmp_path)
    use_profile(paths, CLIENTS["public"].system(issuer))
    ctx = await build_context(paths, vault=TokenVault(MemoryKeyring()))
    try:
        await ctx.opiq.sign_in_with_password("mari.maasikas", "salasõna")
        assert ctx.opiq.status().user == "Mari Maasikas"
        assert ctx.opiq.session.tokens.renewable
        assert not ctx.http.cookies  # the provider's cookies stayed with the played browser
    finally:
        await ctx.aclose()


# -- a bad ID token ends the sign-in ---------------------------------------------------------

def _payload_changed(token: str) -> str:
    head, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["name"] = "Jüri Juurikas"
    changed = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{head}.{changed}.{signature}"


def _signed_by_another_key(token: str) -> str:
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims, other, algorithm="RS256", headers={"kid": header["kid"]})


def _unsigned(token: str) -> str:
    return jwt.encode(jwt.decode(token, options={"verify_signature": False}), None,
                      algorithm="none")


class _Tamper(httpx.AsyncBaseTransport):
    """The network between the program and the provider, changing the ID token of every
    token answer."""

    def __init__(self, change: Callable[[str], str]) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.change = change

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method != "POST" or request.url.path != "/token":
            return response
        await response.aread()
        body = json.loads(response.content)
        if "id_token" in body:
            body["id_token"] = self.change(body["id_token"])
        return httpx.Response(response.status_code, json=body)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.mark.parametrize(("change", "reason"), [
    (_payload_changed, "its signature does not verify"),
    (_signed_by_another_key, "its signature does not verify"),
    (_unsigned, "it is signed with 'none'"),
])
async def test_a_tampered_id_token_ends_the_sign_in(issuer, tmp_path, change, reason):
    paths = AppPaths.under(tmp_path)
    use_profile(paths, CLIENTS["public"].system(issuer))
    backend = MemoryKeyring()
    http = httpx.AsyncClient(transport=_Tamper(change), follow_redirects=False)
    ctx = await build_context(paths, vault=TokenVault(backend), http=http)
    try:
        person = Browser()
        with pytest.raises(IdTokenInvalid) as refused:
            await ctx.opiq.sign_in_browser(person)
        pages = await person.pages()
        assert not ctx.opiq.signed_in and not ctx.opiq.status().signed_in
    finally:
        await ctx.aclose()
    assert reason in str(refused.value) and issuer in str(refused.value)
    assert pages[0].status_code == 400 and FAILURE_EN in pages[0].text
    assert backend.secrets == {}  # nothing of the refused sign-in is kept


# -- the emulator's HarID: confidential, no refresh tokens -----------------------------------

async def test_harid_confidential_client_without_refresh_tokens(tmp_path):
    with EmbeddedServer(tmp_path / "emulator", make_world=small_world, idp="harid") as server:
        async with httpx.AsyncClient(timeout=30) as http:
            harid = (await http.get(f"{server.url}/practice/info")).json()["harid"]
        systems = {name: SystemProfile(api_url=f"{server.url}/{name}", issuer=harid["issuer"],
                                       client_id=harid["client_id"],
                                       scopes=("openid", "profile"))
                   for name in ("opiq", "ekool")}
        paths = AppPaths.under(tmp_path / "home")
        use_profile(paths, systems["opiq"], systems["ekool"])
        backend = MemoryKeyring()
        vault = TokenVault(backend)
        for name in systems:
            await vault.put_secret(PROFILE, name, harid["client_secret"])
        seen = [harid["client_secret"]]

        ctx = await build_context(paths, vault=vault)
        try:
            person = Browser(password="harjutus")
            await ctx.opiq.sign_in_browser(person)
            assert (await person.pages())[0].status_code == 200
            assert person.opened[0].startswith(f"{server.url}/harid/et/authorizations/new?")
            await ctx.ekool.sign_in_with_password("mari.maasikas", "harjutus")
            for connection in (ctx.opiq, ctx.ekool):
                status = connection.status()
                assert status.user == "Mari Maasikas" and status.renewable is False
                assert connection.identity.source == "api"  # the APIs take HarID's token
                assert connection.session.tokens.claims["iss"] == harid["issuer"]
                seen += secrets_of(connection.session.tokens)
            assert (await ctx.opiq.client.me()).id == "opq-usr-1"
            assert {k[1] for k in backend.secrets} == {
                f"{PROFILE}:{s}{suffix}" for s in systems
                for suffix in (":access", ":client_secret")}
        finally:
            await ctx.aclose()

        ctx = await build_context(paths, vault=TokenVault(backend))
        try:
            assert await ctx.opiq.restore() and await ctx.ekool.restore()
            assert ctx.opiq.status().user == "Mari Maasikas"
            await ctx.opiq.sign_out()  # HarID has no revocation: forgotten here all the same
            await ctx.ekool.sign_out()
            assert {k[1] for k in backend.secrets} == {
                f"{PROFILE}:{s}:client_secret" for s in systems}
        finally:
            await ctx.aclose()

        # A kept access token that has run out asks for a new sign-in.
        stale = {"access_token": "x", "expires_at": time.time() - 1, "scope": "openid"}
        backend.secrets[(SERVICE, f"{PROFILE}:opiq:access")] = json.dumps(stale)
        ctx = await build_context(paths, vault=TokenVault(backend))
        try:
            assert not await ctx.opiq.restore()
            assert (SERVICE, f"{PROFILE}:opiq:access") not in backend.secrets
        finally:
            await ctx.aclose()
    assert holding(tmp_path / "home", seen) == []


# -- the command line: profile import, use, login --no-browser, status ----------------------

linux_only = pytest.mark.skipif(
    sys.platform != "linux",
    reason="the program's folders are pointed elsewhere through XDG variables")


@linux_only
@pytest.mark.parametrize("kind", list(CLIENTS))
async def test_the_command_line_signs_in_through_oidc_provider(issuer, kind, tmp_path,
                                                              monkeypatch, capsys):
    client = CLIENTS[kind]
    keyring_dir = tmp_path / "keyring"
    keyring_dir.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(keyring.core, "_keyring_backend", FileKeyring(keyring_dir))
    system = {"api_url": issuer, "client_id": client.client_id, "scopes": list(client.scopes),
              "auth_params": dict(client.auth_params)}
    if client.secret:
        system["client_secret"] = client.secret
    handed_out = tmp_path / "profile.json"
    handed_out.write_text(json.dumps({"name": PROFILE, "opiq": system, "ekool": system}),
                          encoding="utf-8")
    assert await asyncio.to_thread(main, ["profile", "import", str(handed_out)]) == 0
    assert await asyncio.to_thread(main, ["profile", "use", PROFILE]) == 0
    capsys.readouterr()
    handed_out.unlink()  # the secret was in it; it is handed out, not kept

    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "test_signin_processes.FileKeyring",
           "OPIQ_TEST_KEYRING_DIR": str(keyring_dir),
           "PYTHONPATH": os.pathsep.join(
               p for p in (str(TESTS), os.environ.get("PYTHONPATH", "")) if p)}
    login = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "opiq_admin", "login", "opiq", "--no-browser", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    said = []
    address = None
    while address is None:
        line = (await asyncio.wait_for(login.stderr.readline(), 60)).decode()
        assert line, f"login ended without an address: {said}"
        said.append(line)
        if line.startswith("http"):
            address = line.strip()
    page = await walk(address, "mari.maasikas", "salasõna")
    _, rest = await asyncio.wait_for(login.communicate(), 60)
    assert login.returncode == 0, [*said, rest.decode()]
    assert page.status_code == 200 and SUCCESS_EN in page.text
    assert address.startswith(f"{issuer}/auth?")

    status = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "opiq_admin", "status", "--json", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(status.communicate(), 60)
    assert status.returncode == 0, err.decode()
    document = json.loads(out)
    assert document["opiq"]["signed_in"] is True, err.decode()
    assert document["opiq"]["user"] == "Mari Maasikas"
    assert document["opiq"]["renewable"] is client.renewable
    assert document["opiq"]["expires_at"]
    kept = [p.read_text(encoding="utf-8") for p in keyring_dir.iterdir()]
    secrets = [client.secret or "", *kept,
               *(json.loads(k)["access_token"] for k in kept if k.startswith("{"))]
    assert holding(tmp_path / "config", secrets) == []
    assert holding(tmp_path / "data", secrets) == []
