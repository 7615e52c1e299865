"""The two passes services run centrally: the fast pass (every few minutes: same place and
repeat callers over recent cases) and the daily pass (every detector)."""

from __future__ import annotations

import time as _time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from seat_app.domain.analysis.alerts import apply_budget
from seat_app.domain.analysis.clusters import (
    RepeatCallerParams,
    SamePlaceParams,
    detect_repeat_callers,
    detect_same_place,
)
from seat_app.domain.analysis.location import Gazetteer
from seat_app.domain.analysis.model import Alert, AlertKind, CaseRecord
from seat_app.domain.analysis.surge import SurgeParams, detect_surges
from seat_app.domain.analysis.topics import (
    TermCache,
    Tokenizer,
    TopicParams,
    bigram_tokenize,
    detect_emerging_topics,
)
from seat_app.domain.calendar import WorkingDayCalendar


@dataclass(frozen=True, slots=True)
class AnalysisParams:
    same_place: SamePlaceParams = field(default_factory=SamePlaceParams)
    repeat_caller: RepeatCallerParams = field(default_factory=RepeatCallerParams)
    surge: SurgeParams = field(default_factory=SurgeParams)
    topics: TopicParams = field(default_factory=TopicParams)
    count_budget_per_day: int = 4
    """Daily budget of new surge + slow-rise alerts (the strongest are kept)."""


@dataclass
class PassResult:
    alerts: list[Alert]
    held_back: list[Alert] = field(default_factory=list)
    """Alerts over the daily budget (kept for the record, not shown as new)."""
    seconds: dict[str, float] = field(default_factory=dict)


def fast_pass(
    recent: Sequence[CaseRecord],
    new_since: datetime,
    gazetteer: Gazetteer,
    params: AnalysisParams = AnalysisParams(),
) -> PassResult:
    """Same place over ``recent`` (which should reach back the cluster window before
    ``new_since``) and repeat callers for the phones of cases since ``new_since`` (``recent``
    should reach back the repeat window). Returns alerts touching a case since ``new_since``;
    services fold them into stored alerts with :func:`merge_alerts`."""
    t0 = _time.perf_counter()
    lookback = new_since - timedelta(hours=params.same_place.window_hours)
    near = [c for c in recent if c.received_at >= lookback]
    new_numbers = {c.number for c in recent if c.received_at >= new_since}
    same = [
        a
        for a in detect_same_place(near, gazetteer, params.same_place)
        if new_numbers.intersection(a.case_numbers)
    ]
    t1 = _time.perf_counter()
    phones = {c.caller_phone for c in recent if c.number in new_numbers}
    rep = [
        a
        for a in detect_repeat_callers(
            [c for c in recent if c.caller_phone in phones], params.repeat_caller
        )
        if new_numbers.intersection(a.case_numbers)
    ]
    t2 = _time.perf_counter()
    return PassResult(same + rep, [], {"same_place": t1 - t0, "repeat_caller": t2 - t1})


def daily_pass(
    cases: Iterable[CaseRecord],
    start: date,
    end: date,
    gazetteer: Gazetteer,
    calendar: WorkingDayCalendar,
    *,
    tokenize: Tokenizer = bigram_tokenize,
    stopwords: frozenset[str] = frozenset(),
    params: AnalysisParams = AnalysisParams(),
    term_cache: TermCache | None = None,
) -> PassResult:
    """Every detector over cases first seen from ``start`` to ``end`` (``cases`` reaching back
    for baselines). The count alerts go through the daily budget. ``term_cache`` (kept by
    the caller) spares segmenting again the texts an earlier pass has met."""
    cases = list(cases)
    seconds: dict[str, float] = {}
    first = datetime.combine(start, datetime.min.time())
    t = _time.perf_counter()
    same = [
        a
        for a in detect_same_place(
            [c for c in cases if c.received_at >= first - timedelta(days=29)],
            gazetteer,
            params.same_place,
        )
        if a.raised_at >= first
    ]
    seconds["same_place"] = _time.perf_counter() - t
    t = _time.perf_counter()
    since = first - timedelta(days=params.repeat_caller.window_days)
    rep = [
        a
        for a in detect_repeat_callers(
            [c for c in cases if c.received_at >= since], params.repeat_caller
        )
        if a.raised_at >= first
    ]
    seconds["repeat_caller"] = _time.perf_counter() - t
    t = _time.perf_counter()
    counts = detect_surges(cases, start, end, calendar, params.surge)
    kept, held = apply_budget(
        counts, params.count_budget_per_day, frozenset({AlertKind.SURGE, AlertKind.SLOW_RISE})
    )
    seconds["surge+slow_rise"] = _time.perf_counter() - t
    t = _time.perf_counter()
    recent = first - timedelta(days=params.topics.recent_days + params.topics.reference_days + 1)
    topics = detect_emerging_topics(
        [c for c in cases if c.received_at >= recent],
        start,
        end,
        tokenize=tokenize,
        stopwords=stopwords,
        params=params.topics,
        cache=term_cache,
    )
    seconds["emerging_topic"] = _time.perf_counter() - t
    alerts = sorted(same + rep + kept + topics, key=lambda a: (a.raised_at, a.key))
    return PassResult(alerts, held, seconds)
