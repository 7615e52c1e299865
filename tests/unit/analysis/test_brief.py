"""The brief's figures against a week computed by hand (see the comments)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from seat_app.domain.analysis.brief import month_problem_candidates, weekly_brief
from seat_app.domain.analysis.model import Alert, AlertKind, CaseRecord

pytestmark = pytest.mark.analysis
MONDAY = date(2025, 6, 9)
_n = iter(range(10_000))


def c(day: date, matter: str, *, handling="直接办理", channel="电话", text="", address="",
      satisfaction="", unit="", hour=10) -> CaseRecord:
    i = next(_n)
    return CaseRecord(f"N{i:05d}", datetime(day.year, day.month, day.day, hour), f"1{i:010d}",
                      "夏县", address, matter, text or f"{matter}{i}", channel, handling, unit,
                      "closed", satisfaction)


def _week() -> list[CaseRecord]:
    d = [MONDAY + timedelta(days=i) for i in range(7)]
    p = [MONDAY - timedelta(days=7 - i) for i in range(7)]
    this = [
        c(d[0], "停水", text="康馨小区停水了一整天", address="康馨小区", satisfaction="满意"),
        c(d[1], "停水", text="康馨小区停水了一整天了", address="康馨小区", satisfaction="不满意"),
        c(d[2], "停水", text="康馨小区3号楼停水了一整天", address="康馨小区"),
        c(d[3], "停水", handling="转派", text="水费怎么交", unit="夏县供水公司",
          satisfaction="基本满意"),
        c(d[1], "停电", handling="转派", channel="微信"),
        c(d[4], "停电", handling="转派"),
        c(d[2], "拖欠工资"), c(d[5], "拖欠工资"), c(d[6], "拖欠工资", hour=23),
        c(d[6], "装修噪声"),
    ]
    prev = [c(p[0], "停水", address="A", satisfaction="不满意"), c(p[1], "停水", address="B"),
            *[c(p[i], "拖欠工资") for i in range(4)], c(p[5], "公积金提取"), c(p[6], "公积金提取")]
    ly_next = MONDAY + timedelta(days=7 - 364)  # 2024-06-17, last year's "next week"
    last_year = ([c(ly_next + timedelta(days=i % 7), "城市积水内涝") for i in range(6)]
                 + [c(ly_next - timedelta(days=1 + 6 * i), "城市积水内涝") for i in range(4)]
                 + [c(ly_next + timedelta(days=i % 7), "停水") for i in range(5)]
                 + [c(ly_next - timedelta(days=1 + i), "停水") for i in range(20)]
                 + [c(ly_next + timedelta(days=i), "防汛") for i in range(4)])
    outside = [c(MONDAY + timedelta(days=7), "停水")]  # the next Monday: not in the week
    return this + prev + last_year + outside


def _alert(kind, raised: datetime, scope: str) -> Alert:
    return Alert(kind, scope, 5.0, 1.0, raised, raised, ("N1",), raised, f"{kind}{scope}", 1.0)


def test_weekly_brief_figures_match_the_hand_computed_week():
    alerts = [_alert(AlertKind.SAME_PLACE, datetime(2025, 6, 10, 15), "夏县/…/康馨小区 · 停水"),
              _alert(AlertKind.SAME_PLACE, datetime(2025, 6, 12, 9), "夏县/…/B · 停电"),
              _alert(AlertKind.SURGE, datetime(2025, 6, 16, 0), "夏县 · 停水"),  # end of Sunday
              _alert(AlertKind.SURGE, datetime(2025, 6, 8, 12), "夏县 · 停电")]  # week before
    b = weekly_brief(_week(), MONDAY, alerts)
    assert (b.week_start, b.week_end) == (MONDAY, date(2025, 6, 15))
    o = b.overview
    # 10 this week, 8 the week before: 环比 (10-8)/8 = 25%; 7 direct (70%), 3 dispatched (30%)
    assert (o.accepted, o.previous, o.change_pct) == (10, 8, 25.0)
    assert (o.direct, o.dispatched, o.direct_rate, o.dispatch_rate) == (7, 3, 70.0, 30.0)
    assert o.by_channel == (("电话", 9), ("微信", 1))
    # by domain, in taxonomy order: 生态环境 1, 公用事业 6 (2 before), 劳动 3 (4 before),
    # 财税与营商 0 (2 before)
    assert [(r.domain, r.count, r.share_pct, r.previous, r.change_pct) for r in b.categories] == [
        ("生态环境", 1, 10.0, 0, None), ("公用事业", 6, 60.0, 2, 200.0),
        ("劳动和社会保障", 3, 30.0, 4, -25.0), ("财税与营商", 0, 0.0, 2, -100.0)]
    assert [r.domain for r in b.top_domains] == ["公用事业", "劳动和社会保障", "生态环境"]
    assert [(h.matter, h.count, h.previous, h.change_pct) for h in b.hot_topics] == [
        ("停水", 4, 2, 100.0), ("拖欠工资", 3, 4, -25.0), ("停电", 2, 0, None),
        ("装修噪声", 1, 0, None)]
    assert set(b.hot_topics[0].typical_texts) == {
        "康馨小区停水了一整天", "康馨小区停水了一整天了", "康馨小区3号楼停水了一整天"}
    assert [(r.kind, r.count) for r in b.alert_review] == [
        (AlertKind.SAME_PLACE, 2), (AlertKind.SURGE, 1)]
    # last year, the week matching next week: 城市积水内涝 6 against a usual 4/4 = 1 a week;
    # 停水 5 against 20/4 = 5 (ratio 1); 防汛 4 (below the minimum of 5)
    assert [(w.matter, w.last_year_count, w.last_year_usual, w.ratio)
            for w in b.next_week_watch] == [("城市积水内涝", 6, 1.0, 6.0)]
    assert b.suggestions == ""


def test_problem_of_the_month_candidates():
    rows = month_problem_candidates(_week(), date(2025, 6, 20), lambda c: c.address)
    water = next(r for r in rows if r.matter == "停水")
    # Jul 2024 - Jun 2025: 4 + 2 + the next Monday's 1 = 7; Jul 2023 - Jun 2024: 5 + 20 = 25
    assert (water.volume_12m, water.volume_prev_12m, water.yoy_pct) == (7, 25, -72.0)
    # places: 康馨小区 x3, A, B -> 3 of 5 repeat; rated 4 (满意, 不满意, 基本满意, 不满意) -> 2 unhappy
    assert (water.repeat_address_share_pct, water.dissatisfaction_pct) == (60.0, 50.0)
    assert water.units == ("夏县供水公司",) and water.units_involved == 1
    assert rows[0].matter == "停水" and [r.volume_12m for r in rows] == sorted(
        (r.volume_12m for r in rows), reverse=True)
