"""Keeping under a server's advertised rate limit instead of running into it.

A server that says its policy (`RateLimit-Policy: 50;w=1`, the IETF httpapi rate-limit
header draft) is paced to just under that rate, so a bulk run spends its time doing work
rather than sleeping out whole-second `Retry-After`s. A server that says nothing is not
paced; `429` with `Retry-After` still works as the backstop.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Mapping

_POLICY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:;\s*w\s*=\s*(\d+(?:\.\d+)?))?")
HEADROOM = 0.97  # stay a little under the limit: the two clocks never tick together


def parse_policy(value: str | None) -> float | None:
    """Requests per second from a `RateLimit-Policy` value (the strictest of several), or
    None."""
    if not value:
        return None
    rates = []
    for part in value.split(","):
        match = _POLICY.match(part)
        if match is None:
            continue
        quota, window = float(match.group(1)), float(match.group(2) or 1)
        if quota > 0 and window > 0:
            rates.append(quota / window)
    return min(rates) if rates else None


class Pacer:
    """Spaces requests evenly at the learnt rate; shared by the concurrent calls of a client."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 0.0
        self._next = 0.0
        self._clock = clock
        self._lock = asyncio.Lock()

    def learn(self, headers: Mapping[str, str]) -> None:
        rate = parse_policy(headers.get("RateLimit-Policy"))
        if rate is not None:
            self.interval = 1 / (rate * HEADROOM)

    async def wait(self) -> None:
        if not self.interval:
            return
        async with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)
