"""Telephone figures from the central call records (``call_records``, written by the seats'
phones): the offered calls, the first-answer rate (热线首接通率) and the missed-call returns
(回拨) — computed from what the telephones reported, not from the simulator's queue.

    from seat_app.services.reports.calls import call_figures
    figures = call_figures(engine, since, until)
    figures.first_answer_rate          # answered at the first attempt / offered (or None)
    figures.missed, figures.returned   # missed inbound calls, and those returned (回拨)

Definitions (the same as the ``calls``-table figures of ``reports.periodic``):

* offered: inbound phone calls (channel 电话) that rang in the period;
* a call is a *repeat attempt* when the same number's previous inbound call, within
  ``window`` before it, was missed; answered at the first attempt = answered and not a repeat;
* missed: inbound calls never answered; returned: a missed call followed, within ``window``
  after it ended, by an outbound call to that number (reached or not) or by an answered call
  from it (:func:`~seat_app.services.telephony.record.missed_call_returns`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, Table, func, select

from seat_app.services.store.models_telephony import CallRecordRow
from seat_app.services.telephony.calllog import CallLog
from seat_app.services.telephony.events import Direction
from seat_app.services.telephony.record import (
    CallRecord,
    MissedCall,
    Outcome,
    missed_call_returns,
)

_RECORDS: Table = CallRecordRow.__table__  # type: ignore[assignment]

PHONE = "电话"
DEFAULT_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class CallFigures:
    offered: int
    answered: int
    answered_first: int
    missed: int
    returned: int
    unreturned: tuple[MissedCall, ...]
    """The missed calls nobody returned yet: the return work list, oldest first."""

    @property
    def first_answer_rate(self) -> float | None:
        return None if self.offered == 0 else self.answered_first / self.offered

    @property
    def return_rate(self) -> float | None:
        return None if self.missed == 0 else self.returned / self.missed


def _inbound_phone(r: CallRecord) -> bool:
    return r.direction == Direction.INBOUND and r.channel == PHONE


def figures_from_records(records: Iterable[CallRecord], since: datetime, until: datetime,
                         *, window: timedelta = DEFAULT_WINDOW) -> CallFigures:
    """The figures of calls that rang in ``[since, until)``; ``records`` should also hold
    the ``window`` before (repeat attempts) and after (returns) the period."""
    rows = sorted(records, key=lambda r: r.rang_at)
    last_inbound: dict[str, CallRecord] = {}
    offered = answered = first = 0
    for r in rows:
        if not _inbound_phone(r):
            continue
        before = last_inbound.get(r.caller_number) if r.caller_number else None
        if r.caller_number:
            last_inbound[r.caller_number] = r
        if not since <= r.rang_at < until:
            continue
        offered += 1
        if r.answered:
            answered += 1
            repeat = (before is not None and not before.answered
                      and r.rang_at - before.ended_at <= window)
            first += not repeat
    missed = [m for m in missed_call_returns(rows, window)
              if _inbound_phone(m.missed) and since <= m.missed.rang_at < until]
    returned = sum(1 for m in missed if m.returned_by is not None)
    return CallFigures(offered=offered, answered=answered, answered_first=first,
                       missed=len(missed), returned=returned,
                       unreturned=tuple(m for m in missed if m.returned_by is None))


def call_figures(central: Engine | Connection, since: datetime, until: datetime,
                 *, window: timedelta = DEFAULT_WINDOW) -> CallFigures:
    """The figures of the period from the central call records. ``central`` may be a
    connection already open (a report's): the embedded central holds one writer at a time,
    so a second connection there would wait for the first."""
    if isinstance(central, Engine):
        records = CallLog(central).records(since - window, until + window)
    else:
        records = _records_on(central, since - window, until + window)
    return figures_from_records(records, since, until, window=window)


def has_call_records(central: Engine | Connection, since: datetime, until: datetime) -> bool:
    """Whether any telephone reported calls in the period (else the reports keep the
    queue's ``calls`` figures, e.g. the demo plan's)."""
    if isinstance(central, Engine):
        return CallLog(central).count(since, until) > 0
    t = _RECORDS
    return int(central.execute(select(func.count()).select_from(t).where(
        t.c.rang_at >= since, t.c.rang_at < until, t.c.deleted.is_(False))).scalar_one()) > 0


def _records_on(conn: Connection, since: datetime, until: datetime) -> list[CallRecord]:
    t = _RECORDS
    rows = conn.execute(select(t).where(
        t.c.rang_at >= since, t.c.rang_at < until, t.c.deleted.is_(False)
    ).order_by(t.c.rang_at)).all()
    return [CallRecord(
        call_id=r.call_id, direction=Direction(r.direction), caller_number=r.caller_number,
        channel=r.channel, queue=r.queue, rang_at=r.rang_at, answered_at=r.answered_at,
        ended_at=r.ended_at, seat=r.seat_code, agent=r.work_no, case_number=r.case_number,
        outcome=Outcome(r.outcome), end_reason=r.end_reason,
        transferred_to=r.transferred_to, source=r.source) for r in rows]
