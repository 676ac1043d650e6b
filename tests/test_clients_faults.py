"""Retries against the emulator's deliberate trouble: a rate limit and random faults."""

from __future__ import annotations

import asyncio

from conftest import small_world
from support_clients import admin_clients

from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.services.clients.http import RetryPolicy
from opiq_admin.services.clients.pacing import Pacer, parse_policy


class RecordingSleep:
    """Sleeps for real (the emulator's bucket must refill) and notes each wait."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.sleep(delay)


async def test_rate_limit_is_waited_out_as_retry_after_says(tmp_path) -> None:
    with EmbeddedServer(tmp_path, make_world=small_world, rate_limit=10) as srv:
        async with admin_clients(srv.url, retry=RetryPolicy(attempts=8)) as c:
            baseline = await c.opiq.licences("opq-sch-1")
            sleep = RecordingSleep()
            c.opiq._sleep = sleep
            c.opiq.pacer = Pacer()
            c.opiq.pacer.learn = lambda _headers: None  # a server that states no policy
            pools = await asyncio.gather(*(c.opiq.licences("opq-sch-1") for _ in range(16)))
    assert all(p == baseline for p in pools)
    assert sleep.delays and min(sleep.delays) >= 1.0  # Retry-After is whole seconds


async def test_an_advertised_rate_limit_is_kept_without_429s(tmp_path) -> None:
    with EmbeddedServer(tmp_path, make_world=small_world, rate_limit=20) as srv:
        async with admin_clients(srv.url, retry=RetryPolicy(attempts=8)) as c:
            await c.opiq.licences("opq-sch-1")  # the first answer states the policy
            assert c.opiq.pacer.interval > 1 / 20
            sleep = RecordingSleep()
            c.opiq._sleep = sleep
            pools = await asyncio.gather(*(c.opiq.licences("opq-sch-1") for _ in range(40)))
    assert len(pools) == 40
    assert sleep.delays == [], "paced calls never ran into the limit"


async def test_faults_are_retried_and_a_change_happens_once(tmp_path) -> None:
    with EmbeddedServer(tmp_path, make_world=small_world) as srv:
        async with admin_clients(srv.url) as c:
            opiq_tokens, ekool_tokens = c.opiq_session.tokens, c.ekool_session.tokens
    # Sign-ins persist: the same tokens work against the faulty restart of the state.
    with EmbeddedServer(tmp_path, make_world=small_world, error_rate=0.4) as srv:
        async with admin_clients_with(srv.url, opiq_tokens, ekool_tokens) as (opiq, ekool):
            reads = await asyncio.gather(*(opiq.users("opq-sch-1", page_size=1)
                                           for _ in range(6)))
            rosters = await asyncio.gather(*(ekool.users() for _ in range(4)))
            before = await opiq.licences("opq-sch-1")
            pool = await opiq.assign_licence("opq-sch-1", "opq-usr-3")
            after = await opiq.licences("opq-sch-1")
    assert all(len(r) == 3 for r in reads) and all(len(r) == 8 for r in rosters)
    # One licence, however many attempts it took.
    assert pool.assigned == after.assigned == before.assigned + 1


def admin_clients_with(url, opiq_tokens, ekool_tokens):
    import contextlib

    from opiq_admin.services.clients.ekool import EkoolClient
    from opiq_admin.services.clients.http import make_http_client
    from opiq_admin.services.clients.opiq import OpiqClient
    from opiq_admin.services.signin.oauth import OAuthFlow, Session

    retry = RetryPolicy(attempts=12, base_delay=0.005, max_delay=0.02)

    @contextlib.asynccontextmanager
    async def clients():
        async with make_http_client() as http:
            sessions = [Session(OAuthFlow(f"{url}/{s}", "opiq-admin", http, retry=retry), t)
                        for s, t in (("opiq", opiq_tokens), ("ekool", ekool_tokens))]
            yield (OpiqClient(f"{url}/opiq", http=http, token=sessions[0], retry=retry),
                   EkoolClient(f"{url}/ekool", http=http, token=sessions[1], retry=retry))
    return clients()


def test_rate_limit_policy_parsing() -> None:
    assert parse_policy("50;w=1") == 50
    assert parse_policy("10;w=1, 100;w=60") == 100 / 60  # the strictest
    assert parse_policy("garbage") is None
    assert parse_policy(None) is None
    assert parse_policy("0;w=1") is None
