"""The seat window with the agent's real softphone: two baresip processes on loopback (the
citizen and the agent), the real seat window, the real local store and case service, and
the call records on a real central database (SQLite file)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from seat_app.domain.queue import SeatState
from seat_app.qt.seat.phone import install_phone
from seat_app.services.config import open_home
from seat_app.services.local.store import LocalStore
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.telephony import BaresipAdapter, EventKind, EventQueue, Outcome
from seat_app.services.telephony.calllog import CallLog

from .conftest import CITIZEN_NUMBER
from .seat_window import build_window

pytestmark = pytest.mark.telephony
K = EventKind


@pytest.fixture
def sip_seat(qtbot, seat_home, phones, tmp_path):
    agent_phone, citizen_phone = phones
    home = open_home(seat_home)
    store = LocalStore.open(home)
    central = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(central)
    window, cases = build_window(qtbot, home, store)
    log = CallLog(central, local=store, seat_code="S01")

    def adapter(sink):
        return BaresipAdapter(sink, port=agent_phone.config.ctrl_port, retry_s=0.05,
                              dial_domain=f"127.0.0.1:{citizen_phone.config.sip_port}")

    phone = install_phone(window, adapter, call_log=log)
    citizen_events = EventQueue()
    citizen = BaresipAdapter(citizen_events, port=citizen_phone.config.ctrl_port, retry_s=0.05,
                             dial_domain=f"127.0.0.1:{agent_phone.config.sip_port}")
    citizen.start()
    citizen_events.wait_for(K.CONNECTED)
    qtbot.waitUntil(lambda: phone.link_up, timeout=5000)
    window.become_ready()
    qtbot.waitUntil(lambda: phone.adapter.ready, timeout=3000)

    class Seat:
        pass

    s = Seat()
    s.window, s.phone, s.cases, s.log, s.citizen, s.citizen_events = (
        window, phone, cases, log, citizen, citizen_events)
    s.agent_phone = agent_phone
    s.call_seat = lambda: citizen.command("dial", agent_phone.config.aor)
    yield s
    citizen.stop()
    window.close()
    phone.stop()
    store.close()
    central.dispose()


def test_ring_pops_history_f2_establishes_hangup_gives_after_call_work_and_a_record(
        qtbot, sip_seat) -> None:
    s = sip_seat
    w = s.window
    s.cases.save_case({"caller_phone": CITIZEN_NUMBER, "channel": "电话", "matter": "停水",
                       "description": "小区停水三天", "handling": "转派",
                       "handling_unit": "市水务局"})
    before = datetime.now(UTC)
    with qtbot.waitSignal(s.phone.popped, timeout=5000) as pop:
        s.call_seat()
    assert w.seat_state == SeatState.RINGING
    assert "139****5678" in s.phone.pop.text() and "未办结 1 件" in s.phone.pop.text()
    assert w.history_panel.tree.topLevelItemCount() == 1       # before the answer
    assert pop.args[1] < 1000

    with qtbot.waitSignal(s.phone.established, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_F2)
    assert s.citizen_events.wait_for(K.ANSWERED, timeout=5)    # both sides report it
    assert w.seat_state == SeatState.ON_CALL
    w.case_form.load({**w.case_form.data(), "caller_name": "张女士", "matter": "停水",
                      "description": "小区又停水了，上次的工单还没办结", "handling": "直接办理",
                      "reply_text": "已告知供水抢修进度。"})

    with qtbot.waitSignal(s.phone.recorded, timeout=5000) as got:
        s.citizen.hangup()                                      # the caller hangs up
    assert w.seat_state == SeatState.AFTER_CALL_WORK
    assert "小区又停水了" in w.case_form.data()["description"]
    record = got.args[0]
    after = datetime.now(UTC)
    central = s.log.get(record.call_id)
    assert central is not None and central.outcome == Outcome.ANSWERED
    assert before <= central.rang_at < central.answered_at < central.ended_at <= after
    assert central.caller_number == CITIZEN_NUMBER and central.end_reason
    assert (central.seat, central.agent) == ("S01", "1001")

    with qtbot.waitSignal(w.case_saved, timeout=5000) as saved:
        qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: s.log.get(record.call_id).case_number
                    == saved.args[0]["case_number"], timeout=3000)


def test_click_to_dial_reaches_the_citizen(qtbot, sip_seat) -> None:
    s = sip_seat
    s.phone.dial("139-1234-5678")
    ring = s.citizen_events.wait_for(K.RINGING, timeout=5)
    assert ring.caller == "S01"
    with qtbot.waitSignal(s.phone.established, timeout=5000):
        s.citizen.answer(ring.call_id)
    qtbot.waitUntil(lambda: s.phone.adapter.ready is False, timeout=3000)  # none comes in now
    with qtbot.waitSignal(s.phone.recorded, timeout=5000) as got:
        s.citizen.hangup()
    assert got.args[0].direction == "outbound" and got.args[0].outcome == Outcome.ANSWERED
    assert got.args[0].caller_number == CITIZEN_NUMBER
    qtbot.waitUntil(lambda: s.phone.adapter.ready is True, timeout=3000)


def test_agent_softphone_killed_mid_call_keeps_the_case_and_reconnects(qtbot, sip_seat) -> None:
    s = sip_seat
    w = s.window
    with qtbot.waitSignal(s.phone.popped, timeout=5000):
        s.call_seat()
    with qtbot.waitSignal(s.phone.established, timeout=5000):
        qtbot.keyClick(w, Qt.Key.Key_F2)
    w.case_form.ui.descriptionEdit.insertPlainText("路灯坏了一个多星期")  # typed during the call

    with qtbot.waitSignal(s.phone.link_changed, timeout=3000) as lost:
        s.agent_phone.kill()
    assert lost.args[0] is False
    assert "话机断开" in s.phone.state_label.text()              # the status bar, at once
    assert "F3" in w.notice.text()
    assert w.seat_state == SeatState.AFTER_CALL_WORK
    assert "路灯坏了一个多星期" in w.case_form.data()["description"]
    assert w.drafts.draft_id                                    # kept as a draft too

    s.citizen.hangup()
    s.agent_phone.start()                                       # back: no restart of Seat
    qtbot.waitUntil(lambda: s.phone.link_up, timeout=5000)
    assert s.phone.state_label.text() == "话机已连接"
    rec = next(r for r in s.phone.records if r.end_reason)
    assert rec.answered_at is not None and rec.ended_at - rec.rang_at < timedelta(seconds=30)
