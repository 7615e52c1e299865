"""Built-in call simulator for ``seat-app --demo``: the one simulator of
``seat_app.services.telephony.simulator`` (a TelephonyAdapter kept for demos).

``CallSimulator().next_item`` is the seat's demo queue source: items arrive at demo speed
(a ready seat gets its next item within a few seconds). Deterministic for a given seed.
"""

from __future__ import annotations

from seat_app.services.telephony.simulator import (
    GIVEN,
    REQUESTS,
    SURNAMES,
    SimulatedTelephony,
)

CallSimulator = SimulatedTelephony
"""The seat's name for the one simulator (``next_item``, ``push``, ``make_item``)."""

__all__ = ["GIVEN", "REQUESTS", "SURNAMES", "CallSimulator"]
