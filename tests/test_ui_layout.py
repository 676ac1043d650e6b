"""A layout that holds: the side list's rows tall enough for "Ü", the side list resizable,
and at 800×600 the review filters wrap instead of overlapping."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSplitter, QWidget
from test_ui_accessibility import settle

from opiq_admin.ui.shell.main_window import MainWindow


def test_side_list_rows_hold_estonian_capitals_and_the_list_resizes(
        qtbot: Any, window: MainWindow) -> None:
    nav = window.nav
    metrics = nav.fontMetrics()
    needed = max(metrics.height(), metrics.boundingRect("ÜÕÄÖŠŽ").height())
    for row in range(nav.count()):
        assert nav.visualItemRect(nav.item(row)).height() > needed, nav.item(row).text()
    assert nav.item(0).text() == "Ülevaade"
    text_width = metrics.horizontalAdvance("Ülevaade")
    assert nav.viewport().width() > text_width
    assert nav.minimumWidth() != nav.maximumWidth()
    splitter = nav.parentWidget()
    assert isinstance(splitter, QSplitter)
    before = nav.width()
    splitter.setSizes([before + 80, splitter.width() - before - 80])
    assert nav.width() >= before + 60
    settle(qtbot, window)


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def test_at_800_by_600_the_review_filters_wrap_without_overlapping(
        qtbot: Any, window: MainWindow) -> None:
    window.resize(800, 600)
    window.show_page("duplicates")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.width() <= 800, timeout=2000)
    assert window.minimumSizeHint().width() <= 800 and window.minimumSizeHint().height() <= 600
    panel = window.pages["duplicates"].review
    qtbot.wait(50)
    controls = [panel.search, panel.school_box, panel.kind_box, panel.status_box,
                panel.min_score, panel.school_label, panel.kind_label, panel.status_label,
                panel.score_label]
    rects = [rect_in(c, panel) for c in controls]
    for n, a in enumerate(rects):
        assert a.left() >= 0 and a.right() <= panel.width(), controls[n]
        for m, b in enumerate(rects[n + 1:], n + 1):
            assert not a.intersects(b), (controls[n], controls[m])
    # Two lines, not one squeezed line: at 800 px the filters need the room.
    assert len({r.top() for r in rects}) > 1
    settle(qtbot, window)


@pytest.mark.parametrize("points", [None, 17])
def test_the_duplicates_tabs_are_as_tall_as_their_font_needs(
        qtbot: Any, window: MainWindow, points: int | None) -> None:
    from PySide6.QtGui import QFontMetrics

    window.show_page("duplicates")
    settle(qtbot, window)
    bar = window.pages["duplicates"].tabs.tabBar()
    if points is not None:  # a larger font (a user's scaling) grows the tabs with it
        font = bar.font()
        font.setPointSize(points)
        bar.setFont(font)
    metrics = QFontMetrics(bar.font())
    text = max(metrics.ascent() + metrics.descent(), metrics.boundingRect("ÜÕÄÖŠŽ").height())
    margin = 2 * ((metrics.height() + 2) // 3)
    assert bar.count() == 2
    for index in range(bar.count()):
        assert bar.tabRect(index).height() >= text + margin, bar.tabText(index)
    settle(qtbot, window)
