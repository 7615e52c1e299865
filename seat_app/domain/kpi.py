"""The center's KPI formulas (design.md, "KPIs (exact definitions)"), as pure functions.

Every function takes counts (or sums) that were computed from stored records and returns a
figure; nothing here is ever typed in. Percentages are rounded to two decimals half-up (the
way the center publishes them: 81.865 -> 81.87), computed with ``Decimal`` so that binary
floating point never flips the last digit. A ratio over an empty denominator is ``None``
(no figure), never 0.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


def round2(value: Decimal | int | float) -> float:
    """``value`` rounded half-up to two decimals."""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return float(value.quantize(_CENT, rounding=ROUND_HALF_UP))


def pct(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator`` in percent, two decimals; ``None`` when nothing to divide."""
    if numerator < 0 or denominator < 0:
        raise ValueError("counts cannot be negative")
    if denominator == 0:
        return None
    if numerator > denominator:
        raise ValueError(f"part {numerator} exceeds whole {denominator}")
    return round2(Decimal(numerator) * 100 / Decimal(denominator))


def direct_resolution_rate(direct: int, accepted: int) -> float | None:
    """直接办理率: cases closed by the seat without dispatch ÷ accepted."""
    return pct(direct, accepted)


def dispatch_rate(dispatched: int, accepted: int) -> float | None:
    """转派率: dispatched cases ÷ accepted."""
    return pct(dispatched, accepted)


def first_answer_rate(answered_first_attempt: int, offered: int) -> float | None:
    """热线首接通率: calls answered on first attempt ÷ calls offered."""
    return pct(answered_first_attempt, offered)


def overall_satisfaction(satisfied: int, basically_satisfied: int, rated: int) -> float | None:
    """综合满意率: (满意 + 基本满意) ÷ rated (post-call ratings)."""
    return pct(satisfied + basically_satisfied, rated)


def on_time_rate(closed_on_time: int, dispatched_closed: int) -> float | None:
    """按期办结率: dispatched cases closed by their deadline ÷ dispatched cases closed."""
    return pct(closed_on_time, dispatched_closed)


def callback_satisfaction(satisfied: int, completed: int) -> float | None:
    """回访满意率: satisfied callback surveys ÷ completed callback surveys."""
    return pct(satisfied, completed)


def avg_handling_days(total_seconds: int | float, dispatched_closed: int) -> float | None:
    """平均办理时长: mean natural days from dispatch to closure (sum of durations in seconds)."""
    if dispatched_closed == 0:
        return None
    if total_seconds < 0:
        raise ValueError("durations cannot be negative")
    return round2(Decimal(str(total_seconds)) / Decimal(86400) / Decimal(dispatched_closed))


def yoy_growth(current: int, previous: int) -> float | None:
    """同比: change in percent against the same period a year earlier (None without one)."""
    if previous <= 0:
        return None
    return round2((Decimal(current) - Decimal(previous)) * 100 / Decimal(previous))


@dataclass(frozen=True, slots=True)
class PeriodCounts:
    """Everything a period report needs, counted from records."""

    accepted: int
    direct: int
    dispatched: int
    calls_offered: int
    calls_answered_first: int
    missed_calls: int
    missed_call_returns: int
    rated: int
    rated_satisfied: int
    rated_basically_satisfied: int
    dispatched_closed: int
    dispatched_closed_on_time: int
    handling_seconds: int
    callback_completed: int
    callback_satisfied: int
    supervised: int
    supervised_joint: int
    thanks_calls: int
    thanks_letters: int
    thanks_banners: int
    accepted_previous: int = 0
    """Accepted in the same period a year earlier (for 同比)."""


def figures(c: PeriodCounts) -> dict[str, object]:
    """The published figures of a period, in the report's JSON key names."""
    return {
        "accepted_total": c.accepted,
        "accepted_previous_total": c.accepted_previous,
        "yoy_growth_pct": yoy_growth(c.accepted, c.accepted_previous),
        "direct_total": c.direct,
        "direct_pct": direct_resolution_rate(c.direct, c.accepted),
        "dispatched_total": c.dispatched,
        "dispatched_pct": dispatch_rate(c.dispatched, c.accepted),
        "calls_offered": c.calls_offered,
        "calls_answered_first": c.calls_answered_first,
        "first_answer_rate_pct": first_answer_rate(c.calls_answered_first, c.calls_offered),
        "missed_calls": c.missed_calls,
        "missed_call_returns": c.missed_call_returns,
        "rated_total": c.rated,
        "overall_satisfaction_pct": overall_satisfaction(
            c.rated_satisfied, c.rated_basically_satisfied, c.rated
        ),
        "dispatched_closed_total": c.dispatched_closed,
        "dispatched_on_time_pct": on_time_rate(c.dispatched_closed_on_time, c.dispatched_closed),
        "callback_completed_total": c.callback_completed,
        "callback_survey_satisfaction_pct": callback_satisfaction(
            c.callback_satisfied, c.callback_completed
        ),
        "avg_handling_days": avg_handling_days(c.handling_seconds, c.dispatched_closed),
        "supervised_total": c.supervised,
        "supervised_joint_total": c.supervised_joint,
        "thanks_calls": c.thanks_calls,
        "thanks_letters": c.thanks_letters,
        "thanks_banners": c.thanks_banners,
    }


def counts_as_dict(c: PeriodCounts) -> dict[str, int]:
    return asdict(c)


@dataclass(frozen=True, slots=True)
class Target:
    """A figure's target on the lead's console: ``at_least`` or at most ``value``."""

    key: str
    label: str
    value: float
    higher_is_better: bool = True

    def met(self, actual: float | None) -> bool | None:
        if actual is None:
            return None
        return actual >= self.value if self.higher_is_better else actual <= self.value


DEFAULT_TARGETS: tuple[Target, ...] = (
    Target("first_answer_rate_pct", "热线首接通率", 95.0),
    Target("direct_pct", "直接办理率", 80.0),
    Target("overall_satisfaction_pct", "综合满意率", 95.0),
    Target("dispatched_on_time_pct", "按期办结率", 99.0),
)
"""The center's default targets for today's figures."""
