"""Smart intake: suggest the matter from what the citizen said or wrote (issue 16, phase 1:
the Qt-free core). No Qt; imports seat_app.domain, seat_app.services.config and kb_index.

Typical use::

    from seat_app.services.intake import train, IntakeModel, Suggester, correction_example

    model, report = train(closed_cases)            # (text, final matter) pairs; KB phrases added
    model.save(home.root / "intake" / "model.bin") # versioned, checksummed, no pickle
    s = Suggester(path, searcher=kb_searcher, on_status=show_in_status_bar)
    s.suggest("楼下饭店油烟直排", area="盐湖区")    # [Suggestion(matter, subcategory, domain,
                                                   #   confidence, why), ...] best first, max 3
    ex = correction_example(text, "工业噪声", "工业废气", who="1024")  # outweighs the original

A missing, damaged or outdated model file raises ``ModelUnavailable`` on load; ``Suggester``
then routes by KB search and reports it once through ``status`` / ``take_notice()``.

Central records (phase 2)::

    record_correction(conn, case_id=..., from_matter=..., to_matter=..., stage="return",
                      work_no="4001")               # where a lead or unit changes the matter
    publish_model(engine, model, by="9001")          # seat-admin intake train
    refresh_model(home, engine)                      # the sync loop: fetch a newer model
    suggester.maybe_reload()                         # the window: hot-swap it
    accuracy_report(engine, suggester.suggest, since=...)   # seat-admin intake report
    combine(grid_units, unit_history(engine, matter, area)) # unit suggestion on dispatch
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.intake import bench as bench
    from seat_app.services.intake import central as central
    from seat_app.services.intake.central import (
        RefreshResult,
        publish_model,
        record_correction,
        record_suggestion,
        refresh_model,
    )
    from seat_app.services.intake.corrections import (
        Correction,
        correction_example,
        examples_from,
        final_cases,
    )
    from seat_app.services.intake.errors import (
        IntakeError,
        ModelCorrupt,
        ModelMissing,
        ModelOutdated,
        ModelUnavailable,
        TooFewCases,
        UnknownMatter,
    )
    from seat_app.services.intake.model import FORMAT_VERSION, IntakeModel, Suggestion
    from seat_app.services.intake.paths import model_path
    from seat_app.services.intake.report import accuracy_report
    from seat_app.services.intake.suggest import Status, Suggester, kb_route
    from seat_app.services.intake.training import (
        CORRECTION_WEIGHT,
        MIN_CASES,
        TrainingExample,
        TrainReport,
        train,
    )
    from seat_app.services.intake.units import combine, dropped_units, unit_history

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "RefreshResult": "central",
    "accuracy_report": "report",
    "combine": "units",
    "dropped_units": "units",
    "model_path": "paths",
    "publish_model": "central",
    "record_correction": "central",
    "record_suggestion": "central",
    "refresh_model": "central",
    "unit_history": "units",
    "CORRECTION_WEIGHT": "training",
    "Correction": "corrections",
    "FORMAT_VERSION": "model",
    "IntakeError": "errors",
    "IntakeModel": "model",
    "MIN_CASES": "training",
    "ModelCorrupt": "errors",
    "ModelMissing": "errors",
    "ModelOutdated": "errors",
    "ModelUnavailable": "errors",
    "Status": "suggest",
    "Suggester": "suggest",
    "Suggestion": "model",
    "TooFewCases": "errors",
    "TrainReport": "training",
    "TrainingExample": "training",
    "UnknownMatter": "errors",
    "correction_example": "corrections",
    "examples_from": "corrections",
    "final_cases": "corrections",
    "kb_route": "suggest",
    "train": "training",
}

__all__ = [
    "CORRECTION_WEIGHT",
    "FORMAT_VERSION",
    "MIN_CASES",
    "Correction",
    "IntakeError",
    "IntakeModel",
    "ModelCorrupt",
    "ModelMissing",
    "ModelOutdated",
    "ModelUnavailable",
    "RefreshResult",
    "Status",
    "Suggester",
    "Suggestion",
    "TooFewCases",
    "TrainReport",
    "TrainingExample",
    "UnknownMatter",
    "accuracy_report",
    "combine",
    "correction_example",
    "dropped_units",
    "examples_from",
    "final_cases",
    "kb_route",
    "model_path",
    "publish_model",
    "record_correction",
    "record_suggestion",
    "refresh_model",
    "train",
    "unit_history",
]


# The central side (closed cases, corrections, model versions) and the benchmark load on
# first attribute use too (``intake.central.closed_cases``); not public names.
_MODULES = ("bench", "central")

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, modules=_MODULES)
