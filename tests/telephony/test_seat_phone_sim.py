"""The phone in the seat window with the demo simulator and desk-phone intake (no SIP):
screen pop, F2/F4 through the phone, hold, transfer, agent state <-> do-not-disturb, the
desk-phone fallback for every channel, and the call record with its case number."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import pytest
from PySide6.QtCore import Qt

from seat_app.domain.queue import SeatState
from seat_app.qt.seat.phone import install_phone
from seat_app.services.config import open_home
from seat_app.services.local.store import LocalStore
from seat_app.services.telephony import Outcome, SimulatedTelephony

from .seat_window import build_window

pytestmark = pytest.mark.telephony
CITIZEN = "13912345678"


@pytest.fixture
def seat(qtbot, seat_home):
    home = open_home(seat_home)
    store = LocalStore.open(home)
    window, cases = build_window(qtbot, home, store)
    made = {}

    def adapter(sink):
        made["sim"] = SimulatedTelephony(sink=sink)
        return made["sim"]

    phone = install_phone(window, adapter)
    yield window, phone, made, cases
    window.close()
    phone.stop()
    store.close()


def _ready(qtbot, window):
    window.become_ready()
    assert window.seat_state == SeatState.READY


def test_ring_pops_history_then_f2_f4_through_the_phone(qtbot, seat) -> None:
    window, phone, made, cases = seat
    cases.save_case({"caller_phone": CITIZEN, "channel": "电话", "matter": "停水",
                     "description": "小区停水三天", "handling": "转派",
                     "handling_unit": "市水务局"})
    _ready(qtbot, window)
    sim = made["sim"]
    qtbot.waitUntil(lambda: sim.ready is True, timeout=2000)
    with qtbot.waitSignal(phone.popped, timeout=2000):
        call = sim.ring("+86 139 1234 5678")       # the PBX sends the international form
    assert window.seat_state == SeatState.RINGING
    assert "139****5678" in phone.pop.text() and "未办结 1 件" in phone.pop.text()
    assert window.history_panel.tree.topLevelItemCount() == 1
    with qtbot.waitSignal(phone.established, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.seat_state == SeatState.ON_CALL and call in phone.answered
    assert phone.state_label.text() == "话机：通话中"
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: phone.held, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: not phone.held, timeout=2000)
    with qtbot.waitSignal(phone.recorded, timeout=2000) as got:
        qtbot.keyClick(window, Qt.Key.Key_F4)
    assert window.seat_state == SeatState.AFTER_CALL_WORK
    assert got.args[0].outcome == Outcome.ANSWERED and got.args[0].call_id == call
    assert sim.ready is False  # after-call work: the phone takes no new call


def test_caller_hangs_up_missed_and_emergency_transfer(qtbot, seat) -> None:
    window, phone, made, _ = seat
    sim = made["sim"]
    _ready(qtbot, window)
    qtbot.waitUntil(lambda: sim.ready is True, timeout=2000)
    call = sim.ring("13800000001")
    with qtbot.waitSignal(phone.recorded, timeout=2000) as got:
        sim.caller_hangs_up(call)   # gave up while ringing
    assert got.args[0].outcome == Outcome.MISSED
    assert window.seat_state == SeatState.READY and "未接听即挂断" in window.notice.text()
    qtbot.waitUntil(lambda: sim.ready is True, timeout=2000)  # offered again once ready

    call = sim.ring(CITIZEN)
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: call in phone.answered, timeout=2000)
    with qtbot.waitSignal(phone.recorded, timeout=2000) as got:
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.AltModifier)
    assert got.args[0].outcome == Outcome.TRANSFERRED and got.args[0].transferred_to == "110"
    assert window.script_panel.special_active
    assert window.seat_state == SeatState.AFTER_CALL_WORK  # the case is still to be saved


def test_agent_state_drives_do_not_disturb_and_a_pbx_pause_means_break(qtbot, seat) -> None:
    window, phone, made, _ = seat
    sim = made["sim"]
    _ready(qtbot, window)
    qtbot.waitUntil(lambda: sim.ready is True, timeout=2000)
    window.toggle_break()
    qtbot.waitUntil(lambda: sim.ready is False, timeout=2000)
    assert sim.ring(CITIZEN) == ""     # not offered on break
    window.toggle_break()
    qtbot.waitUntil(lambda: sim.ready is True and phone.phone_ready is True, timeout=2000)
    qtbot.waitUntil(lambda: phone._synced_ready, timeout=2000)  # the phone echoed Seat's state
    sim.set_ready(False, "pbx pause")  # paused on the PBX side
    qtbot.waitUntil(lambda: window.seat_state == SeatState.BREAK, timeout=2000)


def test_desk_phone_intake_for_a_desk_call_and_a_letter(qtbot, seat) -> None:
    window, phone, _made, _ = seat
    _ready(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    dialog = phone.desk_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.number.setText("abc")                      # bad input: said, nothing happens
    dialog._ok()
    assert dialog.isVisible() and dialog.error.text()
    assert window.seat_state == SeatState.READY
    dialog.number.setText("０３５９－２２２３３４４")     # full-width, pasted from a note
    with qtbot.waitSignal(phone.established, timeout=2000):
        dialog._ok()
    assert not dialog.isVisible() and window.seat_state == SeatState.ON_CALL
    assert window.case_form.data()["caller_phone"] == "03592223344"
    window.case_form.ui.callerEdit.insert("王女士")
    window.case_form.ui.descriptionEdit.setPlainText("咨询公积金提取需要的材料")
    with qtbot.waitSignal(phone.recorded, timeout=2000) as got:
        qtbot.keyClick(window, Qt.Key.Key_F4)
    assert got.args[0].source == "manual" and got.args[0].channel == "电话"

    window.calls.set_state(SeatState.READY)
    window.reset_call()
    phone.desk_intake("", "信件")                     # a letter: no number needed
    assert window.seat_state == SeatState.ON_CALL
    assert window.case_form.data()["channel"] == "信箱"   # the form's channel for letters
    with qtbot.waitSignal(phone.recorded, timeout=2000) as got:
        phone.hangup()
    assert got.args[0].channel == "信件"


def test_click_to_dial_from_a_work_list_records_the_result_for_the_survey(qtbot, seat) -> None:
    from PySide6.QtWidgets import QLineEdit

    from seat_app.qt.widgets.tel_dial import call_result_note, dial_action

    window, phone, made, _ = seat
    worklist = QLineEdit("13800000077")          # stands for the selected row's number
    qtbot.addWidget(worklist)
    action = dial_action(worklist, worklist.text, phone.dial)
    assert action.isEnabled()
    with qtbot.waitSignal(phone.established, timeout=2000):
        action.trigger()
    qtbot.waitUntil(lambda: made["sim"].ready is False, timeout=2000)  # no inbound call now
    with qtbot.waitSignal(phone.recorded, timeout=2000) as got:
        phone.hangup()
    record = got.args[0]
    assert record.direction == "outbound" and record.caller_number == "13800000077"
    assert call_result_note(record).startswith("电话已接通")
    made["sim"].citizen_answers = False
    with qtbot.waitSignal(phone.recorded, timeout=2000) as got:
        action.trigger()
    assert call_result_note(got.args[0]) == "电话未接通"
    assert not dial_action(worklist, worklist.text, None).isEnabled()   # no phone here
    assert window.seat_state != SeatState.ON_CALL  # an outbound call opens no new case


def test_shell_install_from_settings_records_through_the_outbox(qtbot, seat_home) -> None:
    from seat_app.qt.seat.phone import install_phone_from_settings
    from seat_app.services.config import TelephonySettings

    home = open_home(seat_home)
    store = LocalStore.open(home)
    window, _ = build_window(qtbot, home, store)
    phone = install_phone_from_settings(window, TelephonySettings(adapter="manual"),
                                        central_engine=None, local_store=store)
    try:
        window.become_ready()
        qtbot.waitUntil(lambda: phone.link_up, timeout=2000)
        phone.desk_intake("13912345678")
        with qtbot.waitSignal(phone.recorded, timeout=2000):
            qtbot.keyClick(window, Qt.Key.Key_F4)
        ops = [o for o in store.outbox_ops() if o.op.entity == "call_records"]
        assert len(ops) == 1 and ops[0].op.changes["caller_number"][1] == "13912345678"
    finally:
        window.close()
        phone.stop()
        store.close()


def test_missed_call_return_list_dials_and_empties(qtbot, seat_home, tmp_path) -> None:
    from seat_app.services.store.engine import make_engine, upgrade
    from seat_app.services.telephony.calllog import CallLog

    home = open_home(seat_home)
    store = LocalStore.open(home)
    central = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(central)
    window, _ = build_window(qtbot, home, store)
    made = {}

    def adapter(sink):
        made["sim"] = SimulatedTelephony(sink=sink)
        return made["sim"]

    phone = install_phone(window, adapter, call_log=CallLog(central, local=store))
    sim = made["sim"]
    try:
        window.become_ready()
        qtbot.waitUntil(lambda: sim.ready is True, timeout=2000)
        call = sim.ring("13800000055")
        with qtbot.waitSignal(phone.recorded, timeout=2000):
            sim.caller_hangs_up(call)                      # missed
        qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.AltModifier)
        dialog = phone.missed_dialog
        qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=2000)
        assert "13800000055" in dialog.list.item(0).text()
        with qtbot.waitSignal(phone.established, timeout=2000):
            dialog.list.itemActivated.emit(dialog.list.item(0))   # Enter: call back
        with qtbot.waitSignal(phone.recorded, timeout=2000):
            phone.hangup()
        qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=2000)   # returned
        assert "0 个未接来电" in dialog.title.text()
    finally:
        window.close()
        phone.stop()
        store.close()
        central.dispose()


def test_reconnect_key_makes_a_fresh_link_and_ends_the_old_call(qtbot, seat) -> None:
    window, phone, made, _ = seat
    _ready(qtbot, window)
    first = made["sim"]
    qtbot.waitUntil(lambda: first.ready is True, timeout=2000)
    call = first.ring(CITIZEN)
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: call in phone.answered, timeout=2000)
    window.case_form.ui.descriptionEdit.insertPlainText("重连前输入的内容")
    with qtbot.waitSignal(phone.recorded, timeout=2000) as got:
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.AltModifier)
    assert got.args[0].end_reason == "reconnect"
    assert made["sim"] is not first and phone.link_up
    assert window.seat_state == SeatState.AFTER_CALL_WORK
    assert "重连前输入的内容" in window.case_form.data()["description"]
    first.set_ready(False, "late news from the old link")   # not heard any more
    assert window.seat_state == SeatState.AFTER_CALL_WORK
