"""QA charts (质检图表), shared: the quality window and the lead console show it. Mean score
and the item-failure Pareto (bars with the cumulative share). Painted with QPainter (no
QtCharts needed). ``QACharts(load=lambda month: port.report(month), runner=...)``;
``show_month("2024-03")`` loads off the UI thread; ``set_report(report)`` draws at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.i18n import error_text, fill
from seat_app.qt.workers import Runner


class BarChart(QWidget):
    """Horizontal-label vertical bars, an optional cumulative line (0..1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.title = ""
        self.bars: list[tuple[str, float]] = []
        self.line: list[float] = []
        self.maximum = 100.0

    def set_data(self, title: str, bars: Sequence[tuple[str, float]],
                 line: Sequence[float] = (), maximum: float | None = None) -> None:
        self.title = title
        self.bars = list(bars)
        self.line = list(line)
        self.maximum = maximum or max([v for _, v in self.bars] + [1.0])
        self.update()

    def paintEvent(self, _event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        p.drawText(QRectF(0, 0, w, 20), Qt.AlignmentFlag.AlignCenter, self.title)
        if not self.bars:
            p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, self.tr("暂无数据"))
            return
        left, top, bottom = 36.0, 26.0, 40.0
        plot_h = h - top - bottom
        n = len(self.bars)
        step = (w - left - 8) / n
        p.setPen(QPen(QColor("#888")))
        p.drawLine(QPointF(left, top + plot_h), QPointF(w - 4, top + plot_h))
        p.drawText(QRectF(0, top - 6, left - 4, 14), Qt.AlignmentFlag.AlignRight,
                   f"{self.maximum:g}")
        points = []
        for i, (label, value) in enumerate(self.bars):
            x = left + i * step + step * 0.15
            bh = plot_h * (value / self.maximum if self.maximum else 0)
            p.fillRect(QRectF(x, top + plot_h - bh, step * 0.7, bh), QColor("#3b7dd8"))
            p.setPen(QPen(QColor("#222")))
            p.drawText(QRectF(x - step * 0.15, top + plot_h - bh - 14, step, 14),
                       Qt.AlignmentFlag.AlignCenter, f"{value:g}")
            p.drawText(QRectF(left + i * step, top + plot_h + 2, step, bottom - 4),
                       Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, label)
            if i < len(self.line):
                points.append(QPointF(x + step * 0.35, top + plot_h * (1 - self.line[i])))
        if points:
            p.setPen(QPen(QColor("#d8533b"), 2))
            for a, b in pairwise(points):
                p.drawLine(a, b)


class QACharts(QWidget):
    """Score per agent / team / month and the item Pareto of one month."""

    def __init__(self, load: Callable[[str], Mapping[str, Any]], runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaCharts")
        self.load = load
        self.runner = runner  # required: the window passes its thread; tests an InlineRunner
        self.report: Mapping[str, Any] = {}
        self.month = QLineEdit()
        self.month.setObjectName("qaChartsMonth")
        self.month.setPlaceholderText("YYYY-MM")
        self.month.returnPressed.connect(lambda: self.show_month(self.month.text().strip()))
        self.group = QComboBox()
        self.group.addItem(self.tr("按话务员"), "by_agent")
        self.group.addItem(self.tr("按班组"), "by_team")
        self.group.addItem(self.tr("按月份"), "by_month")
        self.group.currentIndexChanged.connect(lambda _i: self._draw())
        self.scores = BarChart()
        self.scores.setObjectName("qaScoreChart")
        self.pareto = BarChart()
        self.pareto.setObjectName("qaParetoChart")
        self.summary = QLabel("")
        self.summary.setObjectName("qaChartsSummary")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("月份")))
        top.addWidget(self.month)
        top.addWidget(self.group)
        top.addWidget(self.summary, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.scores, 1)
        lay.addWidget(self.pareto, 1)

    def show_month(self, month: str) -> None:
        self.month.setText(month)
        self.runner.submit(lambda: self.load(month), self._loaded)

    def _loaded(self, report: Any, error: BaseException | None) -> None:
        if error is not None:
            self.summary.setText(error_text(error))
            return
        self.set_report(report)

    def set_report(self, report: Mapping[str, Any]) -> None:
        self.report = report
        d = report.get("disputes", {})
        self.summary.setText(fill(self.tr("质检 %1 件 · 平均分 %2 · 申诉 %3 件"),
                                  report.get("evaluations", 0),
                                  report.get("mean_score") or "—", d.get("total", 0)))
        self._draw()

    def _draw(self) -> None:
        key = self.group.currentData()
        rows = self.report.get(key, []) if self.report else []
        self.scores.set_data(self.tr("平均分"), [(str(r["key"]), r["mean_score"]) for r in rows],
                             maximum=100.0)
        par = self.report.get("pareto", [])[:10] if self.report else []
        self.pareto.set_data(self.tr("失分项帕累托（次数，折线为累计占比）"),
                             [(r["title"], r["failures"]) for r in par],
                             [r["cumulative"] for r in par])
