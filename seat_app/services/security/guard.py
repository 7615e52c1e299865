"""The sign-in guard: guessing is slowed down and then stopped.

``GuardPolicy``, table ``sign_in_guard``: per work number (known or not, so a lock tells
nothing about whether it exists) and per seat (the workstation). After ``delay_after`` wrong
passwords in ``window`` the next try must wait 1, 2, 4 ... seconds (at most ``max_delay``);
after ``lock_after`` the work number (or seat) is locked for ``lock_for``. Locks and failures
are audited and logged (never the password); ``unlock`` (``seat-admin user unlock``, or a
lead/admin in the app) lifts them. The state is central, so it holds across seats and
restarts. On PostgreSQL the guard is read and written through the seat's configured
connection (``central_url`` as given: the service account, member of the ``{prefix}_gate``
group) because a wrong password means there is no connection as the user; the lock screen
goes through the same guard (``auth.SignedIn.check_password``).
"""

from __future__ import annotations

import hashlib
import logging
import math
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

from seat_app.domain.roles import Role
from seat_app.services import logs
from seat_app.services.security import audit, secrets
from seat_app.services.security.errors import (
    Denied,
    GuardUnavailable,
    SignInLocked,
    SignInThrottled,
    UserError,
)
from seat_app.services.security.principal import Principal
from seat_app.services.store.engine import make_engine, normalize_url
from seat_app.services.store.models import utcnow
from seat_app.services.store.models_security import GUARD

log = logging.getLogger("seat_app.services.security.auth")  # the name it always logged under

@dataclass(frozen=True, slots=True)
class GuardPolicy:
    """How wrong passwords are slowed down and stopped (see the module docstring).

    Per work number: from the 5th wrong password in 15 minutes each try waits 1, 2, 4 ...
    seconds (at most 60) after the last one; the 10th locks the work number for 15 minutes.
    Per seat: the same from the 10th, lock at the 20th (many work numbers from one seat).
    A right password clears its work number's count (not the seat's)."""

    window: timedelta = timedelta(minutes=15)
    user_delay_after: int = 5
    user_lock_after: int = 10
    seat_delay_after: int = 10
    seat_lock_after: int = 20
    lock_for: timedelta = timedelta(minutes=15)
    first_delay_seconds: float = 1.0
    max_delay_seconds: float = 60.0

    def limits(self, scope: str) -> tuple[int, int]:
        if scope == "seat":
            return self.seat_delay_after, self.seat_lock_after
        return self.user_delay_after, self.user_lock_after


_policy = GuardPolicy()
_clock: Callable[[], datetime] = utcnow


def use_guard_policy(policy: GuardPolicy) -> GuardPolicy:
    """Set the guard policy (configuration, tests); returns the previous one."""
    global _policy
    previous, _policy = _policy, policy
    return previous


def use_clock(clock: Callable[[], datetime]) -> Callable[[], datetime]:
    """Set the clock of the guard (tests inject one instead of sleeping)."""
    global _clock
    previous, _clock = _clock, clock
    return previous


def default_seat() -> str:
    """The seat (workstation) a sign-in comes from, for the per-seat guard."""
    return ("host:" + (socket.gethostname() or "unknown"))[:64]


def _user_key(work_no: str) -> str:
    text = work_no.strip()
    if len(text) <= 64 and text.isprintable():
        return text
    return "#" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _guard_row(conn: Connection, scope: str, key: str, *, for_update: bool = False):
    query = sa.select(GUARD).where(GUARD.c.scope == scope, GUARD.c.key == key)
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return conn.execute(query).first()


def _live(row, now: datetime, policy: GuardPolicy) -> bool:
    """Does this row still count (its lock holds, or its window is open)?"""
    if row is None:
        return False
    locked_until = _aware(row.locked_until)
    if locked_until is not None:
        return locked_until > now
    return _aware(row.window_start) + policy.window > now


def _delay(failures: int, delay_after: int, policy: GuardPolicy) -> float:
    if failures < delay_after:
        return 0.0
    return min(policy.max_delay_seconds,
               policy.first_delay_seconds * 2 ** (failures - delay_after))


def _guard_check(conn: Connection, keys: list[tuple[str, str]], now: datetime) -> None:
    """Raise ``SignInLocked``/``SignInThrottled`` if a key is locked or must wait."""
    policy = _policy
    for scope, key in keys:
        row = _guard_row(conn, scope, key)
        if not _live(row, now, policy):
            continue
        locked_until = _aware(row.locked_until)
        if locked_until is not None:
            raise SignInLocked(max(1, math.ceil((locked_until - now).total_seconds() / 60)),
                               seat=scope == "seat")
        wait = _delay(row.failures, policy.limits(scope)[0], policy)
        last = _aware(row.last_failure_at) or now
        left = (last + timedelta(seconds=wait) - now).total_seconds()
        if left > 0:
            raise SignInThrottled(max(1, math.ceil(left)))


def _guard_failed(
    conn: Connection, keys: list[tuple[str, str]], now: datetime, *, work_no: str, seat: str,
) -> SignInLocked | None:
    """Count one wrong password for every key; the lock it causes, if any."""
    policy = _policy
    locked: SignInLocked | None = None
    # rows that no longer count go (unknown work numbers must not pile up)
    conn.execute(sa.delete(GUARD).where(
        sa.or_(
            sa.and_(GUARD.c.locked_until.is_(None), GUARD.c.window_start <= now - policy.window),
            GUARD.c.locked_until <= now,
        ),
        sa.not_(sa.tuple_(GUARD.c.scope, GUARD.c.key).in_(keys)),
    ))
    for scope, key in keys:
        row = _guard_row(conn, scope, key, for_update=True)
        if _live(row, now, policy):
            failures = row.failures + 1
            window_start = _aware(row.window_start)
        else:
            failures, window_start = 1, now
        lock_after = policy.limits(scope)[1]
        locked_until = now + policy.lock_for if failures >= lock_after else None
        values = {"failures": failures, "window_start": window_start,
                  "last_failure_at": now, "locked_until": locked_until}
        if row is None:
            conn.execute(sa.insert(GUARD).values(scope=scope, key=key, **values))
        else:
            conn.execute(sa.update(GUARD).where(GUARD.c.scope == scope, GUARD.c.key == key)
                         .values(**values))
        if locked_until is not None:
            minutes = max(1, math.ceil(policy.lock_for.total_seconds() / 60))
            locked = locked or SignInLocked(minutes, seat=scope == "seat")
            audit.record(conn, work_no=_user_key(work_no)[:16], role="",
                         action=audit.SIGN_IN_LOCKED,
                         entity=scope, entity_id=key,
                         detail={"failures": failures, "minutes": minutes, "seat": seat})
            _log_event("sign-in-locked", "%s %s locked for %d min after %d failures",
                       scope, key, minutes, failures)
    return locked


def _log_event(kind: str, msg: str, *args) -> None:
    """To the data folder's log (``logs.log_event``); never a password."""
    logs.log_event(kind, msg, *args)


def _guard_engine(central_url: str, engine: Engine | None) -> tuple[Engine, bool]:
    """The connection the guard is kept through, and whether it is ours to dispose."""
    if engine is not None:
        return engine, False
    url = make_url(central_url if "://" in central_url else f"sqlite:///{central_url}")
    if url.get_backend_name() == "postgresql":
        return make_engine(secrets.resolve_url(normalize_url(central_url))), True
    return make_engine(str(url)), True


class _Guard:
    """The guard of one sign-in attempt (or one unlock of the lock screen)."""

    def __init__(self, central_url: str, engine: Engine | None, work_no: str, seat: str) -> None:
        self.engine, self.owned = _guard_engine(central_url, engine)
        self.work_no = work_no
        self.seat = seat or default_seat()
        self.keys = [("user", _user_key(work_no)), ("seat", self.seat[:64])]

    def check(self) -> None:
        try:
            with self.engine.begin() as conn:
                _guard_check(conn, self.keys, _clock())
        except (SignInLocked, SignInThrottled) as exc:
            _log_event("sign-in-refused", "work number %s at seat %s: %s",
                       _user_key(self.work_no), self.seat, exc.en)
            raise
        except sa.exc.DBAPIError:
            log.warning("sign-in guard unreadable", exc_info=False)
            raise GuardUnavailable() from None

    def failed(self, role: str = "") -> SignInLocked | None:
        _log_event("sign-in-failed", "work number %s at seat %s", _user_key(self.work_no),
                   self.seat)
        try:
            with self.engine.begin() as conn:
                audit.record(conn, work_no=_user_key(self.work_no)[:16], role=role,
                             action=audit.SIGN_IN_FAILED, entity="user",
                             entity_id=_user_key(self.work_no), detail={"seat": self.seat})
                return _guard_failed(conn, self.keys, _clock(), work_no=self.work_no,
                                     seat=self.seat)
        except sa.exc.DBAPIError:
            log.warning("sign-in guard could not record a failure")
            raise GuardUnavailable() from None

    def succeeded(self) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(sa.delete(GUARD).where(GUARD.c.scope == "user",
                                                    GUARD.c.key == _user_key(self.work_no)))
        except sa.exc.DBAPIError:  # the count stays; it expires with its window
            log.warning("sign-in guard could not clear the count of %s", self.work_no)

    def close(self) -> None:
        if self.owned:
            self.engine.dispose()


def guard_state(engine: Engine, *, work_no: str | None = None, seat: str | None = None) -> dict:
    """The guard row of a work number or a seat (for ``user unlock`` and tests)."""
    scope, key = ("user", _user_key(work_no)) if work_no is not None else ("seat", seat or "")
    with engine.connect() as conn:
        row = _guard_row(conn, scope, key)
    if row is None:
        return {"failures": 0, "locked_until": None}
    return {"failures": row.failures, "locked_until": _aware(row.locked_until),
            "live": _live(row, _clock(), _policy)}


def unlock(
    engine: Engine, *, work_no: str | None = None, seat: str | None = None,
    actor: str = "admin", by: Principal | None = None,
) -> bool:
    """Lift the lock and clear the count of a work number (or a seat); audited.

    ``engine`` is the administrator's connection (``seat-admin user unlock``); from inside the
    app pass ``by``, a lead or administrator (on PostgreSQL their login may change
    ``sign_in_guard``). Returns whether there was anything to clear."""
    if (work_no is None) == (seat is None):
        raise UserError("请指定工号或座席之一。", "Give either a work number or a seat.")
    scope, key = ("user", _user_key(work_no)) if work_no is not None else ("seat", seat or "")
    role = "admin"
    if by is not None:
        if by.role not in (Role.LEAD, Role.ADMIN):
            with by.engine.begin() as conn:
                audit.record(conn, work_no=by.work_no, role=by.role.value,
                             action=audit.DENIED, entity=scope, entity_id=key,
                             detail={"op": "unlock"})
            raise Denied(by.role.value, "unlock")
        engine, actor, role = by.engine, by.work_no, by.role.value
    with engine.begin() as conn:
        found = conn.execute(
            sa.delete(GUARD).where(GUARD.c.scope == scope, GUARD.c.key == key)
        ).rowcount
        audit.record(conn, work_no=actor, role=role, action=audit.SIGN_IN_UNLOCK,
                     entity=scope, entity_id=key, detail={"cleared": bool(found)})
    _log_event("sign-in-unlocked", "%s %s unlocked by %s", scope, key, actor)
    return bool(found)
