"""Dispatch service on a real central database (SQLite file and PostgreSQL): every status
transition legal and illegal, deadlines across holidays, unit replies and returns,
pre-review, extensions, the timeline, and the rows the reports count."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from seat_app.domain.dispatch import TRANSITIONS, DispatchAction, DispatchRuleError, DispatchStatus
from seat_app.services.dispatch.service import (
    CHINA,
    DispatchService,
    record_central_case,
)
from seat_app.services.store.models_dispatch import CASES

S, A = DispatchStatus, DispatchAction
LAMP = "路灯不亮"  # 5 working days, 城管
T0 = datetime(2025, 9, 30, 10, 0, tzinfo=CHINA)  # the day before the National Day week


def _case(engine, matter=LAMP, *, phone="13835900001", address="盐湖区解放北路88号",
          at=T0 - timedelta(hours=1), description="小区门口路灯连续三晚不亮，行人看不清路。"):
    return record_central_case(
        engine,
        {"channel": "电话", "caller_name": "张先生", "caller_phone": phone, "caller_area": "盐湖区",
         "caller_address": address, "matter": matter, "description": description,
         "accepted_at": at},
        actor="1001",
    )


def _counter(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT value FROM change_counter WHERE id = 1")).scalar_one()


def _case_row(engine, case_id):
    with engine.connect() as conn:
        return conn.execute(select(CASES).where(CASES.c.id == case_id)).mappings().one()


REPLY = dict(truth="属实", resolution="已解决", reason="已派维修班组更换灯泡和线路，现已恢复照明。",
             public_reply="您反映的路灯不亮问题已修复，感谢您对城市管理工作的支持。")


# ----------------------------------------------------------------------------- the happy path


def test_dispatch_deadline_across_national_day_week_persisted(engine):
    svc = DispatchService(engine)
    case_id = _case(engine)
    state = svc.dispatch(case_id, "YHQ-CG", actor="1001", at=T0)
    # 5 working days after 2025-09-30: Oct 9, 10, 11 (make-up Saturday), 13, 14
    assert state.deadline == date(2025, 10, 14)
    assert svc.state(case_id) == state
    row = _case_row(engine, case_id)
    assert row["status"] == "已转派"
    assert row["handling"] == "转派"
    assert row["handling_unit"] == "盐湖区城市管理局"
    assert row["deadline"] == date(2025, 10, 14)
    assert row["dispatched_at"] is not None and row["revision"] == 2
    # the case row and its new event carry the transaction's change number
    assert row["change_seq"] == _counter(engine)
    kinds = [e["kind"] for e in svc.timeline(case_id)]
    assert kinds == ["受理", "转派"]
    assert "时限：2025-10-14" in svc.timeline(case_id)[1]["note"]


def test_dispatch_deadline_across_spring_festival_2026(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    case_id = _case(engine, at=datetime(2026, 2, 13, 9, tzinfo=CHINA))
    state = svc.dispatch(case_id, "YHQ-CG", actor="1001", at=datetime(2026, 2, 13, 11, tzinfo=CHINA))
    # Feb 14 is a make-up Saturday; Feb 15-23 the holiday; then Feb 24, 25, 26, 27
    assert state.deadline == date(2026, 2, 27)


def test_dispatch_flow_to_closure_counts_in_reports(engine):
    from seat_app.services.reports.periodic import count_period, month_period

    svc = DispatchService(engine)
    case_id = _case(engine)
    svc.dispatch(case_id, "YHQ-CG", actor="1001", at=T0)
    svc.sign(case_id, actor="u-cg", unit_code="YHQ-CG", at=T0 + timedelta(days=9))
    svc.reply(case_id, **REPLY, actor="u-cg", unit_code="YHQ-CG", at=T0 + timedelta(days=10))
    svc.approve_reply(case_id, actor="2001", at=T0 + timedelta(days=11))
    state = svc.record_callback(case_id, "满意", actor="1002", at=T0 + timedelta(days=12))
    assert state.status == S.CLOSED and state.close_kind == "正常办结"
    row = _case_row(engine, case_id)
    assert row["status"] == "已办结"
    assert row["closed_at"] is not None
    assert row["reply_text"] == REPLY["public_reply"]
    assert [e["kind"] for e in svc.timeline(case_id)] == [
        "受理", "转派", "签收", "回复", "审核通过", "回访", "办结",
    ]
    with engine.connect() as conn:
        counts = count_period(conn, month_period(2025, 9))
    assert counts.dispatched == 1
    assert counts.dispatched_closed == 1
    assert counts.dispatched_closed_on_time == 1  # closed 2025-10-12 <= deadline 2025-10-14
    assert counts.callback_completed == 1 and counts.callback_satisfied == 1


# ----------------------------------------------------------------------------- every transition


def _drive(svc: DispatchService, engine, status: S, at: datetime) -> str:
    """A fresh case brought to ``status`` by legal steps."""
    case_id = _case(engine, phone=f"139{abs(hash((status, at))) % 10**8:08d}")
    path: dict[S, list] = {
        S.PENDING: [],
        S.PRE_REVIEW: [A.SUBMIT_FOR_REVIEW],
        S.DISPATCHED: [A.DISPATCH],
        S.SIGNED: [A.DISPATCH, A.SIGN],
        S.UNIT_RETURNED: [A.DISPATCH, A.UNIT_RETURN],
        S.REPLIED: [A.DISPATCH, A.SIGN, A.REPLY],
        S.REPLY_RETURNED: [A.DISPATCH, A.SIGN, A.REPLY, A.RETURN_REPLY],
        S.REVIEWED: [A.DISPATCH, A.SIGN, A.REPLY, A.APPROVE_REPLY],
        S.CALLED_BACK: [A.DISPATCH, A.SIGN, A.REPLY, A.APPROVE_REPLY, A.RECORD_CALLBACK],
        S.CLOSED: [A.DISPATCH, A.SIGN, A.REPLY, A.APPROVE_REPLY, A.RECORD_CALLBACK, A.CLOSE],
    }[status]
    for action in path:
        _act(svc, case_id, action, at, start=S.PENDING)
    assert (svc.state(case_id).status if svc.state(case_id) else S.PENDING) == status
    return case_id


def _act(svc: DispatchService, case_id: str, action: A, at: datetime, *, start: S):
    who = {"actor": "2001", "at": at}
    state = svc.state(case_id)
    current = state.status if state else S.PENDING
    match action:
        case A.DISPATCH:
            unit = "YHQ-ZJ" if current == S.UNIT_RETURNED else "YHQ-CG"
            return svc.dispatch(case_id, unit, **who)
        case A.SUBMIT_FOR_REVIEW:
            return svc.submit_for_review(case_id, "YHQ-ZJ", **who)
        case A.APPROVE_PRE_REVIEW:
            return svc.approve_pre_review(case_id, **who)
        case A.REJECT_PRE_REVIEW:
            return svc.reject_pre_review(case_id, "单位选择不对，请重新选择", **who)
        case A.SIGN:
            return svc.sign(case_id, **who)
        case A.UNIT_RETURN:
            return svc.unit_return(case_id, "路灯归供电公司管理，非本单位职责", **who)
        case A.REFUSE_UNIT_RETURN:
            return svc.refuse_unit_return(case_id, "经核实属于本单位职责范围", **who)
        case A.REPLY:
            return svc.reply(case_id, **REPLY, **who)
        case A.APPROVE_REPLY:
            return svc.approve_reply(case_id, **who)
        case A.RETURN_REPLY:
            return svc.return_reply(case_id, "回复未说明维修时间，请补充", **who)
        case A.RECORD_CALLBACK:
            return svc.record_callback(case_id, "不满意", close=False, **who)
        case A.CLOSE:
            return svc.close(case_id, waiver_reason="来电人匿名，无法回访", **who)
        case A.REOPEN:
            return svc.reopen(case_id, "来电人反映路灯仍不亮", **who)
        case A.LINK_DUPLICATE:
            earlier = _case(svc.engine, phone="13600000000", at=T0 - timedelta(days=2))
            return svc.link_duplicate(case_id, earlier, **who)
        case A.FLAG_UNREASONABLE:
            return svc.flag_unreasonable(case_id, "超出政策规定", "要求为其个人门口单独加装路灯", **who)
    raise AssertionError(action)


@pytest.mark.parametrize("status", list(S), ids=[s.name for s in S])
def test_dispatch_every_transition_legal_and_illegal(sqlite_engine, status):
    svc = DispatchService(sqlite_engine)
    at = T0 + timedelta(days=9)
    # illegal: refused with the domain's message, nothing written
    case_id = _drive(svc, sqlite_engine, status, at)
    before, seq, events = svc.state(case_id), _counter(sqlite_engine), len(svc.timeline(case_id))
    illegal = [a for a in A if (status, a) not in TRANSITIONS]
    for action in illegal:
        with pytest.raises(DispatchRuleError) as err:
            _act(svc, case_id, action, at, start=status)
        assert err.value.code == "illegal_transition", (action, err.value)
        assert status.value in err.value.zh and "不能" in err.value.zh
    assert svc.state(case_id) == before
    assert len(svc.timeline(case_id)) == events
    assert _counter(sqlite_engine) - seq == (1 if A.LINK_DUPLICATE in illegal else 0)  # the earlier case
    # legal: each leads where the table says, persisted with a timeline line
    for (frm, action), to in TRANSITIONS.items():
        if frm != status:
            continue
        case_id = _drive(svc, sqlite_engine, status, at)
        n = len(svc.timeline(case_id))
        new = _act(svc, case_id, action, at + timedelta(hours=1), start=status)
        assert new.status == to, (status, action)
        assert svc.state(case_id).status == to
        assert len(svc.timeline(case_id)) == n + 1
        assert _case_row(sqlite_engine, case_id)["status"] == {
            S.PENDING: "已受理", S.PRE_REVIEW: "已受理", S.CLOSED: "已办结",
            S.REPLIED: "已回复", S.REVIEWED: "已回复", S.CALLED_BACK: "已回复",
        }.get(to, "已转派")


# ----------------------------------------------------------------------------- units


def test_unit_reply_return_and_redispatch(engine):
    svc = DispatchService(engine)
    case_id = _case(engine)
    svc.dispatch(case_id, "YHQ-CG", actor="1001", at=T0)
    assert [c["case_id"] for c in svc.unit_cases("YHQ-CG", today=date(2025, 10, 9))] == [case_id]
    assert svc.unit_cases("YHQ-ZJ") == []
    with pytest.raises(DispatchRuleError) as err:  # another unit's user
        svc.sign(case_id, actor="u-zj", unit_code="YHQ-ZJ", at=T0)
    assert err.value.code == "not_your_unit"
    with pytest.raises(DispatchRuleError) as err:
        svc.unit_return(case_id, "不是", actor="u-cg", unit_code="YHQ-CG", at=T0)
    assert err.value.code == "reason"
    state = svc.unit_return(case_id, "该路段路灯由住建部门管理", actor="u-cg", unit_code="YHQ-CG",
                            at=T0 + timedelta(days=9))
    assert state.status == S.UNIT_RETURNED and state.unit_return_count == 1
    assert svc.cases_in_status(S.UNIT_RETURNED)[0]["case_id"] == case_id
    with pytest.raises(DispatchRuleError) as err:
        svc.dispatch(case_id, "YHQ-CG", actor="2001", at=T0 + timedelta(days=9))
    assert err.value.code == "same_unit"
    with pytest.raises(DispatchRuleError) as err:
        svc.dispatch(case_id, "NO-SUCH-UNIT", actor="2001", at=T0 + timedelta(days=9))
    assert err.value.code == "no_unit"
    state = svc.dispatch(case_id, "YHQ-ZJ", actor="2001", at=datetime(2025, 10, 10, 9, tzinfo=CHINA))
    assert state.deadline == date(2025, 10, 16)  # Oct 11 (make-up), 13, 14, 15, 16
    assert _case_row(engine, case_id)["handling_unit"] == "盐湖区住房和城乡建设局"
    svc.sign(case_id, actor="u-zj", unit_code="YHQ-ZJ", at=datetime(2025, 10, 10, 10, tzinfo=CHINA))
    with pytest.raises(DispatchRuleError) as err:
        svc.reply(case_id, **{**REPLY, "truth": "差不多"}, actor="u-zj", unit_code="YHQ-ZJ")
    assert err.value.code == "reply_choice"
    with pytest.raises(DispatchRuleError) as err:
        svc.reply(case_id, **{**REPLY, "public_reply": "已处理"}, actor="u-zj", unit_code="YHQ-ZJ")
    assert err.value.code == "public_reply"
    assert svc.state(case_id).status == S.SIGNED  # nothing lost or half-written
    state = svc.reply(case_id, **{**REPLY, "truth": "不属实", "resolution": "未解决"},
                      actor="u-zj", unit_code="YHQ-ZJ", at=datetime(2025, 10, 13, 9, tzinfo=CHINA))
    assert (state.reply.truth, state.reply.resolution) == ("不属实", "未解决")
    assert svc.state(case_id).reply == state.reply
    assert _case_row(engine, case_id)["status"] == "已回复"
    state = svc.return_reply(case_id, "请说明不属实的核查依据", actor="2001")
    assert state.status == S.REPLY_RETURNED and state.reply_return_count == 1
    assert case_id in [c["case_id"] for c in svc.unit_cases("YHQ-ZJ")]
    kinds = [e["kind"] for e in svc.timeline(case_id)]
    assert kinds == ["受理", "转派", "退件", "转派", "签收", "回复", "退回"]
    notes = " ".join(e["note"] for e in svc.timeline(case_id))
    assert "该路段路灯由住建部门管理" in notes and "不属实，未解决" in notes


def test_dispatch_pre_review_by_lead(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    case_id = _case(engine, "工作人员作风", description="办事窗口工作人员态度恶劣，推诿不办。")
    with pytest.raises(DispatchRuleError) as err:
        svc.dispatch(case_id, "YHQ-XZSP", actor="1001", at=T0)
    assert err.value.code == "pre_review_required"
    assert svc.state(case_id) is None
    assert svc.send(case_id, "YHQ-XZSP", actor="1001", at=T0).status == S.PRE_REVIEW
    assert _case_row(engine, case_id)["status"] == "已受理"
    assert svc.reject_pre_review(case_id, "应转纪检监察告知", actor="2001", at=T0).status == S.PENDING
    svc.send(case_id, "YHQ-XZSP", actor="1001", at=T0)
    state = svc.approve_pre_review(case_id, actor="2001", at=T0)
    assert state.status == S.DISPATCHED and state.deadline == date(2025, 10, 21)  # 10 working days
    assert _case_row(engine, case_id)["dispatched_at"] is not None
    assert [e["kind"] for e in svc.timeline(case_id)] == [
        "受理", "提交预审", "预审驳回", "提交预审", "预审通过",
    ]


def test_dispatch_extension_request_and_decision(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    case_id = _case(engine)
    svc.dispatch(case_id, "YHQ-CG", actor="1001", at=T0)
    with pytest.raises(DispatchRuleError) as err:
        svc.request_extension(case_id, 30, "需要采购灯具配件", actor="u-cg", unit_code="YHQ-CG",
                              at=T0 + timedelta(days=9))
    assert err.value.code == "extension_days"
    state = svc.request_extension(case_id, 3, "需要采购灯具配件", actor="u-cg", unit_code="YHQ-CG",
                                  at=T0 + timedelta(days=9))
    assert state.pending_extension.days == 3
    assert [c["case_id"] for c in svc.pending_extensions()] == [case_id]
    state = svc.decide_extension(case_id, True, actor="2001", at=T0 + timedelta(days=10))
    assert state.deadline == date(2025, 10, 17) and state.pending_extension is None
    assert _case_row(engine, case_id)["deadline"] == date(2025, 10, 17)
    assert svc.pending_extensions() == []
    with pytest.raises(DispatchRuleError) as err:
        svc.decide_extension(case_id, False, actor="2001", reason="无理由")
    assert err.value.code == "no_extension"
    assert [e["kind"] for e in svc.timeline(case_id)][-2:] == ["延期申请", "延期批准"]


def test_dispatch_refused_for_unknown_or_direct_case(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    with pytest.raises(DispatchRuleError) as err:
        svc.dispatch("no-such-case", "YHQ-CG", actor="1001")
    assert err.value.code == "no_case"
    direct = record_central_case(
        engine, {"channel": "网站", "matter": LAMP, "description": "咨询路灯报修电话",
                 "handling": "直接办理", "status": "已办结"},
    )
    with pytest.raises(DispatchRuleError) as err:
        svc.dispatch(direct, "YHQ-CG", actor="1001")
    assert err.value.code == "not_in_flow"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM case_dispatch")).scalar_one() == 0


def test_dispatch_suggests_units_from_grid(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    case_id = _case(engine)
    suggestions = svc.suggest_units(case_id)
    assert suggestions[0].unit.code == "YHQ-CG"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(CASES)).scalar_one() == 1
