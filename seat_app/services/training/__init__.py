"""Training services: the scenario library in the central database, practice sessions,
practice cases and their scored review, results. No Qt. Practice data lives only in the
``training_*`` tables (store/models_training.py): never in ``cases``, the outbox, the queue
or a report.

Typical use::

    from seat_app.services.training import library, sessions, practice, results
    library.ensure_starter(engine)                          # starter scenarios, rubric v1
    info = sessions.create_session(engine, trainer="3001", title="第3期",
                                   trainees=("1001",), scenario_ids=("S001", "S002"))
    s, version = sessions.begin_scenario(engine, info.id, "1001")
    review = practice.save_practice(engine, work_no="1001", scenario_id=s.id,
                                    attempt=attempt, session_id=info.id)
    results.session_results(engine, info.id)                 # rows, weakest items, ready?

Modules: library (scenarios, rubrics, import/export), sessions (set-up, live grid, hints),
practice (case numbers, save + score), results (per trainee x scenario, progress,
certification, .xlsx), demo (``seat-admin training demo``), bench (``seat-admin training
bench``), errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.training import bench as bench
    from seat_app.services.training import demo as demo
    from seat_app.services.training import library as library
    from seat_app.services.training import practice as practice
    from seat_app.services.training import results as results
    from seat_app.services.training import sessions as sessions
    from seat_app.services.training.errors import (
        ExportError,
        NotFound,
        NotPermitted,
        SessionClosed,
    )

_MODULES = ("bench", "demo", "library", "practice", "results", "sessions")
_EXPORTS = {
    "ExportError": "errors",
    "NotFound": "errors",
    "NotPermitted": "errors",
    "SessionClosed": "errors",
}

# The submodules (_MODULES) load on first attribute use too, but are not public names:
# a public name never shadows a submodule (tests/unit/test_services_layout.py).
__all__ = ["ExportError", "NotFound", "NotPermitted", "SessionClosed"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, modules=_MODULES)
