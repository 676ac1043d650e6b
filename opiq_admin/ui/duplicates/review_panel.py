"""The review of duplicate pairs: filter, look at a pair, and decide many at once.

Keyboard first: select rows, then A approves, R rejects and N adds a note. Each decision is
saved to the local store at once (and to the activity log), so closing the program loses
nothing and a review can go on the next day.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opiq_admin.services.clients.models import Activity
from opiq_admin.services.duplicates import review
from opiq_admin.services.duplicates.review import (
    AMBIGUOUS,
    APPROVED,
    FIXED,
    PROPOSED,
    REJECTED,
    ReviewItem,
)
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.export import choose_save_file, save_text
from opiq_admin.ui.common.flow import FlowLayout, group
from opiq_admin.ui.common.page import make_table
from opiq_admin.ui.common.widgets import (
    Banner,
    Retranslating,
    filter_box,
    filter_field,
    name_by_labels,
    refill_choices,
)
from opiq_admin.ui.duplicates.review_detail import ReviewDetail
from opiq_admin.ui.duplicates.review_model import ReviewModel, kind_name, status_name

if TYPE_CHECKING:
    from opiq_admin.app import AppContext

TO_REVIEW = "to_review"
EVERY = "every"  # every pair, the fixed ones too; the default choice leaves those out


class ReviewPanel(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
        self.items: list[ReviewItem] = []
        self.activities: dict[str, Activity] = {}
        self.activity_op: Op[Activity] | None = None
        self.export_dialog: QFileDialog | None = None
        self.note_dialog: QInputDialog | None = None
        self.saving = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.model = ReviewModel(self)

        self.search = filter_field(self, self.model, 140)
        self.school_box, self.kind_box, self.status_box = (
            filter_box(self, 8, self.apply_filters) for _ in range(3))
        self.school_label, self.kind_label, self.status_label, self.score_label = (
            QLabel(self), QLabel(self), QLabel(self), QLabel(self))
        self.min_score = QDoubleSpinBox(self)
        for label, buddy in ((self.school_label, self.school_box),
                             (self.kind_label, self.kind_box),
                             (self.status_label, self.status_box),
                             (self.score_label, self.min_score)):
            label.setBuddy(buddy)
        self.min_score.setRange(0.0, 1.0)
        self.min_score.setSingleStep(0.05)
        self.min_score.setDecimals(2)
        self.min_score.valueChanged.connect(self.apply_filters)
        # The filters wrap onto a second line in a narrow window; a label stays with its box.
        filters = FlowLayout()
        filters.addWidget(self.search)
        for label, box in ((self.school_label, self.school_box),
                           (self.kind_label, self.kind_box),
                           (self.status_label, self.status_box),
                           (self.score_label, self.min_score)):
            filters.addWidget(group(self, label, box))
        layout.addLayout(filters)

        actions = QHBoxLayout()
        self.approve_button = QPushButton(self)
        self.reject_button = QPushButton(self)
        self.note_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.remedy_button = QPushButton(self)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.note_button.clicked.connect(self.ask_note)
        self.export_button.clicked.connect(self.choose_export_file)
        self.remedy_button.clicked.connect(self.open_remedy)
        for button in (self.approve_button, self.reject_button, self.note_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.remedy_button)
        layout.addLayout(actions)

        self.notice = Banner("info", self, closable=True)
        self.approved_shown = 0  # the pairs the open notice says were approved
        self.notice.hide()
        layout.addWidget(self.notice)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = make_table(self.splitter, self.model)
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        # Best first; a decision then leaves a row where it is, so the reviewer's place holds.
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._count)
        self.detail = ReviewDetail(self.splitter)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self.count = QLabel(self)
        layout.addWidget(self.count)
        self.retranslate()
        self._selection_changed()

    # -- text --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Filter: name, school, note…"))
        self.search.setAccessibleName(self.tr("Filter pairs"))
        # The score in the window's own number format ("0,50" or "0.50"); a notice of a past
        # action, said in the other language, goes.
        self.min_score.setLocale(QLocale())
        self.notice.hide()
        for widget in (self.min_score, self.min_score.lineEdit()):
            widget.setAccessibleName(self.tr("Lowest score shown"))
            widget.setAccessibleDescription(self.tr("Pairs scored below this are hidden"))
        self.table.setAccessibleName(self.tr("Duplicate pairs"))
        self.detail.setAccessibleName(self.tr("The selected pair, side by side"))
        self.school_label.setText(self.tr("School:"))
        self.kind_label.setText(self.tr("Kind:"))
        self.status_label.setText(self.tr("Status:"))
        self.score_label.setText(self.tr("Score at least:"))
        name_by_labels(self.school_label, self.kind_label, self.status_label)
        self.approve_button.setText(self.tr("Approve (A)"))
        self.reject_button.setText(self.tr("Reject (R)"))
        self.note_button.setText(self.tr("Note… (N)"))
        self.approve_button.setToolTip(self.tr("Approve the selected pairs: the same person"))
        self.reject_button.setToolTip(self.tr("Reject the selected pairs: different people"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.remedy_button.setText(self.tr("Remedy approved pairs…"))
        self._fill_choices()
        self.model.retranslate()
        self._count()

    def _count(self) -> None:
        approved = sum(1 for i in self.items if i.status == APPROVED)
        rejected = sum(1 for i in self.items if i.status == REJECTED)
        fixed = sum(1 for i in self.items if i.status == FIXED)
        self.count.setText(self.tr(
            "{shown} of {total} pairs shown; {approved} approved, {rejected} rejected, "
            "{fixed} fixed, {open} to review").format(
            shown=self.model.rowCount(), total=len(self.items), approved=approved,
            rejected=rejected, fixed=fixed,
            open=len(self.items) - approved - rejected - fixed))

    def _fill_choices(self) -> None:
        schools = sorted({i.school for i in self.items})
        choices = (
            (self.school_box, [("", self.tr("all schools"))] + [(s, s) for s in schools]),
            (self.kind_box, [("", self.tr("all kinds")), ("student", kind_name("student")),
                             ("teacher", kind_name("teacher"))]),
            (self.status_box, [("", self.tr("all not yet fixed")),
                               (TO_REVIEW, self.tr("to review"))]
             + [(s, status_name(s)) for s in (PROPOSED, AMBIGUOUS, APPROVED, REJECTED, FIXED)]
             + [(EVERY, self.tr("all, fixed ones too"))]),
        )
        for box, values in choices:
            refill_choices(box, values)

    # -- data ----------------------------------------------------------------------------------
    async def reload(self) -> None:
        loaded = await review.load(self.ctx)
        self.show_review(loaded.items)

    def show_review(self, items: list[ReviewItem]) -> None:
        self.items = list(items)
        self._fill_choices()
        self._refill(self.selected_keys(), fallback_row=0)
        self.table.resizeColumnsToContents()

    def filtered(self) -> list[ReviewItem]:
        school = self.school_box.currentData() or ""
        kind = self.kind_box.currentData() or ""
        status = self.status_box.currentData() or ""
        least = round(self.min_score.value(), 2)
        return [i for i in self.items
                if (not school or i.school == school) and (not kind or i.kind == kind)
                and ((not status and i.status != FIXED) or status == EVERY
                     or i.status == status
                     or (status == TO_REVIEW and i.status in (PROPOSED, AMBIGUOUS)))
                and round(i.score, 2) >= least]

    def apply_filters(self) -> None:
        self._refill(self.selected_keys())

    def _refill(self, keep: list[tuple[str, str]], fallback_row: int = -1) -> None:
        self.model.set_rows(self.filtered())
        rows = [n for n, item in enumerate(self.model.visible_rows()) if item.key in keep]
        if not rows and self.model.rowCount() and fallback_row >= 0:
            rows = [min(fallback_row, self.model.rowCount() - 1)]
        self.select_rows(rows)

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row in rows:
            selection.select(self.model.index(row, 0), flags)
        if rows:
            selection.setCurrentIndex(self.model.index(rows[0], 0), flags)
        else:
            self.detail.show_item(None)

    def selected(self) -> list[ReviewItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def selected_keys(self) -> list[tuple[str, str]]:
        return [i.key for i in self.selected()]

    def _selection_changed(self, *_: Any) -> None:
        some = self.table.selectionModel().hasSelection()
        for button in (self.approve_button, self.reject_button, self.note_button):
            button.setEnabled(some)

    # -- the detail pane -------------------------------------------------------------------------
    def _current_changed(self, current: Any, _previous: Any = None) -> None:
        if not current.isValid():
            self.detail.show_item(None)
            return
        item = self.model.row_at(current)
        cached = self.activities.get(item.old.id)
        self.detail.show_item(item, cached)
        if cached is None:
            self._fetch_activity(item)

    def _fetch_activity(self, item: ReviewItem) -> None:
        if self.activity_op is not None:
            self.activity_op.cancel()

        def got(activity: Activity) -> None:
            self.activities[item.old.id] = activity
            self.detail.show_activity(item.key, activity)

        def failed(_exc: BaseException) -> bool:
            self.detail.show_activity(item.key, None)
            return True

        op = Op(self.host, lambda: self.ctx.opiq.client.activity(item.old.id),
                label=self.tr("Reading the old account's activity"))
        self.activity_op = op
        op.success(got).failure(failed).run_in_background()

    # -- decisions ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return super().eventFilter(watched, event)
            handlers = {Qt.Key.Key_A: self.approve_selected, Qt.Key.Key_R: self.reject_selected,
                        Qt.Key.Key_N: self.ask_note}
            handler = handlers.get(Qt.Key(event.key()))
            if handler is not None:
                handler()
                return True
        return super().eventFilter(watched, event)

    def approve_selected(self) -> Op[list[ReviewItem]] | None:
        wanted = self.selected()
        refused = review.conflicts(self.items, wanted)
        if refused:
            self.refuse(wanted, refused)
        return self.decide([i for i in wanted if i.key not in refused], APPROVED)

    def reject_selected(self) -> Op[list[ReviewItem]] | None:
        return self.decide(self.selected(), REJECTED)

    def refuse(self, wanted: list[ReviewItem], refused: dict[tuple[str, str], ReviewItem]
               ) -> None:
        lines = []
        for item in wanted:
            other = refused.get(item.key)
            if other is None:
                continue
            shared = item.old if item.old.id in (other.old.id, other.new.id) else item.new
            lines.append(self.tr(
                "{old} → {new} was not approved: the account {account} ({id}) is already in "
                "the approved pair {other_old} → {other_new}. An account can be in one "
                "approved pair only; reject that pair first if this one is right.").format(
                    old=item.old_name, new=item.new_name, account=review.full_name(shared),
                    id=shared.id, other_old=other.old_name, other_new=other.new_name))
        more = len(lines) - 3
        text = "\n".join(lines[:3])
        if more > 0:
            text += "\n" + self.tr("… and %n more.", "", more)
        self.show_notice(text)

    def show_notice(self, text: str) -> None:
        self.approved_shown = 0
        self.notice.label.setText(text)
        self.notice.show()

    def decide(self, items: list[ReviewItem], decision: str | None,
               note: str | None = None) -> Op[list[ReviewItem]] | None:
        """Save at once; the table follows when the store has it."""
        if not items or self.saving:
            return None
        first_row = min((r.row() for r in self.table.selectionModel().selectedRows()),
                        default=0)
        keep = [i.key for i in items]
        self.saving = True

        def done(updated: list[ReviewItem]) -> None:
            by_key = {i.key: i for i in updated}
            self.items = [by_key.get(i.key, i) for i in self.items]
            self._refill(keep, first_row)
            if decision in (APPROVED, REJECTED) and len(keep) == 1:
                # One pair decided: on to the next, as a reviewer goes down the list.
                visible = [i.key for i in self.model.visible_rows()]
                at = visible.index(keep[0]) + 1 if keep[0] in visible else first_row
                if 0 <= at < len(visible):
                    self.select_rows([at])
            counting = self.notice.isVisible() and self.approved_shown > 0
            if decision == APPROVED and updated and (self.notice.isHidden() or counting):
                # The notice counts every pair approved while it stays open.
                total = (self.approved_shown if counting else 0) + len(updated)
                self.show_notice(self.tr("%n pair(s) approved.", "", total))
                self.approved_shown = total

        def finished() -> None:
            self.saving = False

        async def work() -> list[ReviewItem]:
            try:
                return await review.record(self.ctx, items, decision, note)
            finally:
                finished()

        op = Op(self.host, work, label=self.tr("Saving the review decisions"),
                trigger=[self.approve_button, self.reject_button, self.note_button],
                cancellable=False)
        op.success(done).run_in_background()
        return op

    def ask_note(self) -> QInputDialog | None:
        items = self.selected()
        if not items:
            return None
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Note"))
        dialog.setLabelText(self.tr("A note for the %n selected pair(s):", "", len(items)))
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        notes = {i.note for i in items}
        dialog.setTextValue(notes.pop() if len(notes) == 1 else "")
        dialog.textValueSelected.connect(lambda text: self.decide(items, None, text.strip()))
        self.note_dialog = dialog
        dialog.open()
        return dialog

    # -- export and remedy --------------------------------------------------------------------
    def choose_export_file(self) -> None:
        self.export_dialog = choose_save_file(
            self, self.tr("Export the duplicate pairs"), "opiq-admin-duplicates.csv",
            self.tr("CSV files (*.csv)"), self.export)

    def export(self, path: Path) -> Op[None]:
        """Write the rows shown now (filters applied) to `path`."""
        rows = self.model.visible_rows()
        op = save_text(self.host, self.ctx, path, review.to_csv(rows),
                       action="export_duplicates", detail=str(len(rows)),
                       label=self.tr("Exporting the duplicate pairs"),
                       trigger=self.export_button)
        op.run_in_background()
        return op

    def approved_student_pairs(self) -> list[dict[str, Any]]:
        return [i.to_pair() for i in self.items
                if i.status == APPROVED and i.kind == "student"]

    def approved_pairs(self) -> list[dict[str, Any]]:
        """Every approved pair not yet fixed; teacher pairs are shown as advice only."""
        return [i.to_pair() for i in self.items if i.status == APPROVED]

    def open_remedy(self) -> Any:
        if not self.approved_student_pairs():
            self.show_notice(self.tr("There are no approved student pairs to remedy yet. "
                                     "Approve pairs first (A)."))
            return None
        try:
            from opiq_admin.ui.remediation.dialog import open_remediation
        except ImportError:
            self.show_notice(self.tr("Remedying pairs is not available in this version."))
            return None
        dialog = open_remediation(self.window(), self.ctx, self.host, self.approved_pairs())
        # What was fixed leaves the queue and the counts follow, without a manual refresh.
        dialog.run_ended.connect(lambda _results: self.reload_soon())
        return dialog

    def reload_soon(self) -> Op[None]:
        op = Op(self.host, self.reload, label=self.tr("Reading the pairs again"))
        op.run_in_background()
        return op
