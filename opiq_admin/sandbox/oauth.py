"""The authorization servers: OAuth 2.0 authorization code with PKCE (RFC 6749, 7636, 8252)
and OpenID Connect on top (discovery, scopes, ID tokens, userinfo, RFC 9207's `iss`).

Each `oidc.Provider` gets the same endpoints at its own paths: Opiq and eKool at
`/{system}/oauth/...` with a public client, HarID (`--idp harid`) at HarID's paths with a
confidential one. Grants are kept by a hash of the token, never the token itself, and
persisted, so that a restarted emulator still honours the tokens a program holds in its
keyring.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
import time
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from opiq_admin.sandbox.oidc import (
    CLIENT_ID,
    EKOOL,
    OPIQ,
    Provider,
    Subject,
    authenticate_client,
    grant_scope,
    metadata,
    root_of,
)
from opiq_admin.sandbox.schemas import (
    HaridTokenAnswer,
    Jwks,
    OAuthError,
    ProviderMetadata,
    TokenAnswer,
    UserInfo,
)
from opiq_admin.sandbox.store import Store

CODE_TTL = 60
ACCESS_TTL = 300
REFRESH_TTL = 30 * 24 * 3600
# What a grant stored before scopes were asked for holds.
SCOPES = {p.name: p.default_scope for p in (OPIQ, EKOOL)}
_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")
MAX_NONCE = 512


class OAuthFailure(Exception):
    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


def _handle(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def loopback_uri(uri: str) -> bool:
    """RFC 8252 §7.3: plain http to a loopback host, on any port."""
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 — raises on a malformed port
    except ValueError:
        return False
    return (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "::1", "localhost")
            and not parts.fragment and not parts.username)


def _grant_base(system: str, subject: Subject, scope: str, auth_time: float
                ) -> dict[str, Any]:
    base = {"system": system, "sub": subject["sub"], "scope": scope, "auth_time": auth_time}
    if subject.get("links"):
        base["links"] = subject["links"]
    return base


class Grants:
    """Codes, access tokens and refresh tokens of every authorization server.

    A record holds its system, subject, granted scope and the time of the sign-in; a
    federated sign-in (HarID) also holds `links`, the subject on each system whose API
    accepts its access tokens (`federated`).
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        now = time.time()
        self._records = {h: r for h, r in store.oauth_all().items() if r["exp"] > now}
        self.federated: set[str] = set()  # systems whose access tokens the APIs accept

    def _save(self, changes: dict[str, dict[str, Any] | None]) -> None:
        now = time.time()
        for handle, record in list(self._records.items()):
            if record["exp"] <= now:
                changes.setdefault(handle, None)
        for handle, change in changes.items():
            if change is None:
                self._records.pop(handle, None)
            else:
                self._records[handle] = change
        self._store.oauth_put(changes)

    def issue_code(self, system: str, subject: Subject, redirect_uri: str, challenge: str,
                   scope: str, nonce: str | None) -> str:
        code = secrets.token_urlsafe(32)
        record = {**_grant_base(system, subject, scope, time.time()), "type": "code",
                  "redirect_uri": redirect_uri, "challenge": challenge,
                  "exp": time.time() + CODE_TTL}
        if nonce:
            record["nonce"] = nonce
        self._save({_handle(code): record})
        return code

    def _pair(self, base: dict[str, Any], grant: str, refresh: bool
              ) -> tuple[dict[str, Any], dict[str, dict[str, Any] | None]]:
        access = secrets.token_urlsafe(32)
        now = time.time()
        base = {k: v for k, v in base.items()
                if k not in ("type", "exp", "redirect_uri", "challenge", "nonce")}
        base["grant"] = grant
        records: dict[str, dict[str, Any] | None] = {
            _handle(access): {**base, "type": "access", "exp": now + ACCESS_TTL}}
        answer = {"access_token": access, "token_type": "Bearer", "expires_in": ACCESS_TTL}
        if refresh:
            token = secrets.token_urlsafe(32)
            records[_handle(token)] = {**base, "type": "refresh", "exp": now + REFRESH_TTL}
            answer["refresh_token"] = token
        answer["scope"] = base.get("scope") or SCOPES.get(base["system"], "")
        return answer, records

    def _live(self, token: str | None, kind: str, system: str) -> dict[str, Any] | None:
        record = self._records.get(_handle(token)) if token else None
        if (record is None or record["type"] != kind or record["system"] != system
                or record["exp"] <= time.time()):
            return None
        return record

    def redeem(self, system: str, code: str | None, redirect_uri: str | None,
               verifier: str | None, *, refresh: bool = True
               ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The token answer for a code, and the grant it came from (for the ID token)."""
        record = self._live(code, "code", system)
        if record is None:
            raise OAuthFailure("invalid_grant", "The code is unknown, used or expired.")
        changes: dict[str, dict[str, Any] | None] = {_handle(code or ""): None}  # single use
        if redirect_uri != record["redirect_uri"]:
            self._save(changes)
            raise OAuthFailure("invalid_grant", "redirect_uri differs from the authorize call.")
        if record["challenge"] or verifier is not None:
            if not verifier or not _VERIFIER.fullmatch(verifier) or \
                    s256(verifier) != record["challenge"]:
                self._save(changes)
                raise OAuthFailure("invalid_grant", "The code_verifier does not match.")
        answer, records = self._pair(record, secrets.token_hex(8), refresh)
        self._save({**changes, **records})
        return answer, record

    def rotate(self, system: str, refresh_token: str | None
               ) -> tuple[dict[str, Any], dict[str, Any]]:
        record = self._live(refresh_token, "refresh", system)
        if record is None:
            raise OAuthFailure("invalid_grant", "The refresh token is unknown or used.")
        answer, records = self._pair(record, record["grant"], True)
        self._save({_handle(refresh_token or ""): None, **records})
        return answer, record

    def issue_access(self, system: str, subject: Subject, scope: str
                     ) -> tuple[dict[str, Any], dict[str, Any]]:
        """An access token straight from the authorization endpoint (the implicit flow)."""
        base = _grant_base(system, subject, scope, time.time())
        answer, records = self._pair(base, secrets.token_hex(8), False)
        self._save(records)
        return answer, base

    def revoke(self, system: str, token: str) -> None:
        record = self._records.get(_handle(token))
        if record is None or record["system"] != system:
            return
        changes: dict[str, dict[str, Any] | None] = {_handle(token): None}
        if record["type"] == "refresh":
            changes.update({h: None for h, r in self._records.items()
                            if r.get("grant") == record["grant"]})
        self._save(changes)

    def access(self, system: str, access_token: str | None) -> dict[str, Any] | None:
        """The grant of a live access token issued by `system` itself."""
        return self._live(access_token, "access", system)

    def subject(self, system: str, access_token: str) -> str | None:
        """Who a bearer token is on `system`'s API: its own tokens, or a federated one's."""
        record = self._live(access_token, "access", system)
        if record is not None:
            return record["sub"]
        for issuer in self.federated:
            record = self._live(access_token, "access", issuer)
            if record is not None:
                return (record.get("links") or {}).get(system)
        return None


# --- HTTP ----------------------------------------------------------------------------------

def _oauth_error(error: str, description: str, status: int = 400,
                 headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status,
                        headers=headers)


def _redirect(uri: str, *, fragment: bool = False, **params: str | None) -> RedirectResponse:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    if fragment:
        return RedirectResponse(f"{uri}#{query}", status_code=302)
    sep = "&" if urlsplit(uri).query else "?"
    return RedirectResponse(f"{uri}{sep}{query}", status_code=302)


_FORM = """<!doctype html><html lang="et"><head><meta charset="utf-8">
<title>{title} — sisselogimine</title></head><body>
<h1>{title}</h1><p>Harjutuskeskkond: andmed ei ole päris.</p>
<form method="post">{hidden}
<label>Kasutajanimi <input name="username" autocomplete="username" autofocus></label><br>
<label>Salasõna <input name="password" type="password" autocomplete="current-password">
</label><br><button name="action" value="sign_in">Logi sisse</button>
<button name="action" value="cancel">Katkesta</button></form></body></html>"""

Bearer = Annotated[HTTPAuthorizationCredentials | None,
                   Depends(HTTPBearer(auto_error=False, description="An OAuth access token"))]


@dataclass
class _Authorization:
    """An authorization request that passed the checks."""

    uri: str
    state: str | None
    issuer: str
    response_type: str
    scope: str
    nonce: str | None
    challenge: str

    @property
    def implicit(self) -> bool:
        return self.response_type != "code"

    def back(self, **params: str | None) -> RedirectResponse:
        """The redirect to the client, `state` and RFC 9207's `iss` included."""
        return _redirect(self.uri, fragment=self.implicit, **params, state=self.state,
                         iss=self.issuer)


def make_router(provider: Provider) -> APIRouter:
    """Authorize, token, revoke, userinfo, JWKS and discovery endpoints of one provider."""
    router = APIRouter(tags=[f"{provider.name} oauth"])
    name = provider.name

    def check(request: Request, params: dict[str, str]) -> _Authorization | Response:
        """The request when it may proceed; else the refusal (redirected when safe)."""
        uri = params.get("redirect_uri") or ""
        if params.get("client_id") != CLIENT_ID:
            return _oauth_error("invalid_client", "Unknown client_id.")
        if not loopback_uri(uri):
            return _oauth_error("invalid_request", "redirect_uri must be http on loopback.")
        issuer = provider.issuer(root_of(request.base_url))
        state = params.get("state")
        response_type = params.get("response_type") or ""
        if response_type not in provider.response_types:
            return _redirect(uri, error="unsupported_response_type", state=state, iss=issuer)
        nonce = params.get("nonce") or None
        ask = _Authorization(uri, state, issuer, response_type, "", nonce,
                             params.get("code_challenge") or "")
        method = params.get("code_challenge_method")
        if not ask.implicit and (not provider.confidential or method or ask.challenge) and (
                method != "S256" or not _CHALLENGE.fullmatch(ask.challenge)):
            return ask.back(error="invalid_request",
                            error_description="PKCE with S256 is required.")
        try:
            ask.scope = grant_scope(provider, params.get("scope"))
        except ValueError as unknown:
            return ask.back(error="invalid_scope", error_description=f"Unknown scope: {unknown}")
        if nonce is not None and len(nonce) > MAX_NONCE:
            return ask.back(error="invalid_request",
                            error_description=f"nonce is longer than {MAX_NONCE} characters.")
        if ask.implicit and ("openid" not in ask.scope.split() or not nonce):
            return ask.back(error="invalid_request",
                            error_description="The implicit flow needs scope openid and a nonce.")
        return ask

    def id_token(request: Request, grant: dict[str, Any], access_token: str | None,
                 nonce: bool) -> str | None:
        """The ID token of a grant whose scope has `openid`; None when it has not."""
        scope = set(str(grant.get("scope") or "").split())
        if "openid" not in scope:
            return None
        sandbox = request.app.state.sandbox
        person = provider.claims(sandbox.world, grant, scope)
        if person is None:
            raise OAuthFailure("invalid_grant", "The signed-in person no longer exists.")
        return sandbox.keys.id_token(provider, provider.issuer(root_of(request.base_url)),
                                     person, grant, access_token, nonce=nonce)

    @router.get(provider.authorize_path, response_model=None, responses={
        200: {"description": "The sign-in form",
              "content": {"text/html": {"schema": {"type": "string"}}}},
        302: {"description": "Refusal sent back to the client"},
        400: {"model": OAuthError}})
    async def authorize_form(
            request: Request, response_type: str | None = None, client_id: str | None = None,
            redirect_uri: str | None = None, state: str | None = None,
            code_challenge: str | None = None, code_challenge_method: str | None = None,
            scope: str | None = None, nonce: str | None = None,
    ) -> Response:
        params = dict(request.query_params)
        refusal = check(request, params)
        if not isinstance(refusal, _Authorization):
            return refusal
        hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                         for k, v in params.items())
        return HTMLResponse(_FORM.format(title=provider.title, hidden=hidden))

    @router.post(provider.authorize_path, responses={
        302: {"description": "Back to the client"}, 400: {"model": OAuthError}})
    async def authorize_submit(request: Request) -> Response:
        form = await request.form()
        params = {k: v for k, v in form.items() if isinstance(v, str)}
        ask = check(request, params)
        if not isinstance(ask, _Authorization):
            return ask
        sandbox = request.app.state.sandbox
        subject = None
        if params.get("action", "sign_in") != "cancel":
            subject = provider.sign_in(sandbox, params.get("username", ""),
                                       params.get("password", ""))
        if subject is None:
            return ask.back(error="access_denied")
        if not ask.implicit:
            code = sandbox.grants.issue_code(name, subject, ask.uri, ask.challenge, ask.scope,
                                             ask.nonce)
            return ask.back(code=code)
        # The implicit flow: the ID token (and an access token) in the fragment, no code.
        try:
            if "token" not in ask.response_type.split():
                grant = {**_grant_base(name, subject, ask.scope, time.time()),
                         "nonce": ask.nonce}
                return ask.back(id_token=id_token(request, grant, None, nonce=True))
            answer, grant = sandbox.grants.issue_access(name, subject, ask.scope)
            grant["nonce"] = ask.nonce
            return ask.back(access_token=answer["access_token"],
                            token_type="Bearer",  # noqa: S106 - the token type
                            expires_in=str(answer["expires_in"]), scope=answer["scope"],
                            id_token=id_token(request, grant, answer["access_token"],
                                              nonce=True))
        except OAuthFailure:
            return ask.back(error="access_denied")

    @router.post(provider.token_path,
                 response_model=HaridTokenAnswer if provider.confidential else TokenAnswer,
                 responses={400: {"model": OAuthError}, 401: {"model": OAuthError}})
    async def token(
            request: Request, grant_type: str | None = Form(None), code: str | None = Form(None),
            redirect_uri: str | None = Form(None), client_id: str | None = Form(None),
            client_secret: str | None = Form(None), code_verifier: str | None = Form(None),
            refresh_token: str | None = Form(None),
    ) -> Response:
        grants: Grants = request.app.state.sandbox.grants
        if provider.confidential:
            why = authenticate_client(provider, request.headers.get("authorization"),
                                      client_id, client_secret)
            if why is not None:
                return _oauth_error("invalid_client", why, 401, headers={
                    "WWW-Authenticate": f'Basic realm="{provider.title}"'})
        elif client_id != CLIENT_ID:
            return _oauth_error("invalid_client", "Unknown client_id.", 401)
        refresh = "refresh_token" in provider.grant_types
        try:
            if grant_type == "authorization_code":
                answer, grant = grants.redeem(name, code, redirect_uri, code_verifier,
                                              refresh=refresh)
            elif grant_type == "refresh_token" and refresh:
                answer, grant = grants.rotate(name, refresh_token)
            else:
                return _oauth_error("unsupported_grant_type", "Use " + " or ".join(
                    g for g in provider.grant_types if g != "implicit") + ".")
            token = id_token(request, grant, answer["access_token"],
                             nonce=grant_type == "authorization_code")
        except OAuthFailure as failure:
            return _oauth_error(failure.error, failure.description)
        if token is not None:
            answer["id_token"] = token
        return JSONResponse(answer, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    if provider.revocation_path:
        @router.post(provider.revocation_path,
                     responses={200: {"description": "Always, per RFC 7009"}})
        async def revoke(request: Request, token: str | None = Form(None),
                         client_id: str | None = Form(None)) -> Response:
            if token:
                request.app.state.sandbox.grants.revoke(name, token)
            return Response(status_code=200)

    def _invalid_token(description: str) -> JSONResponse:
        return _oauth_error("invalid_token", description, 401, headers={
            "WWW-Authenticate": f'Bearer error="invalid_token", '
                                f'error_description="{description}"'})

    async def userinfo(request: Request, authorization: Bearer = None) -> Response:
        """The signed-in person (OIDC Core §5.3) for a bearer access token of this issuer."""
        sandbox = request.app.state.sandbox
        access = authorization.credentials.strip() if authorization is not None else ""
        grant = sandbox.grants.access(name, access or None)
        if grant is None:
            return _invalid_token("The access token is missing, unknown or expired.")
        person = provider.claims(sandbox.world, grant,
                                 set(str(grant.get("scope") or "").split()))
        if person is None:
            return _invalid_token("The signed-in person no longer exists.")
        return JSONResponse(person, headers={"Cache-Control": "no-store"})

    for method in ("GET", "POST"):
        router.add_api_route(provider.userinfo_path, userinfo, methods=[method],
                             response_model=UserInfo, name=f"{name}_userinfo_{method.lower()}",
                             responses={401: {"model": OAuthError}})

    @router.get(provider.jwks_path, response_model=Jwks)
    async def jwks(request: Request) -> JSONResponse:
        """The public keys that verify this issuer's ID tokens (RFC 7517)."""
        return JSONResponse(request.app.state.sandbox.keys.jwks(name))

    async def discovery(request: Request) -> JSONResponse:
        """Provider metadata (OpenID Connect Discovery 1.0, RFC 8414)."""
        return JSONResponse(metadata(provider, root_of(request.base_url)))

    for path in (f"/{name}/.well-known/openid-configuration",
                 f"/{name}/.well-known/oauth-authorization-server",
                 f"/.well-known/oauth-authorization-server/{name}"):
        router.add_api_route(path, discovery, methods=["GET"], response_model=ProviderMetadata,
                             name=f"{name}_metadata_{path.split('/')[-1]}")

    return router
