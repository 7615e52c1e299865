"""The call controller: seat state, the queue, ring / answer / end, the lease, presence and
a state the team lead forced. It owns its timers and in-flight guards."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication

from seat_app.domain.case import Channel
from seat_app.domain.queue import SeatState
from seat_app.domain.roles import mask_phone
from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import SingleFlight

log = logging.getLogger(__name__)

ON_CASE = (SeatState.ON_CALL, SeatState.AFTER_CALL_WORK)
LEASED = (SeatState.RINGING, SeatState.ON_CALL, SeatState.AFTER_CALL_WORK)
IDLE = (SeatState.READY, SeatState.BREAK, SeatState.TRAINING, SeatState.OFFLINE)


def case_channel(value: str) -> str:
    """The case's channel (电话, APP, 网站, 信箱, 窗口) for a queue item's channel value."""
    if value in {c.value for c in Channel}:
        return value
    legacy = {"phone": Channel.PHONE, "app": Channel.APP, "website": Channel.WEBSITE,
              "mailbox": Channel.MAILBOX, "window": Channel.WINDOW}
    found = legacy.get(str(value).lower())
    return found.value if found else value


class CallController(SeatPart):
    """State, queue polling, ringing (blink), the lease (every 10 s) and presence."""

    state_changed = Signal(object)
    """The seat's new SeatState (after the window's actions were updated)."""

    def __init__(self, host: SeatHost, *, queue_poll_ms: int, lease_ms: int = 10_000) -> None:
        super().__init__(host)
        self.state = SeatState.OFFLINE
        self.item: dict[str, Any] | None = None
        self.started_at = datetime.now(UTC)
        self.blink = False
        self.queue_flight = SingleFlight()
        self.forced_flight = SingleFlight()
        self.queue_timer = QTimer(self)
        self.queue_timer.setInterval(queue_poll_ms)
        self.queue_timer.timeout.connect(self.poll_queue)
        self.lease_timer = QTimer(self)
        self.lease_timer.setInterval(lease_ms)
        self.lease_timer.timeout.connect(self.renew_lease)
        self.blink_timer = QTimer(self)
        self.blink_timer.setInterval(500)
        self.blink_timer.timeout.connect(self._on_blink_timer_timeout)

    @property
    def on_case(self) -> bool:
        return self.state in ON_CASE

    def set_state(self, state: SeatState, *, report: bool = True) -> None:
        self.state = state
        self.w.status.set_seat_state(state)
        if report:
            self.report_presence(state)
        for timer, on in ((self.blink_timer, state == SeatState.RINGING),
                          (self.queue_timer, state == SeatState.READY),
                          (self.lease_timer, state in LEASED)):
            if on:
                timer.start()
            else:
                timer.stop()
        self.show_banner()
        self.w.update_actions()
        self.state_changed.emit(state)

    def stop(self) -> None:
        for timer in (self.queue_timer, self.lease_timer, self.blink_timer):
            timer.stop()

    # -- queue and ringing
    def poll_queue(self) -> None:
        if self.state == SeatState.READY:
            (self.w.op(self.w.runners.central, self.w.services.queue.next_item, self.queue_flight)
             .success(self._on_queue_item)
             .failure(lambda e: self.w.show_notice(self.tr("队列暂不可用：%1").replace("%1", str(e)), "warn"))
             .run())

    def _on_queue_item(self, item: Any) -> None:
        if item and self.state == SeatState.READY:
            self.ring(item)

    def ring(self, item: dict[str, Any]) -> None:
        self.item = dict(item)
        self.set_state(SeatState.RINGING)
        QApplication.beep()

    def renew_lease(self) -> None:
        item, queue = self.item, self.w.services.queue
        if item and item.get("claim") is not None:
            self.w.runners.central.submit(lambda: queue.renew_item(item))

    def complete(self, case_id: Any) -> None:
        """The claimed item became a saved case: it leaves the queue (central)."""
        item, queue = self.item, self.w.services.queue
        if item and item.get("claim") is not None:
            self.w.runners.central.submit(lambda: queue.complete_item(item, case_id))

    def accept(self) -> dict[str, Any] | None:
        """F2: the ringing item becomes this call; returns it (None when nothing rang)."""
        if self.state != SeatState.RINGING or self.item is None:
            return None
        self.started_at = datetime.now(UTC)
        self.set_state(SeatState.ON_CALL)
        return self.item

    @staticmethod
    def new_draft_id() -> str:
        return str(uuid.uuid4())

    def _on_blink_timer_timeout(self) -> None:
        self.blink = not self.blink
        banner = self.w.ring_banner
        banner.setProperty("blink", self.blink)
        banner.style().unpolish(banner)
        banner.style().polish(banner)

    def show_banner(self) -> None:
        item, state, banner = self.item or {}, self.state, self.w.ring_banner
        if state == SeatState.RINGING:
            phone = mask_phone(str(item.get("phone", "")))
            if case_channel(item.get("channel", Channel.PHONE.value)) == Channel.PHONE.value:
                text = self.tr("来电 %1（%2）— 按 F2 接听").replace("%1", phone)
            else:
                text = self.tr("网上诉求 %1（%2）— 按 F2 受理").replace("%1", phone)
            banner.setText(text.replace("%2", str(item.get("area", ""))))
        elif state == SeatState.ON_CALL and item.get("spoken"):
            banner.setText(self.tr("来电人说：%1").replace("%1", str(item["spoken"])))
        elif state == SeatState.AFTER_CALL_WORK:
            banner.setText(self.tr("话后处理：完成工单后按 F5 就绪"))
        banner.setProperty("callState", state.value)
        banner.style().unpolish(banner)
        banner.style().polish(banner)
        banner.setVisible(state in (SeatState.RINGING, SeatState.AFTER_CALL_WORK)
                          or (state == SeatState.ON_CALL and bool(item.get("spoken"))))

    # -- presence and the lead's forced state
    def report_presence(self, state: SeatState) -> None:
        """Tell the central seats table (the lead's console); never blocks, never fails loud."""
        presence, value = self.w.services.presence, state.value
        self.w.runners.central.submit(lambda: presence.report(value), _log_unreported)

    def poll_forced_state(self) -> None:
        """A state the team lead forced on this seat (on the sync tick)."""
        self.forced_flight.run(self.w.runners.central, self.w.services.presence.forced_state,
                               self._on_forced_state)

    def _on_forced_state(self, state: Any, error: Any) -> None:
        if error is not None or not state:
            return
        try:
            forced = SeatState(state)
        except ValueError:
            return
        # never in the middle of a call: the lead's change waits for the agent's next one
        if forced == self.state or self.state not in IDLE:
            return
        if forced == SeatState.READY:
            self.w.reset_call()
        self.set_state(forced, report=False)
        self.w.show_notice(self.tr("班长已将座席状态改为「%1」。")
                           .replace("%1", self.w.status.state_names().get(forced, forced.value)), "info")
        if forced == SeatState.TRAINING:  # the trainer (or lead) puts the agent into practice
            self.w.enter_practice()
        elif forced == SeatState.READY and self.w.practice is not None:  # and back to work
            self.w.leave_practice()


def _log_unreported(_result: object, error: BaseException | None) -> None:
    if error is not None:  # the central database is away: the next change reports again
        log.info("seat state not reported: %s", error)
