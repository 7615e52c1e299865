"""The live floor's agents in several worker processes (a 200-seat floor on PostgreSQL).

Why: 200 agent threads in one Python process share one GIL. A thread that holds the
central change counter's row lock (every central write takes it, ``store.central``) needs
the GIL for each statement it still sends; with 200 threads queued for it, every writer on
the floor waits for that one. Split over ``k`` processes (each with its own GIL, its own
small connection pool), a lock holder gets on with its transaction.

One worker process (``worker_main``) runs the ``SimAgent`` threads of its seats and one
relay thread, which
- sets the agents' stop event when the floor's (``multiprocessing``) stop event is set or
  the floor's process is gone (nothing runs on without its floor);
- sends the floor what changed every ``STATUS_EVERY_S`` seconds: each agent's state, its new
  save records and errors, its counters (``Update``), and a last one when every agent has
  signed out (``final=True``).

Ctrl+C: the workers never see it (SIGINT is blocked while they start and ignored in them);
the floor's process catches it and sets the stop event; each agent finishes its step and
signs out exactly as a thread in the floor's own process does (see agent.py).

Connections (PostgreSQL allows 100, shared): each worker has ``pool`` connections without
overflow, one of them for heartbeats and lease renewals only; sign-ins (one connection each, as the agent's own login) go through one
semaphore shared by every worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from seat_app.domain.queue import SeatState
from seat_app.services.live.agent import AgentStats, Beater, SaveRecord, SimAgent
from seat_app.services.live.profile import LiveProfile
from seat_app.services.store.engine import make_engine

STATUS_EVERY_S = 0.5
COUNTERS = ("claimed", "missed", "returned", "breaks", "state_writes")


@dataclass(frozen=True, slots=True)
class WorkerPlan:
    """What one worker process runs (picklable: it crosses into a spawned process)."""

    worker: int
    central_url: str
    seats: tuple[tuple[str, str, int], ...]
    """(seat code, work number, seed) of each agent."""
    password: str
    folder: Path
    profile: LiveProfile
    speed: float
    idle_poll_s: float
    pool: int
    """Connections of this worker (no overflow): one for heartbeats and lease renewals,
    the rest for the agents' central work."""


@dataclass(frozen=True, slots=True)
class Update:
    """What changed at one agent since the last update."""

    seat_code: str
    state: str
    saves: tuple[SaveRecord, ...]
    errors: tuple[str, ...]
    counters: tuple[int, ...]
    """The ``COUNTERS`` (totals, not increments)."""


@dataclass
class AgentView:
    """One agent of a worker process as the floor sees it (the ``SimAgent`` surface the
    commands read: seat code, work number, state, stats)."""

    seat_code: str
    work_no: str
    state: str = SeatState.OFFLINE.value
    stats: AgentStats = field(default_factory=AgentStats)

    def apply(self, update: Update) -> None:
        self.state = update.state
        stats = self.stats
        for name, value in zip(COUNTERS, update.counters, strict=True):
            setattr(stats, name, value)
        stats.errors.extend(update.errors)
        stats.saves.extend(update.saves)  # one extend: a reader sees whole records


class _Sent:
    """How much of one agent's stats a worker has sent already."""

    __slots__ = ("errors", "saves")

    def __init__(self) -> None:
        self.saves = 0
        self.errors = 0


def _updates(agents: list[SimAgent], sent: list[_Sent]) -> list[Update]:
    out = []
    for agent, done in zip(agents, sent, strict=True):
        st = agent.stats
        saves = st.saves[done.saves :]  # appended whole by the agent's thread
        errors = st.errors[done.errors :]
        done.saves += len(saves)
        done.errors += len(errors)
        out.append(
            Update(
                agent.seat_code,
                SeatState(agent.state).value,
                tuple(saves),
                tuple(errors),
                tuple(getattr(st, n) for n in COUNTERS),
            )
        )
    return out


def worker_main(plan: WorkerPlan, stop: Any, sign_in_slots: Any, out: Any) -> None:
    """A worker process: the agents of ``plan`` until ``stop`` is set (or the floor's
    process is gone); every update goes to ``out`` as ``(worker, [Update], final)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the floor's process stops us
    with contextlib.suppress(AttributeError, ValueError):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent = os.getppid()
    is_pg = plan.central_url.startswith("postgresql")
    engine = make_engine(
        plan.central_url,
        **({"pool_size": plan.pool - 1, "max_overflow": 0, "pool_timeout": 120} if is_pg else {}),
    )
    beat_engine = (
        make_engine(plan.central_url, pool_size=1, max_overflow=0, pool_timeout=120)
        if is_pg
        else engine
    )
    local_stop = threading.Event()
    agents = [
        SimAgent(
            engine=engine,
            central_url=plan.central_url,
            seat_code=code,
            work_no=work_no,
            password=plan.password,
            folder=plan.folder,
            profile=plan.profile,
            speed=plan.speed,
            seed=seed,
            stop=local_stop,
            idle_poll_s=plan.idle_poll_s,
            sign_in_slots=sign_in_slots,
            beat_engine=beat_engine,
            beaten=True,
        )
        for code, work_no, seed in plan.seats
    ]
    beater = Beater(beat_engine, agents)
    sent = [_Sent() for _ in agents]
    threads = [threading.Thread(target=a.run, name=f"live-{a.seat_code}") for a in agents]
    beats = threading.Thread(
        target=beater.run, args=(lambda: any(t.is_alive() for t in threads),), name="live-beats"
    )
    try:
        for t in threads:
            t.start()
        beats.start()
        while any(t.is_alive() for t in threads):
            if local_stop.is_set():
                time.sleep(STATUS_EVERY_S)  # the agents are finishing their step
            elif stop.wait(STATUS_EVERY_S) or os.getppid() != parent:
                local_stop.set()
            out.put((plan.worker, _updates(agents, sent), False))
        beats.join(5)
        agents[0].stats.errors.extend(beater.errors)
        out.put((plan.worker, _updates(agents, sent), True))
    except BaseException as exc:  # noqa: BLE001 - reported to the floor, then we stop
        local_stop.set()
        for t in threads:
            t.join(60)
        agents[0].stats.errors.append(f"worker {plan.worker}: {type(exc).__name__}: {exc}")
        out.put((plan.worker, _updates(agents, sent), True))
    finally:
        engine.dispose()
        beat_engine.dispose()


class WorkerGroup:
    """The floor's side of its worker processes: start, status, stop."""

    def __init__(self, plans: list[WorkerPlan]) -> None:
        self._ctx = multiprocessing.get_context("spawn")  # never fork a process with threads
        self.plans = plans
        self.stop_event = self._ctx.Event()
        self.sign_in_slots = self._ctx.BoundedSemaphore(4)
        self.queue = self._ctx.Queue()
        self.views = {
            code: AgentView(code, work_no) for plan in plans for code, work_no, _seed in plan.seats
        }
        self.processes: list[Any] = []
        self._final: set[int] = set()
        self._reader: threading.Thread | None = None
        self.errors: list[str] = []

    def start(self) -> None:
        # SIGINT (Ctrl+C reaches the whole process group) stays blocked while the workers
        # start: they inherit the mask and ignore SIGINT before unblocking it, so a Ctrl+C
        # at any moment reaches only the floor's process, which stops them cleanly
        blocked = _block_sigint()
        try:
            for plan in self.plans:
                p = self._ctx.Process(
                    target=worker_main,
                    name=f"live-worker-{plan.worker}",
                    args=(plan, self.stop_event, self.sign_in_slots, self.queue),
                    daemon=False,
                )
                p.start()
                self.processes.append(p)
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        self._reader = threading.Thread(target=self._read, name="live-workers-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while len(self._final) < len(self.plans):
            try:
                worker, updates, final = self.queue.get(timeout=1.0)
            except Exception:  # noqa: BLE001 - queue.Empty: is anyone still there?
                if not any(p.is_alive() for p in self.processes):
                    gone = set(range(len(self.plans))) - self._final
                    self.errors += [
                        f"worker {w}: ended without its last report" for w in sorted(gone)
                    ]
                    return
                continue
            for u in updates:
                self.views[u.seat_code].apply(u)
            if final:
                self._final.add(worker)

    def stop(self, timeout: float) -> None:
        self.stop_event.set()
        end = time.monotonic() + timeout
        if self._reader is not None:  # drains the queue: a worker exits once it is read
            self._reader.join(max(0.1, end - time.monotonic()))
        for p in self.processes:
            p.join(max(0.1, end - time.monotonic()))
        for p in self.processes:
            if p.is_alive():  # never expected: a clean stop takes seconds
                self.errors.append(f"{p.name}: did not stop within {timeout:.0f} s, ended")
                p.terminate()
                p.join(5)

    def alive(self) -> int:
        return sum(1 for p in self.processes if p.is_alive()) + int(
            self._reader is not None and self._reader.is_alive()
        )


def _block_sigint() -> bool:
    if threading.current_thread() is not threading.main_thread():
        return False  # SIGINT is handled by the main thread only; nothing to guard here
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    except (AttributeError, ValueError, OSError):
        return False
    return True


def plans_for(
    *, seats: list[tuple[str, str, int]], workers: int, pool_total: int, base: WorkerPlan
) -> list[WorkerPlan]:
    """``seats`` dealt round-robin over ``workers`` plans, ``pool_total`` connections split
    (each at least 2: one for the agents, one for their beats)."""
    pool = max(2, pool_total // workers)
    return [
        replace(base, worker=w, seats=tuple(seats[w::workers]), pool=pool)
        for w in range(workers)
        if seats[w::workers]
    ]


__all__ = ["AgentView", "Update", "WorkerGroup", "WorkerPlan", "plans_for", "worker_main"]
