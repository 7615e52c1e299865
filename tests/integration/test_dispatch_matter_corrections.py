"""A lead or unit corrects a case's matter in the dispatch flow: the case takes the matter
(its domain and subcategory too) and the correction is recorded for the intake model in the
same transaction; seat cases are sent past a unit that keeps returning their kind."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from seat_app.domain.dispatch import DispatchRuleError, DispatchStatus
from seat_app.domain.taxonomy import matter_by_name
from seat_app.services.dispatch.service import CHINA, DispatchService, record_central_case
from seat_app.services.store.models_dispatch import CASES

pytestmark = pytest.mark.intake

LAMP = "路灯不亮"
T0 = datetime(2025, 9, 30, 10, 0, tzinfo=CHINA)


def _case(engine, matter=LAMP, description="小区门口路灯连续三晚不亮，行人看不清路。", **extra):
    return record_central_case(
        engine,
        {"channel": "电话", "caller_name": "张先生", "caller_phone": "13835900001",
         "caller_area": "盐湖区", "caller_address": "盐湖区解放北路88号", "matter": matter,
         "description": description, "accepted_at": T0 - timedelta(hours=1), **extra},
        actor="1001",
    )


def _row(engine, case_id):
    with engine.connect() as conn:
        return conn.execute(select(CASES).where(CASES.c.id == case_id)).mappings().one()


def _corrections(engine):
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(
            "SELECT case_id, from_matter, to_matter, stage, work_no, unit FROM intake_corrections"
            " ORDER BY at")).mappings()]


def test_a_redispatch_with_the_right_matter_changes_the_case_and_is_recorded(engine):
    svc = DispatchService(engine)
    case_id = _case(engine)
    svc.dispatch(case_id, "YHQ-CG", actor="2001", at=T0)
    svc.unit_return(case_id, "小区内路灯属物业管理范围", actor="u-cg", unit_code="YHQ-CG",
                    at=T0 + timedelta(days=1))
    with pytest.raises(DispatchRuleError) as err:  # an unknown matter: refused, nothing written
        svc.dispatch(case_id, "YHQ-ZJ", actor="2001", at=T0 + timedelta(days=1), matter="路灯坏了")
    assert err.value.code == "unknown_matter" and err.value.en
    assert svc.state(case_id).status == DispatchStatus.UNIT_RETURNED and _corrections(engine) == []

    state = svc.dispatch(case_id, "YHQ-ZJ", actor="2001", at=T0 + timedelta(days=1),
                         matter="物业服务质量")
    assert state.status == DispatchStatus.DISPATCHED and state.matter == "物业服务质量"
    row = _row(engine, case_id)
    m = matter_by_name("物业服务质量")
    assert (row["matter"], row["domain"], row["subcategory"]) == (m.name, m.domain, m.subcategory)
    assert [(c["from_matter"], c["to_matter"], c["stage"], c["work_no"]) for c in _corrections(engine)] \
        == [(LAMP, "物业服务质量", "redispatch", "2001")]
    assert _corrections(engine)[0]["unit"]  # the unit that returned it (or the new one)


def test_a_lead_approves_a_pre_review_with_another_matter(sqlite_engine):
    svc = DispatchService(sqlite_engine)
    case_id = _case(sqlite_engine, "工作人员作风", description="办事窗口工作人员态度恶劣，推诿不办。")
    svc.send(case_id, "YHQ-XZSP", actor="1001", at=T0)
    state = svc.approve_pre_review(case_id, actor="2001", at=T0, matter="占道经营")
    assert state.status == DispatchStatus.DISPATCHED
    assert _row(sqlite_engine, case_id)["matter"] == "占道经营"
    assert [(c["stage"], c["to_matter"]) for c in _corrections(sqlite_engine)] == [
        ("pre_review", "占道经营")]
    # a step without a matter changes nothing of it
    other = _case(sqlite_engine)
    svc.dispatch(other, "YHQ-CG", actor="2001", at=T0)
    assert _row(sqlite_engine, other)["matter"] == LAMP and len(_corrections(sqlite_engine)) == 1


def test_seat_cases_skip_a_unit_that_keeps_returning_their_kind(sqlite_engine):
    svc = DispatchService(sqlite_engine)
    first = None
    for day in range(3):  # the grid's first unit returned three lamp cases, finished none
        case_id = _case(sqlite_engine)
        first = first or svc.suggest_units(case_id)[0].unit.code
        svc.dispatch(case_id, first, actor="2001", at=T0)
        svc.unit_return(case_id, "不属于本单位职责范围", actor="u", unit_code=first,
                        at=T0 + timedelta(days=day + 1))
    seat_case = _case(sqlite_engine, handling="转派")
    out = svc.dispatch_seat_cases(actor="2001", at=T0 + timedelta(days=5))
    state = svc.state(seat_case)
    # never sent back to the unit that keeps returning lamp cases: to the grid's next unit,
    # or (here the grid has no other) left on the desk saying why
    if state is not None:
        assert state.unit_code not in ("", first), out
    else:
        [(left, zh, en)] = out["left"]
        assert left == seat_case and "多次退回" in zh and "keep returning" in en
