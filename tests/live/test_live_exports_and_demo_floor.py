"""The live package's public names (lazy, from their modules) and the demo floor's
``workers`` option (``seat-admin demo live --workers K`` and ``console bench --workers K``
pass it straight through, no floor built twice)."""

from __future__ import annotations

import pytest

import seat_app.services.live as live
from seat_app.demo import home as demo_home
from seat_app.services.config import SeatHome
from seat_app.services.live import agent, floor, workers
from seat_app.services.store.engine import make_engine, upgrade


def test_the_package_exports_the_floor_s_parts():
    assert live.SaveRecord is agent.SaveRecord
    assert live.Beater is agent.Beater
    assert live.WorkerGroup is workers.WorkerGroup
    assert live.AgentView is workers.AgentView
    assert live.MAX_CONNECTIONS == floor.MAX_CONNECTIONS
    assert set(live.__all__) == set(live._EXPORTS)


@pytest.mark.parametrize(("asked", "runs"), [(None, 0), (0, 0), (2, 2)])
def test_the_demo_floor_takes_its_worker_processes(seat_home, tmp_path, asked, runs):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    built = demo_home.live_floor(SeatHome(seat_home), url, seats=4, workers=asked)
    try:
        assert built.options.workers == asked
        assert built.workers == runs  # None on SQLite: threads
    finally:
        built.close()
