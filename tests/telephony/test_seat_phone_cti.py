"""The seat window on a vendor CTI: Seat's CtiAdapter <-> the reference bridge <-> baresip,
with real calls from a citizen softphone. A pause set on the PBX side puts the seat on break,
Seat's ready state goes back to the PBX, and a call pops, is answered with F2 through the
bridge and becomes a call record when the caller hangs up."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import pytest
from PySide6.QtCore import Qt

from seat_app.domain.queue import SeatState
from seat_app.qt.seat.phone import install_phone
from seat_app.services.config import open_home
from seat_app.services.local.store import LocalStore
from seat_app.services.telephony import BaresipAdapter, EventKind, EventQueue, Outcome
from seat_app.services.telephony.bridge import CtiBridge
from seat_app.services.telephony.cti import CtiAdapter

from .conftest import CITIZEN_NUMBER
from .seat_window import build_window

pytestmark = pytest.mark.telephony
K = EventKind


def test_cti_bridge_in_the_seat_window(qtbot, seat_home, phones) -> None:
    agent_phone, citizen_phone = phones
    bridge = CtiBridge(lambda sink: BaresipAdapter(
        sink, port=agent_phone.config.ctrl_port, retry_s=0.05,
        dial_domain=f"127.0.0.1:{citizen_phone.config.sip_port}")).start()
    home = open_home(seat_home)
    store = LocalStore.open(home)
    window, _ = build_window(qtbot, home, store)
    phone = install_phone(window, lambda sink: CtiAdapter(sink, port=bridge.port, retry_s=0.05))
    citizen_events = EventQueue()
    citizen = BaresipAdapter(citizen_events, port=citizen_phone.config.ctrl_port)
    citizen.start()
    try:
        citizen_events.wait_for(K.CONNECTED)
        assert bridge.phone.wait_connected(5)
        qtbot.waitUntil(lambda: phone.link_up, timeout=5000)
        window.become_ready()
        qtbot.waitUntil(lambda: bridge.phone.ready is True and phone._synced_ready, timeout=5000)

        bridge.phone.set_ready(False, "班长置忙")            # paused on the PBX side
        qtbot.waitUntil(lambda: window.seat_state == SeatState.BREAK, timeout=3000)
        window.toggle_break()                                # the agent is back
        qtbot.waitUntil(lambda: bridge.phone.ready is True, timeout=3000)

        with qtbot.waitSignal(phone.popped, timeout=5000):
            citizen.command("dial", agent_phone.config.aor)
        assert phone.current.source == "cti" and phone.current.caller == CITIZEN_NUMBER
        with qtbot.waitSignal(phone.established, timeout=5000):
            qtbot.keyClick(window, Qt.Key.Key_F2)
        citizen_events.wait_for(K.ANSWERED, timeout=5)
        with qtbot.waitSignal(phone.recorded, timeout=5000) as got:
            citizen.hangup()
        assert window.seat_state == SeatState.AFTER_CALL_WORK
        assert got.args[0].source == "cti" and got.args[0].outcome == Outcome.ANSWERED
    finally:
        citizen.stop()
        window.close()
        phone.stop()
        bridge.stop()
        store.close()
