"""The annual report from records: the demo year at the test scale reproduces the published
percentages exactly, on SQLite and on PostgreSQL; the CLI's JSON contract; the .xlsx export."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from seat_app.cli import main as seat_admin
from seat_app.demo.plan import plan_profile
from seat_app.demo.year import TEST_SCALE, generate_profile
from seat_app.domain import kpi
from seat_app.services.reports import periodic as reports
from seat_app.services.store.engine import make_engine, upgrade

PUBLISHED = {
    "yoy_growth_pct": 39.33, "direct_pct": 81.87, "dispatched_pct": 18.13,
    "first_answer_rate_pct": 95.94, "overall_satisfaction_pct": 96.95,
    "dispatched_on_time_pct": 99.81, "callback_survey_satisfaction_pct": 83.01,
    "avg_handling_days": 5.05, "supervised_total": 124, "supervised_joint_total": 26,
    "thanks_calls": 926, "thanks_letters": 79, "thanks_banners": 6,
}
CONTRACT = (
    "accepted_total", "direct_total", "direct_pct", "dispatched_total", "dispatched_pct",
    "yoy_growth_pct", "first_answer_rate_pct", "missed_call_returns",
    "overall_satisfaction_pct", "dispatched_on_time_pct", "callback_survey_satisfaction_pct",
    "avg_handling_days", "supervised_total", "supervised_joint_total", "thanks_calls",
    "thanks_letters", "thanks_banners",
)


def _check(engine):
    year, prev = plan_profile("yuncheng-2024", TEST_SCALE)
    report = reports.build_report(engine, reports.year_period(2024))
    assert report.counts == year.counts  # every count, from the records
    for key, value in PUBLISHED.items():
        assert report.figures[key] == value, key
    assert report.figures["accepted_total"] == year.counts.accepted
    before = reports.build_report(engine, reports.year_period(2023))
    assert before.counts.accepted == prev.counts.accepted
    assert sum(n for _, n, _ in report.series["month"]) == year.counts.accepted
    assert len(report.series["month"]) == 12
    # the summer peak and the Spring Festival dip are in the records
    by_month = {k[-2:]: n for k, n, _ in report.series["month"]}
    assert by_month["08"] > by_month["02"]
    return report


def test_demo_year_report_on_sqlite_and_cli_contract(seat_home, capsys, tmp_path):
    url = f"sqlite:///{seat_home / 'central.sqlite3'}"
    assert seat_admin(["demo", "year", "--scale", str(TEST_SCALE)]) == 0
    engine = make_engine(url)
    try:
        report = _check(engine)
        # a day's report of a busy day: hours follow the profile
        day = reports.build_report(engine, reports.day_period(report.period.start.replace(
            month=3, day=4)))
        hours = dict((int(h), n) for h, n, _ in day.series["hour"])
        assert hours.get(9, 0) + hours.get(10, 0) > hours.get(3, 0) + hours.get(4, 0)
        # a tombstoned case no longer counts
        with engine.begin() as conn:
            conn.execute(text("UPDATE cases SET deleted = true WHERE id = (SELECT id FROM"
                              " cases WHERE accepted_at >= '2024-06-01' ORDER BY id LIMIT 1)"))
        again = reports.build_report(engine, reports.year_period(2024))
        assert again.figures["accepted_total"] == report.figures["accepted_total"] - 1
    finally:
        engine.dispose()
    capsys.readouterr()
    out_file = tmp_path / "annual.xlsx"
    assert seat_admin(["report", "annual", "--year", "2024", "--json", "--xlsx",
                       str(out_file)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    data = json.loads(last)
    for key in CONTRACT:
        assert key in data, key
    # one case fewer after the tombstone: 同比 follows the records, not a typed figure
    assert data["yoy_growth_pct"] == kpi.yoy_growth(
        data["accepted_total"], data["accepted_previous_total"]) == 39.32
    assert data["accepted_total"] == again.figures["accepted_total"]
    wb = load_workbook(out_file)
    sheet = wb["指标"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["受理量"] == data["accepted_total"]
    assert values["按期办结率 %"] == 99.81
    assert "按月" in wb.sheetnames


def test_bad_report_input_is_refused_clearly(capsys):
    assert seat_admin(["report", "monthly", "--year", "2024", "--month", "13"]) == 2
    assert "月份" in capsys.readouterr().err
    assert seat_admin(["report", "daily", "--date", "2024-02-30"]) == 2
    assert seat_admin(["demo", "year", "--profile", "nowhere"]) == 2


@pytest.mark.pg
def test_demo_year_report_on_postgresql(pg_url):
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        out = generate_profile(engine, scale=TEST_SCALE)
        assert out["2024"]["cases"] == plan_profile("yuncheng-2024", TEST_SCALE)[0].counts.accepted
        report = _check(engine)
        assert kpi.figures(report.counts) == report.figures
    finally:
        engine.dispose()
