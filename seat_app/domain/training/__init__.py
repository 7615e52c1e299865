"""Training core (pure Python, no Qt, no I/O but ``library.load_library``): the rubric
engine shared with quality inspection, practice scenarios, the simulated caller, practice
attempts and their scoring, scripted model/careless agents, and cases turned into scenarios.

Typical use::

    from seat_app.domain.training import rubric_from_dict, evaluate, Judgement, Outcome
    rubric = rubric_from_dict(tomllib.load(fh))          # versioned data
    ev = evaluate(rubric, judgements)                    # one Judgement per item
    ev.score, ev.passed, ev.fatal_failed, ev.to_dict()   # results keep the rubric version
"""

from __future__ import annotations

from seat_app.domain.training.errors import (
    CaseNotUsable,
    RowProblem,
    RubricError,
    ScenarioImportError,
    TrainingError,
)
from seat_app.domain.training.rubric import (
    Band,
    Evaluation,
    ItemResult,
    Judgement,
    Outcome,
    Rubric,
    RubricItem,
    RubricSection,
    SectionResult,
    evaluate,
    rubric_from_dict,
    rubric_to_dict,
)

__all__ = [
    "Band", "CaseNotUsable", "Evaluation", "ItemResult", "Judgement", "Outcome", "RowProblem",
    "Rubric", "RubricError", "RubricItem", "RubricSection", "ScenarioImportError",
    "SectionResult", "TrainingError", "evaluate", "rubric_from_dict", "rubric_to_dict",
]
