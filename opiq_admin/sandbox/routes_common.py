"""What every route shares: who is signed in, paging, and the documented error answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from opiq_admin.sandbox.logic import DomainError
from opiq_admin.sandbox.schemas import ErrorBody

if TYPE_CHECKING:
    from opiq_admin.sandbox.runtime import Sandbox

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip")]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]
Bearer = Annotated[HTTPAuthorizationCredentials | None,
                  Depends(HTTPBearer(auto_error=False, description="An OAuth access token"))]

_E = {"model": ErrorBody}
READ_ERRORS: dict[int | str, dict[str, Any]] = {400: _E, 401: _E, 404: _E, 429: _E}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {**READ_ERRORS, 403: _E, 409: _E, 422: _E}


def sandbox(request: Request) -> Sandbox:
    return request.app.state.sandbox


def _subject(request: Request, system: str, credentials: HTTPAuthorizationCredentials | None
             ) -> str:
    subject = None
    if credentials is not None and credentials.credentials.strip():
        subject = sandbox(request).grants.subject(system, credentials.credentials.strip())
    if subject is None:
        raise DomainError(401, "unauthorized", "Sign in first: the access token is missing, "
                          "unknown or expired.")
    return subject


def opiq_actor(request: Request, authorization: Bearer = None) -> str:
    """The signed-in Opiq account id; the dependency puts the Bearer scheme in the docs."""
    subject = _subject(request, "opiq", authorization)
    if subject not in sandbox(request).world.opiq_accounts:
        raise DomainError(401, "unauthorized", "The signed-in account no longer exists.")
    return subject


def ekool_actor(request: Request, authorization: Bearer = None) -> str:
    subject = _subject(request, "ekool", authorization)
    if subject not in sandbox(request).world.ekool_people:
        raise DomainError(401, "unauthorized", "The signed-in person no longer exists.")
    return subject


def paged(request: Request, items: list[Any], limit: int, offset: int,
          envelope: str | None = None, render: Any = None) -> JSONResponse:
    """One page in Opiq's `{items, total}` or in a OneRoster envelope, with X-Total-Count
    (unless the emulator rehearses a server without it) and a `Link: rel="next"` while
    more remain. A page cap below the asked `limit` is honoured as real servers do."""
    sb = sandbox(request)
    if sb.page_cap is not None:
        limit = min(limit, sb.page_cap)
    chunk = items[offset:offset + limit]
    rendered = [render(item) for item in chunk] if render else chunk
    body: dict[str, Any] = ({envelope: rendered} if envelope
                            else {"items": rendered, "total": len(items)})
    headers = {}
    if sb.total_count:
        headers["X-Total-Count"] = str(len(items))
    if offset + limit < len(items):
        following = request.url.include_query_params(limit=limit, offset=offset + limit)
        headers["Link"] = f'<{following}>; rel="next"'
    return JSONResponse(body, headers=headers)
