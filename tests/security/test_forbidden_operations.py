"""For every role, every forbidden operation is refused: through services (SQLite and
PostgreSQL) and directly in SQL as that role's own login (PostgreSQL). Allowed operations
are tried too, as controls: a denial that would also hit allowed work proves nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from seat_app.domain.roles import Op, Role, allowed
from seat_app.services.security import audit, auth
from seat_app.services.security import pg_roles as pg_security

pytestmark = pytest.mark.security

SERVICE_ATTEMPTS: dict[Op, Callable] = {
    Op.AUDIT_READ: lambda w, s: audit.read_audit(s),
    Op.KB_EDIT: lambda w, s: audit.edit_kb_entry(s, w.kb_code, {"title": "改过的标题"}),
    Op.UNIT_EDIT: lambda w, s: audit.edit_unit(s, w.unit_code, {"name": "改过的单位"}),
    Op.CASE_EXPORT: lambda w, s: audit.export_cases(s),
    Op.PHONE_UNMASK: lambda w, s: audit.unmask_phone(s, w.cases["open_water"], reason="回访"),
    Op.CASE_EDIT: lambda w, s: audit.change_case(
        s, w.cases["open_water"], {"description": "补充：仍未来水"}
    ),
    Op.CASE_EDIT_CLOSED_OTHERS: lambda w, s: audit.change_case(
        s, w.cases["closed_other"], {"description": "改别人已办结的工单"}
    ),
    Op.CASE_VIEW_ALL: lambda w, s: audit.view_case(s, w.cases["open_power"]),
    Op.USER_MANAGE: lambda w, s: auth.add_user(
        None, "5555", "新用户", Role.AGENT, "NewUser-pass-1", by=s  # type: ignore[arg-type]
    ),
}
"""One service call per operation: it succeeds when the role may, else raises Denied."""

# In-app user management needs CREATE ROLE on PostgreSQL; only seat-admin (the owner) has it.
PG_SERVICE_EXCEPTIONS = {(Role.ADMIN, Op.USER_MANAGE)}


def test_forbidden_operations_are_denied_via_services(world, capsys):
    lead = world.sign_in(Role.LEAD)
    totals = []
    for role in Role:
        session = world.sign_in(role)
        denied = forbidden = permitted = 0
        for op, attempt in SERVICE_ATTEMPTS.items():
            if allowed(role, op):
                if world.backend == "pg" and (role, op) in PG_SERVICE_EXCEPTIONS:
                    continue
                attempt(world, session)  # control: must not raise
                permitted += 1
                continue
            forbidden += 1
            with pytest.raises(auth.Denied):
                attempt(world, session)
            denied += 1
        refusals = audit.read_audit(lead, action=audit.DENIED, work_no=session.work_no)
        assert len(refusals) == denied, "every refusal is in the audit log"
        with capsys.disabled():
            print(f"\n[{world.backend}] {role.value}: {denied}/{forbidden} forbidden operations "
                  f"denied via services ({permitted} allowed ones worked)", end="")
        totals.append((denied, forbidden))
    assert all(d == f for d, f in totals)
    assert sum(f for _, f in totals) >= 20


# --- SQL as the role's own login (PostgreSQL) ------------------------------------------


@dataclass(frozen=True)
class SqlAttempt:
    name: str
    sql: str
    forbidden_for: Callable[[Role], bool]
    check: str | None = None
    """For statements RLS answers with "no rows": SQL (run as owner) that must return 1 if
    nothing changed."""


def _lacks(op: Op) -> Callable[[Role], bool]:
    return lambda role: not allowed(role, op)


EVERYONE = lambda role: True  # noqa: E731

SQL_ATTEMPTS = [
    SqlAttempt("read the audit log", "SELECT count(*) FROM audit_log", _lacks(Op.AUDIT_READ)),
    SqlAttempt("update the audit log", "UPDATE audit_log SET action = 'x'", EVERYONE),
    SqlAttempt("delete the audit log", "DELETE FROM audit_log", EVERYONE),
    SqlAttempt("truncate the audit log", "TRUNCATE audit_log", EVERYONE),
    SqlAttempt(
        "forge an audit row as another login",
        "INSERT INTO audit_log (at, work_no, role, action, entity, entity_id, detail, db_user) "
        "VALUES (now(), '6001', 'admin', 'kb_edit', '', '', '{{}}', 'postgres')",
        EVERYONE,
    ),
    SqlAttempt("read password hashes", "SELECT password_hash FROM users", EVERYONE),
    SqlAttempt("promote oneself", "UPDATE users SET role = 'admin'", EVERYONE),
    SqlAttempt("insert a user", "INSERT INTO users (id) VALUES ('x')", EVERYONE),
    SqlAttempt("create a login role", "CREATE ROLE seat_sec_intruder LOGIN", EVERYONE),
    SqlAttempt("join the admin group", "GRANT {admin_group} TO current_user", EVERYONE),
    SqlAttempt("edit the KB", "UPDATE kb_entries SET title = 'x'", _lacks(Op.KB_EDIT)),
    SqlAttempt("add to the KB", "INSERT INTO kb_entries (id) VALUES ('x')", _lacks(Op.KB_EDIT)),
    SqlAttempt("delete from the KB", "DELETE FROM kb_entries", _lacks(Op.KB_EDIT)),
    SqlAttempt("edit units", "UPDATE units SET name = 'x'", _lacks(Op.UNIT_EDIT)),
    SqlAttempt(
        "change another agent's closed case",
        "UPDATE cases SET description = 'x' WHERE id = '{closed_other}'",
        _lacks(Op.CASE_EDIT_CLOSED_OTHERS),
        check="SELECT count(*) FROM cases WHERE id = '{closed_other}' AND description <> 'x'",
    ),
    SqlAttempt(
        "change an open case",
        "UPDATE cases SET description = 'x' WHERE id = '{open_power}'",
        _lacks(Op.CASE_EDIT),
        check="SELECT count(*) FROM cases WHERE id = '{open_power}' AND description <> 'x'",
    ),
    SqlAttempt(
        "read a case dispatched elsewhere",
        "SELECT * FROM cases WHERE id = '{open_power}'",
        _lacks(Op.CASE_VIEW_ALL),
    ),
    SqlAttempt(
        "read events of a case dispatched elsewhere",
        "SELECT * FROM case_events WHERE case_id = '{open_power}'",
        _lacks(Op.CASE_VIEW_ALL),
    ),
]

SQL_CONTROLS: dict[Role, list[str]] = {
    Role.AGENT: ["SELECT count(*) FROM cases", "UPDATE cases SET description = 'own' WHERE id = '{own_closed}'"],
    Role.LEAD: ["SELECT count(*) FROM audit_log", "UPDATE cases SET description = 'lead' WHERE id = '{closed_other}'"],
    Role.TRAINER: ["SELECT count(*) FROM kb_entries", "SELECT count(*) FROM cases"],
    Role.UNIT: ["SELECT * FROM cases WHERE id = '{open_water}'", "UPDATE cases SET reply_text = 'r' WHERE id = '{open_water}'"],
    Role.ADMIN: ["UPDATE kb_entries SET title = 'admin'", "UPDATE units SET name = 'admin'"],
    Role.INSPECTOR: ["SELECT count(*) FROM cases", "SELECT count(*) FROM case_events"],
    Role.KB_EDITOR: ["SELECT count(*) FROM kb_entries", "SELECT count(*) FROM units"],
}
"""Allowed statements per role: each must touch at least one row."""


def _sql_denied(session_engine, owner_engine, statement: str, check: str | None) -> bool:
    try:
        with session_engine.begin() as conn:
            result = conn.execute(text(statement))
            touched = len(result.all()) if result.returns_rows else result.rowcount
            if result.returns_rows and statement.lstrip().upper().startswith("SELECT COUNT"):
                return False  # a count that ran is a read that worked
    except DBAPIError as exc:
        return getattr(exc.orig, "sqlstate", None) == "42501"
    if touched:
        return False
    if check:
        with owner_engine.connect() as conn:
            return conn.execute(text(check)).scalar() == 1
    return True


def test_forbidden_operations_are_denied_in_sql(pg_world, capsys):
    w = pg_world
    fmt = dict(w.cases, admin_group=pg_security.group_role(pg_security.prefix_of(w.engine), "admin"))
    missing: dict[str, list[str]] = {}
    for role in Role:
        session = w.sign_in(role)
        assert session.engine.url.username == pg_security.login_role(
            pg_security.prefix_of(w.engine), session.work_no
        )
        for statement in SQL_CONTROLS[role]:
            with session.engine.begin() as conn:
                result = conn.execute(text(statement.format(**fmt)))
                touched = len(result.all()) if result.returns_rows else result.rowcount
            assert touched >= 1, f"control failed for {role.value}: {statement}"
        attempts = [a for a in SQL_ATTEMPTS if a.forbidden_for(role)]
        denied = []
        for a in attempts:
            check = a.check.format(**fmt) if a.check else None
            if _sql_denied(session.engine, w.engine, a.sql.format(**fmt), check):
                denied.append(a.name)
        missing[role.value] = [a.name for a in attempts if a.name not in denied]
        with capsys.disabled():
            print(f"\n[pg] {role.value}: {len(denied)}/{len(attempts)} forbidden operations denied "
                  f"via SQL as login {session.engine.url.username} "
                  f"({len(SQL_CONTROLS[role])} allowed statements worked)", end="")
    assert not any(missing.values()), f"allowed in SQL: {missing}"


def test_audit_log_is_append_only_even_for_the_owner(world):
    with world.engine.begin() as conn:
        n = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
    assert n > 0
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), world.engine.begin() as conn:
            conn.execute(text(statement))
    with world.engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == n
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'x'")).scalar() == 0


def test_disabled_user_cannot_sign_in_and_reset_enables(world):
    agent = world.work_no(Role.AGENT)
    world.sign_in(Role.AGENT)
    auth.disable_user(world.engine, agent)
    with pytest.raises(auth.SignInFailed):
        world.sign_in(Role.AGENT)
    auth.reset_password(world.engine, agent, "Brand-new-pass-7")
    s = auth.sign_in(world.url, agent, "Brand-new-pass-7")
    world.sessions.append(s)
    with pytest.raises(auth.SignInFailed):
        world.sign_in(Role.AGENT)  # the old password no longer works
    assert s.check_password("Brand-new-pass-7") and not s.check_password("wrong-pass-1")
