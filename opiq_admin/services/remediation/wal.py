"""The remedy's write-ahead log and its lease, in the local store.

A step is recorded as being sent before it goes out and as answered, together with its
activity-log entry in one transaction, when the answer comes: a run killed in between is
finished without doing anything twice, and no change is ever done but unlogged. A plan is
carried out by one runner at a time: the runner holds a lease that it extends while it
works, so a second window or command refuses, and a killed runner's lease runs out (or is
taken over at once when its process is plainly gone). These run on the store's worker
thread.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any

import psutil
from sqlalchemy import distinct, func, or_, select, update

from opiq_admin.services.store import now_iso
from opiq_admin.services.store.schema import (
    ActivityEntry,
    RemediationPlan,
    RemediationStep,
    insert_for,
    wrote,
)

UNFINISHED = ("running", "unfinished", "interrupted")
STEP_REMOVE = "remove_student_role"


@dataclass(frozen=True)
class LogEntry:
    """The activity-log entry written with a step's answer; its result is the step's."""

    actor: str
    action: str
    school: str
    target: str


def lease_owner() -> str:
    """Who holds a lease: this computer, this process, this runner."""
    return f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"


def _owner_is_gone(owner: str) -> bool:
    """A lease holder on this computer whose process no longer exists (killed, crashed):
    its lease may be taken over without waiting for it to run out."""
    host, _, rest = owner.partition("/")
    pid_text = rest.partition("/")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    return pid != os.getpid() and not psutil.pid_exists(pid)


def take_lease(store: Any, plan: Any, saved: str, owner: str, seconds: float) -> bool:
    """Record the plan as running under `owner`'s lease; False when someone else holds it.

    The database decides, in one statement each, so two runners starting at once (two
    windows, two commands, two computers on one shared store) cannot both win: an
    INSERT … ON CONFLICT DO NOTHING for a plan never run, else a conditional UPDATE, which
    PostgreSQL and SQLite both carry out one writer at a time."""
    now = time.time()
    with store.session() as s, s.begin():
        insert = insert_for(s, RemediationPlan).values(
            id=plan.id, created_at=plan.created_at, status="running", json=saved,
            lease_owner=owner, lease_until=now + seconds).on_conflict_do_nothing(
            index_elements=["id"])
        if wrote(s, insert):
            return True
    free = or_(RemediationPlan.lease_owner.is_(None), RemediationPlan.lease_owner == owner,
               RemediationPlan.lease_until < now)
    if _grab(store, plan.id, free, saved, owner, now + seconds):
        return True
    with store.session() as s:
        holder = s.scalar(select(RemediationPlan.lease_owner).where(
            RemediationPlan.id == plan.id))
    if holder and _owner_is_gone(holder):
        return _grab(store, plan.id, RemediationPlan.lease_owner == holder, saved, owner,
                     now + seconds)
    return False


def _grab(store: Any, plan_id: str, condition: Any, saved: str, owner: str,
          until: float) -> bool:
    with store.session() as s, s.begin():
        result = s.execute(update(RemediationPlan).where(
            RemediationPlan.id == plan_id, condition).values(
            lease_owner=owner, lease_until=until, status="running", json=saved))
        return bool(result.rowcount == 1)


def extend_lease(store: Any, plan_id: str, owner: str, seconds: float) -> bool:
    """The heartbeat; False when the lease is no longer this runner's."""
    with store.session() as s, s.begin():
        result = s.execute(update(RemediationPlan).where(
            RemediationPlan.id == plan_id, RemediationPlan.lease_owner == owner).values(
            lease_until=time.time() + seconds))
        return bool(result.rowcount == 1)


def release_lease(store: Any, plan_id: str, owner: str) -> None:
    with store.session() as s, s.begin():
        s.execute(update(RemediationPlan).where(
            RemediationPlan.id == plan_id, RemediationPlan.lease_owner == owner).values(
            lease_owner=None, lease_until=0.0))


def set_plan_status(store: Any, plan_id: str, status: str) -> None:
    with store.session() as s, s.begin():
        row = s.get(RemediationPlan, plan_id)
        if row is not None:
            row.status = status


def done_keys(store: Any, plan_id: str) -> set[str]:
    """Keys of the steps the server answered as done: a resume skips these."""
    with store.session() as s:
        return set(s.scalars(select(RemediationStep.idempotency_key).where(
            RemediationStep.plan_id == plan_id, RemediationStep.status == "done")))


def step_states(store: Any, plan_id: str) -> dict[str, str]:
    """Every recorded step of the plan: key → sending | done | failed."""
    with store.session() as s:
        return {key: status for key, status in s.execute(
            select(RemediationStep.idempotency_key, RemediationStep.status).where(
                RemediationStep.plan_id == plan_id))}


def mark_sending(store: Any, plan_id: str, index: int, step: str, key: str, school_id: str,
                 account_id: str) -> bool:
    """Record the step as being sent; False when the store already has it answered as done
    (by another runner of the plan): then it is not sent again. One INSERT … ON CONFLICT
    DO UPDATE … WHERE, so it holds with two writers at once."""
    stamp = now_iso()
    with store.session() as s, s.begin():
        insert = insert_for(s, RemediationStep).values(
            plan_id=plan_id, pair_index=index, step=step, idempotency_key=key,
            status="sending", sent_at=stamp, school_id=school_id, account_id=account_id)
        insert = insert.on_conflict_do_update(
            index_elements=["plan_id", "idempotency_key"],
            set_={"status": "sending", "sent_at": stamp},
            where=RemediationStep.status != "done")
        return wrote(s, insert)


def mark_answered(store: Any, plan_id: str, key: str, status: str, detail: str,
                  entry: LogEntry) -> None:
    """The step's answer and its activity-log entry, in one transaction."""
    stamp = now_iso()
    with store.session() as s, s.begin():
        row = s.scalars(select(RemediationStep).where(
            RemediationStep.plan_id == plan_id, RemediationStep.idempotency_key == key)).one()
        row.status = status
        row.answered_at = stamp
        row.detail = "" if status == "done" else detail
        s.add(ActivityEntry(at=stamp, actor=entry.actor, action=entry.action,
                            school=entry.school, target=entry.target,
                            result="ok" if status == "done" else status, detail=detail))


def removed_since(store: Any, since: str) -> dict[str, int]:
    """School id → accounts whose student role this program removed since `since`, over
    every plan: what the mass-change guard adds to a plan's own removals."""
    with store.session() as s:
        query = select(RemediationStep.school_id,
                       func.count(distinct(RemediationStep.account_id))).where(
            RemediationStep.step == STEP_REMOVE, RemediationStep.status == "done",
            RemediationStep.answered_at >= since).group_by(RemediationStep.school_id)
        return {school: count for school, count in s.execute(query)}


def unfinished_rows(store: Any, now: float) -> list[tuple[str, str]]:
    """Plans not run to their end that nobody is running now, newest first."""
    with store.session() as s:
        query = select(RemediationPlan.id, RemediationPlan.json, RemediationPlan.lease_owner,
                       RemediationPlan.lease_until).where(
            RemediationPlan.status.in_(UNFINISHED)).order_by(RemediationPlan.created_at.desc())
        rows = list(s.execute(query))
    return [(plan_id, text) for plan_id, text, owner, until in rows
            if not owner or until < now or _owner_is_gone(owner)]
