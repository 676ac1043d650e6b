"""The seeded past: teachers who use Opiq transferred their eKool journals this autumn.

Transfers go through `logic.transfer_journal`, the rule the server applies, so duplicates
arise exactly as they would.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from opiq_admin.sandbox.logic import transfer_journal
from opiq_admin.sandbox.seed_context import Context
from opiq_admin.sandbox.seed_opiq import course_set
from opiq_admin.sandbox.seed_roster import SchoolPlan

TERM_START = datetime.date(2026, 9, 1)
YESTERDAY = datetime.date(2026, 11, 19)


@dataclass(frozen=True)
class Transfer:
    when: str
    ekool_journal_id: str
    course_set: str
    school_id: str  # Opiq school id


def plan_transfers(ctx: Context, plans: list[SchoolPlan]) -> list[Transfer]:
    """Who transferred what, and when: per teacher, and never a class not yet started on."""
    rng = ctx.rng
    world = ctx.world
    transfers = []
    for plan in plans:
        if plan.status != "ok" or not plan.classes:
            continue
        waiting = {cls.code for cls in rng.sample(
            plan.classes, max(1, round(len(plan.classes) * 0.25)))}
        if len(plan.classes) == 1:
            waiting = set()
        adopters = set()
        for n, tid in enumerate(plan.teacher_ids):
            has_account = tid in world.old_account_of
            if n == 0 or rng.random() < (0.8 if has_account else 0.35):
                adopters.add(tid)
        for jid, subject, grade in plan.subject_journals:
            journal = world.ekool_journals[jid]
            if journal.class_code in waiting or journal.teacher_ids[0] not in adopters:
                continue
            if rng.random() < 0.9:
                when = ctx.moment(TERM_START, YESTERDAY)
                transfers.append(Transfer(when, jid, course_set(subject, grade), plan.opiq_id))
    transfers.sort(key=lambda t: (t.when, int(t.ekool_journal_id.rsplit("-", 1)[1])))
    return transfers


def run_transfers(ctx: Context, transfers: list[Transfer]) -> None:
    world = ctx.world
    for t in transfers:
        transfer_journal(world, t.ekool_journal_id, t.course_set, t.when)
    # The logic numbered the new accounts and journals; the seed's own counters go on from there.
    ctx.counters["opq-usr"] = len(world.opiq_accounts)
    ctx.counters["opq-jnl"] = len(world.opiq_journals)
