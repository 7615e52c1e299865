"""How simulated agents and units behave: talk and after-call times, breaks, misses, the
share of dispatched cases and the matters by weight. Pure data and draws from a seeded
``random.Random``; no I/O.

Durations are in simulated seconds; the floor divides them by its speed (``--speed``).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from seat_app.domain.taxonomy import AREAS, MATTERS

HEAVY_MATTERS = frozenset(
    {
        "停水",
        "停电",
        "供暖不热",
        "拖欠工资",
        "农民工欠薪",
        "社会生活噪声",
        "物业服务质量",
        "公积金提取",
        "医保报销",
        "社保缴纳与补缴",
        "违章停车",
        "生活垃圾清运",
        "燃气费",
        "道路破损",
        "餐饮油烟",
        "入学报名与学区",
        "预付卡退费",
        "装修噪声",
        "路灯不亮",
    }
)
"""The matters that dominate a year's requests (weight 8 against 1 for the rest)."""

AREA_WEIGHTS = (30, 16, 7, 6, 6, 4, 5, 4, 5, 3, 3, 4, 3, 4)
"""市直 and the counties, roughly by population (the order of ``taxonomy.AREAS``)."""


def default_matter_weights() -> tuple[tuple[str, float], ...]:
    return tuple((m.name, 8.0 if m.name in HEAVY_MATTERS else 1.0) for m in MATTERS)


@dataclass(frozen=True, slots=True)
class LiveProfile:
    """The behaviour of the simulated floor (simulated seconds)."""

    talk_mean_s: float = 240.0
    """Mean talk time (lognormal, sigma 0.5): a 12345 call takes about four minutes."""
    after_call_mean_s: float = 45.0
    """Mean after-call work (lognormal, sigma 0.4)."""
    ring_s: float = 6.0
    """How long a seat rings before the agent picks up (or misses the call)."""
    miss_share: float = 0.03
    """Share of offered calls the agent does not pick up (the item goes back to the queue)."""
    break_share: float = 0.06
    """Share of calls after which the agent takes a break."""
    break_mean_s: float = 300.0
    return_share: float = 0.5
    """Share of idle moments in which an agent calls back a missed call (回拨), if any."""
    dispatch_share: float = 142_839 / 787_843
    """Share of requests dispatched to a unit (the 2024 published figures of the seed)."""
    online_share: float = 0.2
    """Share of requests from online channels (the rest by phone)."""
    calls_per_seat_day: float = 90.0
    """Daily arrivals per seat (arrivals follow the day's hourly profile)."""
    matter_weights: tuple[tuple[str, float], ...] = field(default_factory=default_matter_weights)
    unit_act_share: float = 0.35
    """Per unit round, share of the cases at a unit it acts on (the rest wait)."""
    extension_share: float = 0.08
    """Share of signed cases whose unit asks for an extension first."""
    unit_return_share: float = 0.05
    """Share of dispatched cases the unit returns (not its case)."""
    review_share: float = 0.5
    """Share of replies the simulated center approves (the rest wait on the review desk)."""

    def talk_s(self, rng: random.Random) -> float:
        return _lognormal(rng, self.talk_mean_s, 0.5)

    def after_call_s(self, rng: random.Random) -> float:
        return _lognormal(rng, self.after_call_mean_s, 0.4)

    def break_s(self, rng: random.Random) -> float:
        return _lognormal(rng, self.break_mean_s, 0.3)

    def matter(self, rng: random.Random) -> str:
        names = [m for m, _w in self.matter_weights]
        return rng.choices(names, [w for _m, w in self.matter_weights])[0]

    def area(self, rng: random.Random) -> str:
        return rng.choices(AREAS, AREA_WEIGHTS[: len(AREAS)])[0]

    def dispatched(self, rng: random.Random) -> bool:
        return rng.random() < self.dispatch_share


def _lognormal(rng: random.Random, mean: float, sigma: float) -> float:
    """A lognormal draw with the given mean (not median)."""
    mu = math.log(mean) - sigma * sigma / 2
    return rng.lognormvariate(mu, sigma)


__all__ = ["AREA_WEIGHTS", "HEAVY_MATTERS", "LiveProfile", "default_matter_weights"]
