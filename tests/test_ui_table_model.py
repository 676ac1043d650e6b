"""The one table model: Qt's model rules, Estonian order, diacritics-blind filtering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from opiq_admin.ui.common.table_model import NUMBER, Column, RowTableModel, fold, fold_all


@dataclass(frozen=True)
class Person:
    name: str
    school: str
    licences: int | None


NAMES = ["Tamm", "Zoja", "Šamil", "Sepp", "Õun", "Ülle", "Ämblik", "Öö", "Wagner", "Aavik",
         "Xavier", "Žanna", "Uus"]
ESTONIAN_ORDER = ["Aavik", "Sepp", "Šamil", "Zoja", "Žanna", "Tamm", "Uus", "Wagner", "Õun",
                  "Ämblik", "Öö", "Ülle", "Xavier"]


def make_model(names: list[str] = NAMES) -> RowTableModel[Person]:
    columns = [
        Column("name", lambda: "Name", lambda p: p.name),
        Column("school", lambda: "School", lambda p: p.school),
        Column("licences", lambda: "Licences", lambda p: p.licences, kind=NUMBER),
    ]
    rows = [Person(n, f"Kool {i % 3}", None if i % 4 == 0 else i) for i, n in enumerate(names)]
    return RowTableModel(columns, rows)


def shown(model: RowTableModel[Any], column: int = 0) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_model_follows_qt_rules(qtmodeltester: Any) -> None:
    model = make_model()
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.set_filter("a")
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_text_sorts_in_estonian_order() -> None:
    model = make_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(model) == ESTONIAN_ORDER
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(model) == list(reversed(ESTONIAN_ORDER))


def test_numbers_sort_numerically_with_empty_last() -> None:
    model = make_model()
    model.sort(2, Qt.SortOrder.AscendingOrder)
    values = [model.row_at(r).licences for r in range(model.rowCount())]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers)
    assert values[len(numbers):] == [None] * (len(values) - len(numbers))
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) is not None


@pytest.mark.parametrize(("typed", "expected"), [
    ("samil", ["Šamil"]), ("ŠAMIL", ["Šamil"]), ("oun", ["Õun"]), ("ülle", ["Ülle"]),
    ("zanna", ["Žanna"]), ("kool 2", None)])
def test_filter_ignores_case_and_diacritics(typed: str, expected: list[str] | None) -> None:
    model = make_model()
    model.set_filter(typed)
    if expected is None:
        assert shown(model, 1) == ["Kool 2"] * model.rowCount() and model.rowCount() > 0
    else:
        assert shown(model) == expected


def test_filter_narrows_and_widens_again() -> None:
    model = make_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_filter("a")
    with_a = shown(model)
    model.set_filter("aa")
    assert shown(model) == ["Aavik"]
    model.set_filter("a")
    assert shown(model) == with_a
    model.set_filter("")
    assert shown(model) == ESTONIAN_ORDER
    assert model.visible_rows() == [model.row_at(r) for r in range(model.rowCount())]


def test_new_rows_keep_the_sort_and_filter() -> None:
    model = make_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_filter("u")
    model.set_rows([Person(n, "", 1) for n in ["Uus", "Kuusk", "Äru", "Aun"]])
    assert shown(model) == ["Aun", "Kuusk", "Uus", "Äru"]


def test_a_selected_row_stays_selected_across_a_sort() -> None:
    model = make_model()
    index = QPersistentModelIndex(model.index(NAMES.index("Õun"), 1))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert index.isValid()
    assert model.data(model.index(index.row(), 0)) == "Õun"
    assert index.column() == 1


def test_headers_follow_a_language_switch(qtbot: Any) -> None:
    titles = {"value": "Name"}
    model = RowTableModel([Column("name", lambda: titles["value"], lambda p: p.name)],
                          [Person("Mari", "", 1)])
    titles["value"] = "Nimi"
    with qtbot.waitSignal(model.headerDataChanged, timeout=1000):
        model.retranslate()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Nimi"


def test_fold() -> None:
    assert fold("Õunapuu Šarapov ŽUKOVA Jüri") == "ounapuu sarapov zukova juri"


def test_row_filter_combines_with_the_text_filter_and_survives_new_rows() -> None:
    model = make_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_row_filter(lambda p: p.school == "Kool 1")
    assert {p.school for p in model.visible_rows()} == {"Kool 1"}
    model.set_filter("a")
    assert all("a" in fold(p.name) and p.school == "Kool 1" for p in model.visible_rows())
    model.set_rows([Person("Õie", "Kool 1", 1), Person("Aino", "Kool 2", 2),
                    Person("Ants", "Kool 1", 3)])
    assert shown(model) == ["Ants"]
    model.set_row_filter(None)
    assert shown(model) == ["Aino", "Ants"]


def test_decoration_and_tooltip_come_from_the_column() -> None:
    column = Column("name", lambda: "Name", lambda p: p.name, decoration=lambda p: "icon",
                    tooltip=lambda p: f"about {p.name}")
    model = RowTableModel([column], [Person("Mari", "", 1)])
    index = model.index(0, 0)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) == "icon"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "about Mari"


def test_folding_all_at_once_is_folding_each() -> None:
    texts = ["Õunapuu Šarapov", "ŽUKOVA", "Élodie Müller-Lüdenscheidt", "Straße", "",
             "Changed in eKool (+1 −2)", "Ørsted", "a\x1eb", "Ёлкина"]
    assert fold_all(texts) == [fold(t) for t in texts]
    assert fold_all(texts[:-2]) == [fold(t) for t in texts[:-2]]  # no separator inside
    assert fold_all([]) == []


def test_each_column_sorts_in_estonian_order_after_new_rows() -> None:
    """Ranks are made on a column's first sort; new rows must not keep the old ones."""
    model = make_model()
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.set_rows([Person(n, n, 1) for n in reversed(ESTONIAN_ORDER)])
    assert shown(model, 1) == ESTONIAN_ORDER
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(model) == ESTONIAN_ORDER
    model.set_filter("s")  # Sepp, Šamil, Uus: š folds to s, and the order stays Estonian
    assert shown(model) == ["Sepp", "Šamil", "Uus"]


def test_a_display_key_shows_each_row_its_own_text() -> None:
    """`display` is called once per distinct key, and every row still shows its text."""
    calls: list[str] = []

    def display(p: Person) -> str:
        calls.append(p.name)
        return f"{p.school}!"

    column = Column("school", lambda: "School", lambda p: p.school, display=display,
                    display_key=lambda p: p.school)
    rows = [Person(str(i), f"Kool {i % 3}", i) for i in range(30)]
    model = RowTableModel([column], rows)
    assert len(calls) == 3
    model.set_filter("kool 2!")
    assert {p.school for p in model.visible_rows()} == {"Kool 2"}
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(model)[0] == "Kool 2!"


def test_sort_keys_are_made_while_idle_after_a_load(qtbot: Any) -> None:
    model = make_model()
    qtbot.waitUntil(lambda: len(model._ranks) == len(model.columns), timeout=2000)
    model.set_rows([Person(n, "", 1) for n in reversed(ESTONIAN_ORDER)])
    qtbot.waitUntil(lambda: len(model._ranks) == len(model.columns), timeout=2000)
    model.sort(0)
    assert shown(model) == ESTONIAN_ORDER
