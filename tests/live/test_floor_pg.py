"""20 simulated agents on the real PostgreSQL: every case they saved is on the console's
figures (today's totals, direct/dispatched, the hourly chart), the units' flow moved, and
the floor stops with nothing held."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from seat_app.services.live import FloorOptions, LiveFloor, day_start
from seat_app.services.reports.console import ConsolePoller
from seat_app.services.security import users

from .helpers import PASSWORD, central, cheap_hasher

pytestmark = [pytest.mark.live, pytest.mark.pg]

def test_twenty_agents_every_saved_case_is_on_the_console(pg_migrated_url, tmp_path):
    engine = central(pg_migrated_url)
    previous = cheap_hasher()
    try:
        # 20 agents, 30 s of floor time at speed 60 (30 simulated minutes of a busy morning)
        options = FloorOptions(seats=20, speed=60, seed=19, password=PASSWORD,
                               folder=tmp_path / "live", start=day_start(10),
                               flow_round_s=0.5)
        floor = LiveFloor(pg_migrated_url, options)
        floor.prepare()
        report = floor.run(minutes=0.5)
        floor.close()
    finally:
        users.use_hasher(previous)
    assert floor.alive() == 0
    assert report.seconds < 40
    assert len(report.cases_saved) >= 20, report.lines()
    assert not [e for e in report.errors if "refused" in e], report.errors
    snap = ConsolePoller(engine).poll()
    with engine.connect() as conn:
        ids = {r[0] for r in conn.execute(text("SELECT id FROM cases"))}
        direct, dispatched = conn.execute(text(
            "SELECT SUM(CASE WHEN handling = '直接办理' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN handling = '转派' THEN 1 ELSE 0 END) FROM cases")).one()
        held = conn.execute(text(
            "SELECT count(*) FROM queue_items WHERE state = 'claimed'")).scalar_one()
        flowed = conn.execute(text(
            "SELECT count(*) FROM case_dispatch")).scalar_one()
    engine.dispose()
    assert set(report.cases_saved) <= ids
    assert len(ids) == len(report.cases_saved)  # nothing but what the agents saved
    assert snap.today["accepted_total"] == len(report.cases_saved)
    assert snap.today["direct_total"] == direct and snap.today["dispatched_total"] == dispatched
    assert sum(snap.hourly) == len(report.cases_saved)
    assert dispatched > 0 and flowed > 0  # the dispatched cases went on to units
    assert held == 0
    assert all(s.state.value == "offline" for s in snap.seats)
    assert any(q.answered for q in snap.queue_rows)
