"""Analysis services (诉求分析与预警): the detectors of ``seat_app.domain.analysis`` run over
the central ``cases`` (fast pass every few minutes, daily pass once a day), the alerts and
what leads do with them, the weekly/monthly brief export and the import of a history of
cases for analysis.

Typical use::

    from seat_app.services import analysis
    runs = analysis.run_analysis(engine)                       # new and grown alerts
    with engine.connect() as conn:
        found = analysis.load_alerts(conn, since=analysis.local_midnight(day))
    analysis.act(engine, alert_id, "confirm", work_no="2001")
    doc = analysis.build_brief(engine, "week", day)
    analysis.export_brief(doc, folder, ("xlsx", "docx"))

Modules: central (runs, alerts, actions), inbox (the lead's alert inbox), brief_export,
case_import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.analysis.brief_export import build_brief, export_brief
    from seat_app.services.analysis.case_import import import_cases
    from seat_app.services.analysis.central import (
        STATUS_LABELS_ZH,
        act,
        default_resources,
        load_alerts,
        local_midnight,
        run_analysis,
    )

# Public names load on first use: importing the package stays cheap (start-up: the
# detectors load numpy and scipy) and adds no import cycle. Each name -> its module.
_EXPORTS = {
    "STATUS_LABELS_ZH": "central",
    "act": "central",
    "build_brief": "brief_export",
    "default_resources": "central",
    "export_brief": "brief_export",
    "import_cases": "case_import",
    "load_alerts": "central",
    "local_midnight": "central",
    "run_analysis": "central",
}

__all__ = [
    "STATUS_LABELS_ZH",
    "act",
    "build_brief",
    "default_resources",
    "export_brief",
    "import_cases",
    "load_alerts",
    "local_midnight",
    "run_analysis",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
