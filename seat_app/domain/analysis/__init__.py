"""Analysis: from answering to anticipating (深挖数据, 未诉先办). Pure Python, no Qt, no
services; scipy and datasketch are used when installed (the ``seat[analysis]`` extra) and
pure fallbacks are used otherwise.

Typical use (services load the data files from ``resources/analysis/``)::

    from seat_app.domain.analysis import Gazetteer, daily_pass, fast_pass, weekly_brief
    gaz = Gazetteer.from_dict(json.loads(gazetteer_json))
    gaz.normalise("北城明康亭小区3栋门口", area_hint="盐湖区").place_key
    #  -> "盐湖区/北城街道/明康庭小区"
    result = fast_pass(last_30_days_of_cases, new_since=last_run, gazetteer=gaz)
    stored = merge_alerts(stored, result.alerts)          # ongoing alerts grow
    result = daily_pass(cases, start, end, gaz, WorkingDayCalendar(), tokenize=rjieba.cut,
                        stopwords=stop)
    brief = weekly_brief(cases, monday, stored)

Detectors: :func:`detect_same_place`, :func:`detect_repeat_callers`, :func:`detect_surges`
(surges and slow rises), :func:`detect_emerging_topics`, :func:`near_duplicate_groups`.
Bench: ``python -m seat_app.domain.analysis.bench`` (phase 2: ``seat-admin analysis bench``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.domain.analysis.alerts import apply_budget, grow, merge_alerts
    from seat_app.domain.analysis.brief import (
        MonthProblemCandidate,
        WeeklyBrief,
        month_problem_candidates,
        weekly_brief,
    )
    from seat_app.domain.analysis.clusters import (
        RepeatCallerParams,
        SamePlaceParams,
        detect_repeat_callers,
        detect_same_place,
    )
    from seat_app.domain.analysis.errors import (
        AnalysisError,
        GazetteerError,
        ParameterError,
        TemplateError,
    )
    from seat_app.domain.analysis.location import Gazetteer, LocationKey, Place, clean_address
    from seat_app.domain.analysis.model import KIND_LABELS_ZH, Alert, AlertKind, CaseRecord
    from seat_app.domain.analysis.passes import AnalysisParams, PassResult, daily_pass, fast_pass
    from seat_app.domain.analysis.stats import poisson_sf
    from seat_app.domain.analysis.surge import (
        SurgeParams,
        day_category,
        detect_surges,
        expected_series,
    )
    from seat_app.domain.analysis.topics import (
        TopicParams,
        bigram_tokenize,
        detect_emerging_topics,
        near_duplicate_groups,
    )

# Public names load on first use: importing the package (or one light module such as
# ``location`` or ``model``) does not load the detectors' scipy and numpy (start-up).
# Each name -> the module that defines it.
_EXPORTS = {
    "apply_budget": "alerts",
    "grow": "alerts",
    "merge_alerts": "alerts",
    "MonthProblemCandidate": "brief",
    "WeeklyBrief": "brief",
    "month_problem_candidates": "brief",
    "weekly_brief": "brief",
    "RepeatCallerParams": "clusters",
    "SamePlaceParams": "clusters",
    "detect_repeat_callers": "clusters",
    "detect_same_place": "clusters",
    "AnalysisError": "errors",
    "GazetteerError": "errors",
    "ParameterError": "errors",
    "TemplateError": "errors",
    "Gazetteer": "location",
    "LocationKey": "location",
    "Place": "location",
    "clean_address": "location",
    "Alert": "model",
    "AlertKind": "model",
    "CaseRecord": "model",
    "KIND_LABELS_ZH": "model",
    "AnalysisParams": "passes",
    "PassResult": "passes",
    "daily_pass": "passes",
    "fast_pass": "passes",
    "poisson_sf": "stats",
    "SurgeParams": "surge",
    "day_category": "surge",
    "detect_surges": "surge",
    "expected_series": "surge",
    "TopicParams": "topics",
    "bigram_tokenize": "topics",
    "detect_emerging_topics": "topics",
    "near_duplicate_groups": "topics",
}

__all__ = [
    "KIND_LABELS_ZH",
    "Alert",
    "AlertKind",
    "AnalysisError",
    "AnalysisParams",
    "CaseRecord",
    "Gazetteer",
    "GazetteerError",
    "LocationKey",
    "MonthProblemCandidate",
    "ParameterError",
    "PassResult",
    "Place",
    "RepeatCallerParams",
    "SamePlaceParams",
    "SurgeParams",
    "TemplateError",
    "TopicParams",
    "WeeklyBrief",
    "apply_budget",
    "bigram_tokenize",
    "clean_address",
    "daily_pass",
    "day_category",
    "detect_emerging_topics",
    "detect_repeat_callers",
    "detect_same_place",
    "detect_surges",
    "expected_series",
    "fast_pass",
    "grow",
    "merge_alerts",
    "month_problem_candidates",
    "near_duplicate_groups",
    "poisson_sf",
    "weekly_brief",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
