from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from seat_app.domain.analysis.alerts import apply_budget, merge_alerts
from seat_app.domain.analysis.model import Alert, AlertKind

pytestmark = pytest.mark.analysis
T = datetime(2025, 6, 1)


def _alert(kind, scope, day, numbers, score=1.0):
    t = T + timedelta(days=day)
    return Alert(kind, scope, float(len(numbers)), 1.0, t, t + timedelta(hours=5), tuple(numbers),
                 t + timedelta(hours=5), f"{kind.value}|{scope}|{day}", score)


def test_a_continuing_alert_grows_instead_of_repeating():
    stored = [_alert(AlertKind.SURGE, "夏县 · 停水", 0, ["1", "2"])]
    run = [_alert(AlertKind.SURGE, "夏县 · 停水", 1, ["2", "3"]),
           _alert(AlertKind.SURGE, "夏县 · 停电", 1, ["9"]),
           _alert(AlertKind.SURGE, "夏县 · 停水", 9, ["7"])]
    merged = merge_alerts(stored, run)
    water = [a for a in merged if a.scope == "夏县 · 停水"]
    assert len(water) == 2
    grown = water[0]
    assert grown.key == stored[0].key and grown.raised_at == stored[0].raised_at
    assert grown.case_numbers == ("1", "2", "3") and grown.last_case_at == run[0].last_case_at
    assert water[1].case_numbers == ("7",)
    assert len(merged) == 3


def test_daily_budget_keeps_the_strongest_and_spares_other_kinds():
    day0 = [_alert(AlertKind.SURGE, f"s{i}", 0, [str(i)], score=i) for i in range(6)]
    other = [_alert(AlertKind.SAME_PLACE, "p", 0, ["x"])]
    day1 = [_alert(AlertKind.SLOW_RISE, "r", 1, ["y"], 0.5)]
    kept, held = apply_budget(day0 + other + day1, 2,
                              frozenset({AlertKind.SURGE, AlertKind.SLOW_RISE}))
    assert sorted(a.scope for a in kept) == ["p", "r", "s4", "s5"]
    assert sorted(a.scope for a in held) == ["s0", "s1", "s2", "s3"]
