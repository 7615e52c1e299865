"""Central tables of the kb_upkeep capability (migration 0405_kb_upkeep.py).

* ``kb_versions``   every version of every entry (draft -> review -> published), never
  removed; a published or superseded version is never changed in place (a trigger refuses
  it on PostgreSQL and SQLite alike, for every login including the owner);
* ``kb_version_events`` who did which step when (created, edited, submitted, approved ...);
* ``kb_corrections`` agents' corrections (纠错): synced rows, inserted at the seat and
  pushed through the outbox like a case (``SyncedMixin``; not mirrored at seats);
* ``kb_search_log`` one row per search at a seat, scrubbed of personal data (pushed like
  corrections, insert only);
* ``kb_search_daily`` the daily rollup per scrubbed query that the misses and no-results
  reports read, ``kb_entry_daily`` the same per entry (``kb_rollup_marks`` holds how far
  the rollup has read the log).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, SyncedMixin, UTCDateTime, new_uuid, utcnow


class KBVersion(Base):
    """One version of one knowledge entry (``domain.kb_upkeep.Version``)."""

    __tablename__ = "kb_versions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    state: Mapped[str] = mapped_column(String(12), nullable=False)
    """draft / in_review / published / rejected / superseded"""
    fields: Mapped[str] = mapped_column(Text, nullable=False)
    """JSON of the entry's fields (dates as ISO text)."""
    author: Mapped[str] = mapped_column(String(16), nullable=False)
    editors: Mapped[str] = mapped_column(String(400), nullable=False)
    """Work numbers of everyone who edited it, as ``,1001,6001,`` (the approver is not one)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    base: Mapped[int | None] = mapped_column(Integer, nullable=True)
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    """JSON list of [field, old, new] against ``base``."""
    reviewer: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    rollback_of: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        UniqueConstraint("code", "number", name="uq_kb_versions_code_number"),
        Index("ix_kb_versions_state", "state"),
    )


class KBVersionEvent(Base):
    """One step of the review flow (``domain.kb_upkeep.Event``)."""

    __tablename__ = "kb_version_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    who: Mapped[str] = mapped_column(String(16), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class KBCorrection(SyncedMixin, Base):
    """An agent's correction of an entry (``domain.kb_upkeep.Correction``)."""

    __tablename__ = "kb_corrections"

    entry_code: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    entry_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    agent: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    seat: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    state: Mapped[str] = mapped_column(String(8), nullable=False, default="open")
    outcome: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    closed_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    fixed_in: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (Index("ix_kb_corrections_state", "state", "entry_code"),)


class KBSearchLog(SyncedMixin, Base):
    """One search at a seat (``domain.kb_upkeep.SearchRecord``): no agent, seat or caller."""

    __tablename__ = "kb_search_log"

    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    query: Mapped[str] = mapped_column(String(120), nullable=False)
    filters: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    result_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    result_codes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    """The entries shown, joined by spaces (first 10)."""
    opened: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    inserted: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    ms_to_answer: Mapped[int | None] = mapped_column(Integer, nullable=True)
    matter: Mapped[str] = mapped_column(String(40), nullable=False, default="")

    __table_args__ = (Index("ix_kb_search_log_day", "day"),)


class KBSearchDaily(Base):
    """Searches per scrubbed query and day: what the misses report reads."""

    __tablename__ = "kb_search_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    query: Mapped[str] = mapped_column(String(120), primary_key=True)
    searches: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    with_results: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    opened: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    inserted: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    answered: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class KBEntryDaily(Base):
    """Per entry and day: how often searches showed, opened and inserted it (never found in
    90 days, most inserted)."""

    __tablename__ = "kb_entry_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    shown: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    opened: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    inserted: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class KBRollupMark(Base):
    """How far (central change number) a rollup has read its source."""

    __tablename__ = "kb_rollup_marks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
