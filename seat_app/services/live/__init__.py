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
call), ``floor`` (threads, start and clean stop), ``workers`` (the agents in worker
processes), ``errors``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.live.agent import AgentStats, Beater, SaveRecord, SimAgent
    from seat_app.services.live.errors import BadFloorOption, LiveError
    from seat_app.services.live.floor import (
        MAX_CONNECTIONS,
        FloorOptions,
        FloorReport,
        LiveFloor,
        day_start,
        p95,
    )
    from seat_app.services.live.profile import LiveProfile
    from seat_app.services.live.units import FlowSim
    from seat_app.services.live.workers import AgentView, WorkerGroup

_EXPORTS = {
    "AgentStats": "agent",
    "Beater": "agent",
    "SaveRecord": "agent",
    "SimAgent": "agent",
    "BadFloorOption": "errors",
    "LiveError": "errors",
    "MAX_CONNECTIONS": "floor",
    "FloorOptions": "floor",
    "FloorReport": "floor",
    "LiveFloor": "floor",
    "day_start": "floor",
    "p95": "floor",
    "LiveProfile": "profile",
    "FlowSim": "units",
    "AgentView": "workers",
    "WorkerGroup": "workers",
}

__all__ = [
    "MAX_CONNECTIONS",
    "AgentStats",
    "AgentView",
    "BadFloorOption",
    "Beater",
    "FloorOptions",
    "FloorReport",
    "FlowSim",
    "LiveError",
    "LiveFloor",
    "LiveProfile",
    "SaveRecord",
    "SimAgent",
    "WorkerGroup",
    "day_start",
    "p95",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
