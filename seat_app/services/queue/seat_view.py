"""What one seat window reads and writes on the central seats and messages tables.

The Qt layer runs no SQL: the seat window's adapters (seat_app/qt/wiring.py) call these.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select, update

from seat_app.services.store.models import Seat, utcnow
from seat_app.services.store.models_ops import SeatMessage


def forced_state(engine: Engine, seat_code: str, own: Iterable[str]) -> str | None:
    """The seat's central state when someone not in ``own`` (a team lead) set it last."""
    with engine.connect() as conn:
        row = conn.execute(
            select(Seat.state, Seat.changed_by).where(Seat.code == seat_code)
        ).first()
    if row is None or row[1] in set(own):
        return None
    return str(row[0])


def mark_messages_read(engine: Engine, seat_code: str, ids: Iterable[int]) -> None:
    """Mark the lead's messages ``ids`` to seat ``seat_code`` read (unread ones only)."""
    wanted = [int(i) for i in ids]
    if not wanted:
        return
    with engine.begin() as conn:
        conn.execute(
            update(SeatMessage)
            .where(SeatMessage.id.in_(wanted), SeatMessage.seat_code == seat_code,
                   SeatMessage.read_at.is_(None))
            .values(read_at=utcnow())
        )
