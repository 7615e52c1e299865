"""Telephony: the agent's telephone and Seat as one. Qt-free.

Three adapters behind one interface (:class:`TelephonyAdapter`), chosen in settings:
``baresip`` (a SIP softphone on the workstation, driven through its ``ctrl_tcp`` module),
``manual`` (desk-phone intake: the agent registers a call that rang on the desk phone, or a
walk-in, letter or mailbox item) and ``cti`` (a vendor PBX/CTI through the documented JSON
lines protocol, docs/telephony-cti-protocol.md; ``python -m
seat_app.services.telephony.bridge`` is the reference bridge, speaking it from baresip);
``SimulatedTelephony`` is the one call simulator, kept for demos (it also feeds the
central queue by the arrival profile through ``QueueFeeder``).
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

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.telephony import bench as bench
    from seat_app.services.telephony.adapter import ALL_CAPABILITIES, Capability, TelephonyAdapter
    from seat_app.services.telephony.baresip import BaresipAdapter
    from seat_app.services.telephony.calllog import CallLog
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
        canonical_number,
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
    from seat_app.services.telephony.registry import ADAPTERS, make_adapter
    from seat_app.services.telephony.simulator import QueueFeeder, SimulatedTelephony
    from seat_app.services.telephony.softphone import Softphone, SoftphoneConfig

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "ADAPTERS": "registry",
    "ALL_CAPABILITIES": "adapter",
    "BaresipAdapter": "baresip",
    "CallEvent": "events",
    "CallLog": "calllog",
    "CallRecord": "record",
    "CallRecorder": "record",
    "Capability": "adapter",
    "CommandFailed": "errors",
    "CommandTimeout": "errors",
    "CtiAdapter": "cti",
    "Direction": "events",
    "EventKind": "events",
    "EventQueue": "events",
    "EventSink": "events",
    "InvalidNumber": "errors",
    "ManualAdapter": "manual",
    "ManualChannel": "manual",
    "MissedCall": "record",
    "NoSuchCall": "errors",
    "NotConnected": "errors",
    "Outcome": "record",
    "ProtocolError": "errors",
    "QueueFeeder": "simulator",
    "SimulatedTelephony": "simulator",
    "Softphone": "softphone",
    "SoftphoneConfig": "softphone",
    "TelephonyAdapter": "adapter",
    "TelephonyError": "errors",
    "canonical_number": "events",
    "first_answer_rate": "record",
    "make_adapter": "registry",
    "missed_call_returns": "record",
    "normalize_number": "events",
    "number_from_uri": "events",
    "with_case": "record",
}

__all__ = [
    "ADAPTERS",
    "ALL_CAPABILITIES",
    "BaresipAdapter",
    "CallEvent",
    "CallLog",
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
    "QueueFeeder",
    "SimulatedTelephony",
    "Softphone",
    "SoftphoneConfig",
    "TelephonyAdapter",
    "TelephonyError",
    "canonical_number",
    "first_answer_rate",
    "make_adapter",
    "missed_call_returns",
    "normalize_number",
    "number_from_uri",
    "with_case",
]


# The benchmark (``telephony.bench.Stats``) loads on first attribute use; not a public name.
_MODULES = ("bench",)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, modules=_MODULES)
