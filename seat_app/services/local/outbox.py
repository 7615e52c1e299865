"""The outbox: unsent changes in push order, and the changes the central database refused
(kept on the seat with the reason, never dropped), listed and sent again.

    from seat_app.services.local.outbox import rejected_changes, retry_rejected
    for change in rejected_changes(store):
        print(change["case_number"], change["error"], change["error_en"])
    retry_rejected(store)              # the next sync sends them
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import Engine, delete, select, update

from seat_app.services.local.schema import local_metadata, outbox
from seat_app.services.store.central import INSERT, SYSTEM_FIELDS, UPDATE, Op, encode_value
from seat_app.services.store.models import new_uuid


class LocalStore(Protocol):
    """What the outbox functions use of ``local.store.LocalStore`` (a protocol, so this module
    sits below the store that uses it)."""

    engine: Engine

    def outbox_ops(self, state: str | None = None) -> list[OutboxOp]: ...

    def get(self, table: str, row_id: str) -> dict[str, Any] | None: ...


@dataclass(slots=True)
class OutboxOp:
    """An unsent change in the outbox (in push order by ``seq``)."""

    seq: int
    op: Op
    created_at: datetime
    attempts: int
    last_error: str | None
    state: str
    """pending, or rejected (central refused it: shown to the user, not retried)."""

    @property
    def op_id(self) -> str:
        return self.op.op_id


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return encode_value(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _outbox_op(r: Any) -> OutboxOp:
    op = Op(
        r["op_id"],
        r["entity"],
        r["entity_id"],
        r["kind"],
        r["base_revision"],
        json.loads(r["changes"]),
        r["actor"],
    )
    return OutboxOp(r["seq"], op, r["created_at"], r["attempts"], r["last_error"], r["state"])


# ----------------------------------------------------------------------------- refused ops



def split_error(error: str | None) -> tuple[str, str]:
    """A stored refusal reason as (zh, en): central's case rules answer both, one a line."""
    text = (error or "").strip()
    if "\n" in text:
        zh, en = text.split("\n", 1)
        return zh.strip(), en.strip()
    return text, text


def _op_case_id(entity: str, entity_id: str, changes: dict[str, Any]) -> str | None:
    if entity == "cases":
        return entity_id
    if entity in ("case_events", "conflicts"):
        key = "case_id" if entity == "case_events" else "entity_id"
        value = (changes.get(key) or [None, None])[1]
        return value if isinstance(value, str) else None
    return None


def rejected_changes(store: LocalStore, case_id: str | None = None) -> list[dict[str, Any]]:
    """Changes the central database refused, kept on this seat (never dropped), oldest
    first: ``op_id, entity, entity_id, kind, case_id, case_number, fields, error (zh),
    error_en, attempts, created_at``. ``case_id`` narrows to one case (its row and its
    timeline entries)."""
    out: list[dict[str, Any]] = []
    numbers: dict[str, str | None] = {}
    for o in store.outbox_ops("rejected"):
        cid = _op_case_id(o.op.entity, o.op.entity_id, o.op.changes)
        if case_id is not None and cid != case_id:
            continue
        if cid is not None and cid not in numbers:
            row = store.get("cases", cid)
            numbers[cid] = row["case_number"] if row else None
        zh, en = split_error(o.last_error)
        out.append(
            {
                "op_id": o.op_id,
                "entity": o.op.entity,
                "entity_id": o.op.entity_id,
                "kind": o.op.kind,
                "case_id": cid,
                "case_number": numbers.get(cid) if cid else None,
                "fields": sorted(o.op.changes),
                "error": zh,
                "error_en": en,
                "attempts": o.attempts,
                "created_at": o.created_at.isoformat() if o.created_at else None,
            }
        )
    return out


def retry_rejected(store: LocalStore, case_id: str | None = None) -> int:
    """Send refused changes again, as the rows are now (after the agent corrected the case,
    or an admin fixed the cause centrally); returns how many ops were put back in the queue.

    In one local transaction, per refused row: a refused insert is rebuilt from the current
    local row (later edits of the row fold into it); refused and later updates fold into one
    update from the first old values to the current ones (an edit undone to the original
    leaves nothing to send); other refused ops are queued again as they are. Rebuilt ops get
    new op ids, so the central database judges them afresh. ``case_id`` limits the retry to
    one case and its timeline entries."""
    put_back = 0
    with store.engine.begin() as conn:
        rows = [dict(r) for r in conn.execute(select(outbox).order_by(outbox.c.seq)).mappings()]
        refused = [r for r in rows if r["state"] == "rejected"]
        if case_id is not None:
            refused = [
                r for r in refused
                if _op_case_id(r["entity"], r["entity_id"], json.loads(r["changes"])) == case_id
            ]
        done: set[tuple[str, str]] = set()
        for first in refused:
            key = (first["entity"], first["entity_id"])
            if key in done:
                continue
            done.add(key)
            same = [r for r in rows if (r["entity"], r["entity_id"]) == key]
            table = local_metadata.tables.get(first["entity"])
            current = None
            if table is not None:
                found = conn.execute(select(table).where(table.c.id == first["entity_id"]))
                current = found.mappings().first()
            ups = [r for r in same if r["kind"] == UPDATE and r["seq"] >= first["seq"]]
            if current is not None and first["kind"] in (INSERT, UPDATE):
                if first["kind"] == INSERT:
                    changes = {
                        k: [None, encode_value(v)]
                        for k, v in current.items() if k not in SYSTEM_FIELDS
                    }
                else:
                    changes = {}
                    for r in ups:
                        for name, (old, _new) in json.loads(r["changes"]).items():
                            changes.setdefault(name, [old, None])
                    for name, pair in changes.items():
                        pair[1] = encode_value(current[name])
                    changes = {k: v for k, v in changes.items() if v[0] != v[1]}
                folded = [r["seq"] for r in ups if r["seq"] != first["seq"]]
                if folded:
                    conn.execute(delete(outbox).where(outbox.c.seq.in_(folded)))
                if not changes:
                    conn.execute(delete(outbox).where(outbox.c.seq == first["seq"]))
                    continue
                conn.execute(
                    update(outbox).where(outbox.c.seq == first["seq"]).values(
                        op_id=new_uuid(), state="pending",
                        changes=json.dumps(changes, ensure_ascii=False),
                    )
                )
                put_back += 1
            else:
                put_back += conn.execute(
                    update(outbox)
                    .where(outbox.c.entity == key[0], outbox.c.entity_id == key[1],
                           outbox.c.state == "rejected")
                    .values(state="pending")
                ).rowcount
    return put_back


# ----------------------------------------------------------------------------- actions


def queued_actions(store: LocalStore, kind: str, entity_id: str | None = None) -> list[OutboxOp]:
    """Action ops of ``kind`` still in the outbox (pending or rejected), in push order."""
    return [
        o for o in store.outbox_ops()
        if o.op.kind == kind and (entity_id is None or o.op.entity_id == entity_id)
    ]


def drop_action(store: LocalStore, op_id: str) -> bool:
    """Take back an action op that central has not applied (the agent changed their mind);
    False when it is gone already (applied, or never queued)."""
    with store.engine.begin() as conn:
        return bool(conn.execute(delete(outbox).where(outbox.c.op_id == op_id)).rowcount)
