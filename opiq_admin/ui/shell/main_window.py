"""The main window: navigation on the left, a page on the right, both connections in the
status bar, and the menus."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opiq_admin.diagnostics import current_log_file
from opiq_admin.services.signin.connections import SideStatus
from opiq_admin.ui.activity.page import ActivityPage
from opiq_admin.ui.common.async_ops import OperationHost, ProgressIndicator
from opiq_admin.ui.common.i18n import Languages
from opiq_admin.ui.common.page import Page
from opiq_admin.ui.common.theme import RoleLabel, Themed
from opiq_admin.ui.common.widgets import (
    SYSTEM_NAMES,
    ConnectionLabel,
    ErrorBanner,
    PracticeBanner,
    Retranslating,
)
from opiq_admin.ui.duplicates.page import DuplicatesPage
from opiq_admin.ui.integration.page import IntegrationPage
from opiq_admin.ui.journals.page import JournalsPage
from opiq_admin.ui.overview.page import OverviewPage
from opiq_admin.ui.shell.dialogs import SettingsDialog, about_box
from opiq_admin.ui.shell.sign_in import Opener, SignIn

if TYPE_CHECKING:
    from opiq_admin.app import AppContext

PAGE_TYPES: tuple[type[Page], ...] = (OverviewPage, IntegrationPage, JournalsPage,
                                      DuplicatesPage, ActivityPage)


class MainWindow(Themed, Retranslating, QMainWindow):
    closed = Signal()

    def __init__(self, ctx: AppContext, languages: Languages | None = None,
                 opener: Opener = webbrowser.open) -> None:
        super().__init__()
        self.ctx = ctx
        self.languages = languages
        # Who was signed in on each side when the pages were last told.
        self._signed_in_as: tuple[SideStatus | None, ...] | None = None
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 0)
        self.practice_banner = PracticeBanner(central)
        self.practice_banner.setVisible(bool(ctx.practice))
        self.error_banner = ErrorBanner(central)
        outer.addWidget(self.practice_banner)
        outer.addWidget(self.error_banner)
        self.progress = ProgressIndicator(self)
        self.host = OperationHost(self.progress, self.error_banner.show_message, self)
        self.signin = SignIn(ctx, self.host, self, opener)
        self.signin.changed.connect(self.connections_changed)

        # The side list and the page share the width; the list can be dragged wider.
        self.body = QSplitter(Qt.Orientation.Horizontal, central)
        self.nav = QListWidget(self.body)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.stack = QStackedWidget(central)
        self.pages: dict[str, Page] = {}
        for page_type in PAGE_TYPES:
            page = page_type(ctx, self.host, self.stack)
            self.pages[page.page_id] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(self.nav)
            item.setData(Qt.ItemDataRole.UserRole, page.page_id)
        self.nav.currentRowChanged.connect(self._page_chosen)
        self.body.addWidget(self.nav)
        self.body.addWidget(self.stack)
        self.body.setStretchFactor(1, 1)
        self.body.setChildrenCollapsible(False)
        outer.addWidget(self.body, 1)
        self.setCentralWidget(central)

        self.opiq_label = ConnectionLabel("opiq", self)
        self.ekool_label = ConnectionLabel("ekool", self)
        self.keyring_label = RoleLabel("warning", self)
        bar = self.statusBar()
        bar.addWidget(self.progress)
        bar.addPermanentWidget(self.keyring_label)
        bar.addPermanentWidget(self.opiq_label)
        bar.addPermanentWidget(self.ekool_label)

        self._make_actions()
        # A system going dark or light: Qt changes the palette where the style follows the
        # scheme (a PaletteChange, see Themed); the pages draw their colours again.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.restyle)
        self.retranslate()
        self.body.setSizes([self._nav_width(), 1000])
        self.restore_layout()
        self.connections_changed()

    # -- actions and menus ---------------------------------------------------------------
    def _make_actions(self) -> None:
        def action(shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
                   ) -> QAction:
            made = QAction(self)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            return made

        self.settings_action = action(QKeySequence.StandardKey.Preferences)
        self.settings_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = action("Ctrl+Q")
        self.quit_action.triggered.connect(self.close)
        self.refresh_action = action(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh_page)
        self.sign_in_actions: dict[str, QAction] = {}
        self.sign_out_actions: dict[str, QAction] = {}
        self.rehearse_actions: dict[str, QAction] = {}
        for system in SYSTEM_NAMES:
            self.sign_in_actions[system] = made = action()
            made.triggered.connect(lambda _=False, s=system: self.signin.sign_in(
                s, self.sign_in_actions[s]))
            self.sign_out_actions[system] = made = action()
            made.triggered.connect(lambda _=False, s=system: self.signin.sign_out(
                s, self.sign_out_actions[s]))
            self.rehearse_actions[system] = made = action()
            made.setVisible(bool(self.ctx.practice))
            made.triggered.connect(lambda _=False, s=system: self.signin.sign_in(
                s, self.rehearse_actions[s], browser=True))
        self.page_actions: dict[str, QAction] = {}
        for number, page_id in enumerate(self.pages, start=1):
            self.page_actions[page_id] = made = action(f"Ctrl+{number}")
            made.triggered.connect(lambda _=False, p=page_id: self.show_page(p))
        self.about_action = action()
        self.about_action.triggered.connect(self.show_about)
        self.log_folder_action = action()
        self.log_folder_action.triggered.connect(self.open_log_folder)

        menus = self.menuBar()
        self.file_menu = menus.addMenu("")
        self.file_menu.addActions([self.settings_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.sign_in_menu = menus.addMenu("")
        for system in SYSTEM_NAMES:
            self.sign_in_menu.addActions([self.sign_in_actions[system],
                                          self.sign_out_actions[system]])
            self.sign_in_menu.addSeparator()
        self.sign_in_menu.addActions(list(self.rehearse_actions.values()))
        self.view_menu = menus.addMenu("")
        self.view_menu.addActions(list(self.page_actions.values()))
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.help_menu = menus.addMenu("")
        self.help_menu.addAction(self.log_folder_action)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        title = self.tr("opiq-admin — Opiq and eKool integration")
        if self.ctx.practice:
            title += " — " + self.tr("Practice mode")
        self.setWindowTitle(title)
        self.file_menu.setTitle(self.tr("&File"))
        self.sign_in_menu.setTitle(self.tr("&Sign in"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.about_action.setText(self.tr("&About opiq-admin"))
        self.log_folder_action.setText(self.tr("Open &log folder"))
        log_file = current_log_file()
        self.log_folder_action.setToolTip(str(log_file) if log_file else "")
        for system, name in SYSTEM_NAMES.items():
            self.sign_in_actions[system].setText(self.tr("Sign in to {system}").format(
                system=name))
            self.sign_out_actions[system].setText(self.tr("Sign out of {system}").format(
                system=name))
            self.rehearse_actions[system].setText(
                self.tr("Rehearse browser sign-in to {system}").format(system=name))
        self.nav.setAccessibleName(self.tr("Pages"))
        self.nav.setAccessibleDescription(self.tr("Choose a page; Ctrl+1 to Ctrl+5 go there "
                                                  "directly"))
        for row, (page_id, page) in enumerate(self.pages.items()):
            self.nav.item(row).setText(page.title())
            self.page_actions[page_id].setText(page.title())
        self._size_nav()
        self._keyring_note()

    def _size_nav(self) -> None:
        """Rows tall enough for Estonian capitals' dots and tildes ("Ülevaade", "Õ"), by the
        font's own measure; the list at least as wide as its longest title."""
        metrics = self.nav.fontMetrics()
        tall = max(metrics.height(), metrics.boundingRect("ÜÕÄÖŠŽ").height())
        for row in range(self.nav.count()):
            self.nav.item(row).setSizeHint(QSize(0, max(tall, self.nav.iconSize().height())
                                                 + metrics.height() // 2))
        self.nav.setMinimumWidth(self._nav_width())

    def _nav_width(self) -> int:
        metrics = self.nav.fontMetrics()
        longest = max((metrics.horizontalAdvance(self.nav.item(r).text())
                       for r in range(self.nav.count())), default=0)
        return longest + self.nav.iconSize().width() + 3 * metrics.averageCharWidth() + 8

    def restyle(self) -> None:
        """The pages' own colours (status words, notes, detail panes) drawn anew."""
        if hasattr(self, "pages"):
            for page in self.pages.values():
                page.retranslate()

    # -- pages -------------------------------------------------------------------------------
    def current_page(self) -> Page:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Page)
        return widget

    def show_page(self, page_id: str) -> None:
        ids = list(self.pages)
        if page_id in ids:
            self.nav.setCurrentRow(ids.index(page_id))

    def _page_chosen(self, row: int) -> None:
        if row < 0:
            return
        # Coming into view, the page reads what it shows if it needs to (Page.showEvent).
        self.stack.setCurrentWidget(self.pages[list(self.pages)[row]])

    def refresh_page(self) -> None:
        self.current_page().refresh(self.refresh_action)

    # -- connections -------------------------------------------------------------------------
    def connections_changed(self) -> None:
        for system, label in (("opiq", self.opiq_label), ("ekool", self.ekool_label)):
            connection = self.ctx.connection(system)
            label.set_status(connection.status())
            self.sign_in_actions[system].setEnabled(not connection.signed_in)
            self.sign_out_actions[system].setEnabled(connection.signed_in)
        self._keyring_note()
        # Every sign-in attempt ends here; pages read again only when someone else is in.
        signed_in_as = (self.opiq_label.status, self.ekool_label.status)
        if signed_in_as != self._signed_in_as:
            self._signed_in_as = signed_in_as
            for page in self.pages.values():
                page.sign_ins_changed()

    def _keyring_note(self) -> None:
        memory_only = not self.ctx.vault.persistent
        self.keyring_label.setVisible(memory_only)
        self.keyring_label.setText(self.tr("Sign-ins kept for this session only (no keyring)"))
        self.keyring_label.setToolTip(self.tr(
            "This computer has no system keyring, so the program cannot remember your "
            "sign-in; you will sign in again next time."))

    # -- dialogs -----------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.ctx.settings, self)
        dialog.applied.connect(self.set_language)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    def set_language(self, language: str) -> None:
        if self.languages is not None and self.languages.current != language:
            self.languages.apply(language)

    def open_log_folder(self) -> Path | None:
        """Show the log's folder in the file manager, for a support person to send the
        file; the folder it opened, or None when there is no log."""
        log_file = current_log_file()
        if log_file is None:
            self.error_banner.show_message(self.tr("This run writes no log file."))
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent)))
        return log_file.parent

    def show_about(self) -> None:
        box = about_box(self)
        box.finished.connect(box.deleteLater)
        box.open()
        self.about_dialog = box

    # -- geometry and closing ----------------------------------------------------------------
    def restore_layout(self) -> None:
        settings = self.ctx.settings
        geometry = settings.get("window_geometry")
        if not geometry or not self.restoreGeometry(QByteArray.fromBase64(geometry.encode())):
            self.resize(1100, 700)
        state = settings.get("window_state")
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode()))
        last = settings.get("last_page")
        self.show_page(last if last in self.pages else "overview")

    def save_layout(self) -> None:
        settings = self.ctx.settings
        settings.set("window_geometry", bytes(self.saveGeometry().toBase64().data()).decode())
        settings.set("window_state", bytes(self.saveState().toBase64().data()).decode())
        settings.set("last_page", self.current_page().page_id)
        settings.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.host.cancel_all()
        self.signin.close_url_dialog()
        event.accept()
        self.closed.emit()
