"""The lead's alerts inbox (预警): the alerts every lead sees, with kind, scope, observed vs
expected, first and last case, a 7-day sparkline, sample texts and distinct callers;
confirm / dismiss with a reason / supervise (督办) / problem-of-the-month candidate;
double-click (or Enter) opens the alert's cases. Two more tabs: the area x domain heat
table with week-on-week arrows, and one series' trend with its expected band and the
holidays shaded.

Every read and action goes through the port (``services.analysis.inbox.AlertInbox``) on
the runner, never on the window's thread. Keys: F5 refresh, Ctrl+Return confirm, Ctrl+D
dismiss, Ctrl+U supervise, Ctrl+M candidate, Enter the cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPainterPath, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.i18n import error_text, fill
from seat_app.qt.workers import Runner
from seat_app.services.analysis.inbox import AlertInbox

SPARK_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class InboxPort(Protocol):
    def items(self, since: Any = None) -> list[Any]: ...

    def cases(self, item: Any) -> list[Any]: ...

    def act(self, alert_id: str, action: str, reason: str = "") -> str: ...

    def heat(self, week_start: Any = None) -> Any: ...

    def trend(self, matter: str, area: str) -> list[Any]: ...


# -- painting -------------------------------------------------------------------------------


class SparklineDelegate(QStyledItemDelegate):
    """Paints the 7 daily counts of an alert (``SPARK_ROLE``) as small bars."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        values = index.data(SPARK_ROLE) or ()
        if not values:
            return
        r = QRectF(option.rect).adjusted(4, 4, -4, -4)
        top = max(max(values), 1)
        w = r.width() / len(values)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i, v in enumerate(values):
            h = r.height() * v / top
            painter.fillRect(QRectF(r.left() + i * w + 1, r.bottom() - h, w - 2, h),
                             QColor("#c0392b") if i == len(values) - 1 else QColor("#2f6fb0"))
        painter.restore()


class TrendChart(QWidget):
    """Daily counts (line) over the expected band (shaded), holidays shaded grey."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Any] = []
        self.setMinimumSize(360, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: Sequence[Any]) -> None:
        self.points = list(points)
        self.update()

    def paintEvent(self, _event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(36, 12, -12, -24)
        p.fillRect(self.rect(), QColor("#ffffff"))
        pts = self.points
        if not pts:
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.tr("选择一条诉求激增预警查看趋势"))
            return
        top = max([q.observed for q in pts] + [q.high for q in pts] + [1.0]) * 1.1
        n = len(pts)
        dx = r.width() / max(n - 1, 1)

        def xy(i: int, v: float) -> QPointF:
            return QPointF(r.left() + i * dx, r.bottom() - r.height() * v / top)

        for i, q in enumerate(pts):  # holidays
            if q.holiday:
                p.fillRect(QRectF(r.left() + i * dx - dx / 2, r.top(), dx, r.height()),
                           QColor(200, 200, 200, 110))
        band = QPainterPath()
        upper = [(i, q.high) for i, q in enumerate(pts) if q.expected >= 0]
        lower = [(i, q.low) for i, q in enumerate(pts) if q.expected >= 0]
        if upper:
            band.moveTo(xy(*upper[0]))
            for i, v in upper[1:]:
                band.lineTo(xy(i, v))
            for i, v in reversed(lower):
                band.lineTo(xy(i, v))
            band.closeSubpath()
            p.fillPath(band, QColor(47, 111, 176, 60))
            p.setPen(QPen(QColor("#2f6fb0"), 1, Qt.PenStyle.DashLine))
            for (i0, _), (i1, _) in pairwise(upper):
                p.drawLine(xy(i0, pts[i0].expected), xy(i1, pts[i1].expected))
        p.setPen(QPen(QColor("#c0392b"), 2))
        for i in range(n - 1):
            p.drawLine(xy(i, pts[i].observed), xy(i + 1, pts[i + 1].observed))
        p.setPen(QColor("#333333"))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        p.drawText(QRectF(0, r.top() - 6, 32, 14), Qt.AlignmentFlag.AlignRight, f"{top:.0f}")
        for i in (0, n // 2, n - 1):
            p.drawText(QRectF(r.left() + i * dx - 30, r.bottom() + 4, 60, 16),
                       Qt.AlignmentFlag.AlignCenter, f"{pts[i].day:%m-%d}")


# -- dialogs ----------------------------------------------------------------------------------


class AlertCasesDialog(QDialog):
    """The cases of one alert (the drill-down)."""

    def __init__(self, title: str, cases: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 480)
        self.table = QTableWidget(len(cases), 6, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("工单号"), self.tr("受理时间"), self.tr("区域"), self.tr("地点"), self.tr("事项"),
            self.tr("诉求内容")])
        for row, c in enumerate(cases):
            for col, v in enumerate((c.case_number, f"{c.received_at:%Y-%m-%d %H:%M}", c.area,
                                     c.address, c.matter, c.text)):
                item = QTableWidgetItem(str(v))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(buttons)


# -- the inbox ------------------------------------------------------------------------------

ACTIONS = ("confirm", "dismiss", "supervise", "candidate")


class AlertsInbox(QWidget):
    """The lead's alerts inbox with the heat table and the trend chart (see the module)."""

    acted = Signal(str, str)
    """(alert id, new status) after an action was recorded."""
    loaded = Signal(int)

    COLUMNS = 9

    def __init__(self, port: InboxPort, runner: Runner,
                 parent: QWidget | None = None, *,
                 ask_reason: Callable[[QWidget], str | None] | None = None,
                 show_cases: Callable[[QDialog], None] | None = None) -> None:
        super().__init__(parent)
        self.port = port
        self.runner = runner  # required: the shell passes its thread; tests an InlineRunner
        self._ask_reason = ask_reason or self._ask_dismissal_reason
        self._show_cases = show_cases or (lambda d: d.exec())
        self.items_: list[Any] = []
        self.last_dialog: AlertCasesDialog | None = None

        self.tabs = QTabWidget(self)
        # alerts tab
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setItemDelegateForColumn(5, SparklineDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self.open_cases())
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.status_label = QLabel(self)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        for action in ACTIONS:
            b = QPushButton(self)
            b.clicked.connect(lambda _=False, a=action: self.perform(a))
            self.buttons[action] = b
            row.addWidget(b)
        self.cases_button = QPushButton(self)
        self.cases_button.clicked.connect(self.open_cases)
        row.addWidget(self.cases_button)
        row.addStretch(1)
        row.addWidget(self.status_label)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([400, 140])
        alerts_tab = QWidget(self)
        lay = QVBoxLayout(alerts_tab)
        lay.addLayout(row)
        lay.addWidget(split)
        # heat table tab
        self.heat_table = QTableWidget(0, 0, self)
        self.heat_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat_label = QLabel(self)
        heat_tab = QWidget(self)
        hl = QVBoxLayout(heat_tab)
        hl.addWidget(self.heat_label)
        hl.addWidget(self.heat_table)
        # trend tab
        self.series_box = QComboBox(self)
        self.series_box.activated.connect(lambda _i: self._load_trend())
        self.trend = TrendChart(self)
        self.trend_label = QLabel(self)
        trend_tab = QWidget(self)
        tl = QVBoxLayout(trend_tab)
        tl.addWidget(self.series_box)
        tl.addWidget(self.trend, 1)
        tl.addWidget(self.trend_label)
        self.tabs.addTab(alerts_tab, "")
        self.tabs.addTab(heat_tab, "")
        self.tabs.addTab(trend_tab, "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        for key, fn in ((QKeySequence("F5"), self.refresh),
                        (QKeySequence("Ctrl+Return"), lambda: self.perform("confirm")),
                        (QKeySequence("Ctrl+D"), lambda: self.perform("dismiss")),
                        (QKeySequence("Ctrl+U"), lambda: self.perform("supervise")),
                        (QKeySequence("Ctrl+M"), lambda: self.perform("candidate"))):
            sc = QShortcut(key, self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(fn)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.open_cases)
        self.retranslate()

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("类型"), self.tr("范围"), self.tr("实际/预期"), self.tr("首件"), self.tr("末件"),
            self.tr("近7天"), self.tr("来电人数"), self.tr("工单数"), self.tr("状态")])
        self.refresh_button.setText(self.tr("刷新 (F5)"))
        labels = {"confirm": self.tr("确认 (Ctrl+Enter)"), "dismiss": self.tr("排除… (Ctrl+D)"),
                  "supervise": self.tr("督办 (Ctrl+U)"),
                  "candidate": self.tr("月度问题候选 (Ctrl+M)")}
        for a, b in self.buttons.items():
            b.setText(labels[a])
        self.cases_button.setText(self.tr("查看工单 (Enter)"))
        self.tabs.setTabText(0, self.tr("预警"))
        self.tabs.setTabText(1, self.tr("区域×领域热力表"))
        self.tabs.setTabText(2, self.tr("趋势"))
        if self.items_:
            self._fill(self.items_)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def status_text(self, status: str) -> str:
        return {"new": self.tr("待处理"), "confirmed": self.tr("已确认"),
                "dismissed": self.tr("已排除"), "supervised": self.tr("已督办"),
                "candidate": self.tr("月度问题候选")}.get(status, status)

    def kind_text(self, kind: str) -> str:
        return {"same_place": self.tr("同地点聚集"), "surge": self.tr("诉求激增"),
                "slow_rise": self.tr("持续上升"), "repeat_caller": self.tr("重复来电"),
                "emerging_topic": self.tr("新兴话题")}.get(kind, kind)

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.status_label.setText(self.tr("正在读取预警…"))
        self.runner.submit(self.port.items, self._loaded)
        self.runner.submit(self.port.heat, self._heat_loaded)

    def _loaded(self, items: list[Any] | None, error: BaseException | None) -> None:
        if error is not None:
            self.status_label.setText(error_text(error))
            return
        self.items_ = list(items or [])
        self._fill(self.items_)
        self.status_label.setText(fill(self.tr("共 %1 条预警"), len(self.items_)))
        self._fill_series()
        self.loaded.emit(len(self.items_))

    def _fill(self, items: Sequence[Any]) -> None:
        current = self.current_item()
        self.table.setRowCount(len(items))
        for r, it in enumerate(items):
            values = (self.kind_text(it.kind), it.scope, f"{it.observed:g} / {it.expected:.1f}",
                      f"{it.first_case_at:%m-%d %H:%M}", f"{it.last_case_at:%m-%d %H:%M}", "",
                      str(it.distinct_callers), str(len(it.case_numbers)),
                      self.status_text(it.status))
            for c, v in enumerate(values):
                cell = QTableWidgetItem(v)
                if c == 0:
                    cell.setData(ID_ROLE, it.id)
                if c == 5:
                    cell.setData(SPARK_ROLE, tuple(it.sparkline))
                    cell.setToolTip(" ".join(str(x) for x in it.sparkline))
                if it.status == "new":
                    f = cell.font()
                    f.setBold(True)
                    cell.setFont(f)
                self.table.setItem(r, c, cell)
        self.table.setColumnWidth(5, 90)
        if current is not None:
            self.select_id(current.id)
        elif items:
            self.table.selectRow(0)

    def select_id(self, alert_id: str) -> None:
        for r, it in enumerate(self.items_):
            if it.id == alert_id:
                self.table.selectRow(r)
                return

    def current_item(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.items_):
            return None
        return self.items_[rows[0].row()]

    def _selected(self) -> None:
        it = self.current_item()
        if it is None:
            self.detail.setPlainText("")
            return
        lines = [fill(self.tr("%1：%2"), self.kind_text(it.kind), it.scope),
                 fill(self.tr("实际 %1，预期 %2；来电人 %3 位；工单 %4 件"), f"{it.observed:g}",
                      f"{it.expected:.1f}", it.distinct_callers, len(it.case_numbers)),
                 fill(self.tr("首件 %1 · 末件 %2"), f"{it.first_case_at:%Y-%m-%d %H:%M}",
                      f"{it.last_case_at:%Y-%m-%d %H:%M}"),
                 self.tr("典型诉求：")]
        lines += [f"  · {t}" for t in it.sample_texts]
        self.detail.setPlainText("\n".join(lines))

    # -- actions ----------------------------------------------------------------------------------

    def _ask_dismissal_reason(self, parent: QWidget) -> str | None:
        text, ok = QInputDialog.getText(parent, self.tr("排除预警"), self.tr("排除理由（必填）："))
        return text if ok else None

    def perform(self, action: str) -> None:
        it = self.current_item()
        if it is None:
            self.status_label.setText(self.tr("请先选择一条预警"))
            return
        reason = ""
        if action == "dismiss":
            got = self._ask_reason(self)
            if got is None:
                return
            if not got.strip():
                self.status_label.setText(self.tr("排除预警请填写理由"))
                return
            reason = got

        def done(status: str | None, error: BaseException | None) -> None:
            if error is not None:
                self.status_label.setText(error_text(error))
                return
            self.items_ = [replace(x, status=status) if x.id == it.id else x
                           for x in self.items_]
            self._fill(self.items_)
            self.status_label.setText(fill(self.tr("已记录：%1"), self.status_text(str(status))))
            self.acted.emit(it.id, str(status))

        self.runner.submit(lambda: self.port.act(it.id, action, reason), done)

    def open_cases(self) -> None:
        it = self.current_item()
        if it is None:
            return

        def done(cases: list[Any] | None, error: BaseException | None) -> None:
            if error is not None:
                self.status_label.setText(error_text(error))
                return
            dialog = AlertCasesDialog(fill(self.tr("预警工单：%1"), it.scope), cases or [], self)
            self.last_dialog = dialog
            self._show_cases(dialog)

        self.runner.submit(lambda: self.port.cases(it), done)

    # -- heat table and trend ---------------------------------------------------------------------

    def _heat_loaded(self, heat: Any, error: BaseException | None) -> None:
        if error is not None or heat is None:
            self.heat_label.setText(error_text(error) if error else "")
            return
        t = self.heat_table
        t.setRowCount(len(heat.areas))
        t.setColumnCount(len(heat.domains))
        t.setHorizontalHeaderLabels(list(heat.domains))
        t.setVerticalHeaderLabels(list(heat.areas))
        top = max([max(r) for r in heat.counts if r] + [1])
        for i, _area in enumerate(heat.areas):
            for j, _dom in enumerate(heat.domains):
                n, before = heat.counts[i][j], heat.previous[i][j]
                arrow = "↑" if n > before else "↓" if n < before else "→"
                cell = QTableWidgetItem(f"{n} {arrow}")
                cell.setToolTip(fill(self.tr("本周 %1，上周 %2"), n, before))
                shade = int(255 - 150 * n / top)
                cell.setBackground(QColor(255, shade, shade))
                t.setItem(i, j, cell)
        self.heat_label.setText(fill(self.tr("%1 起一周（箭头为与上周相比）"),
                                     f"{heat.week_start:%Y-%m-%d}"))

    def _fill_series(self) -> None:
        self.series_box.clear()
        for it in self.items_:
            if it.kind in ("surge", "slow_rise") and " · " in it.scope:
                area, matter = it.scope.split(" · ", 1)
                self.series_box.addItem(f"{area} · {matter}", (matter, area))

    def _load_trend(self) -> None:
        data = self.series_box.currentData()
        if not data:
            return
        matter, area = data

        def done(points: list[Any] | None, error: BaseException | None) -> None:
            if error is not None:
                self.trend_label.setText(error_text(error))
                return
            self.trend.set_points(points or [])
            holidays = sorted({p.holiday for p in points or [] if p.holiday})
            self.trend_label.setText(self.tr("红线：每日工单；蓝带：预期范围；灰色：节假日")
                                     + (f"（{'、'.join(holidays)}）" if holidays else ""))

        self.runner.submit(lambda: self.port.trend(matter, area), done)

    def show_trend(self, matter: str, area: str) -> None:
        """Select the series (adding it when no alert names it) and load its trend."""
        i = self.series_box.findData((matter, area))
        if i < 0:
            self.series_box.addItem(f"{area} · {matter}", (matter, area))
            i = self.series_box.count() - 1
        self.series_box.setCurrentIndex(i)
        self._load_trend()


def open_alerts_inbox(engine: Any, work_no: str, runner: Runner) -> AlertsInbox:
    """The inbox on a central engine (the console adds it as a tab)."""
    return AlertsInbox(AlertInbox(engine, work_no), runner)
