"""The handling unit's view on a real central database: its list, sign, reply (refused and
accepted, nothing typed lost), extension request, return with reason, and the timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt

from seat_app.domain.dispatch import DispatchStatus
from seat_app.qt.unit import CaseTimeline, UnitView
from seat_app.qt.workers import InlineRunner
from seat_app.services.dispatch.service import DispatchService, record_central_case

S = DispatchStatus


def _dispatched(svc: DispatchService, n: int, unit: str = "YHQ-CG") -> str:
    case_id = record_central_case(svc.engine, {
        "channel": "电话", "caller_name": "李女士", "caller_phone": f"1383591{n:04d}",
        "caller_area": "盐湖区", "caller_address": f"盐湖区解放北路{n}号", "matter": "路灯不亮",
        "description": f"解放北路{n}号门口路灯不亮已经三天。",
    })
    svc.dispatch(case_id, unit, actor="1001")
    return case_id


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_unit_view_lists_only_its_cases_and_signs(qtbot, service):
    mine = [_dispatched(service, n) for n in (1, 2)]
    _dispatched(service, 3, unit="YHQ-ZJ")
    view = UnitView(service, "YHQ-CG", actor="u-cg", runner=InlineRunner())
    qtbot.addWidget(view)
    view.refresh()
    assert sorted(view.case_ids()) == sorted(mine)
    view.select_case(mine[0])
    assert "138****0001" in view.details.text() and "13835910001" not in view.details.text()
    assert not view.reply_button.isEnabled()  # sign first
    _click(qtbot, view.sign_button)
    assert service.state(mine[0]).status == S.SIGNED
    assert view.current_case_id() == mine[0]  # selection kept after the refresh
    assert view.reply_button.isEnabled() and not view.sign_button.isEnabled()
    assert view.timeline.kinds() == ["受理", "转派", "签收"]
    assert view.message.text() == "已签收。"


def test_unit_view_reply_refused_keeps_text_then_sent(qtbot, service):
    case_id = _dispatched(service, 1)
    service.sign(case_id, actor="u-cg")
    view = UnitView(service, "YHQ-CG", actor="u-cg", runner=InlineRunner())
    qtbot.addWidget(view)
    view.refresh()
    view.select_case(case_id)
    view.reason_edit.setPlainText("已处理")
    view.public_edit.setPlainText("路灯已经修好，感谢您对城市管理工作的支持。")
    _click(qtbot, view.reply_button)
    assert "太短" in view.message.text()
    assert view.reason_edit.toPlainText() == "已处理"  # nothing typed is lost
    assert service.state(case_id).status == S.SIGNED
    view.truth.setCurrentText("不属实")
    view.resolution.setCurrentText("未解决")
    view.reason_edit.setPlainText("经现场核查，该路灯属于小区物业自管设施，已告知物业维修。")
    _click(qtbot, view.reply_button)
    state = service.state(case_id)
    assert state.status == S.REPLIED
    assert (state.reply.truth, state.reply.resolution) == ("不属实", "未解决")
    assert view.reason_edit.toPlainText() == ""
    assert case_id not in view.case_ids()  # no longer owed by the unit
    view.include_done.setChecked(True)
    assert case_id in view.case_ids()
    view.select_case(case_id)
    assert not view.reply_button.isEnabled()


def test_unit_view_extension_and_return(qtbot, service):
    late, wrong = _dispatched(service, 1), _dispatched(service, 2)
    view = UnitView(service, "YHQ-CG", actor="u-cg", runner=InlineRunner())
    qtbot.addWidget(view)
    view.refresh()
    view.select_case(late)
    view.ext_days.setValue(3)
    view.ext_reason.setPlainText("需要协调供电部门停电后施工")
    _click(qtbot, view.ext_button)
    assert service.state(late).pending_extension.days == 3
    view.select_case(late)
    assert not view.ext_button.isEnabled()  # one pending request at a time
    assert "延期申请待审批" in view.details.text()
    view.select_case(wrong)
    view.return_reason.setPlainText("不是")
    _click(qtbot, view.return_button)
    assert "原因" in view.message.text() and view.return_reason.toPlainText() == "不是"
    view.return_reason.setPlainText("该路段路灯由住建部门管理，请改派")
    _click(qtbot, view.return_button)
    assert service.state(wrong).status == S.UNIT_RETURNED
    assert view.case_ids() == [late]


def test_case_timeline_widget_shows_events_and_newest_request_wins(qtbot, service):
    case_id = _dispatched(service, 1)

    class Deferred:
        def __init__(self):
            self.jobs = []

        def submit(self, job, callback=None):
            self.jobs.append((job, callback))

        def wait(self, timeout_ms=-1):
            return True

    runner = Deferred()
    timeline = CaseTimeline(service.timeline, runner=runner)
    qtbot.addWidget(timeline)
    timeline.show_case("no-such-case")
    timeline.show_case(case_id)
    # the second answer arrives first, then the stale one: the stale one is ignored
    for job, callback in reversed(runner.jobs):
        callback(job(), None)
    assert timeline.kinds() == ["受理", "转派"]
    assert "盐湖区城市管理局" in timeline.table.item(1, 3).text()
    timeline.show_case(None)
    assert timeline.kinds() == []


def test_open_unit_view_by_unit_name(qtbot, service):
    from seat_app.qt.unit import open_unit_view

    case_id = _dispatched(service, 1)
    view = open_unit_view(service.engine, "盐湖区城市管理局", actor="4001", runner=InlineRunner())
    qtbot.addWidget(view)
    assert view.unit_code == "YHQ-CG" and view.case_ids() == [case_id]
    assert service.unit_code("YHQ-CG") == "YHQ-CG" and service.unit_code("不存在") is None
