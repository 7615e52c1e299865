"""Simple bar charts drawn with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class BarChart(QWidget):
    """Labelled bars; ``set_data(labels, values)`` repaints."""

    def __init__(self, title: str, parent: QWidget | None = None,
                 color: str = "#2f6fb0") -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.values: list[float] = []
        self.colors: list[str] | None = None
        self._color = QColor(color)
        self.setMinimumSize(260, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: Sequence[str], values: Sequence[float],
                 colors: Sequence[str] | None = None) -> None:
        if list(labels) == self.labels and list(values) == self.values:
            return
        self.labels = list(labels)
        self.values = list(values)
        self.colors = list(colors) if colors else None
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), self.palette().base())
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(0, 2, w, 18), Qt.AlignmentFlag.AlignHCenter, self.title)
        if not self.values:
            p.end()
            return
        top, bottom, left = 22.0, 18.0, 6.0
        area_h = max(10.0, h - top - bottom)
        n = len(self.values)
        slot = (w - 2 * left) / n
        peak = max(self.values) or 1
        small = p.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.75))
        p.setFont(small)
        for i, v in enumerate(self.values):
            bh = area_h * v / peak
            x = left + i * slot
            color = QColor(self.colors[i]) if self.colors else self._color
            p.fillRect(QRectF(x + slot * 0.15, top + area_h - bh, slot * 0.7, bh), color)
            p.setPen(QPen(self.palette().text().color()))
            if n <= 12 or i % 3 == 0:
                p.drawText(QRectF(x, h - bottom, slot * (1 if n <= 12 else 3), bottom),
                           Qt.AlignmentFlag.AlignLeft, self.labels[i])
            if n <= 12 and v:
                p.drawText(QRectF(x, top + area_h - bh - 14, slot, 14),
                           Qt.AlignmentFlag.AlignHCenter, f"{v:g}")
        p.end()
