"""The adapters a seat's settings can name."""

from __future__ import annotations

from seat_app.services.telephony.adapter import TelephonyAdapter
from seat_app.services.telephony.baresip import BaresipAdapter
from seat_app.services.telephony.cti import CtiAdapter
from seat_app.services.telephony.manual import ManualAdapter

ADAPTERS: dict[str, type[TelephonyAdapter]] = {
    "baresip": BaresipAdapter, "manual": ManualAdapter, "cti": CtiAdapter}
"""Settings value → adapter class of a real phone (the demo simulator is
``telephony.simulator.SimulatedTelephony``)."""
