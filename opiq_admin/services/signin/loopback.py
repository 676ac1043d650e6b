"""The RFC 8252 loopback redirect: a one-shot HTTP server that catches the sign-in answer.

The system browser is sent to the authorization server, which redirects back to
`http://127.0.0.1:{port}/callback?code=…&state=…`. A tiny asyncio server on a free port
reads that first request, shows the person a page saying they may close the window, and
stops listening, so the port is open only for as long as the sign-in takes.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

_PAGE = """<!doctype html>
<html lang="et"><head><meta charset="utf-8"><title>opiq-admin</title>
<style>body{{font-family:sans-serif;margin:3em;color:#222}}h1{{font-size:1.4em}}</style>
</head><body><h1>{et}</h1><p lang="en">{en}</p></body></html>
"""
SUCCESS_ET = "Sisselogimine õnnestus, võid selle akna sulgeda"
SUCCESS_EN = "Signed in, you may close this window"
FAILURE_ET = "Sisselogimine ebaõnnestus. Proovi programmis uuesti."
FAILURE_EN = "Sign-in failed. Please try again in the program."


@dataclass(frozen=True)
class CallbackResult:
    """What the redirect carried: a `code`, or an `error`, and the `state` either way."""

    code: str | None
    state: str | None
    error: str | None
    error_description: str | None = None


class LoopbackListener:
    """Listens on 127.0.0.1, port chosen by the system, for one request to `path`."""

    def __init__(self, path: str = "/callback", *, expected_state: str | None = None) -> None:
        self.path = path if path.startswith("/") else "/" + path
        self.expected_state = expected_state
        self._server: asyncio.base_events.Server | None = None
        self._result: asyncio.Future[CallbackResult] | None = None
        self.port = 0

    async def start(self) -> str:
        """Start listening; answers the redirect URI to register with the sign-in."""
        self._result = asyncio.get_running_loop().create_future()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.redirect_uri

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    async def wait(self, timeout: float | None = None) -> CallbackResult:  # noqa: ASYNC109
        """The first redirect's parameters; `TimeoutError` when none came in time."""
        if self._result is None:
            raise RuntimeError("the listener was not started")
        try:
            return await asyncio.wait_for(asyncio.shield(self._result), timeout)
        finally:
            if self._result.done():
                await self.close()

    async def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), 1.0)

    async def __aenter__(self) -> LoopbackListener:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = request_line.split(" ")
            target = urlsplit(parts[1]) if len(parts) == 3 else None
            if (target is None or parts[0] != "GET" or target.path != self.path
                    or self._result is None or self._result.done()):
                await self._answer(writer, 404, "Not Found", "Not found.", "Not found.")
                return
            query = parse_qs(target.query)

            def one(name: str) -> str | None:
                values = query.get(name)
                return values[0] if values else None

            result = CallbackResult(one("code"), one("state"), one("error"),
                                    one("error_description"))
            ok = (result.error is None and result.code is not None
                  and (self.expected_state is None or result.state == self.expected_state))
            if ok:
                await self._answer(writer, 200, "OK", SUCCESS_ET, SUCCESS_EN)
            else:
                await self._answer(writer, 400, "Bad Request", FAILURE_ET, FAILURE_EN)
            if not self._result.done():
                self._result.set_result(result)
            if self._server is not None:
                self._server.close()  # no more connections; waiting happens in close()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                ConnectionError, UnicodeDecodeError) as exc:
            log.debug("loopback listener: bad request ignored (%s)", type(exc).__name__)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    @staticmethod
    async def _answer(writer: asyncio.StreamWriter, status: int, reason: str, et: str,
                      en: str) -> None:
        body = _PAGE.format(et=html.escape(et), en=html.escape(en)).encode("utf-8")
        writer.write(
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\n"
            "Connection: close\r\n\r\n".encode("ascii") + body
        )
        await writer.drain()
