"""The one table model of the program: rows are plain objects, columns say how to read them.

Sorting and filtering work on keys computed once per row (a collator rank per text column,
a folded search string per row), so a keystroke in a filter box over 100,000 rows costs a
substring test per row, and a sort costs one sort of small integers; nothing calls back into
Python per comparison the way a QSortFilterProxyModel would.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex

TEXT, NUMBER, RAW = "text", "number", "raw"


def fold(text: str) -> str:
    """Casefolded, without diacritics: "Õun Šamil" → "oun samil", so a search for "samil"
    finds "Šamil" and "Jõe" finds "joe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ROUGH = str.maketrans({"š": "s{", "z": "s|", "ž": "s}", "õ": "w{", "ä": "w|", "ö": "w}",
                        "ü": "w~"})


def _rough_key(text: str) -> str:
    return text.casefold().translate(_ROUGH)


def estonian_collator() -> QCollator:
    collator = QCollator(QLocale("et"))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


@dataclass(frozen=True)
class Column(Generic[R]):
    """How to show and order one column.

    `title` is called whenever the header is drawn, so it can return a translated string
    that follows a language switch. `kind` picks the sort: TEXT sorts by the Estonian
    collator, NUMBER numerically (empty last), RAW by the value itself (ISO dates).
    """

    key: str
    title: Callable[[], str]
    value: Callable[[R], Any]
    kind: str = TEXT
    display: Callable[[R], str] | None = None
    searchable: bool = True

    def text(self, row: R) -> str:
        if self.display is not None:
            return self.display(row)
        value = self.value(row)
        return "" if value is None else str(value)


class RowTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over `rows`, sortable by any column, filterable by text."""

    def __init__(self, columns: Sequence[Column[R]], rows: Sequence[R] = (),
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Column[R]] = list(columns)
        self._collator = estonian_collator()
        self._rows: list[R] = []
        self._search: list[str] = []
        self._ranks: dict[int, list[Any]] = {}
        self._order: list[int] = []
        self._visible: list[int] = []
        self._needle = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.set_rows(rows)

    # -- data in ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row; the current sort and filter are applied to the new rows."""
        self.beginResetModel()
        self._rows = list(rows)
        searchable = [c for c in self.columns if c.searchable]
        self._search = [fold("\x1f".join(c.text(r) for c in searchable)) for r in self._rows]
        self._ranks = {}
        self._order = list(range(len(self._rows)))
        if self._sort is not None:
            self._order = self._sorted_order(*self._sort)
        self._visible = self._filtered(self._order)
        self.endResetModel()

    def rows(self) -> list[R]:
        """Every row, in the order given to `set_rows`."""
        return list(self._rows)

    def visible_rows(self) -> list[R]:
        """The rows that pass the filter, in the shown order."""
        return [self._rows[i] for i in self._visible]

    def row_at(self, index: AnyIndex | int) -> R:
        row = index if isinstance(index, int) else index.row()
        return self._rows[self._visible[row]]

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    # -- filtering -------------------------------------------------------------------
    @property
    def filter_text(self) -> str:
        return self._needle

    def set_filter(self, text: str) -> None:
        """Show only rows whose text contains `text`, ignoring case and diacritics."""
        needle = fold(text.strip())
        if needle == self._needle:
            return
        # Typing one more letter only narrows: search the rows shown now, not all of them.
        narrowing = bool(self._needle) and self._needle in needle
        self.beginResetModel()
        self._needle = needle
        self._visible = self._filtered(self._visible if narrowing else self._order)
        self.endResetModel()

    def _filtered(self, order: list[int]) -> list[int]:
        needle = self._needle
        if not needle:
            return list(order)
        search = self._search
        return [i for i in order if needle in search[i]]

    # -- sorting ---------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(index, self._visible[index.row()]) for index in persistent]
        self._sort = (column, order)
        self._order = self._sorted_order(column, order)
        self._visible = self._filtered(self._order)
        if persistent:
            position = {source: row for row, source in enumerate(self._visible)}
            self.changePersistentIndexList(
                persistent,
                [self.index(position[source], index.column()) for index, source in before])
        self.layoutChanged.emit()

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        ranks = self._rank(column)
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(self._rows)), key=ranks.__getitem__, reverse=descending)

    def _rank(self, column: int) -> list[Any]:
        """One comparable key per row for `column`, computed on the first sort by it."""
        cached = self._ranks.get(column)
        if cached is not None:
            return cached
        spec = self.columns[column]
        if spec.kind == TEXT:
            texts = [spec.text(r) for r in self._rows]
            # Presorted by a cheap approximation of the Estonian alphabet, the collator's
            # sort keys then compare in nearly sorted order, which timsort finishes in
            # about one comparison per value instead of n log n calls into Qt.
            distinct = sorted(set(texts), key=_rough_key)
            distinct.sort(key=self._collator.sortKey)
            rank_of = {text: n for n, text in enumerate(distinct)}
            ranks: list[Any] = [rank_of[t] for t in texts]
        elif spec.kind == NUMBER:
            values = [spec.value(r) for r in self._rows]
            ranks = [(v is None, v if v is not None else 0) for v in values]
        else:
            ranks = [("" if v is None else v) for v in (spec.value(r) for r in self._rows)]
        self._ranks[column] = ranks
        return ranks

    # -- QAbstractItemModel ------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        column = self.columns[index.column()]
        row = self._rows[self._visible[index.row()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row)
        if role == Qt.ItemDataRole.UserRole:
            return column.value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section].title()
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
