"""The review of duplicate pairs: the live scan of the managed schools joined with the
accounts it speaks of and with the decisions a person has recorded so far.

A decision is keyed by the pair (old account, new account), not by the scan that found it,
so a review can span days and several scans. An account may be in at most one approved
pair: approving a second one for the same account would take the student role from the
wrong account, so `conflicts` names the pairs that stand in the way.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from opiq_admin.services.accounts import (
    full_name as full_name,  # the review page names people with it
)
from opiq_admin.services.accounts import load_accounts
from opiq_admin.services.accounts import (
    mask_id_code as mask_id_code,  # the review page masks with it
)
from opiq_admin.services.clients.models import Account
from opiq_admin.services.context import OpiqStored, Recorder
from opiq_admin.services.csvsafe import csv_document
from opiq_admin.services.duplicates.decisions import (
    ACTIONS,
    Decided,
    DecisionRow,
    reviewed_identity,
)
from opiq_admin.services.duplicates.decisions import (
    APPROVED as APPROVED,  # decisions, and so statuses of a review item, as the page says
)
from opiq_admin.services.duplicates.decisions import (
    REJECTED as REJECTED,
)
from opiq_admin.services.duplicates.decisions import write as write_decisions
from opiq_admin.services.duplicates.live import as_records
from opiq_admin.services.store import now_iso

PROPOSED, AMBIGUOUS, FIXED = "proposed", "ambiguous", "fixed"
STATUSES = (PROPOSED, AMBIGUOUS, APPROVED, REJECTED, FIXED)


@dataclass(frozen=True)
class ReviewItem:
    """One candidate pair as a person reviews it."""

    old: Account
    new: Account
    score: float
    kind: str
    reasons: tuple[str, ...]
    found: str  # PROPOSED | AMBIGUOUS: what the scan made of it
    school: str  # the school's name
    ehis: str
    school_id: str
    decision: str = ""  # "" | approved | rejected | pending
    note: str = ""
    decided_by: str = ""
    decided_at: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.old.id, self.new.id)

    @property
    def fixed(self) -> bool:
        """Approved and remedied: the old account no longer has the role the pair is about."""
        return self.decision == APPROVED and self.kind not in self.old.roles

    @property
    def status(self) -> str:
        if self.fixed:
            return FIXED
        return self.decision if self.decision in (APPROVED, REJECTED) else self.found

    @property
    def old_name(self) -> str:
        return full_name(self.old)

    @property
    def new_name(self) -> str:
        return full_name(self.new)

    def to_pair(self) -> dict[str, Any]:
        """The scan's own shape (interfaces.md §5), which remediation reads."""
        return {"old": self.old.id, "new": self.new.id, "score": self.score,
                "kind": self.kind, "reasons": list(self.reasons)}


@dataclass
class Review:
    items: list[ReviewItem]
    accounts: dict[str, Account] = field(default_factory=dict)
    schools: dict[str, str] = field(default_factory=dict)  # EHIS code → name
    school_accounts: dict[str, list[Account]] = field(default_factory=dict)  # by EHIS code
    decisions: dict[tuple[str, str], Any] = field(default_factory=dict)  # all, found or not

    def approved(self, kind: str | None = None) -> list[ReviewItem]:
        return [i for i in self.items
                if i.decision == APPROVED and (kind is None or i.kind == kind)]


async def load(ctx: OpiqStored) -> Review:
    """Scan the managed schools and join the result with the recorded decisions."""
    from opiq_admin.services.duplicates.matching import scan

    schools, per_school = await load_accounts(ctx)
    accounts: dict[str, Account] = {}
    school_of: dict[str, Any] = {}
    for school in schools:
        for account in per_school[school.id]:
            accounts.setdefault(account.id, account)
            school_of.setdefault(account.id, school)
    records = as_records(a for b in per_school.values() for a in b)
    result, decisions = await asyncio.gather(asyncio.to_thread(scan, records),
                                             ctx.store.decisions())
    items = []
    for found, candidates in ((PROPOSED, result.pairs), (AMBIGUOUS, result.ambiguous)):
        for c in candidates:
            old, new = accounts.get(c.old), accounts.get(c.new)
            if old is None or new is None:
                continue
            school = school_of[c.old]
            item = ReviewItem(old=old, new=new, score=c.score, kind=c.kind,
                              reasons=tuple(c.reasons), found=found, school=school.name,
                              ehis=school.ehis_id, school_id=school.id)
            decided = decisions.get(item.key)
            if decided is not None:
                item = replace(item, decision=decided.decision, note=decided.note or "",
                               decided_by=decided.decided_by or "",
                               decided_at=decided.decided_at or "")
            items.append(item)
    listed = {i.key for i in items}
    for key, decided in decisions.items():
        # Once remedied, a pair is no longer found by the scan (the old account is no
        # longer a student); its decision still says what was done, so it stays listed.
        old, new = accounts.get(key[0]), accounts.get(key[1])
        if key in listed or decided.decision != APPROVED or old is None or new is None:
            continue
        school = school_of[key[0]]
        items.append(ReviewItem(
            old=old, new=new, score=decided.score, kind=decided.kind or "student", reasons=(),
            found=PROPOSED, school=school.name, ehis=school.ehis_id, school_id=school.id,
            decision=decided.decision, note=decided.note or "",
            decided_by=decided.decided_by or "", decided_at=decided.decided_at or ""))
    return Review(items=items, accounts=accounts,
                  schools={s.ehis_id: s.name for s in schools},
                  school_accounts={s.ehis_id: per_school[s.id] for s in schools},
                  decisions=decisions)


def conflicts(items: list[ReviewItem], wanted: list[ReviewItem]) -> dict[tuple[str, str],
                                                                          ReviewItem]:
    """For each of `wanted` that cannot be approved: the approved (or earlier wanted) pair
    that already holds one of its accounts. Earlier rows of `wanted` win over later ones."""
    holder: dict[str, ReviewItem] = {}
    wanted_keys = {w.key for w in wanted}
    for item in items:
        if item.decision == APPROVED and item.key not in wanted_keys:
            holder[item.old.id] = item
            holder[item.new.id] = item
    refused: dict[tuple[str, str], ReviewItem] = {}
    for item in wanted:
        other = holder.get(item.old.id) or holder.get(item.new.id)
        if other is not None and other.key != item.key:
            refused[item.key] = other
            continue
        holder[item.old.id] = item
        holder[item.new.id] = item
    return refused


async def record(ctx: Recorder, items: list[ReviewItem], decision: str | None,
                 note: str | None = None) -> list[ReviewItem]:
    """Save `decision` for every item, each also to the activity log, in one trip to the
    store; answer the items as they now are. `decision=None` keeps each item's decision
    (a note alone), `note=None` keeps each item's note."""
    actor = ctx.actor()
    store = ctx.store.store
    stamp = now_iso()
    updated = [replace(i, decision=decision or i.decision or "pending",
                       note=i.note if note is None else note, decided_by=actor,
                       decided_at=stamp) for i in items]

    decided = [Decided(DecisionRow(0, i.old.id, i.new.id, i.decision, i.note), school=i.ehis,
                       kind=i.kind, score=i.score, reviewed=reviewed_identity(i.old, i.new),
                       names=f"{i.old_name} ({i.old.id}) → {i.new_name} ({i.new.id})",
                       action=ACTIONS[decision] if decision else "review_note")
               for i in updated]

    await ctx.store.call(write_decisions, store, decided, actor)
    return updated


def differences(old: Account, new: Account) -> set[str]:
    """The fields in which the two accounts disagree where both say something."""
    def norm(value: Any) -> Any:
        if isinstance(value, str):
            return " ".join(value.casefold().split())
        if isinstance(value, tuple):
            return tuple(sorted(norm(v) for v in value))
        return value

    pairs = {
        "name": (full_name(old), full_name(new)),
        "email": (old.email, new.email),
        "id_code": (old.id_code, new.id_code),
        "birth_date": (old.birth_date, new.birth_date),
        "journals": (old.journals, new.journals),
        "licence": (old.has_license, new.has_license),
        "roles": (old.roles, new.roles),
    }
    return {name for name, (a, b) in pairs.items()
            if a not in (None, "", ()) and b not in (None, "", ()) and norm(a) != norm(b)}


CSV_COLUMNS = ("status", "score", "kind", "school", "old_id", "old_name", "old_email",
               "new_id", "new_name", "new_email", "note", "decided_by", "decided_at",
               "reasons")


def to_csv(items: list[ReviewItem]) -> str:
    """The rows as a CSV file (formula-safe, UTF-8 with a BOM)."""
    return csv_document(CSV_COLUMNS, ((
        i.status, f"{i.score:.3f}", i.kind, i.school, i.old.id, i.old_name, i.old.email,
        i.new.id, i.new_name, i.new.email, i.note, i.decided_by, i.decided_at,
        "; ".join(i.reasons)) for i in items))


@dataclass(frozen=True)
class SchoolCounts:
    """One school's bars in the Overview chart."""

    school: str
    linked: int
    unlinked: int
    in_pairs: int
    remedied: int


async def school_counts(ctx: OpiqStored) -> list[SchoolCounts]:
    """Per managed school: accounts linked to eKool and not, accounts in duplicate pairs
    still to remedy, and pairs remedied (approved, and the old account no longer has the
    role the pair is about)."""
    review = await load(ctx)
    open_pairs: dict[str, int] = defaultdict(int)
    remedied: dict[str, int] = defaultdict(int)
    counted: set[tuple[str, str]] = set()
    for item in review.items:
        if item.found != PROPOSED and item.decision != APPROVED:
            continue
        counted.add(item.key)
        if item.decision == APPROVED and item.kind not in item.old.roles:
            remedied[item.ehis] += 1
        elif item.decision != REJECTED:
            open_pairs[item.ehis] += 2
    for key, decided in review.decisions.items():
        # Once remedied a pair may no longer be found by the scan; the decision remains.
        if key in counted or decided.decision != APPROVED:
            continue
        old = review.accounts.get(key[0])
        if old is None or decided.kind not in old.roles:
            remedied[decided.school] += 1
    rows = []
    for ehis, name in review.schools.items():
        batch = review.school_accounts.get(ehis, [])
        linked = sum(1 for a in batch if a.linked)
        rows.append(SchoolCounts(name, linked, len(batch) - linked, open_pairs[ehis],
                                 remedied[ehis]))
    return rows
