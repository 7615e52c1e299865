"""The seat's sync tick: a sync every ``sync_poll_ms`` on the sync runner (a sync asked
during one runs after it), its state in the status bar and, while the central database is
reachable, the work that rides on the tick (queued duplicate links, lead messages, a forced
state). Typed against ``SeatHost``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer

from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import LatestWins


class SyncTicker(SeatPart):
    def __init__(self, host: SeatHost, *, sync_poll_ms: int) -> None:
        super().__init__(host)
        self.flight = LatestWins(host.runners.sync)
        self.timer = QTimer(self)
        self.timer.setInterval(sync_poll_ms)
        self.timer.timeout.connect(self.sync_now)

    def sync_now(self) -> None:
        self.flight.request(self.w.services.sync.sync_once, self._on_synced)

    def _on_synced(self, state: Any, error: Any) -> None:
        w = self.w
        if error is not None:
            state = {"state": "offline", "pending": w.status.sync.get("pending", 0), "error": str(error)}
        state = dict(state or {})
        w.status.set_sync(state)
        offline = (state.get("error") or "") if state.get("state") == "offline" else None
        if offline != w.offline or offline is not None:
            w.offline = offline
            w.refresh_notice()
        w.conflicts.load()  # the local store's view: also offline
        if offline is None:
            w.duplicates.apply_pending()
            w.lead_messages.poll()
            w.calls.poll_forced_state()
