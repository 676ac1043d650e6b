"""Everyone can use the window: every focusable control has a name a screen reader says,
in Estonian and in English, and the program's own colours stay readable in dark mode."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QListView,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from test_ui_fixtures import close_window, open_window

from opiq_admin.ui.common.theme import (
    SURFACES,
    TEXT,
    RoleLabel,
    colour,
    contrast,
    is_dark,
    surface,
)
from opiq_admin.ui.common.widgets import Banner
from opiq_admin.ui.shell.main_window import MainWindow


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


def every_tab(qtbot: Any, win: MainWindow) -> Iterator[tuple[str, int, QWidget]]:
    """Every page and every tab of a page, shown in turn as a keyboard user reaches them:
    (page id, tab index, page)."""
    for page_id, page in win.pages.items():
        win.show_page(page_id)
        settle(qtbot, win)
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        for tab in tabs or [None]:
            for index in range(tab.count() if tab else 1):
                if tab is not None:
                    tab.setCurrentIndex(index)
                    settle(qtbot, win)
                yield page_id, index, page


def walk(qtbot: Any, win: MainWindow) -> dict[str, list[str]]:
    """The nameless controls of every page and tab."""
    found: dict[str, list[str]] = {}
    for page_id, index, _page in every_tab(qtbot, win):
        missing = nameless(win)
        if missing:
            found[f"{page_id}/{index}"] = missing
    return found


@pytest.mark.parametrize("language", ["et", "en"])
def test_every_focusable_control_has_a_name(qtbot: Any, window: MainWindow,
                                            language: str) -> None:
    window.set_language(language)
    found = walk(qtbot, window)
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())




# -- colours: light and dark ---------------------------------------------------------------

DARK = {
    QPalette.ColorRole.Window: "#202020", QPalette.ColorRole.WindowText: "#f0f0f0",
    QPalette.ColorRole.Base: "#1b1b1b", QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#f0f0f0", QPalette.ColorRole.Button: "#2d2d2d",
    QPalette.ColorRole.ButtonText: "#f0f0f0", QPalette.ColorRole.ToolTipBase: "#2d2d2d",
    QPalette.ColorRole.ToolTipText: "#f0f0f0", QPalette.ColorRole.PlaceholderText: "#a0a0a0",
    QPalette.ColorRole.Highlight: "#0a64ad", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7cc4ff", QPalette.ColorRole.Mid: "#3a3a3a",
}
AA = 4.5
VOID = {"br", "img", "hr", "meta", "input", "col"}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, value in DARK.items():
        palette.setColor(role, QColor(value))
    return palette


class ColourCheck(HTMLParser):
    """Every coloured piece of rich text against the background it is drawn on."""

    def __init__(self, background: QColor) -> None:
        super().__init__()
        self.stack = [background.name()]
        self.found: list[tuple[str, str, float]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = dict(attrs).get("style") or ""
        rules = dict((k.strip().lower(), v.strip()) for k, _, v in
                     (part.partition(":") for part in style.split(";")) if v)
        background = rules.get("background") or rules.get("background-color") or self.stack[-1]
        if "color" in rules:
            self.found.append((rules["color"], background, contrast(rules["color"], background)))
        if tag not in VOID:
            self.stack.append(background)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and len(self.stack) > 1:
            self.stack.pop()


def low_contrast(win: MainWindow, seen: Counter[str]) -> list[str]:
    """The program's own coloured text in view that reads below 4.5:1; `seen` counts what
    was measured, by kind."""
    bad = []
    for widget in [win, *win.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}"
        if isinstance(widget, Banner):
            background, _border, text = widget.colours()
            seen["banner"] += 1
            if contrast(text, background) < AA:
                bad.append(f"{name}: {text} on {background}")
        if isinstance(widget, RoleLabel):
            window = widget.palette().color(QPalette.ColorRole.Window)
            seen["label"] += 1
            if contrast(widget.colour(), window) < AA:
                bad.append(f"{name}: {widget.colour()} on {window.name()}")
        html = ""
        if isinstance(widget, QTextBrowser):
            html, ground = widget.toHtml(), widget.palette().color(QPalette.ColorRole.Base)
        elif isinstance(widget, QLabel) and "color" in widget.text():
            html, ground = widget.text(), widget.palette().color(QPalette.ColorRole.Window)
        if html:
            check = ColourCheck(ground)
            check.feed(html)
            seen["rich text"] += len(check.found)
            bad += [f"{name}: {fg} on {bg} ({ratio:.1f}:1)" for fg, bg, ratio in check.found
                    if ratio < AA]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            grounds = [widget.palette().color(QPalette.ColorRole.Base),
                       widget.palette().color(QPalette.ColorRole.AlternateBase)]
            columns = 1 if isinstance(widget, QListView) else model.columnCount()
            for row in range(min(model.rowCount(), 200)):
                for column in range(columns):
                    brush = model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole)
                    if brush is None:
                        continue
                    drawn = QBrush(brush).color()
                    seen["cell"] += 1
                    worst = min(contrast(drawn, g) for g in grounds)
                    if worst < AA:
                        bad.append(f"{name} row {row}: {drawn.name()} ({worst:.1f}:1)")
    return bad


@pytest.fixture(params=["light", "dark"])
def painted(request: Any, qapp: QApplication) -> Iterator[str]:
    before = qapp.palette()
    qapp.setPalette(dark_palette() if request.param == "dark" else qapp.style().standardPalette())
    yield request.param
    qapp.setPalette(before)


def test_own_colours_read_at_4_5_to_1_on_a_light_and_a_dark_palette(
        qtbot: Any, painted: str, practice_ctx: Any, languages: Any) -> None:
    win = open_window(qtbot, practice_ctx, languages)
    try:
        assert is_dark() == (painted == "dark")
        win.error_banner.show_message("Serveriga ei saanud ühendust")
        found: dict[str, list[str]] = {}
        seen: Counter[str] = Counter()
        for page_id, index, page in every_tab(qtbot, win):
            for banner in page.findChildren(Banner):
                banner.label.setText("Valmis")
                banner.show()
            views = [v for v in page.findChildren(QTableView) if v.isVisible()]
            for view in views:
                for row in range(min(view.model().rowCount(), 8)):
                    view.selectRow(row)
                    qtbot.wait(10)
                    missing = low_contrast(win, seen)
                    if missing:
                        found[f"{page_id}/{index} row {row}"] = missing
            if not views and (missing := low_contrast(win, seen)):
                found[f"{page_id}/{index}"] = missing
        assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
        # The walk measured each kind of coloured text, many times over.
        assert all(seen[kind] >= 5 for kind in ("banner", "label", "rich text", "cell")), seen
    finally:
        close_window(qtbot, win)


@pytest.mark.parametrize("dark", [False, True])
def test_every_colour_of_the_theme_reads_on_both_bases(qapp: QApplication, dark: bool) -> None:
    palette = dark_palette() if dark else qapp.style().standardPalette()
    for role in TEXT:
        for ground in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase,
                       QPalette.ColorRole.Window):
            background = palette.color(ground)
            assert contrast(colour(role, background), background) >= AA, (role, ground)
    for kind in SURFACES:
        background, _border, text = surface(kind, palette)
        assert contrast(text, background) >= AA, kind
        for role in TEXT:
            # A status word inside a note is drawn against the note.
            assert contrast(colour(role, QColor(background)), background) >= AA, (kind, role)


def test_no_colour_is_written_outside_the_theme() -> None:
    """A colour written into a page reads in one palette only; the theme has both."""
    ui = Path(__file__).resolve().parent.parent / "opiq_admin" / "ui"
    allowed = {"common/theme.py", "overview/charts.py"}  # the chart's bar fills are not text
    found = [f"{path.relative_to(ui)}:{n}" for path in ui.rglob("*.py")
             if path.relative_to(ui).as_posix() not in allowed
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b(?!\w)", line)]
    assert not found
