"""Claim race on real PostgreSQL: 8 seat processes, 10,000 items, some killed with kill -9,
one stalled past its lease. Every item is handled exactly once, the dead seats' items come
back when their leases expire, and the stalled seat's late completion is refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from seat_app.services.queue.service import QueueService
from seat_app.services.store.engine import make_engine, upgrade

ITEMS = 10_000
WORKERS = 8
LEASE_S = 1.0

WORKER = r'''
import sys, time
from datetime import timedelta
from sqlalchemy import text
from seat_app.services.store.engine import make_engine
from seat_app.services.queue.service import QueueService, StaleLease

url, seat, mode, lease_s, out = sys.argv[1:6]
engine = make_engine(url, pool_size=1, pool_pre_ping=False)
q = QueueService(engine, lease=timedelta(seconds=float(lease_s)))
log = open(out, "a", buffering=1)

def handled(claim):
    def write(conn):
        conn.execute(text("INSERT INTO race_handled (item_id, seat, token) VALUES (:i, :s, :t)"),
                     {"i": claim.item_id, "s": seat, "t": claim.token})
    return write

if mode == "stall":
    claim = q.claim(seat)
    log.write(f"claimed {claim.item_id}\n")
    # a frozen seat: it wakes only once its lease has run out AND another seat holds the
    # item (an observed event, not a guessed sleep)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            count = conn.execute(text("SELECT claim_count FROM queue_items WHERE id = :i"),
                                 {"i": claim.item_id}).scalar_one()
        if count > claim.token:
            break
        time.sleep(0.05)
    try:
        q.complete(claim, within=handled(claim))
        log.write(f"completed-late {claim.item_id}\n")
    except StaleLease:
        log.write(f"stale-rejected {claim.item_id}\n")
    sys.exit(0)

idle = 0
while True:
    claim = q.claim(seat)
    if claim is None:
        with engine.connect() as conn:
            left = conn.execute(text("SELECT COUNT(*) FROM queue_items WHERE state <> 'done'")).scalar_one()
        if left == 0:
            break
        time.sleep(0.1)  # leases of dead seats still running
        continue
    log.write(f"claimed {claim.item_id}\n")
    try:
        q.complete(claim, within=handled(claim))
    except StaleLease:
        log.write(f"stale-rejected {claim.item_id}\n")
'''


@pytest.mark.pg
@pytest.mark.reliability
def test_claim_race_with_kill_9_and_a_stalled_seat(pg_url, tmp_path: Path):
    engine = make_engine(pg_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE race_handled (item_id VARCHAR(36) NOT NULL,"
                          " seat VARCHAR(8) NOT NULL, token INTEGER NOT NULL)"))
    q = QueueService(engine)
    channels = ("APP", "网站", "信箱", "窗口")
    for start in range(0, ITEMS, 2500):
        q.enqueue_many((channels[i % 4], {"n": i}) for i in range(start, start + 2500))
    script = tmp_path / "worker.py"
    script.write_text(WORKER, "utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    def spawn(seat: str, mode: str = "work") -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, str(script), pg_url, seat, mode, str(LEASE_S),
             str(tmp_path / f"{seat}.log")], env=env)

    started = time.monotonic()
    stalled = spawn("STALL", "stall")
    procs = {f"W{i}": spawn(f"W{i}") for i in range(WORKERS - 1)}
    # let work get going, then kill two seats in the middle of their work
    victims = ["W1", "W4"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        logs = [tmp_path / f"{v}.log" for v in victims]
        if all(p.exists() and p.stat().st_size > 2000 for p in logs):
            break
        time.sleep(0.05)
    for v in victims:
        os.kill(procs[v].pid, signal.SIGKILL)
    for name, p in procs.items():
        code = p.wait(timeout=180)
        if name in victims:
            assert code == -signal.SIGKILL
        else:
            assert code == 0, name
    assert stalled.wait(timeout=60) == 0
    elapsed = time.monotonic() - started

    with engine.connect() as conn:
        states = dict(conn.execute(
            text("SELECT state, COUNT(*) FROM queue_items GROUP BY state")).all())
        total, distinct = conn.execute(
            text("SELECT COUNT(*), COUNT(DISTINCT item_id) FROM race_handled")).one()
        reclaimed = conn.execute(
            text("SELECT COUNT(*) FROM queue_items WHERE claim_count > 1")).scalar_one()
        per_seat = dict(conn.execute(
            text("SELECT seat, COUNT(*) FROM race_handled GROUP BY seat")).all())
        # each handled row is the final, valid claim of its item
        mismatched = conn.execute(text(
            "SELECT COUNT(*) FROM race_handled h JOIN queue_items q ON q.id = h.item_id"
            " WHERE q.lease_holder <> h.seat OR q.claim_count <> h.token")).scalar_one()
    engine.dispose()

    assert states == {"done": ITEMS}
    assert (total, distinct) == (ITEMS, ITEMS)  # every item handled exactly once
    assert mismatched == 0
    stall_log = (tmp_path / "STALL.log").read_text().split()
    assert stall_log[0] == "claimed" and stall_log[2] == "stale-rejected"
    assert "STALL" not in per_seat  # its late completion wrote nothing
    # the stalled seat's item and the killed seats' items were claimed again
    assert reclaimed >= 1
    with make_engine(pg_url).connect() as conn:
        stall_item = conn.execute(
            text("SELECT claim_count, lease_holder FROM queue_items WHERE id = :i"),
            {"i": stall_log[1]}).one()
    assert stall_item[0] >= 2 and stall_item[1] != "STALL"
    for v in victims:
        assert per_seat.get(v, 0) > 0  # they did work before they died
    print(f"claim race: {ITEMS} items, {WORKERS} processes, {elapsed:.1f} s, "
          f"{reclaimed} reclaimed, per seat {per_seat}")
