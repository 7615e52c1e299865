"""Views take their runner from the window that opens them: no silent work on the UI thread
(issue 12). Only static use (a timeline filled through set_events) needs none."""

from __future__ import annotations

import inspect

import pytest

from seat_app.qt.kb_editor.workbench import Workbench as KbWorkbench
from seat_app.qt.lead.alerts import AlertsInbox, open_alerts_inbox
from seat_app.qt.lead.console import LeadConsole, open_console
from seat_app.qt.quality.my_evaluations import MyEvaluations
from seat_app.qt.quality.workbench import InspectionWorkbench
from seat_app.qt.widgets.quality_charts import QACharts
from seat_app.qt.widgets.timeline import CaseTimeline


@pytest.mark.parametrize("view", [InspectionWorkbench, MyEvaluations, QACharts, KbWorkbench,
                                  AlertsInbox, LeadConsole, open_alerts_inbox, open_console])
def test_runner_is_a_required_parameter(view) -> None:
    init = view if inspect.isfunction(view) else view.__init__
    runner = inspect.signature(init).parameters["runner"]
    assert runner.default is inspect.Parameter.empty, view.__name__


def test_timeline_with_a_loader_refuses_to_run_without_a_runner(qtbot) -> None:
    with pytest.raises(TypeError, match="runner"):
        CaseTimeline(lambda case_id: [])
    static = CaseTimeline()  # rows come through set_events
    qtbot.addWidget(static)
    static.set_events([{"at": None, "kind": "受理", "actor": "1001", "unit": "", "note": ""}])
    static.show_case("c-1")  # no loader: cleared, nothing submitted anywhere
    assert static.table.rowCount() == 0
