"""Dispatch status flow: every transition legal and illegal, pre-review, unit replies,
unit returns, extensions, duplicates and unreasonable requests, deadlines per matter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.dispatch import (
    TRANSITIONS,
    DispatchAction,
    DispatchFlow,
    DispatchPolicies,
    DispatchRuleError,
    DispatchState,
    DispatchStatus,
    MatterPolicy,
    Resolution,
    Truth,
    UnitReply,
    legal_actions,
)
from seat_app.domain.taxonomy import MATTERS

S = DispatchStatus
A = DispatchAction
CAL = WorkingDayCalendar()
FLOW = DispatchFlow(CAL)
AT = datetime(2025, 9, 30, 10, 0)
REPLY = UnitReply(Truth.TRUE, Resolution.SOLVED, "已派人到现场更换路灯灯泡。", "您反映的路灯已于今日修复，感谢监督。")


def state_in(status: DispatchStatus, **kw) -> DispatchState:
    base = DispatchState(
        case_id="C-1", matter="路灯不亮", status=status, unit_code="U-CG",
        dispatched_on=date(2025, 9, 26), deadline=date(2025, 10, 10), callback_result="不满意",
    )
    return replace(base, **kw)


def perform(flow: DispatchFlow, state: DispatchState, action: DispatchAction):
    """Call the flow method for ``action`` with arguments that satisfy its guards."""
    who = {"at": AT, "actor": "lead-01"}
    calls = {
        A.DISPATCH: lambda: flow.dispatch(state, "U-OTHER", **who),
        A.SUBMIT_FOR_REVIEW: lambda: flow.submit_for_review(state, "U-OTHER", **who),
        A.APPROVE_PRE_REVIEW: lambda: flow.approve_pre_review(state, **who),
        A.REJECT_PRE_REVIEW: lambda: flow.reject_pre_review(state, "单位选择有误", **who),
        A.SIGN: lambda: flow.sign(state, **who),
        A.UNIT_RETURN: lambda: flow.unit_return(state, "不属于本单位职责范围", **who),
        A.REFUSE_UNIT_RETURN: lambda: flow.refuse_unit_return(state, "属于贵单位职责", **who),
        A.REPLY: lambda: flow.reply(state, REPLY, **who),
        A.APPROVE_REPLY: lambda: flow.approve_reply(state, **who),
        A.RETURN_REPLY: lambda: flow.return_reply(state, "回复内容不完整", **who),
        A.RECORD_CALLBACK: lambda: flow.record_callback(state, "满意", **who),
        A.CLOSE: lambda: flow.close(state, waiver_reason="来电人匿名，无法回访", **who),
        A.REOPEN: lambda: flow.reopen(state, "群众反映问题仍未解决", **who),
        A.LINK_DUPLICATE: lambda: flow.link_duplicate(state, "C-0", **who),
        A.FLAG_UNREASONABLE: lambda: flow.flag_unreasonable(state, "要求超出政策规定范围", **who),
    }
    return calls[action]()


MATRIX = [(s, a) for s in DispatchStatus for a in DispatchAction]


@pytest.mark.parametrize("status, action", MATRIX, ids=[f"{s.name}-{a.name}" for s, a in MATRIX])
def test_dispatch_transition_matrix(status, action):
    state = state_in(status)
    if (status, action) in TRANSITIONS:
        new, event = perform(FLOW, state, action)
        assert new.status == TRANSITIONS[(status, action)]
        assert (event.from_status, event.to_status, event.action) == (status, new.status, action)
        assert event.case_id == "C-1" and event.actor == "lead-01"
    else:
        with pytest.raises(DispatchRuleError) as err:
            perform(FLOW, state, action)
        assert err.value.code == "illegal_transition"
        assert status.value in err.value.zh and status.value in err.value.en
        assert state.status == status  # nothing changed


def test_dispatch_matrix_covers_the_documented_flow():
    # 待派 -> 已派 -> 已签收 -> 已回复 -> 已审核 (or 退回) -> 已回访 -> 办结
    chain = [(S.PENDING, A.DISPATCH), (S.DISPATCHED, A.SIGN), (S.SIGNED, A.REPLY),
             (S.REPLIED, A.APPROVE_REPLY), (S.REVIEWED, A.RECORD_CALLBACK), (S.CALLED_BACK, A.CLOSE)]
    status = S.PENDING
    for frm, action in chain:
        assert frm == status
        status = TRANSITIONS[(frm, action)]
    assert status == S.CLOSED
    assert TRANSITIONS[(S.REPLIED, A.RETURN_REPLY)] == S.REPLY_RETURNED
    assert set(legal_actions(S.CLOSED)) == {A.REOPEN}
    assert {s for s, _ in TRANSITIONS} == set(DispatchStatus)  # no dead status


def test_dispatch_illegal_message_lists_allowed_actions():
    with pytest.raises(DispatchRuleError) as err:
        FLOW.sign(state_in(S.PENDING), at=AT, actor="u")
    assert "不能签收" in err.value.zh and "转派" in err.value.zh
    assert "cannot sign" in err.value.en and "dispatch" in err.value.en


def test_dispatch_happy_path_deadline_over_national_day():
    state = DispatchState(case_id="C-9", matter="路灯不亮")  # QUICK: 5 working days
    state, e1 = FLOW.dispatch(state, "U-CG", at=AT, actor="agent-7")
    # 2025-09-30 + 5 working days: Oct 9, 10, 11 (make-up Saturday), 13, 14
    assert state.deadline == date(2025, 10, 14)
    assert e1.detail["deadline"] == "2025-10-14"
    state, _ = FLOW.sign(state, at=datetime(2025, 10, 9, 9), actor="unit")
    state, _ = FLOW.reply(state, REPLY, at=datetime(2025, 10, 11, 16), actor="unit")
    assert state.reply == REPLY and state.replied_on == date(2025, 10, 11)
    assert FLOW.replied_on_time(state) is True
    state, _ = FLOW.approve_reply(state, at=datetime(2025, 10, 13, 9), actor="lead")
    state, _ = FLOW.record_callback(state, "满意", at=datetime(2025, 10, 13, 15), actor="agent")
    state, ev = FLOW.close(state, at=datetime(2025, 10, 13, 15), actor="agent")
    assert state.status == S.CLOSED and state.close_kind == "正常办结"
    assert ev.label_zh == "办结"


@pytest.mark.parametrize(
    "matter, days",
    [("燃气泄漏", 1), ("路灯不亮", 5), ("公积金提取", 10), ("房屋征收补偿", 15)],
)
def test_dispatch_deadline_per_matter(matter, days):
    state, _ = FLOW.dispatch(DispatchState("C", matter), "U", at=AT, actor="a")
    assert state.deadline == CAL.add_working_days(AT.date(), days)
    assert CAL.working_days_between(AT.date(), state.deadline) == days


def test_dispatch_policy_table_names_real_matters_and_emergencies_are_shortest():
    policies = DispatchPolicies()
    days = [policies.for_matter(m.name).deadline_working_days for m in MATTERS]
    assert min(days) == 1 and max(days) == 15
    emergencies = [m.name for m in MATTERS if policies.for_matter(m.name).emergency]
    assert "燃气泄漏" in emergencies
    assert all(policies.for_matter(m).deadline_working_days < 5 for m in emergencies)
    custom = policies.with_override("公积金提取", MatterPolicy(deadline_working_days=3))
    assert custom.for_matter("公积金提取").deadline_working_days == 3
    assert policies.for_matter("公积金提取").deadline_working_days == 10


def test_dispatch_pre_review_required_per_matter():
    state = DispatchState("C-2", "工作人员作风")
    with pytest.raises(DispatchRuleError) as err:
        FLOW.dispatch(state, "U-X", at=AT, actor="agent")
    assert err.value.code == "pre_review_required"
    state, _ = FLOW.submit_for_review(state, "U-X", at=AT, actor="agent")
    assert state.status == S.PRE_REVIEW and state.deadline is None
    rejected, ev = FLOW.reject_pre_review(state, "承办单位应为纪检部门", at=AT, actor="lead")
    assert rejected.status == S.PENDING and rejected.unit_code is None and ev.reason
    state, ev = FLOW.approve_pre_review(state, at=AT, actor="lead")
    assert state.status == S.DISPATCHED and state.unit_code == "U-X"
    assert state.deadline == CAL.add_working_days(AT.date(), 10)
    # configurable: turning pre-review off for the matter lets the agent dispatch directly
    relaxed = DispatchFlow(CAL, DispatchPolicies().with_override("工作人员作风", MatterPolicy()))
    direct, _ = relaxed.dispatch(DispatchState("C-3", "工作人员作风"), "U-X", at=AT, actor="a")
    assert direct.status == S.DISPATCHED
    # and on for another
    strict = DispatchFlow(CAL, DispatchPolicies().with_override("路灯不亮", MatterPolicy(pre_review=True)))
    with pytest.raises(DispatchRuleError):
        strict.dispatch(DispatchState("C-4", "路灯不亮"), "U", at=AT, actor="a")


def test_dispatch_refuses_out_of_scope_unknown_matter_and_missing_unit():
    for matter, code in (("紧急警情转110", "out_of_scope"), ("不存在的事项", "matter")):
        with pytest.raises(DispatchRuleError) as err:
            FLOW.dispatch(DispatchState("C", matter), "U", at=AT, actor="a")
        assert err.value.code == code
    with pytest.raises(DispatchRuleError) as err:
        FLOW.dispatch(DispatchState("C", "路灯不亮"), "", at=AT, actor="a")
    assert err.value.code == "no_unit"


def test_dispatch_unit_return_then_redispatch_elsewhere():
    state, _ = FLOW.dispatch(DispatchState("C-5", "违章停车"), "U-JJ", at=AT, actor="a")
    with pytest.raises(DispatchRuleError) as err:
        FLOW.unit_return(state, "不对", at=AT, actor="unit")
    assert err.value.code == "reason"
    state, ev = FLOW.unit_return(state, "该路段属于小区内部道路，由物业管理", at=AT, actor="unit")
    assert state.status == S.UNIT_RETURNED and state.unit_return_count == 1
    assert ev.detail["unit"] == "U-JJ"
    with pytest.raises(DispatchRuleError) as err:
        FLOW.dispatch(state, "U-JJ", at=AT, actor="a")
    assert err.value.code == "same_unit"
    later = datetime(2025, 10, 9, 9)
    state, _ = FLOW.dispatch(state, "U-ZJ", at=later, actor="a")
    assert state.unit_code == "U-ZJ" and state.deadline == CAL.add_working_days(later.date(), 5)


def test_dispatch_refused_return_keeps_unit_and_deadline():
    state, _ = FLOW.dispatch(DispatchState("C-6", "违章停车"), "U-JJ", at=AT, actor="a")
    deadline = state.deadline
    state, _ = FLOW.unit_return(state, "不属于本单位职责范围", at=AT, actor="unit")
    state, _ = FLOW.refuse_unit_return(state, "道路停车属交警职责", at=AT, actor="lead")
    assert (state.status, state.unit_code, state.deadline) == (S.DISPATCHED, "U-JJ", deadline)


def test_dispatch_reply_returned_and_replied_again_counts_returns():
    state = state_in(S.SIGNED)
    for i in (1, 2):
        state, _ = FLOW.reply(state, REPLY, at=AT, actor="unit")
        state, ev = FLOW.return_reply(state, "未说明处理时间和结果", at=AT, actor="lead")
        assert state.reply_return_count == i and ev.detail["returns"] == str(i)
    state, _ = FLOW.reply(state, REPLY, at=AT, actor="unit")
    assert state.status == S.REPLIED


@pytest.mark.parametrize(
    "kw, code",
    [
        ({"truth": "属实", "resolution": "已解决", "reason": "短", "public_reply": "您反映的问题已经处理完毕。"}, "reply_reason"),
        ({"truth": "属实", "resolution": "已解决", "reason": "已现场核实并处理完毕。", "public_reply": "好"}, "public_reply"),
    ],
)
def test_dispatch_unit_reply_needs_real_text(kw, code):
    with pytest.raises(DispatchRuleError) as err:
        UnitReply(**kw)
    assert err.value.code == code


def test_dispatch_unit_reply_values():
    reply = UnitReply("不属实", "未解决", "经现场核实，未发现反映的占道情况。", "经核实，该处无占道经营，我们将持续巡查。")
    assert reply.truth is Truth.NOT_TRUE and reply.resolution is Resolution.UNSOLVED
    with pytest.raises(ValueError):
        UnitReply("也许", "已解决", "经现场核实已经处理。", "您反映的问题已经处理完毕。")


def test_dispatch_extension_request_and_decision():
    state, _ = FLOW.dispatch(DispatchState("C-7", "公积金提取"), "U-GJJ", at=AT, actor="a")
    deadline = state.deadline
    for days, reason, code in ((0, "需要协调多个部门", "extension_days"),
                               (11, "需要协调多个部门", "extension_days"),
                               (3, "忙", "reason")):
        with pytest.raises(DispatchRuleError) as err:
            FLOW.request_extension(state, days, reason, today=AT.date())
        assert err.value.code == code
    state = FLOW.request_extension(state, 3, "需要协调多个部门现场会商", today=AT.date())
    with pytest.raises(DispatchRuleError) as err:
        FLOW.request_extension(state, 2, "再延期两个工作日", today=AT.date())
    assert err.value.code == "extension_pending"
    refused, note = FLOW.decide_extension(state, False, at=AT, actor="lead", reason="理由不充分")
    assert refused.deadline == deadline and refused.pending_extension is None and "驳回" in note
    state, note = FLOW.decide_extension(state, True, at=AT, actor="lead")
    assert state.deadline == CAL.add_working_days(deadline, 3) and state.extensions_granted == 1
    assert state.deadline.isoformat() in note
    with pytest.raises(DispatchRuleError) as err:  # STANDARD allows one extension
        FLOW.request_extension(state, 2, "还需要更多时间处理", today=AT.date())
    assert err.value.code == "extension_limit"
    with pytest.raises(DispatchRuleError) as err:
        FLOW.decide_extension(state, True, at=AT, actor="lead")
    assert err.value.code == "no_extension"


def test_dispatch_extension_refused_when_overdue_or_not_at_unit():
    state = state_in(S.SIGNED, deadline=date(2025, 9, 29))
    with pytest.raises(DispatchRuleError) as err:
        FLOW.request_extension(state, 2, "需要协调多个部门", today=date(2025, 9, 30))
    assert err.value.code == "extension_overdue"
    with pytest.raises(DispatchRuleError) as err:
        FLOW.request_extension(state_in(S.REPLIED), 2, "需要协调多个部门", today=AT.date())
    assert err.value.code == "extension_status"


def test_dispatch_overdue_and_working_days_left():
    state = state_in(S.SIGNED, deadline=date(2025, 9, 30))
    assert not FLOW.is_overdue(state, date(2025, 9, 30))
    assert FLOW.working_days_left(state, date(2025, 9, 26)) == 3  # Sep 28 (make-up), 29, 30
    assert FLOW.is_overdue(state, date(2025, 10, 9))
    assert FLOW.overdue_working_days(state, date(2025, 10, 9)) == 1  # holiday not counted
    assert FLOW.overdue_working_days(state, date(2025, 10, 13)) == 4
    assert not FLOW.is_overdue(replace(state, status=S.REPLIED), date(2025, 10, 13))


def test_dispatch_linked_duplicate_is_never_dispatched_again():
    state, ev = FLOW.link_duplicate(DispatchState("C-11", "道路破损"), "C-10", at=AT, actor="agent")
    assert state.status == S.CLOSED and state.duplicate_of == "C-10"
    assert state.close_kind == "重复件并案" and ev.detail["earlier"] == "C-10"
    assert not FLOW.counts_in_unit_assessment(state)
    with pytest.raises(DispatchRuleError):
        FLOW.dispatch(state, "U", at=AT, actor="a")
    # even a state that somehow went back to 待派 keeps the link and is refused
    with pytest.raises(DispatchRuleError) as err:
        FLOW.dispatch(replace(state, status=S.PENDING), "U", at=AT, actor="a")
    assert err.value.code == "duplicate" and "C-10" in err.value.zh
    with pytest.raises(DispatchRuleError):
        FLOW.link_duplicate(DispatchState("C-12", "道路破损"), "C-12", at=AT, actor="a")


def test_dispatch_unreasonable_request_flag_needs_reason():
    with pytest.raises(DispatchRuleError):
        FLOW.flag_unreasonable(DispatchState("C-13", "最低生活保障"), "无理", at=AT, actor="lead")
    state, _ = FLOW.flag_unreasonable(
        DispatchState("C-13", "最低生活保障"), "不符合低保条件仍反复要求办理", at=AT, actor="lead"
    )
    assert state.status == S.CLOSED and state.unreasonable_reason.startswith("不符合")
    assert not FLOW.counts_in_unit_assessment(state)
    assert FLOW.counts_in_unit_assessment(state_in(S.CLOSED))


def test_dispatch_close_without_callback_needs_waiver():
    with pytest.raises(DispatchRuleError) as err:
        FLOW.close(state_in(S.REVIEWED), at=AT, actor="agent")
    assert err.value.code == "reason"
    state, _ = FLOW.close(state_in(S.REVIEWED), at=AT, actor="agent", waiver_reason="三次回访均未接通")
    assert state.close_kind == "免回访办结"
