"""The remedy window's widgets and their arrangement; the behaviour and every text are
`RemediationDialog`'s (remediation_dialog.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from opiq_admin.ui.common.page import make_table
from opiq_admin.ui.common.table_model import RowTableModel
from opiq_admin.ui.common.theme import RoleLabel, frame_style


class RemediationLayout(QDialog):
    """Heading, guard and teacher notes, the pair and pool tables, progress, buttons."""

    # -- building --------------------------------------------------------------------------
    def build(self, pair_model: RowTableModel[Any], pool_model: RowTableModel[Any]) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro, self.summary = QLabel(self), QLabel(self)
        for label in (self.intro, self.summary):
            label.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.summary)

        self.guard_box = QFrame(self)
        self.guard_box.setObjectName("guard")
        self.guard_box.setStyleSheet(frame_style("guard", "warning"))
        guard_layout = QVBoxLayout(self.guard_box)
        self.guard_text = QLabel(self.guard_box)
        self.guard_text.setWordWrap(True)
        self.guard_check = QCheckBox(self.guard_box)
        guard_layout.addWidget(self.guard_text)
        guard_layout.addWidget(self.guard_check)
        self.guard_box.hide()
        layout.addWidget(self.guard_box)

        self.teacher_box = QFrame(self)
        self.teacher_box.setObjectName("teachers")
        self.teacher_box.setStyleSheet(frame_style("teachers", "info"))
        self.teacher_text = QLabel(self.teacher_box)
        self.teacher_text.setWordWrap(True)
        QVBoxLayout(self.teacher_box).addWidget(self.teacher_text)
        self.teacher_box.hide()
        layout.addWidget(self.teacher_box)

        self.pairs_group = QGroupBox(self)
        pairs_layout = QVBoxLayout(self.pairs_group)
        self.pair_model = pair_model
        self.pair_table = make_table(self, self.pair_model)
        self.pair_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        pairs_layout.addWidget(self.pair_table)
        layout.addWidget(self.pairs_group, 3)

        self.pools_group = QGroupBox(self)
        pools_layout = QVBoxLayout(self.pools_group)
        self.pool_model = pool_model
        self.pool_table = make_table(self, self.pool_model)
        self.pool_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.pool_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        pools_layout.addWidget(self.pool_table)
        layout.addWidget(self.pools_group)

        progress = QHBoxLayout()
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(True)
        self.progress_text = QLabel(self)
        self.pause_button, self.stop_button = QPushButton(self), QPushButton(self)
        progress.addWidget(self.bar, 2)
        progress.addWidget(self.progress_text, 3)
        progress.addWidget(self.pause_button)
        progress.addWidget(self.stop_button)
        layout.addLayout(progress)
        self.error = RoleLabel("error", self)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        self.report_button = QPushButton(self)
        self.run_button = QPushButton(self)
        self.run_button.setDefault(True)
        self.close_button = QPushButton(self)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def _fit_pool_table(self) -> None:
        # A handful of schools: show them all rather than a scrolling sliver.
        table = self.pool_table
        rows = max(table.model().rowCount(), 1)
        table.setFixedHeight(table.horizontalHeader().height() + 4
                             + rows * table.verticalHeader().defaultSectionSize())
