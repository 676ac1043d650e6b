"""A person's review decisions: the only way a pair reaches the remedy.

The window and the command line record them in the same store table; `remediate plan`
plans only approved pairs, and the remedy compares each pair's accounts with `reviewed`,
the identity of both accounts as the person saw them when approving.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opiq_admin.services.context import OpiqRecorder
from opiq_admin.services.csvsafe import NotUtf8, decode_text, delimiter_of
from opiq_admin.services.i18n import _
from opiq_admin.services.store import now_iso
from opiq_admin.services.store.schema import ActivityEntry, ReviewDecision, upsert

APPROVED, REJECTED, PENDING = "approved", "rejected", "pending"
ACTIONS = {APPROVED: "review_approve", REJECTED: "review_reject", PENDING: "review_note",
           None: "review_clear"}
# What a person may write in the decision column (a spreadsheet, the command line).
VERBS: dict[str, str | None] = {
    "approve": APPROVED, "approved": APPROVED, "kinnita": APPROVED,
    "reject": REJECTED, "rejected": REJECTED, "lükka tagasi": REJECTED,
    "clear": None, "tühista": None,
}
MAX_NOTE = 2000


class DecisionError(ValueError):
    """Decisions that cannot be recorded; the message names every bad row. Nothing was
    recorded."""


def reviewed_identity(old: Any, new: Any) -> str:
    """Who the two accounts say they are, as the reviewer saw them. Roles, licences and
    journals are left out: the remedy itself and daily refreshes change those."""
    def identity(a: Any) -> list[str]:
        return [a.id, a.first_name, a.last_name, a.email or "", a.id_code or "",
                a.birth_date or "", a.ekool_id or "", a.school or ""]
    return json.dumps([identity(old), identity(new)], ensure_ascii=False)


def pair_kind(old: Any) -> str:
    """A pair is about the teacher role when the old account is a teacher and no student."""
    return "teacher" if "teacher" in old.roles and "student" not in old.roles else "student"


@dataclass(frozen=True)
class DecisionRow:
    """One decision to record: `decision` None clears the pair's decision."""

    line: int
    old: str
    new: str
    decision: str | None
    note: str = ""


@dataclass(frozen=True)
class Decided:
    """What is written: a row with the accounts' school, kind and reviewed identity."""

    row: DecisionRow
    school: str = ""
    kind: str = "student"
    score: float = 0.0
    reviewed: str = ""
    names: str = ""  # "First Last (id) → First Last (id)", for the activity log
    action: str = ""  # the activity-log action, when not the decision's own


def parse_verb(text: str, where: str) -> str | None:
    verb = VERBS.get(" ".join(text.casefold().split()))
    if verb is None and " ".join(text.casefold().split()) not in VERBS:
        raise DecisionError(_("{where}: decision {text!r} is not approve, reject or clear").format(
                                where=where, text=text))
    return verb


def read_decisions_csv(path: Path) -> list[DecisionRow]:
    """`old,new,decision[,note]` as a person fills them in a spreadsheet: UTF-8 with or
    without a BOM, comma or semicolon (Estonian Excel), CRLF or LF. Every bad row is named."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DecisionError(_("{path}: cannot be read ({strerror})").format(
                                path=path, strerror=exc.strerror)) from None
    try:
        text = decode_text(raw)
    except NotUtf8 as exc:
        raise DecisionError(f"{path}: line {exc.line}: {exc}") from None
    delimiter = delimiter_of(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise DecisionError(_("{path}: line {line_num}: {exc}").format(
                                path=path, line_num=reader.line_num, exc=exc)) from None
    if not rows or [c.strip().casefold() for c in rows[0][:3]] != ["old", "new", "decision"]:
        raise DecisionError(_("{path}: the first line must be the header "
                              "old,new,decision[,note]").format(path=path))
    header = [c.strip().casefold() for c in rows[0]]
    if header[3:] not in ([], ["note"]):
        raise DecisionError(_("{path}: unknown columns after decision: {value} (only note may "
                              "follow)").format(path=path, value=', '.join(header[3:])))
    found: list[DecisionRow] = []
    errors: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        where = f"{path}: line {number}"
        if len(cells) < 3 or len(cells) > len(header):
            errors.append(_("{where}: expected {n_header} columns, found {n_cells}").format(
                              where=where, n_header=len(header), n_cells=len(cells)))
            continue
        old, new, verb = (c.strip() for c in cells[:3])
        note = cells[3].strip() if len(cells) > 3 else ""
        if (old, new) in seen:
            errors.append(_("{where}: the pair {old} → {new} is on line {value} too").format(
                              where=where, old=old, new=new, value=seen[old, new]))
        seen.setdefault((old, new), number)
        try:
            found.append(check_row(number, old, new, verb, note, where))
        except DecisionError as exc:
            errors.append(str(exc))
    if errors:
        raise DecisionError("\n".join(errors))
    if not found:
        raise DecisionError(_("{path}: no decisions in the file").format(path=path))
    return found


def check_row(line: int, old: str, new: str, verb: str, note: str, where: str
              ) -> DecisionRow:
    if not old or not new:
        raise DecisionError(_("{where}: both account ids (old, new) are needed").format(
                                where=where))
    if old == new:
        raise DecisionError(_("{where}: old and new are the same account {old}").format(
                                where=where, old=old))
    if len(note) > MAX_NOTE:
        raise DecisionError(_("{where}: the note is longer than {MAX_NOTE} characters").format(
                                where=where, MAX_NOTE=MAX_NOTE))
    if any(not c.isprintable() for c in old + new):
        raise DecisionError(_("{where}: an account id holds a control character").format(
                                where=where))
    return DecisionRow(line, old, new, parse_verb(verb, where), note)


def validate(rows: list[DecisionRow], accounts: dict[str, dict[str, Any]],
             existing: dict[tuple[str, str], Any], where: str) -> list[Decided]:
    """Checks every row against the live accounts (school id → account id → account) and
    the decisions already recorded; answers what to write, or raises naming every bad row.
    An account may be in one approved pair at most."""
    errors: list[str] = []
    decided: list[Decided] = []
    holder = {a: key for key, d in existing.items() if d.decision == APPROVED for a in key}
    changing = {(r.old, r.new) for r in rows}
    for key in changing:  # pairs this batch decides again no longer hold their accounts
        for account in key:
            if holder.get(account) == key:
                del holder[account]
    for row in rows:
        at = _("{where}: line {line}").format(where=where, line=row.line) if row.line else where
        key = (row.old, row.new)
        home = next((school for school in accounts.values()
                     if row.old in school and row.new in school), None)
        if row.decision is None:
            if key not in existing:
                errors.append(_("{at}: the pair {old} → {new} has no decision to clear").format(
                                  at=at, old=row.old, new=row.new))
            else:
                decided.append(Decided(row))
            continue
        if home is None:
            errors.append(_("{at}: no school you administer has both accounts {old} and "
                            "{new}").format(at=at, old=row.old, new=row.new))
            continue
        old, new = home[row.old], home[row.new]
        if row.decision == APPROVED:
            if old.ekool_id:
                errors.append(_("{at}: {old} is linked to eKool, so it is not the old account "
                                "of a duplicate").format(at=at, old=row.old))
                continue
            if not new.ekool_id:
                errors.append(_("{at}: {new} is not linked to eKool, so it cannot be the new "
                                "account of a duplicate").format(at=at, new=row.new))
                continue
            other = holder.get(row.old) or holder.get(row.new)
            if other is not None and other != key:
                errors.append(_("{at}: an account of {old} → {new} is already in the approved "
                                "pair {value} → {value2}; one account, one approved pair").format(
                                  at=at, old=row.old, new=row.new, value=other[0],
                                  value2=other[1]))
                continue
            holder[row.old] = holder[row.new] = key
        previous = existing.get(key)
        decided.append(Decided(
            row, school=old.school or "", kind=pair_kind(old),
            score=previous.score if previous is not None else 0.0,
            reviewed=reviewed_identity(old, new),
            names=f"{old.first_name} {old.last_name} ({old.id}) → "
                  f"{new.first_name} {new.last_name} ({new.id})"))
    if errors:
        raise DecisionError("\n".join(errors))
    return decided


def write(store: Any, decided: Iterable[Decided], actor: str) -> int:
    """Record the decisions and their activity-log entries in one transaction (on the
    store's worker thread); answers how many were written."""
    stamp = now_iso()
    count = 0
    with store.session() as s, s.begin():
        for d in decided:
            row = d.row
            if row.decision not in ACTIONS:
                raise ValueError(_("unknown review decision {decision!r}").format(
                                     decision=row.decision))
            if row.decision is None:
                current = s.get(ReviewDecision, (row.old, row.new))
                if current is not None:
                    s.delete(current)
            else:  # one INSERT … ON CONFLICT: two people deciding at once never collide
                upsert(s, ReviewDecision, [{
                    "old": row.old, "new": row.new, "decision": row.decision, "note": row.note,
                    "decided_by": actor, "decided_at": stamp, "school": d.school,
                    "kind": d.kind, "score": d.score, "reviewed": d.reviewed}],
                    ("old", "new"))
            s.add(ActivityEntry(at=stamp, actor=actor,
                                action=d.action or ACTIONS[row.decision],
                                result="ok", school=d.school,
                                target=d.names or f"{row.old} → {row.new}", detail=row.note))
            count += 1
    return count


async def decide(ctx: OpiqRecorder, rows: list[DecisionRow], where: str) -> int:
    """Validate every row against the live accounts, then record them all or none."""
    from opiq_admin.services.accounts import load_accounts

    (_, per_school), existing = await asyncio.gather(load_accounts(ctx),
                                                     ctx.store.decisions())
    accounts = {sid: {a.id: a for a in batch} for sid, batch in per_school.items()}
    decided = validate(rows, accounts, existing, where)
    return await ctx.store.call(write, ctx.store.store, decided, ctx.actor())


def as_json(rows: dict[tuple[str, str], Any]) -> list[dict[str, Any]]:
    """`duplicates decisions --json`: every recorded decision, oldest first."""
    return [{"old": d.old, "new": d.new, "decision": d.decision, "note": d.note or "",
             "decided_at": d.decided_at, "by": d.decided_by or "", "school": d.school or "",
             "kind": d.kind or "student"}
            for d in sorted(rows.values(), key=lambda d: (d.decided_at, d.old, d.new))]
