"""The central seat queue: items from every channel claimed atomically with a lease,
seat states, the telephony adapter and its built-in simulator.

Typical use::

    from seat_app.services.queue import QueueService, SeatService
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.queue import heartbeat as heartbeat
    from seat_app.services.queue.service import (
        ChannelQueue,
        Claim,
        QueueFeeder,
        QueueService,
        SeatService,
        SimulatedTelephony,
        StaleLease,
        TelephonyAdapter,
        UnknownSeat,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "ChannelQueue": "service",
    "Claim": "service",
    "QueueFeeder": "service",
    "QueueService": "service",
    "SeatService": "service",
    "SimulatedTelephony": "service",
    "StaleLease": "service",
    "TelephonyAdapter": "service",
    "UnknownSeat": "service",
}

__all__ = [
    "ChannelQueue",
    "Claim",
    "QueueFeeder",
    "QueueService",
    "SeatService",
    "SimulatedTelephony",
    "StaleLease",
    "TelephonyAdapter",
    "UnknownSeat",
]

# The seat heartbeat (``queue.heartbeat.beat``) loads on first attribute use too; not a
# public name.
_MODULES = ("heartbeat",)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, modules=_MODULES)
