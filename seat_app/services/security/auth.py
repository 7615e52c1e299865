"""Sign-in.

- ``sign_in`` checks the work number and password and returns a ``SignedIn``: who the user
  is, an engine for the central database (on PostgreSQL: connected *as that user*, so the
  database enforces the role), and ``require``/``may`` for the service-side checks (the
  only checks on the embedded SQLite default).
- "Remember me" keeps the credential in the OS keyring (``secrets``); nothing else is
  written anywhere. An insecure keyring backend (plain text or base64 files, no keyring)
  is refused with ``RememberUnavailable`` before anything is checked or written.
- Every try goes through the sign-in guard first (``guard``: waits and locks after wrong
  passwords, per work number and per seat); the lock screen goes through the same guard
  (``SignedIn.check_password``).
- Unknown and known work numbers take the same work: an unknown one (or a failed database
  login) is verified against a dummy argon2 hash, and the message is the same.

User management lives in ``users``, the guard in ``guard``, the errors in ``errors``; their
public names are importable from here as before (``auth.add_user``, ``auth.unlock``, ...).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from seat_app.domain.roles import (
    CaseFacts,
    InputRefused,
    Op,
    Role,
    allowed,
    may_touch_case,
    validate_work_no,
)
from seat_app.services.security import audit, secrets
from seat_app.services.security import guard as sign_in_guard
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.security.errors import (
    AuthError,
    Denied,
    GuardUnavailable,
    RememberUnavailable,
    SignInFailed,
    SignInLocked,
    SignInThrottled,
    UserError,
)
from seat_app.services.security.guard import (
    GuardPolicy,
    _Guard,
    _log_event,
    default_seat,
    guard_state,
    unlock,
    use_clock,
    use_guard_policy,
)
from seat_app.services.security.users import (
    UserInfo,
    _dummy_hash,
    _row_to_info,
    _user_row,
    add_user,
    disable_user,
    hash_password,
    list_users,
    reset_password,
    use_hasher,
    verify_password,
)
from seat_app.services.store.engine import make_engine, normalize_url
from seat_app.services.store.models import utcnow
from seat_app.services.store.models_security import USERS

__all__ = [
    "FAILED_EN", "FAILED_ZH", "AuthError", "Denied", "GuardPolicy", "GuardUnavailable",
    "RememberUnavailable", "SignInFailed", "SignInLocked", "SignInThrottled", "SignedIn",
    "UserError", "UserInfo", "add_user", "default_seat", "disable_user", "guard_state",
    "hash_password", "list_users", "remembered_work_no", "reset_password", "sign_in",
    "sign_in_remembered", "sign_out", "unlock", "use_clock", "use_guard_policy", "use_hasher",
    "verify_password",
]

log = logging.getLogger(__name__)

FAILED_ZH = "工号或密码错误，或账号已停用。"
FAILED_EN = "Wrong work number or password, or the account is disabled."
"""The one message of a failed sign-in: the same for an unknown work number, a wrong
password and a disabled account."""


def _typable(password: str) -> bool:
    """Could this password have been set? (No control character, no lone surrogate.)"""
    return not any(ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF
                   for c in password)


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
        policy, now = sign_in_guard._policy, sign_in_guard._clock()
        recent = [t for t in self._offline_failures if t + policy.window > now]
        delay_after, lock_after = policy.limits("user")
        if len(recent) >= lock_after:
            left = (recent[lock_after - 1] + policy.lock_for - now).total_seconds()
            if left > 0:
                self._offline_failures[:] = recent
                raise SignInLocked(max(1, math.ceil(left / 60)))
            recent.clear()
        self._offline_failures[:] = recent
        wait = sign_in_guard._delay(len(recent), delay_after, policy)
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
