"""The remedy's write-ahead log in the local store: a step is recorded as being sent before
it goes out and as answered when the answer comes, so a run killed in between can be
finished without doing anything twice. These run on the store's worker thread."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from .store import now_iso
from .store.schema import RemediationPlan, RemediationStep

UNFINISHED = ("running", "interrupted")


def save_plan(store: Any, plan: Any) -> None:
    """Record the plan as running (again, on a resume)."""
    with store.session() as s, s.begin():
        row = s.get(RemediationPlan, plan.id)
        if row is None:
            s.add(RemediationPlan(id=plan.id, created_at=plan.created_at, status="running",
                                  json=json.dumps(plan.to_json(), ensure_ascii=False)))
        else:
            row.status = "running"


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


def mark_sending(store: Any, plan_id: str, index: int, step: str, key: str) -> None:
    with store.session() as s, s.begin():
        row = s.scalars(select(RemediationStep).where(
            RemediationStep.plan_id == plan_id, RemediationStep.idempotency_key == key)).first()
        if row is None:
            s.add(RemediationStep(plan_id=plan_id, pair_index=index, step=step,
                                  idempotency_key=key, status="sending", sent_at=now_iso()))
        else:
            row.status = "sending"
            row.sent_at = now_iso()


def mark_answered(store: Any, plan_id: str, key: str, status: str, detail: str) -> None:
    with store.session() as s, s.begin():
        row = s.scalars(select(RemediationStep).where(
            RemediationStep.plan_id == plan_id, RemediationStep.idempotency_key == key)).one()
        row.status = status
        row.answered_at = now_iso()
        row.detail = detail


def unfinished_rows(store: Any, statuses: tuple[str, ...] = UNFINISHED
                    ) -> list[tuple[str, str]]:
    with store.session() as s:
        query = select(RemediationPlan.id, RemediationPlan.json).where(
            RemediationPlan.status.in_(statuses)).order_by(RemediationPlan.created_at.desc())
        return [(plan_id, text) for plan_id, text in s.execute(query)]

