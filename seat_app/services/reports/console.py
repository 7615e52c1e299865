"""What the team lead's console shows, read by ONE poll for every view.

``ConsolePoller.poll()`` runs a handful of indexed queries in one connection and returns an
immutable ``ConsoleSnapshot``: the seats grid, the queue per channel, today's figures
against targets, alerts, today's hourly volume and the state mix. The console's views
only render snapshots; none of them queries the database.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, bindparam, text

from seat_app.domain import kpi
from seat_app.domain.case import Handling
from seat_app.domain.dispatch import OPEN_AT_UNIT, DispatchStatus
from seat_app.domain.queue import (
    AFTER_CALL_WORK_ALERT,
    CHANNEL_LABELS,
    DEADLINE_ALERT,
    WAIT_ALERT,
    Channel,
    SeatState,
    local,
)
from seat_app.services.queue.service import ChannelQueue, QueueService
from seat_app.services.reports import periodic as reports
from seat_app.services.store.models import UTCDateTime, utcnow


@dataclass(frozen=True, slots=True)
class SeatRow:
    code: str
    agent: str
    state: SeatState
    since: datetime | None
    seconds_in_state: float
    current: str
    """The item the seat holds: channel and caller or case ('' when none)."""


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str
    """wait, after_call_work, deadline"""
    text: str
    subject: str


@dataclass(frozen=True, slots=True)
class ConsoleSnapshot:
    at: datetime
    seats: tuple[SeatRow, ...]
    queues: tuple[ChannelQueue, ...]
    today: dict[str, object]
    targets: tuple[tuple[kpi.Target, object, bool | None], ...]
    alerts: tuple[Alert, ...]
    hourly: tuple[int, ...]
    state_mix: dict[str, int]
    poll_ms: float = 0.0
    extra: dict = field(default_factory=dict)


def _ts(name: str):
    return bindparam(name, type_=UTCDateTime())


class ConsolePoller:
    """Reads everything the console shows; ``poll()`` is safe to run on a worker thread."""

    def __init__(self, engine: Engine, *, clock=utcnow,
                 targets: tuple[kpi.Target, ...] = kpi.DEFAULT_TARGETS) -> None:
        self.engine = engine
        self.clock = clock
        self.targets = targets

    def poll(self) -> ConsoleSnapshot:
        t0 = time.perf_counter()
        now = self.clock()
        today = local(now).date()
        period = reports.day_period(today)
        queue = QueueService(self.engine, clock=self.clock)
        with self.engine.connect() as conn:
            seat_rows = conn.execute(
                text("SELECT code, agent, state, state_since FROM seats WHERE NOT deleted"
                     " ORDER BY code").columns(state_since=UTCDateTime())
            ).all()
            held = conn.execute(
                text("SELECT lease_holder, channel, payload FROM queue_items"
                     " WHERE state = 'claimed' AND lease_expires_at > :now"
                     ).bindparams(_ts("now")),
                {"now": now},
            ).all()
            queues = queue.snapshot(conn)
            grouped = reports.grouped_counts(conn, period, "hour")
            counts = reports.count_period(conn, period, grouped)
            hourly_rows = reports.series(grouped)
            near = conn.execute(
                text("SELECT case_number, handling_unit, deadline FROM cases"
                     " WHERE status IN ('已转派', '已回复') AND deadline <= :d"
                     " AND handling = :disp AND NOT deleted ORDER BY deadline LIMIT 50"),
                {"d": (local(now) + DEADLINE_ALERT).date(), "disp": Handling.DISPATCH.value},
            ).all()
        holding = {}
        for holder, channel, payload in held:
            label = CHANNEL_LABELS.get(Channel(channel), channel) if channel in set(Channel) \
                else channel
            try:
                phone = str(json.loads(payload or "{}").get("caller_phone", ""))
            except ValueError:
                phone = ""
            holding[holder] = f"{label} 尾号{phone[-4:]}" if phone else label
        seats = []
        for code, agent, state, since in seat_rows:
            secs = max(0.0, (now - since).total_seconds()) if since else 0.0
            seats.append(SeatRow(code, agent, SeatState(state), since, secs,
                                 holding.get(code, "")))
        alerts: list[Alert] = []
        for q in queues:
            if q.waiting and q.longest_wait_s > WAIT_ALERT.total_seconds() \
                    and q.channel == Channel.PHONE:
                alerts.append(Alert("wait", f"电话排队最长已等待 {int(q.longest_wait_s)} 秒"
                                    f"（{q.waiting} 人排队）", q.channel))
        for s in seats:
            if s.state == SeatState.AFTER_CALL_WORK \
                    and s.seconds_in_state > AFTER_CALL_WORK_ALERT.total_seconds():
                alerts.append(Alert("after_call_work",
                                    f"座席 {s.code} 话后处理已 {int(s.seconds_in_state // 60)} 分钟",
                                    s.code))
        for number, unit, deadline in near:
            alerts.append(Alert("deadline", f"工单 {number}（{unit}）办理时限 {deadline}", number))
        today_figures = kpi.figures(counts)
        target_rows = tuple((t, today_figures.get(t.key), t.met(today_figures.get(t.key)))
                            for t in self.targets)
        hourly = [0] * 24
        for hour, n, _d in hourly_rows:
            hourly[int(hour)] = n
        mix = Counter(s.state.value for s in seats)
        return ConsoleSnapshot(
            at=now, seats=tuple(seats), queues=tuple(queues), today=today_figures,
            targets=target_rows, alerts=tuple(alerts), hourly=tuple(hourly),
            state_mix={st.value: mix.get(st.value, 0) for st in SeatState},
            poll_ms=(time.perf_counter() - t0) * 1000,
        )


# --- the review desk ---------------------------------------------------------------------

DESK_LISTS: tuple[tuple[str, str, str], ...] = (
    ("pre_review", "待预审", "Pre-review"),
    ("replied", "待审核回复", "Replies to review"),
    ("extensions", "延期申请", "Extension requests"),
    ("seat", "座席转派待派", "Seat dispatches"),
    ("deadline", "超期 / 临期", "Overdue / near deadline"),
)
"""The review desk's lists: key, Chinese and English title."""

NEAR_DEADLINE_DAYS = 1
"""A case at a unit is "near its deadline" with this many working days left or fewer."""


@dataclass(frozen=True, slots=True)
class DeskSnapshot:
    """What the lead's review desk shows, read by ONE job (``DeskPoller.poll``)."""

    at: datetime
    lists: dict[str, tuple[dict, ...]]
    """DESK_LISTS key -> rows (``DispatchService`` case rows; seat rows carry ``case_id``,
    ``case_number``, ``matter``, ``unit_name``, ``received_at``, ``status`` too)."""
    poll_ms: float = 0.0

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.lists.items()}

    def find(self, case_id: str) -> dict | None:
        for rows in self.lists.values():
            for row in rows:
                if row["case_id"] == case_id:
                    return row
        return None


class DeskPoller:
    """Reads the review desk's lists through a ``DispatchService``; ``poll()`` is safe on a
    worker thread. Meant for a slow timer (the desk refreshes every few seconds at most)."""

    def __init__(self, service, *, limit: int = 200, near_days: int = NEAR_DEADLINE_DAYS,
                 clock=utcnow) -> None:
        self.service = service
        self.limit = limit
        self.near_days = near_days
        self.clock = clock

    def poll(self) -> DeskSnapshot:
        t0 = time.perf_counter()
        svc = self.service
        pre = svc.cases_in_status(DispatchStatus.PRE_REVIEW, limit=self.limit)
        replied = svc.cases_in_status(DispatchStatus.REPLIED, limit=self.limit)
        extensions = [r for r in svc.pending_extensions() if r["pending_extension"] is not None]
        at_units = svc.cases_in_status(*sorted(OPEN_AT_UNIT), limit=self.limit)  # deadline first
        deadline = [
            r for r in at_units
            if r["overdue"] or (r["working_days_left"] is not None
                                and r["working_days_left"] <= self.near_days)
        ]
        deadline.sort(key=lambda r: (not r["overdue"], r["working_days_left"] or 0,
                                     r["case_number"]))
        seat = [
            {"case_id": r["id"], "case_number": r["case_number"], "matter": r["matter"],
             "status": "待派", "unit_name": r["handling_unit"] or "", "area": r["caller_area"],
             "received_at": r["accepted_at"], "deadline": None, "working_days_left": None,
             "overdue": False, "pending_extension": None, "reply": None}
            for r in svc.seat_dispatches(self.limit)
        ]
        return DeskSnapshot(
            at=self.clock(),
            lists={"pre_review": tuple(pre), "replied": tuple(replied),
                   "extensions": tuple(extensions[: self.limit]), "seat": tuple(seat),
                   "deadline": tuple(deadline[: self.limit])},
            poll_ms=(time.perf_counter() - t0) * 1000,
        )


def seconds_label(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:d}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 \
        else f"{s // 60:02d}:{s % 60:02d}"


__all__ = ["DESK_LISTS", "Alert", "ConsolePoller", "ConsoleSnapshot", "DeskPoller", "DeskSnapshot",
           "SeatRow", "seconds_label"]
