"""Signing in over real loopback HTTP: the test plays the browser against the emulator."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import time
from urllib.parse import parse_qs, parse_qsl, quote, urlsplit

import httpx
import pytest
from support_clients import CLIENT_ID

from opiq_admin.services.clients.http import RetryPolicy, make_http_client
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.config.settings import SystemProfile
from opiq_admin.services.errors import (
    InsecureUrl,
    NotSignedIn,
    ServerError,
    SignInServerUnusable,
)
from opiq_admin.services.signin.loopback import (
    FAILURE_EN,
    SUCCESS_EN,
    SUCCESS_ET,
    LoopbackListener,
)
from opiq_admin.services.signin.oauth import (
    InvalidGrant,
    IssuerMismatch,
    OAuthFlow,
    Session,
    SignInExpired,
    SignInRefused,
    Tokens,
    browser_sign_in,
    pkce_pair,
    practice_sign_in,
)


async def _authorize(http: httpx.AsyncClient, url: str, username: str = "mari.maasikas",
                     password: str = "harjutus") -> str:
    """A person in a browser: open the form, fill it in, answer where it redirects."""
    page = await http.get(url)
    assert page.status_code == 200 and "<form" in page.text
    query = dict(parse_qs(urlsplit(url).query))
    form = {k: v[0] for k, v in query.items()}
    answer = await http.post(url, data={**form, "username": username, "password": password,
                                        "action": "sign_in"})
    assert answer.status_code == 302
    return answer.headers["location"]


def test_pkce_challenge_is_s256_of_the_verifier() -> None:
    verifier, challenge = pkce_pair()
    assert 43 <= len(verifier) <= 128
    digest = hashlib.sha256(verifier.encode()).digest()
    assert challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert pkce_pair()[0] != verifier


def test_tokens_never_show_in_repr() -> None:
    tokens = Tokens("secret-access", "secret-refresh", time.time() + 300, "opiq.admin")
    assert "secret" not in repr(tokens)


async def test_plain_http_authorization_server_elsewhere_is_refused() -> None:
    async with httpx.AsyncClient() as http:
        with pytest.raises(InsecureUrl):
            OAuthFlow("http://opiq.example.com", CLIENT_ID, http)


async def test_browser_sign_in_with_the_test_as_the_browser(fresh_emulator) -> None:
    pages: list[httpx.Response] = []
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        tasks = []

        async def browse(url: str) -> None:
            location = await _authorize(http, url)
            pages.append(await http.get(location))

        def opener(url: str) -> bool:
            tasks.append(asyncio.create_task(browse(url)))
            return True

        tokens = await browser_sign_in(flow, opener=opener, timeout=10)
        await asyncio.gather(*tasks)
        client = OpiqClient(f"{fresh_emulator.url}/opiq", http=http, token=Session(flow, tokens))
        me = await client.me()
        with pytest.raises(httpx.ConnectError):  # the listener is gone after one answer
            await http.get(str(pages[0].url))
    assert me.id == "opq-usr-1"
    assert tokens.expires_at > time.time() + 200 and tokens.scope
    assert pages[0].status_code == 200
    assert SUCCESS_ET in pages[0].text and SUCCESS_EN in pages[0].text


async def test_when_no_browser_opens_the_url_is_shown(fresh_emulator) -> None:
    shown: list[str] = []
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/ekool", CLIENT_ID, http)

        def show(url: str) -> None:
            shown.append(url)
            asyncio.get_running_loop().create_task(_follow(http, url))

        tokens = await browser_sign_in(flow, opener=lambda url: False, show_url=show, timeout=10)
    assert len(shown) == 1 and "code_challenge_method=S256" in shown[0]
    assert tokens.access_token


async def _follow(http: httpx.AsyncClient, url: str) -> None:
    await http.get(await _authorize(http, url))


async def test_practice_sign_in_and_wrong_password(fresh_emulator) -> None:
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        tokens = await practice_sign_in(flow, "mari.maasikas", "harjutus")
        with pytest.raises(SignInRefused) as err:
            await practice_sign_in(flow, "mari.maasikas", "vale")
    assert tokens.access_token and tokens.refresh_token
    assert err.value.code == "access_denied"


async def test_wrong_state_is_refused_and_the_real_answer_still_awaited(fresh_emulator) -> None:
    """A forged answer (another state) or a stray request is answered 400 at once; the
    listener goes on waiting, and the real answer signs in. Its code works once only."""
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        url, listener = await flow.begin()
        verifier = flow._pending.verifier
        location = await _authorize(http, url)
        forged = await http.get(location.replace("state=", "state=x"))
        stray = await http.get(listener.redirect_uri)
        completing = asyncio.ensure_future(flow.complete(timeout=5))
        real = await http.get(location)
        tokens = await completing
        code = parse_qs(urlsplit(location).query)["code"][0]
        with pytest.raises(InvalidGrant) as err:
            await flow.exchange_code(code, listener.redirect_uri, verifier)
    assert forged.status_code == 400 and "ebaõnnestus" in forged.text
    assert stray.status_code == 400
    assert real.status_code == 200 and SUCCESS_ET in real.text
    assert tokens.access_token
    assert err.value.code == "invalid_grant"
    assert "POST /opiq/oauth/token" in str(err.value)


async def test_refused_sign_in_reports_access_denied(fresh_emulator) -> None:
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        url, _ = await flow.begin()
        location = await _authorize(http, url, password="vale")
        completing = asyncio.ensure_future(flow.complete(timeout=5))
        page = await http.get(location)
        with pytest.raises(SignInRefused) as err:
            await completing
    assert err.value.code == "access_denied"
    assert page.status_code == 400 and FAILURE_EN in page.text


async def test_refresh_rotates_and_revoke_ends_tokens(fresh_emulator) -> None:
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        first = await practice_sign_in(flow, "mari.maasikas", "harjutus")
        second = await flow.refresh(first.refresh_token)
        with pytest.raises(InvalidGrant):
            await flow.refresh(first.refresh_token)
        await flow.revoke(second.access_token)
        client = OpiqClient(f"{fresh_emulator.url}/opiq", http=http,
                            token=_Fixed(second.access_token))
        with pytest.raises(NotSignedIn):
            await client.me()
        third = await flow.refresh(second.refresh_token)
        await flow.revoke(third.refresh_token)
        with pytest.raises(InvalidGrant):
            await flow.refresh(third.refresh_token)
        await flow.revoke("never-issued")  # answered 200 all the same
    assert second.access_token != first.access_token
    assert second.refresh_token != first.refresh_token


class _Fixed:
    def __init__(self, token: str) -> None:
        self.token = token

    async def access_token(self) -> str:
        return self.token

    async def refresh_after_401(self, rejected: str) -> str | None:
        return None


async def test_session_refreshes_before_expiry_and_after_401(fresh_emulator) -> None:
    kept: list[str] = []

    async def keep(token: str) -> None:  # the keyring layer's callback may be async
        kept.append(token)

    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        tokens = await practice_sign_in(flow, "mari.maasikas", "harjutus")
        nearly_expired = Tokens(tokens.access_token, tokens.refresh_token,
                                time.time() + 5, tokens.scope)
        session = Session(flow, nearly_expired, on_refresh_token_changed=keep)
        client = OpiqClient(f"{fresh_emulator.url}/opiq", http=http, token=session)
        await client.me()
        assert len(kept) == 1 and session.tokens.access_token != tokens.access_token
        await flow.revoke(session.tokens.access_token)  # the server forgets it early
        results = await asyncio.gather(client.me(), client.schools(), client.me())
        assert len(kept) == 2  # concurrent 401s share one refresh
        assert kept[-1] == session.tokens.refresh_token
        await session.sign_out()
        with pytest.raises(InvalidGrant):
            await flow.refresh(kept[-1])
        with pytest.raises(NotSignedIn):
            await client.me()
    assert results[0].id == "opq-usr-1"
    assert "signed_in=False" in repr(session)


async def test_listener_ignores_other_paths_and_times_out() -> None:
    async with LoopbackListener("/callback") as listener, httpx.AsyncClient() as http:
        other = await http.get(f"http://127.0.0.1:{listener.port}/favicon.ico")
        with pytest.raises(TimeoutError):
            await listener.wait(timeout=0.05)
    assert other.status_code == 404
    assert listener.redirect_uri.startswith("http://127.0.0.1:")


async def test_an_issuer_without_discovery_signs_in_by_the_old_layout(fresh_emulator) -> None:
    """No discovery document under `{url}/ekool/oauth`, no endpoints named: the program's
    first layout, the `/oauth` folder being taken as the base as before."""
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/ekool/oauth/", CLIENT_ID, http)
        tokens = await practice_sign_in(flow, "mari.maasikas", "harjutus")
        endpoints = await flow.endpoints()
    assert endpoints.fallback and not endpoints.document
    assert endpoints.token_endpoint == f"{fresh_emulator.url}/ekool/oauth/token"
    assert endpoints.issuer == f"{fresh_emulator.url}/ekool"
    assert tokens.access_token


async def test_the_emulator_is_found_by_discovery(fresh_emulator) -> None:
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        endpoints = await flow.endpoints()
        assert await flow.endpoints() is endpoints  # once per run
    assert not endpoints.fallback
    assert endpoints.document == \
        f"{fresh_emulator.url}/opiq/.well-known/openid-configuration"
    assert endpoints.jwks_uri == f"{fresh_emulator.url}/opiq/oauth/jwks"
    assert endpoints.iss_in_redirect


# -- discovery, client authentication and token answers, against a server made up here ------

ISSUER = "https://id.example.ee/tenant"


def _metadata(**change: object) -> dict:
    document = {"issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token", "jwks_uri": f"{ISSUER}/jwks",
                "token_endpoint_auth_methods_supported": ["client_secret_basic"]}
    document.update(change)
    return {k: v for k, v in document.items() if v is not None}


def _server(routes: dict[str, object], seen: list[httpx.Request] | None = None
            ) -> httpx.AsyncClient:
    """An HTTP client whose server answers `routes` (path → JSON body, or a status), 404
    elsewhere."""
    def reply(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        answer = routes.get(request.url.path)
        if answer is None:
            return httpx.Response(404, text="Not Found")
        if isinstance(answer, int):
            return httpx.Response(answer, json={"error": "x"})
        if callable(answer):
            return answer(request)
        return httpx.Response(200, json=answer)
    return httpx.AsyncClient(transport=httpx.MockTransport(reply))


FAST_RETRY = RetryPolicy(attempts=2, base_delay=0.001, max_delay=0.002)


def _flow(http: httpx.AsyncClient, **kwargs: object) -> OAuthFlow:
    system = SystemProfile(api_url="https://api.example.ee", issuer=ISSUER, **kwargs)
    return OAuthFlow.for_system(system, http, retry=FAST_RETRY)


async def test_discovery_tries_oidc_then_rfc8414_addresses_in_order() -> None:
    seen: list[httpx.Request] = []
    rfc8414 = "/.well-known/oauth-authorization-server/tenant"
    async with _server({rfc8414: _metadata()}, seen) as http:
        endpoints = await _flow(http).endpoints()
    assert [r.url.path for r in seen] == ["/tenant/.well-known/openid-configuration",
                                          "/tenant/.well-known/oauth-authorization-server",
                                          rfc8414]
    assert endpoints.document == f"https://id.example.ee{rfc8414}"
    assert endpoints.token_endpoint == f"{ISSUER}/token" and not endpoints.fallback


async def test_a_profiles_endpoint_overrides_the_discovered_one() -> None:
    async with _server({"/tenant/.well-known/openid-configuration": _metadata()}) as http:
        endpoints = await _flow(http, token_endpoint="https://other.example.ee/t").endpoints()
    assert endpoints.token_endpoint == "https://other.example.ee/t"
    assert endpoints.authorization_endpoint == f"{ISSUER}/authorize"


@pytest.mark.parametrize(("document", "words"), [
    (_metadata(issuer="https://evil.example.com"),
     "names the issuer 'https://evil.example.com', not https://id.example.ee/tenant"),
    (_metadata(token_endpoint="http://id.example.ee/token"),
     "token_endpoint in the discovery document at https://id.example.ee/tenant/.well-known/"
     "openid-configuration cannot be used: refusing plain http"),
    (_metadata(token_endpoint=None), "names no token endpoint"),
])
async def test_a_discovery_document_that_cannot_be_used_says_what_and_where(document, words):
    async with _server({"/tenant/.well-known/openid-configuration": document}) as http:
        with pytest.raises(SignInServerUnusable) as err:
            await _flow(http).endpoints()
    assert words in str(err.value)


async def test_no_document_and_only_some_endpoints_named_is_a_clear_error() -> None:
    async with _server({}) as http:
        with pytest.raises(SignInServerUnusable) as err:
            await _flow(http, token_endpoint=f"{ISSUER}/token").endpoints()
    assert str(err.value) == (
        f"sign-in server {ISSUER}: the sign-in server at {ISSUER} answered no discovery "
        "document and the profile names no authorization endpoint")


async def test_no_document_and_no_old_layout_either_is_a_clear_error() -> None:
    async with _server({}) as http:
        flow = _flow(http)
        assert (await flow.endpoints()).fallback
        with pytest.raises(SignInServerUnusable) as err:
            await flow.refresh("rt")
    assert "answered no discovery document and the profile names no endpoints" in \
        str(err.value)


async def test_an_unreachable_discovery_is_not_cached() -> None:
    calls = []

    def down_then_up(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) <= 2:
            return httpx.Response(503, json={"error": "x"})
        return httpx.Response(200, json=_metadata())

    async with _server({"/tenant/.well-known/openid-configuration": down_then_up}) as http:
        flow = _flow(http)
        with pytest.raises(ServerError):
            await flow.endpoints()
        assert (await flow.endpoints()).token_endpoint == f"{ISSUER}/token"


def _token_route(answer: dict, seen: list[httpx.Request]):
    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answer)
    return reply


@pytest.mark.parametrize(("methods", "expected"), [
    (None, "basic"), (["client_secret_basic", "client_secret_post"], "basic"),
    (["client_secret_post"], "post"), (["private_key_jwt", "client_secret_post"], "post")])
async def test_a_confidential_client_authenticates_as_the_server_takes_it(methods, expected):
    seen: list[httpx.Request] = []
    routes = {"/tenant/.well-known/openid-configuration":
              _metadata(token_endpoint_auth_methods_supported=methods),
              "/tenant/token": _token_route({"access_token": "at", "token_type": "bearer"},
                                            seen)}
    async with _server(routes) as http:
        system = SystemProfile(api_url="https://api.example.ee", issuer=ISSUER,
                               client_id="opiq admin")
        flow = OAuthFlow.for_system(system, http, client_secret="sala+dus:1",
                                    retry=FAST_RETRY)
        await flow.refresh("rt")
    form = dict(parse_qsl(seen[0].content.decode()))
    if expected == "basic":
        assert seen[0].headers["Authorization"] == "Basic " + base64.b64encode(
            b"opiq+admin:sala%2Bdus%3A1").decode()
        assert "client_id" not in form and "client_secret" not in form
    else:
        assert "Authorization" not in seen[0].headers
        assert form["client_id"] == "opiq admin" and form["client_secret"] == "sala+dus:1"


async def test_token_answers_without_refresh_token_or_expiry() -> None:
    seen: list[httpx.Request] = []
    answers = iter([{"access_token": "at-1", "token_type": "Bearer"},
                    {"access_token": "at-2", "token_type": "Bearer", "expires_in": 60}])

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=next(answers))

    routes = {"/tenant/.well-known/openid-configuration": _metadata(),
              "/tenant/token": reply}
    async with _server(routes) as http:
        flow = _flow(http)
        before = time.time()
        first = await flow.refresh("rt-kept")
        second = await flow.refresh("rt-kept")
    # A refresh answer without a refresh token keeps the old one; no expiry: short-lived.
    assert first.refresh_token == "rt-kept" and not first.expiry_known
    assert before + 299 <= first.expires_at <= time.time() + 301
    assert second.expiry_known and second.expires_at <= time.time() + 61
    no_refresh = Tokens.from_response("t", {"access_token": "a"}, 0.0)
    assert not no_refresh.renewable and no_refresh.refresh_token is None


async def test_a_sign_in_without_refresh_token_ends_with_its_access_token() -> None:
    async with _server({}) as http:
        flow = _flow(http)
        tokens = Tokens("at", None, time.time() + 100)
        session = Session(flow, tokens)
        assert await session.access_token() == "at"  # used to its end, not renewed
        assert await session.refresh_after_401("at") is None  # refused: nothing to renew
        assert not session.signed_in
        session = Session(flow, Tokens("at", None, time.time() - 1))
        with pytest.raises(SignInExpired):
            await session.access_token()


@pytest.mark.parametrize("change", ["other", "missing"])
async def test_an_answer_from_another_issuer_ends_the_sign_in(fresh_emulator, change) -> None:
    """RFC 9207: the emulator names itself in every redirect (and says so in its metadata),
    so an answer naming another issuer, or none, is not exchanged."""
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        url, _ = await flow.begin()
        location = await _authorize(http, url)
        issuer = f"iss={quote(f'{fresh_emulator.url}/opiq', safe='')}"
        assert issuer in location
        location = location.replace(issuer, "iss=https%3A%2F%2Fevil.example.com"
                                    if change == "other" else "x=y")
        completing = asyncio.ensure_future(flow.complete(timeout=5))
        page = await http.get(location)
        with pytest.raises(IssuerMismatch) as err:
            await completing
    assert page.status_code == 400
    assert err.value.code == ("iss_mismatch" if change == "other" else "iss_missing")
