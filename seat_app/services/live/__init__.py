"""The live floor: simulated agents, callers, units and the center on a real central
database, so the team lead's console shows a working floor (issue 19).

Typical use::

    from seat_app.services.live import FloorOptions, LiveFloor

    floor = LiveFloor(central_url, FloorOptions(seats=24, speed=30, password=pw))
    floor.prepare()            # the agents' users and seats, created on demand
    report = floor.run(minutes=5)
    print(len(report.cases_saved), report.save_ms_p95)

Modules: ``profile`` (behaviour: talk and after-call times, the dispatch share, matters by
weight), ``agent`` (one agent through the seat's services), ``units`` (the flow after the
call), ``floor`` (threads, start and clean stop), ``errors``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.live.agent import AgentStats, SimAgent
    from seat_app.services.live.errors import BadFloorOption, LiveError
    from seat_app.services.live.floor import (
        FloorOptions,
        FloorReport,
        LiveFloor,
        day_start,
        p95,
    )
    from seat_app.services.live.profile import LiveProfile
    from seat_app.services.live.units import FlowSim

_EXPORTS = {
    "AgentStats": "agent",
    "SimAgent": "agent",
    "BadFloorOption": "errors",
    "LiveError": "errors",
    "FloorOptions": "floor",
    "FloorReport": "floor",
    "LiveFloor": "floor",
    "day_start": "floor",
    "p95": "floor",
    "LiveProfile": "profile",
    "FlowSim": "units",
}

__all__ = [
    "AgentStats",
    "BadFloorOption",
    "FloorOptions",
    "FloorReport",
    "FlowSim",
    "LiveError",
    "LiveFloor",
    "LiveProfile",
    "SimAgent",
    "day_start",
    "p95",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
