"""Supervision (督办): overdue and returned-twice rules, escalation, manual raising."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.dispatch import DispatchFlow, DispatchRuleError, DispatchState, DispatchStatus
from seat_app.domain.supervision import (
    Supervision,
    SupervisionLevel,
    SupervisionRules,
    SupervisionTrigger,
    current_level,
    escalate,
    evaluate,
    raise_manually,
)

FLOW = DispatchFlow(WorkingDayCalendar())
L = SupervisionLevel
AT = datetime(2025, 10, 20, 9)


def signed(deadline: date = date(2025, 9, 30), **kw) -> DispatchState:
    return DispatchState(
        "C-1", "路灯不亮", status=DispatchStatus.SIGNED, unit_code="U", deadline=deadline, **kw
    )


@pytest.mark.parametrize(
    "today, expected",
    [
        ("2025-09-30", None),  # on the deadline day: not late
        ("2025-10-08", None),  # late by calendar days, but 0 working days (National Day)
        ("2025-10-09", L.WRITTEN),  # 1 working day late
        ("2025-10-11", L.ON_SITE),  # 3 (make-up Saturday counts)
        ("2025-10-15", L.HOTLINE_LED),  # 6
        ("2025-10-21", L.SENIOR),  # 10
        ("2025-12-31", L.SENIOR),  # rules never reach joint supervision
    ],
)
def test_supervision_overdue_level_follows_working_days_late(today, expected):
    found = evaluate(signed(), [], today=date.fromisoformat(today), flow=FLOW)
    if expected is None:
        assert found is None
    else:
        assert found.level == expected and found.trigger == SupervisionTrigger.OVERDUE
        assert found.raised_by == "rule" and "超期" in found.reason


def test_supervision_rules_are_idempotent_and_escalate_with_time():
    history: list[Supervision] = []
    raised = []
    for day in ("2025-10-09", "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13",
                "2025-10-15", "2025-10-16", "2025-10-21"):
        found = evaluate(signed(), history, today=date.fromisoformat(day), flow=FLOW)
        if found:
            history.append(found)
            raised.append((day, found.level))
    assert raised == [("2025-10-09", L.WRITTEN), ("2025-10-11", L.ON_SITE),
                      ("2025-10-15", L.HOTLINE_LED), ("2025-10-21", L.SENIOR)]
    assert current_level(history) == L.SENIOR


def test_supervision_returned_twice_raises():
    state = signed(deadline=date(2025, 12, 31))  # not late
    assert evaluate(replace(state, reply_return_count=1), [], today=AT.date(), flow=FLOW) is None
    found = evaluate(replace(state, reply_return_count=2), [], today=AT.date(), flow=FLOW)
    assert found.level == L.WRITTEN and found.trigger == SupervisionTrigger.RETURNED
    assert "2" in found.reason
    found = evaluate(replace(state, reply_return_count=3), [found], today=AT.date(), flow=FLOW)
    assert found.level == L.ON_SITE


def test_supervision_rule_picks_the_higher_trigger_and_respects_manual_raise():
    state = replace(signed(), reply_return_count=2)
    found = evaluate(state, [], today=date(2025, 10, 11), flow=FLOW)  # overdue 3 -> on-site
    assert found.level == L.ON_SITE and found.trigger == SupervisionTrigger.OVERDUE
    manual = raise_manually(state, [], L.SENIOR, "市领导批示督办", at=AT, actor="lead-1")
    assert evaluate(state, [manual], today=date(2025, 10, 15), flow=FLOW) is None


def test_supervision_no_rule_on_replied_or_closed_cases():
    late = date(2025, 10, 21)
    assert evaluate(replace(signed(), status=DispatchStatus.REPLIED), [], today=late, flow=FLOW) is None
    closed = replace(signed(), status=DispatchStatus.CLOSED, reply_return_count=3)
    assert evaluate(closed, [], today=late, flow=FLOW) is None


def test_supervision_custom_rules():
    rules = SupervisionRules(overdue_levels=((2, L.ON_SITE),), returned_levels=())
    assert evaluate(signed(), [], today=date(2025, 10, 9), flow=FLOW, rules=rules) is None
    assert evaluate(signed(), [], today=date(2025, 10, 10), flow=FLOW, rules=rules).level == L.ON_SITE


def test_supervision_escalation_goes_up_one_level_to_joint_then_stops():
    history: list[Supervision] = []
    for expected in (L.WRITTEN, L.ON_SITE, L.HOTLINE_LED, L.SENIOR, L.JOINT):
        sup = escalate(signed(), history, "持续未办理，升级督办", at=AT, actor="lead-1")
        assert sup.level == expected and sup.trigger == SupervisionTrigger.MANUAL
        history.append(sup)
    with pytest.raises(DispatchRuleError) as err:
        escalate(signed(), history, "继续升级督办", at=AT, actor="lead-1")
    assert err.value.code == "supervise_top"
    assert L.JOINT.zh == "联合政府督查室督办" and "inspection" in L.JOINT.en


def test_supervision_manual_raise_guards():
    history = [raise_manually(signed(), [], L.ON_SITE, "群众多次来电反映", at=AT, actor="lead")]
    with pytest.raises(DispatchRuleError) as err:
        raise_manually(signed(), history, L.WRITTEN, "降级督办测试", at=AT, actor="lead")
    assert err.value.code == "supervise_lower" and "现场督办" in err.value.zh
    same = raise_manually(signed(), history, L.ON_SITE, "再次现场督办", at=AT, actor="lead")
    assert same.level == L.ON_SITE
    with pytest.raises(DispatchRuleError) as err:
        raise_manually(replace(signed(), status=DispatchStatus.CLOSED), [], L.WRITTEN, "已办结督办", at=AT, actor="l")
    assert err.value.code == "supervise_closed"
    with pytest.raises(DispatchRuleError) as err:
        raise_manually(DispatchState("C-2", "路灯不亮"), [], L.WRITTEN, "未转派督办", at=AT, actor="l")
    assert err.value.code == "supervise_undispatched"
    with pytest.raises(DispatchRuleError) as err:
        raise_manually(signed(), [], L.WRITTEN, "", at=AT, actor="l")
    assert err.value.code == "reason"
