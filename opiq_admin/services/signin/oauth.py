"""Signing in to Opiq and eKool: OAuth 2.0 authorization code with PKCE, loopback redirect.

The program is a public client (RFC 8252): it has no secret, so every sign-in carries a
fresh PKCE verifier (S256, RFC 7636) and a random `state` that the redirect must bring back
unchanged; a mismatched state ends the sign-in before any code is exchanged. Tokens never
reach a log: `Tokens` hides them from `repr`, and errors carry only the server's words.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import inspect
import logging
import secrets
import time
import webbrowser
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from opiq_admin.services.clients.http import (
    ApiClient,
    RetryPolicy,
    error_from_response,
    json_body,
    send_retrying,
)
from opiq_admin.services.errors import ApiError, InvalidRequest, MalformedResponse, NotSignedIn
from opiq_admin.services.signin.form import parse_sign_in_form
from opiq_admin.services.signin.loopback import CallbackResult, LoopbackListener

log = logging.getLogger(__name__)


class AuthError(NotSignedIn):
    """A sign-in or token call that did not leave the program signed in."""

    summary = "signing in did not succeed"


class SignInRefused(AuthError):
    summary = "the sign-in was refused"


class StateMismatch(AuthError):
    summary = "the sign-in answer did not belong to this sign-in (state mismatch); ignored"


class SignInTimedOut(AuthError):
    summary = "no sign-in answer arrived in time"


class InvalidGrant(AuthError):
    summary = "the code or refresh token was not accepted; sign in again"


@dataclass(frozen=True)
class Tokens:
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: float  # seconds since the epoch, on this computer's clock
    scope: str = ""

    @classmethod
    def from_response(cls, call: str, body: Any, now: float) -> Tokens:
        if not isinstance(body, dict):
            raise MalformedResponse(call, 200, "unexpected_shape", "expected a token object")
        access, refresh = body.get("access_token"), body.get("refresh_token")
        expires_in, scope = body.get("expires_in"), body.get("scope") or ""
        if (not isinstance(access, str) or not access or not isinstance(refresh, str)
                or not isinstance(expires_in, int | float) or isinstance(expires_in, bool)
                or not isinstance(scope, str)):
            raise MalformedResponse(call, 200, "unexpected_shape",
                                    "access_token, refresh_token and expires_in are required")
        if str(body.get("token_type", "Bearer")).lower() != "bearer":
            raise MalformedResponse(call, 200, "unexpected_token_type",
                                    "only Bearer tokens are supported")
        return cls(access, refresh, now + float(expires_in), scope)

    def expires_within(self, seconds: float, now: float | None = None) -> bool:
        return (time.time() if now is None else now) + seconds >= self.expires_at


def pkce_pair() -> tuple[str, str]:
    """A fresh `(code_verifier, code_challenge)` with the S256 method."""
    verifier = secrets.token_urlsafe(64)[:96]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass
class _Pending:
    verifier: str
    state: str
    listener: LoopbackListener


class OAuthFlow:
    """One system's authorization server.

    `auth_base_url` is the system's base URL (e.g. `http://127.0.0.1:8000/opiq`), whose
    `/oauth/authorize`, `/oauth/token` and `/oauth/revoke` are the endpoints; the URL of the
    `/oauth` folder itself is taken too.
    """

    def __init__(self, auth_base_url: str, client_id: str, http: httpx.AsyncClient, *,
                 scope: str | None = None, callback_path: str = "/callback",
                 retry: RetryPolicy | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        # Token calls are retried like any other: a repeat of a code or refresh token that
        # did get through is answered invalid_grant, no worse than giving up at once.
        base = auth_base_url.rstrip("/")
        base = base.removesuffix("/oauth")  # the endpoints' own base is accepted as well
        self._api = ApiClient(base, http=http, token=None, retry=retry)
        self.base_url = self._api.base_url
        self.retry = self._api.retry
        self.client_id = client_id
        self.http = http
        self.scope = scope
        self.callback_path = callback_path
        self._clock = clock
        self._pending: _Pending | None = None

    def _call(self, method: str, path: str) -> str:
        return self._api.call_name(method, path)

    async def begin(self) -> tuple[str, LoopbackListener]:
        """Start listening for the redirect; answers the URL to open in a browser."""
        if self._pending is not None:
            await self._pending.listener.close()
        verifier, challenge = pkce_pair()
        state = secrets.token_urlsafe(24)
        listener = LoopbackListener(self.callback_path, expected_state=state)
        redirect_uri = await listener.start()
        self._pending = _Pending(verifier, state, listener)
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        if self.scope:
            params["scope"] = self.scope
        return f"{self.base_url}/oauth/authorize?{urlencode(params)}", listener

    async def complete(self, timeout: float = 300.0) -> Tokens:  # noqa: ASYNC109
        """Wait for the redirect, check it, and exchange its code for tokens."""
        pending = self._pending
        if pending is None:
            raise RuntimeError("begin() was not called")
        call = "sign-in redirect"
        try:
            result: CallbackResult = await pending.listener.wait(timeout)
        except TimeoutError as exc:
            raise SignInTimedOut(call, None, "timeout",
                                 f"waited {timeout:g} s for the browser") from exc
        finally:
            self._pending = None
            await pending.listener.close()
        if result.state != pending.state:
            raise StateMismatch(call, None, "state_mismatch",
                                "the answer's state differs from the one sent")
        if result.error is not None or result.code is None:
            raise SignInRefused(call, None, result.error or "no_code",
                                result.error_description or "no code in the answer")
        return await self.exchange_code(result.code, pending.listener.redirect_uri,
                                        pending.verifier)

    async def cancel(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending.listener.close()

    async def refresh(self, refresh_token: str) -> Tokens:
        """A new pair; the old refresh token stops working (rotation)."""
        return await self._token({"grant_type": "refresh_token", "refresh_token": refresh_token,
                                  "client_id": self.client_id})

    async def revoke(self, token: str) -> None:
        """RFC 7009; the server answers 200 whether or not it knew the token."""
        await self._api.request("POST", "/oauth/revoke", idempotency=False,
                                data={"token": token, "client_id": self.client_id})

    async def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> Tokens:
        """The token request of the authorization code grant (`complete` calls it)."""
        return await self._token({
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.client_id,
            "code_verifier": code_verifier,
        })

    async def _token(self, form: dict[str, str]) -> Tokens:
        call = self._call("POST", "/oauth/token")
        try:
            response = await self._api.request("POST", "/oauth/token", data=form,
                                               idempotency=False)
        except InvalidRequest as error:
            if error.code in ("invalid_grant", "invalid_client", "unauthorized_client"):
                raise InvalidGrant(call, error.status, error.code, error.message) from error
            raise
        except NotSignedIn as error:  # 401 invalid_client
            raise InvalidGrant(call, error.status, error.code, error.message) from error
        return Tokens.from_response(call, json_body(call, response), self._clock())


class Session:
    """The signed-in state of one system: a `TokenSource` for `ApiClient`.

    Refreshes the access token shortly before it expires and once after a `401`, one
    refresh at a time, and hands every new refresh token to `on_refresh_token_changed`
    so it can be kept (e.g. in the system keyring) before the old one is gone for good.

    `renew`, when given, does the refreshing instead: it takes the refresh token this
    session holds and answers the new pair, keeping the new refresh token itself. A
    connection passes one that works under a lock shared with other processes and may
    use a newer refresh token one of them left in the keyring.
    """

    def __init__(self, flow: OAuthFlow, tokens: Tokens, *,
                 on_refresh_token_changed: Callable[[str], Any] | None = None,
                 renew: Callable[[str], Awaitable[Tokens]] | None = None,
                 leeway: float = 30.0, clock: Callable[[], float] = time.time) -> None:
        self.flow = flow
        self._tokens: Tokens | None = tokens
        self._callback = on_refresh_token_changed
        self._renew = renew
        self._leeway = leeway
        self._clock = clock
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"Session({self.flow.base_url!r}, signed_in={self.signed_in})"

    @classmethod
    async def resume(cls, flow: OAuthFlow, refresh_token: str, *,
                     on_refresh_token_changed: Callable[[str], Any] | None = None,
                     leeway: float = 30.0) -> Session:
        """A session from a kept refresh token (raises `InvalidGrant` when it is stale)."""
        tokens = await flow.refresh(refresh_token)
        session = cls(flow, tokens, on_refresh_token_changed=on_refresh_token_changed,
                      leeway=leeway)
        await session._notify(tokens)
        return session

    @property
    def signed_in(self) -> bool:
        return self._tokens is not None

    @property
    def tokens(self) -> Tokens | None:
        return self._tokens

    async def _notify(self, tokens: Tokens) -> None:
        if self._callback is not None:
            try:
                result = self._callback(tokens.refresh_token)
                if inspect.isawaitable(result):
                    await result
            except Exception:  # a failing keyring must not end the session
                log.exception("keeping the new refresh token failed")

    async def _refresh_locked(self, current: Tokens) -> Tokens:
        if self._renew is not None:
            fresh = await self._renew(current.refresh_token)
            self._tokens = fresh
            return fresh
        fresh = await self.flow.refresh(current.refresh_token)
        self._tokens = fresh
        await self._notify(fresh)
        return fresh

    async def access_token(self) -> str:
        tokens = self._tokens
        if tokens is None:
            raise NotSignedIn(f"{self.flow.base_url}", None, "signed_out", "sign in first")
        if not tokens.expires_within(self._leeway, self._clock()):
            return tokens.access_token
        async with self._lock:
            tokens = self._tokens
            if tokens is None:
                raise NotSignedIn(f"{self.flow.base_url}", None, "signed_out", "sign in first")
            if not tokens.expires_within(self._leeway, self._clock()):
                return tokens.access_token
            try:
                return (await self._refresh_locked(tokens)).access_token
            except InvalidGrant:
                self._tokens = None
                raise
            except ApiError:
                if tokens.expires_within(0, self._clock()):
                    raise
                return tokens.access_token  # still valid; try refreshing next time

    async def refresh_after_401(self, rejected: str) -> str | None:
        async with self._lock:
            tokens = self._tokens
            if tokens is None:
                return None
            if tokens.access_token != rejected:
                return tokens.access_token  # another call refreshed meanwhile
            try:
                return (await self._refresh_locked(tokens)).access_token
            except InvalidGrant:
                self._tokens = None
                return None

    async def sign_out(self) -> None:
        """Revoke both tokens (best effort) and forget them."""
        tokens, self._tokens = self._tokens, None
        if tokens is None:
            return
        for token in (tokens.refresh_token, tokens.access_token):
            try:
                await self.flow.revoke(token)
            except ApiError as exc:
                log.warning("revoking a token failed: %s", exc)


async def browser_sign_in(flow: OAuthFlow, *,
                          opener: Callable[[str], bool] = webbrowser.open,
                          show_url: Callable[[str], Any] | None = None,
                          timeout: float = 300.0) -> Tokens:  # noqa: ASYNC109
    """Sign in through the system browser; `show_url` gets the URL if none could be opened."""
    url, _listener = await flow.begin()
    try:
        opened = opener(url)
    except Exception:
        log.exception("opening the browser failed")
        opened = False
    if not opened:
        if show_url is None:
            await flow.cancel()
            raise SignInRefused("sign-in", None, "no_browser",
                                "no browser could be opened; open the sign-in address by hand")
        show_url(url)
    return await flow.complete(timeout)


async def practice_sign_in(flow: OAuthFlow, username: str, password: str,
                           timeout: float = 30.0) -> Tokens:  # noqa: ASYNC109
    """Sign in without a browser by playing one: for practice mode and tests.

    Fetches the sign-in form, posts it back with the credentials, and follows the
    redirect to the loopback listener, so the whole real flow runs, PKCE and state included.
    """
    url, listener = await flow.begin()
    try:
        page = await _browser_step(flow, "GET", url)
        if page.status_code != 200:
            raise error_from_response(flow._call("GET", "/oauth/authorize"), page)
        form = parse_sign_in_form(page.text, str(page.url))
        answer = await _browser_step(flow, form.method, form.action,
                                     form.filled(username, password))
        location = answer.headers.get("Location")
        if answer.status_code >= 400:
            raise error_from_response(flow._call("POST", "/oauth/authorize"), answer)
        if answer.status_code not in (301, 302, 303, 307) or not location:
            raise SignInRefused(flow._call("POST", "/oauth/authorize"), answer.status_code,
                                "access_denied", "wrong username or password")
        target = str(answer.url.join(location))
        if not target.startswith(listener.redirect_uri):
            raise SignInRefused(flow._call("POST", "/oauth/authorize"), answer.status_code,
                                "bad_redirect", "the sign-in redirected somewhere unexpected")
        await _browser_step(flow, "GET", target)
        return await flow.complete(timeout)
    finally:
        await flow.cancel()


async def _browser_step(flow: OAuthFlow, method: str, url: str,
                        form: dict[str, str] | None = None) -> httpx.Response:
    return await send_retrying(flow.http, method, url, call=f"{method} {httpx.URL(url).path}",
                               policy=flow.retry, data=form, follow_redirects=False)


__all__ = [
    "AuthError",
    "InvalidGrant",
    "LoopbackListener",
    "OAuthFlow",
    "Session",
    "SignInRefused",
    "SignInTimedOut",
    "StateMismatch",
    "Tokens",
    "browser_sign_in",
    "pkce_pair",
    "practice_sign_in",
]
