"""The console's poll (services/reports/console.py) on SQLite and on the real PostgreSQL:
one statement a poll, today's cases followed by the change counter (a new, a deleted, a
re-handled case and another day's case), the slower figures read by their own job, the
full read as a safety net, and the heartbeat sweep only when a seat died."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, insert, text, update

from seat_app.domain.queue import SeatState
from seat_app.services.queue import heartbeat
from seat_app.services.queue.service import QueueService, SeatService
from seat_app.services.reports.console import ConsolePoller
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Base

from .helpers import FakeClock

pytestmark = [pytest.mark.live]

CASES = Base.metadata.tables["cases"]
CALLS = Base.metadata.tables["calls"]


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def center(request, seat_home):
    if request.param == "pg":
        url = request.getfixturevalue("pg_migrated_url")
    else:
        url = f"sqlite:///{seat_home / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    clock = FakeClock()  # 2024-06-03 10:00 local
    seats = SeatService(engine, clock=clock)
    for i in range(1, 4):
        seats.ensure_seat(f"S0{i}", agent=f"100{i}")
    yield engine, clock, seats
    engine.dispose()


def _case(engine, number: str, accepted: datetime, handling: str = "直接办理") -> str:
    """A case written as the services write one: with the next change number."""
    with engine.begin() as conn:
        seq = next_change_seq(conn)
        conn.execute(
            insert(CASES).values(
                id=number,
                change_seq=seq,
                case_number=number,
                channel="电话",
                handling=handling,
                status="已办结",
                accepted_at=accepted,
                created_at=accepted,
            )
        )
    return number


def _change(engine, case_id: str, **values) -> None:
    with engine.begin() as conn:
        seq = next_change_seq(conn)
        conn.execute(
            update(CASES)
            .where(CASES.c.id == case_id)
            .values(change_seq=seq, revision=CASES.c.revision + 1, **values)
        )


class Statements:
    """Counts the statements sent to the database (SQLite's BEGIN, in-process, aside)."""

    def __init__(self, engine) -> None:
        self.sql: list[str] = []
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, *_args) -> None:
        if not statement.startswith("BEGIN"):
            self.sql.append(statement)

    def during(self, fn):
        self.sql.clear()
        result = fn()
        return result, len(self.sql)


def test_one_statement_a_poll_and_todays_cases_followed_by_the_change_counter(center):
    engine, clock, _seats = center
    at = clock.now - timedelta(minutes=30)  # 09:30 local
    _case(engine, "A-direct", at)
    _case(engine, "A-disp", at, "转派")
    yesterday = _case(engine, "Y-old", at - timedelta(days=1))
    _case(engine, "W-week", at - timedelta(days=7))  # same hour last week
    poller = ConsolePoller(engine, clock=clock, background=True)
    statements = Statements(engine)
    first, _n = statements.during(poller.poll)
    assert (
        first.today["accepted_total"],
        first.today["direct_total"],
        first.today["dispatched_total"],
    ) == (2, 1, 1)
    assert first.hourly[9] == 2 and sum(first.hourly) == 2
    assert first.hourly_last_week[9] == 1 and sum(first.hourly_last_week) == 1
    assert [s.code for s in first.seats] == ["S01", "S02", "S03"]

    clock.advance(seconds=1)
    _case(engine, "B-new", clock.now)  # 10:00
    _change(engine, "A-direct", deleted=True)
    _change(engine, "A-disp", handling="直接办理")  # re-handled: dispatched -> direct
    _change(engine, yesterday, status="已回访")  # another day's case changes: not today's
    snap, n = statements.during(poller.poll)
    assert n == 1  # seats, queue, service level, deadlines and today's changes: one statement
    assert (
        snap.today["accepted_total"],
        snap.today["direct_total"],
        snap.today["dispatched_total"],
    ) == (2, 2, 0)
    assert snap.hourly[9] == 1 and snap.hourly[10] == 1
    assert snap.hourly_last_week[9] == 1
    again, n = statements.during(poller.poll)  # nothing changed: nothing counted twice
    assert n == 1 and again.today["accepted_total"] == 2


def test_the_slower_figures_and_the_sweep_are_the_background_jobs(center):
    engine, clock, seats = center
    poller = ConsolePoller(engine, clock=clock, background=True)
    statements = Statements(engine)
    first, n_first = statements.during(poller.poll)
    assert n_first > 5 and first.extra["figures_read"]  # the first poll of a day reads them
    with engine.begin() as conn:
        conn.execute(
            insert(CALLS).values(
                caller_phone="13800000000",
                outcome="abandoned",
                offered_at=clock.now - timedelta(minutes=5),
            )
        )
    snap, n = statements.during(poller.poll)
    assert n == 1 and not snap.extra["figures_read"]
    assert snap.today["missed_calls"] == 0  # not yet: the figures job has not run
    done, n_job = statements.during(poller.background_job)
    assert n_job > 5 and done["figures"] and not done["swept"] and done["ms"] > 0
    snap = poller.poll()
    assert snap.today["missed_calls"] == 1
    every = ConsolePoller(engine, clock=clock)  # not background: every poll reads them
    every.poll()
    _snap, n_every = statements.during(every.poll)
    assert n_every > 5
    # a seat dies: the poll only shows it offline; the background job writes it
    seats.change_state("S02", SeatState.READY)
    heartbeat.beat(engine, "S02", agent="1002", now=clock.now)
    poller.sweep_every_s, poller.figures_every_s = 0.001, 3600.0
    clock.advance(seconds=16)
    snap, n = statements.during(poller.poll)
    assert n == 1 and not snap.extra["swept"] and poller.dead_seen == 1
    assert {s.code: s for s in snap.seats}["S02"].state == SeatState.OFFLINE
    done, _n = statements.during(poller.background_job)
    assert done["swept"] and not done["figures"]
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT changed_by FROM seats WHERE code = 'S02'")).scalar_one()
            == "heartbeat"
        )
    assert not poller.background_job()["swept"]  # the next poll saw nothing dead


def test_a_case_written_without_the_counter_is_caught_by_the_full_read(center):
    engine, clock, _seats = center
    poller = ConsolePoller(engine, clock=clock, background=True)
    assert poller.poll().today["accepted_total"] == 0
    with engine.begin() as conn:  # change_seq 0: a writer that skipped the counter
        conn.execute(
            insert(CASES).values(
                id="X",
                change_seq=0,
                case_number="X",
                channel="电话",
                handling="直接办理",
                accepted_at=clock.now,
                created_at=clock.now,
            )
        )
    assert poller.poll().today["accepted_total"] == 0
    poller.full_every_s, poller.figures_every_s = 0.0, 3600.0
    assert poller.poll().today["accepted_total"] == 0  # the poll never reads the whole day
    assert poller.background_job()["reread"]  # the background job does
    _case(engine, "Y", clock.now)  # and a change made after it is followed as usual
    snap = poller.poll()
    assert not snap.extra["full"] and snap.today["accepted_total"] == 2
    plain = ConsolePoller(engine, clock=clock, full_every_s=0.0)  # not background: the poll
    plain.poll()
    snap = plain.poll()
    assert snap.extra["full"] and snap.today["accepted_total"] == 2


def test_the_sweep_runs_only_when_a_poll_saw_a_dead_seat(center):
    engine, clock, seats = center
    seats.change_state("S01", SeatState.READY)
    heartbeat.beat(engine, "S01", agent="1001", now=clock.now)
    poller = ConsolePoller(engine, clock=clock, sweep_every_s=0.001, figures_every_s=3600.0)
    poller.poll()
    statements = Statements(engine)
    snap, n = statements.during(poller.poll)
    assert n == 1 and not snap.extra["swept"]
    clock.advance(seconds=16)  # three beats missed
    snap, n = statements.during(poller.poll)
    assert snap.extra["swept"] and n > 1
    row = {s.code: s for s in snap.seats}["S01"]
    assert row.state == SeatState.OFFLINE and row.dead
    with engine.connect() as conn:
        assert conn.execute(
            text("SELECT state, changed_by FROM seats WHERE code = 'S01'")
        ).one() == ("offline", "heartbeat")
    _snap, n = statements.during(poller.poll)
    assert n == 1  # swept once; nothing dead any more


def test_the_service_level_follows_the_queue_by_the_change_counter(center):
    engine, clock, seats = center
    queue = QueueService(engine, clock=clock)
    seats.change_state("S01", SeatState.READY)
    queue.enqueue("电话", caller_phone="13800000000")
    clock.advance(seconds=5)
    queue.complete(queue.claim("S01"))  # answered in 5 s
    poller = ConsolePoller(engine, clock=clock, background=True, service_level_target_s=20)
    first = {q.channel: q for q in poller.poll().queue_rows}["电话"]
    assert (first.answered, first.within_target, first.abandoned) == (1, 1, 0)
    statements = Statements(engine)
    queue.enqueue("电话", caller_phone="13800000001")
    clock.advance(seconds=30)
    queue.complete(queue.claim("S01"))  # answered in 30 s: not within the target
    gone = queue.enqueue("网站", {"text": "路灯不亮"})
    clock.advance(seconds=40)
    assert queue.abandon(gone)
    snap, n = statements.during(poller.poll)
    assert n == 1
    rows = {q.channel: q for q in snap.queue_rows}
    assert (rows["电话"].answered, rows["电话"].within_target, rows["电话"].abandoned) == (2, 1, 0)
    assert rows["电话"].service_level == pytest.approx(1 / 2)
    assert (rows["网站"].answered, rows["网站"].abandoned) == (0, 1)
    fresh = {q.channel: q for q in ConsolePoller(engine, clock=clock).poll().queue_rows}
    assert fresh == rows  # the same as counting the whole day again
