"""One simulated agent at one seat, through the services the seat window uses.

The agent signs in as its own user (``security.sign_in``), keeps its own seat-local store
(``LocalStore`` in the floor's folder, so case numbers never repeat across runs), pulls the
unit list once, then loops: ready -> claim a queue item -> ringing -> on call (or a missed
call: the item goes back) -> after-call work -> save the case locally (``CaseService``),
complete the item in the queue and push the case (``sync.push_outbox``) -> ready or a
break. Each save is timed in three parts (``SaveRecord``).
When the queue is empty it sometimes calls back a missed call (回拨). It writes its
heartbeat every ``BEAT_INTERVAL`` and renews its lease while it works an item.

Stopping (the floor's ``stop`` event): a call still ringing or talking goes back to the
queue (no case is half-made); a case in after-call work is saved and completed first;
then the agent signs out (items released, seat offline).
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text

from seat_app.domain.case import Channel, Handling
from seat_app.domain.queue import DEFAULT_LEASE, SeatState
from seat_app.services.cases.service import CaseService
from seat_app.services.live.profile import LiveProfile
from seat_app.services.local.store import LocalStore
from seat_app.services.queue import heartbeat
from seat_app.services.queue.service import Claim, QueueService, SeatService, StaleLease
from seat_app.services.security import auth
from seat_app.services.store.models import utcnow
from seat_app.services.sync.engine import pull_tables, push_outbox

DESCRIPTIONS = (
    "来电反映{area}{matter}问题，已持续数日，请求尽快处理。",
    "市民称{area}附近{matter}，影响正常生活，希望相关部门核实。",
    "来电咨询{matter}相关政策，询问办理条件和所需材料。",
    "反映{area}{matter}，此前已向社区反映未果。",
)


@dataclass(frozen=True, slots=True)
class SaveRecord:
    """One case an agent saved, with its three times (milliseconds)."""

    at: float
    """When the step ended (``time.monotonic()``: the same clock in every process)."""
    case_id: str
    local_ms: float
    """The agent's save: the case and its outbox op in the seat-local store (what the agent
    waits for in the seat window; the 50 ms target is for this)."""
    complete_ms: float
    """The queue completion on central (``QueueService.complete``), right after the save as
    in the seat window; 0 for a callback (no queue item)."""
    push_ms: float
    """The central push: from the op in the outbox (the local commit) to central's
    acknowledgement (``sync.push_outbox``), so it includes the completion before it; the
    seat window pushes in the background."""
    on_central: bool
    """Central acknowledged the case (False: refused, the case stays on the seat)."""


@dataclass
class AgentStats:
    """What one agent did (written only by the agent's thread; a record is appended whole,
    so a reader in another thread sees each save complete or not at all)."""

    claimed: int = 0
    missed: int = 0
    returned: int = 0
    breaks: int = 0
    saves: list[SaveRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    state_writes: int = 0

    @property
    def saved(self) -> list[str]:
        """Case ids saved and acknowledged by central (every one is on the central database)."""
        return [r.case_id for r in self.saves if r.on_central]

    @property
    def local_ms(self) -> list[float]:
        return [r.local_ms for r in self.saves]

    @property
    def push_ms(self) -> list[float]:
        return [r.push_ms for r in self.saves]

    @property
    def save_ms(self) -> list[float]:
        """Per case: from the save to central's acknowledgement (local save + push)."""
        return [r.local_ms + r.push_ms for r in self.saves]

    @property
    def save_at(self) -> list[float]:
        return [r.at for r in self.saves]


SIGN_IN_AT_ONCE = 4
SIGN_IN_SLOTS = threading.BoundedSemaphore(SIGN_IN_AT_ONCE)
"""At most this many agents sign in at once: on PostgreSQL each sign-in opens a connection
as the user's own login (a server allows 100 by default) and runs argon2. A floor in
several processes passes one ``multiprocessing`` semaphore to all of them instead."""


class Stopped(Exception):
    """The floor is stopping: leave the current step."""


class SimAgent:
    """One agent thread. ``run()`` returns when ``stop`` is set (or on a fatal error)."""

    def __init__(
        self,
        *,
        engine: Engine,
        central_url: str,
        seat_code: str,
        work_no: str,
        password: str,
        folder: Path,
        profile: LiveProfile,
        speed: float,
        seed: int,
        stop: threading.Event,
        idle_poll_s: float = 1.0,
        sign_in_slots: AbstractContextManager | None = None,
        beat_engine: Engine | None = None,
        beaten: bool = False,
    ) -> None:
        self.engine = engine
        self.central_url = central_url
        self.seat_code = seat_code
        self.work_no = work_no
        self.password = password
        self.folder = folder
        self.profile = profile
        self.speed = speed
        self.rng = random.Random(seed)
        self.stop = stop
        self.idle_poll_s = idle_poll_s
        self.sign_in_slots = sign_in_slots if sign_in_slots is not None else SIGN_IN_SLOTS
        self.stats = AgentStats()
        self.queue = QueueService(engine, actor=seat_code)
        # heartbeats and lease renewals take no change counter: on their own small pool they
        # never wait behind the floor's other writers (a real seat has its own connection;
        # a beat stuck in a shared pool made live seats look dead to the sweep)
        self.beat_engine = beat_engine if beat_engine is not None else engine
        self._leases = QueueService(self.beat_engine, actor=seat_code)
        self.beaten = beaten
        """A ``Beater`` beats for this agent (as a seat window's timer does while the agent's
        save waits on central); otherwise the agent beats between its steps."""
        self.beating = False
        """Signed in and not signed out: the beater beats (under ``beat_lock``)."""
        self.beat_lock = threading.Lock()
        self.seats = SeatService(engine)
        self.state = SeatState.OFFLINE
        self._claim: Claim | None = None
        self._last_beat = 0.0
        self._last_return_look = 0.0
        self.store: LocalStore | None = None
        self.cases: CaseService | None = None

    # -- time ------------------------------------------------------------------------------

    def _keep_alive(self) -> None:
        """Heartbeat and lease renewal when due (between and during steps)."""
        mono = time.monotonic()
        if mono - self._last_beat >= heartbeat.BEAT_INTERVAL.total_seconds():
            if not self.beaten:
                heartbeat.beat(self.beat_engine, self.seat_code, agent=self.work_no)
            self._last_beat = mono
            if (
                self._claim is not None
                and self._claim.expires_at - utcnow() < DEFAULT_LEASE * 2 / 3
            ):
                self._claim = self._leases.renew(self._claim)

    def _pause(self, sim_s: float, *, interruptible: bool = True) -> None:
        """Wait ``sim_s`` simulated seconds (real: / speed), beating and renewing meanwhile;
        ``Stopped`` when the floor stops (unless not ``interruptible``)."""
        end = time.monotonic() + sim_s / self.speed
        slice_s = min(1.0, heartbeat.BEAT_INTERVAL.total_seconds() / 2)
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            if self.stop.wait(min(left, slice_s)) and interruptible:
                raise Stopped
            self._keep_alive()

    def _to(self, state: SeatState) -> None:
        if state == self.state:
            return
        self.seats.change_state(self.seat_code, state, by=self.work_no, agent=self.work_no)
        self.state = state
        self.stats.state_writes += 1

    # -- the shift -------------------------------------------------------------------------

    def sign_in(self) -> None:
        on_pg = self.engine.dialect.name == "postgresql"
        with self.sign_in_slots:
            if self.stop.is_set():
                raise Stopped
            session = auth.sign_in(
                self.central_url,
                self.work_no,
                self.password,
                engine=None if on_pg else self.engine,
                seat=self.seat_code,
            )
            # the floor writes through its own pool (a center's 200 seats would each hold a
            # connection; PostgreSQL's default allows 100): the user's session is checked,
            # then closed again on PostgreSQL
            if on_pg:
                session.engine.dispose()
        self.store = LocalStore.open_path(
            self.folder / f"{self.seat_code}.sqlite3", seat_code=self.seat_code
        )
        pull_tables(self.store, self.engine, ("units",))
        self.cases = CaseService(self.store, agent=self.work_no, seat_code=self.seat_code)
        self.seats.ensure_seat(self.seat_code, agent=self.work_no)
        with self.engine.connect() as conn:
            row = conn.execute(
                text("SELECT state FROM seats WHERE code = :c"), {"c": self.seat_code}
            ).first()
        self.state = SeatState(row[0]) if row else SeatState.OFFLINE
        if self.state != SeatState.OFFLINE:  # left over from a killed run: start clean
            heartbeat.sign_out(self.engine, self.seat_code, by=self.work_no)
            self.state = SeatState.OFFLINE
        heartbeat.beat(self.beat_engine, self.seat_code, agent=self.work_no)
        self._last_beat = time.monotonic()
        self.beating = True
        self._to(SeatState.READY)

    def run(self) -> None:
        try:
            self.sign_in()
            while not self.stop.is_set():
                self._keep_alive()
                try:
                    busy = self._take_one()
                except Stopped:
                    raise
                except Exception as exc:  # noqa: BLE001 - one failed item: noted, the item goes back
                    self.stats.errors.append(f"{type(exc).__name__}: {exc}")
                    self._give_back()
                    busy = False
                if not busy:
                    self._pause(self.idle_poll_s * self.speed)
        except Stopped:
            pass
        except Exception as exc:  # noqa: BLE001 - an agent's failure is reported by the floor, others go on
            self.stats.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            self._leave()

    def _give_back(self) -> None:
        """After a failed step: the item held goes back to the queue, the seat to ready."""
        if self._claim is not None:
            self.queue.release(self._claim)
            self._claim = None
        if self.state == SeatState.ON_CALL:  # a call always ends in after-call work
            self._to(SeatState.AFTER_CALL_WORK)
        if self.state != SeatState.READY:
            self._to(SeatState.READY)

    def _leave(self) -> None:
        with self.beat_lock:  # no beat after this (it would outlive the sign-out)
            self.beating = False
        try:
            if self._claim is not None:
                self.queue.release(self._claim)
                self._claim = None
            if self.store is not None:
                heartbeat.sign_out(self.engine, self.seat_code, by=self.work_no)
        except Exception as exc:  # noqa: BLE001 - reported; the floor still stops
            self.stats.errors.append(f"sign out: {type(exc).__name__}: {exc}")
        finally:
            if self.store is not None:
                self.store.close()

    def _take_one(self) -> bool:
        """One piece of work: a queue item, or a callback of a missed call. False if idle."""
        claim = self.queue.claim(self.seat_code)
        if claim is None:
            return self._maybe_return_call()
        self._claim = claim
        self.stats.claimed += 1
        phone = str(claim.payload.get("caller_phone", ""))
        if claim.channel == Channel.PHONE:
            self._to(SeatState.RINGING)
            self._pause(self.profile.ring_s)
            if self.rng.random() < self.profile.miss_share:
                self.queue.release(claim)  # not picked up: back to the queue
                self._claim = None
                self.stats.missed += 1
                self._to(SeatState.READY)
                return True
        self._to(SeatState.ON_CALL)
        self._pause(self.profile.talk_s(self.rng))
        self._to(SeatState.AFTER_CALL_WORK)
        self._pause(self.profile.after_call_s(self.rng), interruptible=False)
        # a fresh lease for the save (a slow machine must not lose the item meanwhile); if it
        # is gone the completion says so, and the case the caller gave is saved all the same
        with contextlib.suppress(StaleLease):
            claim = self._claim = self._leases.renew(claim)
        self._save(claim.channel, phone, claim)
        self._after_work()
        return True

    def _maybe_return_call(self) -> bool:
        mono = time.monotonic()
        if mono - self._last_return_look < 10.0 or self.rng.random() >= self.profile.return_share:
            return False
        self._last_return_look = mono
        for call in self.queue.missed_calls(limit=3):
            if not str(call.get("caller_phone") or "").strip():
                continue  # no number to call back (an online item): nothing to return
            if self.queue.mark_called_back(call["id"], by=self.work_no):
                self.stats.returned += 1
                self._to(SeatState.ON_CALL)
                self._pause(self.profile.talk_s(self.rng) / 2)
                self._to(SeatState.AFTER_CALL_WORK)
                self._pause(self.profile.after_call_s(self.rng), interruptible=False)
                self._save(Channel.PHONE.value, str(call.get("caller_phone") or ""), None)
                self._after_work()
                return True
        return False

    def _after_work(self) -> None:
        if self.rng.random() < self.profile.break_share:
            self.stats.breaks += 1
            self._to(SeatState.BREAK)
            self._pause(self.profile.break_s(self.rng))
        self._to(SeatState.READY)

    # -- the case --------------------------------------------------------------------------

    def form(self, channel: str, phone: str) -> dict:
        """A case form as the agent fills it (matter and area by the profile's weights)."""
        assert self.cases is not None
        rng = self.rng
        matter = self.profile.matter(rng)
        area = self.profile.area(rng)
        text_ = rng.choice(DESCRIPTIONS).format(area=area, matter=matter)
        data: dict = {
            "channel": channel if channel in set(Channel) else Channel.APP.value,
            "caller_phone": phone or f"13{rng.randrange(10**9):09d}",
            "caller_name": rng.choice("张王李赵刘陈杨黄周吴") + rng.choice(("先生", "女士")),
            "caller_area": area,
            "matter": matter,
            "description": text_,
        }
        if self.profile.dispatched(rng):
            unit = self.cases.suggest_unit(matter, area)
            if unit["unit"]:
                data.update(
                    handling=Handling.DISPATCH.value,
                    handling_unit=unit["unit"],
                    deadline_days=unit["deadline_days"],
                )
                return data
        data.update(handling=Handling.DIRECT.value, reply_text="已按知识库解答，来电人表示满意。")
        return data

    def _save(self, channel: str, phone: str, claim: Claim | None) -> None:
        """As the seat window does: save locally (the agent's save), complete the item,
        then push (the seat's sync; here at once, in this thread): the case is on central
        when this returns, unless central refused it."""
        assert self.cases is not None and self.store is not None
        data = self.form(channel, phone)
        if claim is not None and claim.call_id:
            data["call_id"] = claim.call_id
        t0 = time.perf_counter()
        saved = self.cases.save_case(data)
        t1 = time.perf_counter()  # the case and its op are in the seat-local store
        if claim is not None:
            try:
                self.queue.complete(claim, case_id=saved.case_id)
            except StaleLease:
                self.stats.errors.append(f"stale lease on {claim.item_id}")
            self._claim = None
        t2 = time.perf_counter()
        pushed = push_outbox(self.store, self.engine)
        t3 = time.perf_counter()  # acknowledged by central
        refused = bool(pushed.rejected or pushed.conflicts)
        if refused:
            self.stats.errors.append(f"case {saved.case_number} refused centrally")
        self.stats.saves.append(
            SaveRecord(
                at=time.monotonic(),
                case_id=saved.case_id,
                local_ms=(t1 - t0) * 1000,
                complete_ms=(t2 - t1) * 1000,
                push_ms=(t3 - t1) * 1000,
                on_central=not refused,
            )
        )


class Beater:
    """The heartbeats of several agents from one thread: a seat window beats from its own
    timer, so a seat whose save waits on a busy central database is still alive (and a
    seat whose agent thread died is not: it stops beating at once)."""

    def __init__(self, engine: Engine, agents: list[SimAgent]) -> None:
        self.engine = engine
        self.agents = agents
        self.errors: list[str] = []

    def run(self, working: Callable[[], bool]) -> None:
        """Beat every ``BEAT_INTERVAL`` for each signed-in agent while ``working()``."""
        every = heartbeat.BEAT_INTERVAL.total_seconds()
        due = time.monotonic()
        while working():
            if time.monotonic() >= due:
                due = time.monotonic() + every
                for agent in self.agents:
                    self._beat(agent)
            time.sleep(0.2)

    def _beat(self, agent: SimAgent) -> None:
        with agent.beat_lock:
            if not agent.beating:
                return
            try:
                heartbeat.beat(self.engine, agent.seat_code, agent=agent.work_no)
            except Exception as exc:  # noqa: BLE001 - reported; the next round beats again
                self.errors.append(f"{agent.seat_code}: beat: {type(exc).__name__}: {exc}")


def sim_now(start: datetime, real_start: float, speed: float) -> datetime:
    """The simulated time: ``start`` plus the real time since ``real_start`` x ``speed``."""
    return start + timedelta(seconds=(time.monotonic() - real_start) * speed)


__all__ = ["AgentStats", "Beater", "SaveRecord", "SimAgent", "sim_now"]
