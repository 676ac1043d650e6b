"""The review table: `RowTableModel` over `ReviewItem`s, with the status in colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from opiq_admin.services.duplicates.matching.reasons import reason_in
from opiq_admin.services.duplicates.review import (
    AMBIGUOUS,
    APPROVED,
    FIXED,
    PROPOSED,
    REJECTED,
    ReviewItem,
)
from opiq_admin.ui.common.table_model import NUMBER, Column, RowTableModel
from opiq_admin.ui.common.theme import colour

# The theme's colour of each status; a fixed pair is drawn in the palette's own text colour.
STATUS_COLOURS = {PROPOSED: "info", AMBIGUOUS: "warning", APPROVED: "ok", REJECTED: "rejected"}


def status_name(status: str) -> str:
    names = {
        PROPOSED: QCoreApplication.translate("ReviewModel", "proposed"),
        AMBIGUOUS: QCoreApplication.translate("ReviewModel", "ambiguous"),
        APPROVED: QCoreApplication.translate("ReviewModel", "approved"),
        REJECTED: QCoreApplication.translate("ReviewModel", "rejected"),
        FIXED: QCoreApplication.translate("ReviewModel", "fixed"),
    }
    return names.get(status, status)


def kind_name(kind: str) -> str:
    if kind == "teacher":
        return QCoreApplication.translate("ReviewModel", "teacher")
    return QCoreApplication.translate("ReviewModel", "student")


def review_columns() -> list[Column[ReviewItem]]:
    return [
        Column("status", lambda: QCoreApplication.translate("ReviewModel", "Status"),
               lambda r: r.status, display=lambda r: status_name(r.status)),
        Column("score", lambda: QCoreApplication.translate("ReviewModel", "Score"),
               lambda r: r.score, kind=NUMBER, display=lambda r: f"{r.score:.2f}"),
        Column("kind", lambda: QCoreApplication.translate("ReviewModel", "Kind"),
               lambda r: r.kind, display=lambda r: kind_name(r.kind)),
        Column("school", lambda: QCoreApplication.translate("ReviewModel", "School"),
               lambda r: r.school),
        Column("old", lambda: QCoreApplication.translate("ReviewModel", "Old account"),
               lambda r: r.old_name),
        Column("new", lambda: QCoreApplication.translate("ReviewModel", "New account (eKool)"),
               lambda r: r.new_name),
        Column("note", lambda: QCoreApplication.translate("ReviewModel", "Note"), lambda r: r.note),
    ]


class ReviewModel(RowTableModel[ReviewItem]):
    """Colours the status so a long list can be read at a glance."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(review_columns(), parent=parent)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and index.column() == 0 and index.row() < self.rowCount()):
            look = STATUS_COLOURS.get(self.row_at(index).status)
            return QBrush(QColor(colour(look))) if look else None
        if (role == Qt.ItemDataRole.ToolTipRole and index.isValid()
                and index.row() < self.rowCount()):
            # The window's language is the default locale (ui.i18n sets it on every switch).
            lang = "et" if QLocale().name().startswith("et") else "en"
            return "\n".join(reason_in(r, lang) for r in self.row_at(index).reasons)
        return super().data(index, role)
