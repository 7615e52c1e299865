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
  written anywhere.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

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
    validate_password,
    validate_text,
    validate_work_no,
)
from seat_app.services import audit, pg_security, secrets
from seat_app.services.db import make_engine
from seat_app.services.models import new_uuid, utcnow
from seat_app.services.models_security import USERS

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


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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
    from seat_app.services.central import next_change_seq

    return next_change_seq(conn)


def add_user(
    engine: Engine, work_no: str, name: str, role: Role | str, password: str, *,
    unit: str = "", team: str = "", actor: str = "admin", by: SignedIn | None = None,
) -> UserInfo:
    """Create a user (and, on PostgreSQL, its login role).

    ``engine`` is the administrator's connection (``seat-admin``). From inside the app pass
    ``by`` (the signed-in user, who needs the user-management right); on PostgreSQL only the
    owner's connection may create login roles, so in-app user management is for SQLite.
    """
    if by is not None:
        _require_manage(by, work_no)
        engine, actor = by.engine, by.work_no
    validate_work_no(work_no)
    validate_text("name", name)
    if not name.strip():
        raise InputRefused("name", "姓名不能为空。", "The name cannot be empty.")
    validate_password(password)
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
    validate_password(password)
    with engine.begin() as conn:
        row = _user_row(conn, work_no)
        if row is None:
            raise UserError(f"没有工号 {work_no}。", f"No user with work number {work_no}.")
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
        """For the idle lock: is this the user's password? (Works offline.)"""
        return verify_password(self._password_hash, password)


def sign_in(
    central_url: str, work_no: str, password: str, *, remember: bool = False,
    engine: Engine | None = None,
) -> SignedIn:
    """Check the credential and return the signed-in user.

    On PostgreSQL the returned engine logs in as the user's own login role with the
    password (the server checks it where pg_hba asks for one); the argon2 hash is checked
    as well, so a disabled or unknown user is refused even on a trust-auth server. On
    SQLite ``engine`` (default: a new engine for ``central_url``) is shared.
    """
    secrets.register_secret(password)
    url = make_url(central_url if "://" in central_url else f"sqlite:///{central_url}")
    failed = SignInFailed("工号或密码错误，或账号已停用。",
                          "Wrong work number or password, or the account is disabled.")
    try:
        validate_work_no(work_no)
    except InputRefused:
        raise failed from None
    realm = secrets.realm_for(central_url)
    if url.get_backend_name() == "postgresql":
        from seat_app.services.db import normalize_url

        base = make_url(normalize_url(central_url))
        user_url = base.set(
            username=pg_security.login_role(pg_security.role_prefix(base.database or "seat"),
                                            work_no),
            password=password,
        )
        user_engine = make_engine(user_url.render_as_string(hide_password=False))
        try:
            with user_engine.begin() as conn:
                stored = conn.execute(sa.text("SELECT seat_own_password_hash()")).scalar()
                row = conn.execute(
                    sa.select(USERS.c.id, USERS.c.work_number, USERS.c.name, USERS.c.role,
                              USERS.c.active, USERS.c.unit, USERS.c.team)
                    .where(USERS.c.work_number == work_no, USERS.c.deleted.is_(False))
                ).first()
                ok = row is not None and row.active and verify_password(stored or "", password)
                if ok:
                    audit.record(conn, work_no=work_no, role=row.role, action=audit.SIGN_IN,
                                 entity="user", entity_id=work_no)
        except sa.exc.OperationalError:
            user_engine.dispose()
            log.info("sign-in refused by the database for work number %s", work_no)
            raise failed from None
        except sa.exc.ProgrammingError:
            user_engine.dispose()
            raise failed from None
        if not ok:
            user_engine.dispose()
            raise failed
        session = SignedIn(_row_to_info(row), user_engine, central_url, realm, _password_hash=stored)
    else:
        own = engine is None
        eng = engine or make_engine(str(url))
        with eng.begin() as conn:
            row = _user_row(conn, work_no)
            ok = row is not None and row.active and verify_password(row.password_hash, password)
            if ok:
                audit.record(conn, work_no=work_no, role=row.role, action=audit.SIGN_IN,
                             entity="user", entity_id=work_no)
            else:
                audit.record(conn, work_no=work_no, role=row.role if row else "",
                             action=audit.SIGN_IN_FAILED, entity="user", entity_id=work_no)
        if not ok:
            if own:
                eng.dispose()
            raise failed
        session = SignedIn(_row_to_info(row), eng, central_url, realm,
                           _password_hash=row.password_hash, _owns_engine=own)
    if remember:
        secrets.remember(realm, work_no, password)
    log.info("signed in: work number %s, role %s", work_no, session.role.value)
    return session


def sign_in_remembered(central_url: str, *, engine: Engine | None = None) -> SignedIn | None:
    """Sign in with the credential kept by "remember me", or None if there is none or it no
    longer works (then it is forgotten)."""
    realm = secrets.realm_for(central_url)
    cred = secrets.recall(realm)
    if cred is None:
        return None
    try:
        return sign_in(central_url, cred[0], cred[1], engine=engine)
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
