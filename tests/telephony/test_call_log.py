"""Call records centrally (SQLite and real PostgreSQL): idempotent on the call id, offline
through the seat's outbox and pushed by the ordinary sync, and the telephone figures
(first-answer rate, missed-call returns) computed from them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from seat_app.services.local.store import LocalStore
from seat_app.services.reports.calls import call_figures, figures_from_records, has_call_records
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.sync.engine import push_outbox
from seat_app.services.telephony import CallEvent, CallRecorder, Direction, EventKind, Outcome
from seat_app.services.telephony.calllog import CENTRAL, KNOWN, QUEUED, CallLog, record_row_id
from seat_app.services.telephony.record import CallRecord

pytestmark = pytest.mark.telephony
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def rec(call_id: str, number: str, at: datetime, *, answered: bool = True,
        direction: Direction = Direction.INBOUND, channel: str = "电话",
        case_number: str | None = None) -> CallRecord:
    return CallRecord(
        call_id=call_id, direction=direction, caller_number=number, channel=channel,
        queue="12345", rang_at=at, answered_at=at + timedelta(seconds=4) if answered else None,
        ended_at=at + timedelta(seconds=90 if answered else 30), seat="S01", agent="1001",
        case_number=case_number,
        outcome=(Outcome.ANSWERED if answered else
                 Outcome.MISSED if direction == Direction.INBOUND else Outcome.NOT_REACHED),
        source="baresip")


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def central(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
        upgrade(engine)
    else:
        engine = make_engine(request.getfixturevalue("pg_migrated_url"))
    yield engine
    engine.dispose()


def test_records_land_once_with_their_times_and_the_case(central) -> None:
    log = CallLog(central, seat_code="S01")
    sink = []
    recorder = CallRecorder(seat="S01", agent="1001", on_record=lambda r: sink.append(log.save(r)))
    ring = CallEvent(EventKind.RINGING, call_id="c-1", caller="13912345678", queue="12345",
                     source="baresip", at=T0)
    recorder.feed(ring)
    recorder.feed(CallEvent(EventKind.ANSWERED, call_id="c-1", at=T0 + timedelta(seconds=3)))
    recorder.feed(CallEvent(EventKind.ENDED, call_id="c-1", at=T0 + timedelta(seconds=95),
                            reason="caller"))
    assert sink == [CENTRAL]
    got = log.get("c-1")
    assert got is not None and got.rang_at == T0 and got.ended_at == T0 + timedelta(seconds=95)
    assert got.answered_at == T0 + timedelta(seconds=3) and got.outcome == Outcome.ANSWERED
    assert (got.seat, got.agent, got.queue, got.end_reason) == ("S01", "1001", "12345", "caller")
    assert log.save(got) == KNOWN                       # idempotent on the call id
    assert log.attach_case("c-1", "20260302-S01-0001") == CENTRAL
    assert log.get("c-1").case_number == "20260302-S01-0001"
    letter = rec("manual-1", "", T0, channel="信件")
    assert log.save(letter) == CENTRAL and log.get("manual-1").channel == "信件"
    with central.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM call_records")).scalar_one() == 2
    assert [r.call_id for r in log.for_number("13912345678")] == ["c-1"]


def test_central_down_queues_in_the_outbox_and_sync_pushes_it(central, tmp_path) -> None:
    store = LocalStore.open_path(tmp_path / "seat-local.sqlite3", seat_code="S01")
    dead = make_engine("postgresql://seat@127.0.0.1:9/none", connect_args={"connect_timeout": 2})
    try:
        offline = CallLog(dead, local=store, seat_code="S01")
        r = rec("c-off", "13800000009", T0)
        assert offline.save(r) == QUEUED
        assert offline.save(r) == QUEUED                 # a retry queues nothing twice
        assert offline.attach_case("c-off", "20260302-S01-0002") == QUEUED
        assert store.outbox_count() == 1                 # the insert took the case number
        report = push_outbox(store, central)
        assert report.acknowledged == 1 and store.outbox_count() == 0
        got = CallLog(central).get("c-off")
        assert got == rec("c-off", "13800000009", T0, case_number="20260302-S01-0002")
        # a case number typed after the record was pushed, while offline again
        assert offline.attach_case("c-off", "20260302-S01-0003") == QUEUED
        push_outbox(store, central)
        assert store.outbox_count("rejected") == 0
        assert CallLog(central).get("c-off").case_number == "20260302-S01-0003"
        with central.connect() as conn:
            assert conn.execute(text("SELECT id FROM call_records")).scalar_one() == \
                record_row_id("c-off")
    finally:
        dead.dispose()
        store.close()


def test_first_answer_rate_and_returns_from_records(central) -> None:
    log = CallLog(central)
    a, b, c = "13900000001", "13900000002", "13900000003"
    h = timedelta(hours=1)
    rows = [
        rec("1", a, T0),                                    # answered first time
        rec("2", b, T0 + h, answered=False),                # missed, caller rings again:
        rec("3", b, T0 + 2 * h),                            # answered, a repeat attempt
        rec("4", c, T0 + 3 * h, answered=False),            # missed, called back:
        rec("5", c, T0 + 4 * h, direction=Direction.OUTBOUND, answered=False),
        rec("6", a, T0 + 5 * h, answered=False),            # missed, never returned
        rec("7", "", T0 + 6 * h, channel="窗口"),            # a walk-in: not a phone call
    ]
    for r in rows:
        log.save(r)
    day = (T0 - h, T0 + 24 * h)
    f = call_figures(central, *day)
    assert (f.offered, f.answered, f.answered_first, f.missed, f.returned) == (5, 2, 1, 3, 2)
    assert f.first_answer_rate == pytest.approx(0.2) and f.return_rate == pytest.approx(2 / 3)
    assert [m.missed.call_id for m in f.unreturned] == ["6"]
    assert f == figures_from_records(rows, *day)
    assert has_call_records(central, *day) and not has_call_records(central, T0 - 3 * h, T0 - h)
    empty = call_figures(central, T0 - 3 * h, T0 - 2 * h)
    assert empty.offered == 0 and empty.first_answer_rate is None and empty.return_rate is None


def test_a_central_write_that_fails_otherwise_is_kept_too(tmp_path) -> None:
    store = LocalStore.open_path(tmp_path / "seat-local.sqlite3", seat_code="S01")
    bare = make_engine(f"sqlite:///{tmp_path / 'not-migrated.sqlite3'}")  # no tables at all
    try:
        assert CallLog(bare, local=store).save(rec("c-x", "13800000001", T0)) == QUEUED
        assert store.outbox_count() == 1
        with pytest.raises(Exception, match=r"call_records|change_counter"):
            CallLog(bare).save(rec("c-y", "13800000001", T0))   # no local store: said, loud
    finally:
        bare.dispose()
        store.close()
