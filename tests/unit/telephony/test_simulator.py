"""The one call simulator: a TelephonyAdapter for demos and the demo's work source."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from seat_app.qt.seat.simulator import CallSimulator
from seat_app.services.queue import service as queue_service
from seat_app.services.telephony import (
    CallRecorder,
    EventKind,
    EventQueue,
    NoSuchCall,
    Outcome,
    SimulatedTelephony,
    TelephonyAdapter,
)

pytestmark = pytest.mark.telephony
K = EventKind


def test_one_simulator_everywhere() -> None:
    assert CallSimulator is SimulatedTelephony
    assert queue_service.SimulatedTelephony is SimulatedTelephony
    assert queue_service.TelephonyAdapter is TelephonyAdapter
    assert issubclass(SimulatedTelephony, TelephonyAdapter)


def test_simulated_phone_speaks_the_adapter_events_and_makes_records() -> None:
    events = EventQueue()
    records = []
    recorder = CallRecorder(seat="S01", agent="1001", on_record=records.append)

    def sink(ev):
        recorder.feed(ev)
        events(ev)

    sim = SimulatedTelephony(sink=sink, seed=7)
    sim.start()
    assert sim.connected
    call = sim.ring("139 1234 5678", queue="12345")
    assert events.wait_for(K.RINGING, 1).caller == "13912345678"
    sim.answer(call)
    sim.hold(call)
    sim.resume(call)
    assert [e.kind for e in events.drain()][-3:] == [K.ANSWERED, K.HELD, K.RESUMED]
    sim.caller_hangs_up(call)
    assert events.wait_for(K.ENDED, 1).reason == "caller"
    with pytest.raises(NoSuchCall):
        sim.hangup(call)
    assert records[-1].outcome == Outcome.ANSWERED and records[-1].queue == "12345"

    sim.set_ready(False, "break")
    assert sim.ring("13912345678") == ""          # not offered while not ready
    sim.set_ready(True)
    out = sim.dial("13800000001")
    assert out and events.wait_for(K.ANSWERED, 1, where=lambda e: e.call_id == out)
    sim.transfer("110", out)
    assert events.wait_for(K.TRANSFERRED, 1).target == "110"
    assert records[-1].outcome == Outcome.TRANSFERRED

    unreachable = SimulatedTelephony(sink=sink, citizen_answers=False)
    unreachable.dial("13800000002")
    assert records[-1].outcome == Outcome.NOT_REACHED


def test_demo_items_at_demo_speed_and_profile_arrivals() -> None:
    t = [0.0]
    sim = SimulatedTelephony(seed=1, min_gap_s=1, max_gap_s=1, clock=lambda: t[0])
    assert sim.next_item() is None
    t[0] = 1.5
    item = sim.next_item()
    assert item is not None and item["phone"].startswith("13") and item["caller_name"]
    assert ("spoken" in item) == (item["channel"] == "电话")
    assert sim.next_item() is None                   # the next one after the gap

    start = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)   # Monday 17:00 in Xi'an
    prof = SimulatedTelephony(start, daily_volume=20_000, seed=3)
    assert prof.arrivals_until(start) == []
    got = prof.arrivals_until(start + timedelta(minutes=10))
    assert len(got) > 50 and all(start <= a.at < start + timedelta(minutes=10) for a in got)


def test_settings_choose_the_adapter_strictly(tmp_path) -> None:
    import json

    from seat_app.services.config import open_home
    from seat_app.services.integrity import SettingsDamaged
    from seat_app.services.telephony import (
        BaresipAdapter,
        CtiAdapter,
        ManualAdapter,
        make_adapter,
    )

    home = open_home(tmp_path)
    assert home.settings.telephony.adapter == "manual"          # no section: desk phone
    home.settings.telephony.adapter = "baresip"
    home.settings.telephony.port = 4555
    home.settings.telephony.dial_domain = "pbx.local"
    home.save_settings()
    again = open_home(tmp_path).settings.telephony
    phone = make_adapter(again, lambda ev: None)
    assert isinstance(phone, BaresipAdapter) and phone.dial_domain == "pbx.local"
    assert isinstance(make_adapter(type(again)("cti"), lambda ev: None), CtiAdapter)
    assert isinstance(make_adapter(type(again)("simulator"), lambda ev: None), SimulatedTelephony)
    assert isinstance(make_adapter(type(again)(), lambda ev: None), ManualAdapter)

    path = tmp_path / "settings.json"
    good = json.loads(path.read_text("utf-8"))
    for bad in ({"adapter": "skype"}, {"port": "4444"}, {"port": 70000}, [], {"host": None}):
        path.write_text(json.dumps({**good, "telephony": bad}), "utf-8")
        before = path.read_bytes()
        with pytest.raises(SettingsDamaged):
            open_home(tmp_path)
        assert path.read_bytes() == before                      # never replaced by defaults


def test_one_key_per_citizen_number() -> None:
    from seat_app.services.telephony.events import canonical_number

    assert canonical_number("+8613912345678") == "13912345678"
    assert canonical_number("008613912345678") == "13912345678"
    assert canonical_number("013912345678") == "13912345678"      # trunk 0 before a mobile
    assert canonical_number("03592223344") == "03592223344"        # a landline keeps its 0
    assert canonical_number("+442071234567") == "+442071234567"
    assert canonical_number("110") == "110"
