"""Integration: each managed school's two sides compared, what is wrong, and what to fix
where; the enable wizard starts here, and a support report goes to the clipboard."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QWidget,
)

from opiq_admin.services.clients.ehis import EhisClient, EhisRegistry
from opiq_admin.services.errors import ApiError
from opiq_admin.services.integration.check import SchoolCheck, check_all
from opiq_admin.services.integration.support_report import build as build_report
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.page import Page, make_table
from opiq_admin.ui.integration.view import (
    ENABLEABLE,
    IntegrationTableModel,
    SchoolDetail,
    in_language,
)
from opiq_admin.ui.integration.wizard import EnableWizard

if TYPE_CHECKING:
    from opiq_admin.app import AppContext

log = logging.getLogger(__name__)


@dataclass
class TolerantEhis:
    """EHIS open data is a help, not a requirement: when it cannot be read (and nothing is
    cached) the check goes on without the official codes instead of failing whole."""

    registry: EhisRegistry
    failed: bool = False

    async def names(self) -> dict[str, str]:
        try:
            return await self.registry.names()
        except (ApiError, OSError) as exc:
            log.warning("EHIS open data unavailable: %s", exc)
            self.failed = True
            return {}


def ehis_registry(ctx: AppContext) -> TolerantEhis:
    url = getattr(ctx.profile, "ehis_url", "") or ""
    client = EhisClient(url, http=ctx.http, token=None) if url else None
    return TolerantEhis(EhisRegistry(client, ctx.store, scope=ctx.profile.name))


class IntegrationPage(Page):
    page_id = "integration"

    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(ctx, host, parent)
        self.checks: list[SchoolCheck] = []
        self.checked_at: datetime | None = None
        self.ehis_failed = False
        self.wizard: EnableWizard | None = None

        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.body)

        bar = QHBoxLayout()
        style = self.style()
        self.check_button = QPushButton(self)
        self.check_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.check_button.clicked.connect(lambda: self.refresh(self.check_button))
        self.enable_button = QPushButton(self)
        self.enable_button.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
        self.enable_button.clicked.connect(self.open_wizard)
        self.report_button = QPushButton(self)
        self.report_button.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.report_button.clicked.connect(self.copy_report)
        bar.addWidget(self.check_button)
        bar.addWidget(self.enable_button)
        bar.addStretch(1)
        bar.addWidget(self.report_button)
        self.layout_.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = IntegrationTableModel(self)
        self.table = make_table(splitter, self.model)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, spec in enumerate(self.model.columns):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if spec.key in ("name", "ekool_name")
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = SchoolDetail(splitter)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        self.layout_.addWidget(splitter, 1)
        self.summary = QLabel(self)
        self.layout_.addWidget(self.summary)
        self.retranslate()

    # -- text ---------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Integration")

    def loading_label(self) -> str:
        return self.tr("Checking the integration")

    def retranslate(self) -> None:
        super().retranslate()
        self.body.setText(self.tr(
            "Each school you manage, compared in Opiq and in eKool: the school name and the "
            "<b>EHIS code</b> must agree. Select a school to see what to fix where; "
            "<b>Enable integration</b> walks you through the guide's steps."))
        self.check_button.setText(self.tr("Check again"))
        self.check_button.setToolTip(self.tr("Read both sides again"))
        self.enable_button.setText(self.tr("Enable integration"))
        self.table.setAccessibleName(self.tr("Schools"))
        self.detail.setAccessibleName(self.tr("What to fix for the selected school"))
        self.report_button.setText(self.tr("Copy support report"))
        self.report_button.setToolTip(self.tr(
            "Puts a plain-text summary for Opiq's support on the clipboard: schools, codes, "
            "statuses, time, program version and your name; no sign-in data."))
        self._relanguage()
        self.model.retranslate()
        self._update()

    def language(self) -> str:
        return self.ctx.settings.get("language") or "et"

    def _relanguage(self) -> None:
        """Advice lives in the services, not in Qt's translations: render it again."""
        lang = self.language()
        if self.checks and any(c.advice != in_language(c, lang).advice for c in self.checks):
            self._show_checks([in_language(c, lang) for c in self.checks])

    # -- data ---------------------------------------------------------------------------
    async def fetch(self) -> None:
        if not self.ctx.opiq.signed_in or not self.ctx.ekool.signed_in:
            self.checks = []
            self.checked_at = None
            self._show_checks([])
            return
        ehis = ehis_registry(self.ctx)
        checks = await check_all(self.ctx, lang=self.language(), ehis=ehis)
        self.ehis_failed = ehis.failed
        self.checked_at = datetime.now().astimezone()
        await self.ctx.log("integration_check", "ok",
                           detail=", ".join(f"{c.opiq_ehis_id}={c.status}" for c in checks))
        self._show_checks(checks)

    def _show_checks(self, checks: list[SchoolCheck]) -> None:
        chosen = self.selected()
        self.checks = list(checks)
        self.model.set_rows(self.checks)
        shown = self.model.visible_rows()
        # First time, open the first school with a problem: that is what needs reading.
        row = next((n for n, r in enumerate(shown) if r.status not in ENABLEABLE), 0)
        if chosen is not None:
            ids = [r.school_id for r in shown]
            row = ids.index(chosen.school_id) if chosen.school_id in ids else row
        if self.model.rowCount():
            self.table.selectRow(row)
        self._update()

    def selected(self) -> SchoolCheck | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if not rows:
            return None
        return self.model.row_at(rows[0])

    def select_school(self, ehis_id: str) -> None:
        for row, check in enumerate(self.model.visible_rows()):
            if check.opiq_ehis_id == ehis_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._update()

    def _update(self) -> None:
        check = self.selected()
        signed_in = self.ctx.opiq.signed_in and self.ctx.ekool.signed_in
        if not signed_in:
            empty = self.tr("Sign in to both Opiq and eKool to check the integration.")
        else:
            empty = self.tr("Select a school to see what to do.")
        self.detail.show_check(check, empty)
        can_enable = check is not None and check.status in ENABLEABLE
        self.enable_button.setEnabled(can_enable and not self._wizard_open())
        if check is None:
            self.enable_button.setToolTip("")
        elif can_enable:
            self.enable_button.setToolTip(self.tr(
                "Opens the step-by-step wizard for {school}.").format(school=check.name))
        else:
            self.enable_button.setToolTip(self.tr(
                "Fix the problem shown below first, then press Check again."))
        self.report_button.setEnabled(bool(self.checks))
        self._summarise(signed_in)

    def _summarise(self, signed_in: bool) -> None:
        if not signed_in:
            self.summary.setText(self.tr("Not signed in to both systems."))
            return
        if self.checked_at is None:
            self.summary.setText("")
            return
        problems = sum(c.status not in ENABLEABLE for c in self.checks)
        text = self.tr("{schools} schools, {enabled} enabled, {problems} with a problem; "
                       "checked at {time}").format(
            schools=len(self.checks), enabled=sum(c.enabled for c in self.checks),
            problems=problems, time=self.checked_at.strftime("%H:%M:%S"))
        if self.ehis_failed:
            text += " — " + self.tr("EHIS open data could not be read; official codes are "
                                    "not shown.")
        self.summary.setText(text)

    # -- actions ------------------------------------------------------------------------
    def _wizard_open(self) -> bool:
        return self.wizard is not None and self.wizard.isVisible()

    def open_wizard(self) -> EnableWizard | None:
        """The enable wizard for the selected school, non-modal, so the window stays live."""
        check = self.selected()
        if check is None or check.status not in ENABLEABLE or self._wizard_open():
            return None
        wizard = EnableWizard(self.ctx, self.host, check, self)
        wizard.finished.connect(self._wizard_closed)
        self.wizard = wizard
        wizard.open()
        self._update()
        return wizard

    def _wizard_closed(self, _result: int) -> None:
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = None
        self.refresh()

    def support_report(self) -> str:
        status = self.ctx.opiq.status()
        return build_report(
            self.checks, lang=self.language(), admin=status.user,
            checked_at=self.checked_at or datetime.now().astimezone(),
            opiq_server=self.ctx.profile.opiq.api_url,
            ekool_server=self.ctx.profile.ekool.api_url, practice=bool(self.ctx.practice))

    def copy_report(self) -> Op[None]:
        text = self.support_report()
        QGuiApplication.clipboard().setText(text)

        async def note() -> None:
            await self.ctx.log("copy_support_report", "ok",
                               detail=self.tr("%n school(s)", "", len(self.checks)))

        op = Op(self.host, note, label=self.tr("Copying the support report"),
                trigger=self.report_button)
        op.success(lambda _: self.summary.setText(
            self.tr("The support report is on the clipboard."))).run_in_background()
        return op
