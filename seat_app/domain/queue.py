"""Seat states, queue channels, lease rules and the arrival profile of the call simulator.

Pure Python: the central queue service (seat_app/services/queue/service.py) and the simulator use
these rules; the lead's console shows them.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from seat_app.domain.case import Channel


class SeatState(StrEnum):
    """A seat's state (座席状态)."""

    OFFLINE = "offline"
    READY = "ready"
    RINGING = "ringing"
    ON_CALL = "on_call"
    AFTER_CALL_WORK = "after_call_work"
    BREAK = "break"
    TRAINING = "training"

    @property
    def label(self) -> str:
        return SEAT_STATE_LABELS[self]


SEAT_STATE_LABELS: dict[SeatState, str] = {
    SeatState.OFFLINE: "离线",
    SeatState.READY: "就绪",
    SeatState.RINGING: "振铃",
    SeatState.ON_CALL: "通话中",
    SeatState.AFTER_CALL_WORK: "话后处理",
    SeatState.BREAK: "小休",
    SeatState.TRAINING: "培训",
}

_S = SeatState
SEAT_TRANSITIONS: dict[SeatState, frozenset[SeatState]] = {
    _S.OFFLINE: frozenset({_S.READY, _S.BREAK, _S.TRAINING}),
    _S.READY: frozenset({_S.RINGING, _S.ON_CALL, _S.BREAK, _S.TRAINING, _S.OFFLINE}),
    _S.RINGING: frozenset({_S.ON_CALL, _S.READY, _S.OFFLINE}),
    _S.ON_CALL: frozenset({_S.AFTER_CALL_WORK, _S.OFFLINE}),
    _S.AFTER_CALL_WORK: frozenset({_S.READY, _S.BREAK, _S.OFFLINE, _S.TRAINING}),
    _S.BREAK: frozenset({_S.READY, _S.OFFLINE, _S.TRAINING}),
    _S.TRAINING: frozenset({_S.READY, _S.BREAK, _S.OFFLINE}),
}
"""Legal state changes an agent (or the telephony adapter) makes.

A ringing seat that does not pick up goes back to ready (the item returns to the queue);
a call always ends in after-call work; going offline is always possible for a seat that
is not in the middle of a call's work except by disconnection (ON_CALL -> OFFLINE is a
dead seat; its item's lease then expires).
"""

BUSY_STATES = frozenset({_S.RINGING, _S.ON_CALL, _S.AFTER_CALL_WORK})
"""States in which a seat holds (or just held) a queue item."""


class IllegalTransition(ValueError):
    """A state change the rules do not allow."""

    def __init__(self, old: SeatState, new: SeatState) -> None:
        super().__init__(f"座席状态不能从“{old.label}”变为“{new.label}” ({old} -> {new})")
        self.old = old
        self.new = new


def check_transition(old: SeatState | str, new: SeatState | str, *, forced: bool = False) -> None:
    """Raise ``IllegalTransition`` unless ``old -> new`` is allowed.

    A team lead may force any state except into ringing/on call (those come from the queue);
    staying in the same state is never a change.
    """
    old, new = SeatState(old), SeatState(new)
    if old == new:
        raise IllegalTransition(old, new)
    if forced:
        if new in (_S.RINGING, _S.ON_CALL):
            raise IllegalTransition(old, new)
        return
    if new not in SEAT_TRANSITIONS[old]:
        raise IllegalTransition(old, new)


def can_claim(state: SeatState | str) -> bool:
    """Only a ready seat takes items from the queue."""
    return SeatState(state) == _S.READY


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.PHONE: "电话",
    Channel.APP: "APP",
    Channel.WEBSITE: "网站",
    Channel.MAILBOX: "市长信箱",
    Channel.WINDOW: "服务窗口",
}
"""How the console names each channel (the stored values are ``case.Channel``'s)."""

ONLINE_CHANNELS = (Channel.APP, Channel.WEBSITE, Channel.MAILBOX, Channel.WINDOW)


class ItemStatus(StrEnum):
    """A queue item's life: waiting -> claimed -> done, or abandoned (caller hung up)."""

    WAITING = "waiting"
    CLAIMED = "claimed"
    DONE = "done"
    ABANDONED = "abandoned"


# Leases --------------------------------------------------------------------------------

DEFAULT_LEASE = timedelta(seconds=30)
"""How long a claim lasts without renewal; a live seat renews while it works the item."""

PHONE_PRIORITY = 0
ONLINE_PRIORITY = 5
"""Lower is first: callers on the line go before online submissions."""


@dataclass(frozen=True, slots=True)
class Lease:
    holder: str
    token: int
    """The claim's fencing token (the item's claim count); a stale holder has an old one."""
    expires_at: datetime

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


def lease_valid(
    item_holder: str | None,
    item_token: int,
    item_expires: datetime | None,
    *,
    holder: str,
    token: int,
    now: datetime,
) -> bool:
    """Whether ``holder`` with claim ``token`` still holds the item at ``now``.

    A holder whose lease expired, or whose item was claimed again since (a newer token),
    is stale: it can neither renew nor complete.
    """
    if item_holder != holder or item_token != token or item_expires is None:
        return False
    return now < item_expires


# Alerts thresholds (the lead's console) ---------------------------------------------------

WAIT_ALERT = timedelta(seconds=60)
"""A caller waiting longer than this raises an alert."""
AFTER_CALL_WORK_ALERT = timedelta(minutes=3)
"""After-call work longer than this raises an alert."""
DEADLINE_ALERT = timedelta(hours=24)
"""A dispatched case whose deadline is nearer than this raises an alert."""


# Arrival profile ------------------------------------------------------------------------

HOURLY_PROFILE: tuple[float, ...] = (
    0.6, 0.4, 0.3, 0.25, 0.3, 0.5, 1.2, 3.2, 7.8, 9.6, 9.4, 8.2,
    5.6, 5.0, 7.4, 8.3, 7.9, 6.6, 4.6, 3.4, 2.7, 2.1, 1.5, 1.0,
)
"""Relative share of a day's calls per hour (0..23): morning peak 9-10, afternoon 15-16."""

WEEKDAY_FACTOR: tuple[float, ...] = (1.18, 1.08, 1.04, 1.02, 1.00, 0.74, 0.66)
"""Monday .. Sunday, relative daily volume."""

MONTH_FACTOR: tuple[float, ...] = (
    1.02, 0.86, 0.98, 0.97, 0.99, 1.02, 1.12, 1.14, 1.01, 0.92, 0.96, 1.08,
)
"""January .. December: Spring Festival dip, summer peak (water, power, noise), heating in
winter."""


LOCAL_TZ = timezone(timedelta(hours=8), "CST")
"""The center's local time (China Standard Time, no daylight saving): profiles, days and
report periods are local; stored timestamps are UTC."""


def local(at: datetime) -> datetime:
    """``at`` in local time (naive values are taken as local already)."""
    return at.astimezone(LOCAL_TZ) if at.tzinfo is not None else at


def hour_share(hour: int) -> float:
    total = sum(HOURLY_PROFILE)
    return HOURLY_PROFILE[hour] / total


def arrival_rate_per_hour(at: datetime, daily_volume: float) -> float:
    """Expected calls per hour at ``at`` for a day of average volume ``daily_volume``."""
    at = local(at)
    return (
        daily_volume
        * WEEKDAY_FACTOR[at.weekday()]
        * MONTH_FACTOR[at.month - 1]
        * hour_share(at.hour)
    )


@dataclass(frozen=True, slots=True)
class Arrival:
    at: datetime
    channel: Channel
    patience: timedelta
    """How long the caller waits before hanging up (online items never hang up)."""


def mean_patience() -> timedelta:
    return timedelta(seconds=75)


def simulate_arrivals(
    start: datetime,
    duration: timedelta,
    *,
    daily_volume: float,
    rng: random.Random,
    online_share: float = 0.2,
) -> list[Arrival]:
    """Poisson arrivals over ``duration`` from ``start`` following the hourly profile.

    Phone callers get an exponential patience (mean 75 s): the simulator abandons a phone
    item when its wait exceeds it. Online submissions arrive at the same profile.
    """
    out: list[Arrival] = []
    t = start
    end = start + duration
    online = list(ONLINE_CHANNELS)
    online_weights = [0.45, 0.3, 0.15, 0.10]
    while t < end:
        rate = arrival_rate_per_hour(t, daily_volume)  # per hour
        if rate <= 0:
            t += timedelta(minutes=1)
            continue
        gap = rng.expovariate(rate / 3600.0)
        # do not let a slow hour's long gap skip a busy one
        next_hour = t.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        # (local and UTC hours start together: the offset is whole hours)
        if t + timedelta(seconds=gap) >= next_hour:
            t = next_hour
            continue
        t += timedelta(seconds=gap)
        if t >= end:
            break
        if rng.random() < online_share:
            ch = rng.choices(online, online_weights)[0]
            out.append(Arrival(t, ch, timedelta.max))
        else:
            patience = -math.log(1.0 - rng.random()) * mean_patience().total_seconds()
            out.append(Arrival(t, Channel.PHONE, timedelta(seconds=max(3.0, patience))))
    return out
