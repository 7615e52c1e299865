"""The central seat queue: items from every channel, claimed by ready seats with a lease.

Claiming is atomic: on PostgreSQL the oldest claimable row is taken with
``FOR UPDATE SKIP LOCKED`` (concurrent seats never wait on each other's rows); on SQLite
the engine's transactions are ``BEGIN IMMEDIATE`` (db.make_engine), so one writer at a
time. A claim carries a fencing token (the item's ``claim_count``); an item whose lease
expired is claimable again (the dead seat's claim is void), and a stale holder can neither
renew nor complete: its token or lease no longer matches.

Lease churn (claim, renew) is not a synced change: it does not take the central change
counter, so claims never queue behind each other. Enqueueing, completion, release and
abandonment do bump it, so a pull sees every item's arrival and end. The counter is taken
last (``store.central``): the rows first (read with a lock, or written), then the counter,
so its lock is held as briefly as possible and no two writers lock in opposite orders.

Phone items come through a telephony adapter (``services.telephony``); for demos its
``SimulatedTelephony`` produces arrivals by the hourly profile with callers who hang up
while waiting (``QueueFeeder``). Abandoned calls enter the missed-call return list (回拨).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, bindparam, text

from seat_app.domain.queue import (
    DEFAULT_LEASE,
    ONLINE_PRIORITY,
    PHONE_PRIORITY,
    Channel,
    ItemStatus,
    SeatState,
    check_transition,
)
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import UTCDateTime, new_uuid, utcnow

# The one call simulator lives in services/telephony (a TelephonyAdapter kept for demos);
# re-exported for the queue's existing importers.
from seat_app.services.telephony.adapter import TelephonyAdapter
from seat_app.services.telephony.simulator import QueueFeeder, SimulatedTelephony

Clock = Callable[[], datetime]


class StaleLease(Exception):
    """The holder's lease expired or the item was claimed again: the work is not accepted."""


class UnknownSeat(KeyError):
    pass


@dataclass(frozen=True, slots=True)
class Claim:
    item_id: str
    seat_code: str
    token: int
    channel: str
    payload: dict
    expires_at: datetime
    call_id: str | None = None


@dataclass(frozen=True, slots=True)
class ChannelQueue:
    channel: str
    waiting: int
    longest_wait_s: float


def _ts(name: str):
    return bindparam(name, type_=UTCDateTime())


def _is_pg(engine_or_conn) -> bool:
    return engine_or_conn.dialect.name == "postgresql"


def _for_update(conn: Connection) -> str:
    """Lock the rows a check reads, to the commit (SQLite: its one writer needs none)."""
    return " FOR UPDATE" if _is_pg(conn) else ""


class QueueService:
    """Queue operations on the central database ``engine``."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock = utcnow,
        lease: timedelta = DEFAULT_LEASE,
        actor: str = "queue",
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.lease = lease
        self.actor = actor

    # -- arrivals --------------------------------------------------------------------------

    def enqueue(
        self,
        channel: str,
        payload: dict | None = None,
        *,
        at: datetime | None = None,
        caller_phone: str = "",
        attempt: int = 1,
    ) -> str:
        """Put a request in the queue; a phone item also records its call (offered)."""
        channel = Channel(channel).value
        at = at or self.clock()
        payload = dict(payload or {})
        item_id = new_uuid()
        call_id = new_uuid()
        if channel == Channel.PHONE:
            payload["call_id"] = call_id
            payload.setdefault("caller_phone", caller_phone)
        with self.engine.begin() as conn:
            seq = next_change_seq(conn)  # no reads: the inserts follow at once
            if channel == Channel.PHONE:
                conn.execute(
                    text(
                        "INSERT INTO calls (id, revision, change_seq, changed_by, changed_at,"
                        " deleted, caller_phone, seat_code, agent, outcome, attempt, offered_at)"
                        " VALUES (:id, 1, :seq, :by, :at, false, :phone, '', '', 'offered',"
                        " :attempt, :at)"
                    ).bindparams(_ts("at")),
                    {
                        "id": call_id,
                        "seq": seq,
                        "by": self.actor,
                        "at": at,
                        "phone": caller_phone,
                        "attempt": attempt,
                    },
                )
            conn.execute(
                text(
                    "INSERT INTO queue_items (id, revision, change_seq, changed_by, changed_at,"
                    " deleted, channel, payload, state, priority, enqueued_at, lease_holder,"
                    " claim_count) VALUES (:id, 1, :seq, :by, :at, false, :channel, :payload,"
                    " 'waiting', :prio, :at, '', 0)"
                ).bindparams(_ts("at")),
                {
                    "id": item_id,
                    "seq": seq,
                    "by": self.actor,
                    "at": at,
                    "channel": channel,
                    "payload": json.dumps(payload, ensure_ascii=False),
                    "prio": PHONE_PRIORITY if channel == Channel.PHONE else ONLINE_PRIORITY,
                },
            )
        return item_id

    def enqueue_many(self, rows: Iterable[tuple[str, dict]], *, at: datetime | None = None) -> int:
        """Bulk-insert online items (tests and the simulator's backlog); returns the count."""
        at = at or self.clock()
        params = []
        for channel, payload in rows:
            channel = Channel(channel).value
            params.append(
                {
                    "id": new_uuid(),
                    "by": self.actor,
                    "at": at,
                    "channel": channel,
                    "payload": json.dumps(payload, ensure_ascii=False),
                    "prio": PHONE_PRIORITY if channel == Channel.PHONE else ONLINE_PRIORITY,
                }
            )
        with self.engine.begin() as conn:
            seq = next_change_seq(conn)
            for p in params:
                p["seq"] = seq
            conn.execute(
                text(
                    "INSERT INTO queue_items (id, revision, change_seq, changed_by, changed_at,"
                    " deleted, channel, payload, state, priority, enqueued_at, lease_holder,"
                    " claim_count) VALUES (:id, 1, :seq, :by, :at, false, :channel, :payload,"
                    " 'waiting', :prio, :at, '', 0)"
                ).bindparams(_ts("at")),
                params,
            )
        return len(params)

    # -- claims ----------------------------------------------------------------------------

    def claim(self, seat_code: str, *, channels: Iterable[str] | None = None) -> Claim | None:
        """Take the first waiting (or lease-expired) item for ``seat_code``; None if empty."""
        now = self.clock()
        expires = now + self.lease
        chan_filter = ""
        params: dict[str, object] = {"now": now, "exp": expires, "seat": seat_code, "by": seat_code}
        if channels is not None:
            names = [Channel(c).value for c in channels]
            chan_filter = (
                " AND channel IN (" + ", ".join(f":ch{i}" for i in range(len(names))) + ")"
            )
            params.update({f"ch{i}": n for i, n in enumerate(names)})
        lock = " FOR UPDATE SKIP LOCKED" if _is_pg(self.engine) else ""
        # An item whose holder's lease ran out goes first (it waited longest), then the
        # waiting items by priority and age. One statement each: pick and take.
        picks = (
            "SELECT id FROM queue_items WHERE state = 'claimed' AND lease_expires_at <= :now"
            f"{chan_filter} ORDER BY priority, enqueued_at LIMIT 1{lock}",
            f"SELECT id FROM queue_items WHERE state = 'waiting'{chan_filter}"
            f" ORDER BY priority, enqueued_at LIMIT 1{lock}",
        )
        got = None
        with self.engine.begin() as conn:
            for pick in picks:
                got = conn.execute(
                    text(
                        "UPDATE queue_items SET state = 'claimed', lease_holder = :seat,"
                        " lease_expires_at = :exp, claimed_at = :now,"
                        " claim_count = claim_count + 1, revision = revision + 1,"
                        f" changed_by = :by, changed_at = :now WHERE id = ({pick})"
                        " RETURNING id, claim_count, channel, payload"
                    ).bindparams(_ts("now"), _ts("exp")),
                    params,
                ).first()
                if got is not None:
                    break
        if got is None:
            return None
        row = got
        got = got[1:]
        payload = json.loads(got[2] or "{}")
        return Claim(
            row[0], seat_code, int(got[0]), got[1], payload, expires, payload.get("call_id")
        )

    def renew(self, claim: Claim) -> Claim:
        """Extend a live lease; ``StaleLease`` when it is no longer held."""
        now = self.clock()
        exp = now + self.lease
        with self.engine.begin() as conn:
            n = conn.execute(
                text(
                    "UPDATE queue_items SET lease_expires_at = :exp WHERE id = :id"
                    " AND state = 'claimed' AND lease_holder = :seat AND claim_count = :tok"
                    " AND lease_expires_at > :now"
                ).bindparams(_ts("now"), _ts("exp")),
                {
                    "id": claim.item_id,
                    "seat": claim.seat_code,
                    "tok": claim.token,
                    "now": now,
                    "exp": exp,
                },
            ).rowcount
        if n != 1:
            raise StaleLease(claim.item_id)
        return Claim(
            claim.item_id,
            claim.seat_code,
            claim.token,
            claim.channel,
            claim.payload,
            exp,
            claim.call_id,
        )

    def complete(
        self,
        claim: Claim,
        *,
        case_id: str | None = None,
        within: Callable[[Connection], None] | None = None,
    ) -> None:
        """Finish the item. ``within(conn)`` runs in the same transaction (e.g. store the case),
        so the work and the completion commit together or not at all. ``StaleLease`` (and
        nothing written) when the holder's claim is no longer valid."""
        now = self.clock()
        with self.engine.begin() as conn:
            n = conn.execute(
                text(
                    "UPDATE queue_items SET state = 'done', done_at = :now,"
                    " lease_expires_at = NULL, revision = revision + 1, changed_by = :seat,"
                    " changed_at = :now WHERE id = :id AND state = 'claimed'"
                    " AND lease_holder = :seat AND claim_count = :tok AND lease_expires_at > :now"
                ).bindparams(_ts("now")),
                {"id": claim.item_id, "seat": claim.seat_code, "tok": claim.token, "now": now},
            ).rowcount
            if n != 1:
                raise StaleLease(claim.item_id)
            if claim.call_id:
                conn.execute(
                    text(
                        "UPDATE calls SET outcome = 'answered', seat_code = :seat,"
                        " answered_at = COALESCE(answered_at, :now), ended_at = :now,"
                        " case_id = :case, revision = revision + 1 WHERE id = :call"
                    ).bindparams(_ts("now")),
                    {"seat": claim.seat_code, "now": now, "case": case_id, "call": claim.call_id},
                )
            if within is not None:
                within(conn)
            seq = next_change_seq(conn)
            conn.execute(
                text("UPDATE queue_items SET change_seq = :seq WHERE id = :id"),
                {"seq": seq, "id": claim.item_id},
            )

    def release(self, claim: Claim) -> bool:
        """Give an item back (a ringing seat did not pick up); False when already stale."""
        now = self.clock()
        with self.engine.begin() as conn:
            seq = 0
            n = conn.execute(
                text(
                    "UPDATE queue_items SET state = 'waiting', lease_holder = '',"
                    " lease_expires_at = NULL, revision = revision + 1 WHERE id = :id"
                    " AND state = 'claimed' AND lease_holder = :seat AND claim_count = :tok"
                    " AND lease_expires_at > :now"
                ).bindparams(_ts("now")),
                {"id": claim.item_id, "seat": claim.seat_code, "tok": claim.token, "now": now},
            ).rowcount
            if n:
                seq = next_change_seq(conn)
                conn.execute(
                    text("UPDATE queue_items SET change_seq = :s WHERE id = :id"),
                    {"s": seq, "id": claim.item_id},
                )
        return bool(n)

    def expire_leases(self) -> int:
        """Return items whose lease expired to waiting (claims also take them directly)."""
        now = self.clock()
        with self.engine.begin() as conn:
            n = conn.execute(
                text(
                    "UPDATE queue_items SET state = 'waiting', lease_holder = '',"
                    " revision = revision + 1 WHERE state = 'claimed'"
                    " AND lease_expires_at <= :now"
                ).bindparams(_ts("now")),
                {"now": now},
            ).rowcount
            if n:
                seq = next_change_seq(conn)
                conn.execute(
                    text(
                        "UPDATE queue_items SET change_seq = :s WHERE state = 'waiting'"
                        " AND lease_holder = '' AND claim_count > 0 AND change_seq < :s"
                    ),
                    {"s": seq},
                )
        return n

    # -- abandoned calls and returns -------------------------------------------------------

    def abandon(self, item_id: str) -> bool:
        """The caller hung up while waiting: the item is abandoned and its call goes on the
        missed-call return list. False when a seat already has it."""
        now = self.clock()
        with self.engine.begin() as conn:
            # locked: a seat claiming it meanwhile waits, or wins (then it is not waiting)
            row = conn.execute(
                text(
                    "SELECT payload FROM queue_items WHERE id = :id AND state = 'waiting'"
                    + _for_update(conn)
                ),
                {"id": item_id},
            ).first()
            if row is None:
                return False
            seq = next_change_seq(conn)
            conn.execute(
                text(
                    "UPDATE queue_items SET state = 'abandoned', done_at = :now,"
                    " revision = revision + 1, change_seq = :seq WHERE id = :id"
                    " AND state = 'waiting'"
                ).bindparams(_ts("now")),
                {"now": now, "seq": seq, "id": item_id},
            )
            call_id = json.loads(row[0] or "{}").get("call_id")
            if call_id:
                conn.execute(
                    text(
                        "UPDATE calls SET outcome = 'abandoned', ended_at = :now,"
                        " revision = revision + 1, change_seq = :seq WHERE id = :id"
                    ).bindparams(_ts("now")),
                    {"now": now, "seq": seq, "id": call_id},
                )
        return True

    def missed_calls(self, limit: int = 200) -> list[dict]:
        """The missed-call return list: abandoned calls not yet called back, oldest first."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    text(
                        "SELECT id, caller_phone, offered_at, ended_at FROM calls"
                        " WHERE outcome = 'abandoned' AND called_back_at IS NULL"
                        " ORDER BY offered_at LIMIT :lim"
                    ).columns(offered_at=UTCDateTime(), ended_at=UTCDateTime()),
                    {"lim": limit},
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]

    def mark_called_back(self, call_id: str, *, by: str = "") -> bool:
        now = self.clock()
        with self.engine.begin() as conn:
            due = conn.execute(
                text(
                    "SELECT 1 FROM calls WHERE id = :id AND outcome = 'abandoned'"
                    " AND called_back_at IS NULL" + _for_update(conn)
                ),
                {"id": call_id},
            ).first()
            if due is None:
                return False
            seq = next_change_seq(conn)
            conn.execute(
                text(
                    "UPDATE calls SET called_back_at = :now, revision = revision + 1,"
                    " change_seq = :seq, changed_by = :by WHERE id = :id"
                ).bindparams(_ts("now")),
                {"now": now, "seq": seq, "by": by, "id": call_id},
            )
        return True

    # -- views -----------------------------------------------------------------------------

    def snapshot(self, conn: Connection | None = None) -> list[ChannelQueue]:
        """Waiting items and longest wait per channel (every channel, zeros included)."""
        now = self.clock()

        def run(c: Connection) -> list[ChannelQueue]:
            rows = c.execute(
                text(
                    "SELECT channel, COUNT(*), MIN(enqueued_at) FROM queue_items"
                    " WHERE state = 'waiting' OR (state = 'claimed' AND lease_expires_at <= :now)"
                    " GROUP BY channel"
                )
                .bindparams(_ts("now"))
                .columns(),
                {"now": now},
            ).all()
            oldest = {}
            for ch, n, first in rows:
                first = UTCDateTime().process_result_value(
                    datetime.fromisoformat(first) if isinstance(first, str) else first, c.dialect
                )
                oldest[ch] = (int(n), max(0.0, (now - first).total_seconds()))
            return [ChannelQueue(ch.value, *oldest.get(ch.value, (0, 0.0))) for ch in Channel]

        if conn is not None:
            return run(conn)
        with self.engine.connect() as c:
            return run(c)


# -- seats -------------------------------------------------------------------------------


class SeatService:
    """Seat states with history (seats.state + seat_state_history)."""

    def __init__(self, engine: Engine, *, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.clock = clock

    def ensure_seat(
        self, code: str, *, name: str = "", agent: str = "", state: str = SeatState.OFFLINE
    ) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            if conn.execute(text("SELECT 1 FROM seats WHERE code = :c"), {"c": code}).first():
                return
            seq = next_change_seq(conn)
            conn.execute(
                text(
                    "INSERT INTO seats (id, revision, change_seq, changed_by, changed_at,"
                    " deleted, code, name, area, state, state_since, agent) VALUES (:id, 1,"
                    " :seq, 'admin', :now, false, :code, :name, '市直', :state, :now, :agent)"
                ).bindparams(_ts("now")),
                {
                    "id": new_uuid(),
                    "seq": seq,
                    "now": now,
                    "code": code,
                    "name": name or code,
                    "state": SeatState(state).value,
                    "agent": agent,
                },
            )
            conn.execute(
                text(
                    "INSERT INTO seat_state_history (id, revision, change_seq, changed_by,"
                    " changed_at, deleted, seat_code, agent, state, started_at) VALUES"
                    " (:id, 1, :seq, 'admin', :now, false, :code, :agent, :state, :now)"
                ).bindparams(_ts("now")),
                {
                    "id": new_uuid(),
                    "seq": seq,
                    "now": now,
                    "code": code,
                    "agent": agent,
                    "state": SeatState(state).value,
                },
            )

    def change_state(
        self,
        code: str,
        new: SeatState | str,
        *,
        by: str = "",
        forced: bool = False,
        agent: str | None = None,
    ) -> SeatState:
        """Move seat ``code`` to ``new`` (rules of domain.queue; a lead may force);
        closes the open history entry and opens a new one. Returns the old state."""
        new = SeatState(new)
        now = self.clock()
        with self.engine.begin() as conn:
            # locked to the commit: two changes of one seat check the state one after the other
            row = conn.execute(
                text("SELECT state, agent FROM seats WHERE code = :c" + _for_update(conn)),
                {"c": code},
            ).first()
            if row is None:
                raise UnknownSeat(code)
            old = SeatState(row[0])
            check_transition(old, new, forced=forced)
            who = row[1] if agent is None else agent
            seq = next_change_seq(conn)
            conn.execute(
                text(
                    "UPDATE seats SET state = :s, state_since = :now, agent = :agent,"
                    " revision = revision + 1, change_seq = :seq, changed_by = :by,"
                    " changed_at = :now WHERE code = :c"
                ).bindparams(_ts("now")),
                {"s": new.value, "now": now, "agent": who, "seq": seq, "by": by or code, "c": code},
            )
            conn.execute(
                text(
                    "UPDATE seat_state_history SET ended_at = :now, revision = revision + 1,"
                    " change_seq = :seq WHERE seat_code = :c AND ended_at IS NULL"
                ).bindparams(_ts("now")),
                {"now": now, "seq": seq, "c": code},
            )
            conn.execute(
                text(
                    "INSERT INTO seat_state_history (id, revision, change_seq, changed_by,"
                    " changed_at, deleted, seat_code, agent, state, started_at) VALUES"
                    " (:id, 1, :seq, :by, :now, false, :c, :agent, :s, :now)"
                ).bindparams(_ts("now")),
                {
                    "id": new_uuid(),
                    "seq": seq,
                    "by": by or code,
                    "now": now,
                    "c": code,
                    "agent": who,
                    "s": new.value,
                },
            )
        return old

    def message(self, code: str, text_: str, *, sender: str) -> int:
        """A team lead's message to seat ``code``; returns its id."""
        body = text_.strip()
        if not body:
            raise ValueError("消息内容不能为空。")
        now = self.clock()
        with self.engine.begin() as conn:
            if (
                conn.execute(text("SELECT 1 FROM seats WHERE code = :c"), {"c": code}).first()
                is None
            ):
                raise UnknownSeat(code)
            return int(
                conn.execute(
                    text(
                        "INSERT INTO seat_messages (seat_code, sender, text, sent_at)"
                        " VALUES (:c, :s, :t, :now) RETURNING id"
                    ).bindparams(_ts("now")),
                    {"c": code, "s": sender, "t": body[:2000], "now": now},
                ).scalar_one()
            )

    def unread_messages(self, code: str) -> list[dict]:
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    text(
                        "SELECT id, sender, text, sent_at FROM seat_messages WHERE seat_code = :c"
                        " AND read_at IS NULL ORDER BY id"
                    ).columns(sent_at=UTCDateTime()),
                    {"c": code},
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]


__all__ = [
    "ChannelQueue",
    "Claim",
    "ItemStatus",
    "QueueFeeder",
    "QueueService",
    "SeatService",
    "SimulatedTelephony",
    "StaleLease",
    "TelephonyAdapter",
    "UnknownSeat",
]
