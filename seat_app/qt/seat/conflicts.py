"""The conflicts / refused-changes badge: the agent's open conflicts and this seat's refused
ops (loaded on each sync tick from the seat-local store), the dialog, and resolving one."""

from __future__ import annotations

import logging
from typing import Any

from seat_app.qt.conflicts_view import ConflictDialog
from seat_app.qt.i18n import current_language, error_text
from seat_app.qt.ports import is_wired
from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import SingleFlight

log = logging.getLogger(__name__)


class ConflictBadge(SeatPart):
    def __init__(self, host: SeatHost) -> None:
        super().__init__(host)
        self.items: dict[str, list[dict[str, Any]]] = {"conflicts": [], "rejected": []}
        self.load_flight = SingleFlight()
        self.resolve_flight = SingleFlight()
        self.dialog = ConflictDialog(self.view)
        self.dialog.conflicts.resolve_requested.connect(self.resolve)
        host.status.conflicts_label.linkActivated.connect(lambda _link: self.show())

    def load(self) -> None:
        """The agent's open conflicts and the refused ops (off the UI thread)."""
        if is_wired(self.w.services.conflicts):
            self.load_flight.run(self.w.runners.local, self.w.services.conflicts.open_items, self._on_loaded)

    def _on_loaded(self, items: Any, error: Any) -> None:
        if error is not None:
            log.warning("conflicts not readable: %s", error)
            return
        items = dict(items or {})
        self.items = {"conflicts": list(items.get("conflicts") or []),
                      "rejected": list(items.get("rejected") or [])}
        self._count()
        if not self.resolve_flight.busy:
            self.dialog.show_items(self.items)

    def _count(self) -> None:
        self.w.status.set_conflicts(len(self.items["conflicts"]), len(self.items["rejected"]))

    def show(self) -> ConflictDialog | None:
        """Ctrl+Shift+R (or the status bar badge): both values side by side; Alt+L keeps the
        seat's value, Alt+C central's; the refused ops with central's reason."""
        if not is_wired(self.w.services.conflicts):
            self.w.show_notice(self.tr("冲突列表未连接本地库，暂不可用。"), "warn")
            return None
        dialog = self.dialog
        dialog.show_items(self.items)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.conflicts.table.setFocus()
        self.load()
        return dialog

    def resolve(self, conflict_id: str, choice: str) -> None:
        port = self.w.services.conflicts
        if not is_wired(port) or self.resolve_flight.busy:
            return
        table = self.dialog.conflicts
        table.set_busy(True)
        table.show_message(self.tr("正在保存选择…"))
        (self.w.op(self.w.runners.local, lambda: port.resolve(conflict_id, choice), self.resolve_flight)
         .success(lambda _r: self._on_resolved(conflict_id, None))
         .failure(lambda e: self._on_resolved(conflict_id, e))
         .run())

    def _on_resolved(self, conflict_id: str, error: Any) -> None:
        table = self.dialog.conflicts
        table.set_busy(False)
        if error is not None:
            table.show_message(self.tr("未能解决冲突：%1").replace("%1", error_text(error, current_language(), bare=True)))
            self.load()
            return
        table.show_message(self.tr("已保存选择，正在同步到中心库。"))
        # shown at once without the resolved row; the store's view follows on the next load
        self.items["conflicts"] = [c for c in self.items["conflicts"] if c.get("id") != conflict_id]
        self.dialog.show_items(self.items)
        self._count()
        self.w.sync_now()
