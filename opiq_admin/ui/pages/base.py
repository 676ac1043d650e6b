"""What every page shares: the context, the operation host, a title, and `reload()`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ..async_ops import Op, OperationHost


class Page(QWidget):
    """A page asks a service and shows the answer; `reload()` is that asking."""

    page_id = ""
    # Read afresh whenever the page is shown or the sign-ins change (cheap pages only).
    refresh_when_shown = False

    def __init__(self, ctx: Any, host: OperationHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    async def reload(self) -> None:
        """Fetch what the page shows. Pages that show nothing fetched leave this alone."""

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
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    return view
