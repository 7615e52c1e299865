"""The team lead's messages to this seat: polled on the sync tick, acknowledged (知道了)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QApplication

from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import SingleFlight

log = logging.getLogger(__name__)


class LeadMessages(SeatPart):
    def __init__(self, host: SeatHost) -> None:
        super().__init__(host)
        self.shown: list[dict[str, Any]] = []
        self.poll_flight = SingleFlight()
        self.mark_flight = SingleFlight()

    def poll(self) -> None:
        """Unread messages of the team lead (on the sync tick, not a timer of its own)."""
        if self.mark_flight.busy:
            return
        self.poll_flight.run(self.w.runners.central, self.w.services.messages.unread, self._on_messages)

    def _on_messages(self, rows: Any, error: Any) -> None:
        if error is not None:
            log.info("lead messages unavailable: %s", error)
            return
        rows = list(rows or [])
        known = {m.get("id") for m in self.shown}
        fresh = [m for m in rows if m.get("id") not in known]
        self.show(rows)
        if fresh:
            QApplication.alert(self.view)
            self.w.messages_shown.emit(len(fresh))

    def show(self, rows: list[dict[str, Any]]) -> None:
        self.shown = rows
        self.w.message_panel.show_messages(rows)
        self.w.status.set_unread_messages(len(rows))

    def acknowledge(self) -> None:
        """知道了: mark the shown messages read (on the central database)."""
        messages = self.w.services.messages
        ids = [int(m["id"]) for m in self.shown if m.get("id") is not None]
        if ids:
            (self.w.op(self.w.runners.central, lambda: messages.mark_read(ids), self.mark_flight)
             .success(lambda _r: self.show([m for m in self.shown if m.get("id") not in set(ids)]))
             .failure(lambda _e: self.w.show_notice(
                 self.tr("暂时无法把组长消息标为已读，稍后再试（Ctrl+Shift+M）。"), "warn"))
             .run())
