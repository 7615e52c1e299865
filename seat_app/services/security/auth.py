"""Users and sign-in.

- User management (``add_user``, ``disable_user``, ``reset_password``, ``list_users``) runs
  with the administrator's connection (``seat-admin user ...``). Passwords are hashed with
  argon2 (argon2-cffi); on PostgreSQL each user also gets a login role in the group role of
  its Seat role (see ``pg_security``), whose password is set as a SCRAM verifier computed
  on the client.
- ``sign_in`` checks the work number and password and returns a ``SignedIn``: who the user
  is, an engine for the central database (on PostgreSQL: connected *as that user*, so the
  database enforces the role), and ``require``/``may`` for the service-side checks (the
  only checks on the embedded SQLite default).
- "Remember me" keeps the credential in the OS keyring (``secrets``); nothing else is
  written anywhere. An insecure keyring backend (plain text or base64 files, no keyring)
  is refused with ``RememberUnavailable`` before anything is checked or written.
- Guessing is slowed down and then stopped (``GuardPolicy``, table ``sign_in_guard``):
  per work number (known or not, so a lock tells nothing about whether it exists) and per
  seat (the workstation). After ``delay_after`` wrong passwords in ``window`` the next try
  must wait 1, 2, 4 ... seconds (at most ``max_delay``); after ``lock_after`` the work
  number (or seat) is locked for ``lock_for``. Locks and failures are audited and logged
  (never the password); ``unlock`` (``seat-admin user unlock``, or a lead/admin in the app)
  lifts them. The state is central, so it holds across seats and restarts. On PostgreSQL
  the guard is read and written through the seat's configured connection (``central_url``
  as given: the service account, member of the ``{prefix}_gate`` group) because a wrong
  password means there is no connection as the user; the lock screen goes through the same
  guard (``SignedIn.check_password``).
- Unknown and known work numbers take the same work: an unknown one (or a failed database
  login) is verified against a dummy argon2 hash, and the message is the same.
"""

from __future__ import annotations

import logging
import math
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

from seat_app.domain.roles import (
    CaseFacts,
    InputRefused,
    Op,
    Role,
    allowed,
    may_touch_case,
    validate_text,
    validate_work_no,
)
from seat_app.services.security import audit, secrets
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.security.password_policy import check_password as check_password_policy
from seat_app.services.store.engine import make_engine
from seat_app.services.store.models import new_uuid, utcnow
from seat_app.services.store.models_security import GUARD, USERS

log = logging.getLogger(__name__)

_hasher = PasswordHasher()
"""argon2id with argon2-cffi's default (RFC 9106 low-memory) parameters."""


def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Replace the hasher for new hashes (tests use a cheap one); returns the previous one.
    Existing hashes keep verifying: each hash carries its own parameters."""
    global _hasher
    previous, _hasher = _hasher, hasher
    return previous


class AuthError(Exception):
    """An error a user can meet, with a Chinese and an English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


class SignInFailed(AuthError):
    pass


class Denied(AuthError):
    """The signed-in user's role may not perform this operation."""

    def __init__(self, role: str, op: str) -> None:
        super().__init__(f"无权限：{role} 不能执行 {op}。", f"Not allowed: {role} may not {op}.")
        self.role = role
        self.op = op


class UserError(AuthError):
    pass


class SignInLocked(SignInFailed):
    """Too many wrong passwords: the work number (or the seat) is locked for a while."""

    def __init__(self, minutes: int, *, seat: bool = False) -> None:
        if seat:
            zh = (f"本座席登录失败次数过多，已临时锁定，请 {minutes} 分钟后再试，"
                  "或请班长/管理员解锁。")
            en = (f"Too many failed sign-ins at this seat: it is locked; try again in {minutes} "
                  "min, or ask a team lead or administrator to unlock it.")
        else:
            zh = (f"工号或密码错误次数过多，该工号已临时锁定，请 {minutes} 分钟后再试，"
                  "或请班长/管理员解锁。")
            en = (f"Too many wrong passwords: this work number is locked; try again in "
                  f"{minutes} min, or ask a team lead or administrator to unlock it.")
        super().__init__(zh, en)
        self.minutes = minutes
        self.seat = seat


class SignInThrottled(SignInFailed):
    """Wrong passwords in a row: the next try must wait."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"尝试过于频繁，请 {seconds} 秒后再试。",
                         f"Too many tries: wait {seconds} s before the next one.")
        self.seconds = seconds


class GuardUnavailable(SignInFailed):
    """The sign-in guard could not be read: sign-in is refused rather than unguarded."""

    def __init__(self) -> None:
        super().__init__(
            "无法检查登录保护（中心数据库无法连接或读写，或尚未升级：seat-admin db upgrade），"
            "暂不能登录，请联系 IT。",
            "The sign-in guard cannot be checked (the central database cannot be reached or "
            "written, or is not upgraded: seat-admin db upgrade); sign-in is not possible now, "
            "contact IT.",
        )


class RememberUnavailable(AuthError):
    """``remember`` was asked for but the keyring would not keep the password safely."""

    def __init__(self, error: secrets.InsecureKeyring) -> None:
        super().__init__(error.zh, error.en)
        self.backend = error.backend


FAILED_ZH = "工号或密码错误，或账号已停用。"
FAILED_EN = "Wrong work number or password, or the account is disabled."
"""The one message of a failed sign-in: the same for an unknown work number, a wrong
password and a disabled account."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_dummy: tuple[int, str] | None = None


def _dummy_hash() -> str:
    """A hash made with the current hasher's parameters, of a random password nobody knows:
    unknown work numbers are verified against it so they take the same time."""
    global _dummy
    if _dummy is None or _dummy[0] != id(_hasher):
        _dummy = (id(_hasher), _hasher.hash(os.urandom(24).hex()))
    return _dummy[1]


def verify_password(password_hash: str, password: str) -> bool:
    """Never raises: a password that is not valid text (a lone surrogate) is checked as the
    bytes it holds, so it takes the same time and never matches (no such password can be
    set)."""
    if not password_hash:
        return False
    secret = password.encode("utf-8", "surrogatepass")
    try:
        return _hasher.verify(password_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def _typable(password: str) -> bool:
    """Could this password have been set? (No control character, no lone surrogate.)"""
    return not any(ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF
                   for c in password)


# --- users -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: str
    work_no: str
    name: str
    role: str
    active: bool
    unit: str
    team: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "work_no": self.work_no, "name": self.name, "role": self.role,
            "active": self.active, "unit": self.unit, "team": self.team,
        }


def _row_to_info(row) -> UserInfo:
    return UserInfo(
        id=row.id, work_no=row.work_number, name=row.name, role=row.role,
        active=bool(row.active), unit=row.unit or "", team=row.team or "",
    )


def _user_row(conn: Connection, work_no: str):
    return conn.execute(
        sa.select(USERS).where(USERS.c.work_number == work_no, USERS.c.deleted.is_(False))
    ).first()


def _bump(conn: Connection) -> int:
    from seat_app.services.store.central import next_change_seq

    return next_change_seq(conn)


def add_user(
    engine: Engine, work_no: str, name: str, role: Role | str, password: str, *,
    unit: str = "", team: str = "", actor: str = "admin", by: SignedIn | None = None,
    allow_demo_password: bool = False,
) -> UserInfo:
    """Create a user (and, on PostgreSQL, its login role).

    ``engine`` is the administrator's connection (``seat-admin``). From inside the app pass
    ``by`` (the signed-in user, who needs the user-management right); on PostgreSQL only the
    owner's connection may create login roles, so in-app user management is for SQLite.
    The password must pass ``password_policy.check_password``; only ``demo init`` passes
    ``allow_demo_password`` (the published demo password, in a demo home).
    """
    if by is not None:
        _require_manage(by, work_no)
        engine, actor = by.engine, by.work_no
    validate_work_no(work_no)
    validate_text("name", name)
    if not name.strip():
        raise InputRefused("name", "姓名不能为空。", "The name cannot be empty.")
    check_password_policy(password, work_no=work_no, name=name, allow_demo=allow_demo_password)
    validate_text("unit_name", unit)
    try:
        role = Role(role)
    except ValueError:
        raise UserError(
            f"未知角色：{role}（可选 {', '.join(r.value for r in Role)}）",
            f"Unknown role: {role} (one of {', '.join(r.value for r in Role)})",
        ) from None
    if role is Role.UNIT and not unit.strip():
        raise UserError("承办单位用户必须指定单位（--unit）。", "A unit user needs its unit (--unit).")
    pg = pg_security.is_postgres(engine)
    if pg:
        pg_security.ensure_applied(engine)
    with engine.begin() as conn:
        if _user_row(conn, work_no) is not None:
            raise UserError(f"工号 {work_no} 已存在。", f"Work number {work_no} already exists.")
        db_role = pg_security.login_role(pg_security.prefix_of(conn), work_no) if pg else ""
        uid = new_uuid()
        conn.execute(
            sa.insert(USERS).values(
                id=uid, revision=1, change_seq=_bump(conn), changed_by=actor,
                changed_at=utcnow(), deleted=False, work_number=work_no, name=name,
                role=role.value, team=team, active=True, password_hash=hash_password(password),
                unit=unit, db_role=db_role,
            )
        )
        if pg:
            pg_security.create_login_role(conn, work_no, role, password)
        audit.record(conn, work_no=actor, role="admin", action=audit.USER_ADD, entity="user",
                     entity_id=work_no, detail={"role": role.value, "unit": unit})
    return UserInfo(uid, work_no, name, role.value, True, unit, team)


def _require_manage(by: SignedIn, work_no: str) -> None:
    try:
        by.require(Op.USER_MANAGE)
    except Denied:
        with by.engine.begin() as conn:
            audit.record(conn, work_no=by.work_no, role=by.role.value, action=audit.DENIED,
                         entity="user", entity_id=work_no, detail={"op": Op.USER_MANAGE.value})
        raise


def disable_user(
    engine: Engine, work_no: str, *, actor: str = "admin", by: SignedIn | None = None
) -> None:
    if by is not None:
        _require_manage(by, work_no)
        engine, actor = by.engine, by.work_no
    with engine.begin() as conn:
        row = _user_row(conn, work_no)
        if row is None:
            raise UserError(f"没有工号 {work_no}。", f"No user with work number {work_no}.")
        conn.execute(
            sa.update(USERS).where(USERS.c.id == row.id).values(
                active=False, revision=USERS.c.revision + 1, change_seq=_bump(conn),
                changed_by=actor, changed_at=utcnow(),
            )
        )
        if pg_security.is_postgres(conn):
            pg_security.disable_login(conn, work_no)
        audit.record(conn, work_no=actor, role="admin", action=audit.USER_DISABLE,
                     entity="user", entity_id=work_no)


def reset_password(
    engine: Engine, work_no: str, password: str, *, actor: str = "admin",
    by: SignedIn | None = None,
) -> None:
    """Set a new password (and enable the user again)."""
    if by is not None:
        _require_manage(by, work_no)
        engine, actor = by.engine, by.work_no
    with engine.begin() as conn:
        row = _user_row(conn, work_no)
        if row is None:
            raise UserError(f"没有工号 {work_no}。", f"No user with work number {work_no}.")
        check_password_policy(password, work_no=work_no, name=row.name)
        conn.execute(
            sa.update(USERS).where(USERS.c.id == row.id).values(
                password_hash=hash_password(password), active=True,
                revision=USERS.c.revision + 1, change_seq=_bump(conn), changed_by=actor,
                changed_at=utcnow(),
            )
        )
        if pg_security.is_postgres(conn):
            pg_security.create_login_role(conn, work_no, row.role, password)
        audit.record(conn, work_no=actor, role="admin", action=audit.USER_RESET,
                     entity="user", entity_id=work_no)


def list_users(engine: Engine) -> list[UserInfo]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(USERS).where(USERS.c.deleted.is_(False)).order_by(USERS.c.work_number)
        )
        return [_row_to_info(r) for r in rows]


# --- the sign-in guard -----------------------------------------------------------------


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
    import hashlib

    return "#" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _aware(value: datetime | None) -> datetime | None:
    from datetime import UTC

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
    try:
        from seat_app.services.logs import log_event
    except ImportError:  # pragma: no cover - logs.py is part of the package
        log.warning(msg, *args)
        return
    log_event(kind, msg, *args)


def _guard_engine(central_url: str, engine: Engine | None) -> tuple[Engine, bool]:
    """The connection the guard is kept through, and whether it is ours to dispose."""
    if engine is not None:
        return engine, False
    url = make_url(central_url if "://" in central_url else f"sqlite:///{central_url}")
    if url.get_backend_name() == "postgresql":
        from seat_app.services.store.engine import normalize_url

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
    actor: str = "admin", by: SignedIn | None = None,
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


# --- sign-in ---------------------------------------------------------------------------


@dataclass(eq=False)
class SignedIn:
    """A signed-in user. ``engine`` connects to the central database as this user."""

    user: UserInfo
    engine: Engine
    central_url: str
    realm: str
    signed_in_at: datetime = field(default_factory=utcnow)
    _password_hash: str = field(default="", repr=False)
    _owns_engine: bool = field(default=True, repr=False)
    seat: str = ""
    _offline_failures: list[datetime] = field(default_factory=list, repr=False)

    @property
    def work_no(self) -> str:
        return self.user.work_no

    @property
    def role(self) -> Role:
        return Role(self.user.role)

    @property
    def on_postgres(self) -> bool:
        return pg_security.is_postgres(self.engine)

    def may(self, op: Op | str) -> bool:
        return allowed(self.role, op)

    def require(self, op: Op | str) -> None:
        """Raise ``Denied`` unless the role may perform ``op``."""
        if not self.may(op):
            raise Denied(self.role.value, Op(op).value)

    def may_case(self, op: Op | str, case: CaseFacts) -> bool:
        return may_touch_case(self.role, op, case, work_no=self.work_no,
                              unit_id=self.user.unit or None)

    def require_case(self, op: Op | str, case: CaseFacts) -> None:
        if not self.may_case(op, case):
            raise Denied(self.role.value, Op(op).value)

    def check_password(self, password: str) -> bool:
        """For the idle lock: is this the user's password?

        Goes through the same guard as sign-in (the work number's and the seat's count, the
        lock, the wait): raises ``SignInLocked``/``SignInThrottled`` when it may not try now.

        When the central database cannot be reached (PostgreSQL, offline) the same policy is
        applied to this session's own count in memory, so the agent can unlock offline and
        guessing is still slowed and stopped; that is logged."""
        guard = _Guard(self.central_url, None if self.on_postgres else self.engine,
                       self.work_no, self.seat)
        try:
            try:
                guard.check()
            except GuardUnavailable:
                _log_event("sign-in-guard-offline", "lock screen of %s: guard unreachable, "
                           "counted in this session", self.work_no)
                return self._check_offline(password)
            ok = verify_password(self._password_hash, password)
            if ok:
                guard.succeeded()
                return True
            try:
                locked = guard.failed(self.role.value)
            except GuardUnavailable:
                return self._check_offline(password)
            if locked is not None:
                raise locked
            return False
        finally:
            guard.close()

    def _check_offline(self, password: str) -> bool:
        policy, now = _policy, _clock()
        recent = [t for t in self._offline_failures if t + policy.window > now]
        delay_after, lock_after = policy.limits("user")
        if len(recent) >= lock_after:
            left = (recent[lock_after - 1] + policy.lock_for - now).total_seconds()
            if left > 0:
                self._offline_failures[:] = recent
                raise SignInLocked(max(1, math.ceil(left / 60)))
            recent.clear()
        self._offline_failures[:] = recent
        wait = _delay(len(recent), delay_after, policy)
        if recent:
            left = (recent[-1] + timedelta(seconds=wait) - now).total_seconds()
            if left > 0:
                raise SignInThrottled(max(1, math.ceil(left)))
        if verify_password(self._password_hash, password):
            self._offline_failures.clear()
            return True
        self._offline_failures.append(now)
        _log_event("sign-in-failed", "lock screen of %s (offline)", self.work_no)
        if len(self._offline_failures) >= lock_after:
            raise SignInLocked(max(1, math.ceil(policy.lock_for.total_seconds() / 60)))
        return False


def sign_in(
    central_url: str, work_no: str, password: str, *, remember: bool = False,
    engine: Engine | None = None, seat: str | None = None,
) -> SignedIn:
    """Check the credential and return the signed-in user.

    First the guard (``GuardPolicy``): a locked work number or seat, or a try before its wait
    is over, is refused without checking the password. On PostgreSQL the returned engine logs
    in as the user's own login role with the password (the server checks it where pg_hba
    asks for one); the argon2 hash is checked as well, so a disabled or unknown user is
    refused even on a trust-auth server. On SQLite ``engine`` (default: a new engine for
    ``central_url``) is shared. Every failure does the same work (one argon2 verification,
    one guard update) and says the same message."""
    if remember:
        try:
            secrets.check_keyring_secure()
        except secrets.InsecureKeyring as exc:
            _log_event("refusal", "remember me refused: insecure keyring %s", exc.backend)
            raise RememberUnavailable(exc) from None
    secrets.register_secret(password)
    seat = seat or default_seat()
    url = make_url(central_url if "://" in central_url else f"sqlite:///{central_url}")
    failed = SignInFailed(FAILED_ZH, FAILED_EN)
    realm = secrets.realm_for(central_url)
    on_pg = url.get_backend_name() == "postgresql"
    guard = _Guard(central_url, None if on_pg else engine, work_no, seat)
    try:
        guard.check()
        try:
            validate_work_no(work_no)
            valid = _typable(password)
        except InputRefused:
            valid = False
        if on_pg:
            session, role = _check_postgres(central_url, work_no, password, realm, valid)
        else:
            session, role = _check_sqlite(url, engine, central_url, work_no, password, realm,
                                          valid)
        if session is None:
            locked = guard.failed(role)
            raise locked or failed
        session.seat = seat
        guard.succeeded()
    finally:
        guard.close()
    if remember:
        secrets.remember(realm, work_no, password)
    log.info("signed in: work number %s, role %s", work_no, session.role.value)
    return session


def _check_postgres(
    central_url: str, work_no: str, password: str, realm: str, valid: bool,
) -> tuple[SignedIn | None, str]:
    if not valid:
        verify_password(_dummy_hash(), password)
        return None, ""
    from seat_app.services.store.engine import normalize_url

    base = make_url(normalize_url(central_url))
    user_url = base.set(
        username=pg_security.login_role(pg_security.role_prefix(base.database or "seat"),
                                        work_no),
        password=password,
    )
    user_engine = make_engine(user_url.render_as_string(hide_password=False))
    verified = False
    try:
        with user_engine.begin() as conn:
            stored = conn.execute(sa.text("SELECT seat_own_password_hash()")).scalar()
            row = conn.execute(
                sa.select(USERS.c.id, USERS.c.work_number, USERS.c.name, USERS.c.role,
                          USERS.c.active, USERS.c.unit, USERS.c.team)
                .where(USERS.c.work_number == work_no, USERS.c.deleted.is_(False))
            ).first()
            good = verify_password(stored or _dummy_hash(), password)
            verified = True
            ok = row is not None and row.active and good
            if ok:
                audit.record(conn, work_no=work_no, role=row.role, action=audit.SIGN_IN,
                             entity="user", entity_id=work_no)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        user_engine.dispose()
        log.info("sign-in refused by the database for work number %s", work_no)
        if not verified:
            verify_password(_dummy_hash(), password)
        return None, ""
    if not ok:
        user_engine.dispose()
        return None, row.role if row is not None else ""
    return SignedIn(_row_to_info(row), user_engine, central_url, realm,
                    _password_hash=stored), row.role


def _check_sqlite(
    url, engine: Engine | None, central_url: str, work_no: str, password: str,
    realm: str, valid: bool,
) -> tuple[SignedIn | None, str]:
    if not valid:
        verify_password(_dummy_hash(), password)
        return None, ""
    own = engine is None
    eng = engine or make_engine(str(url))
    with eng.begin() as conn:
        row = _user_row(conn, work_no)
        good = verify_password(row.password_hash if row is not None else _dummy_hash(),
                               password)
        ok = row is not None and row.active and good
        if ok:
            audit.record(conn, work_no=work_no, role=row.role, action=audit.SIGN_IN,
                         entity="user", entity_id=work_no)
    if not ok:
        if own:
            eng.dispose()
        return None, row.role if row is not None else ""
    return SignedIn(_row_to_info(row), eng, central_url, realm,
                    _password_hash=row.password_hash, _owns_engine=own), row.role


def sign_in_remembered(central_url: str, *, engine: Engine | None = None) -> SignedIn | None:
    """Sign in with the credential kept by "remember me", or None if there is none or it no
    longer works (then it is forgotten; a lock or a wait keeps it for later)."""
    realm = secrets.realm_for(central_url)
    cred = secrets.recall(realm)
    if cred is None:
        return None
    try:
        return sign_in(central_url, cred[0], cred[1], engine=engine)
    except (SignInLocked, SignInThrottled, GuardUnavailable):
        return None
    except SignInFailed:
        secrets.forget(realm)
        return None


def remembered_work_no(central_url: str) -> str | None:
    cred = secrets.recall(secrets.realm_for(central_url))
    return cred[0] if cred else None


def sign_out(session: SignedIn, *, forget: bool = False) -> None:
    """Record the sign-out; ``forget`` also removes the remembered credential."""
    try:
        with session.engine.begin() as conn:
            audit.record(conn, work_no=session.work_no, role=session.role.value,
                         action=audit.SIGN_OUT, entity="user", entity_id=session.work_no)
    finally:
        if forget:
            secrets.forget(session.realm)
        if session._owns_engine:
            session.engine.dispose()
    log.info("signed out: work number %s", session.work_no)
