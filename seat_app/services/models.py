"""Central schema: SQLAlchemy 2 typed ORM.

Every synced row carries a client-generated UUID, a revision, the central change sequence,
who and when changed it, and a tombstone flag instead of hard deletes (``SyncedMixin``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class SyncedMixin:
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    revision: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False, index=True)
    changed_by: Mapped[str] = mapped_column(String(64), default="", nullable=False)
    changed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, nullable=False
    )
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
