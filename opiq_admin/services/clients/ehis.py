"""EHIS open data: the official list of educational institutions, cached in the store.

Public data with no sign-in. Cached for a day, because the list changes rarely and the
integration page is opened often; a failed fetch falls back to the cache when there is one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from opiq_admin.services.clients.http import ApiClient
from opiq_admin.services.clients.models import SchemaError, envelope
from opiq_admin.services.errors import ApiError

CACHE_KIND = "ehis"
CACHE_SCHOOL = "*"
MAX_AGE = timedelta(days=1)


class EhisClient(ApiClient):
    """Calls under EHIS open data's base URL (e.g. `http://127.0.0.1:8000/ehis`)."""

    async def institutions(self) -> list[dict[str, Any]]:
        def parse(row: Any) -> dict[str, Any]:
            # `get_all` turns this into a `MalformedResponse` that names the whole call.
            if not isinstance(row, dict) or not isinstance(row.get("koolId"), int) or \
                    not isinstance(row.get("nimetus"), str):
                raise SchemaError(f"an institution without koolId/nimetus: {row!r:.80}")
            return {"koolId": row["koolId"], "regNr": str(row.get("regNr", "")),
                    "nimetus": row["nimetus"]}

        return await self.get_all("/api/institutions", lambda body: envelope(body, "items"),
                                  parse, page_size=1000)


class EhisRegistry:
    """EHIS code → official name, from the cache when fresh, else from EHIS."""

    def __init__(self, client: EhisClient | None, store: Any, *, scope: str = "") -> None:
        self.client = client
        self.store = store
        self.scope = scope  # the server profile whose EHIS address the list comes from

    async def names(self) -> dict[str, str]:
        cached = await self.store.snapshots(CACHE_KIND, CACHE_SCHOOL, scope=self.scope)
        synced = await self.store.synced_at(CACHE_KIND, CACHE_SCHOOL, scope=self.scope)
        fresh = synced is not None and \
            datetime.now(UTC) - datetime.fromisoformat(synced) < MAX_AGE
        if (fresh and cached) or self.client is None:
            return {code: row["nimetus"] for code, row in cached.items()}
        try:
            rows = await self.client.institutions()
        except ApiError:
            if cached:
                return {code: row["nimetus"] for code, row in cached.items()}
            raise
        await self.store.put_snapshots(CACHE_KIND, CACHE_SCHOOL,
                                       {str(r["koolId"]): r for r in rows}, replace=True,
                                       scope=self.scope)
        return {str(r["koolId"]): r["nimetus"] for r in rows}
