"""The remedy window: the plan for the approved pairs as a preview, then the run.

Nothing changes on either server until a person presses Run and confirms, in so many words,
how many students lose the student role on their old account. A plan over the mass-change
guard needs, besides, a ticked and logged confirmation. Pause and Stop act between steps;
a stopped or killed run is finished later from the same plan (the store's write-ahead log
knows which steps were answered), here or from the offer at the next start.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QWidget,
)

from opiq_admin.services.accounts import full_name, load_accounts
from opiq_admin.services.csvsafe import csv_document
from opiq_admin.services.remediation import engine as rem
from opiq_admin.ui.common.async_ops import Op, OperationHost, describe
from opiq_admin.ui.common.export import choose_save_file, save_text
from opiq_admin.ui.common.widgets import Retranslating
from opiq_admin.ui.remediation.layout import RemediationLayout
from opiq_admin.ui.remediation.views import (
    PairRow,
    duration,
    guard_lines,
    make_pair_model,
    make_pool_model,
    pool_rows,
    reason_text,
    report_table,
)

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


def account_names(per_school: dict[str, list[Any]]) -> dict[str, str]:
    """Account id → "First Last", so the preview and the report say whom they mean."""
    return {a.id: full_name(a) for batch in per_school.values() for a in batch}


class RemediationDialog(Retranslating, RemediationLayout):
    """Preview and run of one remedy plan (see the module's docstring)."""

    result_arrived = Signal(dict)
    run_ended = Signal(list)

    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.host = ctx, host
        self.plan: rem.Plan | None = None
        self.rows: list[PairRow] = []
        self.school_names = {s.id: s.name for s in ctx.opiq.schools}
        self.done_keys: set[str] = set()
        self.runner: rem.Runner | None = None
        self.running = self.paused = self.ran = False
        self.guard_confirmed = False
        self.confirm_box: QMessageBox | None = None
        self.report_dialog: QFileDialog | None = None
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.build(make_pair_model(self), make_pool_model(self))
        self.run_button.clicked.connect(self.ask_to_run)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.report_button.clicked.connect(self.choose_report_file)
        self.close_button.clicked.connect(self.close)
        self.guard_check.toggled.connect(self._guard_toggled)
        self._update_buttons()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self._rows_changed)
        self.retranslate()
        self.resize(1180, 760)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Remedy duplicate accounts"))
        self.heading.setText(self.tr("Remedy duplicate accounts"))
        self.intro.setText(self.tr(
            "For each approved student pair the old account loses the student role, which "
            "frees its licence, and the new, eKool-linked account gets a licence. The student "
            "signs in with the new account from now on; what they did in the old one stays "
            "there. Nothing is changed until you press Run."))
        self.pools_group.setTitle(self.tr("Licences per school: before and after"))
        self.guard_check.setText(self.tr(
            "I have checked these pairs and confirm taking the student role from this many "
            "students"))
        self.report_button.setText(self.tr("Save report…"))
        self.close_button.setText(self.tr("Close"))
        self.pair_model.retranslate()
        self.pool_model.retranslate()
        self._show_texts()

    # -- the plan --------------------------------------------------------------------------
    def make_plan(self, pairs: list[dict[str, Any]]) -> Op[Any]:
        """Decide every pair's steps against the live accounts (nothing is changed)."""
        async def work() -> tuple[rem.Plan, dict[str, str]]:
            _, per_school = await load_accounts(self.ctx)
            plan = await rem.make_plan(self.ctx, pairs, accounts=per_school)
            return plan, account_names(per_school)

        return self._load(work, self.tr("Making the remedy plan"))

    def load_plan(self, plan: rem.Plan) -> Op[Any]:
        """Show a stored plan to finish it: steps already answered are marked and skipped."""
        async def work() -> tuple[rem.Plan, dict[str, str]]:
            (_, per_school), done = await asyncio.gather(load_accounts(self.ctx),
                                                         rem.done_steps(self.ctx, plan.id))
            self.done_keys = done
            await rem.assess_guard(self.ctx, plan, per_school)
            return plan, account_names(per_school)

        return self._load(work, self.tr("Loading the unfinished remedy"))

    def _load(self, work: Any, label: str) -> Op[Any]:
        self.summary.setText(label + "…")
        op = Op(self.host, work, label=label)
        op.success(self._show_plan).failure(self._failed).run_in_background()
        return op

    def _show_plan(self, loaded: tuple[rem.Plan, dict[str, str]]) -> None:
        plan, names = loaded
        self.plan = plan
        self.rows = []
        for index, pair in enumerate(plan.pairs):
            keys = [rem.step_key(plan.id, pair, s) for s in pair.steps]
            started = any(k in self.done_keys for k in keys)
            status = ("advice" if pair.skip == rem.TEACHER_ADVICE else "skipped") \
                if pair.skip else ("done" if keys and all(
                k in self.done_keys for k in keys) else ("running" if started else "planned"))
            self.rows.append(PairRow(index, pair, names.get(pair.old, ""),
                                     names.get(pair.new, ""),
                                     self.school_names.get(pair.school_id, pair.ehis), status))
        self.pair_model.set_rows(self.rows)
        self.pair_table.resizeColumnsToContents()
        for column in range(self.pair_model.columnCount() - 1):
            self.pair_table.setColumnWidth(column, min(self.pair_table.columnWidth(column), 300))
        self.pool_model.set_rows(pool_rows(plan, self.school_names))
        self._fit_pool_table()
        self.bar.setRange(0, len(plan.pairs))
        self.bar.setValue(0)
        self._show_texts()
        self._update_buttons()

    def pending_removals(self) -> int:
        """Old accounts that still lose the student role if the plan runs now."""
        if self.plan is None:
            return 0
        return sum(1 for p in self.plan.pairs if not p.skip and rem.STEP_REMOVE in p.steps
                   and rem.step_key(self.plan.id, p, rem.STEP_REMOVE) not in self.done_keys)

    def _show_texts(self) -> None:
        plan = self.plan
        resuming = bool(self.done_keys)
        unfinished = any(r.status in ("planned", "running", "failed") for r in self.rows)
        self.run_button.setText(self.tr("Continue the run") if (resuming or self.ran)
                                and unfinished else self.tr("Run"))
        self.pause_button.setText(self.tr("Continue") if self.paused else self.tr("Pause"))
        self.stop_button.setText(self.tr("Stop"))
        self.pairs_group.setTitle(self.tr("Results") if self.ran or self.running else self.tr(
            "Preview (dry run): nothing has been changed on either server"))
        if plan is None:
            return
        act = [p for p in plan.pairs if not p.skip]
        assigns = sum(1 for p in act if rem.STEP_ASSIGN in p.steps)
        self.summary.setText(
            self.tr("%n approved pair(s):", "", len(plan.pairs)) + " "
            + self.tr("%n to change", "", len(act)) + " ("
            + self.tr("%n old account(s) lose the student role", "", self.pending_removals())
            + ", " + self.tr("%n new account(s) get a licence", "", assigns) + "); "
            + self.tr("%n not changed.", "", len(plan.pairs) - len(act)))
        lines = guard_lines(plan, self.school_names)
        # Once a run has started the confirmation is given and logged; the space goes to
        # the results.
        self.guard_box.setVisible(bool(lines) and not (self.ran or self.running))
        self.guard_text.setText(
            "<b>" + self.tr("Mass-change guard") + "</b> — " + self.tr(
                "this plan takes the student role from more than 10% of a school's students:")
            + "<br>" + "<br>".join("• " + line for line in lines) + "<br>" + self.tr(
                "So many usually means the review approved pairs it should not have. Check the "
                "list below; a false pair takes a real student's access away."))
        teachers = sum(1 for p in plan.pairs if p.kind == "teacher")
        self.teacher_box.setVisible(teachers > 0)
        self.teacher_text.setText(self.tr(
            "%n teacher pair(s) listed but not changed.", "", teachers) + " "
            + reason_text(rem.TEACHER_ADVICE))

    def _update_buttons(self) -> None:
        has_work = self.plan is not None and any(
            r.status in ("planned", "running", "failed") for r in self.rows)
        guard_ok = self.guard_confirmed or not (self.plan and self.plan.guard())
        self.run_button.setEnabled(has_work and guard_ok and not self.running)
        self.guard_check.setEnabled(not self.running)
        self.pause_button.setVisible(self.running)
        self.stop_button.setVisible(self.running)
        self.bar.setVisible(self.running or self.ran)
        self.report_button.setEnabled(self.ran and not self.running)

    def _guard_toggled(self, checked: bool) -> None:
        self.guard_confirmed = False
        self._update_buttons()
        if not checked or self.plan is None:
            return
        detail = (f"confirmed in the remedy window, plan {self.plan.id}: "
                  + "; ".join(self.plan.guard()))
        op = Op(self.host, lambda: self.ctx.log("remediate_guard", "confirmed", detail=detail),
                label=self.tr("Recording the confirmation"), trigger=self.guard_check)
        op.success(self._guard_logged).failure(self._failed).run_in_background()

    def _guard_logged(self, _: None) -> None:
        self.guard_confirmed = self.guard_check.isChecked()
        self._update_buttons()

    # -- the run ---------------------------------------------------------------------------
    def ask_to_run(self) -> None:
        """A person confirms, by number, anything that takes access away."""
        count = self.pending_removals()
        if count == 0:
            self.start_run()
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Confirm the remedy"), self.tr(
            "%n student(s) will lose the student role on their old Opiq account. They keep "
            "access through their eKool-linked account, which gets the licence. This cannot "
            "be undone from this program.", "", count), parent=self)
        yes = box.addButton(self.tr("Remove %n student role(s)", "", count),
                            QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.buttonClicked.connect(lambda button: self.start_run() if button is yes else None)
        self.confirm_box = box
        box.open()

    def start_run(self) -> Op[Any]:
        assert self.plan is not None
        self.error.hide()
        self.runner = rem.Runner(self.ctx, self.plan,
                                 concurrency=int(self.ctx.settings.get("concurrency") or 4),
                                 on_progress=self._progress)
        self.running = True
        for row in self.rows:
            if row.status in ("planned", "failed"):
                row.status, row.detail = "planned", ""
        self.bar.setRange(0, len(self.rows))
        self.bar.setValue(0)
        self._show_texts()
        self._update_buttons()
        runner = self.runner
        op = Op(self.host, lambda: runner.run(allow_mass_change=self.guard_confirmed),
                label=self.tr("Remedying duplicate accounts"), cancellable=False)
        op.success(self._run_done).failure(self._run_failed).run_in_background()
        return op

    def _progress(self, progress: rem.Progress, result: dict[str, Any]) -> None:
        row = next((r for r in self.rows if r.key == (result["old"], result["new"])), None)
        if row is not None and row.status != "advice":
            row.status, row.detail = result["status"], result["detail"]
            row.at = datetime.now().astimezone().isoformat(timespec="seconds")
        self.bar.setValue(self.bar.maximum() - progress.left)
        self.progress_text.setText(self.tr(
            "{done} done, {failed} failed, {skipped} not changed, {left} left · {rate:.1f} "
            "pairs/s · time left {eta}").format(
            done=progress.done, failed=progress.failed, skipped=progress.skipped,
            left=progress.left, rate=progress.rate, eta=duration(progress.seconds_left)))
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()
        self.result_arrived.emit(result)

    def _rows_changed(self) -> None:
        # The rows change in place: repaint them, keeping the reader's scroll and selection.
        model = self.pair_model
        if model.rowCount():
            model.dataChanged.emit(model.index(0, 0),
                                   model.index(model.rowCount() - 1, model.columnCount() - 1))

    def toggle_pause(self) -> None:
        if self.runner is None:
            return
        self.paused = not self.paused
        if not self.paused:
            self.runner.unpause()
        else:
            self.runner.pause()
            self.progress_text.setText(self.tr(
                "Paused: steps under way finish, no new step starts."))
        self._show_texts()

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.cancel()
            self.stop_button.setEnabled(False)
            self.pause_button.setEnabled(False)
            self.progress_text.setText(self.tr("Stopping after the steps under way…"))

    def _run_done(self, results: list[dict[str, Any]]) -> None:
        self._after_run()
        counts = {s: sum(1 for r in results if r["status"] == s)
                  for s in ("done", "skipped", "failed")}
        stopped = sum(1 for r in results if r["detail"].startswith("cancelled before"))
        text = self.tr("Finished: %n pair(s) done,", "", counts["done"]) + " " + self.tr(
            "{skipped} not changed, {failed} failed.").format(**counts)
        if stopped:
            text = self.tr("Stopped: %n pair(s) not finished. Continue the run to finish "
                           "them; the program also offers it at the next start.", "", stopped)
        self.progress_text.setText(text)
        self.run_ended.emit(results)
        op = Op(self.host, self._pools_now, label=self.tr("Reading the licence pools"))
        op.success(self._show_pools_now).failure(self._failed).run_in_background()

    def _run_failed(self, exc: BaseException) -> bool:
        self._after_run()
        self.run_ended.emit([])
        return self._failed(exc)

    def _after_run(self) -> None:
        self.running, self.paused, self.ran = False, False, True
        self.stop_button.setEnabled(True)
        self.pause_button.setEnabled(True)
        self._refresh_timer.stop()
        self.pair_model.set_rows(self.rows)
        self._show_texts()
        self._update_buttons()

    async def _pools_now(self) -> dict[str, dict[str, int]]:
        assert self.plan is not None
        return await rem.pools_by_school(self.ctx, self.plan)

    def _show_pools_now(self, now: dict[str, dict[str, int]]) -> None:
        assert self.plan is not None
        self.pool_model.set_rows(pool_rows(self.plan, self.school_names, now))
        self.pools_group.setTitle(self.tr("Licences per school: before, and now after the run"))

    def _failed(self, exc: BaseException) -> bool:
        self.error.setText(describe(exc))
        self.error.show()
        return False  # the window's banner says it as well

    # -- the report ------------------------------------------------------------------------
    def report_text(self) -> str:
        return csv_document(*report_table(self.rows))

    def choose_report_file(self) -> None:
        name = f"opiq-admin-remedy-{datetime.now():%Y-%m-%d-%H%M}.csv"
        self.report_dialog = choose_save_file(self, self.tr("Save the remedy report"), name,
                                              self.tr("CSV files (*.csv)"), self.save_report)

    def save_report(self, path: Path) -> Op[None]:
        plan_id = self.plan.id if self.plan else ""
        op = save_text(self.host, self.ctx, path, self.report_text(), action="remediate_report",
                       detail=self.tr("plan {plan}, %n pair(s)", "", len(self.rows)).format(
                           plan=plan_id),
                       label=self.tr("Saving the remedy report"), trigger=self.report_button)
        op.failure(self._failed).run_in_background()
        return op

    # -- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            # Closing would leave the run with no one to pause or stop it.
            self.error.setText(self.tr("A run is in progress: pause or stop it first."))
            self.error.show()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if not self.running:
            super().reject()


def open_remediation(parent: QWidget, ctx: AppContext, host: OperationHost,
                     pairs: list[dict[str, Any]]) -> RemediationDialog:
    """Open the remedy window for the approved `pairs` ({old, new, kind, score, reasons})."""
    dialog = RemediationDialog(ctx, host, parent)
    dialog.show()
    dialog.make_plan(pairs)
    return dialog
