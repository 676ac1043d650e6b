"""The small things a person hit, each fixed: errors announced, nothing left enabled that has
nothing to act on, "Võrdle eKooliga" logged, no Estonian left behind after switching to
English, and the integration's advice true to both sides' names."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessibleAnnouncementEvent
from test_ui_accessibility import settle
from test_ui_fixtures import run

from opiq_admin.ui.common import widgets
from opiq_admin.ui.shell.main_window import MainWindow


def test_an_error_is_announced_to_a_screen_reader(qtbot: Any, window: MainWindow,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(widgets.QAccessible, "updateAccessibility",
                        lambda event: said.append(event.message())
                        if isinstance(event, QAccessibleAnnouncementEvent) else None)
    settle(qtbot, window)
    said.clear()
    window.error_banner.show_message("Serveriga ei saanud ühendust")
    assert said == ["Serveriga ei saanud ühendust"]


def test_after_a_delete_nothing_is_left_enabled_for_the_gone_selection(
        qtbot: Any, window: MainWindow) -> None:
    window.show_page("journals")
    settle(qtbot, window)
    page = window.pages["journals"]
    row = next(r for r in range(page.model.rowCount())
               if (item := page.model.row_at(r)).origin == "ekool" and item.journal)
    page.table.selectRow(row)
    assert page.delete_button.isEnabled()
    target = page.model.row_at(row)
    page.actions_.delete([target.journal.id])
    qtbot.waitUntil(lambda: all(i.key != target.key for i in page.items), timeout=20_000)
    settle(qtbot, window)
    assert page.selected_items() == []
    assert not page.delete_button.isEnabled()
    assert not page.update_button.isEnabled()


def test_compare_with_ekool_is_logged(qtbot: Any, window: MainWindow) -> None:
    window.show_page("journals")
    settle(qtbot, window)
    page = window.pages["journals"]
    page.sync_button.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "compare_journals" in {
        e.action for e in run(qtbot, window.ctx.store.activity())}, timeout=10_000)
    [entry] = [e for e in run(qtbot, window.ctx.store.activity())
               if e.action == "compare_journals"]
    assert "muutunud eKoolis" in entry.detail
    window.show_page("activity")
    settle(qtbot, window)
    activity = window.pages["activity"]
    shown = {activity.model.data(activity.model.index(r, 2), Qt.ItemDataRole.DisplayRole)
             for r in range(activity.model.rowCount())}
    assert "Võrdle eKooliga" in shown


def test_switching_to_english_leaves_no_estonian_banner_nor_number(
        qtbot: Any, window: MainWindow) -> None:
    window.show_page("duplicates")
    settle(qtbot, window)
    panel = window.pages["duplicates"].review
    assert panel.min_score.text() == "0,00"
    panel.show_notice("Kinnitatud 1 paar.")
    journals = window.pages["journals"]
    journals.result.label.setText("Päeviku andmed uuendati")
    journals.result.show()
    window.set_language("en")
    qtbot.waitUntil(lambda: panel.min_score.text() == "0.00", timeout=5000)
    assert panel.notice.isHidden() and journals.result.isHidden()
    settle(qtbot, window)
