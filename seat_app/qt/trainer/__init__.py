"""The trainer's window (培训师工作台): ``TrainerConsole`` (console.py) and
``open_trainer_view(ctx)`` for the shell (window.py).

    console = TrainerConsole(engine, "3001", ThreadRunner(1, "trainer-central"))
    console.start()          # loads the library, trainees, sessions; the live grid ticks 1/s
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.qt.trainer.console import TrainerConsole
    from seat_app.qt.trainer.window import OpenedTrainer, open_trainer_view

# Public names load on first use (start-up: the console loads only when a trainer signs in).
_EXPORTS = {
    "OpenedTrainer": "window",
    "TrainerConsole": "console",
    "open_trainer_view": "window",
}

__all__ = ["OpenedTrainer", "TrainerConsole", "open_trainer_view"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
