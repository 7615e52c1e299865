"""The seat window after the call, on the real services of a small demo home (central
SQLite file, seat-local store, sync, dispatch service, seat messages): a saved and synced
case's timeline from the caller history, the duplicate banner for a repeated caller + matter
and its link (applied once the new case has synced), a team lead's message shown and marked
read, the callback work list from the menu, and a window that stays usable with the central
database unreachable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from seat_app.domain.case import Channel, Handling
from seat_app.domain.queue import SeatState
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import CentralDispatch, SeatMessages, build_services
from seat_app.qt.workers import SeatRunners
from seat_app.services.dispatch.service import DispatchService, record_central_case
from seat_app.services.queue.service import QueueService, SeatService
from seat_app.services.store.engine import make_engine

PHONE = "13835955501"
ADDRESS = "盐湖区河东东街88号"


@pytest.fixture
def real_window(qtbot, demo_home):
    """A started seat window on build_services(demo_home) with real threads; and the central engine."""
    services, closers = build_services(demo_home, demo=False)
    assert services.notes == [], services.notes
    assert services.dispatch is not None and services.messages is not None
    runners = SeatRunners.threads()
    window = SeatWindow(
        services,
        runners=runners,
        queue_poll_ms=50,
        sync_poll_ms=200,
        search_delay_ms=20,
        duplicate_delay_ms=50,
    )
    qtbot.addWidget(window)
    central = make_engine(demo_home.central_url)
    window.show()
    window.activateWindow()
    yield window, central
    window.close()
    for runner in (runners.local, runners.central, runners.search, runners.sync):
        runner.wait(5000)
    central.dispose()
    for close in closers:
        close()


def _take_call(qtbot, window: SeatWindow, central) -> None:
    QueueService(central).enqueue(Channel.PHONE.value, {"area": "盐湖区"}, caller_phone=PHONE)
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
    window.accept_call()


def _fill_dispatch(window: SeatWindow, description: str) -> None:
    form = window.case_form.ui
    form.callerEdit.setText("李先生")
    form.addressEdit.setText(ADDRESS)
    window.case_form.picker.choose("路灯不亮")
    form.descriptionEdit.setPlainText(description)
    window.choose_handling(Handling.DISPATCH)
    if not form.unitEdit.text().strip():
        form.unitEdit.setText("盐湖区城市管理局")


def _save(qtbot, window: SeatWindow) -> str:
    window.save_case()
    qtbot.waitUntil(lambda: window.saved or "失败" in window.notice.text(), timeout=5000)
    assert window.saved, window.notice.text()
    return window.case_id


def _central_status(central, case_id: str) -> tuple[str, str] | None:
    with central.connect() as conn:
        row = conn.execute(
            text("SELECT c.status, d.duplicate_of FROM cases c LEFT JOIN case_dispatch d"
                 " ON d.case_id = c.id WHERE c.id = :i"), {"i": case_id}
        ).first()
    return None if row is None else (row[0], row[1])


def test_timeline_duplicate_banner_and_link(qtbot, real_window) -> None:
    window, central = real_window
    window.start()
    qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=5000)

    # first call: a dispatched case, saved and synced
    _take_call(qtbot, window, central)
    _fill_dispatch(window, "河东东街88号门口路灯晚上不亮，已经一周了。")
    first_id, first_no = _save(qtbot, window), window.case_number
    qtbot.waitUntil(lambda: _central_status(central, first_id) is not None, timeout=8000)
    window.end_call()
    window.become_ready()

    # second call, same caller and matter: the banner names the first case
    _take_call(qtbot, window, central)
    qtbot.waitUntil(lambda: len(window.history_panel.cases) == 1, timeout=5000)
    assert not window.duplicate_banner.isVisible()
    _fill_dispatch(window, "门口路灯还是不亮。")
    qtbot.waitUntil(window.duplicate_banner.isVisible, timeout=5000)
    assert window.duplicate_banner.suggestion["earlier_case_id"] == first_id
    banner = window.duplicate_banner.text()
    assert banner.startswith(f"疑似重复件：工单 {first_no}（") and "路灯不亮" in banner
    assert QApplication.activeModalWidget() is None  # a banner, not a dialog

    # link before saving: queued, applied on the central database after the save has synced
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.duplicate_banner.linked_to == first_no
    with qtbot.waitSignal(window.duplicate_linked, timeout=10000) as linked:
        second_id = _save(qtbot, window)
    assert linked.args == [second_id, first_id]
    assert _central_status(central, second_id) == ("已办结", first_id)
    assert window.pending_links == []
    assert "重复件" in window.notice.text()

    # the caller history: Enter on the first case shows its timeline, status, unit, deadline
    tree = window.history_panel.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    dialog = window.timeline_dialog
    assert dialog is not None and dialog.isVisible() and dialog.case_id == first_id
    qtbot.waitUntil(lambda: dialog.timeline.table.rowCount() > 0, timeout=5000)
    assert "受理" in dialog.timeline.kinds()
    header = dialog.header_text()
    assert first_no in header and "盐湖区城市管理局" in header
    assert "办理时限：—" not in header  # a dispatched case has its deadline
    # Ctrl+T on the current call's own case (no history row chosen): the link is on its timeline
    tree.setCurrentItem(None)
    window.show_timeline()
    qtbot.waitUntil(lambda: dialog.case_id == second_id and "重复件并案" in dialog.timeline.kinds(),
                    timeout=5000)
    assert "受理" in dialog.timeline.kinds()
    assert "状态：办结" in dialog.header_text()


def test_lead_message_shown_and_marked_read_callbacks_from_menu(qtbot, real_window, demo_home) -> None:
    window, central = real_window
    seats = SeatService(central)
    code = demo_home.settings.seat_code
    seats.ensure_seat(code)
    seats.message(code, "请10点后去小休", sender="2001")
    reviewed = _reviewed_case(central)
    window.start()
    qtbot.waitUntil(window.message_panel.isVisible, timeout=5000)
    assert "请10点后去小休" in window.message_panel.text()
    badge = window.status.messages_label
    assert badge.isVisible() and "1" in badge.text()
    assert len(seats.unread_messages(code)) == 1  # shown is not read
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.message_panel.isVisible(), timeout=5000)
    assert seats.unread_messages(code) == []
    assert not badge.isVisible()

    # the callback work list: in the 话后 menu, on the F1 sheet, opened by its shortcut
    action = window.actions_by_name["callbacks"]
    assert action in window.menus["after"].actions()
    sheet = window.show_shortcuts()
    sheet_text = sheet.text()
    sheet.close()
    for keys in ("Ctrl+Shift+H", "Ctrl+T", "Ctrl+Shift+M", "Ctrl+Shift+D"):
        assert keys in sheet_text
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    worklist = window.callback_window
    assert worklist is not None and worklist.objectName() == "callbackWorklist"
    assert worklist.isVisible() and worklist.isWindow()
    qtbot.waitUntil(lambda: reviewed in worklist.case_ids(), timeout=5000)
    assert not worklist.message.property("error")


def _reviewed_case(central) -> str:
    """A dispatched, replied and reviewed case: due for a callback survey."""
    svc = DispatchService(central)
    case_id = record_central_case(central, {
        "channel": "电话", "caller_name": "王女士", "caller_phone": "13835900001",
        "caller_area": "盐湖区", "caller_address": "盐湖区河东东街1号", "matter": "路灯不亮",
        "description": "门口路灯不亮。",
    })
    svc.dispatch(case_id, "YHQ-CG", actor="1001")
    svc.sign(case_id, actor="u-cg")
    svc.reply(case_id, truth="属实", resolution="已解决", reason="已更换灯泡并检修线路，恢复照明。",
              public_reply="您反映的路灯不亮问题已修复。", actor="u-cg")
    svc.approve_reply(case_id, actor="2001")
    return case_id


class CountingDispatch(CentralDispatch):
    def __init__(self, engine, actor: str) -> None:
        super().__init__(engine, actor)
        self.asked = 0

    def suggest_duplicates(self, *args, **kwargs):
        self.asked += 1
        return super().suggest_duplicates(*args, **kwargs)


def test_central_database_down_window_stays_usable(qtbot, make_window, list_queue, switchable_sync, tmp_path):
    dead = make_engine(f"sqlite:///{tmp_path / 'no-such-dir' / 'central.sqlite3'}")
    window = make_window(start=False, sync_poll_ms=60_000, duplicate_delay_ms=20)
    dispatch = CountingDispatch(dead, "1001")
    window.services.dispatch = dispatch
    window.services.messages = SeatMessages(dead, "S01")
    window.start()
    list_queue.push(phone=PHONE, channel="电话", area="盐湖区")
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=3000)
    window.accept_call()
    _fill_dispatch(window, "路灯不亮。")
    # the sync has not noticed yet: the suggestion is asked, fails, and nothing shows
    qtbot.waitUntil(lambda: dispatch.asked >= 1, timeout=3000)
    qtbot.wait(100)
    assert not window.duplicate_banner.isVisible()
    assert QApplication.activeModalWidget() is None
    # once the sync found the central database down, the form no longer asks
    switchable_sync.fail_with = ConnectionError("central database unreachable")
    window.sync_now()
    assert "中心数据库暂不可用" in window.notice.text()
    asked = dispatch.asked
    window.case_form.ui.addressEdit.setText("盐湖区解放路1号")
    qtbot.wait(100)
    assert dispatch.asked == asked
    assert not window.duplicate_banner.isVisible()
    # the case still saves locally; its timeline says why it cannot be read now
    case_id = _save(qtbot, window)
    window.show_timeline()
    dialog = window.timeline_dialog
    assert dialog.case_id == case_id and "暂时无法读取" in dialog.message.text()
    dialog.close()
    assert not window.message_panel.isVisible()
    window.end_call()
    window.become_ready()
    assert window.seat_state == SeatState.READY
    dead.dispose()
