"""Tables of the security work: the append-only audit log.

The columns that sign-in needs on ``users`` (password hash, the handling unit of a unit
user as written in ``cases.handling_unit``, the database login role) come with the security
migration and are mapped on ``models.User`` as central-only columns (never synced to seats).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, User, UTCDateTime, utcnow

BigIntId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class AuditEntry(Base):
    """One audited action. Rows are only ever inserted (triggers refuse UPDATE/DELETE)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    work_no: Mapped[str] = mapped_column(sa.String(16), nullable=False, default="")
    role: Mapped[str] = mapped_column(sa.String(16), nullable=False, default="")
    action: Mapped[str] = mapped_column(sa.String(32), nullable=False, index=True)
    entity: Mapped[str] = mapped_column(sa.String(32), nullable=False, default="")
    entity_id: Mapped[str] = mapped_column(sa.String(64), nullable=False, default="")
    detail: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    """JSON object with what changed / what was exported; never a secret."""
    db_user: Mapped[str] = mapped_column(sa.String(63), nullable=False, default="")
    """The database login that wrote the row (PostgreSQL: checked by row-level security)."""

    __table_args__ = (sa.Index("ix_audit_log_work_no_at", "work_no", "at"),)


USERS = User.__table__
"""``users`` as sign-in and user management read and write it (the ORM table of
``models.User``, with the central-only password hash and login role)."""


class SignInGuard(Base):
    """Failed sign-ins per work number (scope ``user``) and per seat (scope ``seat``): the
    backoff and temporary lock of ``auth.GuardPolicy``. Migration 0301."""

    __tablename__ = "sign_in_guard"

    scope: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0,
                                          server_default="0")
    window_start: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


GUARD = SignInGuard.__table__
