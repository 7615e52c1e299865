"""Writing central rows into the seat-local store: one raw upsert per mirrored table (pulls
write thousands of rows without per-row statement processing), the case-number floor raised
from pulled cases, and the replay of an unsent op into a fresh store (recovery).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from seat_app.domain.case import CaseNumber
from seat_app.services.local.schema import MIRRORED_TABLES, case_number_seq, local_metadata, outbox
from seat_app.services.store.central import (
    DELETE,
    INSERT,
    SYSTEM_FIELDS,
    UPDATE,
    _default,
    decode_value,
)
from seat_app.services.store.models import Base


def _upsert_central_rows(
    conn: Connection, table: str, rows: list[dict[str, Any]], seat_code: str
) -> tuple[int, int]:
    if not rows:
        return 0, 0
    ids = [r["id"] for r in rows]
    held: set[str] = set()
    for start in range(0, len(ids), 900):
        part = ids[start : start + 900]
        held.update(
            conn.execute(
                select(outbox.c.entity_id).where(
                    outbox.c.entity == table, outbox.c.entity_id.in_(part)
                )
            ).scalars()
        )
    keep = [r for r in rows if r["id"] not in held]
    if keep:
        sql, converters = _upsert_sql(table)
        names = [name for name, _ in converters]
        special = [(i, conv) for i, (_n, conv) in enumerate(converters) if conv is not _same]
        getter = itemgetter(*names)
        data = []
        for r in keep:
            try:
                values = list(getter(r))
            except KeyError:
                values = [r.get(name) for name in names]
            for i, conv in special:
                values[i] = conv(values[i])
            data.append(tuple(values))
        conn.exec_driver_sql(sql, data)
        if table == "cases":
            _raise_seq_floor(conn, keep, seat_code)
    return len(keep), len(rows) - len(keep)


_UPSERT_SQL: dict[str, tuple[str, list[tuple[str, Callable[[Any], Any]]]]] = {}


def _as_sqlite_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _as_sqlite_date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _as_sqlite_bool(value: Any) -> Any:
    return None if value is None else int(bool(value))


def _same(value: Any) -> Any:
    return value


def _upsert_sql(table: str) -> tuple[str, list[tuple[str, Callable[[Any], Any]]]]:
    """One raw upsert per mirrored table, with per-column converters to SQLite's storage
    (the format SQLAlchemy reads back): pulls write thousands of rows without per-row
    statement processing."""
    cached = _UPSERT_SQL.get(table)
    if cached:
        return cached
    t = local_metadata.tables[table]
    converters: list[tuple[str, Callable[[Any], Any]]] = []
    for c in t.c:
        impl = getattr(c.type, "impl", c.type)
        if isinstance(impl, DateTime):
            conv: Callable[[Any], Any] = _as_sqlite_datetime
        elif isinstance(impl, Date):
            conv = _as_sqlite_date
        elif isinstance(impl, Boolean):
            conv = _as_sqlite_bool
        else:
            conv = _same
        converters.append((c.name, conv))
    names = [n for n, _ in converters]
    cols = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    sets = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != "id")
    sql = (
        f'INSERT INTO "{table}" ({cols}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET '
        f'{sets} WHERE excluded.change_seq >= "{table}".change_seq'
    )
    _UPSERT_SQL[table] = (sql, converters)
    return sql, converters


def _raise_seq_floor(conn: Connection, rows: list[dict[str, Any]], seat_code: str) -> None:
    """Case numbers this seat assigned (seen on central) are never assigned again, even
    after the local store was lost and recreated."""
    best: dict[str, int] = {}
    for r in rows:
        try:
            number = CaseNumber.parse(r.get("case_number") or "")
        except ValueError:
            continue
        if number.seat_code == seat_code:
            key = f"{number.day:%Y%m%d}"
            best[key] = max(best.get(key, 0), number.seq)
    for day, seq in best.items():
        stmt = sqlite_insert(case_number_seq).values(day=day, seat_code=seat_code, last=seq)
        stmt = stmt.on_conflict_do_update(
            index_elements=[case_number_seq.c.day, case_number_seq.c.seat_code],
            set_={"last": func.max(case_number_seq.c.last, stmt.excluded["last"])},
        )
        conn.execute(stmt)


def _replay_op(conn: Connection, op_row: dict[str, Any]) -> None:
    """Rebuild the local row an unsent op describes (recovery into a fresh store)."""
    table = op_row["entity"]
    if table not in local_metadata.tables or table not in MIRRORED_TABLES:
        return
    t = local_metadata.tables[table]
    changes = json.loads(op_row["changes"])
    existing = conn.execute(select(t.c.id).where(t.c.id == op_row["entity_id"])).first()
    values = {
        k: decode_value(t, k, v[1]) for k, v in changes.items() if k in t.c and k not in SYSTEM_FIELDS
    }
    if op_row["kind"] == INSERT and existing is None:
        row = {c.name: _default(c) for c in Base.metadata.tables[table].c if c.name in t.c}
        row.update(values)
        row.update(
            id=op_row["entity_id"],
            revision=0,
            change_seq=0,
            changed_by=op_row["actor"],
            changed_at=op_row["created_at"],
            deleted=False,
        )
        conn.execute(insert(t), row)
    elif op_row["kind"] == UPDATE and existing is not None and values:
        conn.execute(update(t).where(t.c.id == op_row["entity_id"]).values(**values))
    elif op_row["kind"] == DELETE and existing is not None:
        conn.execute(update(t).where(t.c.id == op_row["entity_id"]).values(deleted=True))
