"""The two OAuth 2.0 authorization servers (authorization code + PKCE, RFC 6749/7636/8252).

Grants are kept by a hash of the token, never the token itself, and persisted, so that a
restarted emulator still honours the tokens a program holds in its keyring.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from opiq_admin.sandbox.schemas import OAuthError, TokenAnswer
from opiq_admin.sandbox.store import Store

CLIENT_ID = "opiq-admin"
CODE_TTL = 60
ACCESS_TTL = 300
REFRESH_TTL = 30 * 24 * 3600
SCOPES = {"opiq": "opiq.admin", "ekool": "roster.readonly profile"}
_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")


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


class Grants:
    """Codes, access tokens and refresh tokens of both systems."""

    def __init__(self, store: Store) -> None:
        self._store = store
        now = time.time()
        self._records = {h: r for h, r in store.oauth_all().items() if r["exp"] > now}

    def _save(self, changes: dict[str, dict[str, Any] | None]) -> None:
        now = time.time()
        for handle, record in list(self._records.items()):
            if record["exp"] <= now:
                changes.setdefault(handle, None)
        for handle, record in changes.items():
            if record is None:
                self._records.pop(handle, None)
            else:
                self._records[handle] = record
        self._store.oauth_put(changes)

    def issue_code(self, system: str, subject: str, redirect_uri: str, challenge: str) -> str:
        code = secrets.token_urlsafe(32)
        self._save({_handle(code): {
            "type": "code", "system": system, "sub": subject, "redirect_uri": redirect_uri,
            "challenge": challenge, "exp": time.time() + CODE_TTL}})
        return code

    def _pair(self, system: str, subject: str, grant: str) -> tuple[dict[str, Any], dict]:
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = time.time()
        base = {"system": system, "sub": subject, "grant": grant}
        records = {_handle(access): {**base, "type": "access", "exp": now + ACCESS_TTL},
                   _handle(refresh): {**base, "type": "refresh", "exp": now + REFRESH_TTL}}
        answer = {"access_token": access, "token_type": "Bearer", "expires_in": ACCESS_TTL,
                  "refresh_token": refresh, "scope": SCOPES[system]}
        return answer, records

    def _live(self, token: str | None, kind: str, system: str) -> dict[str, Any] | None:
        record = self._records.get(_handle(token)) if token else None
        if (record is None or record["type"] != kind or record["system"] != system
                or record["exp"] <= time.time()):
            return None
        return record

    def redeem(self, system: str, code: str | None, redirect_uri: str | None,
               verifier: str | None) -> dict[str, Any]:
        record = self._live(code, "code", system)
        if record is None:
            raise OAuthFailure("invalid_grant", "The code is unknown, used or expired.")
        changes: dict[str, dict[str, Any] | None] = {_handle(code or ""): None}  # single use
        if redirect_uri != record["redirect_uri"]:
            self._save(changes)
            raise OAuthFailure("invalid_grant", "redirect_uri differs from the authorize call.")
        if not verifier or not _VERIFIER.fullmatch(verifier) or \
                s256(verifier) != record["challenge"]:
            self._save(changes)
            raise OAuthFailure("invalid_grant", "The code_verifier does not match.")
        answer, records = self._pair(system, record["sub"], secrets.token_hex(8))
        self._save({**changes, **records})
        return answer

    def rotate(self, system: str, refresh_token: str | None) -> dict[str, Any]:
        record = self._live(refresh_token, "refresh", system)
        if record is None:
            raise OAuthFailure("invalid_grant", "The refresh token is unknown or used.")
        answer, records = self._pair(system, record["sub"], record["grant"])
        self._save({_handle(refresh_token or ""): None, **records})
        return answer

    def revoke(self, system: str, token: str) -> None:
        record = self._records.get(_handle(token))
        if record is None or record["system"] != system:
            return
        changes: dict[str, dict[str, Any] | None] = {_handle(token): None}
        if record["type"] == "refresh":
            changes.update({h: None for h, r in self._records.items()
                            if r.get("grant") == record["grant"]})
        self._save(changes)

    def subject(self, system: str, access_token: str) -> str | None:
        record = self._live(access_token, "access", system)
        return record["sub"] if record else None


# --- HTTP ----------------------------------------------------------------------------------

def _oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def _redirect(uri: str, **params: str) -> RedirectResponse:
    sep = "&" if urlsplit(uri).query else "?"
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return RedirectResponse(f"{uri}{sep}{query}", status_code=302)


_FORM = """<!doctype html><html lang="et"><head><meta charset="utf-8">
<title>{title} — sisselogimine</title></head><body>
<h1>{title}</h1><p>Harjutuskeskkond: andmed ei ole päris.</p>
<form method="post">{hidden}
<label>Kasutajanimi <input name="username" autocomplete="username" autofocus></label><br>
<label>Salasõna <input name="password" type="password" autocomplete="current-password">
</label><br><button name="action" value="sign_in">Logi sisse</button>
<button name="action" value="cancel">Katkesta</button></form></body></html>"""


def make_router(system: str, title: str) -> APIRouter:
    """The authorize, token and revoke endpoints of one system (`opiq` or `ekool`)."""
    router = APIRouter(prefix=f"/{system}/oauth", tags=[f"{system} oauth"])

    def check(params: dict[str, str | None]) -> Response | None:
        """None when the request may proceed; else the refusal (redirected when safe)."""
        uri = params.get("redirect_uri") or ""
        if params.get("client_id") != CLIENT_ID:
            return _oauth_error("invalid_client", "Unknown client_id.")
        if not loopback_uri(uri):
            return _oauth_error("invalid_request", "redirect_uri must be http on loopback.")
        state = params.get("state")
        if params.get("response_type") != "code":
            return _redirect(uri, error="unsupported_response_type", state=state)
        if params.get("code_challenge_method") != "S256" or \
                not _CHALLENGE.fullmatch(params.get("code_challenge") or ""):
            return _redirect(uri, error="invalid_request", state=state,
                             error_description="PKCE with S256 is required.")
        return None

    @router.get("/authorize", response_model=None, responses={
        200: {"description": "The sign-in form",
              "content": {"text/html": {"schema": {"type": "string"}}}},
        302: {"description": "Refusal sent back to the client"},
        400: {"model": OAuthError}})
    async def authorize_form(
            request: Request, response_type: str | None = None, client_id: str | None = None,
            redirect_uri: str | None = None, state: str | None = None,
            code_challenge: str | None = None, code_challenge_method: str | None = None,
    ) -> Response:
        params = dict(request.query_params)
        refusal = check(params)
        if refusal is not None:
            return refusal
        hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                         for k, v in params.items())
        return HTMLResponse(_FORM.format(title=title, hidden=hidden))

    @router.post("/authorize", responses={302: {"description": "Back to the client"},
                                           400: {"model": OAuthError}})
    async def authorize_submit(request: Request) -> Response:
        form = await request.form()
        params = {k: v for k, v in form.items() if isinstance(v, str)}
        refusal = check(params)
        if refusal is not None:
            return refusal
        uri, state = params["redirect_uri"], params.get("state")
        sandbox = request.app.state.sandbox
        subject = None
        if params.get("action", "sign_in") != "cancel":
            subject = sandbox.sign_in(system, params.get("username", ""),
                                      params.get("password", ""))
        if subject is None:
            return _redirect(uri, error="access_denied", state=state)
        code = sandbox.grants.issue_code(system, subject, uri, params["code_challenge"])
        return _redirect(uri, code=code, state=state)

    @router.post("/token", response_model=TokenAnswer, responses={400: {"model": OAuthError}})
    async def token(
            request: Request, grant_type: str | None = Form(None), code: str | None = Form(None),
            redirect_uri: str | None = Form(None), client_id: str | None = Form(None),
            code_verifier: str | None = Form(None), refresh_token: str | None = Form(None),
    ) -> Response:
        grants: Grants = request.app.state.sandbox.grants
        if client_id != CLIENT_ID:
            return _oauth_error("invalid_client", "Unknown client_id.", 401)
        try:
            if grant_type == "authorization_code":
                answer = grants.redeem(system, code, redirect_uri, code_verifier)
            elif grant_type == "refresh_token":
                answer = grants.rotate(system, refresh_token)
            else:
                return _oauth_error("unsupported_grant_type", "Use authorization_code "
                                    "or refresh_token.")
        except OAuthFailure as failure:
            return _oauth_error(failure.error, failure.description)
        return JSONResponse(answer, headers={"Cache-Control": "no-store"})

    @router.post("/revoke", responses={200: {"description": "Always, per RFC 7009"}})
    async def revoke(request: Request, token: str | None = Form(None),
                     client_id: str | None = Form(None)) -> Response:
        if token:
            request.app.state.sandbox.grants.revoke(system, token)
        return Response(status_code=200)

    return router
