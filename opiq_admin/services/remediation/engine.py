"""The guide's remedy for duplicates, for many pairs at once, without losing a licence.

For each student pair a person approved: take the student role from the old account (which
frees its licence) and give a licence to the new, eKool-linked account. Where the pool has a
free licence the new account gets one first, so the student is never without access; where
it has none, the old role goes first and its freed licence is given at once.

Nothing here trusts its input. A plan (or a scan file) only names pairs; what may change is
decided from the store and the servers at the moment of change: the pair must be approved in
the store, and just before its first step both accounts are read again and compared with
what the reviewer saw. The mass-change guard counts the students this program really took
the role from in the last seven days, across every plan, against the school's student count
as the server gives it now.

Every step has an Idempotency-Key derived from the plan, the pair and the step, and is
written to the store before it is sent and, together with its activity-log entry, when it
is answered (a write-ahead log). A run killed anywhere is finished by running the same plan
again (`resume`): answered steps are skipped, steps sent but unanswered are sent again with
the same key, and the server's idempotency makes that a no-op if the first one had landed.
One runner at a time holds a plan (a lease in the store, kept alive by a heartbeat).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Callable, Set
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from opiq_admin.services.clients.models import Account, LicencePool
from opiq_admin.services.context import OpiqRecorder, OpiqSide, OpiqStored, Recorder, Stored
from opiq_admin.services.duplicates.decisions import APPROVED, REJECTED, reviewed_identity
from opiq_admin.services.errors import ApiError, Conflict, NotFound
from opiq_admin.services.i18n import _, ngettext
from opiq_admin.services.remediation import wal
from opiq_admin.services.store import now_iso

MASS_CHANGE_SHARE = 0.10
MASS_CHANGE_DAYS = 7
LICENCE_WAITS = (0.2, 0.5, 1.0, 2.0, 4.0)  # seconds, while other pairs free licences
STEP_ASSIGN = "assign_licence"
STEP_REMOVE = "remove_student_role"
STEP_ASSIGN_AFTER_FREEING = "assign_licence_after_freeing"
# The step orders a plan may hold; anything else in a plan file is refused.
STEP_ORDERS = ((), (STEP_REMOVE,), (STEP_ASSIGN, STEP_REMOVE), (STEP_REMOVE, STEP_ASSIGN))

TEACHER_ADVICE = ("Teacher accounts are not changed automatically: ask the teacher to sign in "
                  "with the eKool-linked account from now on, and remove the teacher role from "
                  "the old account in Opiq by hand once their materials are no longer needed.")
NOT_APPROVED = "not approved in the review"
REJECTED_IN_REVIEW = "rejected in the review"
GONE = "an account is gone or not in a school you administer"
LINKED_SINCE = "the old account has been linked to eKool since the review"
NOT_STUDENT = "the old account no longer has the student role"
NEW_NOT_LINKED = "the new account is not linked to eKool"
OTHER_SCHOOLS = "the two accounts are in different schools"
CHANGED_SINCE = "the accounts have changed since the review"
APPROVAL_WITHDRAWN = "the approval was withdrawn after the plan was made"


class PlanError(ValueError):
    """A plan or scan file that cannot be used: says what and where."""


class MassChangeRefused(Exception):
    """The run would take the student role from too many of a school's students."""


class PlanBusy(Exception):
    """Another runner holds the plan; a second one would send its steps twice."""


@dataclass
class PlannedPair:
    old: str
    new: str
    kind: str
    score: float
    school_id: str = ""
    ehis: str = ""
    steps: list[str] = field(default_factory=list)
    skip: str = ""  # why the pair is left alone, when it is

    @property
    def acts(self) -> bool:
        """Whether the plan changes anything for this pair (else it is only listed)."""
        return bool(self.steps) and not self.skip


@dataclass(frozen=True)
class GuardLine:
    """One school over the mass-change guard: students whose role this program removed in
    the last days plus those this plan still removes, of the school's students."""

    school_id: str
    ehis: str
    recent: int
    planned: int
    students: int

    @property
    def count(self) -> int:
        return self.recent + self.planned

    def text(self) -> str:
        return (f"school {self.ehis or self.school_id}: {self.count} of {self.students} "
                f"students ({self.recent} in the last {MASS_CHANGE_DAYS} days, "
                f"{self.planned} by this plan)")


# -- the plan file: validated, never trusted ------------------------------------------------

class _PairModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    old: str = Field(min_length=1, max_length=200)
    new: str = Field(min_length=1, max_length=200)
    kind: Literal["student", "teacher"]
    score: float = Field(ge=0.0, le=1.0)
    school_id: str = Field(default="", max_length=200)
    ehis: str = Field(default="", max_length=50)
    steps: list[Literal["assign_licence", "remove_student_role"]] = Field(max_length=2)
    skip: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _known_order(self) -> _PairModel:
        if tuple(self.steps) not in STEP_ORDERS:
            raise ValueError(_("steps {steps} are not a remedy this program makes").format(
                                 steps=self.steps))
        if self.steps and not self.school_id:
            raise ValueError(_("a pair with steps needs its school_id"))
        if self.old == self.new:
            raise ValueError(_("old and new are the same account"))
        return self


class _PlanModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    id: str = Field(min_length=1, max_length=64, pattern=r"^[0-9a-f-]+$")
    created_at: str = Field(max_length=40)
    pairs: list[_PairModel] = Field(max_length=1_000_000)
    pools_before: dict[str, dict[str, int]]
    pools_after: dict[str, dict[str, int]]
    version: Literal[2]


@dataclass
class Plan:
    id: str
    created_at: str
    pairs: list[PlannedPair]
    pools_before: dict[str, dict[str, int]]
    pools_after: dict[str, dict[str, int]]
    version: int = 2
    # What the guard found when last assessed (`assess_guard`); never read from a file.
    guard_report: list[GuardLine] = field(default_factory=list, compare=False)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["guard_report"]
        return data

    @classmethod
    def from_json(cls, data: Any, where: str = "plan") -> Plan:
        try:
            model = _PlanModel.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            place = ".".join(str(p) for p in first["loc"]) or "the document"
            raise PlanError(_("{where}: not a remediation plan of this version ({place}: "
                              "{msg})").format(where=where, place=place, msg=first['msg'])
                            ) from None
        pairs = [PlannedPair(**p.model_dump()) for p in model.pairs]
        seen: set[tuple[str, str]] = set()
        for pair in pairs:
            if (pair.old, pair.new) in seen:
                raise PlanError(_("{where}: the pair {old} → {new} is listed twice").format(
                                    where=where, old=pair.old, new=pair.new))
            seen.add((pair.old, pair.new))
        return cls(id=model.id, created_at=model.created_at, pairs=pairs,
                   pools_before=model.pools_before, pools_after=model.pools_after,
                   version=model.version)

    def over_guard(self) -> list[tuple[str, int, int]]:
        """(school id, students losing the role, students) per school over the guard, as
        last assessed against the store and the server."""
        return [(g.school_id, g.count, g.students) for g in self.guard_report]

    def guard(self) -> list[str]:
        return [g.text() for g in self.guard_report]


def pairs_from_scan(data: Any, where: str = "scan") -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
        raise PlanError(_("{where}: expected a scan result with a list of \"pairs\"").format(
                            where=where))
    pairs = []
    for n, pair in enumerate(data["pairs"], start=1):
        if not isinstance(pair, dict) or not isinstance(pair.get("old"), str) or \
                not isinstance(pair.get("new"), str) or not pair["old"] or not pair["new"]:
            raise PlanError(_("{where}: pair {n} lacks the \"old\" and \"new\" account ids").format(
                                where=where, n=n))
        score = pair.get("score", 0.0)
        if isinstance(score, bool) or not isinstance(score, int | float) or \
                not 0.0 <= score <= 1.0:
            raise PlanError(_("{where}: pair {n} has a score outside 0…1").format(
                                where=where, n=n))
        pairs.append(pair)
    return pairs


def pool_numbers(pool: LicencePool) -> dict[str, int]:
    """A licence pool as the plan keeps it: total, assigned and free."""
    return {"total": pool.total, "assigned": pool.assigned, "free": pool.free}


# -- making the plan ------------------------------------------------------------------------

async def make_plan(ctx: OpiqStored, candidates: list[dict[str, Any]],
                    accounts: dict[str, list[Any]] | None = None) -> Plan:
    """Steps for the candidate pairs that a person approved, against the live accounts and
    licence pools; every other pair is listed with the reason it is left alone. `accounts`
    (school id → accounts, as `load_accounts` gives them) spares a caller that has just
    read them a second read."""
    from opiq_admin.services.accounts import load_accounts, managed_schools

    schools = managed_schools(ctx)

    async def read_accounts() -> dict[str, list[Any]]:
        return accounts if accounts is not None else (await load_accounts(ctx))[1]

    per_school, pool_list, decisions = await asyncio.gather(
        read_accounts(), asyncio.gather(*(ctx.opiq.client.licences(s.id) for s in schools)),
        ctx.store.decisions())
    pools = {s.id: pool_numbers(p) for s, p in zip(schools, pool_list, strict=True)}
    # An account can be in two schools; a pair belongs to the school that has both.
    school_accounts = {s.id: {a.id: a for a in per_school[s.id]} for s in schools}
    simulated = {k: dict(v) for k, v in pools.items()}
    planned: list[PlannedPair] = []
    seen: set[tuple[str, str]] = set()
    for candidate in candidates:
        key = (candidate["old"], candidate["new"])
        if key in seen:
            continue
        seen.add(key)
        decided = decisions.get(key)
        kind = decided.kind if decided is not None and decided.kind else \
            candidate.get("kind", "student")
        item = PlannedPair(old=key[0], new=key[1], kind=kind if kind == "teacher" else "student",
                           score=float(candidate.get("score", decided.score if decided else 0)))
        home = next((sid for sid, known in school_accounts.items()
                     if item.old in known and item.new in known), None)
        if home is not None:
            old, new = school_accounts[home][item.old], school_accounts[home][item.new]
            item.ehis, item.school_id = old.school, home
        if decided is None or decided.decision not in (APPROVED, REJECTED):
            item.skip = NOT_APPROVED
        elif decided.decision == REJECTED:
            item.skip = REJECTED_IN_REVIEW
        elif home is None:
            item.skip = GONE
        else:
            item.skip = stale_reason(old, new, item.kind, decided.reviewed or "",
                                     removed=False)
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
    plan = Plan(id=str(uuid.uuid4()), created_at=now_iso(), pairs=planned, pools_before=pools,
                pools_after=simulated)
    await assess_guard(ctx, plan, per_school)
    return plan


def stale_reason(old: Account, new: Account, kind: str, reviewed: str, *,
                 removed: bool) -> str:
    """Why the pair may not be changed now, or "": the accounts must be as the person who
    approved the pair saw them. `removed` says this plan has already removed the old
    account's student role (a resumed run), so its absence is no surprise."""
    if kind == "teacher":
        return TEACHER_ADVICE
    if old.ekool_id:
        return LINKED_SINCE
    if not removed and "student" not in old.roles:
        return NOT_STUDENT
    if not new.ekool_id:
        return NEW_NOT_LINKED
    if old.school != new.school:
        return OTHER_SCHOOLS
    if reviewed and reviewed != reviewed_identity(old, new):
        return CHANGED_SINCE
    return ""


# -- the mass-change guard ------------------------------------------------------------------

def removals_by_school(plan: Plan, done: Set[str] = frozenset()) -> dict[str, int]:
    """Old accounts that still lose the student role in each school if the plan runs now."""
    removing: dict[str, int] = {}
    for pair in plan.pairs:
        if pair.acts and STEP_REMOVE in pair.steps and \
                step_key(plan.id, pair, STEP_REMOVE) not in done:
            removing[pair.school_id] = removing.get(pair.school_id, 0) + 1
    return removing


async def assess_guard(ctx: OpiqStored, plan: Plan,
                       accounts: dict[str, list[Any]] | None = None,
                       done: Set[str] | None = None) -> list[GuardLine]:
    """Sets and answers `plan.guard_report`: for each school, the students whose role this
    program removed in the last seven days (every plan, from the store) plus those this plan
    still removes, against the school's students now (from the server) plus those removed.
    `done` (the plan's answered step keys) spares a caller that has them a second read."""
    if done is None:
        done = await ctx.store.call(wal.done_keys, ctx.store.store, plan.id)
    pending = removals_by_school(plan, done)
    if not pending:
        plan.guard_report = []
        return []
    since = (datetime.now(UTC) - timedelta(days=MASS_CHANGE_DAYS)).isoformat(
        timespec="seconds")
    recent = await ctx.store.call(wal.removed_since, ctx.store.store, since)
    if accounts is None or not set(pending) <= set(accounts):
        batches = await asyncio.gather(*(ctx.opiq.client.users(s, role="student")
                                         for s in sorted(pending)))
        students = {s: len(b) for s, b in zip(sorted(pending), batches, strict=True)}
    else:
        students = {s: sum(1 for a in accounts[s] if "student" in a.roles) for s in pending}
    ehis = {p.school_id: p.ehis for p in plan.pairs if p.school_id}
    lines = []
    for school in sorted(pending):
        removed = recent.get(school, 0)
        total = students[school] + removed  # they were students until we removed the role
        line = GuardLine(school, ehis.get(school, ""), removed, pending[school], total)
        if line.count > MASS_CHANGE_SHARE * max(total, 1):
            lines.append(line)
    plan.guard_report = lines
    return lines


# -- running it -----------------------------------------------------------------------------

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


LEASE_SECONDS = 20.0
HEARTBEAT_SECONDS = 5.0


class Runner:
    """Runs a plan with bounded concurrency; pause and cancel stop between steps."""

    def __init__(self, ctx: OpiqRecorder, plan: Plan, *, concurrency: int = 4,
                 on_progress: Callable[[Progress, dict[str, Any]], None] | None = None) -> None:
        if not 1 <= concurrency <= 32:
            raise ValueError(_("concurrency must be 1 to 32, not {concurrency}").format(
                                 concurrency=concurrency))
        self.ctx = ctx
        self.plan = plan
        self.concurrency = concurrency
        self.on_progress = on_progress
        self.owner = wal.lease_owner()
        self._resume = asyncio.Event()
        self._resume.set()
        self._cancelled = False
        self._lease_lost = False

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
        if dry_run:
            return await self._dry_run()
        store = self.ctx.store
        saved = json.dumps(self.plan.to_json(), ensure_ascii=False)
        taken = await store.call(wal.take_lease, store.store, self.plan, saved, self.owner,
                                 LEASE_SECONDS)
        if not taken:
            raise PlanBusy(_("plan {id} is being carried out by another window or command "
                             "right now; wait for it to finish (or, if that program was "
                             "closed, about half a minute) and try again").format(
                               id=self.plan.id))
        heartbeat = asyncio.create_task(self._heartbeat())
        try:
            return await self._run_held(allow_mass_change)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
            await store.call(wal.release_lease, store.store, self.plan.id, self.owner)

    async def _heartbeat(self) -> None:
        store = self.ctx.store
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            kept = await store.call(wal.extend_lease, store.store, self.plan.id, self.owner,
                                    LEASE_SECONDS)
            if not kept:  # another runner took over a lease we let run out: stop at once
                self._lease_lost = True
                self.cancel()
                return

    async def _run_held(self, allow_mass_change: bool) -> list[dict[str, Any]]:
        store = self.ctx.store
        states = await store.call(wal.step_states, store.store, self.plan.id)
        done = {key for key, status in states.items() if status == "done"}
        over = [g.text() for g in await assess_guard(self.ctx, self.plan, done=done)]
        if over and not allow_mass_change:
            await self.ctx.log("remediate_guard", "refused", detail="; ".join(over))
            await store.call(wal.set_plan_status, store.store, self.plan.id, "unfinished")
            raise MassChangeRefused(
                "the run would take the student role from more than 10% of the students of "
                + "; ".join(over) + " — check the review, then confirm with "
                "--allow-mass-change")
        if over:
            await self.ctx.log("remediate_guard", "confirmed", detail="; ".join(over))
        decisions = await self.ctx.store.decisions()
        progress = Progress(total=len(self.plan.pairs))
        results: list[dict[str, Any] | None] = [None] * len(self.plan.pairs)
        semaphore = asyncio.Semaphore(self.concurrency)

        async def one(index: int, pair: PlannedPair) -> None:
            async with semaphore:
                result = await self._pair(index, pair, states, decisions)
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
        complete = all(r["status"] == "done" for r, p in zip(finished, self.plan.pairs,
                                                               strict=True) if p.acts)
        await store.call(wal.set_plan_status, store.store, self.plan.id,
                         "done" if complete else "unfinished")
        if self._lease_lost:
            raise PlanBusy(_("plan {id}: another runner took the plan over; this run stopped "
                             "between steps").format(id=self.plan.id))
        return finished

    async def _dry_run(self) -> list[dict[str, Any]]:
        """What a run would do now: the same checks, nothing sent, nothing stored."""
        states = await self.ctx.store.call(wal.step_states, self.ctx.store.store, self.plan.id)
        done = {key for key, status in states.items() if status == "done"}
        await assess_guard(self.ctx, self.plan, done=done)
        decisions = await self.ctx.store.decisions()
        semaphore = asyncio.Semaphore(self.concurrency)

        async def one(pair: PlannedPair) -> dict[str, Any]:
            async with semaphore:
                reason = pair.skip or (await self._recheck(pair, states, decisions)
                                       if pair.acts else "")
            return {"old": pair.old, "new": pair.new,
                    "status": "skipped" if reason else "planned",
                    "detail": reason or " → ".join(pair.steps)}

        return list(await asyncio.gather(*(one(p) for p in self.plan.pairs)))

    async def _recheck(self, pair: PlannedPair, states: dict[str, str],
                       decisions: dict[tuple[str, str], Any]) -> str:
        """Why the pair may not be changed now, from the store and both accounts read again
        just before the pair's first step; "" when it may."""
        decided = decisions.get((pair.old, pair.new))
        if decided is None or decided.decision != APPROVED:
            return APPROVAL_WITHDRAWN
        client = self.ctx.opiq.client
        try:
            old, new = await asyncio.gather(client.user(pair.old, pair.school_id),
                                            client.user(pair.new, pair.school_id))
        except NotFound:
            return GONE
        removed = states.get(step_key(self.plan.id, pair, STEP_REMOVE)) in ("done", "sending")
        return stale_reason(old, new, pair.kind, decided.reviewed or "", removed=removed)

    async def _pair(self, index: int, pair: PlannedPair, states: dict[str, str],
                    decisions: dict[tuple[str, str], Any]) -> dict[str, Any]:
        result = {"old": pair.old, "new": pair.new, "status": "skipped", "detail": pair.skip}
        if not pair.acts:
            return result  # listed in the plan, never acted on: nothing to log again
        keys = [step_key(self.plan.id, pair, s) for s in pair.steps]
        if all(states.get(k) == "done" for k in keys):
            return {**result, "status": "done", "detail": " → ".join(pair.steps)}
        if not await self._between_steps():
            result = {**result, "status": "failed", "detail": "cancelled before " +
                      pair.steps[0]}
        else:
            try:
                reason = await self._recheck(pair, states, decisions)
            except ApiError as exc:  # the pair cannot be checked, so it is not changed
                reason = ""
                result = {**result, "status": "failed", "detail": str(exc)}
            if reason:
                result = {**result, "detail": reason}
            elif result["status"] != "failed":
                result = await self._pair_steps(index, pair, states)
        await self.ctx.log("remediate_pair", {"done": "ok"}.get(result["status"],
                                                                result["status"]),
                           school=pair.ehis, target=f"{pair.old} → {pair.new}",
                           detail=result["detail"])
        return result

    async def _pair_steps(self, index: int, pair: PlannedPair, states: dict[str, str]
                          ) -> dict[str, Any]:
        result = {"old": pair.old, "new": pair.new, "status": "done", "detail": ""}
        steps = list(pair.steps)
        for position, step in enumerate(steps):
            key = step_key(self.plan.id, pair, step)
            if states.get(key) == "done":
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
        target = pair.new if step.startswith(STEP_ASSIGN) else pair.old
        if not await store.call(wal.mark_sending, store.store, self.plan.id, index, step,
                                key, pair.school_id, target):
            return  # answered as done already: never sent twice
        entry = wal.LogEntry(actor=self.ctx.actor(), action="remediate_step",
                             school=pair.ehis, target=target)
        try:
            if step.startswith(STEP_ASSIGN):
                await self.ctx.opiq.client.assign_licence(pair.school_id, pair.new, key=key)
            else:
                await self.ctx.opiq.client.remove_role(pair.school_id, pair.old, "student",
                                                       key=key)
        except ApiError as exc:
            await store.call(wal.mark_answered, store.store, self.plan.id, key, "failed",
                             str(exc), entry)
            raise
        await store.call(wal.mark_answered, store.store, self.plan.id, key, "done", step,
                         entry)


async def pools_by_school(ctx: OpiqSide, plan: Plan) -> dict[str, dict[str, int]]:
    """The licence pools now of every school the plan read."""
    school_ids = sorted(plan.pools_before)
    pools = await asyncio.gather(*(ctx.opiq.client.licences(s) for s in school_ids))
    return {s: pool_numbers(p) for s, p in zip(school_ids, pools, strict=True)}


async def pools_after(ctx: OpiqSide, plan: Plan) -> dict[str, int]:
    """The pools now, summed over the plan's schools: `remediate run --json`'s `licences`,
    comparable with `accounts list --json`'s."""
    pools = (await pools_by_school(ctx, plan)).values()
    return {key: sum(p[key] for p in pools) for key in ("total", "assigned", "free")}


# -- what the window needs: unfinished runs, steps done -------------------------------------

async def unfinished_plans(ctx: Stored) -> list[Plan]:
    """Plans whose run has not reached its end (stopped, killed, pairs failed or skipped)
    and that nobody is running now, newest first; the window offers to finish them."""
    rows = await ctx.store.call(wal.unfinished_rows, ctx.store.store, time.time())
    plans = []
    for plan_id, text in rows:
        try:
            plans.append(Plan.from_json(json.loads(text), f"stored plan {plan_id}"))
        except PlanError:
            continue  # a plan of an older version: `remediate resume` names the problem
    return plans


async def give_up(ctx: Recorder, plan: Plan) -> None:
    """A person decides an unfinished plan will not be finished: it is no longer offered."""
    await ctx.store.call(wal.set_plan_status, ctx.store.store, plan.id, "given_up")
    acting = sum(1 for p in plan.pairs if p.acts)
    await ctx.log("remediate_give_up", "ok", target=_("plan {id}").format(id=plan.id),
                  detail=ngettext("{n} pair", "{n} pairs", acting).format(n=acting))


async def done_steps(ctx: Stored, plan_id: str) -> set[str]:
    """The idempotency keys of the plan's steps that the server has answered as done."""
    return await ctx.store.call(wal.done_keys, ctx.store.store, plan_id)
