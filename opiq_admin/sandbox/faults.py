"""Deliberate trouble: latency, a rate limit and random failures, in front of the API.

It sits outside the application so that a failed request never reaches a state change,
and it spares `/practice` and the OpenAPI document so that a rehearsal can always steer.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import time
from typing import Any

from opiq_admin.sandbox import roster

Scope = dict[str, Any]


_FAULTY = ("/opiq/", "/ekool/", "/harid/")  # the outside services; never /practice

class Faults:
    """ASGI middleware: `latency_ms` per request, `rate_limit` requests/s, `error_rate`."""

    def __init__(self, app: Any, *, latency_ms: int = 0, error_rate: float = 0.0,
                 rate_limit: float = 0.0, rng: random.Random | None = None) -> None:
        self.app = app
        self.latency = max(latency_ms, 0) / 1000
        self.error_rate = min(max(error_rate, 0.0), 1.0)
        self.rate = max(rate_limit, 0.0)
        self.rng = rng or random.Random()
        self.tokens = max(self.rate, 1.0)
        self.stamp = time.monotonic()

    def _wait_needed(self) -> float:
        """Token bucket: 0 when the request may pass, else seconds until it could."""
        if not self.rate:
            return 0.0
        now = time.monotonic()
        self.tokens = min(max(self.rate, 1.0), self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate

    def _advertising(self, send: Any) -> Any:
        """Every answer states the policy (`RateLimit-Policy: 50;w=1`), so a client can pace
        itself instead of running into 429s."""
        policy = (b"ratelimit-policy", f"{self.rate:g};w=1".encode())

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), policy]}
            await send(message)

        return wrapped

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(_FAULTY):
            await self.app(scope, receive, send)
            return
        if self.latency:
            await asyncio.sleep(self.latency)
        if self.rate:
            send = self._advertising(send)
        wait = self._wait_needed()
        if wait:
            await _answer(send, 429, "rate_limited", "Too many requests.",
                          [(b"retry-after", str(max(1, math.ceil(wait))).encode())],
                          path=scope["path"])
            return
        if self.error_rate and self.rng.random() < self.error_rate:
            if self.rng.random() < 0.5:
                await _answer(send, 500, "injected_fault", "A deliberate server error.",
                              path=scope["path"])
            else:
                await _drop(send)
            return
        await self.app(scope, receive, send)


async def _answer(send: Any, status: int, code: str, message: str,
                  headers: list[tuple[bytes, bytes]] | None = None, path: str = "") -> None:
    """The fault in its API's own error shape (OneRoster's `imsx_StatusInfo` on the roster)."""
    error = roster.status_info(status, code, message) if roster.PATH in path else \
        {"error": {"code": code, "message": message}}
    body = json.dumps(error).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


async def _drop(send: Any) -> None:
    """Closes the connection without an answer, as a crashed server or proxy would."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is not None:
        transport.abort()
        for _ in range(3):  # let the server notice the loss before it tries to answer
            await asyncio.sleep(0)
        return
    # No transport at hand: start an answer and never finish it.
    await send({"type": "http.response.start", "status": 500,
                "headers": [(b"content-length", b"100")]})
