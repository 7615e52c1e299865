"""The central call log: :class:`CallRecord` s written to ``call_records`` (one row per call,
idempotent on the phone's call id) and read back for the seat's history and the reports.

Offline-safe: when the central database cannot be reached, the record (and a case number
attached later) goes into the seat-local store's outbox, in one durable local transaction,
as an insert op of ``call_records``; the next sync pushes it like every other change.

    log = CallLog(central_engine, local=store, seat_code="S01")
    recorder = CallRecorder(seat="S01", agent="1001", on_record=log.save)
    log.attach_case(call_id, "20260301-S01-0007")    # the case typed for this call
    log.records(since, until)                         # -> list[CallRecord]
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Engine, Table, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from seat_app.services.local.schema import outbox
from seat_app.services.store.central import INSERT, UPDATE, encode_value, next_change_seq
from seat_app.services.store.engine import is_connection_error
from seat_app.services.store.models import new_uuid, utcnow
from seat_app.services.store.models_telephony import CallRecordRow
from seat_app.services.telephony.events import Direction, canonical_number
from seat_app.services.telephony.record import CallRecord, Outcome

log = logging.getLogger(__name__)

ENTITY = "call_records"
_NS = uuid.UUID("5d7b3c52-3f1e-4e0e-9a51-12345c0f7e13")
_TABLE: Table = CallRecordRow.__table__  # type: ignore[assignment]
CENTRAL, QUEUED, KNOWN = "central", "queued", "known"


def record_row_id(call_id: str) -> str:
    """The row id of a call's record: the same on every seat and every retry."""
    return str(uuid.uuid5(_NS, call_id))


class LocalOutbox(Protocol):
    """What the call log uses of ``local.store.LocalStore``."""

    engine: Engine


def _values(record: CallRecord) -> dict[str, Any]:
    return {
        "call_id": record.call_id[:80], "direction": record.direction.value,
        "caller_number": canonical_number(record.caller_number)[:32],
        "channel": record.channel[:8],
        "queue": record.queue[:40], "rang_at": record.rang_at,
        "answered_at": record.answered_at, "ended_at": record.ended_at,
        "seat_code": record.seat[:8], "work_no": record.agent[:16],
        "case_number": record.case_number, "outcome": record.outcome.value,
        "end_reason": record.end_reason[:40], "transferred_to": record.transferred_to[:40],
        "source": record.source[:12],
    }


def _record(row: Any) -> CallRecord:
    return CallRecord(
        call_id=row.call_id, direction=Direction(row.direction),
        caller_number=row.caller_number, channel=row.channel, queue=row.queue,
        rang_at=row.rang_at, answered_at=row.answered_at, ended_at=row.ended_at,
        seat=row.seat_code, agent=row.work_no, case_number=row.case_number,
        outcome=Outcome(row.outcome), end_reason=row.end_reason,
        transferred_to=row.transferred_to, source=row.source)


class CallLog:
    """Writes and reads call records; ``central`` may be ``None`` (an offline seat)."""

    def __init__(self, central: Engine | None, *, local: LocalOutbox | None = None,
                 seat_code: str = "") -> None:
        self.central = central
        self.local = local
        self.seat_code = seat_code

    # -- writing ----------------------------------------------------------------------
    def save(self, record: CallRecord) -> str:
        """Write ``record`` centrally (``"central"``; ``"known"`` when that call id is
        already there) or, when the central write fails (unreachable, or refused), into the
        local outbox (``"queued"``). Raises when neither is possible (nothing is silently
        dropped)."""
        values = _values(record)
        if self.central is not None:
            try:
                return self._save_central(values)
            except Exception as exc:
                if self.local is None:
                    raise
                # unreachable: the outbox sends it later; refused (rights, a constraint):
                # kept in the outbox too, where sync shows the refusal — never dropped
                level = logging.WARNING if is_connection_error(exc) else logging.ERROR
                log.log(level, "call record %s queued locally: %s", record.call_id,
                        type(exc).__name__)
        if self.local is None:
            raise RuntimeError("no central database and no local store for the call record")
        self._queue(INSERT, record_row_id(record.call_id), 0,
                    {k: [None, encode_value(v)] for k, v in values.items()}, record.agent)
        return QUEUED

    def _save_central(self, values: dict[str, Any]) -> str:
        assert self.central is not None
        dialect = self.central.dialect.name
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        with self.central.begin() as conn:
            seq = next_change_seq(conn)
            row = {**values, "id": record_row_id(values["call_id"]), "revision": 1,
                   "change_seq": seq, "changed_by": values["work_no"] or values["seat_code"],
                   "changed_at": utcnow(), "deleted": False}
            stmt = make(_TABLE).values(row).on_conflict_do_nothing(
                index_elements=["call_id"]).returning(_TABLE.c.id)
            done = conn.execute(stmt).first() is not None
        return CENTRAL if done else KNOWN

    def attach_case(self, call_id: str, case_number: str, *, work_no: str = "") -> str:
        """The case typed for a call that already ended (``"central"`` / ``"queued"``)."""
        if self.central is not None:
            try:
                with self.central.begin() as conn:
                    seq = next_change_seq(conn)
                    n = conn.execute(
                        update(_TABLE).where(_TABLE.c.call_id == call_id).values(
                            case_number=case_number, revision=_TABLE.c.revision + 1,
                            change_seq=seq, changed_at=utcnow(),
                            changed_by=work_no or self.seat_code)).rowcount
                if n:
                    return CENTRAL
            except Exception as exc:
                if self.local is None or not is_connection_error(exc):
                    raise
        if self.local is None:
            raise RuntimeError(f"call {call_id} is not recorded")
        row_id = record_row_id(call_id)
        if self._rewrite_queued_insert(row_id, case_number):
            return QUEUED
        self._queue(UPDATE, row_id, 1, {"case_number": [None, case_number]}, work_no)
        return QUEUED

    def _rewrite_queued_insert(self, row_id: str, case_number: str) -> bool:
        """A still-unsent insert of the record takes the case number itself."""
        assert self.local is not None
        with self.local.engine.begin() as conn:
            row = conn.execute(select(outbox.c.seq, outbox.c.changes).where(
                outbox.c.entity == ENTITY, outbox.c.entity_id == row_id,
                outbox.c.kind == INSERT, outbox.c.state == "pending")).first()
            if row is None:
                return False
            changes = json.loads(row.changes)
            changes["case_number"] = [None, case_number]
            conn.execute(update(outbox).where(outbox.c.seq == row.seq).values(
                changes=json.dumps(changes, ensure_ascii=False)))
        return True

    def _queue(self, kind: str, row_id: str, base: int, changes: dict[str, Any],
               actor: str) -> None:
        assert self.local is not None
        with self.local.engine.begin() as conn:
            if kind == INSERT and conn.execute(select(outbox.c.seq).where(
                    outbox.c.entity == ENTITY, outbox.c.entity_id == row_id,
                    outbox.c.kind == INSERT)).first() is not None:
                return  # this call's record is queued already
            conn.execute(insert(outbox), {
                "op_id": new_uuid(), "entity": ENTITY, "entity_id": row_id, "kind": kind,
                "base_revision": base, "changes": json.dumps(changes, ensure_ascii=False),
                "actor": actor[:16], "created_at": utcnow(), "attempts": 0,
                "state": "pending"})

    # -- reading ----------------------------------------------------------------------
    def records(self, since: datetime, until: datetime) -> list[CallRecord]:
        """Records of calls that rang in ``[since, until)``, oldest first."""
        if self.central is None:
            return []
        with self.central.connect() as conn:
            rows = conn.execute(select(_TABLE).where(
                _TABLE.c.rang_at >= since, _TABLE.c.rang_at < until,
                _TABLE.c.deleted.is_(False)).order_by(_TABLE.c.rang_at)).all()
        return [_record(r) for r in rows]

    def count(self, since: datetime, until: datetime) -> int:
        """How many calls rang in ``[since, until)``."""
        if self.central is None:
            return 0
        with self.central.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(_TABLE).where(
                _TABLE.c.rang_at >= since, _TABLE.c.rang_at < until,
                _TABLE.c.deleted.is_(False))).scalar_one())

    def get(self, call_id: str) -> CallRecord | None:
        if self.central is None:
            return None
        with self.central.connect() as conn:
            row = conn.execute(select(_TABLE).where(_TABLE.c.call_id == call_id)).first()
        return None if row is None else _record(row)

    def for_number(self, number: str, limit: int = 20) -> list[CallRecord]:
        """A caller's latest calls, newest first (the screen pop's call history)."""
        if self.central is None or not number:
            return []
        with self.central.connect() as conn:
            rows = conn.execute(select(_TABLE).where(
                _TABLE.c.caller_number == canonical_number(number),
                _TABLE.c.deleted.is_(False)).order_by(
                _TABLE.c.rang_at.desc()).limit(limit)).all()
        return [_record(r) for r in rows]
