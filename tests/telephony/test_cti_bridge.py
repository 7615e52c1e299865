"""The CTI protocol end to end: Seat's CtiAdapter ↔ reference bridge ↔ baresip, real calls."""

from __future__ import annotations

import pytest

from seat_app.services.telephony import EventKind, EventQueue
from seat_app.services.telephony.baresip import BaresipAdapter
from seat_app.services.telephony.bridge import CtiBridge
from seat_app.services.telephony.cti import CtiAdapter

from .conftest import CITIZEN_NUMBER

pytestmark = pytest.mark.telephony
K = EventKind


def test_cti_protocol_over_real_calls(phones) -> None:
    agent_phone, citizen_phone = phones
    bridge = CtiBridge(lambda sink: BaresipAdapter(
        sink, port=agent_phone.config.ctrl_port, retry_s=0.05,
        dial_domain=f"127.0.0.1:{citizen_phone.config.sip_port}")).start()
    qs, qc = EventQueue(), EventQueue()
    seat = CtiAdapter(qs, port=bridge.port, retry_s=0.05)
    citizen = BaresipAdapter(qc, port=citizen_phone.config.ctrl_port)
    seat.start()
    citizen.start()
    try:
        qs.wait_for(K.CONNECTED)
        qc.wait_for(K.CONNECTED)
        assert bridge.phone.wait_connected(5)
        citizen.command("dial", agent_phone.config.aor)
        ring = qs.wait_for(K.RINGING)
        assert ring.source == "cti" and ring.caller == CITIZEN_NUMBER and ring.queue == "S01"
        seat.answer(ring.call_id)
        assert qs.wait_for(K.ANSWERED).call_id == ring.call_id
        qc.wait_for(K.ANSWERED)
        citizen.hangup()
        assert qs.wait_for(K.ENDED).call_id == ring.call_id

        seat.dial(CITIZEN_NUMBER)  # click-to-dial through the bridge
        out = qs.wait_for(K.DIALING)
        assert out.direction == "outbound" and out.caller == CITIZEN_NUMBER
        citizen.answer(qc.wait_for(K.RINGING).call_id)
        qs.wait_for(K.ANSWERED)
        seat.hangup(out.call_id)
        assert qc.wait_for(K.ENDED)

        seat.set_ready(False)  # queue pause → the bridge's phone is not ready
        assert qs.wait_for(K.READY, where=lambda e: e.ready is False)
        assert bridge.phone.ready is False

        agent_phone.kill()  # the phone behind the bridge dies: reported at once
        down = qs.wait_for(K.FAILURE, timeout=2)
        assert down.reason == "phone_down"
    finally:
        seat.stop()
        citizen.stop()
        bridge.stop()


def test_bridge_gone_is_a_failure_and_seat_reconnects(phones) -> None:
    agent_phone, _ = phones
    make = lambda sink: BaresipAdapter(sink, port=agent_phone.config.ctrl_port)  # noqa: E731
    bridge = CtiBridge(make).start()
    port = bridge.port
    qs = EventQueue()
    seat = CtiAdapter(qs, port=port, retry_s=0.05)
    seat.start()
    try:
        qs.wait_for(K.CONNECTED)
        bridge.stop()
        assert qs.wait_for(K.FAILURE, timeout=2).reason == "lost"
        bridge = CtiBridge(make, port=port).start()
        qs.wait_for(K.CONNECTED, timeout=5)
        assert seat.bridge_name.startswith("seat-reference-bridge")
    finally:
        seat.stop()
        bridge.stop()
