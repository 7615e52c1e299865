"""The handling unit's role view (承办单位工作台) and the reusable case timeline widget.

Typical use::

    from seat_app.qt import unit
    view = unit.open_unit_view(engine, "U-001", actor="4001", runner=runner)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.qt.unit.__main__ import run_in_app
    from seat_app.qt.unit.view import UnitView, open_unit_view
    from seat_app.qt.widgets.timeline import CaseTimeline

# Public names load on first use (start-up: the view loads only for a unit user, or for the
# demo preview ``seat-app --demo --role unit``, which is ``run_in_app``).
_EXPORTS = {
    "CaseTimeline": "view",
    "UnitView": "view",
    "open_unit_view": "view",
    "run_in_app": "__main__",
}

__all__ = ["CaseTimeline", "UnitView", "open_unit_view", "run_in_app"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
