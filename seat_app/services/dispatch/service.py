"""After the call, persisted: dispatch, unit replies, review, supervision, callback surveys,
duplicates and the case timeline, on the central database.

Every action runs in ONE central transaction that

* bumps the change counter (``central.next_change_seq``: writers are serialized and change
  numbers follow commit order),
* reads and locks the case's dispatch row (``case_dispatch``), applies the pure rule from
  ``seat_app.domain`` (an illegal action raises ``DispatchRuleError`` with its Chinese and
  English message, and nothing at all is written),
* writes the new dispatch state, the case row (status, handling unit, deadline,
  ``dispatched_at``, ``closed_at``; revision + 1 so seats pull it) and one ``case_events`` row
  per step for the timeline, plus the supervision / callback-survey rows the reports count.

Times: callers pass aware datetimes (default: now); the working-day rules use the date in
China (UTC+8), like the reports do.
"""

from __future__ import annotations

from seat_app.services.dispatch.callbacks import Callbacks
from seat_app.services.dispatch.core import (
    CASE_STATUS_OF,
    CHINA,
    EVENT_KIND,
    EVENTS_TABLE,
    A,
    CallbackBook,
    D,
    DispatchCore,
    S,
    _row_from_state,
    _state_from_row,
    china_now,
    china_today,
)
from seat_app.services.dispatch.duplicates import Duplicates
from seat_app.services.dispatch.flow import FlowActions
from seat_app.services.dispatch.grid import (
    GridImportOutcome,
    GridLookups,
    import_grid,
    load_grid,
    unit_counts,
)
from seat_app.services.dispatch.intake import CENTER_SEAT_CODE, SeatIntake, record_central_case
from seat_app.services.dispatch.supervision import Supervising
from seat_app.services.dispatch.worklists import WorkLists


class DispatchService(
    FlowActions, WorkLists, Callbacks, Supervising, Duplicates, SeatIntake, GridLookups, DispatchCore
):
    """The dispatch workflow on the central database ``engine``: every action is one
    transaction of ``DispatchCore._apply``; the other parts live in their own modules
    (flow, worklists, callbacks, supervision, duplicates, intake, grid)."""


__all__ = [
    "CASE_STATUS_OF",
    "CENTER_SEAT_CODE",
    "CHINA",
    "EVENTS_TABLE",
    "EVENT_KIND",
    "A",
    "CallbackBook",
    "Callbacks",
    "D",
    "DispatchCore",
    "DispatchService",
    "Duplicates",
    "FlowActions",
    "GridImportOutcome",
    "GridLookups",
    "S",
    "SeatIntake",
    "Supervising",
    "WorkLists",
    "_row_from_state",
    "_state_from_row",
    "china_now",
    "china_today",
    "import_grid",
    "load_grid",
    "record_central_case",
    "unit_counts",
]
