"""PostgreSQL rights on the intake tables, tried as each role's own login: agents read the
published models and record what they were shown but cannot publish, read corrections or
rewrite history; units record corrections (a return with another matter) but read nothing
back; leads publish and read; nobody deletes or rewrites a correction."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from seat_app.domain.roles import Role
from seat_app.services.intake import central as ic
from seat_app.services.intake import train
from seat_app.services.security import pg_roles
from seat_app.services.store.engine import make_engine

pytestmark = [pytest.mark.intake, pytest.mark.security, pytest.mark.pg]

PASSWORD = "Intake-Grants-7q2x"
CORRECTION = ("INSERT INTO intake_corrections (id, case_id, case_number, from_matter, to_matter, "
              "stage, work_no, unit, at) VALUES ('{id}', 'c1', 'N1', '工业噪声', '工业废气', "
              "'return', '4001', '', now())")
SHOWN = ("INSERT INTO intake_suggestions (id, case_id, matters, model_version, work_no, at) "
         "VALUES ('{id}', 'c1', '[\"工业废气\"]', 1, '1001', now())")


@pytest.fixture
def logins(pg_migrated_url):
    owner = make_engine(pg_migrated_url)
    pg_roles.apply_pg_security(owner)
    model, _ = train([("烟囱冒黑烟", "工业废气"), ("机器轰鸣", "工业噪声")] * 3, kb=False,
                     min_cases=1)
    ic.publish_model(owner, model, by="9001")
    engines = {}
    with owner.begin() as conn:
        for role, work_no in ((Role.AGENT, "7101"), (Role.UNIT, "7401"), (Role.LEAD, "7201")):
            name = pg_roles.create_login_role(conn, work_no, role, PASSWORD)
            url = make_url(pg_migrated_url).set(username=name, password=PASSWORD)
            engines[role] = make_engine(url.render_as_string(hide_password=False))
    yield owner, engines
    for e in engines.values():
        e.dispose()
    pg_roles.drop_pg_roles(owner)
    owner.dispose()


def _allowed(engine, sql: str) -> bool:
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
        return True
    except DBAPIError as exc:
        assert getattr(exc.orig, "sqlstate", None) == "42501", exc
        return False


def test_intake_rights_per_role(logins, capsys):
    owner, e = logins
    agent, unit, lead = e[Role.AGENT], e[Role.UNIT], e[Role.LEAD]
    # controls: what each role must be able to do
    assert ic.latest_version(agent) == 1  # the sync loop as the agent fetches the model
    assert _allowed(agent, SHOWN.format(id="s1"))
    assert _allowed(unit, CORRECTION.format(id="c-unit"))
    assert _allowed(lead, CORRECTION.format(id="c-lead"))
    assert len(ic.corrections(lead)) == 2
    model, _ = train([("烟囱冒黑烟", "工业废气"), ("机器轰鸣", "工业噪声")] * 3, kb=False,
                     min_cases=1)
    assert ic.publish_model(lead, model, by="7201") == 2
    forbidden = {
        "agent publishes a model": (agent, "INSERT INTO intake_models (version, sha256, size, "
                                           "payload, meta, published_by, published_at, active) "
                                           "VALUES (9, 'x', 1, 'x', '{}', '7101', now(), true)"),
        "agent retires a model": (agent, "UPDATE intake_models SET active = false"),
        "agent reads corrections": (agent, "SELECT * FROM intake_corrections"),
        "agent records a correction": (agent, CORRECTION.format(id="c-agent")),
        "unit reads corrections": (unit, "SELECT * FROM intake_corrections"),
        "unit publishes a model": (unit, "UPDATE intake_models SET active = true"),
        "unit reads what agents were shown": (unit, "SELECT * FROM intake_suggestions"),
        "lead rewrites a correction": (lead, "UPDATE intake_corrections SET to_matter = '停水'"),
        "lead deletes corrections": (lead, "DELETE FROM intake_corrections"),
        "lead deletes a model": (lead, "DELETE FROM intake_models"),
        "agent rewrites what it was shown": (agent, "UPDATE intake_suggestions SET matters = '[]'"),
    }
    denied = [name for name, (engine, sql) in forbidden.items() if not _allowed(engine, sql)]
    with capsys.disabled():
        print(f"\n[pg] intake tables: {len(denied)}/{len(forbidden)} forbidden operations "
              "denied as the roles' own logins (6 allowed ones worked)", end="")
    assert sorted(denied) == sorted(forbidden)
    with owner.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM intake_corrections")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM intake_models")).scalar() == 2
