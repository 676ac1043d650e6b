"""EHIS open data: the list of institutions read from the emulator and cached in the store."""

from __future__ import annotations

import pytest

from opiq_admin.services.ehis import EhisClient, EhisRegistry
from opiq_admin.services.errors import ConnectionFailed
from opiq_admin.services.http import RetryPolicy, make_http_client
from opiq_admin.services.store import AsyncStore, Store


async def test_official_names_come_from_ehis_then_from_the_cache(tmp_path, emulator):
    store = AsyncStore(Store.sqlite(tmp_path / "store.sqlite3"))
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
