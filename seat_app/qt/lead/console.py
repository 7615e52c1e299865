"""The lead's console window.

One poller (``services.reports.console.ConsolePoller``) runs on a worker every second and
hands one snapshot back; every view renders from that snapshot, none queries on its own.
Forcing a seat's state and messaging a seat go through ``services.queue.service.SeatService`` on
the same worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.queue import CHANNEL_LABELS, Channel, SeatState
from seat_app.qt.conflicts_view import ConflictTable
from seat_app.qt.forms.ui_console_controls import Ui_ConsoleControls
from seat_app.qt.i18n import error_text, fill, seat_state_name
from seat_app.qt.lead.charts import BarChart
from seat_app.qt.workers import InlineRunner, Runner
from seat_app.services.reports.console import ConsoleSnapshot, SeatRow, seconds_label

STATE_COLORS = {
    SeatState.OFFLINE: "#9e9e9e",
    SeatState.READY: "#2e7d32",
    SeatState.RINGING: "#f9a825",
    SeatState.ON_CALL: "#1565c0",
    SeatState.AFTER_CALL_WORK: "#6a1b9a",
    SeatState.BREAK: "#ef6c00",
    SeatState.TRAINING: "#00838f",
}


class SeatsModel(QAbstractTableModel):
    HEADERS = (QT_TRANSLATE_NOOP("SeatsModel", "座席"), QT_TRANSLATE_NOOP("SeatsModel", "话务员"),
               QT_TRANSLATE_NOOP("SeatsModel", "状态"), QT_TRANSLATE_NOOP("SeatsModel", "状态时长"),
               QT_TRANSLATE_NOOP("SeatsModel", "当前"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[SeatRow] = []

    def set_rows(self, rows: tuple[SeatRow, ...]) -> None:
        if len(rows) != len(self.rows) or [r.code for r in rows] != [r.code for r in self.rows]:
            self.beginResetModel()
            self.rows = list(rows)
            self.endResetModel()
            return
        self.rows = list(rows)
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 4))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.code, row.agent or "—", seat_state_name(row.state),
                    seconds_label(row.seconds_in_state), row.current)[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            return QBrush(QColor(STATE_COLORS[row.state]))
        if role == Qt.ItemDataRole.UserRole:
            return row.code
        return None


class LeadConsole(QWidget):
    """The lead's console. ``poll`` returns a ``ConsoleSnapshot``; ``seats`` is a
    ``SeatService``-like object (``change_state(code, state, by=, forced=)``,
    ``message(code, text, sender=)``); ``conflicts`` a ``services.sync.conflicts.CentralConflicts``
    (every open conflict, both values side by side, Alt+L / Alt+C resolve), or None."""

    snapshot_applied = Signal(object)
    state_force_requested = Signal(str, str)
    action_finished = Signal(str)

    def __init__(self, poll: Callable[[], ConsoleSnapshot], seats: Any, *,
                 runner: Runner | None = None, lead: str = "", poll_ms: int = 1000,
                 desk: QWidget | None = None, conflicts: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conflicts = conflicts
        self._conflicts_busy = False
        self.conflict_items: list[dict[str, Any]] = []
        self._poll = poll
        self._seats = seats
        self._runner = runner or InlineRunner()
        self._lead = lead
        self.desk = desk
        """The review desk (``review_desk.ReviewDesk``) shown as a second tab, if any."""
        self._busy = False
        self.snapshot: ConsoleSnapshot | None = None
        self.last_apply_ms = 0.0
        self._build()
        self._retranslate()
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.refresh)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.seats_model = SeatsModel(self)
        self.seats_view = QTableView()
        self.seats_view.setModel(self.seats_model)
        self.seats_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.seats_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.seats_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.seats_view.verticalHeader().setVisible(False)

        self.queue_table = QTableWidget(len(Channel), 3)
        self.queue_table.verticalHeader().setVisible(False)
        self.queue_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.figures_table = QTableWidget(0, 3)
        self.figures_table.verticalHeader().setVisible(False)
        self.figures_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.alerts = QListWidget()
        self.hourly_chart = BarChart("")
        self.mix_chart = BarChart("")

        # the seat controls (force a state, message a seat): ui/console_controls.ui
        self.controls = QWidget()
        self.ui = Ui_ConsoleControls()
        self.ui.setupUi(self.controls)
        self.state_box = self.ui.stateBox
        for st in SeatState:
            if st not in (SeatState.RINGING, SeatState.ON_CALL):
                self.state_box.addItem(seat_state_name(st), st.value)
        self.force_button = self.ui.forceButton
        self.force_button.clicked.connect(self._on_force_clicked)
        self.message_edit = self.ui.messageEdit
        self.message_button = self.ui.messageButton
        self.message_button.clicked.connect(self._on_message_clicked)
        self.message_edit.returnPressed.connect(self._on_message_clicked)
        self.status = QLabel("")

        self.selected_label = self.ui.selectedLabel

        self.conflict_table = ConflictTable(show_seat=True)
        self.conflict_table.resolve_requested.connect(self.resolve_conflict)
        self.conflict_box = QGroupBox()
        self.conflict_box.setObjectName("conflictBox")
        QVBoxLayout(self.conflict_box).addWidget(self.conflict_table)
        self.conflict_box.setVisible(self._conflicts is not None)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.seats_view, 3)
        lv.addWidget(self.controls)
        lv.addWidget(self.status)
        lv.addWidget(self.conflict_box, 1)

        right = QWidget()
        grid = QGridLayout(right)
        self.boxes: list[QGroupBox] = []
        for row, widget in enumerate((self.queue_table, self.figures_table, self.alerts)):
            box = QGroupBox()
            QVBoxLayout(box).addWidget(widget)
            grid.addWidget(box, row, 0, 1, 2)
            self.boxes.append(box)
        grid.addWidget(self.hourly_chart, 3, 0)
        grid.addWidget(self.mix_chart, 3, 1)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        if self.desk is None:
            self.tabs = None
            QVBoxLayout(self).addWidget(split)
        else:
            self.tabs = QTabWidget()
            self.tabs.setObjectName("leadTabs")
            self.tabs.addTab(split, "")
            self.tabs.addTab(self.desk, "")
            self.tabs.currentChanged.connect(self._on_tab_changed)
            QVBoxLayout(self).addWidget(self.tabs)
        self.resize(1400, 850)

    def _retranslate(self) -> None:
        """Every fixed text, again on a language switch (QEvent.LanguageChange)."""
        self.setWindowTitle(self.tr("班长监控台 — Seat 12345"))
        self.queue_table.setHorizontalHeaderLabels([self.tr("渠道"), self.tr("排队"),
                                                    self.tr("最长等待")])
        self.figures_table.setHorizontalHeaderLabels([self.tr("今日指标"), self.tr("数值"),
                                                      self.tr("目标")])
        self.hourly_chart.title = self.tr("今日每小时受理量")
        self.mix_chart.title = self.tr("座席状态分布")
        self.hourly_chart.update()
        self.mix_chart.update()
        self.ui.retranslateUi(self.controls)
        for i in range(self.state_box.count()):
            self.state_box.setItemText(i, seat_state_name(self.state_box.itemData(i)))
        for box, title in zip(self.boxes, (self.tr("排队"), self.tr("今日指标"), self.tr("告警")),
                              strict=True):
            box.setTitle(title)
        self.conflict_box.setTitle(
            self.tr("待解决的冲突（%1）").replace("%1", str(len(self.conflict_items))))
        self.conflict_table.retranslate()
        if self.tabs is not None:
            self.tabs.setTabText(0, self.tr("实时监控"))
            self.tabs.setTabText(1, self.tr("审核台"))
        self.seats_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                                self.seats_model.columnCount() - 1)
        if self.snapshot is not None:
            self.apply(self.snapshot)  # figures' names and the status line

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _on_tab_changed(self, index: int) -> None:
        """The desk loads when it is shown (its own timer keeps it fresh while visible)."""
        if self.tabs is not None and self.tabs.widget(index) is self.desk:
            self.desk.refresh()

    # -- polling ---------------------------------------------------------------------------

    def start(self) -> None:
        self.refresh()
        self.timer.start()
        if self.desk is not None:
            self.desk.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.desk is not None:
            self.desk.stop()

    def refresh(self) -> None:
        """Ask for one snapshot (skipped while the previous poll still runs)."""
        if self._busy:
            return
        self._busy = True
        self._runner.submit(self._poll, self._on_poll_finished)

    def load_conflicts(self) -> None:
        """Every open conflict on the central database (on the runner, with each poll)."""
        if self._conflicts is None or self._conflicts_busy:
            return
        self._conflicts_busy = True
        self._runner.submit(self._conflicts.open_conflicts, self._on_conflicts_loaded)

    def _on_conflicts_loaded(self, items: Any, error: BaseException | None) -> None:
        self._conflicts_busy = False
        if error is not None:
            self.conflict_table.show_message(self.tr("无法读取冲突：") + str(error))
            return
        self.conflict_items = list(items or [])
        self.conflict_table.set_items(self.conflict_items)
        self.conflict_box.setTitle(
            self.tr("待解决的冲突（%1）").replace("%1", str(len(self.conflict_items))))

    def resolve_conflict(self, conflict_id: str, choice: str) -> None:
        """Apply the chosen value centrally (new revision, pulled by every seat), audited."""
        if self._conflicts is None:
            return
        self.conflict_table.set_busy(True)
        service = self._conflicts

        def done(_result: Any, error: BaseException | None) -> None:
            self.conflict_table.set_busy(False)
            if error is None:
                self.conflict_table.show_message(self.tr("冲突已解决。"))
            else:
                self.conflict_table.show_message(
                    fill(self.tr("未能解决冲突：%1"), error_text(error, bare=True)))
            self.load_conflicts()

        self._runner.submit(lambda: service.resolve(conflict_id, choice), done)

    def _on_poll_finished(self, result: ConsoleSnapshot | None, error: BaseException | None
                          ) -> None:
        self._busy = False
        self.load_conflicts()
        if error is not None or result is None:
            self.status.setText(self.tr("无法读取中心数据库：") + str(error))
            return
        self.apply(result)

    def apply(self, snap: ConsoleSnapshot) -> None:
        t0 = time.perf_counter()
        self.snapshot = snap
        self.seats_model.set_rows(snap.seats)
        for row, q in enumerate(snap.queues):
            ch = Channel(q.channel)
            for col, value in enumerate((CHANNEL_LABELS[ch], str(q.waiting),
                                         seconds_label(q.longest_wait_s) if q.waiting else "—")):
                self._set_cell(self.queue_table, row, col, value)
        fig = snap.today
        rows = [
            (self.tr("受理量"), fig.get("accepted_total"), ""),
            (self.tr("直接办理"), fig.get("direct_total"), ""),
            (self.tr("转派"), fig.get("dispatched_total"), ""),
            (self.tr("未接来电"), fig.get("missed_calls"), ""),
        ]
        for target, actual, met in snap.targets:
            mark = "" if met is None else ("✓" if met else "✗")
            rows.append((target.label + " %", actual, f"{target.value:g} {mark}"))
        self.figures_table.setRowCount(len(rows))
        for r, (label, value, goal) in enumerate(rows):
            self._set_cell(self.figures_table, r, 0, label)
            self._set_cell(self.figures_table, r, 1, "—" if value is None else str(value))
            self._set_cell(self.figures_table, r, 2, goal)
            if goal.endswith("✗"):
                self.figures_table.item(r, 2).setForeground(QBrush(QColor("#c62828")))
        self.alerts.clear()
        for alert in snap.alerts:
            self.alerts.addItem(alert.text)
        self.hourly_chart.set_data([str(h) for h in range(24)], list(snap.hourly))
        states = list(SeatState)
        self.mix_chart.set_data([seat_state_name(s) for s in states],
                                [snap.state_mix.get(s.value, 0) for s in states],
                                [STATE_COLORS[s] for s in states])
        self.last_apply_ms = (time.perf_counter() - t0) * 1000
        self.status.setText(fill(self.tr("已刷新 %1（查询 %2 ms，显示 %3 ms）"),
                                 snap.at.astimezone().strftime("%H:%M:%S"),
                                 f"{snap.poll_ms:.0f}", f"{self.last_apply_ms:.0f}"))
        self.snapshot_applied.emit(snap)

    @staticmethod
    def _set_cell(table: QTableWidget, row: int, col: int, value: str) -> None:
        item = table.item(row, col)
        if item is None:
            table.setItem(row, col, QTableWidgetItem(value))
        elif item.text() != value:
            item.setText(value)

    # -- actions ---------------------------------------------------------------------------

    def selected_seat(self) -> str | None:
        rows = self.seats_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.seats_model.rows[rows[0].row()].code

    def select_seat(self, code: str) -> None:
        for i, row in enumerate(self.seats_model.rows):
            if row.code == code:
                self.seats_view.selectRow(i)
                return

    def _on_force_clicked(self) -> None:
        code = self.selected_seat()
        if code is None:
            self.status.setText(self.tr("请先选择座席。"))
            return
        state = self.state_box.currentData()
        self.state_force_requested.emit(code, state)

        def job():
            return self._seats.change_state(code, state, by=self._lead, forced=True)

        self._runner.submit(job, lambda _r, e: self._on_action_done(
            e, fill(self.tr("座席 %1 已切换为“%2”"), code, seat_state_name(state))))

    def _on_message_clicked(self) -> None:
        code = self.selected_seat()
        body = self.message_edit.text()
        if code is None:
            self.status.setText(self.tr("请先选择座席。"))
            return
        if not body.strip():
            self.status.setText(self.tr("消息内容不能为空。"))
            return

        def job():
            return self._seats.message(code, body, sender=self._lead)

        def done(_r, e):
            if e is None:
                self.message_edit.clear()  # kept on error: nothing typed is lost
            self._on_action_done(e, fill(self.tr("已发送给座席 %1"), code))

        self._runner.submit(job, done)

    def _on_action_done(self, error: BaseException | None, ok_text: str) -> None:
        text_ = ok_text if error is None else error_text(error)
        self.status.setText(text_)
        self.action_finished.emit(text_)
        if error is None:
            self.refresh()


def open_console(engine, *, lead: str = "", runner: Runner | None = None,
                 poll_ms: int = 1000, language: str = "zh",
                 desk_refresh_ms: int = 15000, role: str = "lead") -> LeadConsole:
    """A console on the central database ``engine`` (polling on ``runner``), with the
    review desk (审核台) as its second tab on the same runner."""
    from seat_app.qt.lead.review_desk import ReviewDesk
    from seat_app.services.dispatch.service import DispatchService
    from seat_app.services.queue.service import SeatService
    from seat_app.services.reports.console import ConsolePoller
    from seat_app.services.sync.conflicts import CentralConflicts

    poller = ConsolePoller(engine)
    runner = runner or InlineRunner()
    desk = ReviewDesk(DispatchService(engine), actor=lead, runner=runner, language=language,
                      refresh_ms=desk_refresh_ms)
    return LeadConsole(poller.poll, SeatService(engine), runner=runner, lead=lead,
                       poll_ms=poll_ms, desk=desk,
                       conflicts=CentralConflicts(engine, actor=lead, role=role))
