"""Signing in to a system: OAuth 2.0 authorization code with PKCE over a loopback redirect,
and OpenID Connect where the sign-in server speaks it.

The endpoints come from the issuer's discovery document (`discovery.py`). Every sign-in
carries a fresh PKCE verifier (S256, RFC 7636) and a random `state` that the redirect must
bring back unchanged, and, when `openid` is among the scopes, a `nonce` its ID token must
carry. The redirect's `iss` (RFC 9207) must name the issuer. A confidential client
authenticates at the token and revocation endpoints with its secret (HTTP Basic, or in the
form where the server takes only that); PKCE stays on for it as for every client. An ID
token is verified (`idtoken.py`) before the sign-in counts.

Token answers are read as RFC 6749 allows them: without `refresh_token` the sign-in lasts as
long as the access token; without `expires_in` the access token is taken as short-lived
(`DEFAULT_LIFETIME`) and renewed, or asked for again, at the first 401; a refresh answer
without a new refresh token keeps the old one. Tokens never reach a log: `Tokens` hides them
from `repr`, and errors carry only the server's words.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import inspect
import logging
import secrets
import time
import webbrowser
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus, urlsplit

import httpx

from opiq_admin.services.clients.http import (
    RetryPolicy,
    check_base_url,
    error_from_response,
    json_body,
    send_retrying,
)
from opiq_admin.services.config.settings import SystemProfile
from opiq_admin.services.errors import (
    ApiError,
    ConnectionFailed,
    MalformedResponse,
    NotSignedIn,
    SignInServerUnusable,
)
from opiq_admin.services.i18n import _
from opiq_admin.services.signin.discovery import (
    NONE,
    POST,
    DiscoveryCache,
    ProviderEndpoints,
)
from opiq_admin.services.signin.form import next_form, parse_sign_in_form
from opiq_admin.services.signin.idtoken import IdTokenProblem, ProviderKeys, verify_id_token
from opiq_admin.services.signin.loopback import CallbackResult, LoopbackListener

log = logging.getLogger(__name__)

DEFAULT_LIFETIME = 300.0  # seconds: an access token whose answer gave no expires_in
REDIRECTS = (301, 302, 303, 307, 308)


class AuthError(NotSignedIn):
    """A sign-in or token call that did not leave the program signed in."""

    summary = "signing in did not succeed"


class SignInRefused(AuthError):
    summary = "the sign-in was refused"


class StateMismatch(AuthError):
    summary = "the sign-in answer did not belong to this sign-in (state mismatch); ignored"


class IssuerMismatch(AuthError):
    summary = "the sign-in answer did not come from the expected sign-in server (iss)"


class SignInTimedOut(AuthError):
    summary = "no sign-in answer arrived in time"


class InvalidGrant(AuthError):
    summary = "the code or refresh token was not accepted; sign in again"


class IdTokenInvalid(AuthError):
    summary = "the sign-in server's ID token did not pass the checks; the sign-in is ended"


class SignInExpired(AuthError):
    summary = "the sign-in has expired and cannot be renewed; sign in again"


def _lifetime(call: str, value: Any) -> float | None:
    """`expires_in` in seconds; None when the answer gave none."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():  # seen in the wild; lenient
        return float(value.strip())
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    raise MalformedResponse(call, 200, "unexpected_shape",
                            _("expires_in must be a number of seconds"))


@dataclass(frozen=True)
class Tokens:
    """A token answer as kept: `refresh_token` None when the server gave none (the sign-in
    cannot be renewed), `claims` those of the verified ID token, if one came."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    expires_at: float  # seconds since the epoch, on this computer's clock
    scope: str = ""
    id_token: str | None = field(default=None, repr=False)
    claims: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)
    expiry_known: bool = True  # False: the answer gave no expires_in; DEFAULT_LIFETIME taken

    @property
    def renewable(self) -> bool:
        return bool(self.refresh_token)

    @classmethod
    def from_response(cls, call: str, body: Any, now: float, *,
                      refresh_token: str | None = None) -> Tokens:
        """Read a token answer; `refresh_token` is kept when the answer brings no new one."""
        if not isinstance(body, dict):
            raise MalformedResponse(call, 200, "unexpected_shape",
                                    _("expected a token object"))
        access, refresh = body.get("access_token"), body.get("refresh_token")
        scope, id_token = body.get("scope") or "", body.get("id_token") or None
        if not isinstance(access, str) or not access:
            raise MalformedResponse(call, 200, "unexpected_shape",
                                    _("access_token is required"))
        if refresh is not None and not isinstance(refresh, str):
            raise MalformedResponse(call, 200, "unexpected_shape",
                                    _("refresh_token must be text"))
        if not isinstance(scope, str) or (id_token is not None
                                          and not isinstance(id_token, str)):
            raise MalformedResponse(call, 200, "unexpected_shape",
                                    _("scope and id_token must be text"))
        if str(body.get("token_type", "Bearer")).lower() != "bearer":
            raise MalformedResponse(call, 200, "unexpected_token_type",
                                    _("only Bearer tokens are supported"))
        lifetime = _lifetime(call, body.get("expires_in"))
        return cls(access, refresh or refresh_token,
                   now + (DEFAULT_LIFETIME if lifetime is None else lifetime), scope,
                   id_token, None, lifetime is not None)

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
    nonce: str | None
    listener: LoopbackListener


def _call(method: str, url: str) -> str:
    return f"{method} {httpx.URL(url).path}"


class OAuthFlow:
    """One system's sign-in server, found by its issuer.

    `issuer` is the server's issuer identifier (in practice mode the system's own address,
    e.g. `http://127.0.0.1:8000/opiq`); its discovery document names the endpoints
    (`discovery.py`). `for_system` takes issuer, client, scopes, authorization parameters
    and endpoints from a `SystemProfile`. `client_secret` makes it a confidential client.
    """

    def __init__(self, issuer: str, client_id: str, http: httpx.AsyncClient, *,
                 scopes: Iterable[str] = (),
                 auth_params: Mapping[str, str] | Iterable[tuple[str, str]] = (),
                 client_secret: str | None = None, system: SystemProfile | None = None,
                 discovery: DiscoveryCache | None = None, callback_path: str = "/callback",
                 retry: RetryPolicy | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        check_base_url(issuer)  # InsecureUrl: plain http to another computer
        self.issuer = issuer.rstrip("/")
        self.base_url = self.issuer
        self.client_id = client_id
        self.http = http
        self.scopes = tuple(scopes)
        self.auth_params = dict(auth_params)
        self.client_secret = client_secret or None
        self.system = system if system is not None else SystemProfile(
            api_url=self.issuer, issuer=self.issuer, client_id=client_id, scopes=self.scopes,
            auth_params=tuple(sorted(self.auth_params.items())))
        self.callback_path = callback_path
        # Token calls are retried like any other: a repeat of a code or refresh token that
        # did get through is answered invalid_grant, no worse than giving up at once.
        self.retry = retry or RetryPolicy()
        self._discovery = discovery if discovery is not None else DiscoveryCache()
        self._keys: dict[str, ProviderKeys] = {}
        self._clock = clock
        self._pending: _Pending | None = None

    @classmethod
    def for_system(cls, system: SystemProfile, http: httpx.AsyncClient, *,
                   client_secret: str | None = None, discovery: DiscoveryCache | None = None,
                   retry: RetryPolicy | None = None) -> OAuthFlow:
        return cls(system.sign_in_issuer, system.client_id, http, scopes=system.scopes,
                   auth_params=system.auth_params, client_secret=client_secret,
                   system=system, discovery=discovery, retry=retry)

    def __repr__(self) -> str:
        kind = "confidential" if self.client_secret else "public"
        return f"OAuthFlow({self.issuer!r}, {self.client_id!r}, {kind})"

    @property
    def wants_id_token(self) -> bool:
        return "openid" in self.scopes

    async def endpoints(self) -> ProviderEndpoints:
        """The server's endpoints, discovered once per run."""
        return await self._discovery.endpoints(self.system, self.http, retry=self.retry)

    # -- the authorization code grant --------------------------------------------------------
    async def begin(self) -> tuple[str, LoopbackListener]:
        """Start listening for the redirect; answers the URL to open in a browser."""
        endpoints = await self.endpoints()
        if self._pending is not None:
            await self._pending.listener.close()
            self._pending = None
        verifier, challenge = pkce_pair()
        state = secrets.token_urlsafe(24)
        nonce = secrets.token_urlsafe(24) if self.wants_id_token else None
        listener = LoopbackListener(self.callback_path, expected_state=state)
        redirect_uri = await listener.start()
        self._pending = _Pending(verifier, state, nonce, listener)
        params = {
            **self.auth_params,  # what the profile adds; the protocol's own come after
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        if self.scopes:
            params["scope"] = " ".join(self.scopes)
        if nonce is not None:
            params["nonce"] = nonce
        url = httpx.URL(endpoints.authorization_endpoint).copy_merge_params(params)
        return str(url), listener

    async def complete(self, timeout: float = 300.0) -> Tokens:  # noqa: ASYNC109
        """Wait for the redirect, check it, and exchange its code for tokens; the browser
        is answered the success page only when that worked."""
        pending = self._pending
        if pending is None:
            raise RuntimeError("begin() was not called")
        ok = False
        try:
            try:
                result: CallbackResult = await pending.listener.wait(timeout)
            except TimeoutError as exc:
                raise SignInTimedOut("sign-in redirect", None, "timeout",
                                     _("waited {seconds:g} s for the browser").format(
                                         seconds=timeout)) from exc
            tokens = await self._redeem(result, pending)
            ok = True
            return tokens
        finally:
            if self._pending is pending:
                self._pending = None
            await pending.listener.finish(ok)
            await pending.listener.close()

    async def _redeem(self, result: CallbackResult, pending: _Pending) -> Tokens:
        call = "sign-in redirect"
        if result.state != pending.state:
            raise StateMismatch(call, None, "state_mismatch",
                                _("the answer's state differs from the one sent"))
        endpoints = await self.endpoints()
        if result.iss is not None and result.iss != endpoints.issuer:
            raise IssuerMismatch(call, None, "iss_mismatch",
                                 _("the answer names the issuer {named!r}, not "
                                   "{issuer}; it is not used (RFC 9207)").format(
                                       named=result.iss, issuer=endpoints.issuer))
        if result.iss is None and endpoints.iss_in_redirect:
            raise IssuerMismatch(call, None, "iss_missing",
                                 _("{issuer} says it names itself in every answer, "
                                   "and this one does not; it is not used (RFC 9207)").format(
                                       issuer=endpoints.issuer))
        if result.error is not None or result.code is None:
            raise SignInRefused(call, None, result.error or "no_code",
                                result.error_description or _("no code in the answer"))
        return await self.exchange_code(result.code, pending.listener.redirect_uri,
                                        pending.verifier, nonce=pending.nonce)

    async def cancel(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending.listener.close()

    async def exchange_code(self, code: str, redirect_uri: str, code_verifier: str, *,
                            nonce: str | None = None) -> Tokens:
        """The token request of the authorization code grant (`complete` calls it); the ID
        token, if one comes, must carry `nonce` when one was sent."""
        return await self._token({
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
        }, nonce=nonce)

    async def refresh(self, refresh_token: str, *, subject: str | None = None) -> Tokens:
        """A new access token. A server that rotates refresh tokens sends a new one (the old
        stops working); one that does not keeps the old. An ID token that comes with it
        must be of the same person (`subject`, when known)."""
        tokens = await self._token({"grant_type": "refresh_token",
                                    "refresh_token": refresh_token},
                                   previous_refresh=refresh_token)
        if subject is not None and tokens.claims is not None \
                and tokens.claims.get("sub") != subject:
            raise IdTokenInvalid("ID token", None, "subject_changed",
                                 _("the renewed sign-in is of another person"))
        return tokens

    async def revoke(self, token: str, hint: str | None = None) -> bool:
        """RFC 7009 at the discovered revocation endpoint; False when the server has none.
        The server answers 200 whether or not it knew the token."""
        endpoints = await self.endpoints()
        if not endpoints.revocation_endpoint:
            return False
        form = {"token": token, **({"token_type_hint": hint} if hint else {})}
        headers, data = self._authenticate(form, endpoints)
        call = _call("POST", endpoints.revocation_endpoint)
        response = await send_retrying(self.http, "POST", endpoints.revocation_endpoint,
                                       call=call, policy=self.retry, headers=headers,
                                       data=data)
        if response.status_code >= 400:
            raise error_from_response(call, response)
        return True

    async def userinfo(self, access_token: str) -> dict[str, Any] | None:
        """The signed-in person's claims from the userinfo endpoint (OIDC Core §5.3); None
        when the server has none."""
        endpoints = await self.endpoints()
        if not endpoints.userinfo_endpoint:
            return None
        call = _call("GET", endpoints.userinfo_endpoint)
        response = await send_retrying(
            self.http, "GET", endpoints.userinfo_endpoint, call=call, policy=self.retry,
            headers={"Accept": "application/json", "Authorization": f"Bearer {access_token}"})
        if response.status_code >= 400:
            raise error_from_response(call, response)
        body = json_body(call, response)
        if not isinstance(body, dict) or not isinstance(body.get("sub"), str):
            raise MalformedResponse(call, response.status_code, "unexpected_shape",
                                    _("userinfo is an object with the user's sub"))
        return body

    def _authenticate(self, form: Mapping[str, str], endpoints: ProviderEndpoints
                      ) -> tuple[dict[str, str], dict[str, str]]:
        """Headers and form of a call to the token or revocation endpoint, the client
        authenticated as the server takes it (RFC 6749 §2.3.1)."""
        headers = {"Accept": "application/json"}
        data = dict(form)
        method = endpoints.client_auth_method(self.client_secret is not None)
        if method == NONE:
            data["client_id"] = self.client_id
        elif method == POST:
            data["client_id"] = self.client_id
            data["client_secret"] = self.client_secret or ""
        else:
            pair = f"{quote_plus(self.client_id)}:{quote_plus(self.client_secret or '')}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        return headers, data

    async def _token(self, form: dict[str, str], *, nonce: str | None = None,
                     previous_refresh: str | None = None) -> Tokens:
        endpoints = await self.endpoints()
        call = _call("POST", endpoints.token_endpoint)
        headers, data = self._authenticate(form, endpoints)
        response = await send_retrying(self.http, "POST", endpoints.token_endpoint, call=call,
                                       policy=self.retry, headers=headers, data=data)
        if response.status_code >= 400:
            error = error_from_response(call, response)
            if response.status_code == 404 and endpoints.fallback:
                raise SignInServerUnusable(
                    f"sign-in server {self.issuer}", 404, "no_endpoints",
                    _("the sign-in server at {issuer} answered no discovery document and "
                      "the profile names no endpoints ({endpoint} is not there "
                      "either)").format(issuer=self.issuer,
                                        endpoint=endpoints.token_endpoint)) from error
            if isinstance(error, NotSignedIn) or error.code in (
                    "invalid_grant", "invalid_client", "unauthorized_client"):
                raise InvalidGrant(call, error.status, error.code, error.message) from error
            raise error
        tokens = Tokens.from_response(call, json_body(call, response), self._clock(),
                                      refresh_token=previous_refresh)
        if tokens.id_token is not None:
            claims = await self._verify(tokens.id_token, endpoints, nonce)
            tokens = dataclasses.replace(tokens, claims=claims)
        return tokens

    async def _verify(self, id_token: str, endpoints: ProviderEndpoints,
                      nonce: str | None) -> dict[str, Any]:
        keys = None
        if endpoints.jwks_uri:
            keys = self._keys.get(endpoints.jwks_uri)
            if keys is None:
                keys = self._keys[endpoints.jwks_uri] = ProviderKeys(
                    endpoints.jwks_uri, self.http, retry=self.retry)
        try:
            return await verify_id_token(id_token, keys, issuer=endpoints.issuer,
                                         client_id=self.client_id, nonce=nonce,
                                         algorithms=endpoints.id_token_algorithms)
        except IdTokenProblem as problem:
            raise IdTokenInvalid("ID token", None, "invalid_id_token",
                                 _("the ID token from {issuer} was refused: "
                                   "{problem}").format(issuer=endpoints.issuer,
                                                       problem=problem)) from problem


class Session:
    """The signed-in state of one system: a `TokenSource` for `ApiClient`.

    Refreshes the access token shortly before it expires and once after a `401`, one
    refresh at a time, and hands every new refresh token to `on_refresh_token_changed`
    so it can be kept (e.g. in the system keyring) before the old one is gone for good.
    A sign-in without a refresh token is used until its access token expires or is refused,
    and then ends (`SignInExpired`): the person signs in again.

    `renew`, when given, does the refreshing instead: it takes the refresh token this
    session holds and answers the new tokens, keeping the new refresh token itself. A
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
        self._subject = tokens.claims.get("sub") if tokens.claims else None

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

    def _signed_out(self, code: str = "signed_out", message: str = "") -> NotSignedIn:
        return NotSignedIn(f"{self.flow.base_url}", None, code, message or _("sign in first"))

    async def _notify(self, tokens: Tokens) -> None:
        if self._callback is not None and tokens.refresh_token:
            try:
                result = self._callback(tokens.refresh_token)
                if inspect.isawaitable(result):
                    await result
            except Exception:  # a failing keyring must not end the session
                log.exception("keeping the new refresh token failed")

    async def _refresh_locked(self, current: Tokens) -> Tokens:
        assert current.refresh_token is not None
        if self._renew is not None:
            fresh = await self._renew(current.refresh_token)
        else:
            fresh = await self.flow.refresh(current.refresh_token, subject=self._subject)
            await self._notify(fresh)
        if fresh.claims is None and current.claims is not None:
            fresh = dataclasses.replace(fresh, claims=current.claims)
        self._tokens = fresh
        return fresh

    def _end(self) -> SignInExpired:
        self._tokens = None
        return SignInExpired(f"{self.flow.base_url}", None, "expired",
                             _("the server gave no refresh token, so the sign-in ends with "
                               "its access token"))

    async def access_token(self) -> str:
        tokens = self._tokens
        if tokens is None:
            raise self._signed_out()
        if not tokens.expires_within(self._leeway, self._clock()):
            return tokens.access_token
        async with self._lock:
            tokens = self._tokens
            if tokens is None:
                raise self._signed_out()
            if not tokens.expires_within(self._leeway, self._clock()):
                return tokens.access_token
            if not tokens.renewable:
                if not tokens.expires_within(0, self._clock()):
                    return tokens.access_token  # cannot be renewed: used to its end
                raise self._end()
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
            if not tokens.renewable:
                self._end()
                return None
            try:
                return (await self._refresh_locked(tokens)).access_token
            except InvalidGrant:
                self._tokens = None
                return None

    async def sign_out(self) -> None:
        """Revoke the tokens (best effort) and forget them."""
        tokens, self._tokens = self._tokens, None
        if tokens is not None:
            await revoke_all(self.flow, tokens.refresh_token, tokens.access_token)


async def revoke_all(flow: OAuthFlow, refresh_token: str | None,
                     access_token: str | None) -> None:
    """Revoke each token at the server, best effort: a server without revocation, or one
    that cannot be reached or refuses, is logged and passed over."""
    for token, hint in ((refresh_token, "refresh_token"), (access_token, "access_token")):
        if not token:
            continue
        try:
            if not await flow.revoke(token, hint):
                log.info("%s has no revocation endpoint; the sign-in is forgotten here only",
                         flow.issuer)
                return
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
                                _("no browser could be opened; open the sign-in address by "
                                  "hand"))
        show_url(url)
    return await flow.complete(timeout)


def _is_redirect_to(address: str, redirect_uri: str) -> bool:
    return urlsplit(address)._replace(query="", fragment="").geturl() == redirect_uri


async def walk_sign_in(browser: httpx.AsyncClient, url: str, redirect_uri: str,
                       username: str, password: str, *, retry: RetryPolicy,
                       max_steps: int = 12) -> str:
    """Play a person in a browser from the authorization address until the server sends
    them back to `redirect_uri`; answers that address (not visited).

    Follows redirects, fills in the sign-in form (the page's form with a password field)
    with the credentials, and sends any other form - a consent page - as it is. `browser`
    keeps the cookies, as a browser does. The same sign-in form shown again after the
    credentials were sent means they were wrong.
    """
    method, target, data = "GET", url, None
    sent_password = False
    for _step in range(max_steps):
        call = _call(method, target)
        response = await send_retrying(browser, method, target, call=call, policy=retry,
                                       data=data, follow_redirects=False)
        status = response.status_code
        if status in REDIRECTS:
            location = response.headers.get("Location")
            if not location:
                raise SignInRefused(call, status, "bad_redirect",
                                    _("the sign-in redirected without an address"))
            target = str(response.url.join(location))
            if _is_redirect_to(target, redirect_uri):
                return target
            if status not in (307, 308):
                method, data = "GET", None
            continue
        if status >= 400:
            raise error_from_response(call, response)
        form = next_form(response.text, str(response.url)) if status == 200 else None
        if form is None:
            raise SignInRefused(call, status, "no_form",
                                _("the sign-in page has no form to fill in"))
        if form.asks_password:
            if sent_password:
                raise SignInRefused(call, status, "access_denied",
                                    _("wrong username or password"))
            sent_password = True
        method, target, data = form.method, form.action, form.filled(username, password)
        if method == "GET":
            target, data = str(httpx.URL(target).copy_merge_params(data)), None
    raise SignInRefused("sign-in", None, "too_many_steps",
                        _("the sign-in did not come back after {pages} pages").format(
                            pages=max_steps))


async def practice_sign_in(flow: OAuthFlow, username: str, password: str,
                           timeout: float = 30.0, *,  # noqa: ASYNC109
                           browser: httpx.AsyncClient | None = None) -> Tokens:
    """Sign in without a browser by playing one: for practice mode and tests.

    Walks the sign-in server's pages (`walk_sign_in`: its sign-in form with the
    credentials, a consent form as it is) and then visits the loopback listener, so the
    whole real flow runs, PKCE, state, nonce, iss and the ID token's checks included.
    `browser` plays the browser (its cookie jar is the browser's); by default a client of
    its own, so no cookie of the sign-in server reaches the program's client.
    """
    url, listener = await flow.begin()
    player = browser if browser is not None else httpx.AsyncClient(
        follow_redirects=False, timeout=flow.http.timeout,
        headers={"User-Agent": "opiq-admin"})
    completing: asyncio.Future[Tokens] | None = None
    try:
        target = await walk_sign_in(player, url, listener.redirect_uri, username, password,
                                    retry=flow.retry)
        completing = asyncio.ensure_future(flow.complete(timeout))
        try:
            await player.get(target)  # answered once the outcome is known
        except httpx.HTTPError as exc:
            raise ConnectionFailed(f"GET {listener.path}", None, type(exc).__name__,
                                   str(exc) or "the loopback listener did not answer") from exc
        return await completing
    finally:
        if completing is not None:
            if not completing.done():
                completing.cancel()
                await asyncio.wait([completing])
            if not completing.cancelled():
                completing.exception()  # retrieved: the error raised here is the one said
        await flow.cancel()
        if browser is None:
            await player.aclose()


__all__ = [
    "DEFAULT_LIFETIME",
    "AuthError",
    "IdTokenInvalid",
    "InvalidGrant",
    "IssuerMismatch",
    "LoopbackListener",
    "OAuthFlow",
    "Session",
    "SignInExpired",
    "SignInRefused",
    "SignInTimedOut",
    "StateMismatch",
    "Tokens",
    "browser_sign_in",
    "parse_sign_in_form",
    "pkce_pair",
    "practice_sign_in",
    "revoke_all",
    "walk_sign_in",
]
