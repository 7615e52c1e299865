"""The central queue on the embedded SQLite store: claims, leases, abandoned calls, seats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from seat_app.domain.queue import IllegalTransition, SeatState
from seat_app.services.queue.service import QueueService, SeatService, StaleLease
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.telephony.simulator import QueueFeeder, SimulatedTelephony


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def central(seat_home):
    engine = make_engine(f"sqlite:///{seat_home / 'central.sqlite3'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def test_claim_order_lease_expiry_and_stale_completion(central):
    clock = FakeClock()
    q = QueueService(central, clock=clock, lease=timedelta(seconds=30))
    web = q.enqueue("网站", {"text": "路灯不亮"})
    clock.advance(seconds=1)
    phone = q.enqueue("电话", caller_phone="13800000001")
    # callers on the line go first, even though the web item is older
    first = q.claim("S01")
    assert first is not None and first.item_id == phone and first.token == 1
    second = q.claim("S02")
    assert second is not None and second.item_id == web
    assert q.claim("S03") is None
    # S01 dies: after the lease, S03 gets the same item with a newer token
    clock.advance(seconds=31)
    again = q.claim("S03")
    assert again is not None and again.item_id == phone and again.token == 2
    with pytest.raises(StaleLease):
        q.complete(first)
    with pytest.raises(StaleLease):
        q.renew(first)
    q.complete(again, case_id="case-1")
    with pytest.raises(StaleLease):
        q.complete(again)  # twice is refused too
    with central.connect() as conn:
        state, holder = conn.execute(
            text("SELECT state, lease_holder FROM queue_items WHERE id = :i"), {"i": phone}
        ).one()
        outcome, seat, case_id = conn.execute(
            text("SELECT outcome, seat_code, case_id FROM calls")
        ).one()
    assert (state, holder) == ("done", "S03")
    assert (outcome, seat, case_id) == ("answered", "S03", "case-1")


def test_work_done_in_the_completion_transaction_rolls_back_with_a_stale_claim(central):
    clock = FakeClock()
    q = QueueService(central, clock=clock, lease=timedelta(seconds=5))
    q.enqueue("APP", {"text": "x"})
    claim = q.claim("S01")
    clock.advance(seconds=6)
    wrote = []
    with pytest.raises(StaleLease):
        q.complete(claim, within=lambda conn: wrote.append(1))
    assert wrote == []  # the work was never attempted
    renewed_claim = q.claim("S02")
    clock.advance(seconds=3)
    renewed = q.renew(renewed_claim)
    clock.advance(seconds=3)  # past the first expiry, within the renewed one
    q.complete(renewed)


def test_abandoned_calls_go_to_the_return_list(central):
    clock = FakeClock()
    q = QueueService(central, clock=clock)
    item = q.enqueue("电话", caller_phone="13900000002")
    clock.advance(seconds=80)
    assert q.abandon(item) is True
    assert q.claim("S01") is None
    missed = q.missed_calls()
    assert [m["caller_phone"] for m in missed] == ["13900000002"]
    assert q.mark_called_back(missed[0]["id"], by="1001")
    assert q.missed_calls() == []
    assert not q.mark_called_back(missed[0]["id"])


def test_snapshot_per_channel_and_simulator_feeds_with_hangups(central):
    clock = FakeClock()
    q = QueueService(central, clock=clock)
    sim = SimulatedTelephony(clock.now, daily_volume=20_000, seed=3)
    feeder = QueueFeeder(q, sim)
    clock.advance(minutes=10)
    arrived, abandoned = feeder.step()
    # 17:00-17:10 local on a Monday in June at 20,000 a day: about 110 in 10 minutes
    assert arrived > 50
    clock.advance(minutes=10)
    _, later = feeder.step()
    abandoned += later
    assert later > 0  # nobody answers: callers hang up
    snap = {c.channel: c for c in q.snapshot()}
    assert set(snap) == {"电话", "APP", "网站", "信箱", "窗口"}
    assert snap["APP"].waiting + snap["网站"].waiting > 0
    assert snap["APP"].longest_wait_s > 0 or snap["网站"].longest_wait_s > 0
    with central.connect() as conn:
        n_abandoned = conn.execute(
            text("SELECT COUNT(*) FROM calls WHERE outcome = 'abandoned'")
        ).scalar_one()
    assert n_abandoned == abandoned == len(q.missed_calls(limit=100_000))


def test_seat_states_with_history_and_forcing(central):
    clock = FakeClock()
    seats = SeatService(central, clock=clock)
    seats.ensure_seat("S01", agent="1001")
    seats.change_state("S01", SeatState.READY)
    clock.advance(seconds=5)
    seats.change_state("S01", SeatState.RINGING)
    seats.change_state("S01", SeatState.ON_CALL)
    with pytest.raises(IllegalTransition):
        seats.change_state("S01", SeatState.READY)
    clock.advance(minutes=2)
    seats.change_state("S01", SeatState.BREAK, forced=True, by="lead")
    with central.connect() as conn:
        hist = conn.execute(
            text("SELECT state, ended_at IS NULL FROM seat_state_history"
                 " WHERE seat_code = 'S01' ORDER BY started_at, change_seq")
        ).all()
        state = conn.execute(text("SELECT state FROM seats WHERE code='S01'")).scalar_one()
    assert [h[0] for h in hist] == ["offline", "ready", "ringing", "on_call", "break"]
    assert [h[1] for h in hist] == [0, 0, 0, 0, 1]
    assert state == "break"
    mid = seats.message("S01", " 请尽快结束小休 ", sender="lead")
    assert [m["id"] for m in seats.unread_messages("S01")] == [mid]
    with pytest.raises(ValueError):
        seats.message("S01", "  ", sender="lead")
