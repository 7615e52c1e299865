"""Scenario 6: the pull gap. A transaction holding a lower change number commits after one
holding a higher number; a puller that trusts "highest number seen" skips the slow one.

Control: with change numbers from a PostgreSQL SEQUENCE (not transactional) the gap happens
and a naive puller loses a row. The engine's counter (a single row bumped inside each
writing transaction) makes the later writer wait for the earlier one, so numbers follow
commit order; a pull during the slow transaction stops below it, and the next pull receives
both rows. Then a stress run: 4 writer threads with slow transactions and a puller pulling
all the time; after every pull, every central row at or below the watermark is local.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from sqlalchemy import text

from seat_app.services.local.store import LocalStore
from seat_app.services.store import central as central_db
from seat_app.services.sync.engine import pull_tables


def _unit(code: str) -> dict:
    return {"code": code, "name": f"单位{code}", "area": "市直", "unit_type": "住建"}


def _lock_waiters(admin_conn, dbname: str) -> int:
    return admin_conn.execute(
        text("SELECT count(*) FROM pg_stat_activity WHERE datname = :d AND wait_event_type = 'Lock'"),
        {"d": dbname},
    ).scalar_one()


@pytest.mark.reliability
def test_slow_lower_change_number_is_never_skipped(tmp_path, rel, central_url, central):
    dbname = central_url.rsplit("/", 1)[1]

    # --- control: a plain SEQUENCE lets a higher number commit first ----------------
    with central.begin() as conn:
        conn.execute(text("CREATE SEQUENCE gap_seq"))
        conn.execute(text("CREATE TABLE gap_probe (n bigint PRIMARY KEY, label text)"))
    slow = central.connect()
    slow.begin()
    slow.execute(text("INSERT INTO gap_probe VALUES (nextval('gap_seq'), 'slow')"))
    with central.begin() as fast:
        fast.execute(text("INSERT INTO gap_probe VALUES (nextval('gap_seq'), 'fast')"))
    naive_seen, naive_watermark = set(), 0
    for _ in range(2):  # pull, the slow one commits, pull again
        with central.connect() as conn:
            rows = conn.execute(
                text("SELECT n, label FROM gap_probe WHERE n > :w ORDER BY n"),
                {"w": naive_watermark},
            ).all()
        naive_seen |= {r.label for r in rows}
        naive_watermark = max([naive_watermark, *(r.n for r in rows)])
        if slow.in_transaction():
            slow.commit()
    slow.close()
    assert naive_seen == {"fast"}  # the slow row (number 1) was skipped for good

    # --- the engine's counter ----------------------------------------------------------
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S01")
    pull_tables(store, central, ("units",))
    wm0 = store.watermark("units")
    t1 = central.connect()
    t1.begin()
    central_db.write_rows(t1, "units", [_unit("SLOW")])  # takes the lower number
    low = central_db.current_change_seq(t1)
    t2_result: dict = {}

    def second_writer() -> None:
        with central.begin() as conn:
            central_db.write_rows(conn, "units", [_unit("FAST")])
            t2_result["seq"] = central_db.current_change_seq(conn)
        t2_result["committed_at"] = time.monotonic()

    t2 = threading.Thread(target=second_writer, daemon=True)
    t2.start()
    waited = False
    with central.connect() as admin:
        for _ in range(500):
            if _lock_waiters(admin, dbname):
                waited = True
                break
            time.sleep(0.01)
    assert waited, "the second writer should wait for the counter row"
    assert not t2_result  # it cannot commit a higher number before the slow one
    during = pull_tables(store, central, ("units",))
    assert during.received == 0 and store.watermark("units") == wm0 < low
    slow_committed_at = time.monotonic()
    t1.commit()
    t1.close()
    t2.join(timeout=30)
    assert t2_result["seq"] == low + 1 and t2_result["committed_at"] >= slow_committed_at
    after = pull_tables(store, central, ("units",))
    got = {r["code"]: r["change_seq"] for r in store.rows("units")}
    assert after.received == 2 and got == {"SLOW": low, "FAST": low + 1}

    # --- stress: slow writers and a puller that never stops -----------------------------
    rng = random.Random(6)
    writers, per_writer = 4, 15
    sleeps = [[rng.uniform(0, 0.015) for _ in range(per_writer)] for _ in range(writers)]
    stop = threading.Event()
    snapshots: list[tuple[int, set[str]]] = []
    pulls = {"n": 0}

    def writer(w: int) -> None:
        for k in range(per_writer):
            with central.begin() as conn:
                central_db.write_rows(conn, "units", [_unit(f"W{w}-{k}")])
                time.sleep(sleeps[w][k])

    def puller() -> None:
        while not stop.is_set():
            pull_tables(store, central, ("units",))
            pulls["n"] += 1
            snapshots.append(
                (store.watermark("units"), {r["code"] for r in store.rows("units")})
            )

    threads = [threading.Thread(target=writer, args=(w,), daemon=True) for w in range(writers)]
    pull_thread = threading.Thread(target=puller, daemon=True)
    pull_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    stop.set()
    pull_thread.join(timeout=30)
    pull_tables(store, central, ("units",))
    remote = {r["code"]: r["change_seq"] for r in rel.central_rows(central, "units").values()}
    missed_at_some_pull = 0
    for watermark, local_codes in snapshots:
        due = {code for code, seq in remote.items() if seq <= watermark}
        missed_at_some_pull += len(due - local_codes)
    assert missed_at_some_pull == 0
    local = {r["code"] for r in store.rows("units")}
    assert local == set(remote) and len(remote) == 2 + writers * per_writer
    store.close()
    rel.report(
        "scenario 6 pull gap",
        sequence_control_rows_seen="fast only (slow skipped)",
        counter_second_writer_waited=waited,
        pull_during_slow_tx_received=during.received,
        pull_after_received=after.received,
        stress_transactions=writers * per_writer,
        stress_pulls=pulls["n"],
        rows_below_watermark_missing=missed_at_some_pull,
        central_units=len(remote),
        local_units=len(local),
    )
