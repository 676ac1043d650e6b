"""The wizard's last two steps: linking the administrator's own account, and the end state.

Linking is offered only when the Opiq and eKool sign-ins are one person. When they are two
people the page says so, shows no confirm button at all, and leaves only Cancel: the guide
warns in bold that two different people must never be linked.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWizard

from opiq_admin.services.integration import enable as steps
from opiq_admin.ui.common.theme import Themed, palette, set_style, surface
from opiq_admin.ui.common.theme import colour as theme_colour
from opiq_admin.ui.integration.steps import (
    FAIL_ICON,
    FAIL_RED,
    OK_ICON,
    StepPage,
    WizardState,
    icon_label,
    set_icon,
)
from opiq_admin.ui.integration.view import OK_GREEN


class LinkPage(StepPage):
    """"Kinnita liidestus" for one and the same person; only "Katkesta" for two."""

    step = "link"

    def __init__(self, wizard: WizardState) -> None:
        super().__init__(wizard)
        self.identities: steps.IdentityCheck | None = None
        self.linked = False
        self.frame = QFrame(self)
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.frame)
        self.cells: dict[tuple[int, int], QLabel] = {}
        for row in range(3):
            for col in range(3):
                cell = QLabel(self.frame)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(cell, row, col)
                self.cells[(row, col)] = cell
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.frame.hide()
        self.content.addWidget(self.frame)
        verdict = QHBoxLayout()
        self.verdict_icon = icon_label(self, None)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        verdict.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignTop)
        verdict.addWidget(self.verdict, 1)
        self.content.addLayout(verdict)
        self.confirm_button = QPushButton(self)
        self.confirm_button.setIcon(self.style().standardIcon(OK_ICON))
        self.confirm_button.clicked.connect(self.confirm)
        self.confirm_button.hide()
        self.action_row.insertWidget(0, self.confirm_button)

    def run(self) -> None:
        self.frame.hide()
        self.confirm_button.hide()
        self.verdict.clear()
        set_icon(self.verdict_icon, None)
        self.launch(lambda: steps.identity_check(self.wiz.ctx),
                    self.tr("Comparing the two sign-ins"), self.compared)

    def compared(self, identities: steps.IdentityCheck | None) -> None:
        self.identities = identities
        if identities is None:
            self.linked = True
            self.say(self.tr("Your own Opiq account is already linked to eKool."), OK_GREEN)
            self.set_done(True)
            self.wizard().next()
            return
        self.show_identities(identities)
        if identities.same_person:
            self.say(self.tr("Your own Opiq account is not linked to eKool yet. Check the data "
                             "above: if both are you, press “Confirm integration”."))
            self.confirm_button.setText(self.tr("Confirm integration"))
            self.confirm_button.show()
            return
        self.say(self.tr(
            "Press “Cancel”. The eKool sign-in in the previous step was someone else's "
            "account ({ekool}), not yours. Sign out of eKool, sign in with your own eKool "
            "account, and open this wizard again. The integration itself stays enabled.")
            .format(ekool=identities.ekool.name), FAIL_RED)
        # Only "Katkesta" is left to press: no Back into a half-done state, no Next.
        self.wizard().setButtonLayout([QWizard.WizardButton.Stretch,
                                  QWizard.WizardButton.CancelButton])
        self.wiz.refuse_link(identities)

    def show_identities(self, identities: steps.IdentityCheck) -> None:
        e = html.escape
        name, code = self.tr("Name"), self.tr("Personal ID code")
        rows = (("", "<b>Opiq</b>", "<b>eKool</b>"),
                (f"<b>{e(name)}</b>", e(identities.opiq.name), e(identities.ekool.name)),
                (f"<b>{e(code)}</b>", e(identities.opiq.masked), e(identities.ekool.masked)))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.cells[(r, c)].setText(value)
        self.frame.show()
        same = identities.same_person
        set_icon(self.verdict_icon, OK_ICON if same else FAIL_ICON)
        colour = OK_GREEN if same else FAIL_RED
        text = (self.tr("These are the same person.") if same else
                self.tr("These are two different people: they must not be linked."))
        self.verdict.setText(f"<b style='color:{theme_colour(colour)}'>{e(text)}</b>")

    def confirm(self) -> None:
        identities = self.identities
        if identities is None or not identities.same_person:
            return
        self.confirm_button.setEnabled(False)
        op = self.launch(lambda: steps.link(self.wiz.ctx, self.wiz.check, identities),
                         self.tr("Linking your account"), self.confirmed)
        op.triggers.append(self.confirm_button)

    def confirmed(self, _: None) -> None:
        self.linked = True
        self.confirm_button.hide()
        self.say(self.tr("Your Opiq account is now linked to eKool."), OK_GREEN)
        self.set_done(True)
        self.wizard().next()


class DonePage(Themed, StepPage):
    """The integrations block as Opiq shows it: the school name in green beside eKool."""

    step = "done"

    def __init__(self, wizard: WizardState) -> None:
        super().__init__(wizard)
        self.setFinalPage(True)
        self.block = QFrame(self)
        self.block.setObjectName("integrationBlock")
        row = QHBoxLayout(self.block)
        self.logo = QLabel(self.block)
        self.restyle()
        self.icon = icon_label(self.block, OK_ICON)
        self.school = QLabel(self.block)
        row.addWidget(self.logo)
        row.addSpacing(12)
        row.addWidget(self.icon)
        row.addWidget(self.school, 1)
        self.block.hide()
        self.content.addWidget(self.block)
        self.shown_name = ""

    def restyle(self) -> None:
        """The block as Opiq draws it: the window's base colour, eKool's name in its blue."""
        base = palette().color(QPalette.ColorRole.Base).name()
        border = surface("neutral")[1]
        set_style(self.block, f"#integrationBlock {{ border: 1px solid {border}; "
                              f"border-radius: 4px; background: {base}; }}")
        self.logo.setText(f"<b style='font-size:15pt; color:{theme_colour('brand')}'>eKool</b>")

    def run(self) -> None:
        self.block.hide()
        self.launch(lambda: self.wiz.ctx.opiq.client.school(self.wiz.check.school_id),
                    self.tr("Reading the school from Opiq"), self.read)

    def read(self, school: Any) -> None:
        if not school.ekool.enabled:
            self.show_failure(self.tr("Opiq does not show the integration as enabled."))
            return
        self.shown_name = school.ekool.ekool_name or school.name
        self.school.setText(f"<b style='font-size:13pt; color:{theme_colour(OK_GREEN)}'>"
                            f"{html.escape(self.shown_name)}</b>")
        self.block.show()
        done = self.tr("Done: Opiq shows {school} in green beside eKool.").format(
            school=self.shown_name)
        if self.wiz.link_page.linked:
            done += " " + self.tr("Your own account is linked to eKool.")
        later = self.tr("Teachers can now transfer journals from eKool. Ask every user who "
                        "already has an Opiq account to link it first (Settings → "
                        "Integrations → eKool → “Add integration”), so that nobody gets a "
                        "second account.")
        self.message.setText(f"<p style='color:{theme_colour(OK_GREEN)}'><b>"
                             f"{html.escape(done)}</b></p>"
                             f"<p>{html.escape(later)}</p>")
        self.set_done(True)
        self.wiz.finish_logged()

    def initializePage(self) -> None:
        self.wizard().setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        super().initializePage()
