"""Figures counted from the central records: daily, monthly and annual reports
(KPI formulas of seat_app.domain.kpi) and the one poll behind the team lead's console.

Typical use::

    from seat_app.services.reports import build_report, year_period, ConsolePoller
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.reports.console import (
        ConsolePoller,
        ConsoleSnapshot,
        DeskPoller,
        DeskSnapshot,
    )
    from seat_app.services.reports.periodic import (
        FIGURE_LABELS,
        Period,
        Report,
        build_report,
        day_period,
        export_xlsx,
        month_period,
        year_period,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "ConsolePoller": "console",
    "ConsoleSnapshot": "console",
    "DeskPoller": "console",
    "DeskSnapshot": "console",
    "FIGURE_LABELS": "periodic",
    "Period": "periodic",
    "Report": "periodic",
    "build_report": "periodic",
    "day_period": "periodic",
    "export_xlsx": "periodic",
    "month_period": "periodic",
    "year_period": "periodic",
}

__all__ = [
    "FIGURE_LABELS",
    "ConsolePoller",
    "ConsoleSnapshot",
    "DeskPoller",
    "DeskSnapshot",
    "Period",
    "Report",
    "build_report",
    "day_period",
    "export_xlsx",
    "month_period",
    "year_period",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
