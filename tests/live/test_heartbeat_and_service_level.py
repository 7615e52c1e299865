"""The heartbeat rule (3 missed beats of 5 s = offline), sign-out holding nothing, and the
service level per channel, on a real central SQLite database with a fake clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from seat_app.domain.queue import SeatState
from seat_app.services.queue import heartbeat
from seat_app.services.queue.service import QueueService, SeatService
from seat_app.services.reports.console import ConsolePoller

from .helpers import FakeClock, central

pytestmark = pytest.mark.live


@pytest.fixture
def floor(tmp_path):
    engine = central(f"sqlite:///{tmp_path / 'central.sqlite3'}", grid=False)
    clock = FakeClock()
    seats = SeatService(engine, clock=clock)
    for code in ("S01", "S02", "S03"):
        seats.ensure_seat(code, agent="1001")
    yield engine, clock, seats, QueueService(engine, clock=clock)
    engine.dispose()


def _on_call(seats, queue, code, phone="13800001234"):
    queue.enqueue("电话", caller_phone=phone)
    seats.change_state(code, SeatState.READY)
    claim = queue.claim(code)
    seats.change_state(code, SeatState.RINGING)
    seats.change_state(code, SeatState.ON_CALL)
    return claim


def test_the_rule_is_three_missed_beats_of_five_seconds():
    assert timedelta(seconds=5) == heartbeat.BEAT_INTERVAL
    assert timedelta(seconds=15) == heartbeat.OFFLINE_AFTER
    clock = FakeClock()
    beat = clock.now
    assert not heartbeat.is_dead(beat, beat + timedelta(seconds=15))
    assert heartbeat.is_dead(beat, beat + timedelta(seconds=15, milliseconds=1))
    assert not heartbeat.is_dead(None, beat + timedelta(days=1))  # never beat: its own state
    assert heartbeat.effective_state("on_call", beat, beat + timedelta(seconds=16)) \
        == SeatState.OFFLINE
    assert heartbeat.effective_state("on_call", beat, beat + timedelta(seconds=14)) \
        == SeatState.ON_CALL


def test_a_dead_seat_shows_offline_then_the_sweep_sets_it_and_frees_its_call(floor):
    engine, clock, seats, queue = floor
    claim = _on_call(seats, queue, "S01")
    heartbeat.beat(engine, "S01", agent="1001", now=clock.now)
    heartbeat.beat(engine, "S02", agent="1002", now=clock.now)
    poller = ConsolePoller(engine, clock=clock)
    row = {s.code: s for s in poller.poll().seats}["S01"]
    assert row.state == SeatState.ON_CALL and "尾号1234" in row.current and not row.dead
    clock.advance(seconds=10)
    heartbeat.beat(engine, "S02", agent="1002", now=clock.now)  # S02 lives on
    clock.advance(seconds=6)  # S01: 16 s without a beat
    rows = {s.code: s for s in poller.poll().seats}
    assert rows["S01"].state == SeatState.OFFLINE and rows["S01"].dead
    assert rows["S01"].current == ""  # no call shown on an offline seat
    assert rows["S02"].state == SeatState.OFFLINE and not rows["S02"].dead  # never went ready
    done = heartbeat.sweep(engine, clock=clock)
    assert done.offline == ("S01",) and done.released == 1
    with engine.connect() as conn:
        state, by = conn.execute(text("SELECT state, changed_by FROM seats WHERE code='S01'")).one()
        item_state = conn.execute(text("SELECT state FROM queue_items WHERE id=:i"),
                                  {"i": claim.item_id}).scalar_one()
        open_history = conn.execute(text(
            "SELECT state FROM seat_state_history WHERE seat_code='S01' AND ended_at IS NULL"
        )).scalar_one()
    assert (state, by, item_state, open_history) == ("offline", "heartbeat", "waiting", "offline")
    seats.change_state("S03", SeatState.READY)
    assert queue.claim("S03").item_id == claim.item_id
    assert heartbeat.sweep(engine, clock=clock).offline == ()  # taken once


def test_a_seat_that_signs_out_shows_no_current_call(floor):
    engine, clock, seats, queue = floor
    claim = _on_call(seats, queue, "S02", phone="13911112222")
    heartbeat.beat(engine, "S02", agent="1001", now=clock.now)
    assert heartbeat.sign_out(engine, "S02", clock=clock) == SeatState.ON_CALL
    snap = ConsolePoller(engine, clock=clock).poll()
    row = {s.code: s for s in snap.seats}["S02"]
    assert row.state == SeatState.OFFLINE and row.current == "" and row.agent == ""
    with engine.connect() as conn:
        assert conn.execute(text("SELECT state, lease_holder FROM queue_items WHERE id=:i"),
                            {"i": claim.item_id}).one() == ("waiting", "")
        assert conn.execute(text("SELECT count(*) FROM seat_beats")).scalar_one() == 0
    assert snap.queues[0].waiting == 1


def test_service_level_is_the_share_answered_within_the_target(floor):
    engine, clock, seats, queue = floor
    seats.change_state("S01", SeatState.READY)
    waits = (5, 15, 25, 40)  # seconds each caller waited before a seat took the call
    for wait in waits:
        queue.enqueue("电话", caller_phone="13800000000")
        clock.advance(seconds=wait)
        claim = queue.claim("S01")
        queue.complete(claim)
    gone = queue.enqueue("电话", caller_phone="13800000001")
    clock.advance(seconds=90)
    assert queue.abandon(gone)
    queue.enqueue("网站", {"text": "路灯不亮"})
    snap = ConsolePoller(engine, clock=clock, service_level_target_s=20).poll()
    rows = {q.channel: q for q in snap.queue_rows}
    phone = rows["电话"]
    assert (phone.answered, phone.within_target, phone.abandoned) == (4, 2, 1)
    assert phone.service_level == pytest.approx(2 / 5)
    assert rows["网站"].service_level is None and rows["网站"].waiting == 1
    wider = ConsolePoller(engine, clock=clock, service_level_target_s=30).poll()
    assert {q.channel: q for q in wider.queue_rows}["电话"].service_level == pytest.approx(3 / 5)
    # the queue alert links to the queue; a long after-call seat links to the seat
    clock.advance(seconds=70)
    seats.change_state("S01", SeatState.RINGING)
    seats.change_state("S01", SeatState.ON_CALL)
    seats.change_state("S01", SeatState.AFTER_CALL_WORK)
    clock.advance(minutes=4)
    alerts = ConsolePoller(engine, clock=clock).poll().alerts
    assert ("after_call_work", "S01", "seat") in {(a.kind, a.subject, a.target) for a in alerts}
    assert ("wait", "网站", "queue") in {(a.kind, a.subject, a.target) for a in alerts}
