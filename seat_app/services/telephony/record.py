"""The call record (one row of the central call table) and the recorder that builds it
from an adapter's event stream; the two telephone KPIs computed from records."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from seat_app.services.telephony.events import CallEvent, Direction, EventKind, canonical_number


class Outcome(StrEnum):
    ANSWERED = "answered"
    MISSED = "missed"
    """Inbound, never answered (abandoned, rejected, or lost with the phone)."""
    NOT_REACHED = "not_reached"
    """Outbound (click-to-dial), the far end never answered."""
    TRANSFERRED = "transferred"
    """Answered, then transferred away (110/119/120, a unit, another seat)."""


@dataclass(frozen=True, slots=True)
class CallRecord:
    call_id: str
    direction: Direction
    caller_number: str
    """The citizen's number (caller inbound, dialled number outbound)."""
    channel: str
    queue: str
    rang_at: datetime
    answered_at: datetime | None
    ended_at: datetime
    seat: str
    agent: str
    case_number: str | None
    outcome: Outcome
    end_reason: str = ""
    transferred_to: str = ""
    source: str = ""

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def ring_seconds(self) -> float:
        end = self.answered_at or self.ended_at
        return (end - self.rang_at).total_seconds()

    @property
    def talk_seconds(self) -> float:
        return 0.0 if self.answered_at is None else (self.ended_at - self.answered_at).total_seconds()


@dataclass(slots=True)
class _Open:
    first: CallEvent
    answered_at: datetime | None = None
    transferred_to: str = ""
    case_number: str | None = None


class CallRecorder:
    """Feed it every event (any thread); it returns, and passes to ``on_record``, a
    :class:`CallRecord` when a call ends. Events of calls it never saw start are ignored."""

    def __init__(self, *, seat: str, agent: str,
                 on_record: Callable[[CallRecord], None] | None = None) -> None:
        self.seat, self.agent = seat, agent
        self._on_record = on_record
        self._open: dict[str, _Open] = {}
        self._lock = threading.Lock()

    @property
    def open_calls(self) -> list[str]:
        with self._lock:
            return list(self._open)

    def attach_case(self, call_id: str, case_number: str) -> None:
        """The case typed during this call (before the call ends; afterwards use
        :func:`with_case` on the record)."""
        with self._lock:
            if call_id in self._open:
                self._open[call_id].case_number = case_number

    def feed(self, event: CallEvent) -> CallRecord | None:
        if not event.call_id:
            return None
        with self._lock:
            if event.kind in (EventKind.RINGING, EventKind.DIALING):
                self._open.setdefault(event.call_id, _Open(event))
                return None
            state = self._open.get(event.call_id)
            if state is None:
                return None
            if event.kind == EventKind.ANSWERED and state.answered_at is None:
                state.answered_at = event.at
            elif event.kind == EventKind.TRANSFERRED:
                state.transferred_to = event.target
            if event.kind != EventKind.ENDED:
                return None
            del self._open[event.call_id]
        first = state.first
        if state.transferred_to and state.answered_at is not None:
            outcome = Outcome.TRANSFERRED
        elif state.answered_at is not None:
            outcome = Outcome.ANSWERED
        elif first.direction == Direction.INBOUND:
            outcome = Outcome.MISSED
        else:
            outcome = Outcome.NOT_REACHED
        record = CallRecord(
            call_id=first.call_id, direction=first.direction, caller_number=first.caller,
            channel=first.channel, queue=first.queue, rang_at=first.at,
            answered_at=state.answered_at, ended_at=event.at, seat=self.seat, agent=self.agent,
            case_number=state.case_number, outcome=outcome, end_reason=event.reason,
            transferred_to=state.transferred_to, source=first.source)
        if self._on_record is not None:
            self._on_record(record)
        return record


def with_case(record: CallRecord, case_number: str) -> CallRecord:
    return replace(record, case_number=case_number)


def first_answer_rate(records: Iterable[CallRecord]) -> float | None:
    """热线首接通率: inbound phone calls answered ÷ inbound phone calls offered
    (``None`` when none were offered). Outbound calls and non-phone channels do not count."""
    offered = answered = 0
    for r in records:
        if r.direction == Direction.INBOUND and r.channel == "电话":
            offered += 1
            answered += r.answered
    return None if offered == 0 else answered / offered


@dataclass(frozen=True, slots=True)
class MissedCall:
    missed: CallRecord
    returned_by: CallRecord | None
    """The first outbound call to the same number after the miss, within the window
    (reached or not: an attempt is a return, 回拨)."""


def missed_call_returns(records: Iterable[CallRecord],
                        window: timedelta = timedelta(hours=24)) -> list[MissedCall]:
    """Every missed inbound call with the call-back that returned it, if any. A caller who
    rang again and was answered before any call-back counts as returned by that call."""
    rows = sorted(records, key=lambda r: r.rang_at)
    out: list[MissedCall] = []
    for i, r in enumerate(rows):
        if r.direction != Direction.INBOUND or r.outcome != Outcome.MISSED or not r.caller_number:
            continue
        back = None
        key = canonical_number(r.caller_number)
        for later in rows[i + 1:]:
            if later.rang_at - r.ended_at > window:
                break
            if canonical_number(later.caller_number) != key:
                continue
            if later.direction == Direction.OUTBOUND or later.answered:
                back = later
                break
        out.append(MissedCall(r, back))
    return out
