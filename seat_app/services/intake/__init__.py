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

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
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
    "Status",
    "Suggester",
    "Suggestion",
    "TooFewCases",
    "TrainReport",
    "TrainingExample",
    "UnknownMatter",
    "correction_example",
    "examples_from",
    "final_cases",
    "kb_route",
    "train",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
