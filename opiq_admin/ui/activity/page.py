"""Activity log: the store's append-only record of what was done, filterable, exportable."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from opiq_admin.services.store import Activity
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.export import choose_save_file, save_text
from opiq_admin.ui.common.flow import FlowLayout, group
from opiq_admin.ui.common.page import Page, make_table
from opiq_admin.ui.common.table_model import RAW, Column, RowTableModel
from opiq_admin.ui.common.widgets import filter_box, filter_field, name_by_labels, refill_choices

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


def local_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


class ActivityPage(Page):
    page_id = "activity"
    refresh_when_shown = True

    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(ctx, host, parent)
        self.entries: list[Activity] = []
        self.model: RowTableModel[Activity] = RowTableModel(self._columns(), parent=self)
        bar = FlowLayout()  # wraps in a narrow window
        self.search = filter_field(self, self.model, 120)
        self.action_box = filter_box(self, 10, self._apply_choices)
        self.school_box = filter_box(self, 10, self._apply_choices)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(lambda: self.refresh(self.refresh_button))
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.choose_export_file)
        self.action_label = QLabel(self)
        self.school_label = QLabel(self)
        self.action_label.setBuddy(self.action_box)
        self.school_label.setBuddy(self.school_box)
        bar.addWidget(self.search)
        bar.addWidget(group(self, self.action_label, self.action_box))
        bar.addWidget(group(self, self.school_label, self.school_box))
        bar.addWidget(group(self, self.refresh_button, self.export_button))
        self.layout_.addLayout(bar)
        self.table = make_table(self, self.model)
        self.layout_.addWidget(self.table, 1)
        self.count = QLabel(self)
        self.layout_.addWidget(self.count)
        self.model.modelReset.connect(self._count)
        self.export_dialog: QFileDialog | None = None
        self.retranslate()

    def _columns(self) -> list[Column[Activity]]:
        return [
            Column("at", lambda: self.tr("Time"), lambda r: r.at, kind=RAW,
                   display=lambda r: local_time(r.at)),
            Column("actor", lambda: self.tr("Who"), lambda r: r.actor),
            Column("action", lambda: self.tr("Action"), lambda r: r.action,
                   display=lambda r: self.action_name(r.action)),
            Column("school", lambda: self.tr("School"), lambda r: r.school),
            Column("target", lambda: self.tr("Target"), lambda r: r.target),
            Column("result", lambda: self.tr("Result"), lambda r: r.result,
                   display=lambda r: self.result_name(r.result)),
            Column("detail", lambda: self.tr("Detail"), lambda r: r.detail,
                   display=lambda r: self.detail_text(r.detail)),
        ]

    def action_name(self, code: str) -> str:
        names = {
            "sign_in": self.tr("Sign in"),
            "sign_out": self.tr("Sign out"),
            "export_activity": self.tr("Export activity log"),
            "integration_check": self.tr("Integration check"),
            "enable_integration": self.tr("Enable integration"),
            "enable_wizard": self.tr("Enable integration wizard"),
            "link_account": self.tr("Link account to eKool"),
            "copy_support_report": self.tr("Copy support report"),
            "refresh_journal": self.tr("Update journal data"),
            "delete_journal": self.tr("Delete journal"),
            "export_journals": self.tr("Export journals"),
            "review_approve": self.tr("Approve pair"),
            "review_reject": self.tr("Reject pair"),
            "review_note": self.tr("Note on pair"),
            "export_duplicates": self.tr("Export duplicate pairs"),
            "export_prevention": self.tr("Export prevention report"),
            "save_letters": self.tr("Save letters"),
            "remediate_plan": self.tr("Remedy plan"),
            "remediate_guard": self.tr("Mass-change guard"),
            "remediate_pair": self.tr("Remedy pair"),
            "remediate_step": self.tr("Remedy step"),
            "remediate_report": self.tr("Save remedy report"),
            "remediate_give_up": self.tr("Give up a remedy plan"),
            "compare_journals": self.tr("Compare with eKool"),
            "remove_student_role": self.tr("Remove the student role"),
            "assign_licence": self.tr("Give a licence"),
        }
        return names.get(code, code)

    def result_name(self, code: str) -> str:
        names = {
            "ok": self.tr("done"), "done": self.tr("done"), "failed": self.tr("failed"),
            "refused": self.tr("refused"), "confirmed": self.tr("confirmed"),
            "skipped": self.tr("skipped"), "stale": self.tr("skipped"),
        }
        return names.get(code, code)

    def detail_text(self, detail: str) -> str:
        """A detail the program wrote in words of its own: a remedy's steps ("remove_student_role
        → assign_licence") named, a practice sign-in said so; anything else as written."""
        if detail == "practice":
            return self.tr("practice mode")
        steps = detail.split(" → ")
        if detail and all(step in ("remove_student_role", "assign_licence") for step in steps):
            return " → ".join(self.action_name(step) for step in steps)
        return detail

    def title(self) -> str:
        return self.tr("Activity log")

    def loading_label(self) -> str:
        return self.tr("Loading the activity log")

    def retranslate(self) -> None:
        super().retranslate()
        self.search.setPlaceholderText(self.tr("Filter: name, school, result…"))
        self.search.setAccessibleName(self.tr("Filter the log"))
        self.table.setAccessibleName(self.tr("Activity log"))
        self.action_label.setText(self.tr("Action:"))
        self.school_label.setText(self.tr("School:"))
        name_by_labels(self.action_label, self.school_label)
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export CSV…"))
        self._fill_choices()
        self.model.retranslate()
        self._count()

    def _count(self) -> None:
        self.count.setText(self.tr("{shown} of {total} entries").format(
            shown=self.model.rowCount(), total=len(self.entries)))

    async def fetch(self) -> None:
        self.entries = await self.ctx.store.activity()
        self._fill_choices()
        self._apply_choices()
        self.table.resizeColumnsToContents()

    def _fill_choices(self) -> None:
        for box, values, everything in (
                (self.action_box, {e.action for e in self.entries}, self.tr("all actions")),
                (self.school_box, {e.school for e in self.entries if e.school},
                 self.tr("all schools"))):
            name = self.action_name if box is self.action_box else str
            refill_choices(box, [("", everything), *((v, name(v)) for v in sorted(values))])

    def _apply_choices(self) -> None:
        action = self.action_box.currentData() or ""
        school = self.school_box.currentData() or ""
        self.model.set_rows([e for e in self.entries
                             if (not action or e.action == action)
                             and (not school or e.school == school)])

    # -- export --------------------------------------------------------------------------
    def choose_export_file(self) -> None:
        self.export_dialog = choose_save_file(
            self, self.tr("Export the activity log"), "opiq-admin-activity.csv",
            self.tr("CSV files (*.csv)"), self.export)

    def export(self, path: Path) -> Op[None]:
        """Write the rows shown now (filter applied) to `path` as CSV."""
        rows = self.model.visible_rows()
        op = save_text(self.host, self.ctx, path, self.ctx.store.store.activity_csv(rows),
                       action="export_activity", detail=str(len(rows)),
                       label=self.tr("Exporting the activity log"), trigger=self.export_button)
        op.success(lambda _: self.refresh()).run_in_background()
        return op
