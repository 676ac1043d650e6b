"""EHIS open data: the list of institutions read from the emulator and cached in the store."""

from __future__ import annotations

import httpx
import pytest
from support_clients import Reply, ScriptedServer

from opiq_admin.services.clients.ehis import EhisClient, EhisRegistry
from opiq_admin.services.clients.http import RetryPolicy, make_http_client
from opiq_admin.services.errors import ConnectionFailed, MalformedResponse
from opiq_admin.services.store import AsyncStore, Store


async def test_official_names_come_from_ehis_then_from_the_cache(store_url, emulator):
    store = AsyncStore(Store(store_url))
    await store.migrate()
    async with make_http_client() as http:
        client = EhisClient(f"{emulator.url}/ehis", http=http, token=None)
        rows = await client.institutions()
        assert rows and all(isinstance(r["koolId"], int) for r in rows)
        assert all(str(r["koolId"]) != r["regNr"] for r in rows), "koolId is not regNr"
        names = await EhisRegistry(client, store).names()
        assert "18611" in names and names["18611"].startswith("Tallinna Kesklinna")

        # A closed port: the day-old cache answers without asking.
        offline = EhisClient("http://127.0.0.1:9/ehis", http=http, token=None,
                             retry=RetryPolicy(attempts=1))
        assert await EhisRegistry(offline, store).names() == names
        with pytest.raises(ConnectionFailed):
            await offline.institutions()
    store.close()


async def test_a_bad_institution_names_the_whole_call() -> None:
    body = {"items": [{"koolId": 1, "nimetus": "Kool"}, {"koolId": "2"}]}
    async with ScriptedServer([Reply(body=body, headers={"X-Total-Count": "2"})]) as srv, \
            httpx.AsyncClient() as http:
        client = EhisClient(f"{srv.url}/ehis", http=http, token=None)
        with pytest.raises(MalformedResponse) as err:
            await client.institutions()
    assert err.value.call == "GET /ehis/api/institutions"
    assert "koolId/nimetus" in str(err.value)
