"""KPI formulas on small hand-checked data sets (design.md's exact definitions)."""

from __future__ import annotations

import pytest

from seat_app.domain import kpi


def test_percentages_round_half_up_to_two_decimals():
    # 645004 / 787843 = 0.818700...: the published split 81.87 / 18.13 from the counts
    assert kpi.direct_resolution_rate(645_004, 787_843) == 81.87
    assert kpi.dispatch_rate(142_839, 787_843) == 18.13
    # exactly half a hundredth goes up: 1/8 = 12.5 %, 1/16 = 6.25 %, 1/32 = 3.125 %
    assert kpi.pct(1, 32) == 3.13
    assert kpi.pct(1, 3) == 33.33
    assert kpi.pct(2, 3) == 66.67
    assert kpi.pct(0, 5) == 0.0
    assert kpi.pct(5, 5) == 100.0


def test_empty_denominator_gives_no_figure_and_bad_counts_are_refused():
    assert kpi.pct(0, 0) is None
    assert kpi.avg_handling_days(0, 0) is None
    assert kpi.yoy_growth(10, 0) is None
    with pytest.raises(ValueError):
        kpi.pct(6, 5)
    with pytest.raises(ValueError):
        kpi.pct(-1, 5)


def test_satisfaction_counts_satisfied_and_basically_satisfied_over_rated():
    # 7 satisfied + 2 basically + 1 unsatisfied: 90 %
    assert kpi.overall_satisfaction(7, 2, 10) == 90.0
    # 3 + 0 of 7 rated = 42.857... -> 42.86
    assert kpi.overall_satisfaction(3, 0, 7) == 42.86


def test_on_time_first_answer_and_callback():
    assert kpi.on_time_rate(998, 1000) == 99.8
    assert kpi.first_answer_rate(19, 20) == 95.0
    assert kpi.callback_satisfaction(5, 6) == 83.33


def test_average_handling_days_from_summed_seconds():
    # three cases closed after 1 day, 2 days and 12 hours: (1 + 2 + 0.5) / 3 = 1.1666... -> 1.17
    seconds = 86400 + 2 * 86400 + 43200
    assert kpi.avg_handling_days(seconds, 3) == 1.17
    assert kpi.avg_handling_days(5.05 * 86400 * 4, 4) == 5.05


def test_yoy_growth():
    assert kpi.yoy_growth(787_843, 565_452) == 39.33
    assert kpi.yoy_growth(90, 100) == -10.0
    assert kpi.yoy_growth(100, 100) == 0.0


def test_figures_dict_has_the_report_contract_keys():
    counts = kpi.PeriodCounts(
        accepted=10, direct=8, dispatched=2, calls_offered=10, calls_answered_first=9,
        missed_calls=1, missed_call_returns=1, rated=4, rated_satisfied=2,
        rated_basically_satisfied=1, dispatched_closed=2, dispatched_closed_on_time=1,
        handling_seconds=3 * 86400, callback_completed=2, callback_satisfied=1, supervised=1,
        supervised_joint=0, thanks_calls=3, thanks_letters=2, thanks_banners=1,
        accepted_previous=8,
    )
    out = kpi.figures(counts)
    assert out["direct_pct"] == 80.0 and out["dispatched_pct"] == 20.0
    assert out["first_answer_rate_pct"] == 90.0
    assert out["overall_satisfaction_pct"] == 75.0
    assert out["dispatched_on_time_pct"] == 50.0
    assert out["callback_survey_satisfaction_pct"] == 50.0
    assert out["avg_handling_days"] == 1.5
    assert out["yoy_growth_pct"] == 25.0
    for key in ("accepted_total", "missed_call_returns", "supervised_joint_total",
                "thanks_calls", "thanks_letters", "thanks_banners"):
        assert key in out


def test_targets():
    target = kpi.Target("x", "x", 95.0)
    assert target.met(95.0) is True
    assert target.met(94.99) is False
    assert target.met(None) is None
    assert kpi.Target("y", "y", 3.0, higher_is_better=False).met(2.0) is True
