"""The window as it first appears: the navigation, an empty page saying the program is
connecting, and the status bar — shown before the store, the emulator and the HTTP clients
exist, so the administrator sees the program at once.

Only Qt and the settings file are needed for it: this module imports nothing that talks
to a database or a server (the import-time budget of `make bench` keeps it that way). When
the program's parts are ready, the real main window takes its place at the same spot.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from opiq_admin.ui.common.theme import surface

# The pages' titles as the pages translate them (their contexts and source strings).
PAGE_TITLES = (("OverviewPage", "Overview"), ("IntegrationPage", "Integration"),
               ("JournalsPage", "Journals"), ("DuplicatesPage", "Duplicate accounts"),
               ("ActivityPage", "Activity log"))


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class _PaintWatch(QObject):
    """Tells when the window's contents were first painted."""

    painted = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.painted.emit()
        return False


class StartupShell(QMainWindow):
    """The main window's frame while the program connects."""

    def __init__(self, practice: bool, geometry: str | None = None) -> None:
        super().__init__()
        title = _translate("MainWindow", "opiq-admin — Opiq and eKool integration")
        if practice:
            title += " — " + _translate("MainWindow", "Practice mode")
        self.setWindowTitle(title)
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 0)
        if practice:
            banner = QLabel(central)
            banner.setWordWrap(True)
            background, border, text = surface("warning")  # the practice banner's own
            banner.setStyleSheet(f"background: {background}; border: 1px solid {border}; "
                                 f"color: {text}; padding: 6px; border-radius: 4px")
            banner.setText(
                "<b>" + _translate("PracticeBanner", "Practice mode — this data is not real.")
                + "</b> " + _translate(
                    "PracticeBanner", "Opiq and eKool are simulated on this computer; nothing "
                    "you do here reaches a school."))
            outer.addWidget(banner)
        body = QHBoxLayout()
        self.nav = QListWidget(central)
        self.nav.setFixedWidth(200)
        self.nav.setSpacing(2)
        self.nav.addItems([_translate(context, text) for context, text in PAGE_TITLES])
        self.nav.setCurrentRow(0)
        self.nav.setEnabled(False)  # nothing to choose until the pages exist
        self.empty = QLabel(_translate("Startup", "Connecting to Opiq and eKool…"), central)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid)")
        body.addWidget(self.nav)
        body.addWidget(self.empty, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self.status_label = QLabel(_translate("Startup", "Connecting…"), self)
        self.statusBar().addWidget(self.status_label)
        if not geometry or not self.restoreGeometry(QByteArray.fromBase64(geometry.encode())):
            self.resize(1100, 700)
        self._watch = _PaintWatch(self)
        self.painted = self._watch.painted
        central.installEventFilter(self._watch)
        self.was_painted = False
        self.painted.connect(self._mark_painted)

    def _mark_painted(self) -> None:
        self.was_painted = True
