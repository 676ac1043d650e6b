"""The guide's remedy for duplicates, for many pairs at once, without losing a licence.

For each approved student pair: take the student role from the old account (which frees its
licence) and give a licence to the new, eKool-linked account. Where the pool has a free
licence the new account gets one first, so the student is never without access; where it
has none, the old role goes first and its freed licence is given at once.

Every step has an Idempotency-Key derived from the plan, the pair and the step, and is
written to the store before it is sent and after it is answered (a write-ahead log). A run
killed anywhere is finished by running the same plan again (`resume`): steps answered are
skipped, steps sent but unanswered are sent again with the same key, and the server's
idempotency makes that a no-op if the first one had landed.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import remediation_log as wal
from .errors import ApiError, Conflict

MASS_CHANGE_SHARE = 0.10
LICENCE_WAITS = (0.2, 0.5, 1.0, 2.0, 4.0)  # seconds, while other pairs free licences
STEP_ASSIGN = "assign_licence"
STEP_REMOVE = "remove_student_role"
STEP_ASSIGN_AFTER_FREEING = "assign_licence_after_freeing"
TEACHER_ADVICE = ("Teacher accounts are not changed automatically: ask the teacher to sign in "
                  "with the eKool-linked account from now on, and remove the teacher role from "
                  "the old account in Opiq by hand once their materials are no longer needed.")


class PlanError(ValueError):
    """A plan or scan file that cannot be used: says what and where."""


class MassChangeRefused(Exception):
    """The plan would take the student role from too many of a school's students."""


@dataclass
class PlannedPair:
    old: str
    new: str
    kind: str
    score: float
    school_id: str = ""
    ehis: str = ""
    steps: list[str] = field(default_factory=list)
    skip: str = ""  # why the pair is not acted on, when it is not


@dataclass
class Plan:
    id: str
    created_at: str
    pairs: list[PlannedPair]
    pools_before: dict[str, dict[str, int]]
    pools_after: dict[str, dict[str, int]]
    students: dict[str, int]  # school id → number of students, for the mass-change guard
    version: int = 1

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any, where: str = "plan") -> Plan:
        try:
            pairs = [PlannedPair(**p) for p in data["pairs"]]
            return cls(id=str(data["id"]), created_at=str(data["created_at"]), pairs=pairs,
                       pools_before=dict(data["pools_before"]),
                       pools_after=dict(data["pools_after"]),
                       students=dict(data["students"]), version=int(data.get("version", 1)))
        except (KeyError, TypeError, ValueError) as exc:
            raise PlanError(f"{where}: not a remediation plan ({exc})") from exc

    def over_guard(self) -> list[tuple[str, int, int]]:
        """(school id, students losing the role, students) for each school where the plan
        would remove the role from more than 10% of the students: the one rule the CLI and
        the window both state."""
        return [(school, count, self.students.get(school, 0))
                for school, count in sorted(removals_by_school(self).items())
                if count > MASS_CHANGE_SHARE * max(self.students.get(school, 0), 1)]

    def guard(self) -> list[str]:
        ehis = {p.school_id: p.ehis for p in self.pairs if p.school_id}
        return [f"school {ehis.get(school, school)}: {count} of {students} students"
                for school, count, students in self.over_guard()]


def pairs_from_scan(data: Any, where: str = "scan") -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
        raise PlanError(f"{where}: expected a scan result with a list of \"pairs\"")
    pairs = []
    for n, pair in enumerate(data["pairs"], start=1):
        if not isinstance(pair, dict) or not isinstance(pair.get("old"), str) or \
                not isinstance(pair.get("new"), str):
            raise PlanError(f"{where}: pair {n} lacks the \"old\" and \"new\" account ids")
        pairs.append(pair)
    return pairs


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


async def make_plan(ctx: Any, approved: list[dict[str, Any]],
                    accounts: dict[str, list[Any]] | None = None) -> Plan:
    """Decide each pair's steps against the live accounts and licence pools. `accounts`
    (school id → accounts, as `load_accounts` gives them) spares a caller that has just
    read them a second read."""
    from .accounts import load_accounts, managed_schools

    schools = managed_schools(ctx)

    async def read_accounts() -> dict[str, list[Any]]:
        return accounts if accounts is not None else (await load_accounts(ctx))[1]

    per_school, pool_list = await asyncio.gather(
        read_accounts(), asyncio.gather(*(ctx.opiq.client.licences(s.id) for s in schools)))
    pools = {s.id: asdict(p) for s, p in zip(schools, pool_list, strict=True)}
    # An account can be in two schools; a pair belongs to the school that has both.
    school_accounts = {s.id: {a.id: a for a in per_school[s.id]} for s in schools}
    students = {s.id: sum(1 for a in per_school[s.id] if "student" in a.roles)
                for s in schools}
    simulated = {k: dict(v) for k, v in pools.items()}
    planned = []
    for pair in approved:
        item = PlannedPair(old=pair["old"], new=pair["new"], kind=pair.get("kind", "student"),
                           score=float(pair.get("score", 0.0)))
        home = next((sid for sid, known in school_accounts.items()
                     if item.old in known and item.new in known), None)
        if home is None:
            item.skip = "an account is gone or not in a school you administer"
        else:
            old, new = school_accounts[home][item.old], school_accounts[home][item.new]
            item.ehis, item.school_id = old.school, home
            item.skip = _changed_since_review(old, new, item.kind)
        if not item.skip:
            pool = simulated[item.school_id]
            assign = not new.has_license
            if assign and pool["free"] > 0:
                item.steps = [STEP_ASSIGN, STEP_REMOVE]
            else:
                item.steps = [STEP_REMOVE, STEP_ASSIGN] if assign else [STEP_REMOVE]
            freed = 1 if old.has_license else 0
            taken = 1 if assign else 0
            pool["assigned"] += taken - freed
            pool["free"] = pool["total"] - pool["assigned"]
        planned.append(item)
    return Plan(id=str(uuid.uuid4()), created_at=now_iso(), pairs=planned, pools_before=pools,
                pools_after=simulated, students=students)


def _changed_since_review(old: Any, new: Any, kind: str) -> str:
    if kind == "teacher":
        return TEACHER_ADVICE
    if old.ekool_id:
        return "the old account has been linked to eKool since the review"
    if "student" not in old.roles:
        return "the old account no longer has the student role"
    if not new.ekool_id:
        return "the new account is not linked to eKool"
    if old.school != new.school:
        return "the two accounts are in different schools"
    return ""


def step_key(plan_id: str, pair: PlannedPair, step: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"opiq-admin:{plan_id}:{pair.old}:{pair.new}:{step}"))


@dataclass
class Progress:
    total: int
    done: int = 0
    failed: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def left(self) -> int:
        return self.total - self.done - self.failed - self.skipped

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return (self.done + self.failed) / elapsed if elapsed > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        return self.left / self.rate if self.rate > 0 else None


class Runner:
    """Runs a plan with bounded concurrency; pause and cancel stop between steps."""

    def __init__(self, ctx: Any, plan: Plan, *, concurrency: int = 4,
                 on_progress: Callable[[Progress, dict[str, Any]], None] | None = None) -> None:
        self.ctx = ctx
        self.plan = plan
        self.concurrency = concurrency
        self.on_progress = on_progress
        self._resume = asyncio.Event()
        self._resume.set()
        self._cancelled = False

    def pause(self) -> None:
        self._resume.clear()

    def unpause(self) -> None:
        self._resume.set()

    def cancel(self) -> None:
        self._cancelled = True
        self._resume.set()

    async def _between_steps(self) -> bool:
        await self._resume.wait()
        return not self._cancelled

    async def run(self, *, dry_run: bool = False, allow_mass_change: bool = False
                  ) -> list[dict[str, Any]]:
        over = self.plan.guard()
        if over and not dry_run and not allow_mass_change:
            await self.ctx.log("remediate_guard", "refused", detail="; ".join(over))
            raise MassChangeRefused(
                "the plan would take the student role from more than 10% of the students of "
                + "; ".join(over) + " — check the review, then confirm with "
                "--allow-mass-change")
        if dry_run:
            return [{"old": p.old, "new": p.new, "status": "skipped" if p.skip else "planned",
                     "detail": p.skip or " → ".join(p.steps)} for p in self.plan.pairs]
        if over:
            await self.ctx.log("remediate_guard", "confirmed", detail="; ".join(over))
        store = self.ctx.store
        await store.call(wal.save_plan, store.store, self.plan)
        done_steps = await store.call(wal.done_keys, store.store, self.plan.id)
        progress = Progress(total=len(self.plan.pairs))
        results: list[dict[str, Any] | None] = [None] * len(self.plan.pairs)
        semaphore = asyncio.Semaphore(self.concurrency)

        async def one(index: int, pair: PlannedPair) -> None:
            async with semaphore:
                result = await self._pair(index, pair, done_steps)
            results[index] = result
            if result["status"] == "done":
                progress.done += 1
            elif result["status"] == "skipped":
                progress.skipped += 1
            else:
                progress.failed += 1
            if self.on_progress is not None:
                self.on_progress(progress, result)

        await asyncio.gather(*(one(i, p) for i, p in enumerate(self.plan.pairs)))
        finished = [r for r in results if r is not None]
        status = "interrupted" if self._cancelled else "done"
        await store.call(wal.set_plan_status, store.store, self.plan.id, status)
        return finished

    async def _pair(self, index: int, pair: PlannedPair, done_steps: set[str]
                    ) -> dict[str, Any]:
        if pair.skip:
            result = {"old": pair.old, "new": pair.new, "status": "skipped",
                      "detail": pair.skip}
        else:
            result = await self._pair_steps(index, pair, done_steps)
        await self.ctx.log("remediate_pair", {"done": "ok"}.get(result["status"],
                                                                result["status"]),
                           school=pair.ehis, target=f"{pair.old} → {pair.new}",
                           detail=result["detail"])
        return result

    async def _pair_steps(self, index: int, pair: PlannedPair, done_steps: set[str]
                          ) -> dict[str, Any]:
        result = {"old": pair.old, "new": pair.new, "status": "done", "detail": ""}
        steps = list(pair.steps)
        for position, step in enumerate(steps):
            key = step_key(self.plan.id, pair, step)
            if key in done_steps:
                continue
            if not await self._between_steps():
                return {**result, "status": "failed", "detail": "cancelled before " + step}
            try:
                await self._step(index, pair, step, key)
            except Conflict as exc:
                assigning = step.startswith(STEP_ASSIGN)
                if assigning and exc.code == "no_free_licence" and position == 0:
                    # The pool emptied since planning: free the old licence first, then
                    # assign under a key of its own (the first key's answer is recorded).
                    steps.append(STEP_ASSIGN_AFTER_FREEING)
                    continue
                if assigning and exc.code == "already_licensed":
                    continue
                if assigning and exc.code == "no_free_licence" and \
                        await self._wait_for_licence(index, pair, step, key):
                    continue
                if assigning and exc.code == "no_free_licence":
                    return {**result, "status": "failed",
                            "detail": "waiting for a licence: the old role is removed, no free "
                                      "licence was left for the new account"}
                return {**result, "status": "failed", "detail": str(exc)}
            except ApiError as exc:  # 400/401/403/404 are not retried: reported per pair
                return {**result, "status": "failed", "detail": str(exc)}
        return {**result, "detail": " → ".join(pair.steps)}

    async def _wait_for_licence(self, index: int, pair: PlannedPair, step: str, key: str
                                ) -> bool:
        """After this pair freed its licence, another pair running at the same time may have
        taken it; theirs frees one in turn, so wait a little and ask again before reporting
        the pair as waiting for a licence."""
        for delay in LICENCE_WAITS:
            await asyncio.sleep(delay)
            if not await self._between_steps():
                return False
            try:
                await self._step(index, pair, step, key)
            except Conflict as exc:
                if exc.code == "already_licensed":
                    return True
                if exc.code != "no_free_licence":
                    return False
                continue
            except ApiError:
                return False  # logged by _step; the pair is reported as waiting
            return True
        return False

    async def _step(self, index: int, pair: PlannedPair, step: str, key: str) -> None:
        store = self.ctx.store
        await store.call(wal.mark_sending, store.store, self.plan.id, index, step, key)
        try:
            if step.startswith(STEP_ASSIGN):
                await self.ctx.opiq.client.assign_licence(pair.school_id, pair.new, key=key)
            else:
                await self.ctx.opiq.client.remove_role(pair.school_id, pair.old, "student",
                                                       key=key)
        except ApiError as exc:
            await store.call(wal.mark_answered, store.store, self.plan.id, key, "failed", str(exc))
            await self.ctx.log("remediate_step", "failed", school=pair.ehis,
                               target=self._step_target(pair, step), detail=str(exc))
            raise
        await store.call(wal.mark_answered, store.store, self.plan.id, key, "done", "")
        await self.ctx.log("remediate_step", "ok", school=pair.ehis,
                           target=self._step_target(pair, step), detail=step)

    @staticmethod
    def _step_target(pair: PlannedPair, step: str) -> str:
        return pair.new if step.startswith(STEP_ASSIGN) else pair.old


async def pools_by_school(ctx: Any, plan: Plan) -> dict[str, dict[str, int]]:
    """The licence pools now of every school the plan read."""
    school_ids = sorted(plan.pools_before)
    pools = await asyncio.gather(*(ctx.opiq.client.licences(s) for s in school_ids))
    return {s: asdict(p) for s, p in zip(school_ids, pools, strict=True)}


async def pools_after(ctx: Any, plan: Plan) -> dict[str, int]:
    """The pools now, summed over the plan's schools: `remediate run --json`'s `licences`,
    comparable with `accounts list --json`'s."""
    pools = (await pools_by_school(ctx, plan)).values()
    return {key: sum(p[key] for p in pools) for key in ("total", "assigned", "free")}


# -- what the window needs: unfinished runs, steps done, removals per school ----------------

UNFINISHED = wal.UNFINISHED


def removals_by_school(plan: Plan) -> dict[str, int]:
    """How many old accounts lose the student role in each school (the guard's numerator)."""
    removing: dict[str, int] = {}
    for pair in plan.pairs:
        if STEP_REMOVE in pair.steps and not pair.skip:
            removing[pair.school_id] = removing.get(pair.school_id, 0) + 1
    return removing


async def unfinished_plans(ctx: Any) -> list[Plan]:
    """Plans whose run stopped before its end (cancelled, killed, power lost), newest first;
    the window offers to finish them at start."""
    rows = await ctx.store.call(wal.unfinished_rows, ctx.store.store)
    return [Plan.from_json(json.loads(text), f"stored plan {plan_id}") for plan_id, text in rows]


async def done_steps(ctx: Any, plan_id: str) -> set[str]:
    """The idempotency keys of the plan's steps that the server has answered as done."""
    return await ctx.store.call(wal.done_keys, ctx.store.store, plan_id)


