"""The trainer's console in a main window of its own (``open_trainer_view``); the shell wraps
what it returns (``OpenedTrainer``: the shape of qt.shell.OpenedView) as the role's view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from seat_app.qt.trainer.console import TrainerConsole
from seat_app.qt.workers import ThreadRunner
from seat_app.services.store.engine import make_engine


@dataclass
class OpenedTrainer:
    """The same shape as qt.shell.OpenedView (window, start, close, extra): the role folders
    may not import the shell, which wraps it (``OpenedView(**vars(opened))``)."""

    window: Any
    start: Callable[[], None]
    close: Callable[[], None]
    extra: dict[str, Any] = field(default_factory=dict)


def open_trainer_view(ctx: Any) -> OpenedTrainer:
    """The trainer's console in its own main window (ctx: qt.shell.ShellContext: home,
    work_no, name, engine)."""
    engine = ctx.engine
    dispose: Callable[[], None] = lambda: None  # noqa: E731
    if engine is None:
        engine = make_engine(ctx.home.central_url)
        dispose = engine.dispose
    runner = ThreadRunner(1, "trainer-central")
    console = TrainerConsole(engine, ctx.work_no, runner)
    window = QMainWindow()
    window.setObjectName("trainerWindow")
    window.setCentralWidget(console)
    window.setWindowTitle(
        QCoreApplication.translate("Trainer", "培训师工作台 — %1 %2")
        .replace("%1", ctx.work_no)
        .replace("%2", ctx.name)
    )
    window.resize(1280, 820)
    console.message.connect(lambda text: window.statusBar().showMessage(text, 8000))

    def close() -> None:
        console.stop()
        runner.wait(3000)
        dispose()

    return OpenedTrainer(window, start=console.start, close=close, extra={"console": console})


__all__ = ["OpenedTrainer", "open_trainer_view"]
