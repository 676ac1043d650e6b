"""Access to eKool's OneRoster service as the standard prescribes: OAuth 2.0 client
credentials (RFC 6749 §4.4) with the OneRoster 1.2 scopes, beside a signed-in person's token.

The practice roster client belongs to the practice administrator's schools: it reads what
that administrator reads, so the program gets the same rosters whichever token it uses.
`GET /practice/info` names it (`roster_client`). Tokens are kept by `oauth.Grants` as any
other, under a system of their own, so that they open the roster and nothing else.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated
from urllib.parse import unquote_plus

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from opiq_admin.sandbox import roster
from opiq_admin.sandbox.logic import DomainError
from opiq_admin.sandbox.routes_common import sandbox
from opiq_admin.sandbox.schemas import ClientCredentialsAnswer, OAuthError

if TYPE_CHECKING:
    from opiq_admin.sandbox.runtime import Sandbox

SYSTEM = "ekool-roster"
CLIENT_ID = "opiq-admin-roster"
CLIENT_SECRET = "roster-harjutus-saladus"  # noqa: S105 - the published practice secret
TOKEN_PATH = "/ekool/oauth/roster/token"  # noqa: S105 - a path, not a secret

router = APIRouter(tags=["ekool oneroster"])
Bearer = Annotated[HTTPAuthorizationCredentials | None,
                   Depends(HTTPBearer(auto_error=False, description="An OAuth access token: "
                                      "a signed-in person's, or a client-credentials one"))]


def _oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Basic realm="eKool OneRoster"'} if status == 401 else None
    return JSONResponse({"error": error, "error_description": description},
                        status_code=status, headers=headers)


def _client(authorization: str | None, form_id: str | None, form_secret: str | None
            ) -> str | None:
    """None when the roster client proved itself (client_secret_basic or _post)."""
    if authorization and authorization[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        client_id, sep, secret = decoded.partition(":")
        if not sep or form_secret is not None:
            return "Send the client's credentials once: HTTP Basic or the form."
        client_id, secret = unquote_plus(client_id), unquote_plus(secret)
    elif form_secret is not None:
        client_id, secret = form_id or "", form_secret
    else:
        return "Client authentication is required (client_secret_basic or client_secret_post)."
    if client_id != CLIENT_ID or not hmac.compare_digest(secret.encode(),
                                                         CLIENT_SECRET.encode()):
        return "Unknown client or wrong client secret."
    return None


@router.post(TOKEN_PATH, response_model=ClientCredentialsAnswer,
             responses={400: {"model": OAuthError}, 401: {"model": OAuthError}})
async def token(request: Request, grant_type: str | None = Form(None),
                scope: str | None = Form(None), client_id: str | None = Form(None),
                client_secret: str | None = Form(None)) -> JSONResponse:
    """A client-credentials access token for the roster, with the OneRoster scopes asked
    for (roster-core.readonly when none are)."""
    why = _client(request.headers.get("authorization"), client_id, client_secret)
    if why is not None:
        return _oauth_error("invalid_client", why, 401)
    if grant_type != "client_credentials":
        return _oauth_error("unsupported_grant_type", "Use client_credentials.")
    asked = (scope or roster.SCOPE_CORE).split()
    unknown = [s for s in asked if s not in roster.SCOPES]
    if unknown:
        return _oauth_error("invalid_scope", f"Unknown scope: {' '.join(unknown)}")
    answer, _ = sandbox(request).grants.issue_access(SYSTEM, {"sub": CLIENT_ID},
                                                     " ".join(dict.fromkeys(asked)))
    return JSONResponse(answer, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


@dataclass(frozen=True)
class Reader:
    """Who reads the roster: the orgs they see, and the scopes a client was granted
    (None for a signed-in person, who reads what eKool shows them)."""

    orgs: tuple[str, ...]
    scopes: frozenset[str] | None
    only: str | None = None  # one record asked for by its sourcedId: build no other

    def may(self, scope: str) -> bool:
        if self.scopes is None:
            return True
        if scope == roster.SCOPE_DEMOGRAPHICS:
            return scope in self.scopes
        return bool(self.scopes & {roster.SCOPE_CORE, roster.SCOPE_ALL})


def roster_reader(request: Request, authorization: Bearer = None) -> Reader:
    """The reader of a bearer token: an eKool person, or the roster client."""
    sb = sandbox(request)
    token = authorization.credentials.strip() if authorization is not None else ""
    world = sb.world
    if token:
        person = sb.grants.subject("ekool", token)
        if person is not None:
            if person not in world.ekool_people:
                raise DomainError(401, "unauthorized", "The signed-in person no longer exists.")
            return Reader(_orgs(sb, person), None)
        grant = sb.grants.access(SYSTEM, token)
        if grant is not None:
            return Reader(_orgs(sb, world.admin_ekool_id),
                          frozenset(str(grant.get("scope") or "").split()))
    raise DomainError(401, "unauthorized", "Sign in first: the access token is missing, "
                      "unknown or expired.")


def _orgs(sb: Sandbox, person_id: str) -> tuple[str, ...]:
    person = sb.world.ekool_people.get(person_id)
    if person is None:
        return ()
    return tuple(o for o in person.roles if o in sb.world.ekool_schools)
