"""Callback surveys (回访): results, reopen after a dissatisfied result, the work list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.callback import (
    CallbackCandidate,
    CallbackResult,
    CallbackRules,
    callback_worklist,
    may_close_without_callback,
    record_callback,
)
from seat_app.domain.dispatch import (
    DispatchAction,
    DispatchFlow,
    DispatchRuleError,
    DispatchState,
    DispatchStatus,
)

CAL = WorkingDayCalendar()
FLOW = DispatchFlow(CAL)
AT = datetime(2026, 2, 13, 15)
S = DispatchStatus


def reviewed(**kw) -> DispatchState:
    return DispatchState(
        "C-1", "路灯不亮", status=S.REVIEWED, unit_code="U-CG",
        dispatched_on=date(2026, 2, 2), deadline=date(2026, 2, 9), replied_on=date(2026, 2, 6), **kw
    )


@pytest.mark.parametrize("result", ["满意", "基本满意", CallbackResult.DISSATISFIED])
def test_callback_result_recorded(result):
    state, events = record_callback(FLOW, reviewed(), result, at=AT, actor="agent-3")
    assert state.status == S.CALLED_BACK and state.callback_result == CallbackResult(result).value
    assert [e.action for e in events] == [DispatchAction.RECORD_CALLBACK]
    closed, _ = FLOW.close(state, at=AT, actor="agent-3")
    assert closed.status == S.CLOSED and closed.close_kind == "正常办结"


def test_callback_bad_result_refused():
    with pytest.raises(DispatchRuleError) as err:
        record_callback(FLOW, reviewed(), "还行", at=AT, actor="a")
    assert err.value.code == "callback_result" and "还行" in err.value.zh


def test_callback_dissatisfied_reopens_to_same_unit_with_new_deadline():
    # Reopened on the Friday before the 2026 Spring Festival: 5 working days are
    # Sat Feb 14 (make-up), Feb 24, 25, 26, 27.
    state, events = record_callback(
        FLOW, reviewed(), "不满意", at=AT, actor="agent-3", reopen_reason="路灯修好两天后又不亮了"
    )
    assert [e.action for e in events] == [DispatchAction.RECORD_CALLBACK, DispatchAction.REOPEN]
    assert events[1].reason == "路灯修好两天后又不亮了"
    assert state.status == S.DISPATCHED and state.unit_code == "U-CG"
    assert state.reopen_count == 1 and state.dispatched_on == AT.date()
    assert state.deadline == date(2026, 2, 27)
    assert state.reply is None and state.callback_result is None


def test_callback_reopen_only_when_dissatisfied_and_with_reason():
    with pytest.raises(DispatchRuleError) as err:
        record_callback(FLOW, reviewed(), "满意", at=AT, actor="a", reopen_reason="想再处理一下")
    assert err.value.code == "reopen_not_dissatisfied"
    with pytest.raises(DispatchRuleError) as err:
        record_callback(FLOW, reviewed(), "不满意", at=AT, actor="a", reopen_reason=" ")
    assert err.value.code == "reason"
    # the flow refuses reopening a satisfied, called-back case too
    state, _ = record_callback(FLOW, reviewed(), "基本满意", at=AT, actor="a")
    with pytest.raises(DispatchRuleError):
        FLOW.reopen(state, "群众要求重新处理", at=AT, actor="lead")


def test_callback_dissatisfied_later_reopen_from_closed():
    state, _ = record_callback(FLOW, reviewed(), "不满意", at=AT, actor="a")
    state, _ = FLOW.close(state, at=AT, actor="a")
    state, ev = FLOW.reopen(state, "复核后确认问题未解决", at=AT, actor="lead")
    assert state.status == S.DISPATCHED and state.closed_on is None and ev.from_status == S.CLOSED


def test_callback_reopen_limit_then_supervision_instead():
    rules = CallbackRules(max_reopens=2)
    state = reviewed()
    for _ in range(2):
        state, _ = record_callback(FLOW, state, "不满意", at=AT, actor="a",
                                   reopen_reason="问题仍然存在", rules=rules)
        state = replace(state, status=S.REVIEWED)  # unit replied again and it was approved
    with pytest.raises(DispatchRuleError) as err:
        record_callback(FLOW, state, "不满意", at=AT, actor="a", reopen_reason="问题仍然存在", rules=rules)
    assert err.value.code == "reopen_limit" and "督办" in err.value.zh


def test_callback_satisfaction_counting():
    assert CallbackResult.SATISFIED.counts_as_satisfied
    assert not CallbackResult.BASICALLY_SATISFIED.counts_as_satisfied
    assert not CallbackResult.DISSATISFIED.counts_as_satisfied


def test_callback_worklist_selection_and_order():
    today = date(2025, 10, 13)
    c = CallbackCandidate
    cands = [
        c("A-old", S.REVIEWED, date(2025, 10, 1)),
        c("B-new", S.REVIEWED, date(2025, 10, 12)),
        c("C-reopened", S.REVIEWED, date(2025, 10, 12), reopen_count=1),
        c("D-supervised", S.REVIEWED, date(2025, 10, 11), supervised=True),
        c("E-anonymous", S.REVIEWED, date(2025, 10, 1), caller_consents=False),
        c("F-tried-today", S.REVIEWED, date(2025, 10, 1), attempts=1, last_attempt_on=today),
        c("G-tried-yesterday", S.REVIEWED, date(2025, 10, 2), attempts=1,
          last_attempt_on=date(2025, 10, 12)),
        c("H-exhausted", S.REVIEWED, date(2025, 10, 1), attempts=3),
        c("I-not-reviewed", S.REPLIED, date(2025, 10, 1)),
        c("J-done", S.CALLED_BACK, date(2025, 10, 1)),
        c("K-future", S.REVIEWED, date(2025, 10, 14)),
    ]
    ids = [x.case_id for x in callback_worklist(cands, today=today)]
    assert ids == ["C-reopened", "D-supervised", "A-old", "G-tried-yesterday", "B-new"]
    more = callback_worklist(cands, today=today, rules=CallbackRules(max_attempts=4))
    assert "H-exhausted" in [x.case_id for x in more]


def test_callback_may_close_without_callback():
    c = CallbackCandidate
    assert may_close_without_callback(c("x", S.REVIEWED, date(2025, 1, 1), caller_consents=False))
    assert may_close_without_callback(c("x", S.REVIEWED, date(2025, 1, 1), attempts=3))
    assert not may_close_without_callback(c("x", S.REVIEWED, date(2025, 1, 1), attempts=2))
    assert not may_close_without_callback(c("x", S.REPLIED, date(2025, 1, 1), attempts=3))
