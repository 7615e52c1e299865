"""The lead's review desk on a real central file with the real DispatchService: its lists,
approving a pre-review, returning a reply with a reason, granting an extension, raising
supervision, dispatching seat cases; a refused action shows the rule's message (Chinese,
English after the language switch) and keeps what was typed."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from seat_app.domain.dispatch import DispatchStatus
from seat_app.domain.supervision import SupervisionLevel
from seat_app.qt.lead.review_desk import ReviewDesk
from seat_app.qt.workers import InlineRunner
from seat_app.services.dispatch.service import (
    china_now,
    record_central_case,
)

S = DispatchStatus
LAMP = "路灯不亮"
CONDUCT = "工作人员作风"  # needs the center's pre-review


def _case(svc, n: int, matter: str = LAMP, **extra) -> str:
    return record_central_case(svc.engine, {
        "channel": "电话", "caller_name": "李女士", "caller_phone": f"1383592{n:04d}",
        "caller_area": "盐湖区", "caller_address": f"盐湖区解放北路{n}号", "matter": matter,
        "description": f"解放北路{n}号门口的问题已经三天没人管。", **extra,
    }, actor="1001")


@pytest.fixture
def world(service):
    """One case in each of the desk's lists."""
    svc = service
    now = china_now()
    cases = {}
    cases["pre"] = _case(svc, 1, CONDUCT)
    assert svc.send(cases["pre"], "YHQ-XZSP", actor="1001").status == S.PRE_REVIEW
    cases["replied"] = _case(svc, 2)
    svc.dispatch(cases["replied"], "YHQ-CG", actor="1001")
    svc.sign(cases["replied"], actor="u-cg", unit_code="YHQ-CG")
    svc.reply(cases["replied"], truth="属实", resolution="已解决",
              reason="经现场核查，路灯线路老化，已更换线路并恢复照明。",
              public_reply="您反映的路灯已修复，感谢您的监督。", actor="u-cg", unit_code="YHQ-CG")
    # dispatched six weeks ago: overdue, and the unit asks for more days
    old = now - timedelta(days=42)
    cases["late"] = _case(svc, 3, accepted_at=old)
    svc.dispatch(cases["late"], "YHQ-CG", actor="1001", at=old)
    svc.request_extension(cases["late"], 3, "需要协调供电部门停电后施工", actor="u-cg",
                          unit_code="YHQ-CG", at=old + timedelta(days=2))
    cases["seat"] = _case(svc, 4, handling="转派", handling_unit="盐湖区城市管理局")
    return cases


def _desk(qtbot, svc) -> ReviewDesk:
    desk = ReviewDesk(svc, actor="9001", runner=InlineRunner())
    qtbot.addWidget(desk)
    desk.show()
    desk.refresh()
    return desk


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_desk_lists_each_kind_of_work(qtbot, service, world):
    desk = _desk(qtbot, service)
    assert desk.case_ids("pre_review") == [world["pre"]]
    assert desk.case_ids("replied") == [world["replied"]]
    assert desk.case_ids("extensions") == [world["late"]]
    assert desk.case_ids("seat") == [world["seat"]]
    assert desk.case_ids("deadline") == [world["late"]]
    deadline_table = desk.tables["deadline"]
    assert deadline_table.item(0, 5).text() == "超期"
    assert "申请延期 3 个工作日" in desk.tables["extensions"].item(0, 6).text()
    assert desk.lists.tabText(0).endswith("(1)")
    # nothing selected: no action is offered
    assert not any(b.isEnabled() for b in (desk.approve_pre_button, desk.approve_reply_button,
                                           desk.grant_ext_button, desk.supervise_button))
    assert desk.dispatch_seat_button.isEnabled()


def test_approve_pre_review_dispatches_and_shows_timeline(qtbot, service, world):
    desk = _desk(qtbot, service)
    assert desk.select_case(world["pre"], "pre_review")
    assert desk.approve_pre_button.isEnabled() and not desk.approve_reply_button.isEnabled()
    assert desk.timeline.kinds() == ["受理", "提交预审"]
    _click(qtbot, desk.approve_pre_button)
    state = service.state(world["pre"])
    assert state.status == S.DISPATCHED and state.unit_code == "YHQ-XZSP"
    assert desk.case_ids("pre_review") == []
    assert desk.timeline.case_id == world["pre"]
    assert desk.timeline.kinds() == ["受理", "提交预审", "预审通过"]
    assert "预审通过" in desk.message.text() and desk.message.property("error") is False


def test_return_reply_refused_without_reason_keeps_text_then_returns(qtbot, service, world):
    from seat_app.qt.i18n import Translations

    desk = _desk(qtbot, service)
    desk.select_case(world["replied"], "replied")
    desk.sup_reason_edit.setPlainText("顺便写的督办草稿")
    desk.reason_edit.setPlainText("  ")
    _click(qtbot, desk.return_reply_button)
    refused = desk.message.text()
    assert desk.message.property("error") is True
    assert refused == "退回回复必须填写原因（至少 4 个字）。", refused
    assert service.state(world["replied"]).status == S.REPLIED
    assert desk.reason_edit.toPlainText() == "  "  # what was typed stays
    # the language switch shows the same refusal in English
    translations = Translations()
    try:
        translations.apply("en")
        qtbot.waitUntil(lambda: desk.language == "en", timeout=2000)
        english = desk.message.text()
        assert english != refused and "Returning a reply" in english, english
    finally:
        translations.apply("zh")
    qtbot.waitUntil(lambda: desk.language == "zh", timeout=2000)
    assert desk.message.text() == refused
    desk.reason_edit.setPlainText("回复未说明线路更换后的验收情况，请补充现场照片。")
    _click(qtbot, desk.return_reply_button)
    state = service.state(world["replied"])
    assert state.status == S.REPLY_RETURNED and state.reply_return_count == 1
    assert desk.reason_edit.toPlainText() == ""
    assert desk.sup_reason_edit.toPlainText() == "顺便写的督办草稿"  # another action's text
    notes = [e["note"] for e in service.timeline(world["replied"]) if e["kind"] == "退回"]
    assert notes and "验收情况" in notes[-1]
    assert desk.timeline.kinds()[-1] == "退回"
    assert world["replied"] not in desk.case_ids("replied")


def test_grant_extension_moves_the_deadline(qtbot, service, world):
    before = service.state(world["late"])
    desk = _desk(qtbot, service)
    desk.select_case(world["late"], "extensions")
    assert desk.grant_ext_button.isEnabled()
    _click(qtbot, desk.grant_ext_button)
    after = service.state(world["late"])
    assert after.pending_extension is None and after.extensions_granted == 1
    assert after.deadline > before.deadline
    assert desk.case_ids("extensions") == []
    assert desk.timeline.kinds()[-1] == "延期批准"


def test_raise_supervision_then_lowering_is_refused(qtbot, service, world):
    desk = _desk(qtbot, service)
    desk.select_case(world["late"], "deadline")
    desk.level_box.setCurrentIndex(desk.level_box.findData(int(SupervisionLevel.ON_SITE)))
    desk.sup_reason_edit.setPlainText("超期六周未办结，现场督办")
    _click(qtbot, desk.supervise_button)
    records = service.supervisions(world["late"])
    assert [(r.level, r.raised_by) for r in records] == [(SupervisionLevel.ON_SITE, "9001")]
    assert desk.sup_reason_edit.toPlainText() == ""
    assert desk.timeline.kinds()[-1] == "督办"
    desk.select_case(world["late"], "deadline")
    desk.level_box.setCurrentIndex(desk.level_box.findData(int(SupervisionLevel.WRITTEN)))
    desk.sup_reason_edit.setPlainText("改为书面督办")
    _click(qtbot, desk.supervise_button)
    assert "督办级别不能降低" in desk.message.text()
    assert desk.sup_reason_edit.toPlainText() == "改为书面督办"
    assert len(service.supervisions(world["late"])) == 1
    _click(qtbot, desk.escalate_button)  # one level up, with the reason typed
    assert [r.level for r in service.supervisions(world["late"])][-1] == SupervisionLevel.HOTLINE_LED


def test_dispatch_seat_cases_enters_the_flow(qtbot, service, world):
    desk = _desk(qtbot, service)
    _click(qtbot, desk.dispatch_seat_button)
    state = service.state(world["seat"])
    assert state is not None and state.status == S.DISPATCHED and state.unit_code == "YHQ-CG"
    assert desk.case_ids("seat") == [] and not desk.dispatch_seat_button.isEnabled()
    assert "已派发 1 件" in desk.message.text()


def test_console_has_the_desk_tab_and_loads_it_when_shown(qtbot, service, world):
    from seat_app.qt.lead.console import open_console

    console = open_console(service.engine, lead="9001", runner=InlineRunner(),
                           desk_refresh_ms=60000)
    qtbot.addWidget(console)
    console.show()
    assert console.desk is not None and console.desk.snapshot is None
    console.tabs.setCurrentWidget(console.desk)
    assert console.desk.case_ids("pre_review") == [world["pre"]]
    assert console.desk.timer.interval() == 60000
    console.start()
    try:
        assert console.timer.isActive() and console.desk.timer.isActive()
    finally:
        console.stop()
    assert not console.desk.timer.isActive()
    assert isinstance(console.desk.snapshot.at, datetime)
    assert console.desk.snapshot.at.tzinfo is not None


def test_flag_an_unreasonable_seat_request_closes_it_without_a_unit(qtbot, service, world):
    desk = _desk(qtbot, service)
    assert desk.select_case(world["seat"], "seat")
    assert desk.unreasonable_button.isEnabled()
    desk.unreasonable_box.setCurrentIndex(desk.unreasonable_box.findData("已答复仍反复诉求"))
    _click(qtbot, desk.unreasonable_button)  # no reason typed: refused, nothing changes
    assert service.state(world["seat"]) is None or service.state(world["seat"]).status != S.CLOSED
    assert desk.message.property("error") is True
    desk.reason_edit.setPlainText("同一诉求已于本月三次答复，来电人仍要求为其个人修路。")
    _click(qtbot, desk.unreasonable_button)
    state = service.state(world["seat"])
    assert state.status == S.CLOSED and not state.unit_code
    assert desk.case_ids("seat") == []
    assert desk.timeline.kinds() == ["受理", "不合理诉求"]
    assert "不合理诉求" in desk.message.text()
    # a case already at a unit is not offered the flag
    assert desk.select_case(world["late"], "deadline")
    assert not desk.unreasonable_button.isEnabled()
