"""The team lead's console (班长监控台): live seats and queue, today's figures, alerts,
charts, forcing a seat's state and messaging a seat.

Typical use::

    from seat_app.qt import lead
    console = lead.open_console(engine, lead="2001", runner=ThreadRunner(1, "lead-central"))
    console.add_tab(lead.open_alerts_inbox(engine, "2001", runner), lambda: "预警")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.qt.lead.__main__ import run_in_app
    from seat_app.qt.lead.alerts import AlertsInbox, open_alerts_inbox
    from seat_app.qt.lead.console import LeadConsole, open_console

# Public names load on first use (start-up: the console loads only for a lead, or for the
# demo preview ``seat-app --demo --role lead``, which is ``run_in_app``).
_EXPORTS = {
    "AlertsInbox": "alerts",
    "LeadConsole": "console",
    "open_alerts_inbox": "alerts",
    "open_console": "console",
    "run_in_app": "__main__",
}

__all__ = ["AlertsInbox", "LeadConsole", "open_alerts_inbox", "open_console", "run_in_app"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
