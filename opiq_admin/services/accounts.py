"""Accounts of the managed schools as records (interfaces.md §4), and the live scan."""

from __future__ import annotations

import asyncio
from typing import Any

from .errors import InvalidEhisCode


def managed_schools(ctx: Any, school: str | None = None) -> list[Any]:
    """The Opiq schools where the signed-in user is an administrator (one, if named)."""
    admin_ids = {r.school_id for r in ctx.opiq.user.roles if r.role == "admin"}
    schools = [s for s in ctx.opiq.schools if s.id in admin_ids]
    if school is not None:
        if not school.isdigit() or int(school) <= 0:
            raise InvalidEhisCode(f"EHIS code {school!r} is not a positive whole number")
        schools = [s for s in schools if s.ehis_id == school]
        if not schools:
            raise InvalidEhisCode(f"No managed school has the EHIS code {school}")
    return schools


async def list_accounts(ctx: Any, school: str | None = None) -> dict[str, Any]:
    schools = managed_schools(ctx, school)
    users = await asyncio.gather(*(ctx.opiq.client.users(s.id) for s in schools))
    pools = await asyncio.gather(*(ctx.opiq.client.licences(s.id) for s in schools))
    accounts = [a.to_record() for batch in users for a in batch]
    licences = {"total": sum(p.total for p in pools), "assigned": sum(p.assigned for p in pools),
                "free": sum(p.free for p in pools)}
    return {"accounts": accounts, "licences": licences}


async def scan_live(ctx: Any, school: str | None = None) -> dict[str, Any]:
    from .matching import scan
    from .records import record_from_mapping

    listing = await list_accounts(ctx, school)
    records = [record_from_mapping(r) for r in listing["accounts"]]
    result = await asyncio.to_thread(scan, records)
    return result.to_dict()
