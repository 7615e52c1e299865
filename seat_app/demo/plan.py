"""The count plan of a demo year: how many records of each kind, fitted to published figures.

``plan_year(spec, scale)`` turns a year's published figures into integer counts such that the
KPI formulas of ``seat_app.domain.kpi`` applied to those counts give the published
percentages exactly wherever the scaled denominators allow it (every two-decimal percentage
is reachable once the denominator is 10,000 or more; at scale 1 every denominator is). The
generator (``demo_year``) then writes exactly these counts as records, and the report
counts them back from the records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal

from seat_app.domain import kpi


@dataclass(frozen=True, slots=True)
class YearSpec:
    """Published (or chosen) figures of one year."""

    year: int
    accepted: int
    dispatched: int
    yoy_growth_pct: float | None
    first_answer_rate_pct: float
    missed_call_returns: int
    overall_satisfaction_pct: float
    dispatched_on_time_pct: float
    callback_survey_satisfaction_pct: float
    avg_handling_days: float
    supervised: int
    supervised_joint: int
    thanks_calls: int
    thanks_letters: int
    thanks_banners: int
    phone_share: float = 0.80
    """Share of accepted requests that came in by phone (the rest online)."""
    rated_share: float = 0.62
    """Share of phone cases whose caller rated the call afterwards."""
    basically_share: float = 0.07
    """Share of ratings that are 基本满意 (the rest of the satisfied ones are 满意)."""
    callback_share: float = 0.78
    """Share of closed dispatched cases with a completed callback survey."""
    retry_share: float = 0.3
    """Missed calls whose caller tried again and got through (not first-attempt answers)."""


YUNCHENG_2024 = YearSpec(
    year=2024,
    accepted=787_843,
    dispatched=142_839,
    yoy_growth_pct=39.33,
    first_answer_rate_pct=95.94,
    missed_call_returns=12_018,
    overall_satisfaction_pct=96.95,
    dispatched_on_time_pct=99.81,
    callback_survey_satisfaction_pct=83.01,
    avg_handling_days=5.05,
    supervised=124,
    supervised_joint=26,
    thanks_calls=926,
    thanks_letters=79,
    thanks_banners=6,
)
"""The 12345 center's published 2024 figures (missed-call returns: "about 12,000")."""

YUNCHENG_2023 = YearSpec(
    year=2023,
    accepted=565_452,
    dispatched=110_263,
    yoy_growth_pct=None,
    first_answer_rate_pct=94.72,
    missed_call_returns=10_460,
    overall_satisfaction_pct=95.88,
    dispatched_on_time_pct=99.52,
    callback_survey_satisfaction_pct=80.46,
    avg_handling_days=5.61,
    supervised=151,
    supervised_joint=31,
    thanks_calls=702,
    thanks_letters=64,
    thanks_banners=4,
    phone_share=0.84,
)
"""The previous year (not published in the article; chosen so that 2024 is up 39.33%)."""

PROFILES: dict[str, tuple[YearSpec, YearSpec]] = {"yuncheng-2024": (YUNCHENG_2024, YUNCHENG_2023)}
"""profile name -> (the year, the year before)."""


@dataclass(frozen=True, slots=True)
class YearPlan:
    """Exact record counts of one demo year."""

    year: int
    counts: kpi.PeriodCounts
    phone_cases: int
    retried_calls: int
    """Answered calls that were not the caller's first attempt (one missed call each)."""

    @property
    def online_cases(self) -> int:
        return self.counts.accepted - self.phone_cases


def fit_numerator(target_pct: float, denominator: int) -> int:
    """The integer n whose ``kpi.pct(n, denominator)`` equals ``target_pct``, or the nearest.

    Among numerators that give the target exactly the one nearest the real ratio is taken.
    """
    if denominator <= 0:
        return 0
    ideal = Decimal(str(target_pct)) * denominator / 100
    best = max(0, min(denominator, int(ideal.to_integral_value())))
    candidates = sorted(
        {max(0, min(denominator, best + d)) for d in (-2, -1, 0, 1, 2)},
        key=lambda n: abs(Decimal(n) - ideal),
    )
    for n in candidates:
        if kpi.pct(n, denominator) == target_pct:
            return n
    return candidates[0]


def fit_previous(current: int, growth_pct: float) -> int:
    """The previous-year count p with ``kpi.yoy_growth(current, p) == growth_pct`` (or nearest)."""
    ideal = Decimal(current) / (1 + Decimal(str(growth_pct)) / 100)
    base = int(ideal.to_integral_value())
    candidates = sorted({max(1, base + d) for d in range(-3, 4)}, key=lambda p: abs(p - ideal))
    for p in candidates:
        if kpi.yoy_growth(current, p) == growth_pct:
            return p
    return candidates[0]


def fit_handling_seconds(days: float, closed: int) -> int:
    """A total of handling seconds whose mean is ``days`` natural days (two decimals)."""
    return int((Decimal(str(days)) * 86400 * closed).to_integral_value())


def _scaled(value: int, scale: float, minimum: int = 0) -> int:
    return max(minimum, round(value * scale))


def plan_year(spec: YearSpec, scale: float = 1.0, *, previous_accepted: int = 0) -> YearPlan:
    """Counts of ``spec`` at ``scale`` (1.0 = the real year).

    Small published counts (supervisions, commendations) are not scaled: they are a few
    hundred records at most and the test scale still has enough dispatched cases for them.
    """
    if not 0 < scale <= 1.0:
        raise ValueError("scale must be in (0, 1]")
    accepted = _scaled(spec.accepted, scale, 10)
    dispatched = int(
        (Decimal(spec.dispatched) * accepted / spec.accepted).to_integral_value()
    )
    direct = accepted - dispatched
    phone = round(accepted * spec.phone_share)
    # Every phone case is one answered call. Some callers missed a first time and got
    # through on a later attempt (retries: answered, not first-attempt); the other missed
    # calls are on the return list. first answer = (phone - retries) / (phone + missed).
    f = Decimal(str(spec.first_answer_rate_pct)) / 100
    k = Decimal(str(spec.retry_share))
    missed_ideal = Decimal(phone) * (1 - f) / (f + k)
    retries = int((missed_ideal * k).to_integral_value())
    answered_first = phone - retries
    offered = phone + int(missed_ideal.to_integral_value())
    for cand in sorted(range(offered - 3, offered + 4),
                       key=lambda n: abs(n - phone - missed_ideal)):
        if kpi.first_answer_rate(answered_first, cand) == spec.first_answer_rate_pct:
            offered = cand
            break
    missed = offered - phone
    returns = min(missed - retries, _scaled(spec.missed_call_returns, scale))
    rated = round(phone * spec.rated_share)
    satisfied_total = fit_numerator(spec.overall_satisfaction_pct, rated)
    basically = min(satisfied_total, round(rated * spec.basically_share))
    closed = dispatched
    on_time = fit_numerator(spec.dispatched_on_time_pct, closed)
    callback_completed = round(closed * spec.callback_share)
    callback_satisfied = fit_numerator(spec.callback_survey_satisfaction_pct, callback_completed)
    if spec.yoy_growth_pct is not None and not previous_accepted:
        previous_accepted = fit_previous(accepted, spec.yoy_growth_pct)
    counts = kpi.PeriodCounts(
        accepted=accepted,
        direct=direct,
        dispatched=dispatched,
        calls_offered=offered,
        calls_answered_first=answered_first,
        missed_calls=missed,
        missed_call_returns=returns,
        rated=rated,
        rated_satisfied=satisfied_total - basically,
        rated_basically_satisfied=basically,
        dispatched_closed=closed,
        dispatched_closed_on_time=on_time,
        handling_seconds=fit_handling_seconds(spec.avg_handling_days, closed),
        callback_completed=callback_completed,
        callback_satisfied=callback_satisfied,
        supervised=min(spec.supervised, dispatched),
        supervised_joint=min(spec.supervised_joint, spec.supervised, dispatched),
        thanks_calls=spec.thanks_calls,
        thanks_letters=spec.thanks_letters,
        thanks_banners=spec.thanks_banners,
        accepted_previous=previous_accepted,
    )
    return YearPlan(spec.year, counts, phone, retries)


def plan_profile(name: str, scale: float = 1.0) -> tuple[YearPlan, YearPlan]:
    """(the year, the year before) of profile ``name``; the year before is sized so that
    the year's 同比 is the published one."""
    try:
        year_spec, prev_spec = PROFILES[name]
    except KeyError:
        raise KeyError(name) from None
    year = plan_year(year_spec, scale)
    prev_accepted = year.counts.accepted_previous
    prev_scale_spec = replace(
        prev_spec,
        accepted=prev_accepted,
        dispatched=int(
            (Decimal(prev_spec.dispatched) * prev_accepted / prev_spec.accepted)
            .to_integral_value()
        ),
        missed_call_returns=_scaled(prev_spec.missed_call_returns, scale),
    )
    prev = plan_year(prev_scale_spec, 1.0)
    return year, prev


def expected_figures(plan: YearPlan) -> dict[str, object]:
    """The figures the report must give for a year generated from ``plan``."""
    return kpi.figures(plan.counts)


def reachable(pct_value: float, denominator: int) -> bool:
    """Whether some integer numerator gives ``pct_value`` over ``denominator``."""
    lo = Decimal(str(pct_value)) - Decimal("0.005")
    hi = Decimal(str(pct_value)) + Decimal("0.005")
    n = math.ceil(lo * denominator / 100)
    return Decimal(n) * 100 / denominator < hi
