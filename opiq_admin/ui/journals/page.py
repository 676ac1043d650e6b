"""Journals: every journal of the managed schools, compared with eKool, with the detail of
the selected one, and the two things an administrator does to eKool journals in Opiq:
update them from eKool now, and delete them (eKool keeps them)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QWidget,
)

from opiq_admin.services import journals
from opiq_admin.services.accounts import full_name, load_accounts
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.page import Page, make_table
from opiq_admin.ui.common.table_model import RowTableModel
from opiq_admin.ui.common.widgets import (
    Banner,
    filter_box,
    filter_field,
    name_by_labels,
    refill_choices,
)
from opiq_admin.ui.journals.actions import JournalActions
from opiq_admin.ui.journals.detail import JournalDetail
from opiq_admin.ui.journals.rows import CHANGED, UNTRANSFERRED, JournalItem, Person, journal_columns

if TYPE_CHECKING:
    from opiq_admin.app import AppContext

PEOPLE_KIND = "journal_person"
SHOW_ALL, SHOW_EKOOL, SHOW_OPIQ, SHOW_CHANGED, SHOW_UNTRANSFERRED = (
    "all", "ekool", "opiq", "changed", "untransferred")


class JournalsPage(Page):
    page_id = "journals"

    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(ctx, host, parent)
        self.items: list[JournalItem] = []
        self.people: dict[str, Person] = {}
        self.ekool_people: dict[str, str] = {}
        self._ekool_asked: set[str] = set()
        self.synced = False
        icons = {CHANGED: self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                 UNTRANSFERRED: self.style().standardIcon(
                     QStyle.StandardPixmap.SP_MessageBoxInformation)}
        self.model: RowTableModel[JournalItem] = RowTableModel(
            journal_columns(lambda state: icons.get(state, QIcon())), parent=self)

        bar = QHBoxLayout()
        self.search = filter_field(self, self.model, 160)
        self.school_label, self.show_label = QLabel(self), QLabel(self)
        self.school_box = filter_box(self, 12, self._apply_choices)
        self.show_box = filter_box(self, 12, self._apply_choices)
        self.school_label.setBuddy(self.school_box)
        self.show_label.setBuddy(self.show_box)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.school_label)
        bar.addWidget(self.school_box, 1)
        bar.addWidget(self.show_label)
        bar.addWidget(self.show_box, 1)
        self.layout_.addLayout(bar)

        buttons = QHBoxLayout()
        self.update_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.sync_button = QPushButton(self)
        self.update_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_BrowserReload))
        self.delete_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_TrashIcon))
        self.sync_button.clicked.connect(self.compare_with_ekool)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.delete_button)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.export_button)
        self.layout_.addLayout(buttons)

        self.result = Banner("ok", self, closable=True)
        self.result.label.setTextFormat(Qt.TextFormat.RichText)
        self.result.hide()
        self.layout_.addWidget(self.result)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = make_table(self.splitter, self.model)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.detail = JournalDetail(self.splitter)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        # A short window still fits: the table and the pane scroll rather than push.
        self.table.setMinimumHeight(48)
        self.detail.setMinimumHeight(48)
        self.layout_.addWidget(self.splitter, 1)
        self.count = QLabel(self)
        self.layout_.addWidget(self.count)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._count)

        self.actions_ = JournalActions(self)
        self.update_button.clicked.connect(self.actions_.update_selected)
        self.delete_button.clicked.connect(self.actions_.confirm_delete)
        self.export_button.clicked.connect(self.actions_.choose_export_file)
        self.retranslate()
        self._selection_changed()

    # -- text ------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Journals")

    def loading_label(self) -> str:
        return self.tr("Reading the journals from Opiq and eKool")

    def retranslate(self) -> None:
        super().retranslate()
        # What the banner said was said in the other language, of a past action.
        self.result.hide()
        self.search.setPlaceholderText(self.tr("Filter: journal, school, teacher…"))
        self.search.setAccessibleName(self.tr("Filter journals"))
        self.table.setAccessibleName(self.tr("Journals"))
        self.detail.setAccessibleName(self.tr("The selected journal"))
        self.school_label.setText(self.tr("School:"))
        self.show_label.setText(self.tr("Show:"))
        name_by_labels(self.school_label, self.show_label)
        self.update_button.setText(self.tr("Update journal data"))
        self.update_button.setToolTip(self.tr(
            "Bring the selected eKool journals' name, teachers and students over from eKool "
            "now, instead of waiting for the nightly refresh"))
        self.delete_button.setText(self.tr("Delete"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.sync_button.setText(self.tr("Compare with eKool"))
        self._fill_choices()
        self.model.retranslate()
        self.detail.retranslate()
        self._count()
        self._selection_changed()

    def _count(self) -> None:
        in_opiq = [i for i in self.items if i.state != UNTRANSFERRED]
        changed = sum(i.state == CHANGED for i in self.items)
        missing = len(self.items) - len(in_opiq)
        if (self.show_box.currentData() or SHOW_ALL) == SHOW_UNTRANSFERRED:
            # The rows are eKool's journals not in Opiq: counted against those, not Opiq's.
            text = self.tr("{shown} shown of %n journal(s) not transferred", "",
                           missing).format(shown=self.model.rowCount())
        else:
            text = self.tr("{shown} shown of %n journal(s) in Opiq", "", len(in_opiq)).format(
                shown=self.model.rowCount())
        if self.synced:
            text += " · " + self.tr("{changed} changed in eKool · {missing} in eKool not "
                                    "transferred").format(changed=changed, missing=missing)
        else:
            text += " · " + self.tr("from the last sync; comparing with eKool…")
        self.count.setText(text)

    # -- loading -----------------------------------------------------------------------------
    async def fetch(self) -> None:
        """Paint the last sync at once, then read both systems and paint again."""
        ctx = self.ctx
        if not ctx.opiq.signed_in:
            self.items, self.synced = [], False
            self.model.set_rows([])
            return
        if not self.items:
            rows = await journals.cached(ctx)
            people = await ctx.store.snapshots(PEOPLE_KIND, scope=ctx.opiq.cache_scope)
            self.people = {k: Person(k, v["name"], v["linked"]) for k, v in people.items()}
            if rows:
                self._show([JournalItem.of(r, self._names()) for r in rows])
        overview, (schools, per_school) = await asyncio.gather(
            journals.sync(ctx, compare=ctx.ekool.signed_in), load_accounts(ctx))
        self.people = {}
        for school in schools:
            people = {a.id: Person(a.id, full_name(a), a.linked) for a in per_school[school.id]}
            self.people.update(people)
            await ctx.store.put_snapshots(
                PEOPLE_KIND, school.id,
                {p.id: {"name": p.name, "linked": p.linked} for p in people.values()},
                replace=True, scope=ctx.opiq.cache_scope)
        names = self._names()
        self.synced = True
        self._show([JournalItem.of(r, names) for r in overview.rows]
                   + [JournalItem.of_untransferred(u) for u in overview.untransferred])

    def _names(self) -> dict[str, str]:
        return {k: p.name for k, p in self.people.items()}

    def _show(self, items: list[JournalItem]) -> None:
        chosen = {i.key for i in self.selected_items()}
        self.items = items
        self._fill_choices()
        self.model.set_rows(items)
        self._apply_choices()
        if chosen:
            self.select_keys(chosen)
        if not self.table.horizontalHeader().sectionSize(0) > 120:
            self.table.resizeColumnsToContents()
        self._selection_changed()

    # -- filters -----------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        schools = sorted({(i.school_id, i.school) for i in self.items}, key=lambda s: s[1])
        choices = [
            (self.school_box, [("", self.tr("all schools")), *schools]),
            (self.show_box, [(SHOW_ALL, self.tr("all journals in Opiq")),
                             (SHOW_EKOOL, self.tr("from eKool")),
                             (SHOW_OPIQ, self.tr("made in Opiq")),
                             (SHOW_CHANGED, self.tr("changed in eKool")),
                             (SHOW_UNTRANSFERRED, self.tr("not transferred from eKool"))]),
        ]
        for box, values in choices:
            refill_choices(box, values)

    def _apply_choices(self) -> None:
        school = self.school_box.currentData() or ""
        show = self.show_box.currentData() or SHOW_ALL

        def accept(item: JournalItem) -> bool:
            if school and item.school_id != school:
                return False
            if show == SHOW_UNTRANSFERRED:
                return item.state == UNTRANSFERRED
            if item.state == UNTRANSFERRED:
                return False
            if show == SHOW_CHANGED:
                return item.state == CHANGED
            return show == SHOW_ALL or item.origin == show

        self.model.set_row_filter(accept)

    # -- selection ---------------------------------------------------------------------------
    def selected_items(self) -> list[JournalItem]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(r) for r in rows if r < self.model.rowCount()]

    def select_keys(self, keys: set[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).key in keys:
                selection.select(self.model.index(row, 0), flags)

    def selection_changed_later(self) -> None:
        if shiboken6.isValid(self):
            self._selection_changed()

    def compare_with_ekool(self) -> Op[None]:
        """Võrdle eKooliga (Compare with eKool): read both systems anew; said in the log."""
        op = self.refresh(self.sync_button)
        op.success(self._log_compare)
        return op

    def _log_compare(self, _: None) -> None:
        changed = sum(i.state == CHANGED for i in self.items)
        missing = sum(i.state == UNTRANSFERRED for i in self.items)
        detail = (self.tr("%n changed in eKool", "", changed) + ", "
                  + self.tr("%n not transferred", "", missing))
        label = self.tr("Writing the activity log")
        Op(self.host, lambda: self.ctx.log("compare_journals", "ok", detail=detail),
           label=label, cancellable=False).run_in_background()

    def _selection_changed(self, *_: Any) -> None:
        items = self.selected_items()
        self.actions_.update_buttons(items)
        if len(items) != 1:
            self.detail.show_nothing(len(items))
            return
        item = items[0]
        self.detail.show_item(item, self.people, self.ekool_people)
        self._fetch_ekool_names(item)

    def _fetch_ekool_names(self, item: JournalItem) -> None:
        """eKool's own names for people not in Opiq yet, read when first needed."""
        if item.state == UNTRANSFERRED and item.untransferred is not None:
            class_id = item.untransferred.ekool_class_id
        elif item.state == CHANGED and item.journal is not None and item.journal.added_in_ekool:
            class_id = item.journal.ekool_class_id or ""
        else:
            return
        if not class_id or class_id in self._ekool_asked or not self.ctx.ekool.signed_in:
            return
        self._ekool_asked.add(class_id)

        async def fetch() -> None:
            students = await self.ctx.ekool.client.journal_students(class_id)
            for person in students:
                self.ekool_people[person.sourced_id] = \
                    f"{person.given_name} {person.family_name}".strip()

        def done(_: None) -> None:
            if self.detail.item is not None and self.detail.item.key == item.key:
                self.detail.show_item(self.detail.item, self.people, self.ekool_people)

        def failed(_: BaseException) -> bool:
            self._ekool_asked.discard(class_id)
            return False

        Op(self.host, fetch, label=self.tr("Reading the roster from eKool")) \
            .success(done).failure(failed).run_in_background()

    def export_path_default(self) -> Path:
        return Path.home() / "opiq-admin-journals.csv"
