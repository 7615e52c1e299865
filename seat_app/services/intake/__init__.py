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
then routes by KB search and reports it once through ``status``.
"""

from __future__ import annotations

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
from seat_app.services.intake.suggest import Status, Suggester, kb_route
from seat_app.services.intake.training import (
    CORRECTION_WEIGHT,
    MIN_CASES,
    TrainingExample,
    TrainReport,
    train,
)

__all__ = [
    "CORRECTION_WEIGHT", "FORMAT_VERSION", "MIN_CASES", "Correction", "IntakeError",
    "IntakeModel", "ModelCorrupt", "ModelMissing", "ModelOutdated", "ModelUnavailable",
    "Status", "Suggester", "Suggestion", "TooFewCases", "TrainReport", "TrainingExample",
    "UnknownMatter", "correction_example", "examples_from", "final_cases", "kb_route", "train",
]
