"""The offer at start to finish a remedy run that a cancel, a crash or a power cut left
unfinished: nothing is lost, and the same plan continues where the store's log says it
stopped."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from opiq_admin.services.remediation import engine as rem
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.remediation.dialog import RemediationDialog

if TYPE_CHECKING:
    from opiq_admin.app import AppContext

translate = QCoreApplication.translate


class ResumeOffer(QMessageBox):
    """"Finish now" opens the remedy window on the stored plan; "Later" leaves it stored."""

    def __init__(self, plan: rem.Plan, more: int, ctx: AppContext, host: OperationHost,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.plan, self.ctx, self.host = plan, ctx, host
        self.dialog: RemediationDialog | None = None
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Unfinished remedy"))
        try:
            started = datetime.fromisoformat(plan.created_at).astimezone()
            when = started.strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = plan.created_at
        acting = sum(1 for p in plan.pairs if p.acts)
        text = self.tr(
            "A remedy of duplicate accounts planned on {when} (%n pair(s) to change) did not "
            "finish. Nothing is lost: finishing it continues where it stopped, and steps "
            "already done are not repeated.", "", acting).format(when=when)
        if more:
            text += " " + self.tr("%n more unfinished run(s) offered after this one.", "",
                                  more)
        self.setText(text)
        self.finish_button = self.addButton(self.tr("Finish it now"),
                                            QMessageBox.ButtonRole.AcceptRole)
        self.give_up_button = self.addButton(self.tr("Give it up"),
                                             QMessageBox.ButtonRole.DestructiveRole)
        self.give_up_button.setToolTip(self.tr(
            "Leave the rest undone: the plan is no longer offered. What was done stays done; "
            "the decision is written to the activity log."))
        self.later_button = self.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.finish_button)
        self.buttonClicked.connect(self._chosen)
        self.given_up = False

    def _chosen(self, button: Any) -> None:
        if button is self.give_up_button:
            plan = self.plan

            def done(_: None) -> None:
                self.given_up = True

            Op(self.host, lambda: rem.give_up(self.ctx, plan),
               label=self.tr("Giving the remedy up")).success(done).run_in_background()
            return
        if button is not self.finish_button:
            return
        dialog = RemediationDialog(self.ctx, self.host, self.parentWidget())
        dialog.show()
        dialog.load_plan(self.plan)
        self.dialog = dialog


def offer_resume(window: QWidget, ctx: AppContext, host: OperationHost) -> None:
    """At start: if a run was left unfinished, offer (non-modally) to finish it."""
    def show(plans: list[rem.Plan]) -> None:
        if not plans:
            return
        offer = ResumeOffer(plans[0], len(plans) - 1, ctx, host, window)
        # Not modal: the administrator may look around the window before deciding.
        offer.setWindowModality(Qt.WindowModality.NonModal)
        offer.show()

    Op(host, lambda: rem.unfinished_plans(ctx),
       label=translate("ResumeOffer", "Looking for unfinished remedies"),
       cancellable=True).success(show).run_in_background()
