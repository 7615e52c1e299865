"""The quality views in windows of their own: the inspector's (or a lead's) workbench with
the charts as a second tab, and an agent's own evaluations. The shell wraps what they
return (``OpenedQuality``: the shape of qt.shell.OpenedView) as the role's view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QTabWidget

from seat_app.qt.i18n import fill
from seat_app.qt.quality.my_evaluations import MyEvaluations
from seat_app.qt.quality.port import services_port
from seat_app.qt.quality.workbench import Workbench
from seat_app.qt.widgets.quality_charts import QACharts
from seat_app.qt.workers import ThreadRunner


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
    window.setWindowTitle(
        fill(QCoreApplication.translate("Quality", "质检 — %1 %2"), ctx.work_no, ctx.name)
    )
    window.resize(1360, 840)
    bench.message.connect(lambda text: window.statusBar().showMessage(text, 8000))

    def start() -> None:
        bench.refresh()
        charts.show_month(f"{date.today():%Y-%m}")

    return OpenedQuality(
        window,
        start=start,
        close=lambda: runner.wait(3000),
        extra={"workbench": bench, "charts": charts},
    )


def open_my_evaluations(ctx: Any) -> OpenedQuality:
    """The agent's own evaluations in a window (the seat window can open it)."""
    runner = ThreadRunner(1, "qa-mine")
    view = MyEvaluations(services_port(ctx.session), runner)
    window = QMainWindow()
    window.setObjectName("qaMyEvaluationsWindow")
    window.setCentralWidget(view)
    window.setWindowTitle(QCoreApplication.translate("Quality", "我的质检"))
    window.resize(1000, 640)
    return OpenedQuality(
        window, start=view.refresh, close=lambda: runner.wait(3000), extra={"view": view}
    )


__all__ = ["OpenedQuality", "open_my_evaluations", "open_quality_view"]
