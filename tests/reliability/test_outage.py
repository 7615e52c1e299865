"""Scenario 4: an outage of the central database during 2,000 saves.

The seat's sync engine first points at a closed port on 127.0.0.1 (nothing listens: the
central database is unreachable) and runs in the background while the agent saves 2,000
cases; every save still succeeds, the engine says offline and the outbox grows. Then the
real database is back: the outbox drains and central equals local, row for row.
"""

from __future__ import annotations

import threading
import time

import pytest

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.sync.engine import SyncEngine, SyncState, sync_status

SAVES = 2000
COMPARED = ("case_number", "description", "caller_phone", "status", "handling", "agent",
            "seat_code", "created_at", "closed_at", "revision", "deleted")


@pytest.mark.reliability
def test_outage_saves_keep_working_and_drain_after_reconnect(tmp_path, rel, central_url, central):
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S07")
    service = CaseService(store, agent="1001")

    dead = SyncEngine(store, rel.closed_port_url(), batch_size=500, backoff_base_s=0.05,
                      backoff_max_s=0.2)
    stop = threading.Event()
    reports = []
    background = threading.Thread(
        target=dead.run_forever, args=(stop, 0.05, reports.append), daemon=True
    )
    background.start()
    started = time.perf_counter()
    latencies = []
    try:
        for i in range(SAVES):
            t0 = time.perf_counter()
            service.create({**rel.CASE, "description": f"outage-{i}"})
            latencies.append(time.perf_counter() - t0)
    finally:
        stop.set()
        background.join(timeout=30)
        dead.close()
    save_seconds = time.perf_counter() - started
    assert not background.is_alive()
    # the seat kept working: every save stored, the engine tried and said offline
    assert store.count("cases") == SAVES
    offline_attempts = sum(1 for r in reports if r.state == SyncState.OFFLINE)
    assert reports and offline_attempts == len(reports)
    status = sync_status(store)
    assert status.state == "offline"
    assert status.pending_ops == 3 * SAVES
    assert status.last_push_at is None
    assert "离线" in dead.status().label
    assert rel.count(central, "cases") == 0

    # the central database is back
    t0 = time.perf_counter()
    live = SyncEngine(store, engine=central, batch_size=500)
    report = live.run_once()
    drain_seconds = time.perf_counter() - t0
    assert report.state == SyncState.ONLINE, report.error
    assert report.push.acknowledged == 3 * SAVES and report.push.rejected == 0
    assert store.outbox_count() == 0
    assert sync_status(store).state == "online"

    local = rel.local_rows(store, "cases")
    remote = rel.central_rows(central, "cases")
    assert len(remote) == len(local) == SAVES
    assert set(remote) == set(local)
    differing = [
        cid for cid, row in local.items()
        if any(row[c] != remote[cid][c] for c in COMPARED)
    ]
    assert differing == []
    assert rel.duplicates(central, "cases", "description") == 0
    assert rel.count(central, "case_events") == 2 * SAVES == store.count("case_events")
    store.close()
    latencies.sort()
    rel.report(
        "scenario 4 outage",
        saves_while_unreachable=SAVES,
        offline_sync_attempts=offline_attempts,
        outbox_at_reconnect=3 * SAVES,
        save_p50_ms=round(latencies[len(latencies) // 2] * 1000, 1),
        save_p95_ms=round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
        save_max_ms=round(latencies[-1] * 1000, 1),
        save_seconds=round(save_seconds, 1),
        drain_seconds=round(drain_seconds, 1),
        central_cases=len(remote),
        rows_differing=0,
    )
