"""The seat's sync engine: pushes the outbox to the central database and pulls
changes after a watermark (no Qt; safe on a background thread; offline is normal).

Typical use::

    from seat_app.services.sync import SyncEngine
    sync = SyncEngine(LocalStore.open(home), central_url)
    report = sync.run_once()           # push the outbox, then pull
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.sync.engine import (
        CentralUnavailable,
        SyncEngine,
        SyncReport,
        SyncState,
        SyncStatus,
        pull_tables,
        push_outbox,
        refresh_kb_from_central,
        sync_status,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "CentralUnavailable": "engine",
    "SyncEngine": "engine",
    "SyncReport": "engine",
    "SyncState": "engine",
    "SyncStatus": "engine",
    "pull_tables": "engine",
    "push_outbox": "engine",
    "refresh_kb_from_central": "engine",
    "sync_status": "engine",
}

__all__ = [
    "CentralUnavailable",
    "SyncEngine",
    "SyncReport",
    "SyncState",
    "SyncStatus",
    "pull_tables",
    "push_outbox",
    "refresh_kb_from_central",
    "sync_status",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
