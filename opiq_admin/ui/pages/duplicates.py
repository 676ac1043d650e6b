"""Duplicate accounts: today's pairs to review, and tomorrow's duplicates to prevent."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from ..async_ops import OperationHost
from ..prevention_panel import PreventionPanel
from ..review_panel import ReviewPanel
from .base import Page


class DuplicatesPage(Page):
    page_id = "duplicates"
    refresh_when_shown = True

    def __init__(self, ctx: Any, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(ctx, host, parent)
        self.tabs = QTabWidget(self)
        self.review = ReviewPanel(ctx, host, self.tabs)
        self.prevention = PreventionPanel(ctx, host, self.tabs)
        self.tabs.addTab(self.review, "")
        self.tabs.addTab(self.prevention, "")
        self.tabs.currentChanged.connect(self._tab_chosen)
        self.layout_.addWidget(self.tabs, 1)
        self.loaded = False
        self.retranslate()

    def title(self) -> str:
        return self.tr("Duplicate accounts")

    def loading_label(self) -> str:
        return self.tr("Looking for duplicate accounts")

    def retranslate(self) -> None:
        super().retranslate()
        self.tabs.setTabText(0, self.tr("Pairs to review"))
        self.tabs.setTabText(1, self.tr("Prevention report"))

    def showEvent(self, event: QShowEvent) -> None:
        # The window refreshes only some pages when they are chosen; this one looks for
        # itself the first time it is seen.
        super().showEvent(event)
        if not self.loaded and self.ctx.opiq.signed_in:
            self.loaded = True
            self.refresh()

    def _tab_chosen(self, index: int) -> None:
        if (index == 1 and not self.prevention.loaded and self.ctx.opiq.signed_in
                and self.ctx.ekool.signed_in):
            self.prevention.load()

    async def reload(self) -> None:
        self.loaded = True
        if not self.ctx.opiq.signed_in:
            self.review.show_review([])
            return
        await self.review.reload()
        if self.prevention.loaded:
            await self.prevention.reload()
