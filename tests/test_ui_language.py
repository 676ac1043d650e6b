"""One language throughout: the Estonian window shows no English outside names and data.

Every page (and tab, and a selected row's detail) of the Estonian window is read the way a
person reads it — labels, buttons, tabs, headers, drop-downs, placeholders, tooltips,
accessible names, menus, banners, detail panes and the cells of every table — and each
string is held against the English catalogue: the source texts of the window's Qt
translations and of the services' gettext messages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from typing import Any

from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from test_ui_accessibility import every_tab, settle
from test_ui_fixtures import run

from opiq_admin.services import journals
from opiq_admin.ui import i18n_build
from opiq_admin.ui.shell.main_window import MainWindow

WORD = re.compile(r"[^\W\d_]+")
TAG = re.compile(r"<[^>]+>")


def catalogue() -> tuple[list[tuple[str, re.Pattern[str]]], set[str]]:
    """English source texts (as patterns, placeholders matching anything) whose Estonian
    differs, and the words that only the English side uses."""
    pairs: list[tuple[str, str]] = []
    for ts in i18n_build.SOURCE_DIR.glob("*_et.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] \
                if translation is not None else []
            pairs.append((source, " ".join(forms) or (translation.text or "")
                          if translation is not None else ""))
    with (i18n_build.SOURCE_DIR / "opiq_admin_et.po").open("rb") as file:
        for m in read_po(file):
            if m.id:
                ids = m.id if isinstance(m.id, tuple) else (m.id,)
                strings = m.string if isinstance(m.string, tuple) else (m.string,)
                pairs.append((" ".join(ids), " ".join(strings)))
    estonian = {w.lower() for _, et in pairs for w in WORD.findall(plain(et))}
    english = {w.lower() for en, _ in pairs for w in WORD.findall(plain(en))
               if not re.fullmatch(r"\{[^}]*\}", w)}
    only_english = {w for w in english - estonian if len(w) >= 4}
    patterns = []
    for en, et in pairs:
        text = plain(en)
        parts = re.split(r"\{[^{}]*\}|%n", text)
        literal = {w.lower() for part in parts for w in WORD.findall(part)}
        # Only a source whose own words are English can tell English from Estonian.
        if plain(et) == text or not literal & only_english:
            continue
        patterns.append((text, re.compile(".*?".join(map(re.escape, parts)))))
    return patterns, only_english


def plain(text: str) -> str:
    return " ".join(unescape(TAG.sub(" ", text.replace("&", ""))).split())


def visible_strings(win: MainWindow) -> list[tuple[str, str]]:
    """(where, text) of everything a person can read or hear in the window now."""
    found: list[tuple[str, str]] = [("title", win.windowTitle())]
    for menu in (win.file_menu, win.sign_in_menu, win.view_menu, win.help_menu):
        found.append(("menu", menu.title()))
        found += [("menu", a.text()) for a in menu.actions() if a.isVisible()]
    for widget in win.findChildren(QWidget):
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}"
        texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        if isinstance(widget, QTextBrowser):
            texts += widget.toPlainText().splitlines()
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
                for row in range(min(model.rowCount(), 100)):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        texts.append(str(model.data(index, role) or ""))
        found += [(where, plain(t)) for t in texts if t and plain(t)]
    return found


# Data and names, not words: e-mail and web addresses, and the commands of the command line
# that the advice quotes.
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|integration check|opiq-admin [a-z -]+")


def english_in(win: MainWindow, patterns: Any, only_english: set[str],
               allowed: set[str]) -> set[str]:
    bad = set()
    for where, shown in visible_strings(win):
        text = NOT_WORDS.sub(" ", shown)
        for source, pattern in patterns:
            if pattern.fullmatch(text):
                bad.add(f"{where}: {text!r} is the English {source!r}")
        words = {w.lower() for w in WORD.findall(text)} & only_english
        if words - allowed:
            bad.add(f"{where}: {text!r} has English words {sorted(words - allowed)}")
    return bad


def walk_estonian(qtbot: Any, win: MainWindow, allowed: set[str]) -> dict[str, set[str]]:
    patterns, only_english = catalogue()
    found: dict[str, set[str]] = {}
    for page_id, index, page in every_tab(qtbot, win):
        views = [v for v in page.findChildren(QTableView) if v.isVisible()]
        for view in views or [None]:
            for row in range(min(view.model().rowCount(), 5) if view else 1):
                if view is not None:
                    view.selectRow(row)
                    qtbot.wait(10)
                bad = english_in(win, patterns, only_english, allowed)
                if bad:
                    found.setdefault(f"{page_id}/{index}", set()).update(bad)
    return found


# Words both languages write alike, or names: the systems, a file format, a person's role.
SHARED = {"opiq", "ekool", "ehis", "json", "mari", "maasikas", "harid"}


def test_the_estonian_window_shows_no_english(qtbot: Any, window: MainWindow) -> None:
    assert window.languages is not None and window.languages.current == "et"
    # Something done, so the activity log holds the services' own details too.
    window.show_page("journals")
    settle(qtbot, window)
    page = window.pages["journals"]
    journal = next(item.journal for r in range(page.model.rowCount())
                   if (item := page.model.row_at(r)).origin == "ekool" and item.journal)
    assert run(qtbot, journals.delete(window.ctx, [journal.id]))[0]["status"] == "done"
    found = walk_estonian(qtbot, window, SHARED)
    assert not found, "\n".join(f"{k}:\n  " + "\n  ".join(sorted(v)) for k, v in found.items())


def test_the_scan_finds_english_when_it_is_there(qtbot: Any, window: MainWindow) -> None:
    window.set_language("en")
    settle(qtbot, window)
    window.languages.current = "et"
    found = walk_estonian(qtbot, window, SHARED)
    assert len(found) >= 5
