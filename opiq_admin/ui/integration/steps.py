"""The pages of the enable wizard, one per step of the guide.

Each page runs its step through `Op` when it is entered, shows the outcome with an icon and
words, and lets the wizard go on only when the step succeeded. A failure names the step
and says what to do; Retry runs the step again.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from opiq_admin.services.integration import enable as steps
from opiq_admin.services.integration.check import SchoolCheck, fold
from opiq_admin.ui.common.async_ops import Op, OperationHost, describe
from opiq_admin.ui.common.theme import colour as theme_colour
from opiq_admin.ui.integration.view import FAIL_RED, OK_GREEN

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


class LinkState(Protocol):
    linked: bool

    def subTitle(self) -> str: ...

    def setSubTitle(self, text: str) -> None: ...


class WizardState(Protocol):
    """What a step page needs of the wizard beyond `QWizardPage.wizard()`: the wizard
    satisfies it, so the pages and the wizard need not import each other."""

    ctx: AppContext
    host: OperationHost
    check: SchoolCheck
    current_step: str
    ops: list[Op[Any]]

    @property
    def link_page(self) -> LinkState: ...

    def step_name(self, step: str) -> str: ...

    def text(self, key: str) -> str: ...

    def hint(self, step: str) -> str: ...

    def refuse_link(self, identities: steps.IdentityCheck) -> Op[None]: ...

    def finish_logged(self) -> None: ...

T = TypeVar("T")


def icon_label(parent: QWidget, pixmap: QStyle.StandardPixmap | None) -> QLabel:
    label = QLabel(parent)
    label.setFixedSize(20, 20)
    if pixmap is not None:
        label.setPixmap(parent.style().standardIcon(pixmap).pixmap(16, 16))
    return label


def set_icon(label: QLabel, pixmap: QStyle.StandardPixmap | None) -> None:
    label.clear()
    if pixmap is not None:
        label.setPixmap(label.style().standardIcon(pixmap).pixmap(16, 16))


OK_ICON = QStyle.StandardPixmap.SP_DialogApplyButton
FAIL_ICON = QStyle.StandardPixmap.SP_MessageBoxCritical
WARN_ICON = QStyle.StandardPixmap.SP_MessageBoxWarning
INFO_ICON = QStyle.StandardPixmap.SP_MessageBoxInformation


class StepPage(QWizardPage):
    """A step that does its work on entry and is complete only when that work succeeded."""

    step = ""

    def __init__(self, wizard: WizardState) -> None:
        super().__init__(wizard if isinstance(wizard, QWidget) else None)
        self.wiz = wizard
        self.done = False
        self.op: Op[Any] | None = None
        self.box = QVBoxLayout(self)
        self.content = QVBoxLayout()
        self.box.addLayout(self.content)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box.addWidget(self.message)
        self.retry_button = QPushButton(self)
        self.retry_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_BrowserReload))
        self.retry_button.clicked.connect(self.start)
        self.retry_button.hide()
        self.action_row = QHBoxLayout()
        self.action_row.addWidget(self.retry_button)
        self.action_row.addStretch(1)
        self.box.addLayout(self.action_row)
        self.box.addStretch(1)

    def step_name(self) -> str:
        return self.wiz.step_name(self.step)

    def isComplete(self) -> bool:
        return self.done

    def set_done(self, done: bool) -> None:
        self.done = done
        self.completeChanged.emit()

    def initializePage(self) -> None:
        self.retry_button.setText(self.wiz.text("retry"))
        self.start()

    def start(self) -> None:
        self.wiz.current_step = self.step
        self.set_done(False)
        self.retry_button.hide()
        self.message.setText("<i>" + html.escape(self.wiz.text("working")) + "</i>")
        self.run()

    def run(self) -> None:
        raise NotImplementedError

    def launch(self, work: Callable[[], Awaitable[T]], label: str,
               on_ok: Callable[[T], Any]) -> Op[T]:
        op: Op[T] = Op(self.wiz.host, work, label=label, trigger=self.retry_button)
        op.success(on_ok).failure(self.failed)
        self.op = op
        self.wiz.ops.append(op)
        op.run_in_background()
        return op

    def failed(self, exc: BaseException) -> bool:
        why = exc.message if isinstance(exc, steps.StepFailed) else describe(exc)
        self.show_failure(why)
        return True

    def show_failure(self, why: str, retry: bool = True) -> None:
        self.set_done(False)
        self.message.setText(
            f"<p style='color:{theme_colour(FAIL_RED)}'><b>"
            + html.escape(self.wiz.text("failed").format(
                step=self.step_name(), why=why)) + "</b></p><p>"
            + html.escape(self.wiz.text("what_to_do").format(
                hint=self.wiz.hint(self.step))) + "</p>")
        self.retry_button.setVisible(retry)

    def say(self, text: str, colour: str = "") -> None:
        style = f" style='color:{theme_colour(colour)}'" if colour else ""
        self.message.setText(f"<p{style}>{html.escape(text)}</p>")


class PrecheckPage(StepPage):
    """Signed in to both; the Opiq user administers the school; the eKool user is of it."""

    step = "prechecks"

    def __init__(self, wizard: WizardState) -> None:
        super().__init__(wizard)
        self.items: list[tuple[QLabel, QLabel]] = []
        grid = QGridLayout()
        for row in range(3):
            icon, text = icon_label(self, None), QLabel(self)
            text.setWordWrap(True)
            grid.addWidget(icon, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            self.items.append((icon, text))
        grid.setColumnStretch(1, 1)
        self.content.addLayout(grid)

    def initializePage(self) -> None:
        check = self.wiz.check
        texts = (self.tr("Signed in to both Opiq and eKool"),
                 self.tr("Your Opiq account is an administrator of {school}").format(
                     school=check.name),
                 self.tr("Your eKool account belongs to the same school"))
        for (_icon, label), text in zip(self.items, texts, strict=True):
            label.setText(text)
        super().initializePage()

    def mark(self, states: list[bool | None]) -> None:
        for (icon, _label), state in zip(self.items, states, strict=True):
            set_icon(icon, None if state is None else OK_ICON if state else FAIL_ICON)

    def run(self) -> None:
        self.mark([None, None, None])
        signed_in = self.wiz.ctx.opiq.signed_in and self.wiz.ctx.ekool.signed_in
        self.launch(lambda: steps.prechecks(self.wiz.ctx, self.wiz.check.opiq_ehis_id),
                    self.tr("Checking before enabling"), self.passed)
        if not signed_in:
            self.mark([False, None, None])

    def passed(self, check: Any) -> None:
        self.wiz.check = check
        self.mark([True, True, True])
        self.say(self.tr("All checks passed."), OK_GREEN)
        self.set_done(True)

    def failed(self, exc: BaseException) -> bool:
        ctx = self.wiz.ctx
        text = exc.message if isinstance(exc, steps.StepFailed) else ""
        if not (ctx.opiq.signed_in and ctx.ekool.signed_in):
            self.mark([False, None, None])
        elif "administrator" in text:
            self.mark([True, False, None])
        elif "eKool sign-in" in text:
            self.mark([True, True, False])
        else:
            self.mark([None, None, None])
        return super().failed(exc)


class ComparePage(StepPage):
    """The school name and EHIS code of both sides, next to each other."""

    step = "compare"

    def __init__(self, wizard: WizardState) -> None:
        super().__init__(wizard)
        self.setCommitPage(True)
        self.grid = QGridLayout()
        self.cells: dict[tuple[int, int], QLabel] = {}
        for row in range(3):
            for col in range(4):
                if col == 3:
                    cell = icon_label(self, None)
                else:
                    cell = QLabel(self)
                    cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.grid.addWidget(cell, row, col)
                self.cells[(row, col)] = cell
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.content.addLayout(self.grid)

    def run(self) -> None:
        check = self.wiz.check
        header = ("", "Opiq", "eKool")
        names = (self.tr("School name"), check.name, check.ekool_name or "—")
        codes = (self.tr("EHIS code"), check.opiq_ehis_id, check.ekool_ehis_code or "—")
        for row, values in enumerate((header, names, codes)):
            for col, value in enumerate(values):
                self.cells[(row, col)].setText(f"<b>{html.escape(value)}</b>"
                                               if row == 0 or col == 0 else html.escape(value))
        same_code = bool(check.ekool_ehis_code) and check.ekool_ehis_code == check.opiq_ehis_id
        same_name = fold(check.name) == fold(check.ekool_name or "")
        set_icon(self.cells[(1, 3)], OK_ICON if same_name else
                 INFO_ICON if same_code else FAIL_ICON)
        set_icon(self.cells[(2, 3)], OK_ICON if same_code else FAIL_ICON)
        self.setButtonText(QWizard.WizardButton.CommitButton,
                           self.wiz.text("continue") if check.enabled
                           else self.wiz.text("enable"))
        try:
            steps.compare(check)
        except steps.StepFailed as exc:
            self.show_failure(exc.message, retry=False)
            return
        lines = [self.tr("The school name and the EHIS code match.") if same_name else
                 self.tr("The EHIS code matches; the name is written differently in the two "
                         "systems, which does not stop the integration.")]
        if check.enabled:
            lines.append(self.tr("The integration is already enabled for this school."))
        else:
            lines.append(self.tr("Press “Enable integration” to enable it in Opiq."))
        self.say(" ".join(lines), OK_GREEN)
        self.set_done(True)


class EnablePage(StepPage):
    step = "enable"

    def run(self) -> None:
        check = self.wiz.check
        self.launch(lambda: steps.enable(self.wiz.ctx, check),
                    self.tr("Enabling the integration"), self.enabled)

    def enabled(self, _: None) -> None:
        text = self.tr("The integration is enabled for {school}.").format(
            school=self.wiz.check.name)
        self.say(text, OK_GREEN)
        self.set_done(True)
        # Step 3 passes by itself once Opiq answers: the next step says what happened in it,
        # so the count does not seem to jump from 2 to 4.
        link = self.wiz.link_page
        link.setSubTitle(self.tr("Step 3 is done: {enabled}").format(enabled=text) + " "
                         + link.subTitle())
        self.wizard().next()
