"""Drawn with QPainter (QtCharts is not part of PySide6-Essentials): bar charts and the
wallboard of seat tiles.

``SeatWall`` paints every tile in one widget (200 tiles are one paint, not 200 widgets),
sizes the tiles so that all of them fit the space it has (200 seats at 1920x1080 and at
1366x768 without a scroll bar), and selects a seat by click or by the arrow keys.
"""

from __future__ import annotations

import ctypes
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

_NONE_FLOOR = 1 << 24


def keep_none_alive() -> None:
    """Work around a PySide6 6.12 bug on Python 3.11: every call of a C++ method returning
    void (QPainter.setPen, fillRect, QLabel.setText, QWidget.update ...) drops one reference
    to ``None`` that it never took, so a window that paints and updates a lot takes None's
    reference count to zero and the interpreter aborts ("Fatal Python error: none_dealloc",
    seen after ~30 s of the 200-seat wallboard). Keeping the count far above zero is
    harmless (None is never freed anyway; Python 3.12 makes it immortal). Called before
    each paint and each console update; O(1)."""
    if sys.version_info < (3, 12) and sys.getrefcount(None) < _NONE_FLOOR:
        ctypes.c_ssize_t.from_address(id(None)).value += _NONE_FLOOR


class BarChart(QWidget):
    """Labelled bars; ``set_data(labels, values, colors, compare)`` repaints. ``compare``
    (same length as values) is drawn as a thin outline per bar (e.g. last week)."""

    def __init__(self, title: str, parent: QWidget | None = None,
                 color: str = "#2f6fb0") -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.values: list[float] = []
        self.colors: list[str] | None = None
        self.compare: list[float] | None = None
        self._color = QColor(color)
        self.setMinimumSize(220, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: Sequence[str], values: Sequence[float],
                 colors: Sequence[str] | None = None,
                 compare: Sequence[float] | None = None) -> None:
        compare_list = list(compare) if compare else None
        if list(labels) == self.labels and list(values) == self.values \
                and compare_list == self.compare:
            return
        self.labels = list(labels)
        self.values = list(values)
        self.colors = list(colors) if colors else None
        self.compare = compare_list
        self.update()

    def paintEvent(self, _event) -> None:
        keep_none_alive()
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
        peak = max([*self.values, *(self.compare or [])]) or 1
        small = p.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.75))
        p.setFont(small)
        for i, v in enumerate(self.values):
            bh = area_h * v / peak
            x = left + i * slot
            color = QColor(self.colors[i]) if self.colors else self._color
            p.fillRect(QRectF(x + slot * 0.15, top + area_h - bh, slot * 0.7, bh), color)
            if self.compare is not None and i < len(self.compare):
                ch = area_h * self.compare[i] / peak
                p.setPen(QPen(QColor("#9e9e9e"), 1, Qt.PenStyle.DashLine))
                p.drawLine(int(x + slot * 0.1), int(top + area_h - ch),
                           int(x + slot * 0.9), int(top + area_h - ch))
            p.setPen(QPen(self.palette().text().color()))
            if n <= 12 or i % 3 == 0:
                p.drawText(QRectF(x, h - bottom, slot * (1 if n <= 12 else 3), bottom),
                           Qt.AlignmentFlag.AlignLeft, self.labels[i])
            if n <= 12 and v:
                p.drawText(QRectF(x, top + area_h - bh - 14, slot, 14),
                           Qt.AlignmentFlag.AlignHCenter, f"{v:g}")
        p.end()


@dataclass(frozen=True, slots=True)
class Tile:
    """One seat on the wallboard (texts already translated)."""

    code: str
    agent: str
    state_text: str
    time_text: str
    color: str
    over_limit: bool = False
    dead: bool = False


TILE_ASPECT = 1.55
"""Width / height of a tile."""
MIN_TILE_H = 26


def tile_grid(n: int, width: int, height: int, gap: int = 3) -> tuple[int, int, float, float]:
    """(columns, rows, tile width, tile height) of the largest tiles that fit ``n`` tiles in
    ``width`` x ``height``."""
    if n <= 0 or width <= 0 or height <= 0:
        return 1, 0, 0.0, 0.0
    best = (1, n, 0.0, 0.0)
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        tw = (width - gap * (cols + 1)) / cols
        th = (height - gap * (rows + 1)) / rows
        if tw <= 0 or th <= 0:
            continue
        th = min(th, tw / TILE_ASPECT * 1.25)
        tw = min(tw, th * TILE_ASPECT * 1.6)
        if tw * th > best[2] * best[3]:
            best = (cols, rows, tw, th)
    return best


class SeatWall(QWidget):
    """The wallboard: one tile per seat. Click (or arrows + Enter) selects a seat."""

    seat_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[Tile] = []
        self.selected: str | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)
        self.setObjectName("seatWall")
        self._grid_key: tuple[int, int, int] | None = None
        self._grid: tuple[int, int, float, float] = (1, 0, 0.0, 0.0)

    def sizeHint(self) -> QSize:
        return QSize(800, 560)

    def set_tiles(self, tiles: Sequence[Tile]) -> None:
        tiles = list(tiles)
        if tiles == self.tiles:
            return
        self.tiles = tiles
        self.update()

    def layout_grid(self) -> tuple[int, int, float, float]:
        key = (len(self.tiles), self.width(), self.height())
        if key != self._grid_key:  # computed once per count and size, not per tile
            self._grid_key = key
            self._grid = tile_grid(*key)
        return self._grid

    def tile_rect(self, index: int) -> QRectF:
        cols, _rows, tw, th = self.layout_grid()
        gap = 3
        r, c = divmod(index, cols)
        return QRectF(gap + c * (tw + gap), gap + r * (th + gap), tw, th)

    def index_of(self, code: str | None) -> int:
        for i, t in enumerate(self.tiles):
            if t.code == code:
                return i
        return -1

    def select(self, code: str | None, *, emit: bool = False) -> None:
        if code != self.selected:
            self.selected = code
            self.update()
        if emit and code is not None:
            self.seat_clicked.emit(code)

    def mousePressEvent(self, event) -> None:
        pos = event.position()
        for i in range(len(self.tiles)):
            if self.tile_rect(i).contains(pos):
                self.setFocus()
                self.select(self.tiles[i].code, emit=True)
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if not self.tiles:
            super().keyPressEvent(event)
            return
        cols = self.layout_grid()[0]
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -cols,
                 Qt.Key.Key_Down: cols}
        key = event.key()
        if key in moves:
            i = self.index_of(self.selected)
            i = 0 if i < 0 else max(0, min(len(self.tiles) - 1, i + moves[key]))
            self.select(self.tiles[i].code, emit=True)
            return
        super().keyPressEvent(event)

    def paintEvent(self, _event) -> None:
        keep_none_alive()
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        if not self.tiles:
            p.end()
            return
        _cols, _rows, tw, th = self.layout_grid()
        font = QFont(self.font())
        font.setPixelSize(max(7, min(15, int(th / 3.6), int(tw / 7.6))))
        p.setFont(font)
        white, dark = QColor("#ffffff"), QColor("#212121")
        line = th / 3
        for i, t in enumerate(self.tiles):
            rect = self.tile_rect(i)
            p.fillRect(rect, QColor(t.color))
            p.setPen(dark if t.color in ("#f9a825",) else white)
            inner = rect.adjusted(3, 1, -3, -1)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            mark = " ⚠" if t.over_limit else ""
            p.drawText(QRectF(inner.x(), inner.y(), inner.width(), line), flags,
                       f"{t.code}{mark}")
            p.drawText(QRectF(inner.x(), inner.y() + line, inner.width(), line), flags,
                       t.agent)
            p.drawText(QRectF(inner.x(), inner.y() + 2 * line, inner.width(), line), flags,
                       f"{t.state_text} {t.time_text}")
            if t.over_limit:
                p.setPen(QPen(QColor("#d50000"), 3))
                p.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
            if t.code == self.selected:
                p.setPen(QPen(QColor("#000000"), 3, Qt.PenStyle.SolidLine))
                p.drawRect(rect.adjusted(-1, -1, 1, 1))
        p.end()
