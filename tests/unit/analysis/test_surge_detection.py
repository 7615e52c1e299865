"""Surges against a baseline with weekday, holiday and seasonal factors (issue 17): what must
not alert (weekday rhythm, holidays, the Spring Festival dip, a season last year also had),
what must (a 2x surge found by its second day), and an ongoing surge is one alert."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pytest

from seat_app.domain.analysis.alerts import merge_alerts
from seat_app.domain.analysis.model import AlertKind, CaseRecord
from seat_app.domain.analysis.stats import binom_sf
from seat_app.domain.analysis.surge import (
    SurgeParams,
    day_category,
    detect_surges,
    expected_series,
    window_p,
)
from seat_app.domain.calendar import WorkingDayCalendar

pytestmark = pytest.mark.analysis
CAL = WorkingDayCalendar(strict=False)
SCOPE = "夏县 · 停水"
WEEKDAY = (1.3, 1.1, 1.0, 1.0, 0.85)  # Monday busiest, Friday quietest
KIND = {"weekend": 0.6, "holiday": 0.5, "spring": 0.3}


def _rhythm(day: date) -> float:
    """The hotline's day factor: weekday rhythm, weekends, holidays, Spring Festival."""
    cat = day_category(day, CAL)
    return WEEKDAY[int(cat[2])] if cat.startswith("wd") else KIND[cat]


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _cases(first: date, last: date, rate: Callable[[date], float], seed: int) -> list[CaseRecord]:
    """One series (停水 in 夏县) at ``rate`` times the day factor, beside a busy steady
    series (the totals the day factors are estimated from)."""
    rng = random.Random(seed)
    out: list[CaseRecord] = []
    day = first
    while day <= last:
        f = _rhythm(day)
        for (matter, area), lam in (
            (("停水", "夏县"), rate(day) * f),
            (("表扬感谢", "盐湖区"), 40 * f),
        ):
            for _ in range(_poisson(rng, lam)):
                t = datetime.combine(day, time(rng.randrange(7, 21), rng.randrange(60)))
                out.append(
                    CaseRecord(
                        f"{day:%Y%m%d}-{len(out):06d}",
                        t,
                        f"1{rng.randrange(10**10):010d}",
                        area,
                        "",
                        matter,
                        "",
                    )
                )
        day += timedelta(days=1)
    return out


def _mine(alerts, kind=None):
    return [a for a in alerts if a.scope == SCOPE and (kind is None or a.kind is kind)]


def test_the_conditional_test_knows_a_small_baseline_is_uncertain():
    # 6 cases in a day after 28 in 28 days: a Poisson tail against 1.0 says 6e-4; a
    # baseline of 28 cases could itself be low, so the exact conditional test says more
    from seat_app.domain.analysis.stats import poisson_sf

    p = window_p(6, 28, 28.0, 1.0)
    assert p == pytest.approx(binom_sf(6, 34, 1 / 29))
    assert p > poisson_sf(6, 1.0)
    # with a long, busy baseline it tends to the Poisson tail
    assert window_p(6, 28_000, 28_000.0, 1.0) == pytest.approx(poisson_sf(6, 1.0), rel=0.01)


def test_weekday_rhythm_is_expected_and_does_not_alert():
    cases = _cases(date(2025, 2, 17), date(2025, 6, 30), lambda d: 6.0, 21)
    start, end = date(2025, 4, 7), date(2025, 6, 30)
    assert _mine(detect_surges(cases, start, end, CAL)) == []
    band = expected_series(cases, "停水", "夏县", start, end, CAL)
    mondays = [d.expected for d in band if day_category(d.day, CAL) == "wd0"]
    fridays = [d.expected for d in band if day_category(d.day, CAL) == "wd4"]
    assert sum(mondays) / len(mondays) > 1.3 * sum(fridays) / len(fridays)


def test_holidays_and_the_days_after_them_do_not_alert():
    # National Day week (1-8 October 2025) at half the rate, then the make-up weekend
    cases = _cases(date(2025, 7, 20), date(2025, 11, 15), lambda d: 8.0, 22)
    assert _mine(detect_surges(cases, date(2025, 9, 15), date(2025, 11, 15), CAL)) == []


def test_spring_festival_dip_and_the_return_after_it_do_not_alert():
    cases = _cases(date(2024, 11, 1), date(2025, 3, 31), lambda d: 7.0, 23)
    assert _mine(detect_surges(cases, date(2025, 1, 10), date(2025, 3, 31), CAL)) == []


def test_a_season_last_year_also_had_does_not_alert_but_a_new_one_does():
    def flooding(d: date) -> float:
        return 9.0 if d.month == 7 else 4.5 if d.month == 8 else 1.5

    cases = _cases(date(2023, 5, 1), date(2024, 8, 31), flooding, 24)
    this_year = _mine(
        detect_surges(cases, date(2024, 6, 15), date(2024, 8, 31), CAL), AlertKind.SURGE
    )
    assert this_year == []
    first_year = _mine(
        detect_surges(
            [c for c in cases if c.received_at.year == 2023],
            date(2023, 6, 15),
            date(2023, 8, 31),
            CAL,
        ),
        AlertKind.SURGE,
    )
    assert first_year and first_year[0].first_case_at.date() >= date(2023, 7, 1)


@pytest.mark.parametrize("seed", [31, 32, 33])
def test_a_doubling_for_three_days_is_found_by_its_second_day(seed):
    surge = {date(2025, 6, 10) + timedelta(days=i) for i in range(3)}  # Tuesday..Thursday
    cases = _cases(
        date(2025, 3, 1), date(2025, 6, 30), lambda d: 40.0 if d in surge else 20.0, seed
    )
    alerts = _mine(detect_surges(cases, date(2025, 5, 1), date(2025, 6, 30), CAL), AlertKind.SURGE)
    assert len(alerts) == 1
    a = alerts[0]
    assert a.raised_at <= datetime(2025, 6, 12)  # the end of its second day: <= 48 h
    assert date(2025, 6, 9) <= a.first_case_at.date() <= date(2025, 6, 10)
    assert a.observed > 1.5 * a.expected


def test_an_ongoing_surge_is_one_alert_that_grows_night_by_night():
    surge = {date(2025, 6, 10) + timedelta(days=i) for i in range(8)}
    cases = _cases(date(2025, 3, 1), date(2025, 6, 25), lambda d: 24.0 if d in surge else 10.0, 41)
    whole = _mine(detect_surges(cases, date(2025, 5, 1), date(2025, 6, 25), CAL), AlertKind.SURGE)
    assert len(whole) == 1 and int(whole[0].detail("days")) >= 6
    stored: list = []
    sizes = []
    for night in range(20):  # the nightly pass: each day with the history before it
        day = date(2025, 6, 6) + timedelta(days=night)
        seen = [c for c in cases if c.received_at.date() <= day]
        stored = merge_alerts(stored, _mine(detect_surges(seen, day, day, CAL), AlertKind.SURGE))
        sizes.append(len(stored[0].case_numbers) if stored else 0)
    assert len(stored) == 1, [a.key for a in stored]
    assert stored[0].raised_at <= datetime(2025, 6, 13)  # by its third day
    grown = [b for a, b in pairwise(sizes) if b > a]
    assert len(grown) >= 3  # it grew on later nights instead of a new alert each night


def test_a_flat_series_stays_quiet_at_every_rate():
    for rate, seed in ((0.3, 51), (1.5, 52), (12.0, 53)):
        cases = _cases(date(2025, 1, 1), date(2025, 12, 31), lambda d, r=rate: r, seed)
        assert _mine(detect_surges(cases, date(2025, 3, 1), date(2025, 12, 31), CAL)) == []


def test_parameters_of_the_test_are_checked():
    from seat_app.domain.analysis.errors import ParameterError

    with pytest.raises(ParameterError):
        SurgeParams(test="z-score")
    with pytest.raises(ParameterError):
        SurgeParams(quiet_days=0)


def test_a_new_center_with_five_weeks_of_history_gets_a_baseline():
    surge = {date(2025, 4, 8), date(2025, 4, 9), date(2025, 4, 10)}
    cases = _cases(date(2025, 2, 25), date(2025, 4, 20), lambda d: 40.0 if d in surge else 20.0, 61)
    band = expected_series(cases, "停水", "夏县", date(2025, 4, 1), date(2025, 4, 20), CAL)
    assert all(d.expected > 0 for d in band)  # 28+ days of baseline before each day
    alerts = _mine(detect_surges(cases, date(2025, 4, 1), date(2025, 4, 20), CAL), AlertKind.SURGE)
    assert len(alerts) == 1 and alerts[0].raised_at <= datetime(2025, 4, 10)
    with pytest.raises(Exception, match="min_baseline_days"):
        SurgeParams(min_baseline_days=5)
