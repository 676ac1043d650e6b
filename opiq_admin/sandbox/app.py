"""The emulator as one ASGI application: Opiq, eKool (and HarID with `--idp harid`) and the
practice controls."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from opiq_admin.sandbox import (
    ehis,
    harid,
    oauth,
    oidc,
    roster,
    roster_auth,
    routes_ekool,
    routes_opiq,
    routes_practice,
)
from opiq_admin.sandbox.faults import Faults
from opiq_admin.sandbox.logic import DomainError
from opiq_admin.sandbox.runtime import Sandbox


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None
           ) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=headers)


def _answer(request: Request, status: int, code: str, message: str,
            headers: dict[str, str] | None = None) -> JSONResponse:
    """The error in the shape its API speaks: OneRoster's `imsx_StatusInfo` on the roster,
    `{"error": {code, message}}` everywhere else."""
    if roster.PATH in request.url.path:
        return JSONResponse(roster.status_info(status, code, message), status_code=status,
                            headers=headers)
    return _error(status, code, message, headers)


def _describe(errors: Any) -> str:
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid input"


def create_app(sandbox: Sandbox) -> FastAPI:
    """The FastAPI app over a running `Sandbox` (kept in `app.state.sandbox`)."""
    app = FastAPI(title="opiq-admin emulator: Opiq and eKool", version="1.0",
                  description="The contract of docs/api.md, served by the practice emulator.")
    app.state.sandbox = sandbox
    app.include_router(oauth.make_router(oidc.OPIQ))
    app.include_router(oauth.make_router(oidc.EKOOL))
    if sandbox.idp == "harid":
        app.include_router(oauth.make_router(harid.HARID))
    app.include_router(routes_opiq.router)
    app.include_router(routes_ekool.router)
    app.include_router(roster_auth.router)
    app.include_router(routes_practice.router)
    app.include_router(ehis.router)

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _answer(request, exc.status, exc.code, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        in_body = any(err.get("loc", ("",))[0] == "body" for err in exc.errors())
        status, code = (422, "invalid_body") if in_body else (400, "bad_request")
        return _answer(request, status, code, _describe(exc.errors()))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed"}
        return _answer(request, exc.status_code, codes.get(exc.status_code, "http_error"),
                       str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(json.JSONDecodeError)
    async def bad_json(request: Request, exc: json.JSONDecodeError) -> JSONResponse:
        return _error(422, "invalid_body", "The body is not JSON.")

    return app


def create_asgi(sandbox: Sandbox, *, latency_ms: int = 0, error_rate: float = 0.0,
                rate_limit: float = 0.0) -> Faults:
    """The app wrapped in the deliberate faults (all off by default)."""
    return Faults(create_app(sandbox), latency_ms=latency_ms, error_rate=error_rate,
                  rate_limit=rate_limit)
