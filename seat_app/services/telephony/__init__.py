"""Telephony: the agent's telephone and Seat as one. Qt-free.

Three adapters behind one interface (:class:`TelephonyAdapter`), chosen in settings:
``baresip`` (a SIP softphone on the workstation, driven through its ``ctrl_tcp`` module),
``manual`` (desk-phone intake: the agent registers a call that rang on the desk phone, or a
walk-in, letter or mailbox item) and ``cti`` (a vendor PBX/CTI through the documented JSON
lines protocol, docs/telephony-cti-protocol.md; ``python -m
seat_app.services.telephony.bridge`` is the reference bridge, speaking it from baresip).
Events arrive on the adapter's thread at one sink; :class:`CallRecorder` folds them into
:class:`CallRecord` s (the central call table).

Typical use::

    from seat_app.services.telephony import BaresipAdapter, CallRecorder, EventKind

    recorder = CallRecorder(seat="S01", agent="zhangsan", on_record=store)
    def sink(event):                       # runs on the adapter thread
        recorder.feed(event)
        ui_queue.put(event)                # the Qt layer marshals to the UI thread
    phone = BaresipAdapter(sink, port=4444, dial_domain="pbx.local")
    phone.start()                          # CONNECTED or FAILURE comes as an event
    phone.answer(call_id)                  # F2; raises TelephonyError (zh/en) on failure
"""

from __future__ import annotations

from seat_app.services.telephony.adapter import ALL_CAPABILITIES, Capability, TelephonyAdapter
from seat_app.services.telephony.baresip import BaresipAdapter
from seat_app.services.telephony.cti import CtiAdapter
from seat_app.services.telephony.errors import (
    CommandFailed,
    CommandTimeout,
    InvalidNumber,
    NoSuchCall,
    NotConnected,
    ProtocolError,
    TelephonyError,
)
from seat_app.services.telephony.events import (
    CallEvent,
    Direction,
    EventKind,
    EventQueue,
    EventSink,
    normalize_number,
    number_from_uri,
)
from seat_app.services.telephony.manual import ManualAdapter, ManualChannel
from seat_app.services.telephony.record import (
    CallRecord,
    CallRecorder,
    MissedCall,
    Outcome,
    first_answer_rate,
    missed_call_returns,
    with_case,
)

ADAPTERS = {"baresip": BaresipAdapter, "manual": ManualAdapter, "cti": CtiAdapter}
"""Settings value → adapter class (the simulator stays in services/queue for demos)."""

__all__ = [
    "ADAPTERS",
    "ALL_CAPABILITIES",
    "BaresipAdapter",
    "CallEvent",
    "CallRecord",
    "CallRecorder",
    "Capability",
    "CommandFailed",
    "CommandTimeout",
    "CtiAdapter",
    "Direction",
    "EventKind",
    "EventQueue",
    "EventSink",
    "InvalidNumber",
    "ManualAdapter",
    "ManualChannel",
    "MissedCall",
    "NoSuchCall",
    "NotConnected",
    "Outcome",
    "ProtocolError",
    "TelephonyAdapter",
    "TelephonyError",
    "first_answer_rate",
    "missed_call_returns",
    "normalize_number",
    "number_from_uri",
    "with_case",
]
