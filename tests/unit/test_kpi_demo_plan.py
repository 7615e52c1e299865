"""The demo year's count plan gives the center's published 2024 figures exactly."""

from __future__ import annotations

import pytest

from seat_app.demo.plan import fit_numerator, plan_profile, reachable
from seat_app.demo.year import TEST_SCALE
from seat_app.domain import kpi

PUBLISHED_PCT = {
    "yoy_growth_pct": 39.33,
    "direct_pct": 81.87,
    "dispatched_pct": 18.13,
    "first_answer_rate_pct": 95.94,
    "overall_satisfaction_pct": 96.95,
    "dispatched_on_time_pct": 99.81,
    "callback_survey_satisfaction_pct": 83.01,
    "avg_handling_days": 5.05,
}
PUBLISHED_COUNTS = {
    "accepted_total": 787_843,
    "direct_total": 645_004,
    "dispatched_total": 142_839,
    "supervised_total": 124,
    "supervised_joint_total": 26,
    "thanks_calls": 926,
    "thanks_letters": 79,
    "thanks_banners": 6,
}


def test_full_scale_plan_reproduces_the_published_figures():
    year, prev = plan_profile("yuncheng-2024", 1.0)
    figures = kpi.figures(year.counts)
    for key, value in {**PUBLISHED_PCT, **PUBLISHED_COUNTS}.items():
        assert figures[key] == value, key
    assert 11_500 <= figures["missed_call_returns"] <= 12_500  # "about 12,000"
    assert prev.counts.accepted == year.counts.accepted_previous
    assert 1_340_000 < year.counts.accepted + prev.counts.accepted < 1_360_000


def test_test_scale_reproduces_every_published_percentage():
    year, _prev = plan_profile("yuncheng-2024", TEST_SCALE)
    figures = kpi.figures(year.counts)
    for key, value in PUBLISHED_PCT.items():
        assert figures[key] == value, key
    for key in ("supervised_total", "supervised_joint_total", "thanks_calls", "thanks_letters",
                "thanks_banners"):
        assert figures[key] == PUBLISHED_COUNTS[key]
    assert year.counts.accepted < 15_000


def test_not_every_scale_can_and_the_plan_says_so():
    # 99.81 % over 1,428 closed cases is not a fraction n/1428 at two decimals
    assert not reachable(99.81, 1428)
    assert reachable(99.81, 2143)
    n = fit_numerator(99.81, 1428)
    assert kpi.pct(n, 1428) != 99.81 and abs(kpi.pct(n, 1428) - 99.81) < 0.1


@pytest.mark.parametrize("target,den", [(83.01, 111_414), (96.95, 390_770), (12.5, 8)])
def test_fit_numerator_hits_reachable_targets(target, den):
    assert kpi.pct(fit_numerator(target, den), den) == target
