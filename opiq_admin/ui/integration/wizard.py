"""The enable wizard: one school, the guide's steps in order, each one cancellable.

pre-checks → the two sides compared → enable → link the administrator's own account (only
for one and the same person) → the end state as Opiq shows it. The steps themselves are
the services' (`services.enable`), shared with the CLI; this is their window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget, QWizard

from opiq_admin.services.integration import enable as steps
from opiq_admin.services.integration.check import SchoolCheck
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.widgets import Retranslating
from opiq_admin.ui.integration.identity import DonePage, LinkPage
from opiq_admin.ui.integration.steps import ComparePage, EnablePage, PrecheckPage, StepPage

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


class EnableWizard(Retranslating, QWizard):
    """Open it with `open()`: it runs its steps on the window's asyncio loop."""

    def __init__(self, ctx: AppContext, host: OperationHost, check: SchoolCheck,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
        self.check = check
        self.current_step = "prechecks"
        self.ops: list[Op[Any]] = []
        self.finished_ok = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(640, 440)
        self.precheck_page = PrecheckPage(self)
        self.compare_page = ComparePage(self)
        self.enable_page = EnablePage(self)
        self.link_page = LinkPage(self)
        self.done_page = DonePage(self)
        self.step_pages: list[StepPage] = [self.precheck_page, self.compare_page,
                                           self.enable_page, self.link_page, self.done_page]
        for page in self.step_pages:
            self.addPage(page)
        self.rejected.connect(self._cancelled)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enable the eKool integration — {school}").format(
            school=self.check.name))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        total = len(self.step_pages)
        for number, page in enumerate(self.step_pages, start=1):
            page.setTitle(self.tr("Step {n} of {total}: {step}").format(
                n=number, total=total, step=self.step_name(page.step)))
            page.setSubTitle(self.description(page.step))

    def step_name(self, step: str) -> str:
        return {
            "prechecks": self.tr("Pre-checks"),
            "compare": self.tr("Compare the two sides"),
            "enable": self.tr("Enable"),
            "link": self.tr("Link your own account"),
            "done": self.tr("Done"),
        }.get(step, step)

    def description(self, step: str) -> str:
        return {
            "prechecks": self.tr("Opiq and eKool must both be signed in, as users of the "
                                 "same school."),
            "compare": self.tr("The school name and the EHIS code must match on both "
                               "sides."),
            "enable": self.tr("Opiq is told to take the school's journals from eKool."),
            "link": self.tr("Your Opiq account is linked to your own eKool account, never "
                            "to anyone else's."),
            "done": self.tr("The integrations block of Opiq's school settings."),
        }.get(step, "")

    def text(self, key: str) -> str:
        """Texts the step pages share, translated in this class's context."""
        return {
            "retry": self.tr("Retry"),
            "working": self.tr("Working…"),
            "failed": self.tr("Step “{step}” failed: {why}"),
            "what_to_do": self.tr("What to do: {hint}"),
            "continue": self.tr("Continue"),
            "enable": self.tr("Enable integration"),
        }[key]

    def hint(self, step: str) -> str:
        """What to do when `step` failed."""
        return {
            "prechecks": self.tr("sign in to Opiq and eKool as users of this school (menu "
                                 "Sign in), then press Retry."),
            "compare": self.tr("fix the difference as described, press “Check again” on the "
                               "Integration page, then open this wizard again."),
            "enable": self.tr("check the connection and press Retry; if Opiq keeps refusing, "
                              "copy the support report and send it to Opiq's support."),
            "link": self.tr("press Cancel, sign out of eKool and sign in with your own eKool "
                            "account, then open this wizard again."),
            "done": self.tr("press “Check again” on the Integration page; if the "
                            "integration is not shown as enabled, contact Opiq's support."),
        }.get(step, "")

    # -- activity log ---------------------------------------------------------------------
    def _log(self, result: str, detail: str = "") -> Op[None]:
        check = self.check
        op: Op[None] = Op(self.host, lambda: self.ctx.log(
            "enable_wizard", result, school=check.opiq_ehis_id, target=check.name,
            detail=detail), label=self.tr("Writing the activity log"), cancellable=False)
        op.run_in_background()
        return op

    def refuse_link(self, identities: steps.IdentityCheck) -> Op[None]:
        """Records the refusal the way the CLI does: the service logs it and refuses."""
        async def refuse() -> None:
            try:
                await steps.link(self.ctx, self.check, identities)
            except steps.StepFailed:
                return

        op: Op[None] = Op(self.host, refuse, label=self.tr("Writing the activity log"),
                          cancellable=False)
        op.run_in_background()
        return op

    def finish_logged(self) -> None:
        self.finished_ok = True
        self._log("ok", "done")

    def _cancelled(self) -> None:
        for op in self.ops:
            if op.cancellable:
                op.cancel()
        if not self.finished_ok:
            self._log("cancelled", f"at step: {self.current_step}")
