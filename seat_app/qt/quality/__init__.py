"""Quality inspection views (质检): the inspector's ``Workbench``, the agent's
``MyEvaluations`` and the ``QACharts`` the lead console can add as a tab; the shell opens
``open_quality_view(ctx)`` for inspectors and leads (windows.py).

    port = services_port(session)             # the signed-in user's services
    bench = Workbench(port, ThreadRunner(1, "qa-central")); bench.refresh()
    mine = MyEvaluations(port, runner); mine.refresh()
    charts = QACharts(port.report, runner); charts.show_month("2024-03")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.qt.quality.my_evaluations import MyEvaluations
    from seat_app.qt.quality.port import QualityPort, services_port
    from seat_app.qt.quality.windows import OpenedQuality, open_my_evaluations, open_quality_view
    from seat_app.qt.quality.workbench import InspectionWorkbench, Workbench
    from seat_app.qt.widgets.quality_charts import QACharts

# Public names load on first use (start-up: the views load only when an inspector or a lead
# signs in, or an agent opens their evaluations).
_EXPORTS = {
    "InspectionWorkbench": "workbench",
    "MyEvaluations": "my_evaluations",
    "OpenedQuality": "windows",
    "QACharts": "windows",
    "QualityPort": "port",
    "Workbench": "workbench",
    "open_my_evaluations": "windows",
    "open_quality_view": "windows",
    "services_port": "port",
}

__all__ = [
    "InspectionWorkbench",
    "MyEvaluations",
    "OpenedQuality",
    "QACharts",
    "QualityPort",
    "Workbench",
    "open_my_evaluations",
    "open_quality_view",
    "services_port",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
