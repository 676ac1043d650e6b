"""Signing in over real loopback HTTP: the test plays the browser against the emulator."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from support_clients import CLIENT_ID

from opiq_admin.services.clients.http import make_http_client
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.errors import InsecureUrl, NotSignedIn
from opiq_admin.services.signin.loopback import SUCCESS_EN, SUCCESS_ET, LoopbackListener
from opiq_admin.services.signin.oauth import (
    InvalidGrant,
    OAuthFlow,
    Session,
    SignInRefused,
    StateMismatch,
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


async def test_wrong_state_is_refused_and_no_code_is_spent(fresh_emulator) -> None:
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        url, listener = await flow.begin()
        verifier = flow._pending.verifier  # what a forger would not have is beside the point
        location = await _authorize(http, url)
        forged = location.replace("state=", "state=x")
        page = await http.get(forged)
        with pytest.raises(StateMismatch):
            await flow.complete(timeout=5)
        code = parse_qs(urlsplit(location).query)["code"][0]
        # The code was never exchanged: it still works once, and only once.
        tokens = await flow.exchange_code(code, listener.redirect_uri, verifier)
        with pytest.raises(InvalidGrant) as err:
            await flow.exchange_code(code, listener.redirect_uri, verifier)
    assert page.status_code == 400 and "ebaõnnestus" in page.text
    assert tokens.access_token
    assert err.value.code == "invalid_grant"
    assert "POST /opiq/oauth/token" in str(err.value)


async def test_refused_sign_in_reports_access_denied(fresh_emulator) -> None:
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/opiq", CLIENT_ID, http)
        url, _ = await flow.begin()
        location = await _authorize(http, url, password="vale")
        await http.get(location)
        with pytest.raises(SignInRefused) as err:
            await flow.complete(timeout=5)
    assert err.value.code == "access_denied"


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


async def test_the_oauth_folder_itself_is_taken_as_the_base(fresh_emulator) -> None:
    async with make_http_client() as http:
        flow = OAuthFlow(f"{fresh_emulator.url}/ekool/oauth/", CLIENT_ID, http)
        tokens = await practice_sign_in(flow, "mari.maasikas", "harjutus")
    assert flow.base_url == f"{fresh_emulator.url}/ekool"
    assert tokens.access_token
