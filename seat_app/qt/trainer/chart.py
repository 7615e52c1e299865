"""A line chart drawn with QPainter (QtCharts is not part of PySide6-Essentials): a
trainee's mean score per session, with the pass mark as a dashed line."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressChart")
        self.labels: list[str] = []
        self.values: list[float] = []
        self.mark = 80.0
        self.title = ""
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, labels: Sequence[str], values: Sequence[float],
                 mark: float) -> None:
        self.title, self.labels, self.values, self.mark = title, list(labels), list(values), mark
        self.update()

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        p.setPen(QColor("#202124"))
        p.drawText(QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        left, top, right, bottom = 36.0, 28.0, self.width() - 12.0, self.height() - 26.0
        if right - left < 20 or bottom - top < 20:
            return
        p.setPen(QPen(QColor("#dadce0"), 1))
        for v in (0, 25, 50, 75, 100):
            y = bottom - (bottom - top) * v / 100
            p.drawLine(QPointF(left, y), QPointF(right, y))
            p.drawText(QRectF(0, y - 8, left - 4, 16), Qt.AlignmentFlag.AlignRight, str(v))
        y = bottom - (bottom - top) * self.mark / 100
        p.setPen(QPen(QColor("#d93025"), 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(left, y), QPointF(right, y))
        if not self.values:
            return
        n = len(self.values)
        step = (right - left) / max(1, n - 1) if n > 1 else 0.0
        points = [QPointF(left + step * i if n > 1 else (left + right) / 2,
                          bottom - (bottom - top) * max(0.0, min(100.0, v)) / 100)
                  for i, v in enumerate(self.values)]
        p.setPen(QPen(QColor("#1a73e8"), 2))
        for a, b in pairwise(points):
            p.drawLine(a, b)
        p.setBrush(QColor("#1a73e8"))
        for i, pt in enumerate(points):
            p.drawEllipse(pt, 3.5, 3.5)
            p.drawText(QRectF(pt.x() - 30, pt.y() - 20, 60, 16), Qt.AlignmentFlag.AlignCenter,
                       f"{self.values[i]:g}")
            p.drawText(QRectF(pt.x() - 40, bottom + 4, 80, 16), Qt.AlignmentFlag.AlignCenter,
                       self.labels[i][:8])
