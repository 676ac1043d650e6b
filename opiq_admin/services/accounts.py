"""The managed schools and their accounts: one read the listing, the scans, the journals and
the remedy share."""

from __future__ import annotations

import asyncio
from typing import Any

from opiq_admin.services.clients.models import Account, School
from opiq_admin.services.context import OpiqSide
from opiq_admin.services.errors import InvalidEhisCode
from opiq_admin.services.i18n import _


def managed_schools(ctx: OpiqSide, school: str | None = None) -> list[School]:
    """The Opiq schools where the signed-in user is an administrator (one, if named)."""
    admin_ids = {r.school_id for r in ctx.opiq.user.roles if r.role == "admin"}
    schools: list[School] = [s for s in ctx.opiq.schools if s.id in admin_ids]
    if school is not None:
        if not school.isdigit() or int(school) <= 0:
            raise InvalidEhisCode(_("EHIS code {code!r} is not a positive whole number").format(
                code=school))
        schools = [s for s in schools if s.ehis_id == school]
        if not schools:
            raise InvalidEhisCode(_("No managed school has the EHIS code {code}").format(
                code=school))
    return schools


async def load_accounts(ctx: OpiqSide, school: str | None = None
                        ) -> tuple[list[School], dict[str, list[Account]]]:
    """The managed schools (or the one named) and each one's accounts, keyed by school id:
    one concurrent read that the listing, the scans and the remedy plan all share."""
    schools = managed_schools(ctx, school)
    batches = await asyncio.gather(*(ctx.opiq.client.users(s.id) for s in schools))
    return schools, {s.id: list(b) for s, b in zip(schools, batches, strict=True)}


async def list_accounts(ctx: OpiqSide, school: str | None = None) -> dict[str, Any]:
    """`accounts list --json`: every account as a record, and the licence pools summed."""
    schools = managed_schools(ctx, school)
    (_, per_school), pools = await asyncio.gather(
        load_accounts(ctx, school),
        asyncio.gather(*(ctx.opiq.client.licences(s.id) for s in schools)))
    accounts = [a.to_record() for s in schools for a in per_school[s.id]]
    licences = {"total": sum(p.total for p in pools), "assigned": sum(p.assigned for p in pools),
                "free": sum(p.free for p in pools)}
    return {"accounts": accounts, "licences": licences}


def full_name(account: Any) -> str:
    return f"{account.first_name} {account.last_name}".strip()


def mask_id_code(code: str | None) -> str:
    """Only the last four digits: enough to compare two accounts, too few to misuse."""
    if not code:
        return ""
    return "•" * max(0, len(code) - 4) + code[-4:]
