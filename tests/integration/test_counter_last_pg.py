"""The queue's abandon takes the waiting item's row lock before the change counter (as
``complete`` does), on real PostgreSQL with two connections and observed lock waits (no
guessed sleeps): a seat's claim that commits while ``QueueService.abandon`` waits never
ends 'abandoned'.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import Connection, Engine, text

from seat_app.domain.queue import Channel
from seat_app.services.queue.service import QueueService
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
