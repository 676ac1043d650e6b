"""The Journals page in practice mode: both origins listed, Estonian order and diacritics-blind
filtering, a roster changed in eKool marked and brought over, delete after a confirmation
that leaves eKool untouched, and the export of the rows shown."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from test_ui_fixtures import run

from opiq_admin.services.clients.practice import PracticeClient
from opiq_admin.services.journals import JournalRow
from opiq_admin.ui.common.async_ops import OperationHost, ProgressIndicator
from opiq_admin.ui.common.table_model import RowTableModel
from opiq_admin.ui.journals.page import SHOW_UNTRANSFERRED, JournalsPage
from opiq_admin.ui.journals.rows import (
    CHANGED,
    IN_SYNC,
    UNTRANSFERRED,
    JournalItem,
    journal_columns,
)


@pytest.fixture
def page(qtbot: Any, practice_ctx: Any, languages: Any) -> Iterator[JournalsPage]:
    languages.apply("en")  # English, with its plural forms ("1 student", "2 students")
    errors: list[str] = []
    progress = ProgressIndicator()
    host = OperationHost(progress, errors.append)
    made = JournalsPage(practice_ctx, host)
    qtbot.addWidget(progress)
    qtbot.addWidget(made)
    made.refresh()
    qtbot.waitUntil(lambda: made.synced and not host.busy, timeout=20_000)
    yield made
    qtbot.waitUntil(lambda: not host.busy, timeout=20_000)
    assert errors == []


def wait_idle(qtbot: Any, page: JournalsPage) -> None:
    qtbot.waitUntil(lambda: not page.host.busy, timeout=20_000)


def item(key: str, name: str, school: str = "Kool", origin: str = "opiq") -> JournalItem:
    row = JournalRow(id=key, school_id=school, school=school, name=name, origin=origin,
                     teachers=(), students=("a",), course_set="", refreshed_at=None)
    return JournalItem.of(row, {})


def test_model_sorts_journals_in_estonian_order_and_filters_without_diacritics(
        qtmodeltester: Any) -> None:
    names = ["Tamm", "Zoo", "Šahh", "Sepp", "Õunapuu", "Wagner", "Ärni", "Ümar", "Öö", "Aas"]
    model: RowTableModel[JournalItem] = RowTableModel(
        journal_columns(), [item(str(n), name) for n, name in enumerate(names)])
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    shown = [model.row_at(r).name for r in range(model.rowCount())]
    assert shown == ["Aas", "Sepp", "Šahh", "Zoo", "Tamm", "Wagner", "Õunapuu", "Ärni", "Öö",
                     "Ümar"]
    model.set_filter("OUNA")
    assert [r.name for r in model.visible_rows()] == ["Õunapuu"]
    model.set_filter("sahh")
    assert [r.name for r in model.visible_rows()] == ["Šahh"]
    qtmodeltester.check(model)


def test_page_lists_both_origins_and_the_untransferred(qtbot: Any, page: JournalsPage,
                                                        qtmodeltester: Any) -> None:
    qtmodeltester.check(page.model)
    shown = page.model.visible_rows()
    assert {i.origin for i in shown} == {"ekool", "opiq"}
    assert all(i.state != UNTRANSFERRED for i in shown)
    assert all(i.teachers and not i.teachers.startswith("opq-usr") for i in shown)
    page.show_box.setCurrentIndex(page.show_box.findData(SHOW_UNTRANSFERRED))
    missing = page.model.visible_rows()
    assert missing and all(i.state == UNTRANSFERRED for i in missing)
    page.show_box.setCurrentIndex(0)
    page.search.setText("LASNAMAE")
    assert page.model.rowCount() > 0
    assert {i.school for i in page.model.visible_rows()} == {"Tallinna Lasnamäe Gümnaasium"}
    page.search.clear()
    school = next(i for i in shown if i.origin == "ekool").school_id
    page.school_box.setCurrentIndex(page.school_box.findData(school))
    assert {i.school_id for i in page.model.visible_rows()} == {school}


def test_ekool_journal_detail_is_read_only_and_shows_links(qtbot: Any,
                                                           page: JournalsPage) -> None:
    target = next(i for i in page.items if i.state == IN_SYNC)
    page.select_keys({target.key})
    text = page.detail.toPlainText()
    assert target.name in text
    assert "cannot be changed in Opiq" in text and "Change them in eKool" in text
    assert "linked to eKool" in text
    assert page.update_button.isEnabled() and page.delete_button.isEnabled()
    own = next(i for i in page.items if i.origin == "opiq")
    page.select_keys({own.key})
    assert "cannot be changed" not in page.detail.toPlainText()
    assert not page.update_button.isEnabled() and not page.delete_button.isEnabled()


def test_a_roster_changed_in_ekool_is_marked_and_update_brings_it_over(
        qtbot: Any, page: JournalsPage) -> None:
    ctx = page.ctx
    target = next(i for i in page.items if i.state == IN_SYNC)
    practice = PracticeClient(ctx.emulator.url, http=ctx.http)
    run(qtbot, practice.change_roster(target.journal.ekool_class_id, new_students=2))
    page.refresh()
    qtbot.waitUntil(lambda: any(i.key == target.key and i.state == CHANGED
                                for i in page.items), timeout=20_000)
    wait_idle(qtbot, page)
    changed = next(i for i in page.items if i.key == target.key)
    assert changed.added == 2
    page.select_keys({target.key})
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).key == target.key)
    state = page.model.index(row, 3)
    assert "+2" in page.model.data(state)
    assert page.model.data(state, Qt.ItemDataRole.DecorationRole) is not None
    assert "Changed in eKool since the last refresh" in page.detail.toPlainText()

    op = page.actions_.update_selected()
    assert op is not None
    qtbot.waitUntil(lambda: op.task is not None and op.task.done(), timeout=20_000)
    assert not page.result.isHidden()
    assert "2 students added" in page.result.text()
    after = next(i for i in page.items if i.key == target.key)
    assert after.state == IN_SYNC and after.students == target.students + 2


def test_delete_after_confirmation_leaves_ekool_untouched(qtbot: Any,
                                                          page: JournalsPage) -> None:
    ctx = page.ctx
    target = next(i for i in page.items if i.state == IN_SYNC)
    class_id = target.journal.ekool_class_id
    before = run(qtbot, ctx.ekool.client.journal(class_id))
    page.select_keys({target.key})
    box = page.actions_.confirm_delete()
    assert box is not None and not box.isHidden()
    # One journal is spoken of as one.
    assert "The journal stays in eKool" in box.informativeText()
    assert f"{target.students} students" in box.informativeText()
    teacher = page.people[target.journal.teachers[0]].name
    assert teacher in box.informativeText()
    page.actions_.delete_confirm.click()
    qtbot.waitUntil(lambda: all(i.key != target.key for i in page.items), timeout=20_000)
    wait_idle(qtbot, page)
    assert "still in eKool" in page.result.text()
    assert run(qtbot, ctx.ekool.client.journal(class_id)) == before
    assert any(i.untransferred and i.untransferred.ekool_class_id == class_id
               for i in page.items)
    logged = run(qtbot, ctx.store.activity(action="delete_journal"))
    assert [e.result for e in logged] == ["ok"]


def test_cancelled_delete_deletes_nothing(qtbot: Any, page: JournalsPage) -> None:
    target = next(i for i in page.items if i.state == IN_SYNC)
    page.select_keys({target.key})
    box = page.actions_.confirm_delete()
    assert box is not None
    box.reject()
    wait_idle(qtbot, page)
    assert any(i.key == target.key for i in page.items)
    assert run(qtbot, page.ctx.store.activity(action="delete_journal")) == []


def test_export_writes_the_rows_shown(qtbot: Any, page: JournalsPage, tmp_path: Path) -> None:
    page.search.setText("lasnamae")
    shown = page.model.visible_rows()
    target = tmp_path / "päevikud.csv"
    op = page.actions_.export(target)
    qtbot.waitUntil(lambda: op.task is not None and op.task.done(), timeout=10_000)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert [r["name"] for r in rows] == [i.name for i in shown]
    assert {r["school"] for r in rows} == {"Tallinna Lasnamäe Gümnaasium"}
    assert [r["teachers"] for r in rows] == [i.teachers.replace(", ", "; ") for i in shown]
    exports = run(qtbot, page.ctx.store.activity(action="export_journals"))
    assert [e.target for e in exports] == ["päevikud.csv"]
