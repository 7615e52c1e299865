"""PostgreSQL: roles, GRANTs and row-level security (the database refuses what a role may not).

Every Seat database has a *role prefix* (the database name, sanitized: ``seat`` for a
database called ``seat``), so two Seat databases in one cluster — production and a
training room, or the test databases — keep their roles apart:

- one group role per Seat role: ``{prefix}_agent``, ``{prefix}_lead``, ``{prefix}_trainer``,
  ``{prefix}_unit``, ``{prefix}_admin`` (NOLOGIN);
- one login role per user: ``{prefix}_u_{work_no}``, member of its group role. The seat
  app connects as that login role, so a modified client gains nothing.

``apply_pg_security(engine)`` (idempotent; run by ``seat-admin db secure`` and after each
upgrade on PostgreSQL) creates the group roles, grants table privileges per group
(``TABLE_GRANTS``), enables row-level security with the policies in ``_policies`` and
installs the helper functions. Run it as the owner of the tables (the migration login).

What it enforces (the same rules services check on the SQLite default):

- agents cannot read the audit log, cannot write the knowledge base, units or users, and
  cannot change another agent's closed case;
- a unit user sees (and can update) only cases dispatched to its unit, and only their events;
  likewise only its own ``case_dispatch`` rows (which hold the unit CODE while
  ``users.unit`` holds the unit's NAME: the policy looks the codes up in ``units``) and the
  supervisions of its cases;
- agents read the dispatch flow and record callback surveys and supervisions; of
  ``case_dispatch`` they change only what a callback call does to a reviewed case (survey,
  close, reopen) and close their own new case as a duplicate; leads and admins run the rest;
  trainers get nothing of the after-call tables;
- trainers read cases and the knowledge base but change nothing;
- nobody may read ``users.password_hash`` except through ``seat_own_password_hash()``,
  which returns only the caller's own hash;
- failed sign-ins (``sign_in_guard``) are kept through the seat's configured connection
  (the service account), which must be a member of ``{prefix}_gate``: that group may only
  read and write ``sign_in_guard`` and append to the audit log (no case, user or KB data);
  leads and admins may clear a lock (``seat-admin user unlock``); no other role sees it;
- the audit log is append-only for everyone (no UPDATE/DELETE/TRUNCATE granted, and
  triggers refuse them even for the owner), and each row's ``db_user`` must be the login
  that wrote it.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Iterable

from sqlalchemy import Connection, Engine, inspect, text

from seat_app.domain.case import OPEN_STATUSES
from seat_app.domain.roles import Role

GROUP_ROLES: tuple[Role, ...] = tuple(Role)

R, W, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"

TABLE_GRANTS: dict[str, dict[Role, tuple[str, ...]]] = {
    # kb_entries: editors change the knowledge base through versioned drafts (their own
    # tables); publishing writes kb_entries as the approver (grants_kb_upkeep)
    "kb_entries": {
        Role.AGENT: (R,), Role.LEAD: (R,), Role.TRAINER: (R,), Role.UNIT: (R,),
        Role.ADMIN: (R, W, U, D), Role.INSPECTOR: (R,), Role.KB_EDITOR: (R,),
    },
    "units": {
        Role.AGENT: (R,), Role.LEAD: (R,), Role.TRAINER: (R,), Role.UNIT: (R,),
        Role.ADMIN: (R, W, U, D), Role.INSPECTOR: (R,), Role.KB_EDITOR: (R,),
    },
    # inspectors read every case and its events (they score them), change nothing
    "cases": {
        Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.TRAINER: (R,), Role.UNIT: (R, U),
        Role.ADMIN: (R, W, U), Role.INSPECTOR: (R,),
    },
    "case_events": {
        Role.AGENT: (R, W), Role.LEAD: (R, W), Role.TRAINER: (R,), Role.UNIT: (R, W),
        Role.ADMIN: (R, W), Role.INSPECTOR: (R,),
    },
    "calls": {Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.TRAINER: (R,), Role.ADMIN: (R, W, U)},
    "seats": {Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.TRAINER: (R,), Role.ADMIN: (R, W, U)},
    "queue_items": {
        Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.TRAINER: (R,), Role.ADMIN: (R, W, U),
    },
    "applied_ops": {
        Role.AGENT: (R, W), Role.LEAD: (R, W), Role.UNIT: (R, W), Role.ADMIN: (R, W),
    },
    "conflicts": {
        Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.UNIT: (R, W), Role.ADMIN: (R, W, U),
    },
    "change_counter": {
        Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.UNIT: (R, W, U),
        Role.ADMIN: (R, W, U), Role.TRAINER: (R,), Role.INSPECTOR: (R,), Role.KB_EDITOR: (R,),
    },
    "audit_log": {
        Role.AGENT: (W,), Role.LEAD: (R, W), Role.TRAINER: (W,), Role.UNIT: (W,),
        Role.ADMIN: (R, W), Role.INSPECTOR: (W,), Role.KB_EDITOR: (W,),
    },
    # the dispatch flow after the call (转派 → 回复 → 审核 → 回访 → 办结): units read and
    # update only their own rows (RLS below), leads run the center's side, agents read it
    # and record callback surveys, trainers get nothing
    "case_dispatch": {
        Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.UNIT: (R, U), Role.ADMIN: (R, W, U),
    },
    "supervisions": {
        Role.AGENT: (R, W), Role.LEAD: (R, W), Role.UNIT: (R,), Role.ADMIN: (R, W),
    },
    "callback_surveys": {Role.AGENT: (R, W), Role.LEAD: (R, W), Role.ADMIN: (R, W)},
    "alembic_version": {role: (R,) for role in Role},
    # failed sign-ins and locks: written before anyone is signed in, through the gate group
    # (GATE_GRANTS); leads and admins clear locks
    "sign_in_guard": {Role.LEAD: (R, W, U, D), Role.ADMIN: (R, W, U, D)},
    # users: column-level SELECT below; written only by seat-admin (the owner).
}
"""Table privileges per group role. Tables of the schema not named here get
``DEFAULT_GRANTS`` (read for staff, write for agents, leads and admins; units nothing)."""

DEFAULT_GRANTS: dict[Role, tuple[str, ...]] = {
    Role.AGENT: (R, W, U), Role.LEAD: (R, W, U), Role.TRAINER: (R, W, U), Role.ADMIN: (R, W, U),
}

CAPABILITY_GRANTS: tuple[str, ...] = (
    "training", "quality", "intake", "analysis", "kb_upkeep", "telephony", "live", "deploy",
)
"""Each capability keeps its own grants and policies in ``security/grants_<name>.py``
(``TABLE_GRANTS`` in the shape above, ``policies(groups) -> {table: [statements]}``); they
are merged with the core ones here: privileges are a union, policies are appended."""


def all_table_grants() -> dict[str, dict[Role, tuple[str, ...]]]:
    """``TABLE_GRANTS`` merged with every capability's grants."""
    merged: dict[str, dict[Role, tuple[str, ...]]] = {
        t: dict(rules) for t, rules in TABLE_GRANTS.items()
    }
    for name in CAPABILITY_GRANTS:
        module = importlib.import_module(f"seat_app.services.security.grants_{name}")
        for table, rules in module.TABLE_GRANTS.items():
            into = merged.setdefault(table, {})
            for role, privileges in rules.items():
                have = into.get(role, ())
                into[role] = have + tuple(p for p in privileges if p not in have)
    return merged


def _all_policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    merged = {t: list(statements) for t, statements in _policies(groups).items()}
    for name in CAPABILITY_GRANTS:
        module = importlib.import_module(f"seat_app.services.security.grants_{name}")
        for table, statements in module.policies(groups).items():
            merged.setdefault(table, []).extend(statements)
    return merged


GATE_GRANTS: dict[str, tuple[str, ...]] = {
    "sign_in_guard": (R, W, U, D), "audit_log": (W,), "alembic_version": (R,),
}
"""What the ``{prefix}_gate`` group (the seat's service account) may touch: nothing else."""

USER_SECRET_COLUMNS = ("password_hash",)
"""Columns of ``users`` no group may read (every other column is granted for SELECT)."""


# --- names -----------------------------------------------------------------------------


def role_prefix(database: str) -> str:
    """The role prefix of a database: its name, lower-case, ``[a-z0-9_]`` only, ≤ 30 chars."""
    clean = re.sub(r"[^a-z0-9_]", "_", database.lower()).strip("_") or "seat"
    if not clean[0].isalpha():
        clean = "s_" + clean
    if len(clean) > 30:
        digest = hashlib.sha256(database.encode()).hexdigest()[:6]
        clean = clean[:23] + "_" + digest
    return clean


def group_role(prefix: str, role: Role | str) -> str:
    return f"{prefix}_{Role(role).value}"


def gate_role(prefix: str) -> str:
    """The group of the logins that keep the sign-in guard (the seats' service account)."""
    return f"{prefix}_gate"


def login_role(prefix: str, work_no: str) -> str:
    return f"{prefix}_u_{work_no.lower()}"


def prefix_of(conn_or_engine: Connection | Engine) -> str:
    if isinstance(conn_or_engine, Engine):
        return role_prefix(conn_or_engine.url.database or "seat")
    return role_prefix(conn_or_engine.engine.url.database or "seat")


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def is_postgres(bind: Connection | Engine) -> bool:
    return bind.dialect.name == "postgresql"


# --- login roles -----------------------------------------------------------------------


def _scram(conn: Connection, role_name: str, password: str) -> str:
    """The SCRAM verifier of ``password``, computed by libpq: the plain password never
    reaches the server (nor its statement log)."""
    raw = conn.connection.driver_connection
    verifier = raw.pgconn.encrypt_password(
        password.encode("utf-8"), role_name.encode("utf-8"), b"scram-sha-256"
    )
    return verifier.decode("ascii")


def _set_password(conn: Connection, name: str, password: str, options: str = "") -> None:
    """ALTER ROLE name [options] PASSWORD '<SCRAM verifier>', quoted by psycopg."""
    from psycopg import sql

    verifier = _scram(conn, name, password)
    statement = sql.SQL("ALTER ROLE {} " + options + " PASSWORD {}").format(
        sql.Identifier(name), sql.Literal(verifier)
    )
    with conn.connection.driver_connection.cursor() as cur:
        cur.execute(statement)


def create_login_role(conn: Connection, work_no: str, role: Role | str, password: str) -> str:
    """Create (or refresh) the login role of a user, member of its group role only."""
    prefix = prefix_of(conn)
    name = login_role(prefix, work_no)
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    if not exists:
        conn.execute(text(f"CREATE ROLE {_q(name)} LOGIN NOINHERIT"))
    _set_password(conn, name, password, "LOGIN INHERIT")
    for other in GROUP_ROLES:
        if Role(other) is not Role(role):
            _revoke_membership(conn, group_role(prefix, other), name)
    conn.execute(text(f"GRANT {_q(group_role(prefix, role))} TO {_q(name)}"))
    return name


def _revoke_membership(conn: Connection, group: str, member: str) -> None:
    member_of = conn.execute(
        text(
            "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = :g AND u.rolname = :u"
        ),
        {"g": group, "u": member},
    ).first()
    if member_of:
        conn.execute(text(f"REVOKE {_q(group)} FROM {_q(member)}"))


def set_login_password(conn: Connection, work_no: str, password: str) -> None:
    name = login_role(prefix_of(conn), work_no)
    _set_password(conn, name, password)


def disable_login(conn: Connection, work_no: str) -> None:
    """The user can no longer connect; open sessions of the user are ended."""
    name = login_role(prefix_of(conn), work_no)
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
        conn.execute(text(f"ALTER ROLE {_q(name)} NOLOGIN"))
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :n"),
            {"n": name},
        )


def grant_gate(engine: Engine, login: str) -> str:
    """Make ``login`` (the seats' service account, the user of their ``central_url``) a
    member of the gate group, so seats can keep the sign-in guard; returns the group."""
    with engine.begin() as conn:
        gate = gate_role(prefix_of(conn))
        if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                            {"n": login}).first():
            raise LookupError(login)
        conn.execute(text(f"GRANT {_q(gate)} TO {_q(login)}"))
    return gate


def seat_roles(conn: Connection) -> list[str]:
    """Every role of this database's prefix (groups and logins)."""
    prefix = prefix_of(conn)
    rows = conn.execute(
        text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p ORDER BY rolname"),
        {"p": prefix.replace("_", r"\_") + r"\_%"},
    )
    names = [r[0] for r in rows]
    groups = {group_role(prefix, g) for g in GROUP_ROLES} | {gate_role(prefix)}
    return [n for n in names if n in groups or n.startswith(prefix + "_u_")]


def drop_pg_roles(engine: Engine) -> list[str]:
    """Drop every role of this database's prefix (logins first). For tests and teardown."""
    with engine.begin() as conn:
        names = seat_roles(conn)
        prefix = prefix_of(conn)
        logins = [n for n in names if n.startswith(prefix + "_u_")]
        groups = [n for n in names if n not in logins]
        for name in logins:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :n"),
                {"n": name},
            )
        for name in logins + groups:
            conn.execute(text(f"DROP OWNED BY {_q(name)}"))
            conn.execute(text(f"DROP ROLE {_q(name)}"))
    return names


# --- apply -----------------------------------------------------------------------------


def apply_pg_security(engine: Engine) -> dict[str, object]:
    """Create group roles, GRANTs, functions and row-level security policies. Idempotent."""
    if not is_postgres(engine):
        return {"applied": False, "reason": "not PostgreSQL: rules are checked in services"}
    with engine.begin() as conn:
        prefix = prefix_of(conn)
        groups = {role: group_role(prefix, role) for role in GROUP_ROLES}
        for name in groups.values():
            if not conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
            ).first():
                conn.execute(text(f"CREATE ROLE {_q(name)} NOLOGIN"))
        gate = gate_role(prefix)
        if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": gate}).first():
            conn.execute(text(f"CREATE ROLE {_q(gate)} NOLOGIN"))
        tables = set(inspect(conn).get_table_names())
        all_groups = ", ".join(_q(g) for g in groups.values())
        conn.execute(text("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {all_groups}"))
        conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {all_groups}"))
        granted = 0
        table_grants = all_table_grants()
        for table in sorted(tables):
            rules = table_grants.get(table)
            if table == "users":
                continue
            if rules is None:
                rules = DEFAULT_GRANTS
            for role, privileges in rules.items():
                if privileges:
                    conn.execute(
                        text(f"GRANT {', '.join(privileges)} ON {_q(table)} TO {_q(groups[role])}")
                    )
                    granted += 1
        if "users" in tables:
            readable = [
                c["name"] for c in inspect(conn).get_columns("users")
                if c["name"] not in USER_SECRET_COLUMNS
            ]
            cols = ", ".join(_q(c) for c in readable)
            conn.execute(text(f"GRANT SELECT ({cols}) ON users TO {all_groups}"))
        conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {_q(gate)}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {_q(gate)}"))
        for table, privileges in GATE_GRANTS.items():
            if table in tables:
                conn.execute(text(f"GRANT {', '.join(privileges)} ON {_q(table)} TO {_q(gate)}"))
                granted += 1
        conn.execute(
            text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {all_groups}, "
                 f"{_q(gate)}")
        )
        conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
        _functions(conn, groups)
        policies = 0
        for table, statements in _all_policies(groups).items():
            if table not in tables:
                continue
            conn.execute(text(f"ALTER TABLE {_q(table)} ENABLE ROW LEVEL SECURITY"))
            existing = conn.execute(
                text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table}
            ).scalars()
            for name in list(existing):
                conn.execute(text(f"DROP POLICY {_q(name)} ON {_q(table)}"))
            for statement in statements:
                conn.execute(text(statement))
                policies += 1
        if "audit_log" in tables:
            conn.execute(text("ALTER TABLE audit_log ALTER COLUMN db_user SET DEFAULT session_user"))
    return {"applied": True, "prefix": prefix, "grants": granted, "policies": policies}


def _functions(conn: Connection, groups: dict[Role, str]) -> None:
    all_groups = ", ".join(_q(g) for g in groups.values())
    for body in (
        """CREATE OR REPLACE FUNCTION seat_my_work_no() RETURNS text
           LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
           $$ SELECT work_number FROM users WHERE db_role = session_user AND active $$""",
        """CREATE OR REPLACE FUNCTION seat_my_unit() RETURNS text
           LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
           $$ SELECT unit FROM users WHERE db_role = session_user AND active AND unit <> '' $$""",
        """CREATE OR REPLACE FUNCTION seat_own_password_hash() RETURNS text
           LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
           $$ SELECT password_hash FROM users WHERE db_role = session_user $$""",
    ):
        conn.execute(text(body))
    for fn in ("seat_my_work_no()", "seat_my_unit()", "seat_own_password_hash()"):
        conn.execute(text(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {fn} TO {all_groups}"))


def _policies(groups: dict[Role, str]) -> dict[str, list[str]]:
    g = {role: _q(name) for role, name in groups.items()}
    gate = _q(groups[Role.ADMIN].removesuffix("_" + Role.ADMIN.value) + "_gate")
    staff = ", ".join(g[r] for r in (Role.AGENT, Role.LEAD, Role.TRAINER, Role.ADMIN, Role.INSPECTOR))
    everyone = ", ".join(g.values())
    return {
        "cases": [
            f"CREATE POLICY staff_read ON cases FOR SELECT TO {staff} USING (true)",
            f"CREATE POLICY unit_read ON cases FOR SELECT TO {g[Role.UNIT]} "
            "USING (handling_unit = seat_my_unit())",
            f"CREATE POLICY staff_insert ON cases FOR INSERT TO {g[Role.AGENT]}, {g[Role.LEAD]}, "
            f"{g[Role.ADMIN]} WITH CHECK (true)",
            f"CREATE POLICY agent_update ON cases FOR UPDATE TO {g[Role.AGENT]} "
            f"USING ({CASE_OPEN_SQL} OR {CASE_RECORDER_SQL} = seat_my_work_no()) "
            "WITH CHECK (true)",
            f"CREATE POLICY lead_update ON cases FOR UPDATE TO {g[Role.LEAD]}, {g[Role.ADMIN]} "
            "USING (true) WITH CHECK (true)",
            f"CREATE POLICY unit_update ON cases FOR UPDATE TO {g[Role.UNIT]} "
            "USING (handling_unit = seat_my_unit()) "
            "WITH CHECK (handling_unit = seat_my_unit())",
        ],
        "case_events": [
            f"CREATE POLICY staff_read ON case_events FOR SELECT TO {staff} USING (true)",
            f"CREATE POLICY staff_insert ON case_events FOR INSERT TO {g[Role.AGENT]}, "
            f"{g[Role.LEAD]}, {g[Role.ADMIN]} WITH CHECK (true)",
            f"CREATE POLICY unit_read ON case_events FOR SELECT TO {g[Role.UNIT]} "
            "USING (case_id IN (SELECT id FROM cases))",
            f"CREATE POLICY unit_insert ON case_events FOR INSERT TO {g[Role.UNIT]} "
            "WITH CHECK (case_id IN (SELECT id FROM cases))",
        ],
        "case_dispatch": [
            f"CREATE POLICY staff_read ON case_dispatch FOR SELECT TO {g[Role.AGENT]}, "
            f"{g[Role.LEAD]}, {g[Role.ADMIN]} USING (true)",
            f"CREATE POLICY center_insert ON case_dispatch FOR INSERT TO {g[Role.LEAD]}, "
            f"{g[Role.ADMIN]} WITH CHECK (true)",
            f"CREATE POLICY center_update ON case_dispatch FOR UPDATE TO {g[Role.LEAD]}, "
            f"{g[Role.ADMIN]} USING (true) WITH CHECK (true)",
            # agents make callback calls (a reviewed case: survey, close or reopen) and
            # close their own new case as a duplicate; nothing else of the flow
            f"CREATE POLICY agent_update ON case_dispatch FOR UPDATE TO {g[Role.AGENT]} "
            f"USING ({AGENT_DISPATCH_USING}) WITH CHECK ({AGENT_DISPATCH_CHECK})",
            f"CREATE POLICY agent_insert ON case_dispatch FOR INSERT TO {g[Role.AGENT]} "
            f"WITH CHECK ({AGENT_OWN_NEW_SQL})",
            f"CREATE POLICY unit_read ON case_dispatch FOR SELECT TO {g[Role.UNIT]} "
            f"USING ({UNIT_CODE_SQL})",
            f"CREATE POLICY unit_update ON case_dispatch FOR UPDATE TO {g[Role.UNIT]} "
            f"USING ({UNIT_CODE_SQL}) WITH CHECK ({UNIT_CODE_SQL})",
        ],
        "supervisions": [
            f"CREATE POLICY staff_read ON supervisions FOR SELECT TO {g[Role.AGENT]}, "
            f"{g[Role.LEAD]}, {g[Role.ADMIN]} USING (true)",
            f"CREATE POLICY staff_insert ON supervisions FOR INSERT TO {g[Role.AGENT]}, "
            f"{g[Role.LEAD]}, {g[Role.ADMIN]} WITH CHECK (true)",
            f"CREATE POLICY unit_read ON supervisions FOR SELECT TO {g[Role.UNIT]} "
            "USING (case_id IN (SELECT id FROM cases))",
        ],
        "audit_log": [
            f"CREATE POLICY append ON audit_log FOR INSERT TO {everyone}, {gate} "
            "WITH CHECK (db_user = session_user)",
            f"CREATE POLICY read ON audit_log FOR SELECT TO {g[Role.LEAD]}, {g[Role.ADMIN]} "
            "USING (true)",
        ],
    }


CASE_OPEN_SQL = "status IN ({})".format(", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES)))
CASE_RECORDER_SQL = "agent"
"""How the policies tell an open case (its status) and who recorded it (``cases.agent``)."""
UNIT_CODE_SQL = (
    "unit_code IN (SELECT code FROM units WHERE name = seat_my_unit() AND NOT deleted)"
)
"""A ``case_dispatch`` row of the signed-in unit user's unit (``users.unit`` is the name)."""
_OWN_CASE_SQL = "case_id IN (SELECT id FROM cases WHERE agent = seat_my_work_no())"
AGENT_OWN_NEW_SQL = f"(status IN ('待派', '办结') AND {_OWN_CASE_SQL})"
"""The agent's own case before any dispatch, or closed as a duplicate (并案)."""
AGENT_DISPATCH_USING = f"(status = '已审核' OR (status = '待派' AND {_OWN_CASE_SQL}))"
AGENT_DISPATCH_CHECK = f"(status IN ('已审核', '已回访', '办结', '已派') OR {AGENT_OWN_NEW_SQL})"
"""Callback due (已审核) -> surveyed, closed, or reopened to its unit (已派)."""


def grants_summary(tables: Iterable[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    return {
        t: {r.value: p for r, p in all_table_grants().get(t, DEFAULT_GRANTS).items()} for t in tables
    }


def ensure_applied(engine: Engine) -> None:
    """Apply the security setup if this database's group roles do not exist yet."""
    if not is_postgres(engine):
        return
    with engine.connect() as conn:
        name = group_role(prefix_of(conn), Role.ADMIN)
        present = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
        ).first()
        has_fn = conn.execute(
            text("SELECT 1 FROM pg_proc WHERE proname = 'seat_own_password_hash'")
        ).first()
        has_gate = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": gate_role(prefix_of(conn))}
        ).first()
    if not (present and has_fn and has_gate):
        apply_pg_security(engine)
