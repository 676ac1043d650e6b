"""Deliberate faults: a rate limit that says when to come back, and failures before changes."""

from __future__ import annotations

from pathlib import Path

import httpx
from conftest import small_world

from opiq_admin.sandbox.server import EmbeddedServer


def test_over_the_rate_limit_is_429_with_retry_after(tmp_path: Path) -> None:
    with EmbeddedServer(tmp_path, rate_limit=2, make_world=small_world) as server, \
            httpx.Client(base_url=server.url) as client:
        answers = [client.get("/opiq/api/me") for _ in range(6)]
        limited = [a for a in answers if a.status_code == 429]
        assert limited, [a.status_code for a in answers]
        assert int(limited[0].headers["Retry-After"]) >= 1
        assert limited[0].json()["error"]["code"] == "rate_limited"
        assert answers[0].status_code == 401  # the first ones pass through to the API
        # The practice controls are never limited: a rehearsal can always steer.
        assert all(client.get("/practice/info").status_code == 200 for _ in range(6))


def test_error_rate_fails_requests_before_any_change(tmp_path: Path) -> None:
    with EmbeddedServer(tmp_path, error_rate=1.0, make_world=small_world) as server, \
            httpx.Client(base_url=server.url) as client:
        outcomes = set()
        for _ in range(12):
            try:
                answer = client.post("/opiq/oauth/token", data={"grant_type": "x"})
                assert answer.status_code == 500
                assert answer.json()["error"]["code"] == "injected_fault"
                outcomes.add("500")
            except httpx.TransportError:
                outcomes.add("dropped")
        assert outcomes == {"500", "dropped"}
        assert client.get("/practice/info").status_code == 200


def test_faults_off_answer_normally(tmp_path: Path) -> None:
    with EmbeddedServer(tmp_path, latency_ms=5, make_world=small_world) as server:
        answer = httpx.get(f"{server.url}/opiq/api/me")
        assert answer.status_code == 401
