"""Central schema: SQLAlchemy 2 typed ORM.

Every synced row carries a client-generated UUID, a revision, the central change sequence,
who and when changed it, and a tombstone flag instead of hard deletes (``SyncedMixin``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp that is always timezone-aware UTC in Python, on PostgreSQL and SQLite.

    SQLite keeps no zone; values are stored as UTC there and come back aware, so a value
    read from the seat-local store compares equal to the same value read from PostgreSQL.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


CENTRAL_ONLY: dict[str, object] = {"central_only": True}
"""``info`` of a column that stays in the central database: sync never carries it to a seat
(``iter_changes`` does not select it, push answers leave it out, the seat-local store does
not mirror it) and a seat's op may not write it (refused centrally)."""


def is_central_only(column: Column[Any]) -> bool:
    return bool(column.info.get("central_only"))


def seat_columns(table: Table) -> list[Column[Any]]:
    """The columns of a central table that sync carries to and from seats."""
    return [c for c in table.c if not is_central_only(c)]


class SyncedMixin:
    """Columns of every synced row: client UUID, revision, central change sequence, who and
    when changed it, and a tombstone flag (rows are never hard-deleted)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    revision: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False, index=True)
    changed_by: Mapped[str] = mapped_column(String(64), default="", nullable=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


class KBEntry(SyncedMixin, Base):
    """A knowledge-base entry (知识条目)."""

    __tablename__ = "kb_entries"

    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    """办事指南 / 政策解答 / 单位职责 / 常见问题 / 热点通知"""
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    domain: Mapped[str] = mapped_column(String(40), nullable=False)
    subcategory: Mapped[str] = mapped_column(String(40), nullable=False)
    matter: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    area: Mapped[str] = mapped_column(String(16), nullable=False)
    unit: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    answer: Mapped[str] = mapped_column(Text, nullable=False, default="")
    """答复口径: the answer an agent can read aloud."""
    procedure: Mapped[str] = mapped_column(Text, nullable=False, default="")
    materials: Mapped[str] = mapped_column(Text, nullable=False, default="")
    place: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    hours: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    fees: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    time_limit: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    keywords: Mapped[str] = mapped_column(Text, nullable=False, default="")
    """How callers say it, separated by '、' or ','."""
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="已发布")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __table_args__ = (Index("ix_kb_entries_domain_area", "domain", "area"),)


KB_FIELDS: tuple[str, ...] = (
    "code", "kind", "title", "domain", "subcategory", "matter", "area", "unit", "answer",
    "procedure", "materials", "place", "hours", "fees", "time_limit", "phone", "keywords",
    "valid_from", "valid_to", "status", "version",
)
"""The fields of a KB entry as imported, exported and indexed (besides id)."""


class ChangeCounter(Base):
    """The single-row central change sequence.

    Every writing transaction bumps it (``central.next_change_seq``); the row lock it takes
    serializes writers, so change numbers follow commit order and a pull by watermark never
    skips a slow transaction.
    """

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)


# ----------------------------------------------------------------------------- people, grid


class User(SyncedMixin, Base):
    """A person who signs in (工号): agent, team lead, trainer, admin."""

    __tablename__ = "users"

    work_number: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False, default="agent")
    team: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # security migration (security_0001); written by security.users and auth
    unit: Mapped[str] = mapped_column(String(80), nullable=False, default="", server_default="",
                                      info=CENTRAL_ONLY)
    """The handling unit of a unit user, as written in ``cases.handling_unit``. Central only
    for now: seats never had it (mirroring it needs a column upgrade of existing local
    stores)."""
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False, default="",
                                               server_default="", info=CENTRAL_ONLY)
    """Never leaves the central database."""
    db_role: Mapped[str] = mapped_column(String(63), nullable=False, default="",
                                         server_default="", info=CENTRAL_ONLY)
    """The PostgreSQL login role of the user: never leaves the central database."""


class Seat(SyncedMixin, Base):
    """A workstation (座席); its code is part of every case number it assigns."""

    __tablename__ = "seats"

    code: Mapped[str] = mapped_column(String(8), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    area: Mapped[str] = mapped_column(String(16), nullable=False, default="市直")
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="offline")
    state_since: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    agent: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    """Work number of the agent signed in at the seat ('' when nobody)."""


class SeatStateChange(SyncedMixin, Base):
    """One entry of a seat's state history (for time-in-state and occupancy)."""

    __tablename__ = "seat_state_history"

    seat_code: Mapped[str] = mapped_column(String(8), nullable=False)
    agent: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    state: Mapped[str] = mapped_column(String(20), nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (Index("ix_seat_state_history_seat_started", "seat_code", "started_at"),)


class Unit(SyncedMixin, Base):
    """A handling unit (承办单位) in the grid: city → county → township; city office →
    department → sub-unit. ``parent_id`` is the unit above (None at the top)."""

    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    parent_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    level: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    """1 city level, 2 county or department, 3 township or sub-unit."""
    area: Mapped[str] = mapped_column(String(16), nullable=False, default="市直")
    unit_type: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    """The kind of unit matched against a matter's unit types (住建, 城管, ...)."""
    phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    township: Mapped[str] = mapped_column(String(40), nullable=False, default="",
                                          server_default="", info=CENTRAL_ONLY)
    """The township of a grid unit (migration 0201, dispatch). Central only for now: seats
    never had it (mirroring it needs a column upgrade of existing local stores)."""


# ----------------------------------------------------------------------------- cases, calls


class Case(SyncedMixin, Base):
    """A case (工单): one citizen request, from acceptance to closure."""

    __tablename__ = "cases"

    case_number: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    """Readable, read to the caller: YYYYMMDD-SEAT-NNNN, assigned offline."""
    channel: Mapped[str] = mapped_column(String(8), nullable=False)
    caller_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    caller_phone: Mapped[str] = mapped_column(String(20), nullable=False, default="", index=True)
    caller_area: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    caller_address: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    matter: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    domain: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    subcategory: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reply_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    handling: Mapped[str] = mapped_column(String(8), nullable=False, default="直接办理")
    handling_unit: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(8), nullable=False, default="已受理")
    kb_code: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    """The knowledge entry the answer came from ('' when none)."""
    agent: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    seat_code: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    call_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True,
                                                           info=CENTRAL_ONLY)
    """When the case was dispatched (migration 0101), set centrally by dispatch. Central only
    for now: seats never had it (mirroring it needs a column upgrade of existing local
    stores)."""

    __table_args__ = (
        Index("ix_cases_created_at", "created_at"),
        Index("ix_cases_status_deadline", "status", "deadline"),
        # report indexes (migration 0101)
        Index("ix_cases_report_accepted", "handling", "channel", "accepted_at", "deleted"),
        Index("ix_cases_report_day", "accepted_at", "handling", "channel", "deleted"),
        Index("ix_cases_report_dispatched", "handling", "accepted_at", "dispatched_at",
              "closed_at", "deadline", "deleted", "id"),
    )


class CaseEvent(SyncedMixin, Base):
    """One step of a case's timeline (受理, 转派, 回复, 退回, 督办, 回访, 办结 ...)."""

    __tablename__ = "case_events"

    case_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    actor: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    unit: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Call(SyncedMixin, Base):
    """A call offered to the hotline: answered or abandoned."""

    __tablename__ = "calls"

    caller_phone: Mapped[str] = mapped_column(String(20), nullable=False, default="", index=True)
    seat_code: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    agent: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    outcome: Mapped[str] = mapped_column(String(12), nullable=False, default="offered")
    """offered (still waiting or ringing), answered, abandoned."""
    attempt: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    """1 for a first attempt; higher when the caller tried again (first-answer rate)."""
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    called_back_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    """When a missed call was called back (回拨)."""

    __table_args__ = (
        Index("ix_calls_offered_at", "offered_at"),
        Index("ix_calls_report", "outcome", "offered_at", "attempt", "called_back_at"),  # 0101
    )


class QueueItem(SyncedMixin, Base):
    """A waiting request in the central queue (phone or an online channel), claimed by a
    ready seat with a lease."""

    __tablename__ = "queue_items"

    channel: Mapped[str] = mapped_column(String(8), nullable=False)
    payload: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    """JSON: caller, phone, text of an online request, call id ..."""
    state: Mapped[str] = mapped_column(String(12), nullable=False, default="waiting")
    priority: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    lease_holder: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    claim_count: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default=text("0"))
    """Claims so far: the fencing token of the current claim (migration 0101)."""

    __table_args__ = (
        Index("ix_queue_items_state_priority", "state", "priority", "enqueued_at"),
        Index("ix_queue_items_lease", "state", "lease_expires_at"),  # migration 0101
    )


# ----------------------------------------------------------------------------- sync bookkeeping


class AppliedOp(Base):
    """An op the central database applied (or refused): a retried op returns ``result``."""

    __tablename__ = "applied_ops"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seat_code: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(36), nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False)
    result: Mapped[str] = mapped_column(Text, nullable=False)
    """JSON of the first result (status, revision, change_seq, conflicts, error)."""
    change_seq: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class Conflict(SyncedMixin, Base):
    """A field changed differently on both sides: both values kept until someone resolves."""

    __tablename__ = "conflicts"

    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    field: Mapped[str] = mapped_column(String(40), nullable=False)
    local_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    """JSON of the value the seat sent."""
    central_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    """JSON of the value central had (and keeps until resolved)."""
    base_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    """JSON of the value both sides started from."""
    op_id: Mapped[str] = mapped_column(String(36), nullable=False, default="")
    seat_code: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="open")
    """open, resolved."""
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


SYNCED_MODELS: dict[str, type[SyncedMixin]] = {
    m.__tablename__: m  # type: ignore[attr-defined]
    for m in (User, Seat, SeatStateChange, Unit, Case, CaseEvent, Call, QueueItem, Conflict, KBEntry)
}
"""Synced tables by name: what the sync engine may push and pull."""
