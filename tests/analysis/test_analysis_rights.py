"""Rights on PostgreSQL, as each role's own login: only leads and admins import case
history (the service refuses others, and the grants of ``case_imports`` refuse them even
when the check is skipped); leads and admins read and act on alerts, agents get nothing."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, profiles
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from seat_app.domain.roles import Role
from seat_app.services.analysis.case_import import ImportRefused, import_cases
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.security import auth
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.store.engine import make_engine, upgrade
from tests.analysis.helpers import good_row, write_csv

pytestmark = [pytest.mark.analysis, pytest.mark.security, pytest.mark.pg]

USERS = {Role.AGENT: "1001", Role.LEAD: "2001", Role.ADMIN: "9001", Role.UNIT: "4001",
         Role.INSPECTOR: "5001"}


def _pw(work_no: str) -> str:
    return f"Pw-{work_no}-analysis-9%"


@pytest.fixture
def world(pg_migrated_url):
    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    owner = make_engine(pg_migrated_url)
    upgrade(owner)
    assert import_grid(owner, demo_grid_path()).ok
    pg_security.apply_pg_security(owner)
    for role, work_no in USERS.items():
        auth.add_user(owner, work_no, f"用户{work_no}", role, _pw(work_no),
                      unit="运城市城市管理局" if role == Role.UNIT else "")
    sessions = {}
    try:
        for role, work_no in USERS.items():
            sessions[role] = auth.sign_in(pg_migrated_url, work_no, _pw(work_no))
        yield owner, sessions
    finally:
        for s in sessions.values():
            s.engine.dispose()
        pg_security.drop_pg_roles(owner)
        owner.dispose()
        auth.use_hasher(previous)


def _cases(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM cases")).scalar_one()


def test_only_leads_and_admins_import(world, tmp_path):
    owner, sessions = world
    for role in (Role.AGENT, Role.UNIT, Role.INSPECTOR):
        path = write_csv(tmp_path / f"{role.value}.csv", [good_row(i) for i in range(3)])
        with pytest.raises(ImportRefused):
            import_cases(sessions[role].engine, path)
    assert _cases(owner) == 0
    lead_file = write_csv(tmp_path / "lead.csv", [good_row(i) for i in range(3)])
    assert import_cases(sessions[Role.LEAD].engine, lead_file).added == 3
    admin_file = write_csv(tmp_path / "admin.csv", [good_row(i) for i in range(3, 5)])
    assert import_cases(sessions[Role.ADMIN].engine, admin_file).added == 2
    assert _cases(owner) == 5
    with owner.connect() as conn:
        who = conn.execute(text("SELECT imported_by FROM case_imports ORDER BY imported_at")
                           ).scalars().all()
    assert who == ["2001", "9001"]
    # the detectors run centrally as a lead (or admin) login; an agent's login cannot
    from datetime import date

    from seat_app.services.analysis.central import run_analysis

    runs = run_analysis(sessions[Role.LEAD].engine, since=date(2024, 3, 1))
    assert runs and runs[0].kind == "daily"
    with pytest.raises(DBAPIError) as info:
        run_analysis(sessions[Role.AGENT].engine, since=date(2024, 3, 1))
    assert getattr(info.value.orig, "sqlstate", None) == "42501"


def test_the_database_refuses_an_agents_import_record(world):
    """Even a modified client that skips the role check cannot record an import as an
    agent, and so its transaction (the cases with it) fails."""
    _owner, sessions = world
    with pytest.raises(DBAPIError) as info, sessions[Role.AGENT].engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO case_imports (id, file_name, sha256, rows, added, already, "
            "imported_by, imported_at) VALUES ('x', 'f', 's', 1, 1, 0, '1001', now())"))
    assert getattr(info.value.orig, "sqlstate", None) == "42501"


TABLES = ("analysis_alerts", "analysis_alert_cases", "analysis_alert_actions",
          "analysis_topics", "analysis_runs", "case_imports")


def test_alert_tables_leads_read_agents_nothing(world):
    _owner, sessions = world
    denied = 0
    for table in TABLES:
        for role in (Role.LEAD, Role.ADMIN):
            with sessions[role].engine.connect() as conn:
                conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        for role in (Role.AGENT, Role.UNIT, Role.INSPECTOR):
            with pytest.raises(DBAPIError) as info, sessions[role].engine.connect() as conn:
                conn.execute(text(f"SELECT count(*) FROM {table}"))
            assert getattr(info.value.orig, "sqlstate", None) == "42501", (role, table)
            denied += 1
    assert denied == len(TABLES) * 3
