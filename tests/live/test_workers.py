"""How a live floor spreads its agents over worker processes and its connections over
their pools (no database needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from seat_app.services.live import BadFloorOption, FloorOptions, LiveFloor
from seat_app.services.live.agent import SIGN_IN_AT_ONCE, AgentStats, SaveRecord
from seat_app.services.live.floor import AGENT_POOL, MAX_CONNECTIONS
from seat_app.services.live.workers import AgentView, Update, WorkerPlan, plans_for

from .helpers import PASSWORD

pytestmark = pytest.mark.live

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/unused"


@pytest.mark.parametrize(
    ("seats", "workers", "url", "cpus", "expected"),
    [
        (200, None, PG, 8, 4),  # one process per 50 seats, at most 4
        (120, None, PG, 8, 3),
        (200, None, PG, 4, 2),  # at most half the CPUs
        (200, None, PG, 2, 0),  # 2 cores: threads (measured faster there)
        (50, None, PG, 8, 0),  # a small floor stays in one process (the 20-agent test too)
        (200, None, "sqlite:///x.sqlite3", 8, 0),  # SQLite: one writer, threads only
        (200, 2, PG, 2, 2),  # asked for: always
        (3, 8, PG, 8, 3),  # never more processes than agents
        (200, 0, PG, 8, 0),
    ],
)
def test_the_number_of_worker_processes(seats, workers, url, cpus, expected):
    options = FloorOptions(seats=seats, workers=workers, password=PASSWORD)
    assert options.worker_count(url, cpus=cpus) == expected


def test_a_bad_worker_count_is_refused_in_both_languages():
    with pytest.raises(BadFloorOption) as caught:
        LiveFloor(PG, FloorOptions(seats=4, workers=99, password=PASSWORD))
    assert "--workers" in caught.value.en and "--workers" in caught.value.zh


@pytest.mark.parametrize("workers", [1, 2, 3, 4, 7])
def test_seats_are_dealt_to_workers_and_the_pools_stay_within_the_budget(workers):
    seats = [(f"L{i:03d}", str(7001 + i), i) for i in range(200)]
    base = WorkerPlan(
        worker=0,
        central_url=PG,
        seats=(),
        password=PASSWORD,
        folder=Path("."),
        profile=FloorOptions().profile,
        speed=20,
        idle_poll_s=1.0,
        pool=0,
    )
    plans = plans_for(seats=seats, workers=workers, pool_total=AGENT_POOL, base=base)
    assert len(plans) == workers
    dealt = [s for plan in plans for s in plan.seats]
    assert sorted(dealt) == sorted(seats)  # every agent once
    assert max(len(p.seats) for p in plans) - min(len(p.seats) for p in plans) <= 1
    assert sum(p.pool for p in plans) <= AGENT_POOL
    assert [p.worker for p in plans] == list(range(workers))
    # the floor's whole budget on a shared server (100 connections by default)
    assert MAX_CONNECTIONS <= 40 and SIGN_IN_AT_ONCE <= 4


def test_an_agent_view_takes_updates_whole():
    view = AgentView("L001", "7001")
    record = SaveRecord(
        at=1.0, case_id="c1", local_ms=5.0, complete_ms=2.0, push_ms=9.0, on_central=True
    )
    refused = SaveRecord(
        at=2.0, case_id="c2", local_ms=6.0, complete_ms=0.0, push_ms=3.0, on_central=False
    )
    view.apply(Update("L001", "ready", (record,), (), (1, 0, 0, 0, 2)))
    view.apply(
        Update("L001", "on_call", (refused,), ("case x refused centrally",), (2, 0, 0, 0, 4))
    )
    assert view.state == "on_call"
    assert view.stats.claimed == 2 and view.stats.state_writes == 4
    assert view.stats.saved == ["c1"]  # only what central acknowledged
    assert view.stats.local_ms == [5.0, 6.0]
    assert view.stats.save_ms == [14.0, 9.0]  # the save to central's acknowledgement
    assert view.stats.errors == ["case x refused centrally"]
    assert isinstance(view.stats, AgentStats)
