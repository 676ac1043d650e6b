"""Duplicate accounts: today's pairs to review, and tomorrow's duplicates to prevent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from opiq_admin.ui.common.async_ops import OperationHost
from opiq_admin.ui.common.page import Page
from opiq_admin.ui.common.widgets import font_tall_tabs
from opiq_admin.ui.duplicates.prevention_panel import PreventionPanel
from opiq_admin.ui.duplicates.review_panel import ReviewPanel

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


class DuplicatesPage(Page):
    page_id = "duplicates"

    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(ctx, host, parent)
        self.tabs = QTabWidget(self)
        font_tall_tabs(self.tabs)
        self.review = ReviewPanel(ctx, host, self.tabs)
        self.prevention = PreventionPanel(ctx, host, self.tabs)
        self.tabs.addTab(self.review, "")
        self.tabs.addTab(self.prevention, "")
        self.tabs.currentChanged.connect(self._tab_chosen)
        self.layout_.addWidget(self.tabs, 1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Duplicate accounts")

    def loading_label(self) -> str:
        return self.tr("Looking for duplicate accounts")

    def retranslate(self) -> None:
        super().retranslate()
        self.tabs.setTabText(0, self.tr("Pairs to review"))
        self.tabs.setTabText(1, self.tr("Prevention report"))
        self.tabs.setAccessibleName(self.tr("Duplicate accounts"))

    def _tab_chosen(self, index: int) -> None:
        if (index == 1 and not self.prevention.loaded and self.ctx.opiq.signed_in
                and self.ctx.ekool.signed_in):
            self.prevention.load()

    async def fetch(self) -> None:
        # A full scan of every managed school: read when first shown, then on Refresh or
        # after the sign-ins change, never on a mere switch of pages.
        if not self.ctx.opiq.signed_in:
            self.review.show_review([])
            return
        await self.review.reload()
        if self.prevention.loaded:
            await self.prevention.reload()
