"""PostgreSQL GRANTs and row-level security of the after-call tables (case_dispatch,
supervisions, callback_surveys), tried as each role's own login: a unit signs and replies
only to its own dispatched case, an agent records a callback survey but cannot change the
dispatch flow, a lead runs the center's side, a trainer gets nothing. Allowed operations
are tried as controls; the denials are counted and printed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from seat_app.domain.dispatch import DispatchRuleError, DispatchStatus
from seat_app.domain.roles import Role
from seat_app.domain.supervision import SupervisionLevel
from seat_app.services.dispatch.service import DispatchService
from seat_app.services.security import pg_roles as pg_security

pytestmark = [pytest.mark.security, pytest.mark.pg]

S = DispatchStatus
AFTER_CALL_TABLES = ("case_dispatch", "supervisions", "callback_surveys")
REPLY = {
    "truth": "属实", "resolution": "已解决",
    "reason": "经现场核查，主管道阀门故障，已更换阀门并恢复供水。",
    "public_reply": "您反映的停水问题已处理，现已恢复供水，感谢您的监督。",
}


def _denied(engine, attempt: Callable, owner, check: str | None = None) -> bool:
    """True when the database refused ``attempt`` (42501) or RLS hid the rows from it (it
    touched nothing and, with ``check``, the owner sees the row unchanged)."""
    try:
        with engine.begin() as conn:
            touched = attempt(conn)
    except DBAPIError as exc:
        return getattr(exc.orig, "sqlstate", None) == "42501"
    except DispatchRuleError as exc:  # RLS hid the case, or the step, from this login
        return exc.code in ("no_case", "not_permitted")
    if touched:
        return False
    if check:
        with owner.connect() as conn:
            return conn.execute(text(check)).scalar() == 1
    return True


def _sql(statement: str) -> Callable:
    def run(conn) -> int:
        result = conn.execute(text(statement))
        return len(result.all()) if result.returns_rows else result.rowcount

    return run


def _service_call(fn: Callable[[], object]) -> Callable:
    """A service call (its own connection): touched = rows it returned, else 1."""

    def run(_conn) -> int:
        result = fn()
        return len(result) if isinstance(result, list) else 1

    return run


@pytest.fixture
def flow(pg_world):
    """Two units; open_water dispatched to 市水务局 (the unit user's), open_power to
    市供电公司; both by the owner."""
    from sqlalchemy.orm import Session

    from seat_app.services.store.models import Unit

    w = pg_world
    with Session(w.engine) as s, s.begin():
        s.add(Unit(code="U-POWER", name="市供电公司"))
    with w.engine.begin() as conn:  # a matter of the taxonomy, so the flow can dispatch it
        conn.execute(text("UPDATE cases SET matter = '停水' WHERE id IN (:a, :b)"),
                     {"a": w.cases["open_water"], "b": w.cases["open_power"]})
    owner = DispatchService(w.engine)
    owner.dispatch(w.cases["open_water"], w.unit_code, actor="6001")
    owner.dispatch(w.cases["open_power"], "U-POWER", actor="6001")
    return w, owner


def _report(capsys, role: str, login: str, denied: list[str], attempts: list[str],
            controls: int) -> None:
    with capsys.disabled():
        print(f"\n[pg] {role}: {len(denied)}/{len(attempts)} forbidden operations on the "
              f"dispatch tables denied as login {login} ({controls} allowed ones worked)", end="")


def test_unit_signs_and_replies_only_its_own_case(flow, capsys):
    w, owner = flow
    water, power = w.cases["open_water"], w.cases["open_power"]
    session = w.sign_in(Role.UNIT)
    unit = DispatchService(session.engine)
    # controls: its own case, through the service, as its own login
    assert [r["case_id"] for r in unit.unit_cases(w.unit_code)] == [water]
    assert unit.sign(water, actor="7001", unit_code=w.unit_code).status == S.SIGNED
    assert unit.reply(water, actor="7001", unit_code=w.unit_code, **REPLY).status == S.REPLIED
    assert owner.state(water).status == S.REPLIED
    assert [e["kind"] for e in owner.timeline(water)][-2:] == ["签收", "回复"]
    controls = 3
    attempts = {
        "see another unit's dispatch rows": _sql(
            f"SELECT * FROM case_dispatch WHERE case_id = '{power}'"),
        "list another unit's cases": _service_call(lambda: unit.unit_cases("U-POWER")),
        "sign another unit's case (client check skipped)": _service_call(
            lambda: unit.sign(power, actor="7001")),
        "reply to another unit's case (client check skipped)": _service_call(
            lambda: unit.reply(power, actor="7001", **REPLY)),
        "update another unit's dispatch row": _sql(
            f"UPDATE case_dispatch SET status = '已签收' WHERE case_id = '{power}'"),
        "move its case to another unit": _sql(
            f"UPDATE case_dispatch SET unit_code = 'U-POWER' WHERE case_id = '{water}'"),
        "insert a dispatch row": _sql(
            "INSERT INTO case_dispatch (id, revision, change_seq, changed_by, changed_at, "
            "deleted, case_id, matter, status, extensions_granted, unit_return_count, "
            "reply_return_count, reopen_count, callback_attempts, caller_consents, "
            "review_approved) VALUES ('x', 1, 1, 'u', now(), false, 'x', '', '已派', "
            "0, 0, 0, 0, 0, true, false)"),
        "delete dispatch rows": _sql("DELETE FROM case_dispatch"),
        "record a callback survey": _sql(
            f"INSERT INTO callback_surveys (case_id, surveyed_at, completed, result, agent) "
            f"VALUES ('{water}', now(), true, '满意', '7001')"),
        "raise supervision": _sql(
            f"INSERT INTO supervisions (case_id, level, trigger, reason, raised_at, raised_by) "
            f"VALUES ('{power}', 1, 'manual', 'xxxx', now(), '7001')"),
    }
    checks = {
        "update another unit's dispatch row":
            f"SELECT count(*) FROM case_dispatch WHERE case_id = '{power}' AND status = '已派'",
        "sign another unit's case (client check skipped)":
            f"SELECT count(*) FROM case_dispatch WHERE case_id = '{power}' AND status = '已派'",
    }
    denied = [name for name, attempt in attempts.items()
              if _denied(session.engine, attempt, w.engine, checks.get(name))]
    _report(capsys, "unit", session.engine.url.username, denied, list(attempts), controls)
    assert denied == list(attempts), set(attempts) - set(denied)
    assert owner.state(power).status == S.DISPATCHED and owner.state(water).unit_code == w.unit_code


def test_agent_records_surveys_but_cannot_change_the_flow(flow, capsys):
    w, owner = flow
    water, power = w.cases["open_water"], w.cases["open_power"]
    session = w.sign_in(Role.AGENT)
    agent = DispatchService(session.engine)
    # controls: reading the flow, recording a callback survey and a supervision
    assert {r["case_id"] for r in agent.cases_in_status(S.DISPATCHED)} == {water, power}
    with session.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO callback_surveys (case_id, surveyed_at, completed, result, agent) "
            f"VALUES ('{water}', now(), false, '', '1001')"))
        assert conn.execute(text("SELECT count(*) FROM callback_surveys")).scalar() == 1
    with session.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO supervisions (case_id, level, trigger, reason, raised_at, raised_by) "
            f"VALUES ('{power}', 1, 'manual', '来电人再次催办', now(), '1001')"))
    controls = 3
    attempts = {
        "update a dispatch row": _sql(f"UPDATE case_dispatch SET status = '已回复' "
                                      f"WHERE case_id = '{water}'"),
        "insert a dispatch row": _sql(
            "INSERT INTO case_dispatch (id, revision, change_seq, changed_by, changed_at, "
            "deleted, case_id, matter, status, extensions_granted, unit_return_count, "
            "reply_return_count, reopen_count, callback_attempts, caller_consents, "
            "review_approved) VALUES ('x', 1, 1, 'a', now(), false, 'x', '', '已派', "
            "0, 0, 0, 0, 0, true, false)"),
        "delete dispatch rows": _sql("DELETE FROM case_dispatch"),
        "sign for a unit through the service": _service_call(
            lambda: agent.sign(water, actor="1001")),
        "dispatch elsewhere through the service": _service_call(
            lambda: agent.dispatch(w.cases["open_water"], "U-POWER", actor="1001")),
        "change a callback survey": _sql("UPDATE callback_surveys SET result = '满意'"),
        "delete callback surveys": _sql("DELETE FROM callback_surveys"),
        "delete supervisions": _sql("DELETE FROM supervisions"),
    }
    denied = [name for name, attempt in attempts.items()
              if _denied(session.engine, attempt, w.engine)]
    _report(capsys, "agent", session.engine.url.username, denied, list(attempts), controls)
    assert denied == list(attempts), set(attempts) - set(denied)
    assert owner.state(water).status == S.DISPATCHED and owner.state(water).unit_code == w.unit_code


def test_lead_runs_the_center_side_and_trainer_gets_nothing(flow, capsys):
    w, owner = flow
    water, power = w.cases["open_water"], w.cases["open_power"]
    owner.sign(water, actor="7001", unit_code=w.unit_code)
    owner.reply(water, actor="7001", unit_code=w.unit_code, **REPLY)
    lead_session = w.sign_in(Role.LEAD)
    lead = DispatchService(lead_session.engine)
    # controls for the lead: review, supervise, callback with its survey, all as its login
    assert lead.approve_reply(water, actor="9001").status == S.REVIEWED
    assert lead.supervise(power, SupervisionLevel.ON_SITE, "超期未签收", actor="9001").level \
        == SupervisionLevel.ON_SITE
    assert lead.record_callback(water, "满意", actor="9001").status == S.CLOSED
    with w.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM callback_surveys")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM supervisions")).scalar() == 1

    session = w.sign_in(Role.TRAINER)
    trainer = DispatchService(session.engine)
    with session.engine.connect() as conn:  # control: trainers still read cases
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar() >= 4
    attempts = {
        f"read {t}": _sql(f"SELECT * FROM {t}") for t in AFTER_CALL_TABLES
    }
    attempts |= {
        "record a callback survey": _sql(
            f"INSERT INTO callback_surveys (case_id, surveyed_at, completed, result, agent) "
            f"VALUES ('{water}', now(), true, '满意', '8001')"),
        "raise supervision": _sql(
            f"INSERT INTO supervisions (case_id, level, trigger, reason, raised_at, raised_by) "
            f"VALUES ('{power}', 1, 'manual', 'xxxx', now(), '8001')"),
        "update a dispatch row": _sql("UPDATE case_dispatch SET status = '办结'"),
        "the review desk's lists": _service_call(lambda: trainer.cases_in_status(S.DISPATCHED)),
    }
    denied = [name for name, attempt in attempts.items()
              if _denied(session.engine, attempt, w.engine)]
    _report(capsys, "trainer", session.engine.url.username, denied, list(attempts), 1)
    assert denied == list(attempts), set(attempts) - set(denied)


def _grants(engine) -> list[tuple]:
    with engine.connect() as conn:
        grants = conn.execute(text(
            "SELECT table_name, grantee, privilege_type FROM information_schema.role_table_grants "
            "WHERE table_name = ANY(:t) AND grantee LIKE :p ORDER BY 1, 2, 3"),
            {"t": list(AFTER_CALL_TABLES), "p": pg_security.prefix_of(engine) + "\\_%"}).all()
        policies = conn.execute(text(
            "SELECT tablename, policyname, cmd FROM pg_policies WHERE tablename = ANY(:t) "
            "ORDER BY 1, 2"), {"t": list(AFTER_CALL_TABLES)}).all()
    return [tuple(r) for r in grants] + [tuple(r) for r in policies]


def test_apply_is_idempotent_for_the_after_call_tables(pg_world):
    prefix = pg_security.prefix_of(pg_world.engine)
    before = _grants(pg_world.engine)
    grants = {(t, g.removeprefix(prefix + "_"), p) for t, g, p in before if p.isupper()}
    assert {("case_dispatch", "unit", "SELECT"), ("case_dispatch", "unit", "UPDATE"),
            ("case_dispatch", "lead", "UPDATE"), ("callback_surveys", "agent", "INSERT"),
            ("supervisions", "agent", "INSERT"), ("supervisions", "lead", "INSERT")} <= grants
    assert ("case_dispatch", "agent", "UPDATE") in grants  # callbacks; narrowed by RLS
    assert not [g for g in grants if g[1] == "trainer"]
    assert not [g for g in grants if g[1] == "unit" and g[0] == "callback_surveys"]
    assert {name for t, name, _cmd in before if t == "case_dispatch"} >= {
        "staff_read", "center_insert", "center_update", "unit_read", "unit_update",
        "agent_update", "agent_insert"}
    assert pg_security.apply_pg_security(pg_world.engine)["applied"] is True
    assert _grants(pg_world.engine) == before


def test_agent_makes_callback_calls_and_links_its_own_duplicate(flow, capsys):
    """What an agent's login may do to the flow: a callback on a reviewed case (survey and
    close, or reopen), and closing its own new case as a duplicate; and what it may not:
    push a reviewed case anywhere else, or touch another agent's new case."""
    from seat_app.services.dispatch.service import record_central_case

    w, owner = flow
    water, power = w.cases["open_water"], w.cases["open_power"]
    for case in (water, power):
        owner.sign(case, actor="7001")
        owner.reply(case, actor="7001", **REPLY)
        owner.approve_reply(case, actor="9001")
    session = w.sign_in(Role.AGENT)
    agent = DispatchService(session.engine)
    new_case = {"channel": "电话", "caller_name": "孙女士", "caller_phone": "13835900077",
                "caller_area": "盐湖区", "caller_address": "盐湖区解放路1号", "matter": "停水",
                "description": "又停水了，和上次一样。"}
    own = record_central_case(w.engine, {**new_case, "agent": "1001"}, actor="1001")
    other = record_central_case(w.engine, {**new_case, "agent": "1002"}, actor="1002")
    # controls, through the service as the agent's own login
    assert agent.record_callback(water, "满意", actor="1001").status == S.CLOSED
    assert agent.link_duplicate(own, water, actor="1001").status == S.CLOSED
    controls = 2
    attempts = {
        "move a reviewed case back to the unit's reply": _sql(
            f"UPDATE case_dispatch SET status = '已回复' WHERE case_id = '{power}'"),
        "hand a reviewed case to another unit as closed-by-unit": _sql(
            f"UPDATE case_dispatch SET status = '已签收' WHERE case_id = '{power}'"),
        "close another agent's new case as a duplicate": _service_call(
            lambda: agent.link_duplicate(other, water, actor="1001")),
        "change a closed case's flow": _sql(
            f"UPDATE case_dispatch SET status = '已审核' WHERE case_id = '{water}'"),
    }
    checks = {
        "change a closed case's flow":
            f"SELECT count(*) FROM case_dispatch WHERE case_id = '{water}' AND status = '办结'",
    }
    denied = [name for name, attempt in attempts.items()
              if _denied(session.engine, attempt, w.engine, checks.get(name))]
    _report(capsys, "agent (callbacks)", session.engine.url.username, denied, list(attempts),
            controls)
    assert denied == list(attempts), set(attempts) - set(denied)
    assert owner.state(power).status == S.REVIEWED
    assert owner.state(other) is None  # never entered the flow
    with w.engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM cases WHERE id = :i"),
                            {"i": other}).scalar() != "已办结"
