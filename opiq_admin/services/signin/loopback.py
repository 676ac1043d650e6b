"""The RFC 8252 loopback redirect: a one-shot HTTP server that catches the sign-in answer.

The system browser is sent to the authorization server, which redirects back to
`http://127.0.0.1:{port}/callback?code=…&state=…[&iss=…]`. A tiny asyncio server on a free
port waits for that request. Anything else that reaches it - another path, or the callback
path without this sign-in's `state` (a stray request, a forged one) - is answered there and
then (404, or 400 with the failure page) and the listener goes on waiting for the real one.

The real answer is held: the browser's request stays open until the program knows how the
sign-in ended (`finish`), so the page it shows is "signed in" only once the code has been
exchanged, and the failure page otherwise. Then the listener stops, so the port is open only
for as long as the sign-in takes.
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
HOLD_TIMEOUT = 120.0  # the longest the browser's request is held for the outcome


@dataclass(frozen=True)
class CallbackResult:
    """What the redirect carried: a `code`, or an `error`, the `state` either way, and the
    issuer (`iss`, RFC 9207) when the server sends it."""

    code: str | None
    state: str | None
    error: str | None
    error_description: str | None = None
    iss: str | None = None


class LoopbackListener:
    """Listens on 127.0.0.1, port chosen by the system, for the one request to `path` that
    carries `expected_state` (or, without one, for the first request to `path`)."""

    def __init__(self, path: str = "/callback", *, expected_state: str | None = None,
                 hold_timeout: float = HOLD_TIMEOUT) -> None:
        self.path = path if path.startswith("/") else "/" + path
        self.expected_state = expected_state
        self.hold_timeout = hold_timeout
        self._server: asyncio.base_events.Server | None = None
        self._result: asyncio.Future[CallbackResult] | None = None
        self._outcome: asyncio.Future[bool] | None = None
        self._answered: asyncio.Event | None = None
        self.port = 0

    async def start(self) -> str:
        """Start listening; answers the redirect URI to register with the sign-in."""
        loop = asyncio.get_running_loop()
        self._result = loop.create_future()
        self._outcome = loop.create_future()
        self._answered = asyncio.Event()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.redirect_uri

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    async def wait(self, timeout: float | None = None) -> CallbackResult:  # noqa: ASYNC109
        """The real answer's parameters; `TimeoutError` when none came in time. The
        browser waits for `finish` to hear how the sign-in ended."""
        if self._result is None:
            raise RuntimeError("the listener was not started")
        return await asyncio.wait_for(asyncio.shield(self._result), timeout)

    async def finish(self, ok: bool, *, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Answer the held browser request: the success page when `ok`, else the failure
        page; waits (at most `timeout` s) until it is written."""
        if self._outcome is not None and not self._outcome.done():
            self._outcome.set_result(ok)
        if self._answered is not None and self._result is not None and self._result.done():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._answered.wait(), timeout)

    async def close(self) -> None:
        """Stop listening; a request still held is answered with the failure page."""
        if self._outcome is not None and not self._outcome.done():
            self._outcome.set_result(False)
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

    def _is_the_answer(self, result: CallbackResult) -> bool:
        if self._result is None or self._result.done():
            return False
        return self.expected_state is None or result.state == self.expected_state

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held = False
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10.0)
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = request_line.split(" ")
            target = urlsplit(parts[1]) if len(parts) == 3 else None
            if target is None or target.path != self.path:
                await self._answer(writer, 404, "Not Found", "Not found.", "Not found.")
                return
            query = parse_qs(target.query)

            def one(name: str) -> str | None:
                values = query.get(name)
                return values[0] if values else None

            result = CallbackResult(one("code"), one("state"), one("error"),
                                    one("error_description"), one("iss"))
            if parts[0] != "GET" or not self._is_the_answer(result):
                # Not this sign-in's answer: refused, and the real one is still awaited.
                log.info("loopback listener: a request without this sign-in's state refused")
                await self._answer(writer, 400, "Bad Request", FAILURE_ET, FAILURE_EN)
                return
            assert self._result is not None and self._outcome is not None
            held = True
            self._result.set_result(result)
            if self._server is not None:
                self._server.close()  # no more connections; waiting happens in close()
            try:
                ok = await asyncio.wait_for(asyncio.shield(self._outcome), self.hold_timeout)
            except TimeoutError:
                ok = False
            if ok:
                await self._answer(writer, 200, "OK", SUCCESS_ET, SUCCESS_EN)
            else:
                await self._answer(writer, 400, "Bad Request", FAILURE_ET, FAILURE_EN)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                ConnectionError, UnicodeDecodeError) as exc:
            log.debug("loopback listener: bad request ignored (%s)", type(exc).__name__)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            if held and self._answered is not None:
                self._answered.set()

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
