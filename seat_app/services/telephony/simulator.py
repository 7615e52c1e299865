"""The one call simulator, kept for demos (``seat-app --demo``, the lead console's
``--simulate``). Qt-free.

:class:`SimulatedTelephony` is a :class:`TelephonyAdapter` like the real ones (same events,
same commands: a seat's demo phone rings, answers, holds, transfers and hangs up in
process), and it is the demo's source of work:

* ``arrivals_until(now)``: calls and online requests arriving by the hourly/weekday/seasonal
  profile of ``seat_app.domain.queue`` (callers who wait too long hang up), which
  :class:`QueueFeeder` puts into the central queue;
* ``next_item()``: the same kind of demo items at demo speed (a ready seat gets its next item
  within a few seconds), each with a caller, a number, an area and what the caller says.

Deterministic for a given seed. Typical use::

    sim = SimulatedTelephony(utcnow(), sink=events)     # sink optional for a feeder only
    feeder = QueueFeeder(QueueService(engine), sim)
    feeder.step()                                       # (arrived, abandoned)
    call_id = sim.ring("13912345678")                   # RINGING at this seat's demo phone
    sim.answer(call_id); sim.caller_hangs_up(call_id)   # ANSWERED, ENDED(reason="caller")
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from seat_app.domain.case import Channel
from seat_app.domain.queue import ONLINE_CHANNELS, Arrival, simulate_arrivals
from seat_app.domain.taxonomy import AREAS
from seat_app.services.telephony.adapter import LocalCallsAdapter
from seat_app.services.telephony.events import (
    CallEvent,
    Direction,
    EventKind,
    EventSink,
    normalize_number,
)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
REQUESTS: tuple[tuple[str, str], ...] = (
    ("公积金提取", "我想把公积金取出来装修房子，需要带什么材料，去哪里办？"),
    ("社会生活噪声", "楼下广场舞每天晚上放到十点多，音响特别大声，太吵了，孩子没法写作业。"),
    ("装修噪声", "隔壁装修中午和晚上都在打电钻，太吵了，物业管不了。"),
    ("拖欠工资", "我在工地干了三个月，老板一直没给工资，一共两万多，找不到人了。"),
    ("供暖不热", "家里暖气不热，室温才十四五度，打供热公司电话一直占线。"),
    ("燃气泄漏", "楼道里有很大的煤气味，不知道是哪家漏气了。"),
    ("停水", "我们小区从早上开始停水，也没有提前通知，什么时候能来水？"),
    ("路灯不亮", "小区门口那段路的路灯坏了一个多星期了，晚上黑漆漆的很危险。"),
    ("违章停车", "有车长期堵在小区消防通道口，挪车电话也打不通。"),
    ("医保报销", "在外地住院花的钱回来怎么报销？需要哪些手续？"),
    ("异地就医备案", "老人要去西安看病，异地就医备案怎么办理？"),
    ("预付卡退费", "健身房突然关门了，卡里还有三千多块钱，老板联系不上。"),
    ("入学报名与学区", "孩子明年上小学，我们这个小区划在哪个学区？什么时候报名？"),
    ("餐饮油烟", "楼下饭店油烟直接排到我们窗户这边，家里都是油烟味。"),
    ("身份证办理补领", "身份证丢了，补办需要带什么？多久能拿到？"),
    ("物业服务质量", "物业不管事，楼道灯坏了、垃圾也没人清，还天天催物业费。"),
    ("养老金领取", "我下个月退休，养老金什么时候开始发？要办什么手续？"),
    ("宽带故障", "家里宽带断了三天了，报修了也没人来。"),
)
GIVEN = ("女士", "先生")


class SimulatedTelephony(LocalCallsAdapter):
    """The demo telephone and work source (see the module docstring)."""

    kind = "simulator"
    id_prefix = "sim"

    def __init__(
        self,
        start: datetime | None = None,
        *,
        sink: EventSink | None = None,
        daily_volume: float = 2200.0,
        seed: int = 12345,
        online_share: float = 0.2,
        min_gap_s: float = 2.0,
        max_gap_s: float = 6.0,
        clock: Callable[[], float] = time.monotonic,
        citizen_answers: bool = True,
    ) -> None:
        """``start``: the simulated time profile arrivals count from (``arrivals_until``);
        ``min_gap_s``/``max_gap_s``: demo-speed gap between ``next_item`` items;
        ``citizen_answers``: whether a click-to-dial reaches the (simulated) citizen."""
        super().__init__(sink if sink is not None else _discard)
        self._arrival_rng = random.Random(seed)
        self._rng = random.Random(seed + 1)
        self._t = start
        self.daily_volume = daily_volume
        self.online_share = online_share
        self.citizen_answers = citizen_answers
        self._items: deque[dict[str, Any]] = deque()
        self._gap = (min_gap_s, max_gap_s)
        self._clock = clock
        self._next_at = clock() + self._rng.uniform(*self._gap)
        self._phones = [f"13{self._rng.randint(100000000, 999999999)}" for _ in range(12)]
        self.produced = 0

    # -- the work source ----------------------------------------------------------------
    def arrivals_until(self, now: datetime) -> list[Arrival]:
        """Profile arrivals since the last call (the first call counts from ``start``)."""
        if self._t is None:
            self._t = now
            return []
        if now <= self._t:
            return []
        out = simulate_arrivals(self._t, now - self._t, daily_volume=self.daily_volume,
                                rng=self._arrival_rng, online_share=self.online_share)
        self._t = now
        return out

    def make_item(self, channel: Channel | None = None) -> dict[str, Any]:
        """One demo item: caller, number, area, matter hint; an online item carries the
        request text, a phone item what the caller says (the ring banner shows it)."""
        with self._lock:
            rng = self._rng
            matter, text = rng.choice(REQUESTS)
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            area = rng.choice(AREAS)
            if channel is None:
                channel = Channel.PHONE
                if rng.random() < self.online_share:
                    channel = rng.choice(ONLINE_CHANNELS)
            phone = rng.choice(self._phones)
            self.produced += 1
            n = self.produced
        item: dict[str, Any] = {
            "item_id": f"sim-{n}", "channel": channel.value, "phone": phone,
            "caller_name": name, "area": area, "hint_matter": matter, "simulated": True,
        }
        if channel is not Channel.PHONE:
            item["description"] = text  # online requests open the form with the text
        else:
            item["spoken"] = text
        return item

    def push(self, item: dict[str, Any]) -> None:
        with self._lock:
            self._items.append(item)

    def next_item(self) -> dict[str, Any] | None:
        """The next demo item at demo speed (``None`` until the gap has passed)."""
        with self._lock:
            if self._items:
                return self._items.popleft()
            now = self._clock()
            if now < self._next_at:
                return None
            self._next_at = now + self._rng.uniform(*self._gap)
        return self.make_item()

    # -- the demo phone (TelephonyAdapter) ------------------------------------------------
    def start(self) -> None:
        self._emit(CallEvent(EventKind.CONNECTED, source=self.kind))

    def stop(self) -> None:
        self._connected.clear()

    def ring(self, number: str, *, queue: str = "", channel: str = Channel.PHONE.value) -> str:
        """A simulated citizen calls this seat: RINGING (returns the call id). Not ready:
        the call is not offered (``""``), as a PBX would route it to the next seat."""
        if not self._ready:
            return ""
        ev = CallEvent(EventKind.RINGING, call_id=self._new_id(), caller=normalize_number(number),
                       queue=queue, channel=channel, source=self.kind)
        with self._lock:
            self._calls[ev.call_id] = ev
        self._sink(ev)
        return ev.call_id

    def caller_hangs_up(self, call_id: str) -> None:
        ev = self._pop(call_id)
        self._again(ev, EventKind.ENDED, reason="caller")

    def answer(self, call_id: str | None = None) -> None:
        self._again(self._known(call_id), EventKind.ANSWERED)

    def hangup(self, call_id: str | None = None) -> None:
        self._again(self._pop(self._known(call_id).call_id), EventKind.ENDED, reason="agent")

    def hold(self, call_id: str | None = None) -> None:
        self._again(self._known(call_id), EventKind.HELD)

    def resume(self, call_id: str | None = None) -> None:
        self._again(self._known(call_id), EventKind.RESUMED)

    def transfer(self, target: str, call_id: str | None = None) -> None:
        ev = self._pop(self._known(call_id).call_id)
        self._again(ev, EventKind.TRANSFERRED, target=target)
        self._again(ev, EventKind.ENDED, reason="transferred")

    def dial(self, number: str) -> str | None:
        ev = CallEvent(EventKind.DIALING, call_id=self._new_id(), direction=Direction.OUTBOUND,
                       caller=normalize_number(number), source=self.kind)
        with self._lock:
            self._calls[ev.call_id] = ev
        self._sink(ev)
        if self.citizen_answers:
            self._again(ev, EventKind.ANSWERED)
        else:
            self._again(self._pop(ev.call_id), EventKind.ENDED, reason="no answer")
        return ev.call_id

    def _again(self, base: CallEvent, kind: EventKind, **extra: str) -> None:
        self._sink(CallEvent(kind, call_id=base.call_id, direction=base.direction,
                             caller=base.caller, called=base.called, queue=base.queue,
                             channel=base.channel, source=self.kind, **extra))


def _discard(_event: CallEvent) -> None:
    return None


class FeedableQueue(Protocol):
    """What :class:`QueueFeeder` needs of the central queue (``services.queue.QueueService``)."""

    clock: Callable[[], datetime]

    def enqueue(self, channel: str, payload: dict[str, Any] | None = ..., *,
                at: datetime | None = ..., caller_phone: str = ...) -> str: ...

    def abandon(self, item_id: str) -> bool: ...


class QueueFeeder:
    """Feeds the central queue from the simulator's profile arrivals; hangs up callers
    whose patience ran out (they enter the missed-call return list, 回拨)."""

    def __init__(self, queue: FeedableQueue, adapter: SimulatedTelephony) -> None:
        self.queue = queue
        self.adapter = adapter
        self._patience: dict[str, datetime] = {}

    def step(self) -> tuple[int, int]:
        """Enqueue new arrivals and abandon impatient callers; returns (arrived, abandoned)."""
        now = self.queue.clock()
        arrived = 0
        for a in self.adapter.arrivals_until(now):
            item = self.adapter.make_item(a.channel)
            item.pop("channel")
            item["source"] = "simulator"
            phone = item["phone"] if a.channel == Channel.PHONE else ""
            queued = self.queue.enqueue(a.channel, item, at=a.at, caller_phone=phone)
            arrived += 1
            if a.channel == Channel.PHONE:
                self._patience[queued] = a.at + a.patience
        abandoned = 0
        for queued, until in list(self._patience.items()):
            if until <= now:
                del self._patience[queued]
                abandoned += int(self.queue.abandon(queued))
        return arrived, abandoned


__all__ = ["GIVEN", "REQUESTS", "SURNAMES", "FeedableQueue", "QueueFeeder",
           "SimulatedTelephony"]
