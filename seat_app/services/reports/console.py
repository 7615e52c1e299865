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
from datetime import datetime, timedelta

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
from seat_app.services.queue import heartbeat
from seat_app.services.queue.service import ChannelQueue, QueueService
from seat_app.services.reports import periodic as reports
from seat_app.services.store.models import UTCDateTime, utcnow

STATE_LIMITS: dict[SeatState, timedelta] = {
    SeatState.RINGING: timedelta(seconds=30),
    SeatState.ON_CALL: timedelta(minutes=20),
    SeatState.AFTER_CALL_WORK: AFTER_CALL_WORK_ALERT,
    SeatState.BREAK: timedelta(minutes=15),
}
"""How long a seat may stay in a state before the wallboard marks it (and the alerts list
it as stuck). Ready, offline and training have no limit."""

SERVICE_LEVEL_TARGET_S = 20
"""Default service-level target: share of items answered within this many seconds."""

SURGE_RATIO = 1.5
SURGE_MIN = 20
"""A surge: the last 60 minutes' requests are at least SURGE_RATIO x the same 60 minutes a
week ago and at least SURGE_MIN more."""


@dataclass(frozen=True, slots=True)
class SeatRow:
    code: str
    agent: str
    state: SeatState
    since: datetime | None
    seconds_in_state: float
    current: str
    """The item the seat holds: channel and caller or case ('' when none)."""
    team: str = ""
    name: str = ""
    """The agent's name (from users; '' when unknown)."""
    over_limit: bool = False
    """In a state longer than ``STATE_LIMITS`` allows."""
    dead: bool = False
    """Shown offline because its heartbeat stopped (3 missed beats)."""


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str
    """wait, after_call_work, stuck, surge, deadline"""
    text: str
    subject: str
    target: str = ""
    """What the alert links to: "queue" (subject: channel), "seat" (subject: seat code),
    "case" (subject: case number), "" (nothing)."""


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One channel's queue with today's service level."""

    channel: str
    waiting: int
    longest_wait_s: float
    answered: int
    """Items of the channel answered today (claimed and done)."""
    within_target: int
    """Of those, answered within the target seconds."""
    abandoned: int
    """Callers who hung up today while waiting."""

    @property
    def service_level(self) -> float | None:
        """Share answered within the target of those answered or abandoned (None: none yet)."""
        offered = self.answered + self.abandoned
        return None if offered == 0 else self.within_target / offered


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
    queue_rows: tuple[QueueRow, ...] = ()
    service_level_target_s: int = SERVICE_LEVEL_TARGET_S
    hourly_last_week: tuple[int, ...] = ()
    teams: tuple[str, ...] = ()


def _ts(name: str):
    return bindparam(name, type_=UTCDateTime())


def _seconds_between(dialect: str, later: str, earlier: str) -> str:
    if dialect == "postgresql":
        return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"


class ConsolePoller:
    """Reads everything the console shows; ``poll()`` is safe to run on a worker thread.

    ``service_level_target_s``: the service level's target (seconds, configurable).
    ``sweep_every_s``: every so often a poll also sets dead seats offline
    (``queue.heartbeat.sweep``; 0 = never, the console then only shows them offline)."""

    def __init__(self, engine: Engine, *, clock=utcnow,
                 targets: tuple[kpi.Target, ...] = kpi.DEFAULT_TARGETS,
                 service_level_target_s: int = SERVICE_LEVEL_TARGET_S,
                 sweep_every_s: float = 0.0, figures_every_s: float = 0.0) -> None:
        self.engine = engine
        self.clock = clock
        self.targets = targets
        self.service_level_target_s = int(service_level_target_s)
        self.sweep_every_s = sweep_every_s
        self._last_sweep = 0.0
        self.figures_every_s = figures_every_s
        """Today's figures, the hourly chart and the surge check (a dozen counting queries)
        are read again after this many seconds (0: every poll); seats, queues and the
        service level are read by every poll."""
        self._figures: tuple | None = None
        self._figures_at = 0.0
        self._figures_day = None

    def poll(self) -> ConsoleSnapshot:
        t0 = time.perf_counter()
        if self.sweep_every_s and t0 - self._last_sweep >= self.sweep_every_s:
            self._last_sweep = t0
            heartbeat.sweep(self.engine, clock=self.clock)
        now = self.clock()
        here = local(now)
        today = here.date()
        period = reports.day_period(today)
        day_start = here.replace(hour=0, minute=0, second=0, microsecond=0)
        queue = QueueService(self.engine, clock=self.clock)
        dialect = self.engine.dialect.name
        wait_s = _seconds_between(dialect, "claimed_at", "enqueued_at")
        with self.engine.connect() as conn:
            seat_rows = conn.execute(
                text("SELECT s.code, s.agent, s.state, s.state_since, u.team, u.name, b.beat_at"
                     " FROM seats s LEFT JOIN users u ON u.work_number = s.agent"
                     " AND NOT u.deleted LEFT JOIN seat_beats b ON b.seat_code = s.code"
                     " WHERE NOT s.deleted ORDER BY s.code").columns(
                    state_since=UTCDateTime(), beat_at=UTCDateTime())
            ).all()
            held = conn.execute(
                text("SELECT lease_holder, channel, payload FROM queue_items"
                     " WHERE state = 'claimed' AND lease_expires_at > :now"
                     ).bindparams(_ts("now")),
                {"now": now},
            ).all()
            queues = queue.snapshot(conn)
            served = conn.execute(
                text("SELECT channel, SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END),"
                     f" SUM(CASE WHEN state = 'done' AND {wait_s} <= :target THEN 1 ELSE 0 END),"
                     " SUM(CASE WHEN state = 'abandoned' THEN 1 ELSE 0 END) FROM queue_items"
                     " WHERE enqueued_at >= :start AND state IN ('done', 'abandoned')"
                     " GROUP BY channel").bindparams(_ts("start")),
                {"start": day_start, "target": self.service_level_target_s},
            ).all()
            figures_due = (self._figures is None or self._figures_day != today
                           or t0 - self._figures_at >= self.figures_every_s)
            if figures_due:
                self._figures = self._read_figures(conn, now, today, period)
                self._figures_at, self._figures_day = t0, today
            assert self._figures is not None
            counts, hourly_rows, last_week_rows, recent, before = self._figures
            near = conn.execute(
                text("SELECT case_number, handling_unit, deadline FROM cases"
                     " WHERE status IN ('已转派', '已回复') AND deadline <= :d"
                     " AND handling = :disp AND NOT deleted ORDER BY deadline LIMIT 50"),
                {"d": (local(now) + DEADLINE_ALERT).date(), "disp": Handling.DISPATCH.value},
            ).all()
        seats = self._seats(seat_rows, held, now)
        served_by = {ch: (int(a or 0), int(w or 0), int(ab or 0)) for ch, a, w, ab in served}
        queue_rows = tuple(QueueRow(q.channel, q.waiting, q.longest_wait_s,
                                    *served_by.get(q.channel, (0, 0, 0))) for q in queues)
        alerts = self._alerts(queues, seats, int(recent or 0), int(before or 0), near)
        today_figures = kpi.figures(counts)
        target_rows = tuple((t, today_figures.get(t.key), t.met(today_figures.get(t.key)))
                            for t in self.targets)
        hourly = [0] * 24
        for hour, n, _d in hourly_rows:
            hourly[int(hour)] = n
        last_week = [0] * 24
        for hour, n, _d in last_week_rows:
            last_week[int(hour)] = n
        mix = Counter(s.state.value for s in seats)
        return ConsoleSnapshot(
            at=now, seats=tuple(seats), queues=tuple(queues), today=today_figures,
            targets=target_rows, alerts=tuple(alerts), hourly=tuple(hourly),
            state_mix={st.value: mix.get(st.value, 0) for st in SeatState},
            poll_ms=(time.perf_counter() - t0) * 1000, queue_rows=queue_rows,
            service_level_target_s=self.service_level_target_s,
            hourly_last_week=tuple(last_week),
            teams=tuple(sorted({s.team for s in seats if s.team})),
        )

    @staticmethod
    def _read_figures(conn, now: datetime, today, period) -> tuple:
        """Today's counts and hourly series, last week's same day, the surge check."""
        grouped = reports.grouped_counts(conn, period, "hour")
        counts = reports.count_period(conn, period, grouped)
        hourly_rows = reports.series(grouped)
        week_ago = reports.day_period(today - timedelta(days=7))
        last_week_rows = reports.series(reports.grouped_counts(conn, week_ago, "hour"))
        recent, before = conn.execute(
            text("SELECT SUM(CASE WHEN accepted_at >= :a THEN 1 ELSE 0 END),"
                 " SUM(CASE WHEN accepted_at < :b THEN 1 ELSE 0 END) FROM cases"
                 " WHERE NOT deleted AND ((accepted_at >= :a AND accepted_at < :now)"
                 " OR (accepted_at >= :wa AND accepted_at < :b))").bindparams(
                _ts("a"), _ts("b"), _ts("now"), _ts("wa")),
            {"a": now - timedelta(hours=1), "now": now,
             "wa": now - timedelta(days=7, hours=1), "b": now - timedelta(days=7)},
        ).one()
        return counts, hourly_rows, last_week_rows, recent, before

    @staticmethod
    def _seats(seat_rows, held, now: datetime) -> list[SeatRow]:
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
        for code, agent, state, since, team, name, beat_at in seat_rows:
            dead = heartbeat.is_dead(beat_at, now)
            st = heartbeat.effective_state(state, beat_at, now)
            secs = max(0.0, (now - since).total_seconds()) if since else 0.0
            if dead and beat_at is not None:
                secs = max(0.0, (now - beat_at).total_seconds())
            limit = STATE_LIMITS.get(st)
            seats.append(SeatRow(
                code, agent, st, since, secs,
                holding.get(code, "") if heartbeat.holds_call(st) else "",
                team or "", name or "", limit is not None and secs > limit.total_seconds(),
                dead))
        return seats

    @staticmethod
    def _alerts(queues, seats, recent: int, before: int, near) -> list[Alert]:
        alerts: list[Alert] = []
        for q in queues:
            if q.waiting and q.longest_wait_s > WAIT_ALERT.total_seconds():
                label = CHANNEL_LABELS.get(Channel(q.channel), q.channel)
                alerts.append(Alert("wait", f"{label}排队最长已等待 {int(q.longest_wait_s)} 秒"
                                    f"（{q.waiting} 人排队）", q.channel, "queue"))
        for s in seats:
            if not s.over_limit:
                continue
            if s.state == SeatState.AFTER_CALL_WORK:
                alerts.append(Alert("after_call_work",
                                    f"座席 {s.code} 话后处理已 {int(s.seconds_in_state // 60)} 分钟",
                                    s.code, "seat"))
            else:
                alerts.append(Alert("stuck", f"座席 {s.code}（{s.name or s.agent}）"
                                    f"“{s.state.label}”已 {seconds_label(s.seconds_in_state)}",
                                    s.code, "seat"))
        if recent >= SURGE_RATIO * before and recent - before >= SURGE_MIN:
            alerts.append(Alert("surge", f"近 60 分钟受理 {recent} 件，上周同时段 {before} 件"
                                f"（{recent / max(before, 1):.1f} 倍）", Channel.PHONE.value,
                                "queue"))
        for number, unit, deadline in near:
            alerts.append(Alert("deadline", f"工单 {number}（{unit}）办理时限 {deadline}", number,
                                "case"))
        return alerts


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


__all__ = ["DESK_LISTS", "STATE_LIMITS", "Alert", "ConsolePoller", "ConsoleSnapshot", "DeskPoller",
           "DeskSnapshot", "QueueRow", "SeatRow", "seconds_label"]
