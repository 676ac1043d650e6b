"""Small widgets the window is made of: the practice banner, the error banner, the
connection labels of the status bar, and the filter fields and boxes above the tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

from opiq_admin.services.signin.connections import SideStatus
from opiq_admin.ui.common.table_model import RowTableModel
from opiq_admin.ui.common.theme import Themed, set_style, surface

SYSTEM_NAMES = {"opiq": "Opiq", "ekool": "eKool"}


class Retranslating:
    """Mixin: call `retranslate()` when the application language changes."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class Banner(Themed, QFrame):
    """A coloured strip across the top of the window with a message; `kind` is one of the
    theme's surfaces ("warning", "error", "ok", "info")."""

    def __init__(self, kind: str, parent: QWidget | None = None,
                 closable: bool = False) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("banner")
        self.restyle()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.close_button: QToolButton | None = None
        if closable:
            self.close_button = QToolButton(self)
            self.close_button.setText("✕")
            self.close_button.setAutoRaise(True)
            self.close_button.clicked.connect(self.hide)
            layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

    def text(self) -> str:
        return self.label.text()

    def colours(self) -> tuple[str, str, str]:
        """(background, border, text) as drawn now: by the application's palette (the
        banner's own is the one its style sheet paints)."""
        return surface(self.kind)

    def restyle(self) -> None:
        background, border, text = self.colours()
        set_style(self,
            f"#banner {{ background: {background}; border: 1px solid {border}; "
            f"border-radius: 4px; }} #banner QLabel, #banner QToolButton {{ color: {text}; }}")


class PracticeBanner(Retranslating, Banner):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("warning", parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(
            "<b>" + self.tr("Practice mode — this data is not real.") + "</b> "
            + self.tr("Opiq and eKool are simulated on this computer; nothing you do here "
                      "reaches a school."))


class ErrorBanner(Retranslating, Banner):
    """Where every failed operation says what went wrong; the window stays usable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("error", parent, closable=True)
        self.messages: list[str] = []
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        if self.close_button is not None:
            self.close_button.setToolTip(self.tr("Dismiss"))

    def show_message(self, message: str) -> None:
        self.messages = [*self.messages[-2:], message]
        self.label.setText("\n".join(self.messages))
        self.show()
        announce(self, message)

    def hideEvent(self, event: Any) -> None:
        self.messages = []
        super().hideEvent(event)


class ConnectionLabel(Retranslating, QLabel):
    """One side in the status bar: "Opiq: Mari Maasikas (127.0.0.1:8123)"."""

    def __init__(self, system: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.system = system
        self.status: SideStatus | None = None
        self.retranslate()

    def set_status(self, status: SideStatus) -> None:
        self.status = status
        self.retranslate()

    def retranslate(self) -> None:
        name = SYSTEM_NAMES[self.system]
        status = self.status
        if status is None or not status.signed_in:
            self.setText(self.tr("{system}: not signed in").format(system=name))
        else:
            host = urlsplit(status.server).netloc or status.server
            self.setText(self.tr("{system}: {user} on {server}").format(
                system=name, user=status.user, server=host))
        if status is not None:
            self.setToolTip(self.tr("Server: {server}").format(server=status.server))


def tab_height_needed(metrics: QFontMetrics) -> int:
    """A tab tall enough for its text with Estonian capitals (Ü's dots, Õ's tilde rise above
    the cap height): the text's ascent and descent, and a margin of a third of a line above
    and below it, which also covers the few pixels an unselected tab is drawn lower."""
    text = max(metrics.ascent() + metrics.descent(), metrics.boundingRect("ÜÕÄÖŠŽ").height())
    return text + 2 * ((metrics.height() + 2) // 3)


class _FontTallTabBar(QTabBar):
    """Tabs at least `tab_height_needed` tall: some styles size a tab for the font's cap
    height and clip the unselected tab's "Ü"."""

    def tabSizeHint(self, index: int) -> QSize:
        size = super().tabSizeHint(index)
        size.setHeight(max(size.height(), tab_height_needed(self.fontMetrics())))
        return size

    def minimumTabSizeHint(self, index: int) -> QSize:
        size = super().minimumTabSizeHint(index)
        size.setHeight(max(size.height(), tab_height_needed(self.fontMetrics())))
        return size


def font_tall_tabs(tabs: QTabWidget) -> None:
    """Size the tabs of `tabs` from the font's metrics (see `tab_height_needed`); call it
    before the first tab is added."""
    tabs.setTabBar(_FontTallTabBar(tabs))


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say `message` now (an error, a long operation finished): a
    banner appearing is otherwise silent."""
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def name_by_labels(*labels: QLabel) -> None:
    """Name each label's buddy by the label (without its colon): a drop-down would otherwise
    be read out as the value chosen in it, not as what it filters."""
    for label in labels:
        buddy = label.buddy()
        if buddy is not None:
            buddy.setAccessibleName(label.text().replace("&", "").rstrip(": "))


def refill_choices(box: QComboBox, choices: Iterable[tuple[Any, str]]) -> None:
    """Replace a filter box's (value, label) choices, keeping what was chosen and sending no
    change signal: the labels change with the language and the data, the filter does not."""
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    for value, label in choices:
        box.addItem(label, value)
    box.setCurrentIndex(max(0, box.findData(chosen)))
    box.blockSignals(False)


def filter_field(parent: QWidget, model: RowTableModel[Any], min_width: int) -> QLineEdit:
    """The text filter over `model`'s rows; the model's reset tells the page to recount."""
    field = QLineEdit(parent)
    field.setClearButtonEnabled(True)
    field.setMinimumWidth(min_width)
    field.textChanged.connect(model.set_filter)
    return field


def filter_box(parent: QWidget, width: int, on_change: Callable[[], Any]) -> QComboBox:
    """A filter's drop-down, as narrow as `width` characters allow; `refill_choices` fills
    it, and `on_change` applies the choice."""
    box = QComboBox(parent)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(width)
    box.currentIndexChanged.connect(on_change)
    return box
