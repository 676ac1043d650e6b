"""What every page shares: the context, the operation host, a title, and when it reads.

A page reads what it shows (`reload()`) the first time it comes into view, again whenever
it is shown after the sign-ins changed, and on Refresh (F5) or a button of its own. Pages
whose reading is cheap (`refresh_when_shown`) read afresh every time they are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.widgets import Retranslating

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


class Page(Retranslating, QWidget):
    """A page asks a service and shows the answer; `reload()` is that asking."""

    page_id = ""
    # Read afresh every time the page is shown (cheap pages only); the others read when first
    # shown and then only when asked or after the sign-ins change.
    refresh_when_shown = False
    # Read afresh when shown only if the program changed anything since the last read; every
    # change is in the activity log, so one cheap query tells (for costly pages that sum up
    # what other pages change).
    refresh_when_changed = False

    def __init__(self, ctx: AppContext, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
        # Nothing read yet, or read under sign-ins that have changed since.
        self.stale = True
        self.seen_activity = 0
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 12)
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.layout_.addWidget(self.heading)

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.heading.setText(self.title())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # A spontaneous show is the window coming back (un-minimised), not the page chosen.
        if event.spontaneous():
            return
        if self.stale or self.refresh_when_shown:
            self.refresh()
        elif self.refresh_when_changed:
            Op(self.host, self._reload_if_changed, label=self.loading_label()
               ).run_in_background()

    def sign_ins_changed(self) -> None:
        """What was read belongs to the old sign-ins: read again now if in view, else when
        next shown."""
        self.stale = True
        if self.isVisible():
            self.refresh()

    async def reload(self) -> None:
        """Read what the page shows; a failed read is tried again when next shown."""
        self.stale = False
        try:
            if self.refresh_when_changed:
                self.seen_activity = await self.ctx.store.last_activity_id()
            await self.fetch()
        except BaseException:
            self.stale = True
            raise

    async def _reload_if_changed(self) -> None:
        if await self.ctx.store.last_activity_id() != self.seen_activity:
            await self.reload()

    async def fetch(self) -> None:
        """Fetch and show the page's data. Pages that show nothing fetched leave this alone."""

    def loading_label(self) -> str:
        return self.title()

    def refresh(self, trigger: Any = None) -> Op[None]:
        op = Op(self.host, self.reload, label=self.loading_label(), trigger=trigger)
        op.run_in_background()
        return op


def make_table(parent: QWidget, model: Any) -> QTableView:
    """A read-only, sortable table view in the program's style."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    # Tab leaves the table for the next control; the arrow keys move within it.
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    return view
