"""The live floor: N simulated agents, the callers, the units and the center, on one central
database, until stopped.

Threads: one per agent (``agent.SimAgent``) -- in this process, or on PostgreSQL with a
large floor in ``workers`` processes (``workers.py``: one GIL per process, see there) --
one feeding the queue (arrivals by the day's
hourly profile, compressed by ``speed``, callers who hang up when their patience runs out),
one for the flow after the call (``units.FlowSim``) and one supervisor sweeping dead seats
(``queue.heartbeat.sweep``). ``stop()`` sets one event, every thread finishes its step and
the agents sign out: nothing is half-written (see agent.py). Deterministic for a seed: each
agent, the feeder and the flow draw from their own ``random.Random`` seeded from it (what
interleaves with what still depends on the machine's timing).

Typical use::

    floor = LiveFloor(url, FloorOptions(seats=24, speed=30, password=...))
    floor.prepare()                      # users and seats, created on demand
    report = floor.run(minutes=5)        # Ctrl+C (KeyboardInterrupt) stops it cleanly

Connections (PostgreSQL's 100 are shared by everything on the server): the floor holds at
most ``MAX_CONNECTIONS`` -- the agents' pools (``AGENT_POOL``, split between the worker
processes), the feeder's, flow's and supervisor's pool (``OWN_POOL``) and at most
``SIGN_IN_AT_ONCE`` sign-ins, each one connection as the agent's own login.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from seat_app.domain.queue import LOCAL_TZ, Channel, simulate_arrivals
from seat_app.services.dispatch.service import DispatchService
from seat_app.services.live.agent import SIGN_IN_AT_ONCE, Beater, SimAgent, sim_now
from seat_app.services.live.errors import BadFloorOption
from seat_app.services.live.profile import LiveProfile
from seat_app.services.live.units import FlowSim
from seat_app.services.live.workers import AgentView, WorkerGroup, WorkerPlan, plans_for
from seat_app.services.queue import heartbeat
from seat_app.services.queue.service import QueueService, SeatService
from seat_app.services.security import users as users_service
from seat_app.services.store.engine import make_engine
from seat_app.services.store.models import utcnow

TEAM_NAMES = ("一班", "二班", "三班", "四班", "五班", "六班", "七班", "八班", "九班", "十班")
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "敏娜强静洋丽洁刚伟芳军磊霞涛明超秀兰平红"

MAX_SEATS = 999
MAX_WORKERS = 8
AGENT_POOL = 28
"""Connections for the agents' central work and their heartbeats (split between the worker
processes; in one process: ``AGENT_POOL - BEAT_POOL`` shared with the floor's threads)."""
BEAT_POOL = 2
"""In one process: the agents' heartbeats and lease renewals (in workers: one each)."""
OWN_POOL = 4
"""Connections of the floor's own threads (feeder, flow, supervisor; ``prepare``)."""
MAX_CONNECTIONS = AGENT_POOL + OWN_POOL + 2 + SIGN_IN_AT_ONCE
"""The most the floor ever holds on PostgreSQL (2: the own pool's overflow)."""
SEATS_PER_WORKER = 50
"""With ``workers=None`` on PostgreSQL: one worker process per this many seats (at most
``AUTO_WORKERS``); up to this many seats run as threads in the floor's process."""
AUTO_WORKERS = 4
MIN_CPUS_FOR_WORKERS = 4
"""Below this many CPUs ``workers=None`` means threads: on 2 cores, 200 agents at speed 20
measured back to back (load 10.5) saved in 15.7/42.5 ms (median/p95) as threads and in
19.0/58.0 ms in 4 processes, and pushed in 1.8 s against 2.6 s (p95): the agents wait on the
central change counter, not on the GIL, and more processes only share the same 2 cores."""


@dataclass(frozen=True, slots=True)
class FloorOptions:
    seats: int = 24
    speed: float = 30.0
    """Simulated seconds per real second (talk times, breaks, the day's arrival profile)."""
    seed: int = 12345
    password: str = ""
    """The agents' password (the demo password in a demo home)."""
    folder: Path | None = None
    """Where the agents' seat-local stores live (kept across runs: case numbers never
    repeat); default: a temporary folder."""
    start: datetime | None = None
    """Simulated time at the start (the arrival profile's hour); default: now."""
    first_work_no: int = 7001
    seat_prefix: str = "L"
    team_size: int = 20
    spared_units: frozenset[str] = frozenset()
    """Unit codes the simulated units never act for (a real unit user works them)."""
    profile: LiveProfile = field(default_factory=LiveProfile)
    flow_round_s: float = 2.0
    idle_poll_s: float = 1.0
    """How often (real seconds) a ready agent with nothing to do asks the queue again."""
    workers: int | None = None
    """Processes for the agents: 0 = threads in this process; None = on PostgreSQL with at
    least ``MIN_CPUS_FOR_WORKERS`` CPUs one per ``SEATS_PER_WORKER`` seats, at most
    ``AUTO_WORKERS`` and half the CPUs (else, and on SQLite: 0)."""

    def worker_count(self, central_url: str, *, cpus: int | None = None) -> int:
        """The worker processes this floor runs (``cpus``: default ``os.cpu_count()``)."""
        if self.workers is not None:
            return min(self.workers, self.seats)
        cpus = cpus if cpus is not None else (os.cpu_count() or 1)
        if (
            not central_url.startswith("postgresql")
            or self.seats <= SEATS_PER_WORKER
            or cpus < MIN_CPUS_FOR_WORKERS
        ):
            return 0
        return min(AUTO_WORKERS, cpus // 2, math.ceil(self.seats / SEATS_PER_WORKER))

    def check(self) -> None:
        if not 1 <= self.seats <= MAX_SEATS:
            raise BadFloorOption(
                "--seats", self.seats, f"应为 1–{MAX_SEATS}", f"must be 1 to {MAX_SEATS}"
            )
        if not 0 < self.speed <= 3600:
            raise BadFloorOption(
                "--speed", self.speed, "应大于 0 且不超过 3600", "must be above 0 and at most 3600"
            )
        if self.workers is not None and not 0 <= self.workers <= MAX_WORKERS:
            raise BadFloorOption(
                "--workers", self.workers, f"应为 0–{MAX_WORKERS}", f"must be 0 to {MAX_WORKERS}"
            )
        if not self.password:
            raise BadFloorOption(
                "password", "", "模拟座席需要登录密码", "the simulated agents need a password"
            )


@dataclass(frozen=True, slots=True)
class FloorReport:
    seats: int
    seconds: float
    cases_saved: tuple[str, ...]
    arrivals: int
    abandoned: int
    claimed: int
    missed: int
    returned: int
    breaks: int
    save_ms_median: float
    """The agents' save (the seat-local store: what an agent waits for), median."""
    save_ms_p95: float
    push_ms_median: float
    """The central push (op in the outbox -> acknowledged by central), median."""
    push_ms_p95: float
    flow: dict[str, int]
    errors: tuple[str, ...]
    swept: int

    def lines(self) -> list[tuple[str, str]]:
        """(zh, en) lines for the command line."""
        return [
            (
                f"座席 {self.seats}，运行 {self.seconds:.0f} 秒",
                f"{self.seats} seats, {self.seconds:.0f} s",
            ),
            (
                f"来件 {self.arrivals}，放弃 {self.abandoned}，接起 {self.claimed}，未接 "
                f"{self.missed}，回拨 {self.returned}，小休 {self.breaks}",
                f"arrivals {self.arrivals}, abandoned {self.abandoned}, claimed {self.claimed}, "
                f"missed {self.missed}, returned {self.returned}, breaks {self.breaks}",
            ),
            (
                f"保存工单 {len(self.cases_saved)}（座席保存 中位 {self.save_ms_median:.1f} ms，"
                f"p95 {self.save_ms_p95:.1f} ms；推送到中心 中位 {self.push_ms_median:.1f} ms，"
                f"p95 {self.push_ms_p95:.1f} ms）",
                f"cases saved {len(self.cases_saved)} "
                f"(the agent's save median {self.save_ms_median:.1f} ms, p95 "
                f"{self.save_ms_p95:.1f} ms; push to central median {self.push_ms_median:.1f} ms, "
                f"p95 {self.push_ms_p95:.1f} ms)",
            ),
            (
                "转派流转：" + "，".join(f"{k} {v}" for k, v in self.flow.items()),
                "dispatch flow: " + ", ".join(f"{k} {v}" for k, v in self.flow.items()),
            ),
            (f"错误 {len(self.errors)}", f"errors {len(self.errors)}"),
        ]


def p95(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


class LiveFloor:
    """The floor on ``central_url`` (its own engine, a pool sized for the agents)."""

    def __init__(
        self, central_url: str, options: FloorOptions, *, engine: Engine | None = None
    ) -> None:
        options.check()
        self.options = options
        self.central_url = central_url
        self.workers = options.worker_count(central_url)
        if engine is None:
            # PostgreSQL allows 100 connections by default, shared: a write holds one for
            # milliseconds, so AGENT_POOL serve 200 agents (in workers: each has its share)
            pool = (
                OWN_POOL
                if self.workers
                else min(options.seats + OWN_POOL, AGENT_POOL - BEAT_POOL + OWN_POOL)
            )
            engine = make_engine(
                central_url,
                **(
                    {"pool_size": pool, "max_overflow": 2, "pool_timeout": 60}
                    if central_url.startswith("postgresql")
                    else {}
                ),
            )
            self._owns_engine = True
        else:
            self._owns_engine = False
        self.engine = engine
        self._beat_engine = (
            make_engine(central_url, pool_size=BEAT_POOL, max_overflow=0, pool_timeout=60)
            if central_url.startswith("postgresql") and not self.workers and self._owns_engine
            else None
        )
        self.stop_event = threading.Event()
        self.agents: list[SimAgent | AgentView] = []
        self._beater: Beater | None = None
        self._group: WorkerGroup | None = None
        self._threads: list[threading.Thread] = []
        self._tmp = None
        self.arrivals = 0
        self.abandoned = 0
        self.swept = 0
        self.flow: FlowSim | None = None
        self._errors: list[str] = []
        self._started = 0.0
        self._stopped = 0.0
        self._lock = threading.Lock()

    # -- who works -------------------------------------------------------------------------

    def seat_code(self, i: int) -> str:
        return f"{self.options.seat_prefix}{i + 1:03d}"

    def work_no(self, i: int) -> str:
        return str(self.options.first_work_no + i)

    def prepare(self, progress: Callable[[str, int, int], None] | None = None) -> int:
        """Create the agents' users and seats that do not exist yet; returns users made.
        (Each user costs an argon2 hash and, on PostgreSQL, a login role: made once, by a
        few threads at a time.)"""
        from concurrent.futures import ThreadPoolExecutor

        opts = self.options
        existing = {u.work_no for u in users_service.list_users(self.engine)}
        seats = SeatService(self.engine)
        missing = [i for i in range(opts.seats) if self.work_no(i) not in existing]

        def make(i: int) -> None:
            name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7 + i // 20) % len(GIVEN)]
            team = TEAM_NAMES[(i // opts.team_size) % len(TEAM_NAMES)]
            users_service.add_user(
                self.engine,
                self.work_no(i),
                name,
                "agent",
                opts.password,
                team=team,
                actor="live",
                allow_demo_password=True,
            )

        done = 0
        # SQLite has one writer at a time (and add_user hashes inside its transaction)
        threads = 4 if self.engine.dialect.name == "postgresql" else 1
        if missing:  # the first alone: on PostgreSQL it also creates the group roles
            make(missing[0])
            done = 1
            if progress:
                progress("agents", done, len(missing))
        with ThreadPoolExecutor(threads) as pool:
            for _ in pool.map(make, missing[1:]):
                done += 1
                if progress:
                    progress("agents", done, len(missing) or 1)
        for i in range(opts.seats):
            seats.ensure_seat(self.seat_code(i), name=f"模拟座席 {i + 1}")
        return len(missing)

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:  # never after (or while) stop
            if not self.stop_event.is_set():
                self._start()

    def _start(self) -> None:
        opts = self.options
        folder = opts.folder
        if folder is None:
            import tempfile

            self._tmp = tempfile.TemporaryDirectory(prefix="seat-live-")
            folder = Path(self._tmp.name)
        folder.mkdir(parents=True, exist_ok=True)
        master = random.Random(opts.seed)
        seeds = [master.randrange(2**31) for _ in range(opts.seats + 2)]
        self.flow = FlowSim(
            DispatchService(self.engine),
            opts.profile,
            seed=seeds[-1],
            spared_units=opts.spared_units,
        )
        self._started = time.monotonic()
        if self.workers:
            base = WorkerPlan(
                worker=0,
                central_url=self.central_url,
                seats=(),
                password=opts.password,
                folder=folder,
                profile=opts.profile,
                speed=opts.speed,
                idle_poll_s=opts.idle_poll_s,
                pool=0,
            )
            seats = [(self.seat_code(i), self.work_no(i), seeds[i]) for i in range(opts.seats)]
            self._group = WorkerGroup(
                plans_for(seats=seats, workers=self.workers, pool_total=AGENT_POOL, base=base)
            )
            self._group.start()
            self.agents = [self._group.views[code] for code, _w, _s in seats]
        else:
            self.agents = [
                SimAgent(
                    engine=self.engine,
                    central_url=self.central_url,
                    seat_code=self.seat_code(i),
                    work_no=self.work_no(i),
                    password=opts.password,
                    folder=folder,
                    profile=opts.profile,
                    speed=opts.speed,
                    seed=seeds[i],
                    stop=self.stop_event,
                    idle_poll_s=opts.idle_poll_s,
                    beat_engine=self._beat_engine,
                    beaten=True,
                )
                for i in range(opts.seats)
            ]
            for agent in self.agents:
                self._spawn(agent.run, f"live-{agent.seat_code}")
            runs = list(self._threads)
            self._beater = Beater(self._beat_engine or self.engine, self.agents)
            self._spawn(
                lambda: self._beater.run(lambda: any(t.is_alive() for t in runs)), "live-beats"
            )
        self._spawn(lambda: self._feed(seeds[-2]), "live-feeder")
        self._spawn(self._flow_loop, "live-flow")
        self._spawn(self._supervise, "live-supervisor")

    def _spawn(self, target, name: str) -> None:
        t = threading.Thread(target=target, name=name, daemon=False)
        t.start()
        self._threads.append(t)

    def _feed(self, seed: int) -> None:
        opts = self.options
        rng = random.Random(seed)
        queue = QueueService(self.engine, actor="live")
        start = opts.start or utcnow()
        real0 = time.monotonic()
        last = start
        patience: dict[str, float] = {}
        volume = opts.seats * opts.profile.calls_per_seat_day
        while not self.stop_event.wait(0.25):
            try:
                now = sim_now(start, real0, opts.speed)
                for a in simulate_arrivals(
                    last,
                    now - last,
                    daily_volume=volume,
                    rng=rng,
                    online_share=opts.profile.online_share,
                ):
                    phone = f"1{rng.randrange(30, 99)}{rng.randrange(10**8):08d}"
                    is_phone = a.channel == Channel.PHONE
                    item = queue.enqueue(
                        a.channel,
                        {"source": "live", "caller_phone": phone},
                        caller_phone=phone if is_phone else "",
                    )
                    self.arrivals += 1
                    if is_phone:
                        patience[item] = time.monotonic() + a.patience.total_seconds() / opts.speed
                last = now
                mono = time.monotonic()
                for item, until in list(patience.items()):
                    if until <= mono:
                        self.abandoned += int(queue.abandon(item))
                        del patience[item]
            except Exception as exc:  # noqa: BLE001 - reported; the callers keep coming
                # (e.g. a deadlock PostgreSQL resolved by failing this step: the next round
                # tries the hang-up again)
                self._errors.append(f"feeder: {type(exc).__name__}: {_first_line(exc)}")

    def _flow_loop(self) -> None:
        assert self.flow is not None
        while not self.stop_event.wait(self.options.flow_round_s):
            try:
                self.flow.round()
            except Exception as exc:  # noqa: BLE001 - reported; the next round goes on
                self._errors.append(f"flow: {type(exc).__name__}: {_first_line(exc)}")

    def _supervise(self) -> None:
        while not self.stop_event.wait(heartbeat.BEAT_INTERVAL.total_seconds()):
            try:
                self.swept += len(heartbeat.sweep(self.engine).offline)
            except Exception as exc:  # noqa: BLE001 - reported; the next sweep goes on
                self._errors.append(f"supervisor: {type(exc).__name__}: {_first_line(exc)}")

    def stop(self, timeout: float = 60.0) -> None:
        """Stop every thread (each finishes its step; agents sign out) and wait for them."""
        with self._lock:
            self.stop_event.set()
        end = time.monotonic() + timeout
        if self._group is not None:
            self._group.stop(timeout)
        for t in self._threads:
            t.join(max(0.1, end - time.monotonic()))
        self._stopped = time.monotonic()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def alive(self) -> int:
        """Threads and worker processes still running (0 after a clean stop)."""
        group = self._group.alive() if self._group is not None else 0
        return sum(1 for t in self._threads if t.is_alive()) + group

    def run(
        self, minutes: float | None = None, *, tick: Callable[[LiveFloor], None] | None = None
    ) -> FloorReport:
        """Run until ``minutes`` have passed (None: until KeyboardInterrupt); stops cleanly."""
        self.start()
        end = None if minutes is None else time.monotonic() + minutes * 60
        try:
            while end is None or time.monotonic() < end:
                wait = 1.0 if end is None else max(0.0, min(1.0, end - time.monotonic()))
                time.sleep(wait)
                if tick:
                    tick(self)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()
        return self.report()

    def report(self) -> FloorReport:
        saved: list[str] = []
        save_ms: list[float] = []
        push_ms: list[float] = []
        errors = list(self._errors) + (self._group.errors if self._group else [])
        errors += self._beater.errors if self._beater else []
        totals = dict(claimed=0, missed=0, returned=0, breaks=0)
        for a in self.agents:
            saves = list(a.stats.saves)
            saved += [r.case_id for r in saves if r.on_central]
            save_ms += [r.local_ms for r in saves]
            push_ms += [r.push_ms for r in saves]
            errors += [f"{a.seat_code}: {e}" for e in a.stats.errors]
            for k in totals:
                totals[k] += getattr(a.stats, k)
        flow = self.flow.stats if self.flow else None
        return FloorReport(
            seats=self.options.seats,
            seconds=(self._stopped or time.monotonic()) - self._started,
            cases_saved=tuple(saved),
            arrivals=self.arrivals,
            abandoned=self.abandoned,
            save_ms_median=statistics.median(save_ms) if save_ms else 0.0,
            save_ms_p95=p95(save_ms),
            push_ms_median=statistics.median(push_ms) if push_ms else 0.0,
            push_ms_p95=p95(push_ms),
            flow={}
            if flow is None
            else {
                "sent": flow.sent,
                "signed": flow.signed,
                "replied": flow.replied,
                "extensions": flow.extensions,
                "returned": flow.returned,
                "approved": flow.approved,
                "refused": flow.refused_steps,
            },
            errors=tuple(errors),
            swept=self.swept,
            **totals,
        )

    def close(self) -> None:
        if not self.stop_event.is_set():
            self.stop()
        if self._owns_engine:
            self.engine.dispose()
        if self._beat_engine is not None:
            self._beat_engine.dispose()


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else ""


def day_start(hour: int, *, now: datetime | None = None) -> datetime:
    """Today at ``hour`` local time (the simulated start of a busy floor)."""
    here = (now or utcnow()).astimezone(LOCAL_TZ)
    return here.replace(hour=hour, minute=0, second=0, microsecond=0)


__all__ = ["FloorOptions", "FloorReport", "LiveFloor", "day_start", "p95"]
