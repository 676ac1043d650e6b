"""The program's own colours — status words, banners, notes — readable in a light and in a
dark window.

Every colour has a variant for a light and for a dark background, and the one drawn is the
one that reads better against the background the palette actually paints: the palette is
what the user sees (a style may keep a light palette while the system's colour scheme,
`QStyleHints.colorScheme()`, says dark). The window listens to the scheme changing and to
palette changes, and draws its colours again (`Themed`).

Each pair is chosen for WCAG AA, a contrast of at least 4.5:1 with its background;
`tests/test_ui_accessibility.py` renders every page with a light and a dark palette and
measures it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget

# role → (on a light background, on a dark background)
TEXT: dict[str, tuple[str, str]] = {
    "ok": ("#107c10", "#6ccb5f"),
    "info": ("#005a9e", "#60cdff"),
    "warning": ("#8a5300", "#f7c948"),
    "error": ("#c50f1f", "#ff99a4"),
    "rejected": ("#a4262c", "#ffb3b8"),
    "muted": ("#605e5c", "#c8c6c4"),
    "brand": ("#17609f", "#7cc4ff"),
}
# kind → ((background, border, text) in a light window, the same in a dark one)
SURFACES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "warning": (("#fff4ce", "#e0b600", "#4d3b00"), ("#3d3214", "#c8a000", "#fce9a8")),
    "error": (("#fde7e9", "#c50f1f", "#6e0811"), ("#44272a", "#ff99a4", "#ffd6da")),
    "ok": (("#e8f5e9", "#7cb342", "#1b3d1d"), ("#1f3a21", "#6ccb5f", "#cdeec8")),
    "info": (("#eff6fc", "#2b88d8", "#004578"), ("#1b3247", "#60cdff", "#cfe9ff")),
    "neutral": (("#f3f3f3", "#c8c8c8", "#323130"), ("#2b2b2b", "#5c5c5c", "#e6e6e6")),
}


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(of: QPalette | None = None) -> bool:
    """Whether the window is painted dark: its background is darker than mid-grey."""
    window = (of or palette()).color(QPalette.ColorRole.Window)
    return luminance(window) < 0.18


def colour(role: str, against: QColor | None = None) -> str:
    """The text colour of `role` that reads better on `against` (the palette's base)."""
    background = against or palette().color(QPalette.ColorRole.Base)
    light, dark = TEXT[role]
    return light if contrast(light, background) >= contrast(dark, background) else dark


def surface(kind: str, of: QPalette | None = None) -> tuple[str, str, str]:
    """(background, border, text) of a banner or a note of `kind`."""
    light, dark = SURFACES[kind]
    return dark if is_dark(of) else light


class Themed:
    """Mixin: call `restyle()` when the palette changes (the system went dark or light).

    A style sheet set by `restyle()` changes the palette too; that change is not another
    reason to restyle."""

    _restyling = False

    def restyle(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and not self._restyling:
            self._restyling = True
            try:
                self.restyle()
            finally:
                self._restyling = False
        super().changeEvent(event)  # type: ignore[misc]


def set_style(widget: QWidget, sheet: str) -> None:
    """A style sheet set only when it changes: setting one re-polishes the widget."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def frame_style(name: str, kind: str) -> str:
    """The style sheet of a framed note `#name` on the `kind` surface, its words included."""
    background, border, text = surface(kind)
    return (f"QFrame#{name} {{ background: {background}; border: 1px solid {border}; "
            f"border-radius: 4px; }} QFrame#{name} QLabel, QFrame#{name} QCheckBox "
            f"{{ color: {text}; }}")


class RoleLabel(Themed, QLabel):
    """A label in the theme's colour of `role` ("error", "warning", …), on the window."""

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.restyle()

    def colour(self) -> str:
        return colour(self.role, palette().color(QPalette.ColorRole.Window))

    def restyle(self) -> None:
        set_style(self, f"color: {self.colour()}")
