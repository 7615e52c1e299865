"""``seat-admin analysis run`` / ``alerts`` on a central database fed by ``cases import``
(the way a center's history and acceptance's own events arrive): a same-place cluster at
an estate the gazetteer does not know, a repeat caller, a surge; one ongoing alert grows
instead of duplicating; the lead's actions are recorded with their reason."""

from __future__ import annotations

import json
import random
import shutil
from datetime import UTC, date, datetime, timedelta

import pytest

from seat_app.cli import main
from seat_app.services.analysis import central
from seat_app.services.analysis.case_import import import_cases
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.store.engine import make_engine, upgrade
from tests.analysis.helpers import good_row, write_csv

pytestmark = pytest.mark.analysis

MATTERS = ("停电", "违章停车", "社会生活噪声", "公积金提取", "医保报销", "道路破损", "生活垃圾清运")
AREAS = ("盐湖区", "永济市", "河津市", "临猗县")


def _background(days: int, first: date, rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for d in range(days):
        day = first + timedelta(days=d)
        for k in range(rng.randrange(18, 26)):
            rows.append(good_row(0, **{
                "工单号": f"BG{day:%Y%m%d}{k:03d}", "受理时间": f"{day} {8 + k % 10:02d}:{k:02d}",
                "来电号码": f"13{rng.randrange(10**9):09d}", "区域": rng.choice(AREAS),
                "地点": "", "事项": rng.choice(MATTERS), "诉求内容": "来电咨询相关政策。"}))
    return rows


def _cluster(day: date, n: int, start: int = 0) -> list[dict[str, str]]:
    return [good_row(0, **{
        "工单号": f"EV{day:%Y%m%d}{start + i:02d}", "受理时间": f"{day} {9 + i:02d}:15",
        "来电号码": f"1380000{start + i:04d}", "区域": "盐湖区",
        "地点": ["金色家园小区5栋", "盐湖区金色家园5号楼附近", "金色家园 三号楼 门口"][i % 3],
        "事项": "停水", "诉求内容": f"金色家园{i + 1}号楼停水一整天了，没有任何通知。"})
        for i in range(n)]


def _repeat(day: date) -> list[dict[str, str]]:
    return [good_row(0, **{
        "工单号": f"RP{day:%Y%m%d}{i}", "受理时间": f"{day + timedelta(days=i)} 10:00",
        "来电号码": "13912345678", "区域": "河津市", "地点": "", "事项": "拖欠工资",
        "诉求内容": "老板拖欠我三个月工资一直不给。"}) for i in range(4)]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("central") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    assert import_grid(engine, demo_grid_path()).ok
    engine.dispose()
    return path


@pytest.fixture
def engine(template, seat_home):
    from seat_app.services import config

    url = config.open_home().central_url
    target = url.removeprefix("sqlite:///")
    shutil.copy(template, target)
    eng = make_engine(url)
    yield eng
    eng.dispose()


def test_cluster_repeat_caller_grow_and_actions(engine, tmp_path, capsys):
    rng = random.Random(7)
    first = date(2024, 3, 1)
    event_day = date(2024, 4, 10)
    rows = _background(45, first, rng) + _cluster(event_day, 6) + _repeat(date(2024, 4, 2))
    report = import_cases(engine, write_csv(tmp_path / "h.csv", rows))
    assert report.ok, report.errors[:3]
    runs = central.run_analysis(engine, since=first)
    assert [r.kind for r in runs] == ["daily"] and runs[0].new >= 2

    assert main(["analysis", "alerts", "--since", "2024-03-01", "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    same = [a for a in lines if a["kind"] == "same_place"]
    assert len(same) == 1
    a = same[0]
    assert a["scope"].startswith("盐湖区//金色家园")
    assert set(a["case_numbers"]) == {f"EV{event_day:%Y%m%d}{i:02d}" for i in range(6)}
    assert a["first_case_at"] == f"{event_day}T09:15:00"  # local time, as the cases said
    assert a["last_case_at"] == f"{event_day}T14:15:00"
    assert a["observed"] == 6 and a["expected"] < 1
    rep = [a for a in lines if a["kind"] == "repeat_caller"]
    assert len(rep) == 1 and len(rep[0]["case_numbers"]) >= 3
    assert "拖欠工资" in rep[0]["scope"]
    assert {x["kind"] for x in lines} <= {"same_place", "repeat_caller", "surge", "slow_rise",
                                         "emerging_topic"}

    # the same cluster goes on the next morning: the stored alert grows, no second one
    more = _cluster(event_day, 3, start=20)
    for r in more:
        r["受理时间"] = r["受理时间"].replace(str(event_day), str(event_day)).replace(" 09:", " 16:")\
            .replace(" 10:", " 17:").replace(" 11:", " 18:")
    assert import_cases(engine, write_csv(tmp_path / "m.csv", more)).added == 3
    runs = central.run_analysis(engine, since=event_day)
    with engine.connect() as conn:
        stored = central.load_alerts(conn, since=central.local_midnight(first))
    same_now = [s for s in stored if s.alert.kind.value == "same_place"]
    assert len(same_now) == 1
    assert len(same_now[0].alert.case_numbers) == 9
    assert runs[0].grown >= 1

    # running again changes nothing
    again = central.run_analysis(engine, since=event_day)
    assert again[0].new == 0 and again[0].grown == 0

    alert_id = same_now[0].id
    with pytest.raises(central.AnalysisRefused):
        central.act(engine, alert_id, "dismiss", reason="  ")
    assert central.act(engine, alert_id, "supervise", reason="水务局督办", work_no="2001") \
        == "supervised"
    assert main(["analysis", "act", alert_id[:8], "dismiss", "--reason", "已核实为计划停水",
                 "--work-no", "2001"]) == 0
    acts = central.actions_of(engine, alert_id)
    assert [(x.action, x.reason) for x in acts] == [("supervise", "水务局督办"),
                                                   ("dismiss", "已核实为计划停水")]


def test_scheduled_run_fast_then_daily(engine, tmp_path):
    """Without --since: the fast pass reads the cases since the last run, and the daily
    pass runs once a day has ended."""
    today = date(2024, 5, 20)
    rows = _background(30, today - timedelta(days=30), random.Random(3)) + _cluster(today, 5)
    assert import_cases(engine, write_csv(tmp_path / "h.csv", rows)).ok
    now = datetime(2024, 5, 20, 15, 0, tzinfo=UTC)  # 23:00 local
    runs = central.run_analysis(engine, now=now)
    assert [r.kind for r in runs] == ["daily", "fast"]
    fast = runs[1]
    assert fast.new == 1  # today's cluster, found by the fast pass
    later = central.run_analysis(engine, now=now + timedelta(minutes=5))
    assert [r.kind for r in later] == ["fast"] and later[0].new == 0
    next_day = central.run_analysis(engine, now=now + timedelta(hours=12))
    assert [r.kind for r in next_day] == ["daily", "fast"]
    assert next_day[0].new == 0  # the daily pass found the same cluster: it did not duplicate
