"""Central tables of the center's operations beyond the case store: post-call ratings,
callback surveys (回访), supervisions (督办), commendations (表扬), messages from a team lead
to a seat.

These rows are written centrally (by the telephony adapter, the review desk, the lead's
console, the demo-year generator), not edited on seats, so they are not synced rows: an
integer key and their own timestamps. Columns this module adds to tables of the case store
(``cases.dispatched_at``, ``queue_items.claim_count``) and the report indexes come with
migration 0101 (seat_app/services/store/migrations/versions/0101_operations.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, UTCDateTime, utcnow

RATING_RESULTS = ("满意", "基本满意", "不满意")
"""A caller's post-call rating (press 1/2/3); callback surveys store
``domain.callback.CallbackResult`` values, the same three words."""

COMMENDATION_KINDS = ("电话", "来信", "锦旗")
"""Thank-you calls, letters and banners received."""

_ID = BigInteger().with_variant(Integer(), "sqlite")


class Rating(Base):
    """A post-call rating by the caller (综合满意率 counts these)."""

    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    call_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    result: Mapped[str] = mapped_column(String(8), nullable=False)

    __table_args__ = (
        Index("ix_ratings_rated_at_result", "rated_at", "result"),
        Index("ix_ratings_result_rated_at", "result", "rated_at"),  # migration 0101 (reports)
    )


class CallbackSurvey(Base):
    """A callback survey (回访) of a closed dispatched case."""

    __tablename__ = "callback_surveys"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False)
    surveyed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    completed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    """False when the caller could not be reached."""
    result: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    agent: Mapped[str] = mapped_column(String(16), nullable=False, default="")

    __table_args__ = (Index("ix_callback_surveys_case", "case_id", "completed", "result"),)


class Supervision(Base):
    """A supervision (督办) of a dispatched case: one ``domain.supervision.Supervision``.

    ``level`` is ``SupervisionLevel`` (1 written .. 4 senior, 5 joint with the government
    inspection office, 联合政府督查室).
    """

    __tablename__ = "supervisions"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False)
    level: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    trigger: Mapped[str] = mapped_column(String(12), nullable=False, default="manual")
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    raised_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")

    __table_args__ = (Index("ix_supervisions_case", "case_id", "level"),)


class Commendation(Base):
    """A thank-you (表扬): call, letter or banner, for the center or a handling unit."""

    __tablename__ = "commendations"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(4), nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    case_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    unit: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_commendations_received_at", "received_at"),)


class SeatMessage(Base):
    """A message from a team lead to a seat (shown in the seat window)."""

    __tablename__ = "seat_messages"

    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    seat_code: Mapped[str] = mapped_column(String(8), nullable=False)
    sender: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    text: Mapped[str] = mapped_column(Text, nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (Index("ix_seat_messages_seat", "seat_code", "sent_at"),)
