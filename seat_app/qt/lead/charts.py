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

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap, QStaticText
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

    def __init__(self, title: str, parent: QWidget | None = None, color: str = "#2f6fb0") -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.values: list[float] = []
        self.colors: list[str] | None = None
        self.compare: list[float] | None = None
        self._color = QColor(color)
        self.setMinimumSize(220, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        colors: Sequence[str] | None = None,
        compare: Sequence[float] | None = None,
    ) -> None:
        compare_list = list(compare) if compare else None
        if (
            list(labels) == self.labels
            and list(values) == self.values
            and compare_list == self.compare
        ):
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
                p.drawLine(
                    int(x + slot * 0.1),
                    int(top + area_h - ch),
                    int(x + slot * 0.9),
                    int(top + area_h - ch),
                )
            p.setPen(QPen(self.palette().text().color()))
            if n <= 12 or i % 3 == 0:
                p.drawText(
                    QRectF(x, h - bottom, slot * (1 if n <= 12 else 3), bottom),
                    Qt.AlignmentFlag.AlignLeft,
                    self.labels[i],
                )
            if n <= 12 and v:
                p.drawText(
                    QRectF(x, top + area_h - bh - 14, slot, 14),
                    Qt.AlignmentFlag.AlignHCenter,
                    f"{v:g}",
                )
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
    """The wallboard: one tile per seat. Click (or arrows + Enter) selects a seat.

    Painting is kept cheap for a one-second poll of 200 seats: the grid (tile rectangles,
    font) is computed once per tile count and size; a tile's face (colour, code, agent,
    state, the over-limit frame) is drawn once into a pixmap and kept while the seat stays
    in its state; a poll then paints a tile as that pixmap and one prepared text (the time
    in state). ``set_tiles`` asks Qt to repaint only the tiles that changed."""

    seat_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[Tile] = []
        self.selected: str | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)
        self.setObjectName("seatWall")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paintEvent fills it all
        self._grid_key: tuple[int, int, int] | None = None
        self._grid: tuple[int, int, float, float] = (1, 0, 0.0, 0.0)
        self._rects: list[tuple[QRectF, QPoint, QRect, float, float]] = []
        self._font = QFont(self.font())
        self._metrics = QFontMetricsF(self._font)
        self._texts: dict[tuple[str, int], QStaticText] = {}
        self._faces: dict[tuple[str, str, str, str, bool], QPixmap] = {}
        self._times: dict[tuple[str, str], tuple[float, QStaticText | None]] = {}

    def sizeHint(self) -> QSize:
        return QSize(800, 560)

    def set_tiles(self, tiles: Sequence[Tile]) -> None:
        tiles = list(tiles)
        old = self.tiles
        if tiles == old:
            return
        self.tiles = tiles
        if len(tiles) != len(old) or any(a.code != b.code for a, b in zip(tiles, old, strict=True)):
            self.update()  # other seats or another order: the whole wall
            return
        rects = self._layout()
        for i, (new, was) in enumerate(zip(tiles, old, strict=True)):
            if new != was:
                self.update(rects[i][2])  # Qt merges these into one paint of those tiles

    def layout_grid(self) -> tuple[int, int, float, float]:
        self._layout()
        return self._grid

    def _layout(self) -> list[tuple[QRectF, QPoint, QRect, float, float]]:
        """Per tile: its rectangle, where its face goes, the rectangle to repaint, and
        where its time text starts (x, y before the state's width). Computed once per
        tile count and size, not per paint."""
        key = (len(self.tiles), self.width(), self.height())
        if key == self._grid_key:
            return self._rects
        self._grid_key = key
        self._grid = cols, _rows, tw, th = tile_grid(*key)
        px = max(7, min(15, int(th / 3.6), int(tw / 7.6)))
        self._font = QFont(self.font())
        self._font.setPixelSize(px)
        self._metrics = QFontMetricsF(self._font)
        self._texts.clear()
        self._faces.clear()
        self._times.clear()
        gap, line = 3, th / 3
        pad = 1 + (line - self._metrics.height()) / 2
        self._rects = []
        for index in range(key[0]):
            r, c = divmod(index, cols)
            rect = QRectF(gap + c * (tw + gap), gap + r * (th + gap), tw, th)
            self._rects.append(
                (
                    rect,
                    QPoint(round(rect.x()), round(rect.y())),
                    rect.toAlignedRect().adjusted(-2, -2, 2, 2),
                    rect.x() + 3,
                    rect.y() + pad + 2 * line,
                )
            )
        return self._rects

    def tile_rect(self, index: int) -> QRectF:
        return QRectF(self._layout()[index][0])

    def index_of(self, code: str | None) -> int:
        for i, t in enumerate(self.tiles):
            if t.code == code:
                return i
        return -1

    def select(self, code: str | None, *, emit: bool = False) -> None:
        if code != self.selected:
            rects = self._layout()
            for old in (self.index_of(self.selected), self.index_of(code)):
                if old >= 0:
                    self.update(rects[old][2])
            self.selected = code
        if emit and code is not None:
            self.seat_clicked.emit(code)

    def mousePressEvent(self, event) -> None:
        pos = event.position()
        for i, (rect, *_rest) in enumerate(self._layout()):
            if rect.contains(pos):
                self.setFocus()
                self.select(self.tiles[i].code, emit=True)
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if not self.tiles:
            super().keyPressEvent(event)
            return
        cols = self.layout_grid()[0]
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -cols,
            Qt.Key.Key_Down: cols,
        }
        key = event.key()
        if key in moves:
            i = self.index_of(self.selected)
            i = 0 if i < 0 else max(0, min(len(self.tiles) - 1, i + moves[key]))
            self.select(self.tiles[i].code, emit=True)
            return
        super().keyPressEvent(event)

    def _text(self, text: str, width: float) -> QStaticText:
        """``text`` laid out once (elided to ``width``) and kept."""
        key = (text, int(width))
        found = self._texts.get(key)
        if found is None:
            if len(self._texts) > 6000:  # a day of distinct times; start again
                self._texts.clear()
                self._times.clear()
            shown = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width))
            found = QStaticText(shown)
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(font=self._font)
            self._texts[key] = found
        return found

    @staticmethod
    def _ink(color: str) -> QColor:
        return QColor("#212121") if color in ("#f9a825",) else QColor("#ffffff")

    def _face(self, t: Tile) -> QPixmap:
        """The tile without its time, drawn into a pixmap (kept while the seat keeps its
        agent and state)."""
        _cols, _rows, width, height = self._grid
        ratio = self.devicePixelRatioF()
        face = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
        face.setDevicePixelRatio(ratio)
        face.fill(QColor(t.color))  # opaque: a plain copy when painted
        p = QPainter(face)
        p.setFont(self._font)
        p.setPen(self._ink(t.color))
        line = height / 3
        x, y, w = 3.0, 1 + (line - self._metrics.height()) / 2, width - 6
        p.drawStaticText(QPointF(x, y), self._text(t.code + (" ⚠" if t.over_limit else ""), w))
        p.drawStaticText(QPointF(x, y + line), self._text(t.agent, w))
        p.drawStaticText(QPointF(x, y + 2 * line), self._text(t.state_text + " ", w))
        if t.over_limit:
            p.setPen(QPen(QColor("#d50000"), 3))
            p.drawRect(QRectF(0, 0, width, height).adjusted(1.5, 1.5, -1.5, -1.5))
        p.end()
        if len(self._faces) > 2000:
            self._faces.clear()
        self._faces[(t.code, t.agent, t.state_text, t.color, t.over_limit)] = face
        return face

    def _time(self, state_text: str, time_text: str) -> tuple[float, QStaticText | None]:
        """Where the time goes after the state (its x offset) and the time, prepared."""
        width = self._grid[2] - 6
        state_w = self._text(state_text + " ", width).size().width()
        rest = width - state_w
        found = (state_w, self._text(time_text, rest) if rest > 4 else None)
        self._times[(state_text, time_text)] = found
        return found

    def paintEvent(self, event) -> None:
        keep_none_alive()
        p = QPainter(self)
        p.fillRect(event.rect(), self.palette().window())
        if not self.tiles:
            p.end()
            return
        rects = self._layout()
        p.setFont(self._font)
        dirty = event.rect()
        everything = dirty.contains(self.rect())
        faces, times = self._faces, self._times
        ink = None
        selected = -1
        for i, t in enumerate(self.tiles):
            _rect, at, box, tx, ty = rects[i]
            if not everything and not dirty.intersects(box):
                continue  # only the tiles Qt asked for
            face = faces.get((t.code, t.agent, t.state_text, t.color, t.over_limit))
            p.drawPixmap(at, face if face is not None else self._face(t))
            if t.time_text:
                dx, text = times.get((t.state_text, t.time_text)) or self._time(
                    t.state_text, t.time_text
                )
                if text is not None:
                    if t.color != ink:
                        ink = t.color
                        p.setPen(self._ink(ink))
                    p.drawStaticText(QPointF(tx + dx, ty), text)
            if t.code == self.selected:
                selected = i
        if selected >= 0:
            p.setPen(QPen(QColor("#000000"), 3, Qt.PenStyle.SolidLine))
            p.drawRect(rects[selected][0].adjusted(-1, -1, 1, 1))
        p.end()
