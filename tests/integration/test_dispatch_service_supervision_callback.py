"""Supervision (督办) rules and manual raises, and callback surveys (回访) with reopening,
persisted on a real central database; the rows the reports count."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, text

from seat_app.domain.dispatch import DispatchRuleError, DispatchStatus
from seat_app.domain.supervision import SupervisionLevel, SupervisionTrigger
from seat_app.services.dispatch.service import (
    CHINA,
    DispatchService,
    record_central_case,
)
from seat_app.services.store.models_dispatch import CASES

S = DispatchStatus
T0 = datetime(2025, 9, 30, 10, 0, tzinfo=CHINA)  # 路灯不亮 dispatched now is due 2025-10-14
REPLY = dict(truth="属实", resolution="已解决", reason="已派维修班组更换灯泡和线路，现已恢复照明。",
             public_reply="您反映的路灯不亮问题已修复，感谢您对城市管理工作的支持。")


def _case(engine, n: int, *, at=T0 - timedelta(hours=1)) -> str:
    return record_central_case(
        engine,
        {"channel": "电话", "caller_phone": f"1380000{n:04d}", "caller_area": "盐湖区",
         "caller_address": f"盐湖区解放北路{n}号", "matter": "路灯不亮",
         "description": "路灯连续几晚不亮，晚上出行不便。", "accepted_at": at},
    )


def _reviewed(svc, engine, n: int, reviewed_at: datetime) -> str:
    case_id = _case(engine, n)
    svc.dispatch(case_id, "YHQ-CG", actor="1001", at=T0)
    svc.sign(case_id, actor="u-cg", at=T0 + timedelta(days=9))
    svc.reply(case_id, **REPLY, actor="u-cg", at=T0 + timedelta(days=10))
    svc.approve_reply(case_id, actor="2001", at=reviewed_at)
    return case_id


def _scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


# ----------------------------------------------------------------------------- supervision


def test_supervision_rules_sweep_overdue_and_returned(engine):
    from seat_app.services.reports.periodic import count_period, month_period

    svc = DispatchService(engine)
    late = _case(engine, 1)
    svc.dispatch(late, "YHQ-CG", actor="1001", at=T0)
    on_time = _case(engine, 2)
    svc.dispatch(on_time, "YHQ-CG", actor="1001", at=datetime(2025, 10, 13, 9, tzinfo=CHINA))
    returned = _case(engine, 3)
    svc.dispatch(returned, "YHQ-CG", actor="1001", at=datetime(2025, 10, 13, 9, tzinfo=CHINA))
    svc.sign(returned, actor="u-cg")
    for _ in range(2):
        svc.reply(returned, **REPLY, actor="u-cg", at=datetime(2025, 10, 14, 9, tzinfo=CHINA))
        svc.return_reply(returned, "回复内容与诉求不符，请重新核查", actor="2001",
                         at=datetime(2025, 10, 14, 10, tzinfo=CHINA))
    closed = _case(engine, 4)
    svc.dispatch(closed, "YHQ-CG", actor="1001", at=T0)
    svc.sign(closed, actor="u-cg")
    svc.reply(closed, **REPLY, actor="u-cg", at=T0 + timedelta(days=9))
    svc.approve_reply(closed, actor="2001", at=T0 + timedelta(days=9))
    svc.close(closed, actor="2001", waiver_reason="来电人匿名无法回访", at=T0 + timedelta(days=9))

    raised = svc.run_supervision_rules(date(2025, 10, 15))  # one working day past 10-14
    got = {s.case_id: (s.level, s.trigger) for s in raised}
    assert got == {
        late: (SupervisionLevel.WRITTEN, SupervisionTrigger.OVERDUE),
        returned: (SupervisionLevel.WRITTEN, SupervisionTrigger.RETURNED),
    }
    assert svc.run_supervision_rules(date(2025, 10, 15)) == []  # same facts: nothing new
    # three working days late (15, 16, 17): on-site; six (… 20, 21, 22): hotline-led
    assert [(s.case_id, s.level) for s in svc.run_supervision_rules(date(2025, 10, 17))] == [
        (late, SupervisionLevel.ON_SITE)
    ]
    # 10-22: late is six working days late; on_time (due 10-20) is now two days late
    later = svc.run_supervision_rules(date(2025, 10, 22))
    assert sorted((s.case_id, s.level) for s in later) == sorted(
        [(late, SupervisionLevel.HOTLINE_LED), (on_time, SupervisionLevel.WRITTEN)]
    )
    assert _scalar(engine, "SELECT COUNT(*) FROM supervisions WHERE case_id = :c", c=late) == 3
    assert _scalar(engine, "SELECT COUNT(*) FROM supervisions WHERE case_id = :c", c=closed) == 0
    notes = [e["note"] for e in svc.timeline(late) if e["kind"] == "督办"]
    assert len(notes) == 3 and notes[0].startswith("书面督办（规则）：超期 1 个工作日")
    with engine.connect() as conn:
        counts = count_period(conn, month_period(2025, 9))
    assert counts.supervised == 3  # late, returned, on_time (the closed case: never)


def test_supervision_manual_raise_and_limits(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    case_id = _case(engine, 5)
    with pytest.raises(DispatchRuleError) as err:
        svc.supervise(case_id, SupervisionLevel.WRITTEN, "群众多次来电催办", actor="2001")
    assert err.value.code == "supervise_undispatched"
    svc.dispatch(case_id, "YHQ-CG", actor="1001", at=T0)
    record = svc.supervise(case_id, SupervisionLevel.HOTLINE_LED, "群众多次来电催办", actor="2001")
    assert record.trigger == SupervisionTrigger.MANUAL
    with pytest.raises(DispatchRuleError) as err:
        svc.supervise(case_id, SupervisionLevel.WRITTEN, "再次督办", actor="2001")
    assert err.value.code == "supervise_lower"
    assert svc.escalate(case_id, "仍未处理", actor="2001").level == SupervisionLevel.SENIOR
    assert svc.escalate(case_id, "联合督查", actor="2001").level == SupervisionLevel.JOINT
    with pytest.raises(DispatchRuleError) as err:
        svc.escalate(case_id, "还要升级", actor="2001")
    assert err.value.code == "supervise_top"
    assert [s.level for s in svc.supervisions(case_id)] == [
        SupervisionLevel.HOTLINE_LED, SupervisionLevel.SENIOR, SupervisionLevel.JOINT,
    ]
    # the rules never lower or repeat a manual raise
    assert svc.run_supervision_rules(date(2025, 11, 30)) == []
    assert [e["kind"] for e in svc.timeline(case_id)].count("督办") == 3


# ----------------------------------------------------------------------------- callback surveys


def test_callback_worklist_order_and_unreachable_attempts(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    first = _reviewed(svc, engine, 11, datetime(2025, 10, 10, 9, tzinfo=CHINA))
    second = _reviewed(svc, engine, 12, datetime(2025, 10, 11, 9, tzinfo=CHINA))
    supervised = _reviewed(svc, engine, 13, datetime(2025, 10, 11, 10, tzinfo=CHINA))
    with engine.begin() as conn:  # a supervision raised earlier puts it first
        conn.execute(text("INSERT INTO supervisions (case_id, level, trigger, reason, raised_at,"
                          " raised_by) VALUES (:c, 1, 'manual', '催办', :t, '2001')"),
                     {"c": supervised, "t": T0})
    today = date(2025, 10, 13)
    rows = svc.callback_worklist(today)
    assert [r["case_id"] for r in rows] == [supervised, first, second]
    assert rows[1]["public_reply"] == REPLY["public_reply"]
    assert rows[0]["supervised"] is True
    book = svc.callback_unreachable(first, actor="1002", at=datetime(2025, 10, 13, 9, tzinfo=CHINA))
    assert book.attempts == 1
    assert [r["case_id"] for r in svc.callback_worklist(today)] == [supervised, second]
    for day in (14, 15):
        assert first in [r["case_id"] for r in svc.callback_worklist(date(2025, 10, day))]
        svc.callback_unreachable(first, actor="1002", at=datetime(2025, 10, day, 9, tzinfo=CHINA))
    assert first not in [r["case_id"] for r in svc.callback_worklist(date(2025, 10, 16))]
    svc.set_callback_consent(second, False, actor="1002")
    assert second not in [r["case_id"] for r in svc.callback_worklist(date(2025, 10, 16))]
    state = svc.close(first, actor="2001", waiver_reason="三次回访均未接通")
    assert state.close_kind == "免回访办结"
    assert _scalar(engine, "SELECT COUNT(*) FROM callback_surveys WHERE NOT completed") == 3
    assert [e["kind"] for e in svc.timeline(first)][-4:] == ["回访未接通"] * 3 + ["办结"]


def test_callback_dissatisfied_reopens_to_same_unit(engine):
    from seat_app.services.reports.periodic import count_period, month_period

    svc = DispatchService(engine)
    case_id = _reviewed(svc, engine, 21, datetime(2025, 10, 10, 9, tzinfo=CHINA))
    with pytest.raises(DispatchRuleError) as err:
        svc.record_callback(case_id, "满意", reopen_reason="其实没修好", actor="1002")
    assert err.value.code == "reopen_not_dissatisfied"
    with pytest.raises(DispatchRuleError) as err:
        svc.record_callback(case_id, "还行吧", actor="1002")
    assert err.value.code == "callback_result"
    assert _scalar(engine, "SELECT COUNT(*) FROM callback_surveys") == 0  # nothing half-written
    state = svc.record_callback(
        case_id, "不满意", reopen_reason="来电人反映路灯修好后又坏了", actor="1002",
        at=datetime(2025, 10, 13, 15, tzinfo=CHINA),
    )
    assert state.status == S.DISPATCHED and state.unit_code == "YHQ-CG"
    assert state.reopen_count == 1 and state.callback_result is None
    assert state.deadline == date(2025, 10, 20)  # 5 working days after Monday 10-13
    with engine.connect() as conn:
        row = conn.execute(select(CASES).where(CASES.c.id == case_id)).mappings().one()
    assert row["status"] == "已转派" and row["closed_at"] is None
    assert row["deadline"] == date(2025, 10, 20)
    assert case_id in [c["case_id"] for c in svc.unit_cases("YHQ-CG")]
    assert [e["kind"] for e in svc.timeline(case_id)][-2:] == ["回访", "重办"]
    with engine.connect() as conn:
        counts = count_period(conn, month_period(2025, 9))
    assert (counts.callback_completed, counts.callback_satisfied) == (1, 0)
    # a second round: satisfied this time, closed
    svc.sign(case_id, actor="u-cg")
    svc.reply(case_id, **REPLY, actor="u-cg", at=datetime(2025, 10, 15, 9, tzinfo=CHINA))
    svc.approve_reply(case_id, actor="2001", at=datetime(2025, 10, 15, 10, tzinfo=CHINA))
    state = svc.record_callback(case_id, "满意", actor="1002", at=datetime(2025, 10, 16, 9, tzinfo=CHINA))
    assert state.status == S.CLOSED
    with engine.connect() as conn:
        counts = count_period(conn, month_period(2025, 9))
    assert (counts.callback_completed, counts.callback_satisfied) == (2, 1)
    assert counts.dispatched_closed == 1 and counts.dispatched_closed_on_time == 1
