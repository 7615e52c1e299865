"""Training core (pure Python, no Qt, no I/O but ``library.load_library``): the rubric
engine shared with quality inspection, practice scenarios, the simulated caller, practice
attempts and their scoring, scripted model/careless agents, and cases turned into scenarios.

Typical use::

    from seat_app.domain.training import rubric_from_dict, evaluate, Judgement, Outcome
    rubric = rubric_from_dict(tomllib.load(fh))          # versioned data
    ev = evaluate(rubric, judgements)                    # one Judgement per item
    ev.score, ev.passed, ev.fatal_failed, ev.to_dict()   # results keep the rubric version

    from seat_app.domain.training import load_library, SimulatedCaller, score_attempt
    lib = load_library(resources_dir() / "training", units=unit_names, kb_exists=has_code)
    s = lib.scenario("S001")
    caller = SimulatedCaller(s); caller.ring(); caller.answer().text   # opening line
    caller.ask("请问具体地址在哪里？").text                               # a fact, when asked
    attempt = PracticeAttempt(s.id, form={...}, steps_used=(...), ...)  # from the window
    ev = score_attempt(s, attempt, lib.rubric, lib.forbidden)          # <= 50 ms
    scenario_from_case(case_row, seed=...)                             # training from-cases

Modules: rubric (the engine), scenario (model, loading), caller (simulated caller), attempt,
practice (practice items -> judgements), agents (model/careless), from_cases, library
(files), bench (benchmark, demo summary), errors.
"""

from __future__ import annotations

from seat_app.domain.training.agents import (
    careless_attempt,
    cross_red_line,
    model_attempt,
    practice_case_number,
    wrong_matter,
)
from seat_app.domain.training.attempt import PracticeAttempt
from seat_app.domain.training.caller import CallerLine, CallState, SimulatedCaller, match_fact
from seat_app.domain.training.errors import (
    CaseNotUsable,
    RowProblem,
    RubricError,
    ScenarioImportError,
    TrainingError,
)
from seat_app.domain.training.from_cases import scenario_from_case
from seat_app.domain.training.library import (
    Library,
    load_library,
    load_rubrics,
    parse_scenarios_json,
    scenarios_json,
)
from seat_app.domain.training.practice import (
    PRACTICE_ITEMS,
    judge_attempt,
    parse_phrases,
    score_attempt,
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
from seat_app.domain.training.scenario import (
    FLAT_FIELDS,
    Expected,
    Fact,
    Mood,
    Persona,
    Scenario,
    Skill,
    load_scenarios,
    row_to_dict,
    scenario_to_dict,
    scenario_to_row,
)

__all__ = [
    "FLAT_FIELDS", "PRACTICE_ITEMS", "Band", "CallState", "CallerLine", "CaseNotUsable",
    "Evaluation", "Expected", "Fact", "ItemResult", "Judgement", "Library", "Mood", "Outcome",
    "Persona", "PracticeAttempt", "RowProblem", "Rubric", "RubricError", "RubricItem",
    "RubricSection", "Scenario", "ScenarioImportError", "SectionResult", "SimulatedCaller",
    "Skill", "TrainingError", "careless_attempt", "cross_red_line", "evaluate",
    "judge_attempt", "load_library", "load_rubrics", "load_scenarios", "match_fact",
    "model_attempt", "parse_phrases", "parse_scenarios_json", "practice_case_number",
    "row_to_dict", "rubric_from_dict", "rubric_to_dict", "scenario_from_case",
    "scenario_to_dict", "scenario_to_row", "scenarios_json", "score_attempt", "wrong_matter",
]
