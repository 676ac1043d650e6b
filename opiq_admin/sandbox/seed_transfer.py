"""The seeded past: teachers who use Opiq transferred their eKool journals this autumn.

Transfers go through `logic.transfer_journal`, the rule the server applies, so duplicates
arise exactly as they would. The logic scans the whole world for licences and journals
on every call, which over a quarter of a million accounts is quadratic; the seed therefore
runs each transfer on a view of the world narrowed to the journal's own people (their
linked and old accounts, the school with its licence pool reduced by the licences held
outside the view). The result is the same as a transfer on the full world, with the
accounts and the journal renumbered into the world's id sequence; a test checks this.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from .logic import rebuild_index, transfer_journal
from .model import DuplicatePair, OpiqAccount, World
from .seed_context import Context
from .seed_opiq import course_set
from .seed_roster import SchoolPlan

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


def run_transfers(ctx: Context, transfers: list[Transfer], licences: dict[str, int],
                  scoped: bool = True) -> None:
    world = ctx.world
    if not scoped:
        rebuild_index(world)
        for t in transfers:
            transfer_journal(world, t.ekool_journal_id, t.course_set, t.when)
        ctx.counters["opq-usr"] = len(world.opiq_accounts)
        ctx.counters["opq-jnl"] = len(world.opiq_journals)
        for school_id in licences:
            licences[school_id] = 0
        for account in world.opiq_accounts.values():
            if account.licence_school_id:
                licences[account.licence_school_id] += 1
        return
    for t in transfers:
        _scoped_transfer(ctx, t, licences)


def _scoped_transfer(ctx: Context, t: Transfer, licences: dict[str, int]) -> None:
    world = ctx.world
    journal = world.ekool_journals[t.ekool_journal_id]
    view: dict[str, OpiqAccount] = {}
    for pid in (*journal.teacher_ids, *journal.student_ids):
        for aid in (world.linked.get(pid), world.old_account_of.get(pid)):
            if aid:
                view[aid] = world.opiq_accounts[aid]
    inside = sum(1 for a in view.values() if a.licence_school_id == t.school_id)
    school = world.opiq_schools[t.school_id]
    sub = World(seed=world.seed, clock=world.clock)
    sub.ekool_people = world.ekool_people
    sub.ekool_journals = {journal.id: journal}
    sub.opiq_schools = {school.id: replace(
        school, licence_total=school.licence_total - (licences[t.school_id] - inside))}
    sub.opiq_accounts = dict(view)
    sub.old_account_of = world.old_account_of
    rebuild_index(sub)
    made = transfer_journal(sub, journal.id, t.course_set, t.when)
    renumbered: dict[str, str] = {}
    for aid, account in sub.opiq_accounts.items():
        if aid in view:
            continue
        account.id = renumbered[aid] = ctx.new_id("opq-usr")
        world.opiq_accounts[account.id] = account
        world.linked[account.ekool_id] = account.id
    made.id = ctx.new_id("opq-jnl")
    made.teacher_ids = [renumbered.get(a, a) for a in made.teacher_ids]
    made.student_ids = [renumbered.get(a, a) for a in made.student_ids]
    world.opiq_journals[made.id] = made
    for pair in sub.duplicates:
        world.duplicates.append(DuplicatePair(pair.old, renumbered.get(pair.new, pair.new),
                                              pair.kind))
    licences[t.school_id] += sum(
        1 for a in sub.opiq_accounts.values() if a.licence_school_id == t.school_id) - inside
