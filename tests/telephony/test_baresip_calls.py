"""Real SIP calls between two baresip processes on loopback, through the adapter."""

from __future__ import annotations

import pytest

from seat_app.services.telephony import EventKind, NotConnected
from seat_app.services.telephony.record import CallRecorder, Outcome

from .conftest import CITIZEN_NUMBER, Pair

pytestmark = pytest.mark.telephony
K = EventKind


def test_ringing_answer_and_caller_hangup_make_a_call_record(pair: Pair) -> None:
    records = []
    recorder = CallRecorder(seat="S01", agent="zhangsan", on_record=records.append)
    pair.citizen_calls_seat()
    ring = pair.agent_events.wait_for(K.RINGING)
    recorder.feed(ring)
    assert ring.caller == CITIZEN_NUMBER and ring.called == "S01" and ring.call_id
    assert pair.agent.active_calls == [ring.call_id]

    pair.agent.answer(ring.call_id)
    answered = pair.agent_events.wait_for(K.ANSWERED)
    recorder.feed(answered)
    citizen_side = pair.citizen_events.wait_for(K.ANSWERED)  # both sides report it
    assert answered.call_id == ring.call_id == citizen_side.call_id
    recorder.attach_case(ring.call_id, "20260101-S01-0001")

    pair.citizen.hangup()
    ended = pair.agent_events.wait_for(K.ENDED)
    assert recorder.feed(ended) is records[0]
    rec = records[0]
    assert rec.outcome == Outcome.ANSWERED and rec.caller_number == CITIZEN_NUMBER
    assert rec.rang_at < rec.answered_at < rec.ended_at
    assert rec.case_number == "20260101-S01-0001" and rec.seat == "S01"
    assert pair.agent.active_calls == []


def test_click_to_dial_reaches_the_citizen(pair: Pair) -> None:
    pair.agent.dial(CITIZEN_NUMBER)
    dialing = pair.agent_events.wait_for(K.DIALING)
    assert dialing.direction == "outbound" and dialing.caller == CITIZEN_NUMBER
    ring = pair.citizen_events.wait_for(K.RINGING)
    assert ring.caller == "S01"
    pair.citizen.answer(ring.call_id)
    assert pair.agent_events.wait_for(K.ANSWERED).call_id == dialing.call_id
    pair.agent.hangup(dialing.call_id)
    assert pair.citizen_events.wait_for(K.ENDED).call_id == ring.call_id


def test_not_ready_rejects_the_call_without_a_screen_pop(pair: Pair) -> None:
    pair.agent.set_ready(False)
    assert pair.agent_events.wait_for(K.READY).ready is False
    pair.citizen_calls_seat()
    ended = pair.citizen_events.wait_for(K.ENDED)
    assert "486" in ended.reason  # busy: the PBX routes to the next seat
    assert all(e.kind != K.RINGING for e in pair.agent_events.drain())
    pair.agent.set_ready(True)
    pair.citizen_calls_seat()
    assert pair.agent_events.wait_for(K.RINGING).caller == CITIZEN_NUMBER


def test_hold_and_resume_on_an_established_call(pair: Pair) -> None:
    pair.citizen_calls_seat()
    ring = pair.agent_events.wait_for(K.RINGING)
    pair.agent.answer(ring.call_id)
    pair.agent_events.wait_for(K.ANSWERED)
    pair.agent.hold(ring.call_id)
    assert pair.agent_events.wait_for(K.HELD).call_id == ring.call_id
    pair.agent.resume(ring.call_id)
    assert pair.agent_events.wait_for(K.RESUMED).call_id == ring.call_id
    pair.agent.hangup(ring.call_id)
    assert pair.citizen_events.wait_for(K.ENDED).call_id == ring.call_id


def test_softphone_killed_mid_call_fails_at_once_and_reconnects(pair: Pair) -> None:
    pair.citizen_calls_seat()
    ring = pair.agent_events.wait_for(K.RINGING)
    pair.agent.answer(ring.call_id)
    pair.agent_events.wait_for(K.ANSWERED)

    pair.agent_phone.kill()
    failure = pair.agent_events.wait_for(K.FAILURE, timeout=2)
    assert failure.reason == "lost" and isinstance(failure.error, NotConnected)
    assert "软电话" in failure.error.zh and "softphone" in failure.error.en
    lost = pair.agent_events.wait_for(K.ENDED, timeout=2)
    assert lost.call_id == ring.call_id and lost.reason == "softphone_lost"
    assert not pair.agent.connected
    with pytest.raises(NotConnected):
        pair.agent.answer()

    pair.citizen.hangup()  # the citizen's side never heard a BYE
    pair.citizen_events.wait_for(K.ENDED)
    pair.agent_phone.start()  # same ports, same folder: the adapter finds it again
    assert pair.agent_events.wait_for(K.CONNECTED, timeout=5)
    pair.citizen_calls_seat()
    assert pair.agent_events.wait_for(K.RINGING).caller == CITIZEN_NUMBER
