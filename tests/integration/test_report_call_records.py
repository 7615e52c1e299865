"""The periodic report takes its call figures from the telephones' call records when the
period has any (else from the queue's ``calls`` rows, as for the demo plan's year)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from seat_app.services.reports.periodic import build_report, day_period
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Call
from seat_app.services.telephony import Direction, Outcome
from seat_app.services.telephony.calllog import CallLog
from seat_app.services.telephony.record import CallRecord

DAY = date(2026, 3, 2)
pytestmark = pytest.mark.telephony
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 local


def rec(call_id: str, number: str, at: datetime, *, answered: bool = True,
        direction: Direction = Direction.INBOUND) -> CallRecord:
    return CallRecord(
        call_id=call_id, direction=direction, caller_number=number, channel="电话",
        queue="12345", rang_at=at, answered_at=at + timedelta(seconds=4) if answered else None,
        ended_at=at + timedelta(seconds=90 if answered else 30), seat="S01", agent="1001",
        case_number=None,
        outcome=(Outcome.ANSWERED if answered else
                 Outcome.MISSED if direction == Direction.INBOUND else Outcome.NOT_REACHED),
        source="baresip")


@pytest.fixture
def central(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def _queue_calls(engine, outcomes: list[tuple[str, int]]) -> None:
    with engine.begin() as conn:
        for i, (outcome, attempt) in enumerate(outcomes):
            conn.execute(insert(Call), {
                "id": str(uuid.uuid4()), "caller_phone": f"1380000{i:04d}", "outcome": outcome,
                "attempt": attempt, "offered_at": T0 + timedelta(minutes=i)})


def test_call_records_replace_the_queue_figures_for_their_period(central) -> None:
    _queue_calls(central, [("answered", 1)] * 3 + [("abandoned", 1)])
    before = build_report(central, day_period(DAY)).counts
    assert (before.calls_offered, before.calls_answered_first, before.missed_calls) == (4, 3, 1)

    h = timedelta(hours=1)
    log = CallLog(central, seat_code="S01")
    for r in [
        rec("1", "13900000001", T0),                              # answered first time
        rec("2", "13900000002", T0 + h, answered=False),          # missed ...
        rec("3", "13900000002", T0 + 2 * h),                      # ... answered on retry
        rec("4", "13900000003", T0 + 3 * h, answered=False),      # missed, never returned
        rec("5", "13900000004", T0 + 4 * h, answered=False),      # missed ...
        rec("6", "13900000004", T0 + 5 * h, direction=Direction.OUTBOUND),  # ... called back
    ]:
        log.save(r)
    report = build_report(central, day_period(DAY))
    c = report.counts
    assert (c.calls_offered, c.calls_answered_first, c.missed_calls,
            c.missed_call_returns) == (5, 1, 3, 2)
    assert report.figures["first_answer_rate_pct"] == pytest.approx(20.0)

    other_day = build_report(central, day_period(DAY + timedelta(days=3))).counts
    assert other_day.calls_offered == 0  # no records and no queue rows there
