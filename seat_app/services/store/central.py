"""Primitives of the central database shared by every writer, and the central side of a push.
The op wire format is ``store.ops``; the case rules checked centrally are
``store.case_checks``; the central side of a pull (``iter_changes``) is ``sync.central``.

Sync rules (design.md, Sync):

* every writing transaction stamps the rows it writes with ``next_change_seq`` (a single-row
  counter bumped inside the transaction: its row lock orders writers, so change numbers
  follow commit order and a pull by watermark never skips a slow transaction);
* ``apply_ops`` applies a seat's ops in one transaction that also records each op UUID in
  ``applied_ops``: a retried op is a no-op returning the first result;
* an update applies directly where the central revision equals the op's base revision;
  otherwise field by field: a field only the seat changed is applied, a field changed
  differently on both sides becomes a stored ``conflicts`` row holding both values;
* deletes are tombstones (``deleted = true``), never hard deletes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DataError, IntegrityError, ProgrammingError

from seat_app.services.store.case_checks import (
    _Checks,
    check_case_op,
)
from seat_app.services.store.models import (
    Base,
    is_central_only,
    new_uuid,
    seat_columns,
    utcnow,
)
from seat_app.services.store.ops import (
    ACTION_KINDS,
    APPLIED,
    CONFLICT,
    DELETE,
    HELD,
    INSERT,
    LINK_DUPLICATE,
    MERGED,
    REJECTED,
    SYSTEM_FIELDS,
    UPDATE,
    ActionLater,
    Op,
    OpInvalid,
    OpRejected,
    PushResponse,
    decode_value,
    encode_row,
    encode_value,
)

__all__ = [
    "ACTION_KINDS",
    "APPLIED",
    "CONFLICT",
    "DELETE",
    "HELD",
    "INSERT",
    "LINK_DUPLICATE",
    "MERGED",
    "REJECTED",
    "SYSTEM_FIELDS",
    "UPDATE",
    "ActionLater",
    "Op",
    "OpInvalid",
    "OpRejected",
    "PushResponse",
    "apply_ops",
    "current_change_seq",
    "decode_value",
    "delete_row",
    "edit_row",
    "encode_row",
    "encode_value",
    "insert_row",
    "next_change_seq",
    "row_defaults",
    "synced_table",
    "write_rows",
]

log = logging.getLogger(__name__)


def next_change_seq(conn: Connection) -> int:
    """Bump the central change counter inside the caller's transaction and return it.

    The UPDATE takes the counter row's lock until the caller's transaction ends, so two
    writers get their numbers in commit order. Rows written in the transaction carry the
    returned number as their ``change_seq``.
    """
    row = conn.execute(
        text("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value")
    ).first()
    if row is None:
        conn.execute(text("INSERT INTO change_counter (id, value) VALUES (1, 1)"))
        return 1
    return int(row[0])


def current_change_seq(conn: Connection) -> int:
    """The last committed change number (every change <= it is visible once read)."""
    row = conn.execute(text("SELECT value FROM change_counter WHERE id = 1")).first()
    return int(row[0]) if row else 0


# ----------------------------------------------------------------------------- value codec


def synced_table(name: str) -> Table:
    """The central table ``name`` if it is a synced table (has SyncedMixin's columns)."""
    table = Base.metadata.tables.get(name)
    if table is None or not set(table.c.keys()) >= SYSTEM_FIELDS:
        raise KeyError(f"not a synced table: {name}")
    return table


# ----------------------------------------------------------------------------- ops


def apply_ops(engine: Engine, ops: list[Op], *, seat_code: str = "") -> PushResponse:
    """Apply ``ops`` in order, idempotently; one transaction for the batch.

    Each op is applied entirely or not at all, together with its ``applied_ops`` record.
    When the batch hits a database error caused by one op's data (a unique or check
    constraint), the ops are applied one per transaction so that only the bad op is
    rejected (and that rejection is recorded: a retry returns it). An op that PostgreSQL's
    rights refuse (sqlstate 42501, e.g. row-level security: a row in another agent's name
    from a tampered seat) is rejected the same way, so it never blocks the outbox. Other
    errors (a connection lost) propagate: nothing is recorded and the seat retries later.
    """
    if not ops:
        return PushResponse([])
    try:
        with engine.begin() as conn:
            return _apply_batch(conn, ops, seat_code)
    except (IntegrityError, DataError, ProgrammingError) as exc:
        if isinstance(exc, ProgrammingError) and getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        if len(ops) > 1:
            merged = PushResponse([])
            refused: set[tuple[str, str]] = set()
            for op in ops:
                if (op.entity, op.entity_id) in refused:
                    merged.results.append(_result(op, HELD))
                    continue
                one = apply_ops(engine, [op], seat_code=seat_code)
                if one.results[0]["status"] == REJECTED:
                    refused.add((op.entity, op.entity_id))
                merged.results.extend(one.results)
                merged.rows.update(one.rows)
            return merged
        message = str(getattr(exc, "orig", exc)).splitlines()[0][:300]
        with engine.begin() as conn:
            return _apply_batch(conn, ops, seat_code, force_reject=message)


def _apply_batch(
    conn: Connection, ops: list[Op], seat_code: str, force_reject: str | None = None
) -> PushResponse:
    applied_ops = Base.metadata.tables["applied_ops"]
    ids = list({op.op_id for op in ops})
    seen: dict[str, dict[str, Any]] = {
        r.op_id: json.loads(r.result)
        for r in conn.execute(
            select(applied_ops.c.op_id, applied_ops.c.result).where(applied_ops.c.op_id.in_(ids))
        )
    }
    fresh = [op for op in ops if op.op_id not in seen]
    seq = next_change_seq(conn) if fresh else 0
    now = utcnow()

    # current central rows of every entity in the batch, locked until commit
    wanted: dict[str, set[str]] = {}
    changes_existing: set[str] = set()
    for op in ops:
        wanted.setdefault(op.entity, set()).add(op.entity_id)
        if op.kind != INSERT:
            changes_existing.add(op.entity)
    state: dict[tuple[str, str], dict[str, Any]] = {}
    tables: dict[str, Table] = {}
    for entity, entity_ids in wanted.items():
        try:
            table = synced_table(entity)
        except KeyError:
            continue
        tables[entity] = table
        # central-only columns are neither read nor written for a seat's op (a signed-in
        # login may not even read them on PostgreSQL)
        stmt = select(*seat_columns(table)).where(table.c.id.in_(list(entity_ids)))
        if entity in changes_existing:
            # lock the rows an update or delete reads; inserts need no lock (the primary
            # key refuses a second one), and locking would need UPDATE rights on
            # append-only tables such as case_events
            stmt = stmt.with_for_update()
        for row in conn.execute(stmt).mappings():
            state[(entity, row["id"])] = dict(row)

    checks = _Checks(conn, state)
    new_keys: list[tuple[str, str]] = []
    dirty: set[tuple[str, str]] = set()
    conflict_rows: list[dict[str, Any]] = []
    applied_rows: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    done_here: dict[str, dict[str, Any]] = {}
    refused: set[tuple[str, str]] = set()
    for op in ops:
        if (op.entity, op.entity_id) in refused:
            results.append(_result(op, HELD))
            continue
        if op.op_id in seen:
            results.append({**seen[op.op_id], "retried": True})
            if seen[op.op_id]["status"] == REJECTED:
                refused.add((op.entity, op.entity_id))
            continue
        if op.op_id in done_here:  # the same op twice in one batch
            results.append({**done_here[op.op_id], "retried": True})
            continue
        try:
            if force_reject is not None:
                raise OpRejected(force_reject)
            if op.entity in ("cases", "case_events") and op.entity in tables:
                check_case_op(op, tables[op.entity], state.get((op.entity, op.entity_id)),
                              checks)
            result = _apply_one(op, tables, state, new_keys, dirty, conflict_rows, seq, now)
        except OpInvalid as exc:
            result = _result(op, REJECTED, error=str(exc))
            result["change_seq"] = seq
            refused.add((op.entity, op.entity_id))
            results.append(result)
            continue  # not recorded: judged afresh when retried
        except OpRejected as exc:
            result = _result(op, REJECTED, error=str(exc))
        except (ValueError, TypeError, KeyError) as exc:
            result = _result(op, REJECTED, error=f"{type(exc).__name__}: {exc}")
        result["change_seq"] = seq
        if result["status"] == REJECTED:
            refused.add((op.entity, op.entity_id))
        done_here[op.op_id] = result
        results.append(result)
        applied_rows.append(
            {
                "op_id": op.op_id,
                "seat_code": seat_code,
                "entity": op.entity[:40],
                "entity_id": op.entity_id[:36],
                "status": result["status"],
                "result": json.dumps(result, ensure_ascii=False),
                "change_seq": seq,
                "applied_at": now,
            }
        )

    for entity, table in tables.items():
        inserts = [state[k] for k in new_keys if k[0] == entity]
        if inserts:
            conn.execute(insert(table), inserts)
        updates = [
            {**{f"b_{k}": v for k, v in state[key].items()}}
            for key in dirty
            if key[0] == entity and key not in new_keys
        ]
        if updates:
            stmt = (
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({c.name: bindparam(f"b_{c.name}")
                         for c in seat_columns(table) if c.name != "id"})
            )
            conn.execute(stmt, updates)
    if conflict_rows:
        for row in conflict_rows:
            row["seat_code"] = seat_code[:8]
        conn.execute(insert(Base.metadata.tables["conflicts"]), conflict_rows)
    if applied_rows:
        conn.execute(insert(applied_ops), applied_rows)

    rows = {key: dict(value) for key, value in state.items()}  # never central-only columns
    return PushResponse(results, rows)


def _result(op: Op, status: str, **extra: Any) -> dict[str, Any]:
    return {
        "op_id": op.op_id,
        "entity": op.entity,
        "entity_id": op.entity_id,
        "status": status,
        "revision": extra.pop("revision", None),
        "conflicts": extra.pop("conflicts", []),
        "error": extra.pop("error", None),
    }


def _apply_one(
    op: Op,
    tables: dict[str, Table],
    state: dict[tuple[str, str], dict[str, Any]],
    new_keys: list[tuple[str, str]],
    dirty: set[tuple[str, str]],
    conflict_rows: list[dict[str, Any]],
    seq: int,
    now: datetime,
) -> dict[str, Any]:
    table = tables.get(op.entity)
    if table is None:
        raise OpRejected(f"unknown entity {op.entity!r}")
    bad = [f for f in op.changes
           if f in SYSTEM_FIELDS or f not in table.c or is_central_only(table.c[f])]
    if bad:
        raise OpRejected(f"fields not allowed: {', '.join(sorted(bad))}")
    key = (op.entity, op.entity_id)
    current = state.get(key)
    stamp = {"change_seq": seq, "changed_by": op.actor[:64], "changed_at": now}

    if op.kind == INSERT:
        if current is not None:
            raise OpRejected(f"{op.entity} {op.entity_id} already exists")
        row: dict[str, Any] = {
            k: v for k, v in row_defaults(table).items() if not is_central_only(table.c[k])
        }
        for name, (_old, new) in op.changes.items():
            row[name] = decode_value(table, name, new)
        row.update(id=op.entity_id, revision=1, deleted=False, **stamp)
        missing = [
            c.name for c in seat_columns(table) if row[c.name] is None and not c.nullable
        ]
        if missing:
            raise OpRejected(f"missing values: {', '.join(missing)}")
        state[key] = row
        new_keys.append(key)
        return _result(op, APPLIED, revision=1)

    if current is None:
        raise OpRejected(f"{op.entity} {op.entity_id} does not exist")

    if op.kind == DELETE:
        if not current["deleted"]:
            current.update(deleted=True, revision=current["revision"] + 1, **stamp)
            dirty.add(key)
        return _result(op, APPLIED, revision=current["revision"])

    if op.kind != UPDATE:
        raise OpRejected(f"unknown op kind {op.kind!r}")

    if current["deleted"]:
        # edited here, deleted there: keep the whole edit as one conflict
        conflict_rows.append(
            _conflict_row(op, "deleted", {f: v[1] for f, v in op.changes.items()}, True, False,
                          seq, now)
        )
        return _result(op, CONFLICT, revision=current["revision"], conflicts=["deleted"])

    same_base = current["revision"] == op.base_revision
    conflicts: list[str] = []
    changed = False
    for name, (old, new) in op.changes.items():
        central = encode_value(current[name])
        if same_base or central == old:
            if central != new:
                current[name] = decode_value(table, name, new)
                changed = True
        elif central == new:
            continue  # both sides made the same change
        else:
            conflicts.append(name)
            conflict_rows.append(_conflict_row(op, name, new, central, old, seq, now))
    if changed:
        current.update(revision=current["revision"] + 1, **stamp)
        dirty.add(key)
    status = CONFLICT if conflicts else (APPLIED if same_base else MERGED)
    return _result(op, status, revision=current["revision"], conflicts=conflicts)


def _conflict_row(
    op: Op, name: str, local: Any, central: Any, base: Any, seq: int, now: datetime
) -> dict[str, Any]:
    return {
        "id": new_uuid(),
        "revision": 1,
        "change_seq": seq,
        "changed_by": op.actor[:64],
        "changed_at": now,
        "deleted": False,
        "entity": op.entity,
        "entity_id": op.entity_id,
        "field": name,
        "local_value": json.dumps(local, ensure_ascii=False),
        "central_value": json.dumps(central, ensure_ascii=False),
        "base_value": json.dumps(base, ensure_ascii=False),
        "op_id": op.op_id,
        "seat_code": "",
        "status": "open",
        "resolution": None,
        "resolved_by": "",
        "resolved_at": None,
    }


_DEFAULTS_CACHE: dict[str, tuple[dict[str, Any], list[tuple[str, Any]]]] = {}


def row_defaults(table: Table) -> dict[str, Any]:
    """A new row's column defaults (scalar defaults cached, callables called per row)."""
    cached = _DEFAULTS_CACHE.get(table.name)
    if cached is None:
        scalars: dict[str, Any] = {}
        calls: list[tuple[str, Any]] = []
        for c in table.c:
            d = c.default
            if d is not None and d.is_callable:
                calls.append((c.name, c))
            else:
                scalars[c.name] = _default(c)
        cached = _DEFAULTS_CACHE[table.name] = (scalars, calls)
    scalars, calls = cached
    row = dict(scalars)
    for name, column in calls:
        row[name] = _default(column)
    return row


def _default(column) -> Any:
    default = column.default
    if default is None:
        return None
    if default.is_scalar:
        return default.arg
    if default.is_callable:
        try:
            return default.arg(None)
        except TypeError:
            return default.arg()
    return None


def write_rows(conn: Connection, table_name: str, rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows written by a central-side writer (imports, demo data), stamped with one
    new change number. The caller's transaction must be open on ``conn``."""
    table = synced_table(table_name)
    seq = next_change_seq(conn)
    now = utcnow()
    batch = []
    for row in rows:
        batch.append(
            {
                "id": new_uuid(),
                "revision": 1,
                "changed_by": "",
                "changed_at": now,
                "deleted": False,
                **row,
                "change_seq": seq,
            }
        )
    if batch:
        conn.execute(insert(table), batch)
    return len(batch)


# ----------------------------------------------------------------------------- central writers


def insert_row(
    engine: Engine, table_name: str, values: dict[str, Any], *, actor: str = "",
    row_id: str | None = None,
) -> dict[str, Any]:
    """Insert one synced row from a central-side writer (console, workflow), stamped and
    recorded like a seat's op. Returns the op result (status, revision, change_seq)."""
    table = synced_table(table_name)
    row_id = row_id or new_uuid()
    changes = {
        k: [None, encode_value(v)] for k, v in values.items() if k not in SYSTEM_FIELDS
    }
    for name in changes:
        if name not in table.c:
            raise KeyError(f"unknown field {table_name}.{name}")
    op = Op(new_uuid(), table_name, row_id, INSERT, 0, changes, actor)
    return {**apply_ops(engine, [op]).results[0], "id": row_id}


def edit_row(
    engine: Engine,
    table_name: str,
    loaded: dict[str, Any],
    changes: dict[str, Any],
    *,
    actor: str = "",
) -> dict[str, Any]:
    """Save an edit made from ``loaded`` (the row as the editor read it, with its
    ``revision``) with the same rules as a seat's push: a field someone else changed
    meanwhile to a different value becomes a stored conflict, never overwritten.

    Returns the op result: status applied / merged / conflict, conflicts (field names)."""
    synced_table(table_name)
    diff = {}
    for name, value in changes.items():
        old, new = encode_value(loaded.get(name)), encode_value(value)
        if old != new:
            diff[name] = [old, new]
    op = Op(new_uuid(), table_name, loaded["id"], UPDATE, int(loaded["revision"]), diff, actor)
    return apply_ops(engine, [op]).results[0]


def delete_row(engine: Engine, table_name: str, row_id: str, *, actor: str = "") -> dict:
    """Tombstone a row from a central-side writer."""
    op = Op(new_uuid(), table_name, row_id, DELETE, 0, {}, actor)
    return apply_ops(engine, [op]).results[0]
