"""Central tables of the live capability (migration 0407_live.py).

``seat_beats``: the last heartbeat of each seat's process. A running seat (the seat window,
a simulated agent) writes its beat every ``services.queue.heartbeat.BEAT_INTERVAL``; a seat
whose beat is older than ``OFFLINE_AFTER`` (3 missed beats) is shown offline and the sweep
sets it offline. Central only: seats never pull it (not a synced table), a seat with no beat
row at all (an older seat window) keeps the state it wrote.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, QueueItem, UTCDateTime


class SeatBeat(Base):
    """The last heartbeat of a seat's process (one row per seat code)."""

    __tablename__ = "seat_beats"

    seat_code: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    agent: Mapped[str] = mapped_column(sa.String(16), nullable=False, default="",
                                       server_default="")
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


SEAT_BEATS = SeatBeat.__table__


IX_QUEUE_ITEMS_ENQUEUED = sa.Index("ix_queue_items_enqueued_at",
                                   QueueItem.__table__.c.enqueued_at)
"""The day's items by arrival (the console's service level per channel); migration 0407."""
