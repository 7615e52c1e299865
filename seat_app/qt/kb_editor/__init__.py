"""The knowledge maintainer's workbench (kb_editor and admin): ``Workbench`` (workbench.py)
and ``open_kb_editor_view(ctx)`` for the shell.

    port = services_port(engine, "6001")
    bench = Workbench(port, ThreadRunner(1, "kb-central"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from seat_app._lazy import lazy_exports
from seat_app.qt.workers import ThreadRunner
from seat_app.services import kb, store

if TYPE_CHECKING:
    from seat_app.qt.kb_editor.workbench import Workbench, WorkbenchPort


def services_port(engine: Any, who: str) -> WorkbenchPort:
    """The workbench's services on ``engine`` (the signed-in maintainer's connection)."""
    # lazy: start-up: the workbench loads only when a maintainer opens it (not with the shell)
    from seat_app.qt.kb_editor.workbench import WorkbenchPort

    return WorkbenchPort(
        upkeep=kb.upkeep.Upkeep(engine, who),
        corrections=kb.corrections,
        searchlog=kb.searchlog,
        engine=engine,
        add_synonym=kb.upkeep.add_synonym,
        units=lambda area: kb.upkeep.grid_units(engine, area),
    )


@dataclass
class OpenedWorkbench:
    """The same shape as qt.shell.OpenedView (window, start, close, extra): the role folders
    may not import the shell, which wraps it (``OpenedView(**vars(opened))``)."""

    window: Any
    start: Callable[[], None]
    close: Callable[[], None]
    extra: dict[str, Any] = field(default_factory=dict)


def open_kb_editor_view(ctx: Any) -> OpenedWorkbench:
    """The maintainer's workbench in its own main window (ctx: qt.shell.ShellContext: home,
    work_no, name, engine)."""
    # lazy: start-up: the workbench loads only when a maintainer opens it (not with the shell)
    from seat_app.qt.kb_editor.workbench import Workbench

    engine = ctx.engine
    dispose = lambda: None  # noqa: E731
    if engine is None:
        engine = store.make_engine(ctx.home.central_url)
        dispose = engine.dispose
    runner = ThreadRunner(1, "kb-central")
    bench = Workbench(services_port(engine, ctx.work_no), runner)
    window = QMainWindow()
    window.setObjectName("kbEditorWindow")
    window.setCentralWidget(bench)
    window.setWindowTitle(
        QCoreApplication.translate("KbEditor", "知识库维护 — %1 %2")
        .replace("%1", ctx.work_no)
        .replace("%2", ctx.name)
    )
    window.resize(1280, 820)
    bench.message.connect(lambda text: window.statusBar().showMessage(text, 8000))

    def close() -> None:
        runner.wait(3000)
        dispose()

    return OpenedWorkbench(window, start=bench.refresh, close=close, extra={"workbench": bench})


# ``Workbench`` and ``WorkbenchPort`` load on first use too (start-up, as above).
_EXPORTS = {"Workbench": "workbench", "WorkbenchPort": "workbench"}

__all__ = ["OpenedWorkbench", "Workbench", "WorkbenchPort", "open_kb_editor_view", "services_port"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
