"""The seat-local store: one SQLite file per workstation (WAL, synchronous=FULL)
with drafts, the seat's cases, the outbox, offline caches and sync watermarks. A damaged
file is moved aside, never silently replaced.

Typical use::

    from seat_app.services.local import LocalStore
    store = LocalStore.open(home)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.local.errors import CaseNumbersPending
    from seat_app.services.local.outbox import rejected_changes, retry_rejected
    from seat_app.services.local.store import (
        Draft,
        LocalStore,
        LocalStoreError,
        LocalTx,
        OpenReport,
        OutboxOp,
        check_file,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "CaseNumbersPending": "errors",
    "rejected_changes": "outbox",
    "retry_rejected": "outbox",
    "Draft": "store",
    "LocalStore": "store",
    "LocalStoreError": "errors",
    "LocalTx": "store",
    "OpenReport": "recovery",
    "OutboxOp": "outbox",
    "check_file": "recovery",
}

__all__ = [
    "CaseNumbersPending",
    "Draft",
    "LocalStore",
    "LocalStoreError",
    "LocalTx",
    "OpenReport",
    "OutboxOp",
    "check_file",
    "rejected_changes",
    "retry_rejected",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
