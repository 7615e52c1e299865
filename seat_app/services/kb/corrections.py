"""Agents' corrections (纠错): filed at the seat (saved locally, pushed by the sync like a
case: an insert op of ``kb_corrections`` in the outbox), listed centrally by entry, closed
with what was done; closing tells the agent through a message to their seat.

    c = file_correction(store, "KB-1", 3, "outdated", "", agent="1001")   # at the seat
    rows = inbox(engine)                                                 # central
    close_correction(engine, "6001", c.id, "fixed", "已更新电话", fixed_in=4)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, text, update

from seat_app.domain import kb_upkeep as ku
from seat_app.domain.kb_upkeep.corrections import KIND_LABELS, OUTCOME_LABELS
from seat_app.services.local.schema import outbox
from seat_app.services.local.store import LocalStore
from seat_app.services.store.central import INSERT, encode_value, next_change_seq
from seat_app.services.store.models import new_uuid, utcnow
from seat_app.services.store.models_kb_upkeep import KBCorrection

TABLE = KBCorrection.__table__
ENTITY = "kb_corrections"


def _fields(c: ku.Correction) -> dict[str, Any]:
    return {
        "entry_code": c.entry_code, "entry_version": c.entry_version, "kind": c.kind.value,
        "comment": c.comment, "agent": c.agent, "seat": c.seat, "created_at": c.created_at,
        "state": c.state.value, "outcome": c.outcome.value if c.outcome else "",
        "note": c.note, "closed_by": c.closed_by, "closed_at": c.closed_at,
        "fixed_in": c.fixed_in,
    }


def _correction(r: Any) -> ku.Correction:
    def aware(v: datetime | None) -> datetime | None:
        return v.replace(tzinfo=UTC) if v is not None and v.tzinfo is None else v
    return ku.Correction(
        r["id"], r["entry_code"], r["entry_version"], ku.CorrectionKind(r["kind"]), r["comment"],
        r["agent"], r["seat"], aware(r["created_at"]), ku.CorrectionState(r["state"]),
        ku.Outcome(r["outcome"]) if r["outcome"] else None, r["note"], r["closed_by"],
        aware(r["closed_at"]), r["fixed_in"])


def file_correction(store: LocalStore, entry_code: str, entry_version: int, kind: str,
                    comment: str, *, agent: str, now: datetime | None = None) -> ku.Correction:
    """Save a correction at the seat: one insert op in the outbox (same transaction rules as
    a case: it is sent on the next sync and never lost). ``CorrectionRefused`` (zh/en) for
    bad input, nothing written."""
    c = ku.new_correction(entry_code, entry_version, kind, comment, agent, store.seat_code,
                          now or utcnow())
    changes = {k: [None, encode_value(v)] for k, v in _fields(c).items()}
    with store.engine.begin() as conn:
        conn.execute(insert(outbox), [{
            "op_id": new_uuid(), "entity": ENTITY, "entity_id": c.id, "kind": INSERT,
            "base_revision": 0, "changes": json.dumps(changes, ensure_ascii=False),
            "actor": agent, "created_at": utcnow(), "attempts": 0, "state": "pending"}])
    return c


def unsent_corrections(store: LocalStore) -> int:
    with store.engine.connect() as conn:
        return len(conn.execute(select(outbox.c.seq).where(outbox.c.entity == ENTITY)).all())


def corrections(engine: Engine, *, state: str | None = "open",
                entry_code: str | None = None) -> list[ku.Correction]:
    stmt = select(TABLE).where(TABLE.c.deleted.is_(False))
    if state:
        stmt = stmt.where(TABLE.c.state == state)
    if entry_code:
        stmt = stmt.where(TABLE.c.entry_code == entry_code)
    with engine.connect() as conn:
        rows = conn.execute(stmt.order_by(TABLE.c.created_at)).mappings().all()
    return [_correction(r) for r in rows]


def inbox(engine: Engine) -> list[ku.InboxRow]:
    """Open corrections by entry with counts (most first)."""
    return ku.inbox(corrections(engine, state="open"))


@dataclass(frozen=True, slots=True)
class Closed:
    correction: ku.Correction
    notice: ku.AgentNotice
    told_seat: str


def close_correction(engine: Engine, who: str, correction_id: str, outcome: str, note: str,
                     *, fixed_in: int | None = None, now: datetime | None = None) -> Closed:
    """Close one open correction (domain rules: outcome, note, the fixing version) and tell
    the agent at the seat they filed it from (``seat_messages``)."""
    now = now or utcnow()
    with engine.begin() as conn:
        row = conn.execute(select(TABLE).where(TABLE.c.id == correction_id)).mappings().first()
        if row is None:
            raise ku.CorrectionRefused("找不到这条纠错。", "No such correction.")
        closed, notice = ku.close(_correction(row), who, outcome, note, now, fixed_in=fixed_in)
        seq = next_change_seq(conn)
        values = _fields(closed)
        conn.execute(update(TABLE).where(TABLE.c.id == correction_id).values(
            state=values["state"], outcome=values["outcome"], note=values["note"],
            closed_by=who, closed_at=now, fixed_in=values["fixed_in"],
            revision=row["revision"] + 1, change_seq=seq, changed_by=who, changed_at=now))
        if closed.seat:
            conn.execute(text("INSERT INTO seat_messages (seat_code, sender, text, sent_at) "
                              "VALUES (:s, :w, :t, :at)"),
                         {"s": closed.seat, "w": who, "t": notice.zh, "at": now})
    return Closed(closed, notice, closed.seat)


def correction_json(c: ku.Correction) -> dict[str, Any]:
    return {
        "id": c.id, "entry_code": c.entry_code, "entry_version": c.entry_version,
        "kind": c.kind.value, "kind_zh": KIND_LABELS[c.kind][0], "comment": c.comment,
        "agent": c.agent, "seat": c.seat, "created_at": c.created_at.isoformat(),
        "state": c.state.value, "outcome": c.outcome.value if c.outcome else "",
        "outcome_zh": OUTCOME_LABELS[c.outcome][0] if c.outcome else "", "note": c.note,
        "closed_by": c.closed_by, "fixed_in": c.fixed_in,
    }
