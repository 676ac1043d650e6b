"""The remedy dialog's rows and wording: per-pair rows, licence pools, and the sentences that
turn the plan's step codes and reasons into words an administrator reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from opiq_admin.services.remediation import engine as rem
from opiq_admin.ui.common.table_model import NUMBER, Column, RowTableModel

translate = QCoreApplication.translate


@dataclass
class PairRow:
    """One approved pair as the dialog shows it; `status` and `detail` fill in as it runs."""

    index: int
    pair: rem.PlannedPair
    old_name: str
    new_name: str
    school: str
    status: str = ""
    detail: str = ""
    at: str = ""  # when the result arrived, local time

    @property
    def key(self) -> tuple[str, str]:
        return (self.pair.old, self.pair.new)


@dataclass
class PoolRow:
    school: str
    total: int
    assigned_before: int
    free_before: int
    assigned_after: int
    free_after: int


def step_name(step: str) -> str:
    names = {
        rem.STEP_ASSIGN: translate(
            "RemediationDialog", "give the new account a licence"),
        rem.STEP_REMOVE: translate(
            "RemediationDialog", "remove the old account's student role"),
        rem.STEP_ASSIGN_AFTER_FREEING: translate(
            "RemediationDialog", "give the freed licence to the new account"),
    }
    return names.get(step, step)


def steps_text(steps: list[str]) -> str:
    return "  →  ".join(f"{n}. {step_name(s)}" for n, s in enumerate(steps, start=1))


def reason_text(reason: str) -> str:
    """A skip reason or a result detail from the engine, in the window's language."""
    reasons = {
        rem.TEACHER_ADVICE: translate(
            "RemediationDialog",
            "Teacher accounts are not changed automatically: ask the teacher to sign in with "
            "the eKool-linked account from now on, and remove the teacher role from the old "
            "account in Opiq by hand once their materials are no longer needed."),
        rem.GONE: translate(
            "RemediationDialog", "an account is gone or not in a school you administer"),
        rem.LINKED_SINCE: translate(
            "RemediationDialog", "the old account has been linked to eKool since the review"),
        rem.NOT_STUDENT: translate(
            "RemediationDialog", "the old account no longer has the student role"),
        rem.NEW_NOT_LINKED: translate(
            "RemediationDialog", "the new account is not linked to eKool"),
        rem.OTHER_SCHOOLS: translate(
            "RemediationDialog", "the two accounts are in different schools"),
        rem.CHANGED_SINCE: translate(
            "RemediationDialog", "the accounts have changed since the review"),
        rem.NOT_APPROVED: translate("RemediationDialog", "not approved in the review"),
        rem.REJECTED_IN_REVIEW: translate("RemediationDialog", "rejected in the review"),
        rem.APPROVAL_WITHDRAWN: translate(
            "RemediationDialog", "the approval was withdrawn after the plan was made"),
    }
    if reason in reasons:
        return reasons[reason]
    if reason.startswith("cancelled before "):
        step = reason.removeprefix("cancelled before ")
        return translate(
            "RemediationDialog", "cancelled before: {step}").format(step=step_name(step))
    if reason.startswith("waiting for a licence"):
        return translate(
            "RemediationDialog", "waiting for a licence: the old role is removed, no free "
                                 "licence was left for the new account")
    parts = reason.split(" → ")
    if all(p in (rem.STEP_ASSIGN, rem.STEP_REMOVE, rem.STEP_ASSIGN_AFTER_FREEING)
           for p in parts):
        return steps_text(parts)
    return reason


def status_name(status: str) -> str:
    names = {
        "planned": translate("RemediationDialog", "planned"),
        "skipped": translate("RemediationDialog", "not changed"),
        "done": translate("RemediationDialog", "done"),
        "failed": translate("RemediationDialog", "failed"),
        "running": translate("RemediationDialog", "in progress"),
        "advice": translate("RemediationDialog", "advice only"),
    }
    return names.get(status, status)


def kind_name(kind: str) -> str:
    if kind == "teacher":
        return translate("RemediationDialog", "teacher")
    return translate("RemediationDialog", "student")


def person(name: str, account_id: str) -> str:
    return f"{name} ({account_id})" if name else account_id


def row_reason(row: PairRow) -> str:
    if row.pair.skip == rem.TEACHER_ADVICE:
        # The advice itself stands above the table; a row only points at it.
        return translate("RemediationDialog",
                         "teacher account: not changed automatically (see the advice above)")
    if row.status == "done":
        return ""  # the steps column already says what was done
    return reason_text(row.detail or row.pair.skip)


def pair_columns() -> list[Column[PairRow]]:
    return [
        Column("n", lambda: translate("RemediationDialog", "#"),
               lambda r: r.index + 1, kind=NUMBER),
        Column("old", lambda: translate("RemediationDialog", "Old account"),
               lambda r: person(r.old_name, r.pair.old)),
        Column("new", lambda: translate("RemediationDialog", "New account (eKool)"),
               lambda r: person(r.new_name, r.pair.new)),
        Column("kind", lambda: translate("RemediationDialog", "Kind"),
               lambda r: kind_name(r.pair.kind)),
        Column("school", lambda: translate("RemediationDialog", "School"),
               lambda r: r.school),
        Column("status", lambda: translate("RemediationDialog", "Result"),
               lambda r: status_name(r.status)),
        Column("steps", lambda: translate("RemediationDialog", "Steps, in order"),
               lambda r: steps_text(r.pair.steps) if not r.pair.skip else "—"),
        Column("detail", lambda: translate("RemediationDialog", "Why / detail"), row_reason),
    ]


def pool_columns() -> list[Column[PoolRow]]:
    return [
        Column("school", lambda: translate("RemediationDialog", "School"),
               lambda r: r.school),
        Column("total", lambda: translate("RemediationDialog", "Licences"),
               lambda r: r.total, kind=NUMBER),
        Column("assigned_before", lambda: translate("RemediationDialog", "In use before"),
               lambda r: r.assigned_before, kind=NUMBER),
        Column("free_before", lambda: translate("RemediationDialog", "Free before"),
               lambda r: r.free_before, kind=NUMBER),
        Column("assigned_after", lambda: translate("RemediationDialog", "In use after"),
               lambda r: r.assigned_after, kind=NUMBER),
        Column("free_after", lambda: translate("RemediationDialog", "Free after"),
               lambda r: r.free_after, kind=NUMBER),
    ]


def pool_rows(plan: rem.Plan, school_names: dict[str, str],
              now: dict[str, dict[str, int]] | None = None) -> list[PoolRow]:
    """Before and after per school; `now`, once a run has ended, replaces the planned after."""
    after = now or plan.pools_after
    rows = []
    for school_id, before in sorted(plan.pools_before.items(),
                                    key=lambda item: school_names.get(item[0], item[0])):
        end = after.get(school_id, before)
        rows.append(PoolRow(school_names.get(school_id, school_id), before["total"],
                            before["assigned"], before["free"], end["assigned"], end["free"]))
    return rows


def make_pair_model(parent: Any) -> RowTableModel[PairRow]:
    return RowTableModel(pair_columns(), parent=parent)


def make_pool_model(parent: Any) -> RowTableModel[PoolRow]:
    return RowTableModel(pool_columns(), parent=parent)


def guard_lines(plan: rem.Plan, school_names: dict[str, str]) -> list[str]:
    """One sentence per school over the mass-change guard, with the numbers."""
    return [translate("RemediationDialog",
                      "{school}: {count} of {students} students ({share:.0f}%)").format(
                school=school_names.get(school_id, school_id), count=count, students=students,
                share=100 * count / max(students, 1))
            for school_id, count, students in plan.over_guard()]


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    seconds = round(seconds)
    if seconds < 60:
        return translate("RemediationDialog", "{n} s").format(n=seconds)
    return translate("RemediationDialog", "{m} min {s} s").format(
        m=seconds // 60, s=seconds % 60)


def report_table(rows: list[PairRow]) -> tuple[list[str], list[list[str]]]:
    """The report's column titles and one row per pair: what was done to whom."""
    header = [translate("RemediationDialog", "Time"), translate("RemediationDialog", "School"),
              translate("RemediationDialog", "EHIS code"),
              translate("RemediationDialog", "Kind"),
              translate("RemediationDialog", "Old account"),
              translate("RemediationDialog", "Old account name"),
              translate("RemediationDialog", "New account"),
              translate("RemediationDialog", "New account name"),
              translate("RemediationDialog", "Planned steps"),
              translate("RemediationDialog", "Result"),
              translate("RemediationDialog", "Detail")]
    body = [[r.at, r.school, r.pair.ehis, kind_name(r.pair.kind), r.pair.old, r.old_name,
             r.pair.new, r.new_name, steps_text(r.pair.steps), status_name(r.status),
             reason_text(r.detail or r.pair.skip)] for r in rows]
    return header, body
