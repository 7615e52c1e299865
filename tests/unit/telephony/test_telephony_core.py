"""Qt-free telephony core: framing, the CTI protocol, numbers, desk-phone intake, records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from seat_app.services.telephony import (
    EventKind,
    EventQueue,
    InvalidNumber,
    ProtocolError,
    netstring,
    protocol,
)
from seat_app.services.telephony.events import (
    CallEvent,
    Direction,
    normalize_number,
    number_from_uri,
)
from seat_app.services.telephony.manual import ManualAdapter, ManualChannel
from seat_app.services.telephony.record import (
    CallRecorder,
    Outcome,
    first_answer_rate,
    missed_call_returns,
)

pytestmark = pytest.mark.telephony
K = EventKind


def test_netstring_frames_split_anywhere() -> None:
    wire = netstring.encode(b'{"a":1}') + netstring.encode("来电".encode()) + netstring.encode(b"")
    dec = netstring.Decoder()
    got = [f for i in range(len(wire)) for f in dec.feed(wire[i:i + 1])]
    assert got == [b'{"a":1}', "来电".encode(), b""]
    with pytest.raises(ProtocolError):
        netstring.Decoder().feed(b"3:abc;")


def test_numbers_from_uris_and_typed_text() -> None:
    assert number_from_uri('"张三" <sip:013912345678@pbx:5060;transport=udp>') == "013912345678"
    assert number_from_uri("sip:S01@127.0.0.1") == "S01"
    assert normalize_number(" +86 139-1234-5678 ") == "+8613912345678"
    assert normalize_number("０３５９－１２３４５６７") == "03591234567"
    for bad in ("12", "abc123", ""):
        with pytest.raises(InvalidNumber) as exc:
            normalize_number(bad)
        assert exc.value.zh and exc.value.en


def test_cti_protocol_round_trip_and_validation() -> None:
    ev = CallEvent(K.RINGING, call_id="c-9", caller="13900000000", called="12345", queue="q1",
                   at=datetime(2026, 5, 1, 8, 0, tzinfo=UTC))
    back = protocol.message_event(protocol.loads(protocol.dumps(protocol.event_message(ev))))
    assert (back.kind, back.call_id, back.caller, back.queue, back.at) == \
        (K.RINGING, "c-9", "13900000000", "q1", ev.at)
    lines = protocol.LineDecoder().feed(b'{"type":"command","id":"1","command":"dial"}\n')
    with pytest.raises(ProtocolError, match="number"):
        protocol.loads(lines[0])
    for bad in (b"[]", b'{"type":"event","event":"ringing"}', b'{"type":"x"}', b"{nope"):
        with pytest.raises(ProtocolError):
            protocol.loads(bad)


def test_manual_intake_proceeds_like_a_queued_call() -> None:
    q = EventQueue()
    records = []
    rec = CallRecorder(seat="S02", agent="lisi", on_record=records.append)

    def sink(e: CallEvent) -> None:
        rec.feed(e)
        q(e)

    phone = ManualAdapter(sink, line="12345")
    phone.start()
    cid = phone.register("139 1234 5678")
    assert q.wait_for(K.RINGING, 1).caller == "13912345678"
    assert q.wait_for(K.ANSWERED, 1).call_id == cid
    rec.attach_case(cid, "C-1")
    phone.hangup(cid)
    assert records[0].outcome == Outcome.ANSWERED and records[0].case_number == "C-1"
    walk_in = phone.register("", ManualChannel.WINDOW)
    assert q.wait_for(K.RINGING, 1, where=lambda e: e.call_id == walk_in).channel == "窗口"
    with pytest.raises(InvalidNumber):
        phone.register("", ManualChannel.PHONE)


def _ev(kind, cid, minute, direction=Direction.INBOUND, caller="139"):
    return CallEvent(kind, call_id=cid, caller=caller, direction=direction,
                     at=datetime(2026, 5, 1, 8, minute, tzinfo=UTC))


def test_records_and_telephone_kpis() -> None:
    rec = CallRecorder(seat="S01", agent="a")
    out = []
    for e in [_ev(K.RINGING, "1", 0), _ev(K.ENDED, "1", 1),                 # missed
              _ev(K.RINGING, "2", 2, caller="138"), _ev(K.ANSWERED, "2", 3, caller="138"),
              _ev(K.ENDED, "2", 9, caller="138"),
              _ev(K.DIALING, "3", 20, Direction.OUTBOUND), _ev(K.ENDED, "3", 21,
                                                              Direction.OUTBOUND)]:
        r = rec.feed(e)
        if r:
            out.append(r)
    assert [r.outcome for r in out] == [Outcome.MISSED, Outcome.ANSWERED, Outcome.NOT_REACHED]
    assert out[1].talk_seconds == 360 and out[0].ring_seconds == 60
    assert first_answer_rate(out) == 0.5
    returns = missed_call_returns(out)
    assert len(returns) == 1 and returns[0].returned_by is out[2]
    assert missed_call_returns(out, window=timedelta(minutes=5))[0].returned_by is None
    assert first_answer_rate([]) is None
