"""Seat heartbeats: a seat whose process died goes offline; a seat that signs out holds nothing.

The rule: a running seat writes a beat every ``BEAT_INTERVAL`` (5 s). A seat that missed
``MISSED_BEATS`` (3) beats in a row -- no beat for ``OFFLINE_AFTER`` = 15 s -- is dead:

* the console shows it offline at once (``effective_state``), with no current call;
* ``sweep`` (run by the live floor's supervisor and by the console's poller every few
  seconds) writes it: the seat goes offline in ``seats`` (history closed, ``changed_by``
  ``heartbeat``), the items it held go back to the queue, its beat row is removed.

A seat with no beat row at all (a seat window that does not beat) keeps the state it wrote.
``sign_out`` is the clean way out: the held items go back to waiting first, then the seat
goes offline, so the console never shows a signed-out seat with a call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, bindparam, delete, select, text, update

from seat_app.domain.queue import BUSY_STATES, SeatState
from seat_app.services.queue.service import SeatService, UnknownSeat
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import UTCDateTime, utcnow
from seat_app.services.store.models_live import SEAT_BEATS

BEAT_INTERVAL = timedelta(seconds=5)
"""How often a running seat writes its heartbeat."""
MISSED_BEATS = 3
"""Beats a seat may miss in a row before it counts as dead."""
OFFLINE_AFTER = BEAT_INTERVAL * MISSED_BEATS
"""No beat for this long (15 s): the seat is shown and set offline."""

SWEEP_ACTOR = "heartbeat"
"""``seats.changed_by`` of a seat set offline by the sweep."""


@dataclass(frozen=True, slots=True)
class SweepResult:
    offline: tuple[str, ...]
    """Seats set offline (their beat was older than ``OFFLINE_AFTER``)."""
    released: int
    """Queue items those seats held, back to waiting."""


def is_dead(beat_at: datetime | None, now: datetime) -> bool:
    """True when the seat beat once and then missed ``MISSED_BEATS`` beats."""
    return beat_at is not None and now - beat_at > OFFLINE_AFTER


def effective_state(state: SeatState | str, beat_at: datetime | None,
                    now: datetime) -> SeatState:
    """The state to show: a dead seat is offline whatever it wrote last."""
    st = SeatState(state)
    return SeatState.OFFLINE if is_dead(beat_at, now) else st


def holds_call(state: SeatState | str) -> bool:
    """Only a ringing, talking or wrapping-up seat shows a current item."""
    return SeatState(state) in BUSY_STATES


def _ts(name: str):
    return bindparam(name, type_=UTCDateTime())


def beat(engine: Engine | Connection, seat_code: str, *, agent: str = "",
         now: datetime | None = None) -> None:
    """Write ``seat_code``'s heartbeat (an upsert of one row; no change counter)."""
    now = now or utcnow()

    def run(conn: Connection) -> None:
        n = conn.execute(
            update(SEAT_BEATS).where(SEAT_BEATS.c.seat_code == seat_code)
            .values(beat_at=now, agent=agent)
        ).rowcount
        if not n:
            conn.execute(SEAT_BEATS.insert().values(seat_code=seat_code, agent=agent,
                                                    beat_at=now))

    if isinstance(engine, Connection):
        run(engine)
        return
    with engine.begin() as conn:
        run(conn)


def beats(conn: Connection) -> dict[str, datetime]:
    """Every seat's last beat (seat code -> time)."""
    return {code: at for code, at in conn.execute(
        select(SEAT_BEATS.c.seat_code, SEAT_BEATS.c.beat_at)).all()}


def _release_held(conn: Connection, seat_code: str) -> int:
    n = conn.execute(
        text("UPDATE queue_items SET state = 'waiting', lease_holder = '',"
             " lease_expires_at = NULL, revision = revision + 1 WHERE state = 'claimed'"
             " AND lease_holder = :seat"),
        {"seat": seat_code},
    ).rowcount
    if n:
        seq = next_change_seq(conn)
        conn.execute(text("UPDATE queue_items SET change_seq = :s WHERE state = 'waiting'"
                          " AND lease_holder = '' AND claim_count > 0 AND change_seq < :s"),
                     {"s": seq})
    return int(n)


def sign_out(engine: Engine, seat_code: str, *, by: str = "",
             clock=utcnow) -> SeatState | None:
    """The agent signs out: items held go back to waiting, the seat goes offline, its beat
    row goes. Returns the state it left (None when it was offline already)."""
    with engine.begin() as conn:
        _release_held(conn, seat_code)
        conn.execute(delete(SEAT_BEATS).where(SEAT_BEATS.c.seat_code == seat_code))
    seats = SeatService(engine, clock=clock)
    try:
        return seats.change_state(seat_code, SeatState.OFFLINE, by=by or seat_code,
                                  forced=True, agent="")
    except UnknownSeat:
        return None
    except ValueError:  # IllegalTransition: offline already
        return None


def sweep(engine: Engine, *, clock=utcnow) -> SweepResult:
    """Set every dead seat (beat older than ``OFFLINE_AFTER``) offline and give its items
    back to the queue. Safe to run from several places at once (each seat is taken once)."""
    now = clock()
    with engine.connect() as conn:
        dead = conn.execute(
            text("SELECT b.seat_code, COALESCE(s.state, 'offline') FROM seat_beats b"
                 " LEFT JOIN seats s ON s.code = b.seat_code WHERE b.beat_at < :cut"
                 ).bindparams(_ts("cut")),
            {"cut": now - OFFLINE_AFTER},
        ).all()
    offline: list[str] = []
    released = 0
    seats = SeatService(engine, clock=clock)
    for code, state in dead:
        with engine.begin() as conn:
            # taken once: only the sweeper that removes the stale beat row goes on
            gone = conn.execute(
                delete(SEAT_BEATS).where(SEAT_BEATS.c.seat_code == code,
                                         SEAT_BEATS.c.beat_at < now - OFFLINE_AFTER)
            ).rowcount
            if not gone:
                continue
            released += _release_held(conn, code)
        if SeatState(state) != SeatState.OFFLINE:
            try:
                seats.change_state(code, SeatState.OFFLINE, by=SWEEP_ACTOR, forced=True)
            except ValueError:
                continue
            offline.append(code)
    return SweepResult(tuple(offline), released)


__all__ = [
    "BEAT_INTERVAL",
    "MISSED_BEATS",
    "OFFLINE_AFTER",
    "SWEEP_ACTOR",
    "SweepResult",
    "beat",
    "beats",
    "effective_state",
    "holds_call",
    "is_dead",
    "sign_out",
    "sweep",
]
