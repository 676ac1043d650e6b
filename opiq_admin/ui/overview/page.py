"""Overview: who is signed in on each side, the schools managed, and their counts."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from opiq_admin.services.duplicates import review
from opiq_admin.services.integration.check import find_ekool_school
from opiq_admin.services.signin.connections import SideStatus
from opiq_admin.ui.common.async_ops import OperationHost
from opiq_admin.ui.common.page import Page, make_table
from opiq_admin.ui.common.table_model import NUMBER, Column, RowTableModel
from opiq_admin.ui.overview.charts import SchoolChart

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


@dataclass(frozen=True)
class SchoolRow:
    name: str
    opiq_ehis: str
    ekool_ehis: str | None
    enabled: bool
    licences_total: int | None
    licences_assigned: int | None
    licences_free: int | None
    journals: int | None


class SidePanel(QGroupBox):
    """One system: signed in as whom, to which server, for which schools."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.user = QLabel(self)
        self.server = QLabel(self)
        self.schools = QLabel(self)
        self.schools.setWordWrap(True)
        self.user_caption = QLabel(self)
        self.server_caption = QLabel(self)
        self.schools_caption = QLabel(self)
        self.form.addRow(self.user_caption, self.user)
        self.form.addRow(self.server_caption, self.server)
        self.form.addRow(self.schools_caption, self.schools)
        self.status: SideStatus | None = None

    def show_status(self, status: SideStatus, user: str, server: str, schools: str,
                    nobody: str) -> None:
        self.status = status
        self.user_caption.setText(user)
        self.server_caption.setText(server)
        self.schools_caption.setText(schools)
        self.user.setText(f"<b>{status.user}</b>" if status.signed_in else nobody)
        self.server.setText(urlsplit(status.server).netloc or status.server)
        self.schools.setText(status.school or "—")


class OverviewPage(Page):
    page_id = "overview"
    # Its chart runs the duplicate scan: too costly for every visit.
    refresh_when_changed = True

    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(ctx, host, parent)
        sides = QHBoxLayout()
        self.opiq_panel = SidePanel("Opiq", self)
        self.ekool_panel = SidePanel("eKool", self)
        sides.addWidget(self.opiq_panel)
        sides.addWidget(self.ekool_panel)
        self.layout_.addLayout(sides)
        self.summary = QLabel(self)
        self.layout_.addWidget(self.summary)
        self.model: RowTableModel[SchoolRow] = RowTableModel(self._columns(), parent=self)
        self.table = make_table(self, self.model)
        self.layout_.addWidget(self.table, 1)
        self.chart = SchoolChart(self)
        self.layout_.addWidget(self.chart, 2)
        self.retranslate()

    def _columns(self) -> list[Column[SchoolRow]]:
        def count(value: int | None) -> str:
            return "—" if value is None else str(value)

        return [
            Column("name", lambda: self.tr("School"), lambda r: r.name),
            Column("opiq_ehis", lambda: self.tr("EHIS code in Opiq"), lambda r: r.opiq_ehis),
            Column("ekool_ehis", lambda: self.tr("EHIS code in eKool"),
                   lambda r: r.ekool_ehis, display=lambda r: r.ekool_ehis or "—"),
            Column("enabled", lambda: self.tr("Integration"), lambda r: r.enabled,
                   display=lambda r: self.tr("enabled") if r.enabled else self.tr("not enabled")),
            Column("journals", lambda: self.tr("Journals"), lambda r: r.journals, kind=NUMBER,
                   display=lambda r: count(r.journals)),
            Column("licences", lambda: self.tr("Licences"), lambda r: r.licences_total,
                   kind=NUMBER, display=lambda r: count(r.licences_total)),
            Column("assigned", lambda: self.tr("Assigned"), lambda r: r.licences_assigned,
                   kind=NUMBER, display=lambda r: count(r.licences_assigned)),
            Column("free", lambda: self.tr("Free"), lambda r: r.licences_free, kind=NUMBER,
                   display=lambda r: count(r.licences_free)),
        ]

    def title(self) -> str:
        return self.tr("Overview")

    def loading_label(self) -> str:
        return self.tr("Loading the overview")

    def retranslate(self) -> None:
        super().retranslate()
        self.show_sides()
        self.model.retranslate()
        self._summarise()
        self.table.setAccessibleName(self.tr("Schools"))

    def show_sides(self) -> None:
        for panel, connection in ((self.opiq_panel, self.ctx.opiq),
                                  (self.ekool_panel, self.ctx.ekool)):
            panel.show_status(connection.status(), self.tr("Signed in as"), self.tr("Server"),
                              self.tr("Schools"), self.tr("not signed in"))

    def _summarise(self) -> None:
        rows = self.model.rows()
        if not rows:
            self.summary.setText(self.tr("Sign in to Opiq to see the schools you manage."))
            return
        enabled = sum(r.enabled for r in rows)
        journals = sum(r.journals or 0 for r in rows)
        total = sum(r.licences_total or 0 for r in rows)
        assigned = sum(r.licences_assigned or 0 for r in rows)
        self.summary.setText(self.tr(
            "{schools} schools, integration enabled in {enabled}; {journals} journals; "
            "{assigned} of {total} licences assigned").format(
                schools=len(rows), enabled=enabled, journals=journals, assigned=assigned,
                total=total))

    async def fetch(self) -> None:
        self.show_sides()
        opiq, ekool = self.ctx.opiq, self.ctx.ekool
        if not opiq.signed_in:
            self.model.set_rows([])
            self.chart.show_counts([])
            self._summarise()
            return
        ekool_schools = ekool.schools if ekool.signed_in else []

        async def row(school: Any) -> SchoolRow:
            pool, journals = await asyncio.gather(opiq.client.licences(school.id),
                                                  opiq.client.journals(school.id))
            # The same eKool school the integration check pairs it with.
            match, _ = find_ekool_school(school, ekool_schools)
            ekool_code = (match.ehis_code or None) if match else None
            return SchoolRow(school.name, school.ehis_id, ekool_code,
                             bool(school.ekool.enabled), pool.total, pool.assigned,
                             pool.free, len(journals))

        counts, rows = await asyncio.gather(review.school_counts(self.ctx),
                                            asyncio.gather(*(row(s) for s in opiq.schools)))
        self.chart.show_counts(counts)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._summarise()
