"""Tomorrow's duplicates: people in journals not yet transferred who already have an
unlinked Opiq account, per school and per journal, with the letters asking them to link
their account before the teacher transfers the journal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opiq_admin.services.duplicates import prevention
from opiq_admin.services.duplicates.prevention import AtRisk, SchoolRisk
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.export import choose_save_file, save_text
from opiq_admin.ui.common.page import make_table
from opiq_admin.ui.common.table_model import NUMBER, Column, RowTableModel
from opiq_admin.ui.common.widgets import Retranslating, filter_field

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


class PreventionPanel(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
        self.items: list[AtRisk] = []
        self.loaded = False
        self.file_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.model: RowTableModel[AtRisk] = RowTableModel(self._columns(), parent=self)
        bar = QHBoxLayout()
        self.search = filter_field(self, self.model, 0)
        self.refresh_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.save_letters_button = QPushButton(self)
        self.refresh_button.clicked.connect(lambda: self.load(self.refresh_button))
        self.export_button.clicked.connect(lambda: self.choose_file("csv"))
        self.copy_button.clicked.connect(self.copy_letters)
        self.save_letters_button.clicked.connect(lambda: self.choose_file("txt"))
        bar.addWidget(self.search, 1)
        for button in (self.refresh_button, self.export_button, self.copy_button,
                       self.save_letters_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.school_model: RowTableModel[SchoolRisk] = RowTableModel(self._school_columns(),
                                                                     parent=self)
        self.school_table = make_table(splitter, self.school_model)
        self.school_table.selectionModel().currentRowChanged.connect(self._school_chosen)
        self.table = make_table(splitter, self.model)
        splitter.addWidget(self.school_table)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        layout.addWidget(splitter, 1)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        self.model.modelReset.connect(self._count)
        self.retranslate()

    def _school_columns(self) -> list[Column[SchoolRisk]]:
        return [
            Column("school", lambda: self.tr("School"), lambda r: r.school),
            Column("journals", lambda: self.tr("Journals not yet transferred"),
                   lambda r: r.journals, kind=NUMBER),
            Column("people", lambda: self.tr("People at risk"), lambda r: r.people,
                   kind=NUMBER),
        ]

    def _columns(self) -> list[Column[AtRisk]]:
        return [
            Column("school", lambda: self.tr("School"), lambda r: r.school),
            Column("journal", lambda: self.tr("Journal"), lambda r: r.journal),
            Column("person", lambda: self.tr("Person in eKool"), lambda r: r.person),
            Column("account", lambda: self.tr("Unlinked Opiq account"),
                   lambda r: r.account_name),
            Column("email", lambda: self.tr("E-mail"), lambda r: r.email or ""),
            Column("score", lambda: self.tr("Score"), lambda r: r.score, kind=NUMBER,
                   display=lambda r: f"{r.score:.2f}"),
        ]

    def retranslate(self) -> None:
        self.explanation.setText(self.tr(
            "People in eKool journals that have not been transferred to Opiq yet, who already "
            "have an Opiq account not linked to eKool. When the journal is transferred they "
            "would get a second account. Ask each of them to link their account first: "
            "Settings → Integrations → eKool → \"Lisa liidestus\"."))
        self.search.setPlaceholderText(self.tr("Filter: name, journal, school…"))
        self.search.setAccessibleName(self.tr("Filter people"))
        self.school_table.setAccessibleName(self.tr("Schools"))
        self.table.setAccessibleName(self.tr("People to ask to link their account"))
        self.refresh_button.setText(self.tr("Make the report"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.copy_button.setText(self.tr("Copy letters"))
        self.save_letters_button.setText(self.tr("Save letters…"))
        self.copy_button.setToolTip(self.tr("Copy a ready letter to each person to the "
                                            "clipboard"))
        self.school_model.retranslate()
        self.model.retranslate()
        self._count()

    def _count(self) -> None:
        if not self.loaded:
            self.count.setText(self.tr("The report has not been made yet."))
        else:
            people = len({i.account_id for i in self.items})
            self.count.setText(self.tr(
                "{shown} of {total} rows shown; {people} people in {journals} journals").format(
                    shown=self.model.rowCount(), total=len(self.items), people=people,
                    journals=len({i.ekool_class_id for i in self.items})))
        for button in (self.export_button, self.copy_button, self.save_letters_button):
            button.setEnabled(bool(self.items))

    # -- data --------------------------------------------------------------------------------
    def load(self, trigger: Any = None) -> Op[None]:
        op = Op(self.host, self.reload, label=self.tr("Making the prevention report"),
                trigger=trigger)
        op.run_in_background()
        return op

    async def reload(self) -> None:
        self.show_report(await prevention.report(self.ctx))

    def show_report(self, items: list[AtRisk]) -> None:
        self.items = list(items)
        self.loaded = True
        self.school_model.set_rows(prevention.per_school(self.items))
        self.model.set_rows(self.items)
        self.school_table.resizeColumnsToContents()
        self.table.resizeColumnsToContents()
        self._count()

    def _school_chosen(self, current: Any, _previous: Any = None) -> None:
        school = self.school_model.row_at(current).school if current.isValid() else None
        self.model.set_rows([i for i in self.items if school is None or i.school == school])

    # -- output ------------------------------------------------------------------------------
    def letter_language(self) -> str:
        return "et" if QLocale().name().startswith("et") else "en"

    def letters_text(self) -> str:
        return prevention.letters(self.model.visible_rows(), self.letter_language())

    def copy_letters(self) -> str:
        text = self.letters_text()
        QGuiApplication.clipboard().setText(text)
        self.count.setText(self.tr("Letters to %n person(s) copied to the clipboard.", "",
                                   len({i.account_id for i in self.model.visible_rows()})))
        return text

    def choose_file(self, suffix: str) -> None:
        if suffix == "csv":
            title, name, kinds = (self.tr("Export the prevention report"),
                                  "opiq-admin-prevention.csv", self.tr("CSV files (*.csv)"))
        else:
            title, name, kinds = (self.tr("Save the letters"), "opiq-admin-letters.txt",
                                  self.tr("Text files (*.txt)"))
        self.file_dialog = choose_save_file(self, title, name, kinds,
                                            lambda chosen: self.save(chosen, suffix))

    def save(self, path: Path, what: str) -> Op[None]:
        """`what` is "csv" for the report (filter applied) or "txt" for the letters."""
        rows = self.model.visible_rows()
        text = prevention.to_csv(rows) if what == "csv" else self.letters_text()
        op = save_text(self.host, self.ctx, path, text,
                       action="export_prevention" if what == "csv" else "save_letters",
                       detail=str(len(rows)),
                       label=self.tr("Saving {file}").format(file=path.name),
                       trigger=[self.export_button, self.save_letters_button])
        op.run_in_background()
        return op
