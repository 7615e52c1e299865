"""The callback survey work list (回访工作台).

Typical use::

    from seat_app.qt import callback
    worklist = callback.open_callback_worklist(engine, actor="1001", runner=runner)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.qt.callback.__main__ import run_in_app
    from seat_app.qt.callback.worklist import (
        CallbackWorklist,
        fill_script,
        open_callback_worklist,
    )

# Public names load on first use (start-up: the work list loads when an agent first opens
# it, or for the demo preview ``seat-app --demo --role callback``, which is ``run_in_app``).
_EXPORTS = {
    "CallbackWorklist": "worklist",
    "fill_script": "worklist",
    "open_callback_worklist": "worklist",
    "run_in_app": "__main__",
}

__all__ = ["CallbackWorklist", "fill_script", "open_callback_worklist", "run_in_app"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
