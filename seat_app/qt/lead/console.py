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
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
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
from seat_app.qt.lead.charts import BarChart, SeatWall, Tile, keep_none_alive
from seat_app.qt.lead.review_desk import ReviewDesk
from seat_app.qt.workers import Runner
from seat_app.services.dispatch.service import DispatchService
from seat_app.services.queue.service import SeatService
from seat_app.services.reports.console import (
    Alert,
    ConsolePoller,
    ConsoleSnapshot,
    SeatRow,
    seconds_label,
)
from seat_app.services.sync.conflicts import CentralConflicts

LIGHTS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828"}
"""The traffic light of a figure against its target."""

AMBER_MARGIN = 2.0
"""A figure missing its target by at most this many points is amber, not red."""

SORT_KEYS = ("code", "state", "time", "team")


def traffic_light(target: Any, actual: Any, met: bool | None) -> str | None:
    """green (met), amber (missed by at most ``AMBER_MARGIN`` points), red; None: no data."""
    if met is None or actual is None:
        return None
    if met:
        return "green"
    gap = abs(float(actual) - float(target.value))
    return "amber" if gap <= AMBER_MARGIN else "red"


def fit_table_height(table: QTableWidget) -> None:
    """Make ``table`` exactly as tall as its rows: no vertical scroll bar, nothing cut off."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
    table.resizeRowsToContents()
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    for r in range(table.rowCount()):
        height += table.rowHeight(r)
    table.setFixedHeight(height)


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
    HEADERS = (
        QT_TRANSLATE_NOOP("SeatsModel", "座席"),
        QT_TRANSLATE_NOOP("SeatsModel", "话务员"),
        QT_TRANSLATE_NOOP("SeatsModel", "状态"),
        QT_TRANSLATE_NOOP("SeatsModel", "状态时长"),
        QT_TRANSLATE_NOOP("SeatsModel", "当前"),
    )

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
            return (
                row.code,
                row.agent or "—",
                seat_state_name(row.state),
                seconds_label(row.seconds_in_state),
                row.current,
            )[col]
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

    def __init__(
        self,
        poll: Callable[[], ConsoleSnapshot],
        seats: Any,
        *,
        runner: Runner,
        lead: str = "",
        poll_ms: int = 1000,
        desk: QWidget | None = None,
        conflicts: Any = None,
        background: Callable[[], object] | None = None,
        background_ms: int = 5000,
        background_runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._background = background
        """The poller's slower job (``ConsolePoller.background_job``: the heartbeat sweep
        and today's slower figures), every ``background_ms`` on ``background_runner`` (by
        default the poll's runner), never inside a poll; None: the poll does it itself."""
        self._background_runner = background_runner or runner
        self._background_busy = False
        self._conflicts = conflicts
        self._conflicts_busy = False
        self.conflict_items: list[dict[str, Any]] = []
        self._poll = poll
        self._seats = seats
        self._runner = runner  # required: the shell passes its thread; tests an InlineRunner
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
        self.background_timer = QTimer(self)
        self.background_timer.setInterval(background_ms)
        self.background_timer.timeout.connect(self.run_background)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self._selected: str | None = None
        self._extra_tabs: list[tuple[QWidget, Callable[[], str] | str]] = []
        self.seats_model = SeatsModel(self)
        self.seats_view = QTableView()
        self.seats_view.setModel(self.seats_model)
        self.seats_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.seats_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.seats_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.seats_view.verticalHeader().setVisible(False)
        self.seats_view.selectionModel().selectionChanged.connect(self._on_table_selection)

        # the wallboard (one tile per seat) and the table, one key (Ctrl+T) apart
        self.wall = SeatWall()
        self.wall.seat_clicked.connect(self._on_wall_clicked)
        self.seat_stack = QStackedWidget()
        self.seat_stack.addWidget(self.wall)
        self.seat_stack.addWidget(self.seats_view)

        self.team_filter = QComboBox()
        self.team_filter.setObjectName("teamFilter")
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.sort_box = QComboBox()
        self.sort_box.setObjectName("sortBox")
        self.view_button = QPushButton()
        self.view_button.setObjectName("viewButton")
        self.view_button.clicked.connect(self.toggle_view)
        self.floor_label = QLabel("")
        for box in (self.team_filter, self.state_filter, self.sort_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.team_filter.addItem("", "")
        self.state_filter.addItem("", "")
        for st in SeatState:
            self.state_filter.addItem(seat_state_name(st), st.value)
        for key in SORT_KEYS:
            self.sort_box.addItem("", key)
        bar = QHBoxLayout()
        self.filter_labels = [QLabel(), QLabel(), QLabel()]
        for label, box in zip(
            self.filter_labels, (self.team_filter, self.state_filter, self.sort_box), strict=True
        ):
            label.setBuddy(box)
            bar.addWidget(label)
            bar.addWidget(box)
        bar.addWidget(self.view_button)
        bar.addWidget(self.floor_label, 1)

        self.queue_table = QTableWidget(len(Channel), 4)
        self.queue_table.verticalHeader().setVisible(False)
        self.queue_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.queue_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures_table = QTableWidget(0, 3)
        self.figures_table.verticalHeader().setVisible(False)
        self.figures_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.figures_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.alerts = QListWidget()
        self.alerts.setObjectName("alertsList")
        self.alerts.itemActivated.connect(self._on_alert_activated)
        self.alerts.itemClicked.connect(self._on_alert_activated)
        self.hourly_chart = BarChart("")
        self.mix_chart = BarChart("")
        for chart in (self.hourly_chart, self.mix_chart):
            chart.setMinimumHeight(110)
            chart.setMaximumHeight(170)

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
        self.conflict_box.setMaximumHeight(220)
        self.conflict_box.setVisible(self._conflicts is not None)

        charts = QHBoxLayout()
        charts.addWidget(self.hourly_chart, 3)
        charts.addWidget(self.mix_chart, 2)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        lv.addWidget(self.seat_stack, 1)
        lv.addLayout(charts)
        lv.addWidget(self.controls)
        lv.addWidget(self.status)
        lv.addWidget(self.conflict_box)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QGroupBox] = []
        for widget, stretch in ((self.queue_table, 0), (self.figures_table, 0), (self.alerts, 1)):
            box = QGroupBox()
            QVBoxLayout(box).addWidget(widget)
            rv.addWidget(box, stretch)
            self.boxes.append(box)
        self.alerts.setMinimumHeight(60)
        right.setMinimumWidth(400)  # the queue and figures tables readable, never squeezed

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.floor_page = split
        self.tabs = QTabWidget()
        self.tabs.setObjectName("leadTabs")
        self.tabs.setTabBarAutoHide(True)
        self.tabs.addTab(split, "")
        if self.desk is not None:
            self.tabs.addTab(self.desk, "")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.tabs)

        for keys, slot in (
            ("Ctrl+T", self.toggle_view),
            ("F5", self.refresh),
            ("Ctrl+F", self.team_filter.setFocus),
            ("Ctrl+Shift+F", self.clear_filters),
            ("Ctrl+W", lambda: self.show_view("wall")),
            ("Ctrl+L", self.alerts.setFocus),
        ):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.resize(1400, 850)

    def add_tab(self, widget: QWidget, title: str | Callable[[], str]) -> int:
        """Add a tab after the floor (and the review desk): e.g. the QA charts or the
        alerts inbox. ``title``: a translated text, or a function returning it (called
        again on a language switch). Returns the tab's index."""
        self._extra_tabs.append((widget, title))
        index = self.tabs.addTab(widget, title() if callable(title) else title)
        return index

    def _retranslate(self) -> None:
        """Every fixed text, again on a language switch (QEvent.LanguageChange)."""
        self._fitted = (-1, -1)  # the tables' rows are measured again
        self.setWindowTitle(self.tr("班长监控台 — Seat 12345"))
        self.queue_table.setHorizontalHeaderLabels(
            [self.tr("渠道"), self.tr("排队"), self.tr("最长等待"), self.tr("服务水平")]
        )
        self.figures_table.setHorizontalHeaderLabels(
            [self.tr("今日指标"), self.tr("数值"), self.tr("目标")]
        )
        self.hourly_chart.title = self.tr("今日每小时受理量（虚线：上周同日）")
        self.mix_chart.title = self.tr("座席状态分布")
        self.hourly_chart.update()
        self.mix_chart.update()
        self.ui.retranslateUi(self.controls)
        for i in range(self.state_box.count()):
            self.state_box.setItemText(i, seat_state_name(self.state_box.itemData(i)))
        for label, text_ in zip(
            self.filter_labels,
            (self.tr("班组(&G)"), self.tr("状态(&S)"), self.tr("排序(&O)")),
            strict=True,
        ):
            label.setText(text_)
        self.team_filter.setItemText(0, self.tr("全部班组"))
        self.state_filter.setItemText(0, self.tr("全部状态"))
        for i in range(1, self.state_filter.count()):
            self.state_filter.setItemText(i, seat_state_name(self.state_filter.itemData(i)))
        sort_names = {
            "code": self.tr("按座席号"),
            "state": self.tr("按状态"),
            "time": self.tr("按状态时长"),
            "team": self.tr("按班组"),
        }
        for i in range(self.sort_box.count()):
            self.sort_box.setItemText(i, sort_names[self.sort_box.itemData(i)])
        self._update_view_button()
        for box, title in zip(
            self.boxes,
            (self.tr("排队"), self.tr("今日指标"), self.tr("告警（点击定位）")),
            strict=True,
        ):
            box.setTitle(title)
        self.conflict_box.setTitle(
            self.tr("待解决的冲突（%1）").replace("%1", str(len(self.conflict_items)))
        )
        self.conflict_table.retranslate()
        self.tabs.setTabText(0, self.tr("实时监控"))
        if self.desk is not None:
            self.tabs.setTabText(1, self.tr("审核台"))
        for widget, title in self._extra_tabs:
            if callable(title):
                self.tabs.setTabText(self.tabs.indexOf(widget), title())
        self.seats_model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.seats_model.columnCount() - 1
        )
        if self.snapshot is not None:
            self.apply(self.snapshot)  # figures' names and the status line

    def _update_view_button(self) -> None:
        self.view_button.setText(
            self.tr("表格 (Ctrl+T)") if self.view() == "wall" else self.tr("墙板 (Ctrl+T)")
        )

    def view(self) -> str:
        """ "wall" or "table": which seat view is shown."""
        return "wall" if self.seat_stack.currentWidget() is self.wall else "table"

    def show_view(self, which: str) -> None:
        self.seat_stack.setCurrentWidget(self.wall if which == "wall" else self.seats_view)
        self._update_view_button()
        (self.wall if which == "wall" else self.seats_view).setFocus()

    def toggle_view(self) -> None:
        self.show_view("table" if self.view() == "wall" else "wall")

    def clear_filters(self) -> None:
        for box in (self.team_filter, self.state_filter):
            box.setCurrentIndex(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _on_tab_changed(self, index: int) -> None:
        """The desk loads when it is shown (its own timer keeps it fresh while visible)."""
        if self.desk is not None and self.tabs.widget(index) is self.desk:
            self.desk.refresh()

    # -- polling ---------------------------------------------------------------------------

    def start(self) -> None:
        self.refresh()
        self.timer.start()
        if self._background is not None:
            self.background_timer.start()
        if self.desk is not None:
            self.desk.start()

    def stop(self) -> None:
        self.timer.stop()
        self.background_timer.stop()
        if self.desk is not None:
            self.desk.stop()

    def run_background(self) -> None:
        """The slower job (sweep, today's slower figures) once, on its runner (skipped
        while the last one still runs); the next poll shows what it changed."""
        if self._background is None or self._background_busy:
            return
        self._background_busy = True
        self._background_runner.submit(self._background, self._on_background_done)

    def _on_background_done(self, _result: Any, error: BaseException | None) -> None:
        self._background_busy = False
        if error is not None:
            self.status.setText(self.tr("无法读取中心数据库：") + str(error))

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
        self.conflict_box.setVisible(bool(self.conflict_items))  # no room taken when none
        self.conflict_box.setTitle(
            self.tr("待解决的冲突（%1）").replace("%1", str(len(self.conflict_items)))
        )

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
                    fill(self.tr("未能解决冲突：%1"), error_text(error, bare=True))
                )
            self.load_conflicts()

        self._runner.submit(lambda: service.resolve(conflict_id, choice), done)

    def _on_poll_finished(
        self, result: ConsoleSnapshot | None, error: BaseException | None
    ) -> None:
        self._busy = False
        self.load_conflicts()
        if error is not None or result is None:
            self.status.setText(self.tr("无法读取中心数据库：") + str(error))
            return
        self.apply(result)

    def visible_rows(self, snap: ConsoleSnapshot) -> list[SeatRow]:
        """The seats the filters let through, in the chosen order."""
        team = self.team_filter.currentData() or ""
        state = self.state_filter.currentData() or ""
        rows = [
            r
            for r in snap.seats
            if (not team or r.team == team) and (not state or r.state.value == state)
        ]
        key = self.sort_box.currentData() or "code"
        order = {st: i for i, st in enumerate(SeatState)}
        if key == "state":
            rows.sort(key=lambda r: (order[r.state], r.code))
        elif key == "time":
            rows.sort(key=lambda r: (-r.seconds_in_state, r.code))
        elif key == "team":
            rows.sort(key=lambda r: (r.team or "~", r.code))
        return rows

    def _on_filter_changed(self, _index: int = 0) -> None:
        if self.snapshot is not None:
            self._apply_seats(self.snapshot)

    def _sync_teams(self, teams: tuple[str, ...]) -> None:
        have = [self.team_filter.itemData(i) for i in range(1, self.team_filter.count())]
        if list(teams) == have:
            return
        current = self.team_filter.currentData()
        self.team_filter.blockSignals(True)
        while self.team_filter.count() > 1:
            self.team_filter.removeItem(1)
        for team in teams:
            self.team_filter.addItem(team, team)
        found = self.team_filter.findData(current)
        self.team_filter.setCurrentIndex(max(0, found))
        self.team_filter.blockSignals(False)

    def _apply_seats(self, snap: ConsoleSnapshot) -> None:
        rows = self.visible_rows(snap)
        self.seats_model.set_rows(tuple(rows))
        names = {st: seat_state_name(st) for st in SeatState}
        offline = SeatState.OFFLINE
        self.wall.set_tiles(
            [
                Tile(
                    r.code,
                    r.name or r.agent or "—",
                    names[r.state],
                    seconds_label(r.seconds_in_state) if r.state != offline else "",
                    STATE_COLORS[r.state],
                    r.over_limit,
                    r.dead,
                )
                for r in rows
            ]
        )
        self.wall.select(self._selected)
        self._select_in_table(self._selected)
        working = sum(1 for r in snap.seats if r.state != SeatState.OFFLINE)
        self.floor_label.setText(
            fill(self.tr("显示 %1 / %2 个座席，在线 %3"), len(rows), len(snap.seats), working)
        )

    def apply(self, snap: ConsoleSnapshot) -> None:
        keep_none_alive()  # PySide6 6.12 drops a None reference per void call (charts.py)
        t0 = time.perf_counter()
        self.snapshot = snap
        self._sync_teams(snap.teams)
        self._apply_seats(snap)
        rows_by_channel = {q.channel: q for q in snap.queue_rows}
        target = snap.service_level_target_s
        for row, q in enumerate(snap.queues):
            ch = Channel(q.channel)
            qrow = rows_by_channel.get(q.channel)
            level = None if qrow is None else qrow.service_level
            sl = (
                "—"
                if level is None
                else fill(self.tr("%1%（%2 秒内）"), f"{level * 100:.0f}", target)
            )
            for col, value in enumerate(
                (
                    CHANNEL_LABELS[ch],
                    str(q.waiting),
                    seconds_label(q.longest_wait_s) if q.waiting else "—",
                    sl,
                )
            ):
                self._set_cell(self.queue_table, row, col, value)
            long_wait = q.waiting and q.longest_wait_s > 60
            self._set_color(self.queue_table.item(row, 2), "#c62828" if long_wait else "#000000")
        fig = snap.today
        rows = [
            (self.tr("受理量"), fig.get("accepted_total"), "", None),
            (self.tr("直接办理"), fig.get("direct_total"), "", None),
            (self.tr("转派"), fig.get("dispatched_total"), "", None),
            (self.tr("未接来电"), fig.get("missed_calls"), "", None),
        ]
        for tgt, actual, met in snap.targets:
            light = traffic_light(tgt, actual, met)
            mark = "" if met is None else ("✓" if met else "✗")
            rows.append((tgt.label + " %", actual, f"● {tgt.value:g} {mark}", light))
        self.figures_table.setRowCount(len(rows))
        for r, (label, value, goal, light) in enumerate(rows):
            self._set_cell(self.figures_table, r, 0, label)
            self._set_cell(self.figures_table, r, 1, "—" if value is None else str(value))
            self._set_cell(self.figures_table, r, 2, goal if light else goal.lstrip("● "))
            cell = self.figures_table.item(r, 2)
            self._set_color(cell, LIGHTS[light] if light else "#616161")
            if cell.data(Qt.ItemDataRole.UserRole) != (light or ""):
                cell.setData(Qt.ItemDataRole.UserRole, light or "")
        fitted = (self.queue_table.rowCount(), self.figures_table.rowCount())
        if fitted != self._fitted:  # heights follow the rows, not every poll
            fit_table_height(self.queue_table)
            fit_table_height(self.figures_table)
            self._fitted = fitted
        self._apply_alerts(snap.alerts)
        self.hourly_chart.set_data(
            [str(h) for h in range(24)],
            list(snap.hourly),
            compare=list(snap.hourly_last_week) or None,
        )
        states = list(SeatState)
        self.mix_chart.set_data(
            [seat_state_name(s) for s in states],
            [snap.state_mix.get(s.value, 0) for s in states],
            [STATE_COLORS[s] for s in states],
        )
        self.last_apply_ms = (time.perf_counter() - t0) * 1000
        self.status.setText(
            fill(
                self.tr("已刷新 %1（查询 %2 ms，显示 %3 ms）"),
                snap.at.astimezone().strftime("%H:%M:%S"),
                f"{snap.poll_ms:.0f}",
                f"{self.last_apply_ms:.0f}",
            )
        )
        self.snapshot_applied.emit(snap)

    def _apply_alerts(self, alerts: tuple[Alert, ...]) -> None:
        """The alerts list brought to ``alerts`` in place: a poll changes an item's text
        (a wait grows by a second) without building the list again."""
        box = self.alerts
        while box.count() > len(alerts):
            box.takeItem(box.count() - 1)
        for i, alert in enumerate(alerts):
            link = (alert.target, alert.subject)
            item = box.item(i) if i < box.count() else None
            if item is None:
                item = QListWidgetItem(alert.text)
                item.setData(Qt.ItemDataRole.UserRole, link)
                item.setToolTip(self.tr("点击定位") if alert.target else "")
                box.addItem(item)
                continue
            if item.text() != alert.text:
                item.setText(alert.text)
            if item.data(Qt.ItemDataRole.UserRole) != link:
                item.setData(Qt.ItemDataRole.UserRole, link)
                item.setToolTip(self.tr("点击定位") if alert.target else "")

    def _on_alert_activated(self, item: QListWidgetItem) -> None:
        """An alert links to what it is about: a seat (selected on the wallboard) or a
        queue (its row selected), or a case (the review desk)."""
        target, subject = item.data(Qt.ItemDataRole.UserRole) or ("", "")
        if target == "seat":
            self.tabs.setCurrentIndex(0)
            self.select_seat(subject)
            (self.wall if self.view() == "wall" else self.seats_view).setFocus()
        elif target == "queue":
            self.tabs.setCurrentIndex(0)
            self.select_queue(subject)
        elif target == "case" and self.desk is not None:
            self.tabs.setCurrentWidget(self.desk)
            self.status.setText(fill(self.tr("工单 %1：见审核台"), subject))

    def select_queue(self, channel: str) -> None:
        for row in range(self.queue_table.rowCount()):
            if (
                self.snapshot is not None
                and row < len(self.snapshot.queues)
                and self.snapshot.queues[row].channel == channel
            ):
                self.queue_table.setCurrentCell(row, 0)
                self.queue_table.selectRow(row)
                self.queue_table.setFocus()
                return

    @staticmethod
    def _set_color(item: QTableWidgetItem, color: str) -> None:
        """The item's text colour, set only when it changes (no repaint otherwise)."""
        brush = item.foreground()
        if brush.style() == Qt.BrushStyle.NoBrush or brush.color().name() != color:
            item.setForeground(QBrush(QColor(color)))

    @staticmethod
    def _set_cell(table: QTableWidget, row: int, col: int, value: str) -> None:
        item = table.item(row, col)
        if item is None:
            table.setItem(row, col, QTableWidgetItem(value))
        elif item.text() != value:
            item.setText(value)

    # -- actions ---------------------------------------------------------------------------

    def selected_seat(self) -> str | None:
        return self._selected

    def select_seat(self, code: str) -> None:
        """Select seat ``code`` on the wallboard and in the table (filters that hide it are
        cleared)."""
        if (
            self.snapshot is not None
            and code not in {r.code for r in self.seats_model.rows}
            and code in {r.code for r in self.snapshot.seats}
        ):
            self.clear_filters()
        self._set_selected(code)

    def _set_selected(self, code: str | None) -> None:
        self._selected = code
        self.wall.select(code)
        self._select_in_table(code)
        base = self.tr("所选座席：")
        self.selected_label.setText(base + (code or ""))

    def _select_in_table(self, code: str | None) -> None:
        current = self.seats_view.selectionModel().selectedRows()
        if current and self.seats_model.rows[current[0].row()].code == code:
            return
        for i, row in enumerate(self.seats_model.rows):
            if row.code == code:
                self.seats_view.selectRow(i)
                return
        self.seats_view.clearSelection()

    def _on_wall_clicked(self, code: str) -> None:
        self._set_selected(code)

    def _on_table_selection(self, *_args: Any) -> None:
        rows = self.seats_view.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.seats_model.rows):
            code = self.seats_model.rows[rows[0].row()].code
            if code != self._selected:
                self._selected = code
                self.wall.select(code)
                self.selected_label.setText(self.tr("所选座席：") + code)

    def _on_force_clicked(self) -> None:
        code = self.selected_seat()
        if code is None:
            self.status.setText(self.tr("请先选择座席。"))
            return
        state = self.state_box.currentData()
        self.state_force_requested.emit(code, state)

        def job():
            return self._seats.change_state(code, state, by=self._lead, forced=True)

        self._runner.submit(
            job,
            lambda _r, e: self._on_action_done(
                e, fill(self.tr("座席 %1 已切换为“%2”"), code, seat_state_name(state))
            ),
        )

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


def open_console(
    engine,
    *,
    runner: Runner,
    lead: str = "",
    poll_ms: int = 1000,
    language: str = "zh",
    desk_refresh_ms: int = 15000,
    role: str = "lead",
    service_level_target_s: int = 20,
    background_runner: Runner | None = None,
) -> LeadConsole:
    """A console on the central database ``engine`` (polling on ``runner``), with the
    review desk (审核台) as its second tab on the same runner.

    Every ``poll_ms`` one statement reads the seats, the queue, the service level and
    today's cases changed since the last poll. Every 5 s the slower job
    (``ConsolePoller.background_job``) sets seats whose heartbeat stopped offline (when a
    poll saw one) and, every 10 s, reads today's other figures (calls, ratings, callbacks
    ...), on ``background_runner`` (give it a thread of its own so that a sweep waiting
    for the writers' locks never delays a poll; default: ``runner``)."""
    poller = ConsolePoller(
        engine,
        service_level_target_s=service_level_target_s,
        sweep_every_s=5.0,
        figures_every_s=10.0,
        background=True,
    )
    desk = ReviewDesk(
        DispatchService(engine),
        actor=lead,
        runner=runner,
        language=language,
        refresh_ms=desk_refresh_ms,
    )
    return LeadConsole(
        poller.poll,
        SeatService(engine),
        runner=runner,
        lead=lead,
        poll_ms=poll_ms,
        desk=desk,
        conflicts=CentralConflicts(engine, actor=lead, role=role),
        background=poller.background_job,
        background_ms=5000,
        background_runner=background_runner,
    )
