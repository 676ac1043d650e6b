"""The duplicate scan of the live accounts of the managed schools."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from opiq_admin.services.accounts import load_accounts
from opiq_admin.services.clients.models import Account
from opiq_admin.services.context import OpiqSide
from opiq_admin.services.duplicates.records import AccountRecord, record_from_mapping


def as_records(accounts: Iterable[Account]) -> list[AccountRecord]:
    """The matcher's input; built through the record reader so live data is checked the
    same way as a file."""
    return [record_from_mapping(a.to_record()) for a in accounts]


async def scan_live(ctx: OpiqSide, school: str | None = None) -> dict[str, Any]:
    """The duplicate scan of the live accounts (no licence pools needed for it)."""
    from opiq_admin.services.duplicates.matching import scan  # heavy: only when scanning

    _, per_school = await load_accounts(ctx, school)
    records = as_records(a for batch in per_school.values() for a in batch)
    result = await asyncio.to_thread(scan, records)
    return result.to_dict()
