from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

import pytest

from seat_app.domain.analysis.model import AlertKind, CaseRecord
from seat_app.domain.analysis.stats import poisson_sf, poisson_sf_pure
from seat_app.domain.analysis.surge import (
    SurgeParams,
    day_category,
    detect_surges,
    estimate_day_factors,
)
from seat_app.domain.calendar import WorkingDayCalendar

pytestmark = pytest.mark.analysis
CAL = WorkingDayCalendar(strict=False)
FACTORS = {"work": 1.0, "weekend": 0.6, "holiday": 0.5, "spring": 0.3}


def _factor(day: date) -> float:
    cat = day_category(day, CAL)
    return FACTORS["work" if cat.startswith("wd") else cat]


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _series(first: date, last: date, rate, seed: int, matter: str = "停水", area: str = "夏县",
            background: bool = True) -> list[CaseRecord]:
    """Cases of one series (and, for the day factors, a large steady background series)."""
    rng = random.Random(seed)
    out = []
    day = first
    while day <= last:
        f = _factor(day)
        for key, lam in (((matter, area), rate(day) * f),
                         (("表扬感谢", "盐湖区"), 25 * f) if background else (None, 0)):
            if key is None:
                continue
            for _ in range(_poisson(rng, lam)):
                t = datetime.combine(day, time(rng.randrange(8, 20), rng.randrange(60)))
                out.append(CaseRecord(f"{day:%Y%m%d}-{len(out):06d}", t, f"1{rng.randrange(10**10)}",
                                      key[1], "", key[0], ""))
        day += timedelta(days=1)
    return out


def _mine(alerts, kind=None):
    return [a for a in alerts if a.scope == "夏县 · 停水" and (kind is None or a.kind is kind)]


def test_poisson_tail_pure_matches_direct_sum_and_scipy():
    for k, lam in ((0, 2.0), (1, 0.1), (5, 1.0), (12, 3.0), (40, 10.0), (3, 7.5)):
        direct = 1.0 - sum(math.exp(-lam) * lam**i / math.factorial(i) for i in range(k))
        assert poisson_sf_pure(k, lam) == pytest.approx(direct, rel=1e-9, abs=1e-15)
        assert poisson_sf(k, lam) == pytest.approx(direct, rel=1e-9, abs=1e-15)
    # far tail, where 1 - cdf would cancel to 0
    assert 0 < poisson_sf_pure(60, 5.0) < 1e-30


def test_day_categories_follow_the_working_day_calendar():
    assert day_category(date(2025, 1, 29), CAL) == "spring"
    assert day_category(date(2025, 10, 1), CAL) == "holiday"
    assert day_category(date(2025, 9, 28), CAL).startswith("wd")  # make-up Sunday
    assert day_category(date(2025, 3, 8), CAL) == "weekend"
    cases = _series(date(2024, 12, 1), date(2025, 3, 31), lambda d: 0.0, 1)
    totals: dict[date, int] = {}
    for c in cases:
        totals[c.received_at.date()] = totals.get(c.received_at.date(), 0) + 1
    f = estimate_day_factors(totals, CAL)
    assert f["weekend"] == pytest.approx(0.6, abs=0.08)
    assert f["spring"] == pytest.approx(0.3, abs=0.08)


def test_a_doubling_for_four_days_is_one_growing_surge_alert():
    start, end = date(2025, 5, 12), date(2025, 6, 30)
    surge_days = {date(2025, 6, 9) + timedelta(days=i) for i in range(4)}
    cases = _series(date(2025, 3, 1), end, lambda d: 12.0 if d in surge_days else 4.0, 7)
    alerts = _mine(detect_surges(cases, start, end, CAL), AlertKind.SURGE)
    assert len(alerts) == 1
    a = alerts[0]
    assert a.first_case_at.date() == date(2025, 6, 9)
    assert a.raised_at <= datetime(2025, 6, 12)  # by the end of the third day
    assert a.observed > 2 * a.expected and int(a.detail("days")) >= 3
    flat = _series(date(2025, 3, 1), end, lambda d: 4.0, 7)
    assert _mine(detect_surges(flat, start, end, CAL)) == []


def test_spring_festival_dip_and_weekends_do_not_alert():
    # a year with holidays and weekends at their usual factors: nothing unusual happens
    cases = _series(date(2024, 11, 15), date(2025, 4, 30), lambda d: 5.0, 11)
    alerts = _mine(detect_surges(cases, date(2025, 1, 1), date(2025, 4, 30), CAL))
    assert alerts == []


def test_seasonal_rise_alerts_without_history_but_not_when_last_year_had_it():
    def heating(d: date) -> float:
        return 12.0 if (d.month in (11, 12) and d.day >= 15) or d.month == 12 else 2.0

    cases = _series(date(2023, 9, 1), date(2024, 12, 31), heating, 5)
    first_year = _mine(detect_surges([c for c in cases if c.received_at.year == 2023],
                                     date(2023, 11, 1), date(2023, 12, 31), CAL))
    assert first_year, "a jump with no history to explain it is a surge"
    second_year = _mine(detect_surges(cases, date(2024, 11, 1), date(2024, 12, 31), CAL))
    assert second_year == []


def test_slow_rise_is_caught_by_the_cusum():
    start, end = date(2025, 4, 1), date(2025, 7, 31)

    def ramp(d: date) -> float:
        days = (d - date(2025, 5, 1)).days
        return 4.0 * (1 + 1.5 * min(max(days, 0) / 28, 1.0))

    cases = _series(date(2025, 2, 1), end, ramp, 3)
    slow = _mine(detect_surges(cases, start, end, CAL), AlertKind.SLOW_RISE)
    assert len(slow) == 1 and date(2025, 5, 1) <= slow[0].raised_at.date() <= date(2025, 6, 15)
    flat = _series(date(2025, 2, 1), end, lambda d: 4.0, 3)
    assert _mine(detect_surges(flat, start, end, CAL), AlertKind.SLOW_RISE) == []


def test_parameters_are_checked():
    from seat_app.domain.analysis.errors import ParameterError

    with pytest.raises(ParameterError):
        SurgeParams(gap_days=2)


def test_expected_series_gives_the_chart_band():
    from seat_app.domain.analysis.surge import expected_series

    cases = _series(date(2025, 3, 1), date(2025, 5, 31), lambda d: 4.0, 9)
    days = expected_series(cases, "停水", "夏县", date(2025, 5, 1), date(2025, 5, 31), CAL)
    assert days[0].day == date(2025, 5, 1) and len(days) == 31
    work = [d.expected for d in days if d.day.weekday() < 5 and day_category(d.day, CAL) != "holiday"]
    weekend = [d.expected for d in days if day_category(d.day, CAL) == "weekend"]
    assert 3.0 < sum(work) / len(work) < 5.0
    assert sum(weekend) / len(weekend) < 0.8 * sum(work) / len(work)
    assert sum(d.observed for d in days) == sum(1 for c in cases if c.matter == "停水"
                                                and c.received_at.month == 5)
