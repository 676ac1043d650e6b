"""The Journals table's rows and columns, shared by the page and its benchmark.

A row is either a journal in Opiq (`journal` set) or an eKool journal nobody has transferred
yet (`untransferred` set); both show in the same table so that the filters, the sort and the
CSV export treat them alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication

from opiq_admin.services.journals import JournalRow, UntransferredJournal
from opiq_admin.ui.common.table_model import NUMBER, RAW, Column

IN_SYNC, CHANGED, UNTRANSFERRED, OWN = "in_sync", "changed", "untransferred", "own"


@dataclass(frozen=True)
class Person:
    """A member of a journal as the detail pane shows them."""

    id: str
    name: str
    linked: bool | None  # None: not known (no Opiq account yet, or not loaded)


@dataclass(frozen=True)
class JournalItem:
    school: str
    name: str
    origin: str  # "ekool" | "opiq"
    teachers: str  # names, comma-separated
    students: int
    course_set: str
    refreshed_at: str | None
    state: str  # IN_SYNC, CHANGED, UNTRANSFERRED or OWN (an Opiq journal)
    added: int = 0
    removed: int = 0
    journal: JournalRow | None = None
    untransferred: UntransferredJournal | None = None

    @property
    def school_id(self) -> str:
        if self.journal is not None:
            return self.journal.school_id
        return self.untransferred.school_id if self.untransferred else ""

    @property
    def key(self) -> str:
        """Stable across syncs: the Opiq id, or eKool's class id before a transfer."""
        if self.journal is not None:
            return self.journal.id
        return "ekool:" + (self.untransferred.ekool_class_id if self.untransferred else "")

    @classmethod
    def of(cls, row: JournalRow, names: dict[str, str]) -> JournalItem:
        if row.origin != "ekool":
            state = OWN
        else:
            state = CHANGED if row.differs else IN_SYNC
        return cls(school=row.school, name=row.name, origin=row.origin,
                   teachers=", ".join(names.get(t, t) for t in row.teachers),
                   students=len(row.students), course_set=row.course_set,
                   refreshed_at=row.refreshed_at, state=state,
                   added=len(row.added_in_ekool), removed=len(row.removed_in_ekool),
                   journal=row)

    @classmethod
    def of_untransferred(cls, item: UntransferredJournal) -> JournalItem:
        return cls(school=item.school, name=item.title, origin="ekool", teachers="",
                   students=len(item.students), course_set="", refreshed_at=None,
                   state=UNTRANSFERRED, untransferred=item)

    def as_row(self) -> JournalRow:
        """The row as the CSV export takes it."""
        if self.journal is not None:
            return self.journal
        u = self.untransferred
        assert u is not None
        return JournalRow(id="", school_id=u.school_id, school=u.school, name=u.title,
                          origin="ekool", teachers=(), students=u.students, course_set="",
                          refreshed_at=None, ekool_class_id=u.ekool_class_id)


def origin_name(origin: str) -> str:
    return "eKool" if origin == "ekool" else "Opiq"


def state_text(item: JournalItem) -> str:
    if item.state == CHANGED:
        return QCoreApplication.translate(
            "JournalTable", "Changed in eKool (+{added} −{removed})").format(
                added=item.added, removed=item.removed)
    if item.state == UNTRANSFERRED:
        return QCoreApplication.translate("JournalTable", "Not transferred")
    if item.state == IN_SYNC:
        return QCoreApplication.translate("JournalTable", "Same as eKool")
    return QCoreApplication.translate("JournalTable", "Made in Opiq")


def state_tooltip(item: JournalItem) -> str:
    if item.state == CHANGED:
        return QCoreApplication.translate(
            "JournalTable", "Since the last refresh, {added} students were added to this "
            "journal in eKool and {removed} removed. Update journal data brings the "
            "changes over now.").format(added=item.added, removed=item.removed)
    if item.state == UNTRANSFERRED:
        return QCoreApplication.translate(
            "JournalTable", "This journal is in eKool but no teacher has transferred it "
            "to Opiq yet.")
    return state_text(item)


def local_time(stamp: str | None) -> str:
    if not stamp:
        return "—"
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def journal_columns(icon: Callable[[str], Any] | None = None) -> list[Column[JournalItem]]:
    """The table's columns; `icon(state)` marks changed and untransferred journals."""
    def decoration(item: JournalItem) -> Any:
        return icon(item.state) if icon is not None else None

    translate = QCoreApplication.translate
    return [
        Column("school", lambda: translate("JournalTable", "School"), attrgetter("school")),
        Column("name", lambda: translate("JournalTable", "Journal"), attrgetter("name")),
        Column("origin", lambda: translate("JournalTable", "Origin"), attrgetter("origin"),
               display=lambda r: origin_name(r.origin), display_key=attrgetter("origin")),
        Column("state", lambda: translate("JournalTable", "Compared with eKool"),
               attrgetter("state"), display=state_text, decoration=decoration,
               tooltip=state_tooltip, display_key=attrgetter("state", "added", "removed")),
        Column("teachers", lambda: translate("JournalTable", "Teachers"),
               attrgetter("teachers")),
        Column("students", lambda: translate("JournalTable", "Students"),
               attrgetter("students"), kind=NUMBER, searchable=False),
        Column("course_set", lambda: translate("JournalTable", "Course set"),
               attrgetter("course_set")),
        Column("refreshed_at", lambda: translate("JournalTable", "Last refreshed"),
               attrgetter("refreshed_at"), kind=RAW, display=lambda r: local_time(r.refreshed_at),
               searchable=False),
    ]
