"""What the team lead's console shows, read by ONE poll for every view.

``ConsolePoller.poll()`` runs ONE SQL statement (one round trip; every list comes back as a
JSON column) and returns an immutable ``ConsoleSnapshot``: the seats grid, the queue per
channel, today's figures against targets, alerts, today's hourly volume and the state mix.
Today's cases are read once and then followed by the change counter (only rows changed
since the last poll come back); the figures that do not come from cases and the heartbeat
sweep run in ``background_job``, the console's slower job on a thread of its own. The console's views only render snapshots;
none of them queries the database.
"""

from __future__ import annotations

import bisect
import json
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import Connection, Engine, bindparam, text

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
from seat_app.services.queue.service import ChannelQueue
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


def _agg(dialect: str, columns: str, source: str) -> str:
    """A scalar subquery giving the rows of ``source`` as one JSON array of arrays: every
    list the console needs comes back as one column of ONE row, so a poll is one statement
    and one round trip to the server."""
    if dialect == "postgresql":
        return f"(SELECT json_agg(json_build_array({columns})) {source})"
    return f"(SELECT json_group_array(json_array({columns})) {source})"


def _rows(value) -> list:
    """A ``_agg`` column as a list (PostgreSQL's driver parses JSON already; SQLite gives
    text; no rows: NULL on PostgreSQL)."""
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str | bytes) else value


@lru_cache(maxsize=8192)
def _when(value: str | None) -> datetime | None:
    """A timestamp out of the JSON: ISO with an offset (PostgreSQL) or naive UTC (SQLite).
    Kept: most of a poll's timestamps (states' starts) are the last poll's too."""
    if value is None:
        return None
    at = datetime.fromisoformat(value)
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


@dataclass(slots=True)
class _Day:
    """Today's cases kept between polls: read once a day (and again every ``full_every_s``
    as a safety net), then brought up to date from the rows changed since the last poll's
    change number, so no poll counts today's cases again and none scans a year."""

    day: date
    start: datetime
    """Local midnight of ``day`` (aware)."""
    seq: int
    """The change counter the cases were read at (every change <= it is in ``cases``)."""
    loaded_at: float
    cases: dict[str, tuple[datetime, int, str, str]]
    """id -> (accepted_at, local hour (-1: the hour before midnight), channel, handling) of
    the cases accepted from one hour before midnight (the surge window) to the day's end."""
    week_ago: list[datetime]
    """accepted_at of the same day a week ago (and the hour before it), sorted."""
    last_week_hourly: tuple[int, ...]
    served: dict[str, tuple[str, str, bool]]
    """Queue items enqueued today and answered or abandoned: id -> (channel, state,
    answered within the service level's target)."""

    def put_item(self, item_id: str, channel: str, state: str, within: bool, today: bool) -> None:
        if today and state in ("done", "abandoned"):
            self.served[item_id] = (channel, state, within)
        else:
            self.served.pop(item_id, None)

    def put(
        self, case_id: str, at: datetime | None, channel: str, handling: str, deleted: bool
    ) -> None:
        lo, hi = self.start - timedelta(hours=1), self.start + timedelta(days=1)
        if deleted or at is None or not lo <= at < hi:
            self.cases.pop(case_id, None)
            return
        hour = local(at).hour if at >= self.start else -1
        self.cases[case_id] = (at, hour, channel, handling)


class ConsolePoller:
    """Reads everything the console shows; ``poll()`` is safe to run on a worker thread.

    One poll is ONE SQL statement (one round trip): the seats with their agents and beats,
    the held items, the waiting queue, today's service level, the near deadlines, the
    change counter and today's cases changed since the last poll (``_Day``); the hourly
    chart, the accepted / direct / dispatched counts and the surge check are kept up to date
    from those changes.

    ``service_level_target_s``: the service level's target (seconds, configurable).
    ``sweep_every_s``: at most this often, when a poll saw a dead seat (a beat older than
    ``heartbeat.OFFLINE_AFTER``), dead seats are set offline (``queue.heartbeat.sweep``, a
    write that may wait for the writers' locks; 0 = never, the console then only shows
    them offline).
    ``figures_every_s``: today's other figures (calls, ratings, callbacks, supervision,
    thanks, on-time closing: ``reports.count_period``, about twenty counting queries) are
    read again after this many seconds (0: every time).
    ``background``: False (default): ``poll()`` does the sweep and the figures itself, on
    the schedules above. True (the console): ``poll()`` only reads (one statement; the
    figures once a day), and ``background_job()``, run by the console on its own timer and
    thread, sweeps and reads the figures, so neither ever delays a poll.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        clock=utcnow,
        targets: tuple[kpi.Target, ...] = kpi.DEFAULT_TARGETS,
        service_level_target_s: int = SERVICE_LEVEL_TARGET_S,
        sweep_every_s: float = 0.0,
        figures_every_s: float = 0.0,
        full_every_s: float = 600.0,
        background: bool = False,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.targets = targets
        self.service_level_target_s = int(service_level_target_s)
        self.sweep_every_s = sweep_every_s
        self._last_sweep = 0.0
        self.figures_every_s = figures_every_s
        self.background = background
        self.dead_seen = 0
        """Dead beats the last poll saw (the sweep runs only when there are some)."""
        self.full_every_s = full_every_s
        """Today's cases are read whole again after this many seconds (a safety net for a
        row written without the change counter; with ``background`` by the background
        job); changes are read by every poll."""
        self._day: _Day | None = None
        self._pending_day: _Day | None = None
        self._kpi: kpi.PeriodCounts | None = None
        self._kpi_day: date | None = None
        self._kpi_at = 0.0
        self.figures_ms = 0.0
        """How long the last ``read_figures`` took."""
        self._conn: Connection | None = None
        self._statements: dict[tuple[str, bool], object] = {}

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """PostgreSQL: one connection kept in autocommit for the poller's life, so a poll
        is exactly one round trip (no check-out ping, no BEGIN and ROLLBACK); any error
        drops it and the next poll connects again. SQLite (in-process): a deferred,
        read-only connection per poll (it never takes the write lock)."""
        if self.engine.dialect.name != "postgresql":
            with self.engine.connect().execution_options(seat_read_only=True) as conn:
                yield conn
            return
        if self._conn is None:
            self._conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            yield self._conn
            self._conn.commit()  # ends SQLAlchemy's autobegin; nothing sent in autocommit
        except BaseException:
            self.close(broken=True)
            raise

    def close(self, *, broken: bool = False) -> None:
        """Give the kept connection back (the poller connects again if polled)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                if broken:
                    conn.invalidate()
                conn.close()
            except Exception:  # noqa: BLE001 - a broken connection is dropped anyway
                pass

    def _statement(self, dialect: str, *, full: bool):
        key = (dialect, full)
        if key not in self._statements:
            self._statements[key] = self._make_statement(dialect, full=full)
        return self._statements[key]

    @staticmethod
    def _make_statement(dialect: str, *, full: bool):
        wait_s = _seconds_between(dialect, "claimed_at", "enqueued_at")
        lists = [
            _agg(
                dialect,
                "s.code, s.agent, s.state, s.state_since, u.team, u.name, b.beat_at",
                "FROM seats s LEFT JOIN users u ON u.work_number = s.agent AND NOT u.deleted"
                " LEFT JOIN seat_beats b ON b.seat_code = s.code WHERE NOT s.deleted",
            ),
            _agg(
                dialect,
                "lease_holder, channel, payload",
                "FROM queue_items WHERE state = 'claimed' AND lease_expires_at > :now",
            ),
            _agg(
                dialect,
                "channel, n, first_at",
                "FROM (SELECT channel, COUNT(*) AS n, MIN(enqueued_at) AS first_at"
                " FROM queue_items WHERE state = 'waiting' OR (state = 'claimed'"
                " AND lease_expires_at <= :now) GROUP BY channel) q",
            ),
            _agg(  # today's answered and abandoned items: all once, then the changes
                dialect,
                "id, channel, state, within_target, today",
                "FROM (SELECT id, channel, state, CASE WHEN state = 'done' AND"
                f" {wait_s} <= :target THEN 1 ELSE 0 END AS within_target,"
                " CASE WHEN enqueued_at >= :start THEN 1 ELSE 0 END AS today"
                " FROM queue_items WHERE "
                + (
                    "enqueued_at >= :start AND state IN ('done', 'abandoned')"
                    if full
                    else "change_seq > :seq"
                )
                + ") q",
            ),
            _agg(
                dialect,
                "case_number, handling_unit, deadline",
                "FROM (SELECT case_number, handling_unit, deadline FROM cases"
                " WHERE status IN ('已转派', '已回复') AND deadline <= :d"
                " AND handling = :disp AND NOT deleted ORDER BY deadline LIMIT 50) q",
            ),
            _agg(
                dialect,
                "id, accepted_at, channel, handling, deleted",
                "FROM cases WHERE accepted_at >= :lo AND accepted_at < :hi AND NOT deleted"
                if full
                else "FROM cases WHERE change_seq > :seq",
            ),
        ]
        params = [_ts("now"), _ts("start"), _ts("cut")]
        if full:  # the same day a week ago, for the dashed chart and the surge check
            lists.append(
                _agg(
                    dialect,
                    "accepted_at",
                    "FROM cases WHERE accepted_at >= :wlo AND accepted_at < :whi AND NOT deleted",
                )
            )
            params += [_ts("lo"), _ts("hi"), _ts("wlo"), _ts("whi")]
        sql = (
            "SELECT (SELECT value FROM change_counter WHERE id = 1),"
            " (SELECT COUNT(*) FROM seat_beats WHERE beat_at < :cut), " + ", ".join(lists)
        )
        return text(sql).bindparams(*params)

    def _params(self, now: datetime, *, seq: int | None) -> dict[str, object]:
        """The statement's parameters (``seq`` None: the full read of today's cases)."""
        here = local(now)
        day_start = here.replace(hour=0, minute=0, second=0, microsecond=0)
        params: dict[str, object] = {
            "now": now,
            "start": day_start,
            "cut": now - heartbeat.OFFLINE_AFTER,
            "target": self.service_level_target_s,
            "disp": Handling.DISPATCH.value,
            "d": (here + DEADLINE_ALERT).date(),
        }
        if seq is None:
            week = day_start - timedelta(days=7)
            params.update(
                lo=day_start - timedelta(hours=1),
                hi=day_start + timedelta(days=1),
                wlo=week - timedelta(hours=1),
                whi=week + timedelta(days=1),
            )
        else:
            params["seq"] = seq
        return params

    def poll(self) -> ConsoleSnapshot:
        t0 = time.perf_counter()
        now = self.clock()
        here = local(now)
        today = here.date()
        day_start = here.replace(hour=0, minute=0, second=0, microsecond=0)
        pending, self._pending_day = self._pending_day, None
        if pending is not None and pending.day == today:
            self._day = pending  # read again by the background job; changes since follow
        day = self._day
        full = (
            day is None
            or day.day != today
            or (not self.background and t0 - day.loaded_at >= self.full_every_s)
        )
        params = self._params(now, seq=None if full or day is None else day.seq)
        with self._reading() as conn:
            row = conn.execute(self._statement(self.engine.dialect.name, full=full), params).one()
        seq, dead_beats, seat_rows, held, waiting, served, near, changed = row[:8]
        if full:
            day = self._day = self._load_day(today, day_start, seq, changed, served, row[8], t0)
        else:
            assert day is not None
            for case_id, at, channel, handling, deleted in _rows(changed):
                day.put(case_id, _when(at), channel, handling, bool(deleted))
            for item in _rows(served):
                day.put_item(item[0], item[1], item[2], bool(item[3]), bool(item[4]))
            day.seq = int(seq or 0) if seq is not None else day.seq
        self.dead_seen = int(dead_beats or 0)
        swept = figures_read = False
        if not self.background:
            swept = self._sweep_if_due(t0)
        if (
            self._kpi is None
            or self._kpi_day != today
            or (not self.background and t0 - self._kpi_at >= self.figures_every_s)
        ):
            self.read_figures()
            figures_read = True
        assert self._kpi is not None
        return self._snapshot(
            t0,
            now,
            day,
            _rows(seat_rows),
            _rows(held),
            _rows(waiting),
            _rows(near),
            {"swept": swept, "figures_read": figures_read, "full": full},
        )

    def _load_day(self, today: date, start: datetime, seq, cases, served, week, t0: float) -> _Day:
        day = _Day(today, start, int(seq or 0), t0, {}, [], (), {})
        for case_id, at, channel, handling, _deleted in _rows(cases):
            day.put(case_id, _when(at), channel, handling, False)
        for item in _rows(served):
            day.put_item(item[0], item[1], item[2], bool(item[3]), bool(item[4]))
        stamps = sorted(at for (value,) in _rows(week) if (at := _when(value)) is not None)
        day.week_ago = stamps
        hourly = [0] * 24
        week_start = start - timedelta(days=7)
        for at in stamps:
            if at >= week_start:
                hourly[local(at).hour] += 1
        day.last_week_hourly = tuple(hourly)
        return day

    def _sweep_if_due(self, now: float) -> bool:
        if not (
            self.sweep_every_s and self.dead_seen and now - self._last_sweep >= self.sweep_every_s
        ):
            return False
        self._last_sweep = now
        heartbeat.sweep(self.engine, clock=self.clock)  # the next poll shows it written
        self.dead_seen = 0
        return True

    def background_job(self) -> dict[str, object]:
        """The console's slower job (``background=True``), on its own timer and thread:
        sets dead seats offline when the last poll saw one (at most every
        ``sweep_every_s``) and reads today's other figures when they are older than
        ``figures_every_s``. Returns what it did and how long it took (ms)."""
        t0 = time.perf_counter()
        swept = self._sweep_if_due(t0)
        figures = t0 - self._kpi_at >= self.figures_every_s
        if figures:
            self.read_figures()
        day = self._day
        reread = day is not None and t0 - day.loaded_at >= self.full_every_s
        if reread:
            self._reread_day(t0)
        return {
            "swept": swept,
            "figures": figures,
            "reread": reread,
            "ms": (time.perf_counter() - t0) * 1000,
        }

    def _reread_day(self, t0: float) -> None:
        """Today's cases read whole (the safety net) off the poll: the next poll takes
        them and follows the changes made since."""
        now = self.clock()
        here = local(now)
        start = here.replace(hour=0, minute=0, second=0, microsecond=0)
        with self.engine.connect().execution_options(seat_read_only=True) as conn:
            row = conn.execute(
                self._statement(self.engine.dialect.name, full=True), self._params(now, seq=None)
            ).one()
        self._pending_day = self._load_day(here.date(), start, row[0], row[7], row[5], row[8], t0)

    def read_figures(self) -> float:
        """Today's figures that do not come from the day's cases (calls, ratings,
        callbacks, supervision, thanks, on-time closing, the same day last year:
        ``reports.count_period``). Returns the milliseconds it took."""
        t0 = time.perf_counter()
        today = local(self.clock()).date()
        with self.engine.connect() as conn:
            # grouped=[]: accepted, direct and dispatched come from _Day at every poll
            counts = reports.count_period(conn, reports.day_period(today), [])
        self._kpi, self._kpi_day, self._kpi_at = counts, today, t0
        self.figures_ms = (time.perf_counter() - t0) * 1000
        return self.figures_ms

    def _snapshot(
        self,
        t0: float,
        now: datetime,
        day: _Day,
        seat_rows,
        held,
        waiting,
        near,
        extra: dict,
    ) -> ConsoleSnapshot:
        seats = self._seats(sorted(seat_rows, key=lambda r: r[0]), held, now)
        oldest = {
            ch: (int(n), max(0.0, (now - _when(first)).total_seconds()))  # type: ignore[operator]
            for ch, n, first in waiting
        }
        queues = tuple(ChannelQueue(ch.value, *oldest.get(ch.value, (0, 0.0))) for ch in Channel)
        served_by: dict[str, tuple[int, int, int]] = {}
        for channel, state, within in day.served.values():
            answered, on_time, abandoned = served_by.get(channel, (0, 0, 0))
            done = state == "done"
            served_by[channel] = (answered + done, on_time + within, abandoned + (not done))
        queue_rows = tuple(
            QueueRow(q.channel, q.waiting, q.longest_wait_s, *served_by.get(q.channel, (0, 0, 0)))
            for q in queues
        )
        hourly = [0] * 24
        direct = dispatched = recent = 0
        hour_ago = now - timedelta(hours=1)
        direct_value, dispatch_value = Handling.DIRECT.value, Handling.DISPATCH.value
        for at, hour, _channel, handling in day.cases.values():  # a day: a few thousand
            if hour >= 0:
                hourly[hour] += 1
                direct += handling == direct_value
                dispatched += handling == dispatch_value
            recent += hour_ago <= at < now
        week_ago = now - timedelta(days=7)
        before = bisect.bisect_left(day.week_ago, week_ago) - bisect.bisect_left(
            day.week_ago, week_ago - timedelta(hours=1)
        )
        near_rows = sorted(((n, u, d) for n, u, d in near), key=lambda r: str(r[2]))
        alerts = self._alerts(queues, seats, recent, before, near_rows)
        assert self._kpi is not None
        counts = replace(self._kpi, accepted=sum(hourly), direct=direct, dispatched=dispatched)
        today_figures = kpi.figures(counts)
        target_rows = tuple(
            (t, today_figures.get(t.key), t.met(today_figures.get(t.key))) for t in self.targets
        )
        mix = Counter(s.state.value for s in seats)
        return ConsoleSnapshot(
            at=now,
            seats=tuple(seats),
            queues=queues,
            today=today_figures,
            targets=target_rows,
            alerts=tuple(alerts),
            hourly=tuple(hourly),
            state_mix={st.value: mix.get(st.value, 0) for st in SeatState},
            poll_ms=(time.perf_counter() - t0) * 1000,
            queue_rows=queue_rows,
            service_level_target_s=self.service_level_target_s,
            hourly_last_week=day.last_week_hourly,
            teams=tuple(sorted({s.team for s in seats if s.team})),
            extra=extra,
        )

    @staticmethod
    def _seats(seat_rows, held, now: datetime) -> list[SeatRow]:
        holding = {}
        for holder, channel, payload in held:
            label = (
                CHANNEL_LABELS.get(Channel(channel), channel)
                if channel in set(Channel)
                else channel
            )
            try:
                phone = str(json.loads(payload or "{}").get("caller_phone", ""))
            except ValueError:
                phone = ""
            holding[holder] = f"{label} 尾号{phone[-4:]}" if phone else label
        seats = []
        for code, agent, state, since_at, team, name, beat in seat_rows:
            since, beat_at = _when(since_at), _when(beat)
            dead = heartbeat.is_dead(beat_at, now)
            st = heartbeat.effective_state(state, beat_at, now)
            secs = max(0.0, (now - since).total_seconds()) if since else 0.0
            if dead and beat_at is not None:
                secs = max(0.0, (now - beat_at).total_seconds())
            limit = STATE_LIMITS.get(st)
            seats.append(
                SeatRow(
                    code,
                    agent,
                    st,
                    since,
                    secs,
                    holding.get(code, "") if heartbeat.holds_call(st) else "",
                    team or "",
                    name or "",
                    limit is not None and secs > limit.total_seconds(),
                    dead,
                )
            )
        return seats

    @staticmethod
    def _alerts(queues, seats, recent: int, before: int, near) -> list[Alert]:
        alerts: list[Alert] = []
        for q in queues:
            if q.waiting and q.longest_wait_s > WAIT_ALERT.total_seconds():
                label = CHANNEL_LABELS.get(Channel(q.channel), q.channel)
                alerts.append(
                    Alert(
                        "wait",
                        f"{label}排队最长已等待 {int(q.longest_wait_s)} 秒（{q.waiting} 人排队）",
                        q.channel,
                        "queue",
                    )
                )
        for s in seats:
            if not s.over_limit:
                continue
            if s.state == SeatState.AFTER_CALL_WORK:
                alerts.append(
                    Alert(
                        "after_call_work",
                        f"座席 {s.code} 话后处理已 {int(s.seconds_in_state // 60)} 分钟",
                        s.code,
                        "seat",
                    )
                )
            else:
                alerts.append(
                    Alert(
                        "stuck",
                        f"座席 {s.code}（{s.name or s.agent}）"
                        f"“{s.state.label}”已 {seconds_label(s.seconds_in_state)}",
                        s.code,
                        "seat",
                    )
                )
        if recent >= SURGE_RATIO * before and recent - before >= SURGE_MIN:
            alerts.append(
                Alert(
                    "surge",
                    f"近 60 分钟受理 {recent} 件，上周同时段 {before} 件"
                    f"（{recent / max(before, 1):.1f} 倍）",
                    Channel.PHONE.value,
                    "queue",
                )
            )
        for number, unit, deadline in near:
            alerts.append(
                Alert("deadline", f"工单 {number}（{unit}）办理时限 {deadline}", number, "case")
            )
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

    def __init__(
        self, service, *, limit: int = 200, near_days: int = NEAR_DEADLINE_DAYS, clock=utcnow
    ) -> None:
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
            r
            for r in at_units
            if r["overdue"]
            or (r["working_days_left"] is not None and r["working_days_left"] <= self.near_days)
        ]
        deadline.sort(
            key=lambda r: (not r["overdue"], r["working_days_left"] or 0, r["case_number"])
        )
        seat = [
            {
                "case_id": r["id"],
                "case_number": r["case_number"],
                "matter": r["matter"],
                "status": "待派",
                "unit_name": r["handling_unit"] or "",
                "area": r["caller_area"],
                "received_at": r["accepted_at"],
                "deadline": None,
                "working_days_left": None,
                "overdue": False,
                "pending_extension": None,
                "reply": None,
            }
            for r in svc.seat_dispatches(self.limit)
        ]
        return DeskSnapshot(
            at=self.clock(),
            lists={
                "pre_review": tuple(pre),
                "replied": tuple(replied),
                "extensions": tuple(extensions[: self.limit]),
                "seat": tuple(seat),
                "deadline": tuple(deadline[: self.limit]),
            },
            poll_ms=(time.perf_counter() - t0) * 1000,
        )


def seconds_label(seconds: float) -> str:
    s = int(seconds)
    return (
        f"{s // 3600:d}:{s % 3600 // 60:02d}:{s % 60:02d}"
        if s >= 3600
        else f"{s // 60:02d}:{s % 60:02d}"
    )


__all__ = [
    "DESK_LISTS",
    "STATE_LIMITS",
    "Alert",
    "ConsolePoller",
    "ConsoleSnapshot",
    "DeskPoller",
    "DeskSnapshot",
    "QueueRow",
    "SeatRow",
    "seconds_label",
]
