from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from seat_app.domain.analysis.clusters import (
    RepeatCallerParams,
    SamePlaceParams,
    detect_repeat_callers,
    detect_same_place,
)
from seat_app.domain.analysis.errors import ParameterError
from seat_app.domain.analysis.model import AlertKind, CaseRecord

pytestmark = pytest.mark.analysis
T0 = datetime(2025, 6, 3, 8, 0)


def _case(i, hours, phone, address, matter="停水", area="盐湖区"):
    return CaseRecord(f"20250603-T1-{i:04d}", T0 + timedelta(hours=hours), phone, area, address,
                      matter, "停水了")


def _estate(gazetteer):
    return next(p for p in gazetteer.places_in("盐湖区") if p.kind == "小区")


def test_fires_when_the_fifth_distinct_caller_arrives(gazetteer):
    p = _estate(gazetteer)
    forms = [f"{p.name}2号楼", f"盐湖区{p.name}附近", f"{p.township}{p.name}", f"{p.name}门口",
             f"{p.name}2栋", f"{p.name}"]
    cases = [_case(i, 3 * i, f"1390000000{i}", forms[i]) for i in range(6)]
    alerts = detect_same_place(cases, gazetteer)
    assert len(alerts) == 1
    a = alerts[0]
    assert a.kind is AlertKind.SAME_PLACE
    assert a.raised_at == cases[4].received_at  # the 5th distinct caller
    assert a.detail("fired_at_caller") == "5"
    assert a.case_numbers == tuple(c.number for c in cases)  # the 6th grows the same alert
    assert a.observed == 6 and a.scope == f"盐湖区/{p.township}/{p.name} · 停水"


def test_no_alert_for_four_callers_one_caller_five_times_or_a_spread_over_two_days(gazetteer):
    p = _estate(gazetteer)
    four = [_case(i, i, f"1390000000{i}", p.name) for i in range(4)]
    same_phone = [_case(i, i, "13900000000", p.name) for i in range(6)]
    spread = [_case(i, 7 * i, f"1390000000{i}", p.name) for i in range(5)]  # 28 h
    other_matter = [_case(i, i, f"1390000000{i}", p.name, "停电" if i == 2 else "停水")
                    for i in range(5)]
    for cases in (four, same_phone, spread, other_matter):
        assert detect_same_place(cases, gazetteer) == []


def test_configurable_n_and_window(gazetteer):
    p = _estate(gazetteer)
    spread = [_case(i, 7 * i, f"1390000000{i}", p.name) for i in range(5)]
    assert len(detect_same_place(spread, gazetteer, SamePlaceParams(window_hours=30))) == 1
    three = spread[:3]
    assert len(detect_same_place(three, gazetteer,
                                 SamePlaceParams(min_callers=3, window_hours=15))) == 1
    with pytest.raises(ParameterError):
        SamePlaceParams(min_callers=1)


def test_busy_place_needs_more_callers_than_its_usual_rate(gazetteer):
    p = _estate(gazetteer)
    usual = [CaseRecord(f"H{i}", T0 - timedelta(days=28) + timedelta(hours=5 * i), f"1380{i:07d}",
                        "盐湖区", p.name, "停水", "") for i in range(125)]  # ~4.5 a day, ends 2 days before
    burst = [_case(i, i / 2, f"139000000{i:02d}", p.name) for i in range(24)]
    alerts = detect_same_place(usual + burst, gazetteer)
    fired = [a for a in alerts if a.raised_at >= T0]
    assert len(fired) == 1 and 5 < int(fired[0].detail("fired_at_caller")) <= 24
    assert fired[0].expected == pytest.approx(125 / 28)


def test_repeat_caller_is_its_own_kind():
    calls = [CaseRecord(f"R{i}", T0 + timedelta(days=d), "13712345678", "夏县", "", "拖欠工资", "")
             for i, d in enumerate((0, 9, 20, 25))]
    alerts = detect_repeat_callers(calls)
    assert [a.kind for a in alerts] == [AlertKind.REPEAT_CALLER]
    assert alerts[0].raised_at == calls[2].received_at and alerts[0].observed == 4
    assert "137****5678" in alerts[0].scope and "13712345678" not in alerts[0].scope
    assert detect_repeat_callers(calls[:2]) == []
    assert detect_repeat_callers(calls[:3], RepeatCallerParams(window_days=15)) == []
    mixed = [calls[0], calls[1],
             CaseRecord("R9", T0 + timedelta(days=3), "13712345678", "夏县", "", "停水", "")]
    assert detect_repeat_callers(mixed) == []
