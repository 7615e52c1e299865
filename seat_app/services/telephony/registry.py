"""The adapters a seat's settings can name, and the one factory that makes the chosen one."""

from __future__ import annotations

from seat_app.services.config import TelephonySettings
from seat_app.services.telephony.adapter import TelephonyAdapter
from seat_app.services.telephony.baresip import BaresipAdapter
from seat_app.services.telephony.cti import CtiAdapter
from seat_app.services.telephony.events import EventSink
from seat_app.services.telephony.manual import ManualAdapter
from seat_app.services.telephony.simulator import SimulatedTelephony

ADAPTERS: dict[str, type[TelephonyAdapter]] = {
    "baresip": BaresipAdapter, "manual": ManualAdapter, "cti": CtiAdapter,
    "simulator": SimulatedTelephony}
"""Settings value (``telephony.adapter``) → adapter class."""


def make_adapter(settings: TelephonySettings, sink: EventSink) -> TelephonyAdapter:
    """The adapter ``settings`` choose, reporting to ``sink`` (not started)."""
    kind = settings.adapter
    if kind == "baresip":
        return BaresipAdapter(sink, host=settings.host, port=settings.port or 4444,
                              dial_domain=settings.dial_domain)
    if kind == "cti":
        return CtiAdapter(sink, host=settings.host, port=settings.port or 7788)
    if kind == "simulator":
        return SimulatedTelephony(sink=sink)
    if kind == "manual":
        return ManualAdapter(sink, line=settings.line)
    raise ValueError(f"unknown telephony adapter {kind!r}")
