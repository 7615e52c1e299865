"""The seat-local schema: the mirror of the central tables the seat keeps (same columns, no
unique constraints locally), the local-only tables (outbox, drafts, case-number sequence,
watermarks, meta) and the prebuilt statements of the save path.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from seat_app.services.store.central import (
    row_defaults,
)
from seat_app.services.store.models import Base, UTCDateTime, seat_columns

SQLITE_MAGIC = b"SQLite format 3\x00"


MIRRORED_TABLES: tuple[str, ...] = (
    "cases",
    "case_events",
    "units",
    "users",
    "seats",
    "conflicts",
    "kb_entries",
)


"""Central tables the seat keeps a copy of (same columns; no unique constraints locally)."""


local_metadata = MetaData()


def _mirror(name: str) -> Table:
    src = Base.metadata.tables[name]
    cols = [
        Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
        for c in seat_columns(src)  # never a central-only column (password hashes, ...)
    ]
    return Table(name, local_metadata, *cols)


for _name in MIRRORED_TABLES:
    _mirror(_name)


_t = local_metadata.tables


Index("ix_local_cases_number", _t["cases"].c.case_number)


Index("ix_local_cases_phone", _t["cases"].c.caller_phone)


Index("ix_local_cases_created", _t["cases"].c.created_at)


Index("ix_local_case_events_case", _t["case_events"].c.case_id)


Index("ix_local_conflicts_entity", _t["conflicts"].c.entity_id)


Index("ix_local_kb_change_seq", _t["kb_entries"].c.change_seq)


outbox = Table(
    "outbox",
    local_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("op_id", String(36), nullable=False, unique=True),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("base_revision", Integer, nullable=False),
    Column("changes", Text, nullable=False),
    Column("actor", String(16), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    Column("state", String(10), nullable=False, default="pending"),
    sqlite_autoincrement=True,
)


Index("ix_outbox_entity", outbox.c.entity, outbox.c.entity_id)


drafts = Table(
    "drafts",
    local_metadata,
    Column("form_id", String(64), primary_key=True),
    Column("case_id", String(36), nullable=True),
    Column("fields", Text, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)


case_number_seq = Table(
    "case_number_seq",
    local_metadata,
    Column("day", String(8), primary_key=True),
    Column("seat_code", String(8), primary_key=True),
    Column("last", Integer, nullable=False),
)


watermarks = Table(
    "watermarks",
    local_metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)


meta = Table(
    "meta",
    local_metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=True),
)


_INSERT = {name: insert(local_metadata.tables[name]) for name in MIRRORED_TABLES}


_GET = {
    name: select(local_metadata.tables[name]).where(
        local_metadata.tables[name].c.id == bindparam("row_id")
    )
    for name in MIRRORED_TABLES
}


_OUTBOX_INSERT = insert(outbox)


_SEQ_GET = text("SELECT last FROM case_number_seq WHERE day = :day AND seat_code = :seat")


_SEQ_UPSERT = text(
    "INSERT INTO case_number_seq (day, seat_code, last) VALUES (:day, :seat, :last) "
    "ON CONFLICT (day, seat_code) DO UPDATE SET last = max(last, excluded.last)"
)


_NUMBER_TAKEN = text("SELECT 1 FROM cases WHERE case_number = :number LIMIT 1")


_DRAFT_UPSERT = text(
    "INSERT INTO drafts (form_id, case_id, fields, updated_at) "
    "VALUES (:form_id, :case_id, :fields, :updated_at) ON CONFLICT (form_id) DO UPDATE SET "
    "case_id = excluded.case_id, fields = excluded.fields, updated_at = excluded.updated_at"
).bindparams(bindparam("updated_at", type_=UTCDateTime()))


_DRAFT_DELETE = text("DELETE FROM drafts WHERE form_id = :form_id")


NUMBERS_PENDING = "numbers_pending"


"""meta key: set while the store must not give out case numbers (its history was lost and
the central database has not yet said which numbers this seat used)."""


_PENDING_GET = text(f"SELECT 1 FROM meta WHERE key = '{NUMBERS_PENDING}' AND value IS NOT NULL")


NUMBER_BLOCK = 100


"""Case numbers are reserved in the number record a block at a time."""


def _defaults(table: str) -> dict[str, Any]:
    """Column defaults of a table (callables evaluated per row)."""
    local = local_metadata.tables[table].c
    return {k: v for k, v in row_defaults(Base.metadata.tables[table]).items() if k in local}


def _set_meta(conn: Connection, key: str, value: str | None) -> None:
    stmt = sqlite_insert(meta).values(key=key, value=value)
    stmt = stmt.on_conflict_do_update(
        index_elements=[meta.c.key], set_={"value": stmt.excluded.value}
    )
    conn.execute(stmt)
