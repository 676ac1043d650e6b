"""Everyone can use the window: every focusable control has a name a screen reader says,
in Estonian and in English, and the program's own colours stay readable in dark mode."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QComboBox, QTabWidget, QWidget
from test_ui_fixtures import (  # noqa: F401 - fixtures
    close_window,
    languages,
    open_window,
    practice_ctx,
    qloop,
    run,
    window,
)

from opiq_admin.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def focusable(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled() and bool(
        widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says the control is: its name, else the label it is labelled by
    (Qt on Linux names a drop-down by its value and tells its label by a relation). A
    drop-down known only by the value chosen in it has no name: the value is not what it
    is for."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return ""
    name = iface.text(QAccessible.Text.Name).strip()
    if isinstance(widget, QComboBox) and not widget.accessibleName() \
            and name == widget.currentText().strip():
        name = ""
    labels = [other.text(QAccessible.Text.Name).strip() for other, relation in iface.relations()
              if relation & QAccessible.RelationFlag.Label]
    return name or " ".join(labels).strip()


def nameless(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
            for w in [root, *root.findChildren(QWidget)]
            if focusable(w) and not accessible_name(w)]


def settle(qtbot: Any, win: MainWindow) -> None:
    """Let a page's reading start (an operation counts as running once its task runs) and
    end."""
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not win.host.busy, timeout=20_000)


def walk(qtbot: Any, win: MainWindow) -> dict[str, list[str]]:
    """Every page and every tab of a page, as a keyboard user reaches them."""
    found: dict[str, list[str]] = {}
    for page_id, page in win.pages.items():
        win.show_page(page_id)
        settle(qtbot, win)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        for tab in tabs or [None]:
            for index in range(tab.count() if tab else 1):
                if tab is not None:
                    tab.setCurrentIndex(index)
                    settle(qtbot, win)
                missing = nameless(win)
                if missing:
                    found[f"{page_id}/{index}"] = missing
    return found


@pytest.mark.parametrize("language", ["et", "en"])
def test_every_focusable_control_has_a_name(qtbot: Any, window: MainWindow,  # noqa: F811
                                            language: str) -> None:
    window.set_language(language)
    found = walk(qtbot, window)
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


