"""Scenario 3: the central database goes away hard in the middle of a push of 500 ops.

The shared PostgreSQL server is not ours to stop (other suites run on it), so the hard stop
is its per-database equivalent: every backend of the test database is killed with
``pg_terminate_backend`` (the server process of the connection dies mid-transaction, exactly
what an immediate shutdown does to it), repeatedly, whenever the seat's push has a
statement running or a transaction open. The seat retries until its outbox is empty.

Then: 0 lost, 0 duplicated, and no half-applied op (every op's rows and its applied_ops
record exist together, with the same change number).
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from sqlalchemy import create_engine, text

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store.engine import make_engine
from seat_app.services.sync.engine import SyncEngine, SyncState

ADMIN_URL_SUFFIX = "/postgres"
TERMINATIONS = 8


class BackendKiller(threading.Thread):
    """Terminates every backend of ``dbname`` whenever the pusher is mid-statement or
    mid-transaction, ``TERMINATIONS`` times, at least ``gap_s`` apart."""

    def __init__(self, admin_url: str, dbname: str, gap_s: float = 0.08) -> None:
        super().__init__(daemon=True)
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.dbname = dbname
        self.gap_s = gap_s
        self.terminated_rounds = 0
        self.backends_killed = 0
        self.killed_in_transaction = 0
        self.stop = threading.Event()

    def run(self) -> None:
        with self.engine.connect() as conn:
            while not self.stop.is_set() and self.terminated_rounds < TERMINATIONS:
                busy = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = :d "
                        "AND application_name = 'seat-push' "
                        "AND state IN ('active', 'idle in transaction')"
                    ),
                    {"d": self.dbname},
                ).scalar_one()
                if not busy:
                    time.sleep(0.001)
                    continue
                killed = conn.execute(
                    text(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                        "FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"
                    ),
                    {"d": self.dbname},
                ).scalar_one()
                self.terminated_rounds += 1
                self.backends_killed += killed
                self.killed_in_transaction += busy
                time.sleep(self.gap_s)
        self.engine.dispose()


@pytest.mark.reliability
def test_backends_terminated_mid_push_lose_and_duplicate_nothing(
    tmp_path, rel, central_url, central
):
    rel.add_dispatch_unit(central)
    with central.connect() as conn:  # the unit's own central op, not the seat's
        before = {r.op_id for r in conn.execute(text("SELECT op_id FROM applied_ops"))}
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S01")
    service = CaseService(store, agent="1001")
    # 500 ops: 100 dispatched cases (case, 受理, 转派) and 100 withdrawals (update, 已撤销;
    # a seat cannot close a dispatched case before the unit replies)
    rows = [service.create({**rel.DISPATCH_CASE, "description": f"c{i}"}) for i in range(100)]
    for row in rows:
        service.update(row["id"], {"status": "已撤销", "reply_text": f"reply {row['id']}"})
    ops = store.pending_ops()
    assert len(ops) == 500
    op_ids = {o.op_id for o in ops}

    dbname = central_url.rsplit("/", 1)[1]
    admin_url = central_url.rsplit("/", 1)[0] + ADMIN_URL_SUFFIX
    engine = make_engine(central_url, connect_args={"application_name": "seat-push"})
    sync = SyncEngine(store, engine=engine, batch_size=20, backoff_base_s=0.0)
    killer = BackendKiller(admin_url, dbname)
    killer.start()
    attempts = failures = 0
    states: list[str] = []
    started = time.perf_counter()
    try:
        while store.outbox_count() and attempts < 300:
            attempts += 1
            try:
                sync.push()  # the engine's single-step push: errors visible
                states.append("online")
            except Exception as exc:  # noqa: BLE001 - every failure is retried
                failures += 1
                states.append(type(exc).__name__)
    finally:
        killer.stop.set()
        killer.join(timeout=30)
    seconds = time.perf_counter() - started
    # the push met real terminations mid-statement and survived them
    assert killer.terminated_rounds >= 1 and killer.killed_in_transaction >= 1
    assert failures >= 1
    unexpected = {s for s in states if s not in ("online", "CentralUnavailable")}
    assert not unexpected, f"a terminated connection surfaced as {unexpected}"
    assert store.outbox_count() == 0 and store.outbox_count("rejected") == 0
    report = sync.run_once()  # a full cycle once the database is back: push + pull
    assert report.state == SyncState.ONLINE, report.error

    # 0 lost, 0 duplicated
    cases = rel.central_rows(central, "cases")
    events = rel.central_rows(central, "case_events")
    assert set(cases) == {r["id"] for r in rows}
    assert len(events) == 300
    assert rel.duplicates(central, "case_events", "case_id, kind") == 0
    with central.connect() as conn:
        applied = {
            r.op_id: r
            for r in conn.execute(
                text("SELECT op_id, entity_id, status, change_seq FROM applied_ops")
            )
            if r.op_id not in before
        }
    assert set(applied) == op_ids  # every op recorded once, none unknown
    statuses = Counter(r.status for r in applied.values())
    # the closures were made on rows created offline (base revision 0, central then at 1):
    # central merges them field by field, nothing conflicts, nothing is rejected
    assert statuses == {"applied": 400, "merged": 100}, statuses
    assert rel.count(central, "conflicts") == 0

    # no half-applied op: every withdrawal is complete (status, reply, revision 2, its
    # 已撤销 event) and every row carries the change number of the op that wrote it last
    by_entity: dict[str, list[int]] = {}
    for r in applied.values():
        by_entity.setdefault(r.entity_id, []).append(r.change_seq)
    for cid, row in cases.items():
        assert row["status"] == "已撤销" and row["closed_at"] is None, row
        assert row["reply_text"] == f"reply {cid}"
        assert row["revision"] == 2
        assert row["change_seq"] == max(by_entity[cid])
    kinds: dict[str, list[str]] = {}
    for ev in events.values():
        kinds.setdefault(ev["case_id"], []).append(ev["kind"])
        assert ev["change_seq"] == by_entity[ev["id"]][0]
    assert all(sorted(k) == sorted(["受理", "转派", "已撤销"]) for k in kinds.values()), kinds
    local = rel.local_rows(store, "cases")
    assert all(local[cid]["revision"] == 2 for cid in cases)
    store.close()
    engine.dispose()
    rel.report(
        "scenario 3 backends terminated mid-push",
        ops=len(op_ids),
        termination_rounds=killer.terminated_rounds,
        backends_killed=killer.backends_killed,
        killed_mid_statement_or_transaction=killer.killed_in_transaction,
        push_attempts=attempts,
        failed_attempts=failures,
        central_cases=len(cases),
        central_events=len(events),
        applied_ops=len(applied),
        op_results=dict(statuses),
        lost=0,
        duplicated=0,
        half_applied=0,
        seconds=round(seconds, 1),
    )
