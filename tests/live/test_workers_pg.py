"""A live floor whose agents run in worker processes, on the real PostgreSQL: every case
they saved is on central, each save carries its three times, the floor stays within its
connections, and a stop -- by the floor, or by Ctrl+C on ``seat-admin demo live`` -- leaves
nothing half-written (no item held, every seat offline, no beat, every outbox empty)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from seat_app.services.live import FloorOptions, LiveFloor, day_start
from seat_app.services.live.floor import MAX_CONNECTIONS
from seat_app.services.local.store import LocalStore
from seat_app.services.security import users

from .helpers import PASSWORD, central, cheap_hasher

pytestmark = [pytest.mark.live, pytest.mark.pg]


def _connections(engine, db: str) -> int:
    with engine.connect() as conn:
        n = conn.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE datname = :d"), {"d": db}
        ).scalar_one()
    return int(n) - 1  # this one


def _left_over(engine, seats: list[str], folder: Path) -> dict:
    with engine.connect() as conn:
        held = conn.execute(
            text("SELECT count(*) FROM queue_items WHERE state = 'claimed'")
        ).scalar_one()
        states = dict(conn.execute(text("SELECT code, state FROM seats")).all())
        beats = conn.execute(text("SELECT count(*) FROM seat_beats")).scalar_one()
        cases = {r[0] for r in conn.execute(text("SELECT id FROM cases"))}
    pending = 0
    for code in seats:
        store = LocalStore.open_path(folder / f"{code}.sqlite3", seat_code=code)
        try:
            pending += len(store.pending_ops())
        finally:
            store.close()
    return {
        "held": held,
        "states": {states.get(c) for c in seats},
        "beats": beats,
        "cases": cases,
        "pending": pending,
    }


def test_agents_in_two_processes_save_on_central_and_stop_cleanly(pg_migrated_url, tmp_path):
    engine = central(pg_migrated_url)
    db = make_url(pg_migrated_url).database
    previous = cheap_hasher()
    try:
        options = FloorOptions(
            seats=6,
            speed=120,
            seed=5,
            password=PASSWORD,
            folder=tmp_path / "live",
            start=day_start(10),
            idle_poll_s=0.2,
            flow_round_s=0.5,
            workers=2,
        )
        floor = LiveFloor(pg_migrated_url, options)
        assert floor.workers == 2
        floor.prepare()
        floor.start()
        peak = 0
        for _ in range(900):  # until 6 cases are on central (or 90 s)
            peak = max(peak, _connections(engine, db))
            if sum(len(a.stats.saved) for a in floor.agents) >= 6:
                break
            time.sleep(0.1)
        states_seen = {a.state for a in floor.agents}
        floor.stop()
        report = floor.report()
        floor.close()
    finally:
        users.use_hasher(previous)
    assert floor.alive() == 0
    assert [p.exitcode for p in floor._group.processes] == [0, 0]
    assert states_seen - {"offline"}, "the workers' states reach the floor while they run"
    assert len(report.cases_saved) >= 6, report.lines()
    assert not [e for e in report.errors if "refused" in e or "worker" in e], report.errors
    assert peak <= MAX_CONNECTIONS
    for agent in floor.agents:
        for r in agent.stats.saves:
            assert r.local_ms > 0 and r.push_ms >= r.complete_ms >= 0
    left = _left_over(engine, [floor.seat_code(i) for i in range(6)], tmp_path / "live")
    engine.dispose()
    assert set(report.cases_saved) <= left["cases"]
    assert left["held"] == 0 and left["beats"] == 0 and left["pending"] == 0
    assert left["states"] == {"offline"}


def test_ctrl_c_stops_every_worker_cleanly(pg_migrated_url, tmp_path):
    """Ctrl+C reaches the whole process group (the workers too): the workers ignore it,
    the command stops them, every agent finishes its case and signs out."""
    engine = central(pg_migrated_url)
    home = tmp_path / "home"
    env = {**os.environ, "SEAT_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "seat_app.cli", "--lang", "en", "demo", "live",
           "--seats", "4", "--workers", "2", "--speed", "120", "--start-hour", "10",
           "--url", pg_migrated_url]  # fmt: skip
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal
    )
    try:
        seen = ""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            chunk = os.read(proc.stderr.fileno(), 4096).decode(errors="replace")
            if not chunk:
                break
            seen += chunk
            saved = [int(n) for n in re.findall(r"(\d+) cases saved", seen)]
            if saved and max(saved) >= 2:
                break
        assert re.search(r"[2-9]\d* cases saved|\d{2,} cases saved", seen), seen[-2000:]
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C in the terminal
        out, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, (out, err[-2000:])
    assert "Stopped: every simulated agent finished its case and signed out." in out
    printed = int(re.search(r"cases saved (\d+)", out).group(1))
    assert "errors 0" in out, out
    left = _left_over(engine, [f"L{i:03d}" for i in range(1, 5)], home / "live")
    engine.dispose()
    assert left["held"] == 0 and left["beats"] == 0 and left["pending"] == 0
    assert left["states"] == {"offline"}
    assert len(left["cases"]) == printed  # every case it counted is on central, no other
