"""Users: password hashes (argon2) and user management.

``add_user``, ``disable_user``, ``reset_password`` and ``list_users`` run with the
administrator's connection (``seat-admin user ...``), or inside the app with ``by``, a
signed-in user with the user-management right. Passwords are hashed with argon2
(argon2-cffi); on PostgreSQL each user also gets a login role in the group role of its Seat
role (see ``pg_roles``), whose password is set as a SCRAM verifier computed on the client.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine

from seat_app.domain.roles import InputRefused, Op, Role, validate_text, validate_work_no
from seat_app.services.security import audit
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.security.errors import Denied, UserError
from seat_app.services.security.password_policy import check_password as check_password_policy
from seat_app.services.security.principal import Principal
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import new_uuid, utcnow
from seat_app.services.store.models_security import USERS

_hasher = PasswordHasher()
"""argon2id with argon2-cffi's default (RFC 9106 low-memory) parameters."""


def use_hasher(hasher: PasswordHasher) -> PasswordHasher:
    """Replace the hasher for new hashes (tests use a cheap one); returns the previous one.
    Existing hashes keep verifying: each hash carries its own parameters."""
    global _hasher
    previous, _hasher = _hasher, hasher
    return previous


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
    return next_change_seq(conn)


def add_user(
    engine: Engine, work_no: str, name: str, role: Role | str, password: str, *,
    unit: str = "", team: str = "", actor: str = "admin", by: Principal | None = None,
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


def _require_manage(by: Principal, work_no: str) -> None:
    try:
        by.require(Op.USER_MANAGE)
    except Denied:
        with by.engine.begin() as conn:
            audit.record(conn, work_no=by.work_no, role=by.role.value, action=audit.DENIED,
                         entity="user", entity_id=work_no, detail={"op": Op.USER_MANAGE.value})
        raise


def disable_user(
    engine: Engine, work_no: str, *, actor: str = "admin", by: Principal | None = None
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
    by: Principal | None = None,
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
