"""The central change counter is taken last (rows first, then the counter), on real
PostgreSQL with two connections and observed lock waits (no guessed sleeps):

* a seat's claim that commits while ``QueueService.abandon`` waits never ends 'abandoned';
* ``apply_ops`` locks the rows it updates before the counter: a writer that still takes
  the counter first and then wants the same row deadlocks with it; PostgreSQL rolls the
  push back and the push is tried again (nothing lost, nothing applied twice), and its
  change number still follows commit order.
"""

from __future__ import annotations

import logging
import threading
import time

import pytest
from sqlalchemy import Connection, Engine, text

from seat_app.domain.queue import Channel
from seat_app.services.queue.service import QueueService, SeatService
from seat_app.services.store.central import edit_row, next_change_seq
from seat_app.services.store.engine import make_engine

pytestmark = pytest.mark.pg


@pytest.fixture
def engine(pg_migrated_url: str):
    engine = make_engine(pg_migrated_url)
    yield engine
    engine.dispose()


def _wait_blocked_by(engine: Engine, pid: int, timeout: float = 20.0) -> None:
    """Return once some other backend waits on a lock that ``pid`` holds."""
    deadline = time.monotonic() + timeout
    with engine.connect() as watch:
        while time.monotonic() < deadline:
            n = watch.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))"
                ),
                {"pid": pid},
            ).scalar_one()
            if n:
                return
            watch.rollback()
            time.sleep(0.02)
    raise AssertionError(f"nothing waited on backend {pid}")


def _pid(conn: Connection) -> int:
    return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _in_thread(fn, out: dict) -> threading.Thread:
    def run() -> None:
        try:
            out["value"] = fn()
        except Exception as exc:  # noqa: BLE001 -- reported by the test
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_abandon_never_overwrites_a_claim_committed_meanwhile(engine):
    queue = QueueService(engine)
    item = queue.enqueue(Channel.PHONE, caller_phone="13800000000")
    with engine.connect() as seat:
        # a seat's claim, not yet committed: the item is still 'waiting' for everyone else
        seat.execute(
            text(
                "UPDATE queue_items SET state = 'claimed', lease_holder = 'S01',"
                " claim_count = claim_count + 1 WHERE id = :id AND state = 'waiting'"
            ),
            {"id": item},
        )
        out: dict = {}
        t = _in_thread(lambda: queue.abandon(item), out)
        _wait_blocked_by(engine, _pid(seat))  # the caller hangs up during the claim
        seat.commit()
        t.join(30)
    assert not t.is_alive()
    assert "error" not in out, out.get("error")
    assert out["value"] is False
    with engine.connect() as conn:
        state, holder = conn.execute(
            text("SELECT state, lease_holder FROM queue_items WHERE id = :id"), {"id": item}
        ).one()
        outcome = conn.execute(
            text(
                "SELECT outcome FROM calls WHERE id = (SELECT payload::json->>'call_id'"
                " FROM queue_items WHERE id = :id)"
            ),
            {"id": item},
        ).scalar_one()
    assert (state, holder, outcome) == ("claimed", "S01", "offered")


def test_abandon_of_a_waiting_item_still_works(engine):
    queue = QueueService(engine)
    item = queue.enqueue(Channel.PHONE, caller_phone="13800000001")
    assert queue.abandon(item) is True
    assert queue.abandon(item) is False
    assert [c["caller_phone"] for c in queue.missed_calls()] == ["13800000001"]


def test_push_locks_rows_before_the_counter_and_survives_a_deadlock(engine, caplog):
    SeatService(engine).ensure_seat("S07", name="seven")
    with engine.connect() as conn:
        loaded = dict(
            conn.execute(text("SELECT id, revision, name FROM seats WHERE code = 'S07'"))
            .mappings()
            .one()
        )
    with engine.connect() as old_style:
        # a writer of the old order: the counter first (held), then the row
        old_style.execute(text("SET deadlock_timeout = '10s'"))  # the push is the victim
        their_seq = next_change_seq(old_style)
        out: dict = {}
        with caplog.at_level(logging.WARNING, logger="seat_app.services.store.central"):
            t = _in_thread(
                lambda: edit_row(engine, "seats", loaded, {"name": "seven b"}, actor="t"), out
            )
            # the push has locked the seat row and waits for the counter
            _wait_blocked_by(engine, _pid(old_style))
            old_style.execute(
                text("SELECT 1 FROM seats WHERE id = :id FOR UPDATE"), {"id": loaded["id"]}
            )  # deadlock: PostgreSQL rolls the push back (its deadlock_timeout is 1 s)
            old_style.execute(
                text(
                    "UPDATE seats SET area = 'old-style', revision = revision + 1,"
                    " change_seq = :s WHERE id = :id"
                ),
                {"s": their_seq, "id": loaded["id"]},
            )
            old_style.commit()
            t.join(30)
    assert not t.is_alive()
    assert "error" not in out, out.get("error")
    assert out["value"]["status"] == "merged"  # the old-style writer's revision came first
    assert "deadlock" in caplog.text
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT name, area, change_seq FROM seats WHERE id = :id"), {"id": loaded["id"]}
        ).one()
        applied = conn.execute(text("SELECT count(*) FROM applied_ops")).scalar_one()
    assert row.name == "seven b" and row.area == "old-style"
    assert row.change_seq == out["value"]["change_seq"] > their_seq  # commit order
    assert applied == 1
