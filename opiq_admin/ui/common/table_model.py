"""The one table model of the program: rows are plain objects, columns say how to read them.

Sorting and filtering work on keys computed once per row (a collator rank per column, a
folded search string per row), so a keystroke in a filter box over 100,000 rows costs a
substring test per row, and a sort costs one sort of small integers; nothing calls back into
Python per comparison the way a QSortFilterProxyModel would. The search strings are made when
the rows are set, since the first keystroke must be quick; a column's ranks only when the
table is first sorted by it, since most columns are never sorted between two loads. Keys
are worked out per distinct value rather than per row: a school or an origin repeats on
thousands of rows, and its collator key and folded text are computed once; the folding of
all distinct values is one pass over one joined string.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from opiq_admin.services.gcpause import quiet_gc

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex

TEXT, NUMBER, RAW = "text", "number", "raw"


_PLAIN = str.maketrans({"õ": "o", "ä": "a", "ö": "o", "ü": "u", "š": "s", "ž": "z"})


def fold(text: str) -> str:
    """Casefolded, without diacritics: "Õun Šamil" → "oun samil", so a search for "samil"
    finds "Šamil" and "Jõe" finds "joe"."""
    folded = text.casefold().translate(_PLAIN)
    if folded.isascii():
        # Estonian text is done here; Unicode decomposition only for other letters.
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_SEPARATOR = "\x1e"


def fold_all(texts: list[str]) -> list[str]:
    """`fold` of each text, in one pass over all of them joined: casefolding and the
    Estonian letters are done for every text at once, and only a text with another
    letter that keeps a diacritic is decomposed alone."""
    joined = _SEPARATOR.join(texts)
    parts = joined.casefold().translate(_PLAIN).split(_SEPARATOR)
    if len(parts) != len(texts):  # a text held the separator itself
        return list(map(fold, texts))
    if not joined.isascii():
        for n, part in enumerate(parts):
            if not part.isascii():
                parts[n] = fold(texts[n])
    return parts


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
    `decoration` gives an icon beside the text; `tooltip` a longer explanation.
    `display_key` says which rows show the same text (`display` is then called once for
    each distinct key, not for every row, when keys are computed).
    """

    key: str
    title: Callable[[], str]
    value: Callable[[R], Any]
    kind: str = TEXT
    display: Callable[[R], str] | None = None
    searchable: bool = True
    decoration: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None
    display_key: Callable[[R], Any] | None = None

    def text(self, row: R) -> str:
        if self.display is not None:
            return self.display(row)
        value = self.value(row)
        return "" if value is None else str(value)

    def texts(self, rows: list[R]) -> list[str]:
        """`text` of every row, without a method call per row."""
        return self.texts_and_distinct(rows)[0]

    def texts_and_distinct(self, rows: list[R]) -> tuple[list[str], set[str]]:
        """`texts`, and the set of the different ones among them."""
        if self.display is not None:
            if self.display_key is None:
                texts = list(map(self.display, rows))
                return texts, set(texts)
            keys = list(map(self.display_key, rows))
            first = dict(zip(keys, rows, strict=True))
            shown = {key: self.display(row) for key, row in first.items()}
            return list(map(shown.__getitem__, keys)), set(shown.values())
        values = list(map(self.value, rows))
        try:
            distinct = set(values)
        except TypeError:  # unhashable values: each row on its own
            texts = ["" if v is None else str(v) for v in values]
            return texts, set(texts)
        if all(type(v) is str for v in distinct):
            return values, distinct
        text = {v: "" if v is None else str(v) for v in distinct}
        return list(map(text.__getitem__, values)), set(text.values())


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
        self._accept: Callable[[R], bool] | None = None
        self._accepted: list[bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._generation = 0
        self.set_rows(rows)

    # -- data in ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row; the current sort and filters are applied to the new rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self._ranks = {}  # made by `_rank` when the table is first sorted by a column
        with quiet_gc():
            self._search = self._search_keys()
        self._accepted = self._acceptance()
        self._order = list(range(len(self._rows)))
        if self._sort is not None:
            self._order = self._sorted_order(*self._sort)
        self._visible = self._filtered(self._order)
        self.endResetModel()
        self._generation += 1
        if self._rows:
            QTimer.singleShot(0, self, partial(self._rank_when_idle, self._generation, 0))

    def _rank_when_idle(self, generation: int, column: int) -> None:
        """Make one column's sort keys while nothing else happens, then the next's, so a
        click on a header finds them made; new rows in between stop the old round."""
        if generation != self._generation or column >= len(self.columns):
            return
        self._rank(column)
        QTimer.singleShot(0, self, partial(self._rank_when_idle, generation, column + 1))

    def _search_keys(self) -> list[str]:
        """Each row's searchable texts, folded and joined."""
        made = [column.texts_and_distinct(self._rows) for column in self.columns
                if column.searchable]
        if not made:
            return [""] * len(self._rows)
        columns = [texts for texts, _ in made]
        distinct = list(set().union(*(different for _, different in made)))
        folded = dict(zip(distinct, fold_all(distinct), strict=True))
        searched = [list(map(folded.__getitem__, texts)) for texts in columns]
        return ["\x1f".join(parts) for parts in zip(*searched, strict=True)]

    def rows(self) -> list[R]:
        """Every row, in the order given to `set_rows`."""
        return list(self._rows)

    def visible_rows(self) -> list[R]:
        """The rows that pass the filters, in the shown order."""
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

    def set_row_filter(self, accept: Callable[[R], bool] | None) -> None:
        """Show only the rows `accept` takes (a page's school or origin choice), on top of
        the text filter. Cheaper than `set_rows` with a subset, which recomputes every key."""
        self.beginResetModel()
        self._accept = accept
        self._accepted = self._acceptance()
        self._visible = self._filtered(self._order)
        self.endResetModel()

    def _acceptance(self) -> list[bool] | None:
        accept = self._accept
        return None if accept is None else [bool(accept(r)) for r in self._rows]

    def _filtered(self, order: list[int]) -> list[int]:
        needle, accepted, search = self._needle, self._accepted, self._search
        if accepted is None:
            return [i for i in order if needle in search[i]] if needle else list(order)
        if not needle:
            return [i for i in order if accepted[i]]
        return [i for i in order if accepted[i] and needle in search[i]]

    # -- sorting ---------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(index, self._visible[index.row()]) for index in persistent]
        self._sort = (column, order)
        self._order = self._sorted_order(column, order)
        self._visible = self._in_order(self._visible)
        if persistent:
            position = {source: row for row, source in enumerate(self._visible)}
            self.changePersistentIndexList(
                persistent,
                [self.index(position[source], index.column()) for index, source in before])
        self.layoutChanged.emit()

    def _in_order(self, shown: list[int]) -> list[int]:
        """The rows shown now, in the current order: a sort changes no filter, so the rows
        are not searched again (in sorted order, reading every row's search text jumps
        all over memory)."""
        if len(shown) == len(self._rows):
            return list(self._order)
        mask = bytearray(len(self._rows))
        for i in shown:
            mask[i] = 1
        return [i for i in self._order if mask[i]]

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        ranks = self._rank(column)
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(self._rows)), key=ranks.__getitem__, reverse=descending)

    def _text_ranks(self, texts: list[str]) -> list[int]:
        """Each text's place in Estonian order among the distinct texts of the column."""
        # Presorted by a cheap approximation of the Estonian alphabet, the collator's sort
        # keys then compare in nearly sorted order, which timsort finishes in about one
        # comparison per value instead of n log n calls into Qt.
        distinct = sorted(set(texts), key=_rough_key)
        distinct.sort(key=self._collator.sortKey)
        rank_of = {text: n for n, text in enumerate(distinct)}
        return list(map(rank_of.__getitem__, texts))

    def _rank(self, column: int) -> list[Any]:
        """One comparable key per row for `column`, computed on the first sort by it after
        the rows were set."""
        ranks = self._ranks.get(column)
        if ranks is None:
            spec = self.columns[column]
            with quiet_gc():
                ranks = self._ranks[column] = (self._text_ranks(spec.texts(self._rows))
                                               if spec.kind == TEXT else self._value_ranks(spec))
        return ranks

    def _value_ranks(self, column: Column[R]) -> list[Any]:
        values = map(column.value, self._rows)
        if column.kind == NUMBER:
            return [math.inf if v is None else v for v in values]
        return ["" if v is None else v for v in values]

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
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip is not None else column.text(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return column.decoration(row) if column.decoration is not None else None
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
