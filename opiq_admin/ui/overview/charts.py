"""The Overview's picture per school: accounts linked to eKool, not linked, in duplicate
pairs still to remedy, and pairs remedied — what an administrator shows the head of school.

QtCharts stays inside the window's code; the services know nothing of it.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from opiq_admin.services.duplicates.review import SchoolCounts
from opiq_admin.ui.common.theme import Themed, is_dark, palette
from opiq_admin.ui.common.widgets import Retranslating

SERIES = ("linked", "unlinked", "in_pairs", "remedied")
COLOURS = {"linked": "#0078d4", "unlinked": "#8a8886", "in_pairs": "#d83b01",
           "remedied": "#107c10"}


class SchoolChart(Themed, Retranslating, QChartView):
    """A grouped bar chart: one group of four bars per school."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: list[SchoolCounts] = []
        self.chart_ = QChart()
        self.chart_.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.chart_.setBackgroundRoundness(4)
        self.setChart(self.chart_)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(160)
        self.series = QBarSeries()
        self.sets: dict[str, QBarSet] = {}
        for key in SERIES:
            bar_set = QBarSet("")
            self.sets[key] = bar_set
            self.series.append(bar_set)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart_.addSeries(self.series)
        self.axis_x = QBarCategoryAxis()
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%d")
        self.chart_.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.axis_x)
        self.series.attachAxis(self.axis_y)
        self.restyle()
        self.retranslate()

    def restyle(self) -> None:
        """The chart in the window's light or dark, its numbers in the palette's text."""
        self.chart_.setTheme(QChart.ChartTheme.ChartThemeDark if is_dark()
                             else QChart.ChartTheme.ChartThemeLight)
        text = palette().color(QPalette.ColorRole.WindowText)
        for key, bar_set in self.sets.items():
            bar_set.setColor(QColor(COLOURS[key]))
            bar_set.setBorderColor(QColor(COLOURS[key]))
            bar_set.setLabelColor(text)

    def retranslate(self) -> None:
        labels = {"linked": self.tr("Linked to eKool"), "unlinked": self.tr("Not linked"),
                  "in_pairs": self.tr("In duplicate pairs"), "remedied": self.tr("Remedied")}
        for key, bar_set in self.sets.items():
            bar_set.setLabel(labels[key])
        self.chart_.setTitle(self.tr("Accounts per school"))
        for widget in (self, self.viewport()):
            widget.setAccessibleName(self.tr("Accounts per school"))
            widget.setAccessibleDescription(self.tr(
                "Bars per school: accounts linked to eKool, not linked, in duplicate pairs, "
                "remedied; the table above holds the same schools"))

    def show_counts(self, counts: list[SchoolCounts]) -> None:
        self.counts = list(counts)
        for key, bar_set in self.sets.items():
            bar_set.remove(0, bar_set.count())
            bar_set.append([float(getattr(c, key)) for c in self.counts])
        self.axis_x.clear()
        self.axis_x.append([c.school for c in self.counts])
        top = max((max(c.linked, c.unlinked, c.in_pairs, c.remedied) for c in self.counts),
                  default=0)
        self.axis_y.setRange(0, max(10, int(top * 1.15) + 1))
        self.axis_y.applyNiceNumbers()

    def categories(self) -> list[str]:
        return list(self.axis_x.categories())
