"""Status bar: seat state and time in state, sync state, clock."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from seat_app.domain.queue import SeatState


def format_duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class SeatStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seatStatusBar")
        self.seat_label = QLabel()
        self.seat_label.setObjectName("seatState")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncState")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        self.messages_label = QLabel()
        self.messages_label.setObjectName("messageBadge")
        self.messages_label.setStyleSheet(
            "#messageBadge { background: #4a7bd0; color: white; border-radius: 6px; padding: 0 6px; }"
        )
        self.messages_label.setVisible(False)
        self.unread = 0
        # conflicts and refused ops: a link that opens the conflict dialog (Ctrl+Shift+R)
        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("conflictBadge")
        self.conflicts_label.setStyleSheet(
            "#conflictBadge { background: #c62828; color: white; border-radius: 6px; padding: 0 6px; }"
            " #conflictBadge a { color: white; text-decoration: none; }"
        )
        self.conflicts_label.setTextFormat(Qt.TextFormat.RichText)
        self.conflicts_label.setVisible(False)
        self.conflicts = 0
        self.rejected = 0
        self.addPermanentWidget(self.conflicts_label)
        self.addPermanentWidget(self.messages_label)
        self.addPermanentWidget(self.seat_label)
        self.addPermanentWidget(self.sync_label)
        self.addPermanentWidget(self.clock_label)
        self.state = SeatState.OFFLINE
        self.state_since = time.monotonic()
        self.sync: dict[str, Any] = {"state": "unknown", "pending": 0, "error": None}
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def state_names(self) -> dict[SeatState, str]:
        return {
            SeatState.OFFLINE: self.tr("离线"),
            SeatState.READY: self.tr("就绪"),
            SeatState.RINGING: self.tr("振铃"),
            SeatState.ON_CALL: self.tr("通话中"),
            SeatState.AFTER_CALL_WORK: self.tr("话后处理"),
            SeatState.BREAK: self.tr("小休"),
            SeatState.TRAINING: self.tr("培训"),
        }

    def set_seat_state(self, state: SeatState) -> None:
        if state != self.state:
            self.state = state
            self.state_since = time.monotonic()
        self.refresh()

    def time_in_state(self) -> float:
        return time.monotonic() - self.state_since

    def set_sync(self, sync: dict[str, Any]) -> None:
        self.sync = dict(sync)
        self.refresh()

    def set_unread_messages(self, count: int) -> None:
        """The badge of the team lead's unread messages (hidden at 0)."""
        self.unread = max(0, int(count))
        self.refresh()

    def set_conflicts(self, conflicts: int, rejected: int) -> None:
        """The badge of open conflicts and refused ops ("2 处冲突", hidden at 0)."""
        self.conflicts, self.rejected = max(0, int(conflicts)), max(0, int(rejected))
        self.refresh()

    def conflicts_text(self) -> str:
        parts = []
        if self.conflicts:
            parts.append(self.tr("%1 处冲突").replace("%1", str(self.conflicts)))
        if self.rejected:
            parts.append(self.tr("%1 项被拒收").replace("%1", str(self.rejected)))
        return " · ".join(parts)

    def sync_text(self) -> str:
        state, pending = self.sync.get("state"), int(self.sync.get("pending") or 0)
        if state == "offline":
            return self.tr("离线：%1 件待同步").replace("%1", str(pending))
        if state == "pending" or pending:
            return self.tr("%1 件待同步").replace("%1", str(pending))
        if state == "synced":
            return self.tr("已同步")
        if state == "unavailable":
            return self.tr("同步未配置")
        return self.tr("同步状态未知")

    def refresh(self) -> None:
        name = self.state_names()[self.state]
        self.seat_label.setText(
            self.tr("座席：%1 %2").replace("%1", name).replace("%2", format_duration(self.time_in_state()))
        )
        self.seat_label.setProperty("seatState", self.state.value)
        self.sync_label.setText(self.sync_text())
        self.sync_label.setProperty("syncState", str(self.sync.get("state")))
        if self.sync.get("error"):
            self.sync_label.setToolTip(str(self.sync["error"]))
        self.messages_label.setText(self.tr("组长消息 %1").replace("%1", str(self.unread)))
        self.messages_label.setVisible(self.unread > 0)
        badge = self.conflicts_text()
        self.conflicts_label.setText(f"<a href='conflicts'>{badge}</a>" if badge else "")
        self.conflicts_label.setToolTip(self.tr("查看并解决（Ctrl+Shift+R）"))
        self.conflicts_label.setVisible(bool(badge))
        self.clock_label.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm:ss"))
        for label in (self.seat_label, self.sync_label):
            label.style().unpolish(label)
            label.style().polish(label)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
