"""After the call, on the central database: dispatch along the grid, unit replies,
review, supervision, callback surveys, duplicates and the case timeline -- every action
one transaction -- and importing the grid (units and townships).

Modules: ``core`` (the one transaction template ``_apply`` and the stored state), ``flow``
(the flow's actions), ``worklists``, ``callbacks``, ``supervision``, ``duplicates``,
``intake`` (seat cases entering the flow), ``grid`` and ``grid_import``; ``service``
assembles ``DispatchService`` from them.

Typical use::

    from seat_app.services.dispatch import DispatchService
    service = DispatchService(engine)    # calendar, policies, rules: keywords
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.dispatch.grid_import import (
        GridImportResult,
        RowError,
        demo_grid_path,
        load_demo_grid,
        parse_grid_file,
    )
    from seat_app.services.dispatch.service import (
        CallbackBook,
        DispatchService,
        GridImportOutcome,
        import_grid,
        load_grid,
        record_central_case,
        unit_counts,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "CallbackBook": "service",
    "DispatchService": "service",
    "GridImportOutcome": "service",
    "GridImportResult": "grid_import",
    "RowError": "grid_import",
    "demo_grid_path": "grid_import",
    "import_grid": "service",
    "load_demo_grid": "grid_import",
    "load_grid": "service",
    "parse_grid_file": "grid_import",
    "record_central_case": "service",
    "unit_counts": "service",
}

__all__ = [
    "CallbackBook",
    "DispatchService",
    "GridImportOutcome",
    "GridImportResult",
    "RowError",
    "demo_grid_path",
    "import_grid",
    "load_demo_grid",
    "load_grid",
    "parse_grid_file",
    "record_central_case",
    "unit_counts",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
