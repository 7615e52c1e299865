"""Central tables of the telephony capability (migration 0406_telephony.py).

``call_records``: one row per call that rang at (or was dialled from) a seat's phone, written
by the seat's :class:`~seat_app.services.telephony.calllog.CallLog` when the call ends
(idempotent on ``call_id``; through the seat's outbox when the central database is down, so
the table has :class:`SyncedMixin`'s columns). Seats never pull it. The first-answer rate and
the missed-call returns (回拨) are computed from these rows
(``seat_app.services.reports.calls``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, SyncedMixin, UTCDateTime


class CallRecordRow(SyncedMixin, Base):
    """A call as the telephone reported it (``telephony.record.CallRecord``)."""

    __tablename__ = "call_records"

    call_id: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    """The phone's / PBX's call id (baresip, CTI, manual-…, sim-…)."""
    direction: Mapped[str] = mapped_column(String(8), nullable=False)
    """inbound / outbound (click-to-dial)."""
    caller_number: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    """The citizen's number: caller inbound, the dialled number outbound."""
    channel: Mapped[str] = mapped_column(String(8), nullable=False, default="电话")
    """受理渠道: 电话, 窗口, 信箱, 信件 (a letter registered at the seat) ..."""
    queue: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    rang_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    seat_code: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    work_no: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    case_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    outcome: Mapped[str] = mapped_column(String(12), nullable=False)
    """answered, missed, not_reached, transferred (``telephony.record.Outcome``)."""
    end_reason: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    transferred_to: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    source: Mapped[str] = mapped_column(String(12), nullable=False, default="")
    """The adapter: baresip, cti, manual, simulator."""

    __table_args__ = (
        Index("ix_call_records_rang_at", "rang_at"),
        Index("ix_call_records_caller", "caller_number", "rang_at"),
    )
