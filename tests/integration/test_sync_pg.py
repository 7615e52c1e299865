"""The sync engine against the real PostgreSQL: push/pull, idempotency, merge and conflicts,
and the pull-order guarantee with a slow transaction holding a lower change number."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store import central
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.sync.engine import SyncEngine, SyncState, pull_tables

pytestmark = pytest.mark.pg

CASE = {
    "channel": "APP",
    "caller_phone": "13800001234",
    "matter": "道路破损",
    "description": "解放路人行道塌陷",
    "handling": "转派",
    "handling_unit": "盐湖区城管局",
}


@pytest.fixture
def pg_engine(pg_url):
    engine = make_engine(pg_url)
    upgrade(engine)
    _add_unit(engine)
    yield engine
    engine.dispose()


def _add_unit(engine):
    """The unit CASE is dispatched to (central refuses a dispatch to a unit it lacks)."""
    with engine.begin() as conn:
        central.write_rows(conn, "units", [{"code": "YHQ-CGJ", "name": "盐湖区城管局",
                                            "area": "盐湖区", "unit_type": "城管", "level": 2}])


def _seat(tmp_path, code):
    return LocalStore.open_path(tmp_path / f"{code}.sqlite3", seat_code=code)


def _count(engine, sql):
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_push_pull_and_retry_on_postgresql(tmp_path, pg_engine):
    a, b = _seat(tmp_path, "S01"), _seat(tmp_path, "S02")
    service = CaseService(a, agent="1001")
    made = [service.create(CASE) for _ in range(30)]
    ops = [o.op for o in a.pending_ops()]
    first = central.apply_ops(pg_engine, ops, seat_code="S01")
    again = SyncEngine(a, engine=pg_engine).run_once()  # as if the ack had been lost
    assert again.state == SyncState.ONLINE and again.push.retried == 90
    assert [r["status"] for r in first.results] == ["applied"] * 90
    assert _count(pg_engine, "SELECT count(*) FROM cases") == 30
    assert _count(pg_engine, "SELECT count(DISTINCT case_number) FROM cases") == 30
    assert _count(pg_engine, "SELECT count(*) FROM applied_ops") == 90
    pulled = SyncEngine(b, engine=pg_engine).run_once().pull
    assert pulled.tables["cases"] == 30
    got = b.get("cases", made[0]["id"])
    assert got["case_number"] == made[0]["case_number"]
    assert got["created_at"] == a.get("cases", made[0]["id"])["created_at"]  # aware UTC


def test_merge_and_conflict_on_postgresql(tmp_path, pg_engine):
    a, b = _seat(tmp_path, "S01"), _seat(tmp_path, "L01")
    case = CaseService(a, agent="1001").create(CASE)
    sa, sb = SyncEngine(a, engine=pg_engine), SyncEngine(b, engine=pg_engine)
    sa.run_once()
    sb.run_once()
    CaseService(a, agent="1001").update(case["id"], {"caller_name": "张三", "reply_text": "甲"})
    CaseService(b, agent="9001").update(case["id"], {"status": "已撤销", "reply_text": "乙"})
    sb.run_once()
    assert sa.run_once().push.conflicts == 1
    with pg_engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM cases")).mappings().one()
        conflicts = conn.execute(text("SELECT * FROM conflicts")).mappings().all()
    assert (row["caller_name"], row["status"], row["reply_text"]) == ("张三", "已撤销", "乙")
    assert [(c["field"], c["local_value"], c["central_value"]) for c in conflicts] == [
        ("reply_text", '"甲"', '"乙"')
    ]


def _stamp_case(conn, seq: int, number: str) -> None:
    conn.execute(
        text(
            "INSERT INTO cases (id, revision, change_seq, changed_by, changed_at, deleted, "
            "case_number, channel, caller_name, caller_phone, caller_area, caller_address, "
            "matter, domain, subcategory, description, reply_text, handling, handling_unit, "
            "status, kb_code, agent, seat_code, created_at) VALUES (gen_random_uuid()::text, 1, "
            ":seq, 'test', now(), false, :n, '电话', '', '', '', '', '噪声扰民', '', '', 'x', '', "
            "'直接办理', '', '已办结', '', '', 'X', now())"
        ),
        {"seq": seq, "n": number},
    )


def _wait_for_lock_waiter(engine, timeout_s: float = 30.0) -> None:
    """Return once a backend of this database waits on a lock (an event, not a sleep)."""
    deadline = time.monotonic() + timeout_s
    with engine.connect() as conn:
        while True:
            waiting = conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'")).scalar_one()
            conn.rollback()
            if waiting:
                return
            assert time.monotonic() < deadline, "writer B never reached the counter lock"
            time.sleep(0.01)


def test_pull_never_skips_a_slow_transaction(tmp_path, pg_engine, pg_url):
    """Writer A takes a change number and stays open; writer B must wait for the counter
    (so it can never commit a higher number first); a pull in between sees neither; after
    both commit the puller receives both."""
    store = _seat(tmp_path, "P01")
    slow = pg_engine.connect()
    tx_a = slow.begin()
    seq_a = central.next_change_seq(slow)
    _stamp_case(slow, seq_a, "A-slow")

    b_done = threading.Event()
    seq_b: list[int] = []

    def writer_b():
        other = make_engine(pg_url)
        try:
            with other.begin() as conn:
                seq = central.next_change_seq(conn)
                _stamp_case(conn, seq, "B-fast")
                seq_b.append(seq)
        finally:
            other.dispose()
            b_done.set()

    thread = threading.Thread(target=writer_b)
    thread.start()
    _wait_for_lock_waiter(pg_engine)  # B has reached A's counter lock and waits there
    assert not b_done.is_set()  # B is held by A's counter lock
    first = pull_tables(store, pg_engine, ("cases",))
    assert first.received == 0 and first.upto == seq_a - 1
    tx_a.commit()
    slow.close()
    thread.join(10)
    assert b_done.is_set() and seq_b == [seq_a + 1]
    second = pull_tables(store, pg_engine, ("cases",))
    assert second.received == 2
    assert {r["case_number"] for r in store.rows("cases")} == {"A-slow", "B-fast"}


def test_negative_control_plain_sequence_would_skip(pg_engine):
    """Why the counter: with a plain SEQUENCE, B commits number 2 while A still holds 1;
    a puller at watermark 2 then never asks for 1."""
    with pg_engine.begin() as conn:
        conn.execute(text("CREATE SEQUENCE demo_seq"))
        conn.execute(text("CREATE TABLE demo_rows (seq bigint, name text)"))
    a = pg_engine.connect()
    tx = a.begin()
    a.execute(text("INSERT INTO demo_rows SELECT nextval('demo_seq'), 'A'"))
    with pg_engine.begin() as b:
        b.execute(text("INSERT INTO demo_rows SELECT nextval('demo_seq'), 'B'"))
    with pg_engine.connect() as puller:
        seen = puller.execute(text("SELECT seq, name FROM demo_rows ORDER BY seq")).all()
    watermark = max(s for s, _ in seen)
    tx.commit()
    a.close()
    with pg_engine.connect() as puller:
        later = puller.execute(
            text("SELECT name FROM demo_rows WHERE seq > :w"), {"w": watermark}
        ).all()
    assert [n for _, n in seen] == ["B"] and watermark == 2
    assert later == []  # A's row (seq 1) is never pulled: the gap the counter prevents


def test_central_down_mid_push_then_back(tmp_path, pg_url):
    """Connections killed during a push: nothing half-applied, nothing lost or doubled."""
    engine = make_engine(pg_url)
    upgrade(engine)
    _add_unit(engine)
    store = _seat(tmp_path, "S01")
    service = CaseService(store)
    for _ in range(200):
        service.create(CASE)
    sync = SyncEngine(store, engine=engine, batch_size=50)
    admin = make_engine(pg_url, isolation_level="AUTOCOMMIT")
    dbname = engine.url.database

    def killer():
        time.sleep(0.05)
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :d AND pid <> pg_backend_pid()"
                ),
                {"d": dbname},
            )

    thread = threading.Thread(target=killer)
    thread.start()
    outcomes = [sync.run_once().state for _ in range(1)]
    thread.join()
    for _ in range(20):
        if store.outbox_count() == 0:
            break
        sync.next_attempt_at = 0
        outcomes.append(sync.run_once().state)
    assert store.outbox_count() == 0
    assert _count(engine, "SELECT count(*) FROM cases") == 200
    assert _count(engine, "SELECT count(*) FROM case_events") == 400
    assert _count(engine, "SELECT count(*) FROM applied_ops") == 600
    engine.dispose()
    admin.dispose()
