"""Pages whose work arrives with later parts of the program. Each says plainly what it will
do, in the guide's own terms, so the navigation is complete from the first day."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..async_ops import OperationHost
from .base import Page


class PlannedPage(Page):
    def __init__(self, ctx: Any, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(ctx, host, parent)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setMaximumWidth(720)
        self.layout_.addWidget(self.body)
        self.layout_.addStretch(1)
        self.retranslate()

    def description(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        super().retranslate()
        self.body.setText(self.description() + "<p><i>"
                          + self.coming() + "</i></p>")

    def coming(self) -> str:
        raise NotImplementedError


class IntegrationPage(PlannedPage):
    page_id = "integration"

    def title(self) -> str:
        return self.tr("Integration")

    def coming(self) -> str:
        return self.tr("This page is being built.")

    def description(self) -> str:
        return self.tr(
            "<p>For every school you manage, this page will check the three steps of the "
            "integration:</p><ul>"
            "<li>that the integration is enabled in Opiq (<b>Enable integration</b>);</li>"
            "<li>that the school's <b>EHIS code</b> is the same in Opiq and in eKool, and "
            "what to fix where when it is not;</li>"
            "<li>which users have not linked their account yet (<b>Add integration</b>).</li>"
            "</ul>")


class JournalsPage(PlannedPage):
    page_id = "journals"

    def title(self) -> str:
        return self.tr("Journals")

    def coming(self) -> str:
        return self.tr("This page is being built.")

    def description(self) -> str:
        return self.tr(
            "<p>This page will list the journals of your schools, both those transferred "
            "from eKool and those made in Opiq, with their teachers, students and "
            "<b>course set</b>.</p><p>You will be able to refresh a journal from eKool now "
            "(<b>Update journal data</b>) instead of waiting for the nightly refresh, and to "
            "see which students would get a second account if the journal were transferred "
            "before they link their existing account.</p>")


class DuplicatesPage(PlannedPage):
    page_id = "duplicates"

    def title(self) -> str:
        return self.tr("Duplicate accounts")

    def coming(self) -> str:
        return self.tr("This page is being built.")

    def description(self) -> str:
        return self.tr(
            "<p>This page will find people who have two Opiq accounts: an old one not linked "
            "to eKool and a new one made when a journal was transferred. Accounts can never "
            "be merged.</p><p>You will review each pair; for the ones you approve the "
            "program removes the <b>student role</b> from the old account and gives its "
            "<b>licence</b> to the new one, in bulk, and never leaves a step half done.</p>")
