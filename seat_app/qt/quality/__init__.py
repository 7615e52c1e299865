"""Quality inspection views (质检): the inspector's ``Workbench``, the agent's
``MyEvaluations`` and the ``QACharts`` the lead console can add as a tab; the shell opens
``open_quality_view(ctx)`` for inspectors and leads.

    port = services_port(session)             # the signed-in user's services
    bench = Workbench(port, ThreadRunner(1, "qa-central")); bench.refresh()
    mine = MyEvaluations(port, runner); mine.refresh()
    charts = QACharts(port.report, runner); charts.show_month("2024-03")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from seat_app.qt.quality.my_evaluations import MyEvaluations
from seat_app.qt.quality.port import QualityPort, services_port
from seat_app.qt.quality.workbench import InspectionWorkbench, Workbench
from seat_app.qt.widgets.quality_charts import QACharts


@dataclass
class OpenedQuality:
    """The same shape as qt.shell.OpenedView (window, start, close, extra): the role
    folders may not import the shell, which wraps it (``OpenedView(**vars(opened))``)."""

    window: Any
    start: Callable[[], None]
    close: Callable[[], None]
    extra: dict[str, Any] = field(default_factory=dict)


def open_quality_view(ctx: Any) -> OpenedQuality:
    """The inspector's (or a lead's) quality window: workbench, and charts as a second tab
    (ctx: qt.shell.ShellContext with the signed-in session)."""
    from datetime import date

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMainWindow, QTabWidget

    from seat_app.qt.i18n import fill
    from seat_app.qt.workers import ThreadRunner

    runner = ThreadRunner(1, "qa-central")
    port = services_port(ctx.session)
    bench = Workbench(port, runner)
    charts = QACharts(port.report, runner)
    tabs = QTabWidget()
    tabs.addTab(bench, QCoreApplication.translate("Quality", "质检工作台"))
    tabs.addTab(charts, QCoreApplication.translate("Quality", "质检图表"))
    window = QMainWindow()
    window.setObjectName("qualityWindow")
    window.setCentralWidget(tabs)
    window.setWindowTitle(fill(QCoreApplication.translate("Quality", "质检 — %1 %2"),
                               ctx.work_no, ctx.name))
    window.resize(1360, 840)
    bench.message.connect(lambda text: window.statusBar().showMessage(text, 8000))

    def start() -> None:
        bench.refresh()
        charts.show_month(f"{date.today():%Y-%m}")

    return OpenedQuality(window, start=start, close=lambda: runner.wait(3000),
                         extra={"workbench": bench, "charts": charts})


def open_my_evaluations(ctx: Any) -> OpenedQuality:
    """The agent's own evaluations in a window (the seat window can open it)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMainWindow

    from seat_app.qt.workers import ThreadRunner

    runner = ThreadRunner(1, "qa-mine")
    view = MyEvaluations(services_port(ctx.session), runner)
    window = QMainWindow()
    window.setObjectName("qaMyEvaluationsWindow")
    window.setCentralWidget(view)
    window.setWindowTitle(QCoreApplication.translate("Quality", "我的质检"))
    window.resize(1000, 640)
    return OpenedQuality(window, start=view.refresh, close=lambda: runner.wait(3000),
                         extra={"view": view})


__all__ = ["InspectionWorkbench", "MyEvaluations", "OpenedQuality", "QACharts", "QualityPort",
           "Workbench",
           "open_my_evaluations", "open_quality_view", "services_port"]
