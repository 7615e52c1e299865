"""The central seat queue: items from every channel claimed atomically with a lease,
seat states; the telephony adapter and the one call simulator (their home is
``seat_app.services.telephony``) are re-exported here for older importers.

Typical use::

    from seat_app.services.queue import QueueService, SeatService
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seat_app.services.queue.service import (
        ChannelQueue,
        Claim,
        QueueService,
        SeatService,
        StaleLease,
        UnknownSeat,
    )
    from seat_app.services.telephony.adapter import TelephonyAdapter
    from seat_app.services.telephony.simulator import QueueFeeder, SimulatedTelephony

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "ChannelQueue": f"{__name__}.service",
    "Claim": f"{__name__}.service",
    "QueueFeeder": "seat_app.services.telephony.simulator",
    "QueueService": f"{__name__}.service",
    "SeatService": f"{__name__}.service",
    "SimulatedTelephony": "seat_app.services.telephony.simulator",
    "StaleLease": f"{__name__}.service",
    "TelephonyAdapter": "seat_app.services.telephony.adapter",
    "UnknownSeat": f"{__name__}.service",
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


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
