"""Central tables of the dispatch workflow (转派 → 回复 → 审核 → 回访 → 办结).

``case_dispatch`` holds the dispatch side of a case: one row per case that entered the
flow, the stored form of ``seat_app.domain.dispatch.DispatchState`` plus what the callback
work list needs (attempts, consent, when the reply was approved). It is a synced-style row
(SyncedMixin: every change stamps ``change_seq``), written only centrally by
``seat_app.services.dispatch.service``.

The service also writes rows of ``cases`` (status, handling unit, deadline,
``dispatched_at``, ``closed_at``) and ``units`` (with ``township``): ``CASES`` and ``UNITS``
below are the ORM tables of ``models.Case`` and ``models.Unit``, declared once.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, Case, SyncedMixin, Unit


class CaseDispatch(SyncedMixin, Base):
    """The dispatch state of one case (see ``domain.dispatch.DispatchState``)."""

    __tablename__ = "case_dispatch"

    case_id: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    matter: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(8), nullable=False, default="待派")
    unit_code: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    dispatched_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    reply_truth: Mapped[str | None] = mapped_column(String(8), nullable=True)
    reply_resolution: Mapped[str | None] = mapped_column(String(8), nullable=True)
    reply_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    reply_public: Mapped[str | None] = mapped_column(Text, nullable=True)
    replied_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reviewed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    """When the center approved the reply (the case became due for its callback)."""
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    close_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    ext_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ext_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    ext_requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    extensions_granted: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    unit_return_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    reply_return_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    reopen_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    callback_result: Mapped[str | None] = mapped_column(String(8), nullable=True)
    callback_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_callback_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    caller_consents: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    duplicate_of: Mapped[str | None] = mapped_column(String(36), nullable=True)
    unreasonable_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    review_approved: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    __table_args__ = (
        Index("ix_case_dispatch_status_deadline", "status", "deadline"),
        Index("ix_case_dispatch_unit_status", "unit_code", "status"),
    )


CASES = Case.__table__
"""The case row as the dispatch service reads and writes it (the ORM table)."""

UNITS = Unit.__table__
"""The units table (the ORM table, with ``township`` from migration 0201)."""
