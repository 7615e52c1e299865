"""The callback work list on a real central database: the list and its filled script, the
result buttons (满意 closes, 不满意 + reason reopens, a missing reason is refused and kept),
and unanswered attempts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import text

from seat_app.domain.dispatch import DispatchStatus
from seat_app.qt.callback import CallbackWorklist
from seat_app.qt.workers import InlineRunner
from seat_app.services.dispatch.service import DispatchService, record_central_case

S = DispatchStatus
PUBLIC = "您反映的路灯不亮问题已修复，感谢您对城市管理工作的支持。"


def _reviewed(svc: DispatchService, n: int) -> str:
    case_id = record_central_case(svc.engine, {
        "channel": "电话", "caller_name": f"王{n}", "caller_phone": f"1383592{n:04d}",
        "caller_area": "盐湖区", "caller_address": f"盐湖区河东东街{n}号", "matter": "路灯不亮",
        "description": "门口路灯不亮。",
    })
    svc.dispatch(case_id, "YHQ-CG", actor="1001")
    svc.sign(case_id, actor="u-cg")
    svc.reply(case_id, truth="属实", resolution="已解决", reason="已更换灯泡并检修线路，恢复照明。",
              public_reply=PUBLIC, actor="u-cg")
    svc.approve_reply(case_id, actor="2001")
    return case_id


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _surveys(svc) -> list[tuple]:
    with svc.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            text("SELECT case_id, completed, result, agent FROM callback_surveys ORDER BY id"))]


def test_callback_worklist_script_and_satisfied_closes(qtbot, service):
    first, second = _reviewed(service, 1), _reviewed(service, 2)
    view = CallbackWorklist(service, actor="1002", runner=InlineRunner())
    qtbot.addWidget(view)
    view.refresh()
    assert sorted(view.case_ids()) == sorted([first, second])
    view.select_case(first)
    script = view.script.toPlainText()
    number = service.case_summary(first)["case_number"]
    assert "1002号话务员" in script and "王1" in script and number in script
    assert "盐湖区城市管理局" in script and PUBLIC in script and "{" not in script
    _click(qtbot, view.satisfied_button)
    assert service.state(first).status == S.CLOSED
    assert _surveys(service) == [(first, True, "满意", "1002")]
    assert view.case_ids() == [second]
    assert view.timeline.case_id == second
    assert "已办结" in view.message.text()


def test_callback_dissatisfied_reopen_needs_reason(qtbot, service):
    case_id = _reviewed(service, 1)
    view = CallbackWorklist(service, actor="1002", runner=InlineRunner())
    qtbot.addWidget(view)
    view.refresh()
    view.reopen_check.setChecked(True)
    view.note_edit.setText("来电人说灯只亮了一天")
    _click(qtbot, view.dissatisfied_button)
    assert "重办" in view.message.text() and "原因" in view.message.text()
    assert service.state(case_id).status == S.REVIEWED and _surveys(service) == []
    assert view.note_edit.text() == "来电人说灯只亮了一天"  # kept
    view.reopen_reason.setPlainText("路灯修好后第二天又不亮了")
    _click(qtbot, view.dissatisfied_button)
    state = service.state(case_id)
    assert state.status == S.DISPATCHED and state.reopen_count == 1 and state.unit_code == "YHQ-CG"
    assert _surveys(service) == [(case_id, True, "不满意", "1002")]
    assert view.case_ids() == []
    assert view.script.toPlainText() == "今日没有待回访的工单。"
    assert not view.satisfied_button.isEnabled()


def test_callback_unreachable_leaves_todays_list(qtbot, service):
    case_id = _reviewed(service, 1)
    view = CallbackWorklist(service, actor="1002", runner=InlineRunner())
    qtbot.addWidget(view)
    view.refresh()
    _click(qtbot, view.unreachable_button)
    assert service.callback_book(case_id).attempts == 1
    assert "第 1 次" in view.message.text()
    assert view.case_ids() == []  # tried today: back on tomorrow's list
    assert service.state(case_id).status == S.REVIEWED
    assert _surveys(service) == [(case_id, False, "", "1002")]
