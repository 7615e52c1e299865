"""Building a real seat window (real local store and case service) for the phone tests."""

from __future__ import annotations

from collections import deque
from typing import Any


class EmptyQueue:
    """The central queue port with nothing waiting: calls come from the phone."""

    def __init__(self) -> None:
        self.items: deque[dict[str, Any]] = deque()

    def next_item(self) -> dict[str, Any] | None:
        return self.items.popleft() if self.items else None

    def renew_item(self, item: dict[str, Any]) -> None:
        return None

    def complete_item(self, item: dict[str, Any], case_id: str | None) -> None:
        return None


class OnlineSync:
    def sync_state(self) -> dict[str, Any]:
        return {"state": "synced", "pending": 0, "error": None}

    def sync_once(self) -> dict[str, Any]:
        return self.sync_state()


def build_window(qtbot, home, store, *, inline: bool = True):
    """A started SeatWindow on ``store`` (seat S01, agent 1001), not yet with a phone."""
    from seat_app.qt.ports import SeatServices
    from seat_app.qt.seat.window import SeatWindow
    from seat_app.qt.wiring import LocalDrafts
    from seat_app.qt.workers import InlineRunner, SeatRunners, ThreadRunner
    from seat_app.services.cases.service import CaseService

    cases = CaseService.for_seat(home, store)
    services = SeatServices(
        search=lambda q, area, limit: [], history=cases.history, drafts=LocalDrafts(store),
        cases=cases, sync=OnlineSync(), queue=EmptyQueue(), entry=lambda _id: None,
        work_no="1001", area="盐湖区")
    runner = InlineRunner() if inline else ThreadRunner(1, "test-local")
    window = SeatWindow(services, runners=SeatRunners(local=runner, central=runner,
                                                      search=runner, sync=runner),
                        queue_poll_ms=50, search_delay_ms=10)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # the F-keys are window shortcuts
    window.start()
    return window, cases
