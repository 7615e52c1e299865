"""Fair, reproducible monthly sampling of handled cases for inspection.

Per agent and month: every targeted rule picks up to ``targeted_cap`` of the agent's
matching cases (a case counts once, under the first rule in ``RULE_ORDER`` that matches),
then ``random_per_agent`` more at random from the rest (``random_new_agent`` for agents
in their first ``new_agent_months`` months). Random choices come from a generator seeded
with (seed, month, agent, rule), so the same seed and data give the same sample whatever
the order of the input, and one agent's cases never change another agent's sample.

The picks are then scheduled over the working days of the following month, round-robin
over the inspectors, no inspector above ``daily_cap`` a day; what does not fit is returned
as ``unscheduled`` (the lead adds inspectors or raises the cap).
"""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from seat_app.domain.quality.errors import SamplingPlanInvalid
from seat_app.domain.quality.records import AgentInfo, CaseRecord


class Rule(StrEnum):
    """Why a case was sampled."""

    CALLBACK_UNSATISFIED = "callback_unsatisfied"
    COMPLAINT_ABOUT_AGENT = "complaint_about_agent"
    REPEAT_CALLER = "repeat_caller"
    RETURNED_BY_UNIT = "returned_by_unit"
    SUPERVISED = "supervised"
    LONG_HANDLING = "long_handling"
    RANDOM = "random"

    @property
    def label_zh(self) -> str:
        return RULE_LABELS_ZH[self]


RULE_LABELS_ZH: dict[Rule, str] = {
    Rule.CALLBACK_UNSATISFIED: "回访不满意",
    Rule.COMPLAINT_ABOUT_AGENT: "投诉话务员",
    Rule.REPEAT_CALLER: "7日内重复来电",
    Rule.RETURNED_BY_UNIT: "承办单位退回或重派",
    Rule.SUPERVISED: "督办件",
    Rule.LONG_HANDLING: "办理时长超过P95",
    Rule.RANDOM: "随机抽样",
}

RULE_ORDER: tuple[Rule, ...] = (
    Rule.CALLBACK_UNSATISFIED, Rule.COMPLAINT_ABOUT_AGENT, Rule.REPEAT_CALLER,
    Rule.RETURNED_BY_UNIT, Rule.SUPERVISED, Rule.LONG_HANDLING,
)
"""Targeted rules, most telling first: a case matching several counts under the first."""


@dataclass(frozen=True, slots=True)
class SamplingPlan:
    random_per_agent: int = 4
    random_new_agent: int = 8
    new_agent_months: int = 3
    targeted_cap: int = 3
    """At most this many cases per agent per targeted rule (chosen at random among matches)."""
    rules: frozenset[Rule] = frozenset(RULE_ORDER)
    repeat_days: int = 7
    handling_percentile: float = 95.0
    daily_cap: int = 25
    """Cases one inspector is given a day."""

    def __post_init__(self) -> None:
        for name in ("random_per_agent", "random_new_agent", "new_agent_months",
                     "targeted_cap", "repeat_days", "daily_cap"):
            if getattr(self, name) < 0:
                raise SamplingPlanInvalid(f"抽样方案中 {name} 不能为负数。",
                                          f"Sampling plan: {name} cannot be negative.")
        if not 0 < self.handling_percentile < 100:
            raise SamplingPlanInvalid("办理时长分位数应在 0 到 100 之间。",
                                      "The handling-time percentile must be between 0 and 100.")


@dataclass(frozen=True, slots=True)
class Pick:
    case_id: str
    case_number: str
    agent: str
    rule: Rule
    inspector: str = ""
    day: date | None = None
    """The working day it is scheduled for (None when unscheduled)."""


@dataclass(frozen=True, slots=True)
class AgentCoverage:
    agent: str
    team: str
    handled: int
    """The agent's cases in the month."""
    planned_random: int
    sampled: int
    by_rule: dict[str, int]
    new_agent: bool

    @property
    def shortfall(self) -> int:
        """Random picks the plan wanted but the agent had no cases left for."""
        return max(0, self.planned_random - self.by_rule.get(Rule.RANDOM.value, 0))


@dataclass(frozen=True, slots=True)
class SampleResult:
    month: str
    seed: int
    picks: tuple[Pick, ...]
    """Scheduled picks (with inspector and day; without them when no inspectors were given)."""
    coverage: tuple[AgentCoverage, ...]
    unscheduled: tuple[Pick, ...] = ()
    """Sampled, but beyond the inspectors' daily caps this month."""
    handling_threshold: float | None = None
    rule_counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        return {
            "month": self.month, "seed": self.seed,
            "sampled": len(self.picks) + len(self.unscheduled), "scheduled": len(self.picks),
            "agents": len(self.coverage), "by_rule": dict(self.rule_counts),
            "unscheduled": len(self.unscheduled),
            "handling_threshold_s": self.handling_threshold,
            "agents_short": sum(1 for c in self.coverage if c.shortfall),
        }


def parse_month(month: str) -> tuple[date, date]:
    """``YYYY-MM`` -> (first day, first day of the next month)."""
    try:
        y, m = (int(p) for p in month.split("-"))
        first = date(y, m, 1)
    except (ValueError, TypeError):
        raise SamplingPlanInvalid(f"月份格式不对：{month!r}，应为 YYYY-MM。",
                                  f"Bad month {month!r}: expected YYYY-MM.") from None
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt


def months_between(start: date, day: date) -> int:
    """Whole months from ``start`` to ``day``."""
    n = (day.year - start.year) * 12 + day.month - start.month
    return n - (day.day < start.day)


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Linear-interpolated percentile (numpy's default "linear" method)."""
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    if float(pct).is_integer():
        return float(statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1])
    s = sorted(values)
    pos = (len(s) - 1) * pct / 100
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return float(s[lo] + (s[hi] - s[lo]) * (pos - lo))


def _rng(seed: int, month: str, agent: str, what: str) -> random.Random:
    return random.Random(f"{seed}|{month}|{agent}|{what}")


def _repeat_ids(cases: Sequence[CaseRecord], days: int) -> set[str]:
    """Cases whose caller had another case in the ``days`` before (the repeat, not the first)."""
    by_phone: dict[str, list[CaseRecord]] = defaultdict(list)
    for c in cases:
        if "*" in c.caller_phone:
            continue  # a masked number does not tell one caller from another
        phone = "".join(ch for ch in c.caller_phone if ch.isdigit())
        if phone:
            by_phone[phone].append(c)
    window = timedelta(days=days)
    out: set[str] = set()
    for group in by_phone.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda c: (c.created_at, c.case_id))
        for prev, cur in pairwise(group):
            if cur.created_at - prev.created_at <= window:
                out.add(cur.case_id)
    return out


def sample_month(
    cases: Iterable[CaseRecord],
    agents: Iterable[AgentInfo],
    month: str,
    *,
    plan: SamplingPlan | None = None,
    seed: int = 0,
    inspectors: Sequence[str] = (),
    is_working_day: Callable[[date], bool] | None = None,
    history: Iterable[CaseRecord] = (),
) -> SampleResult:
    """The month's sample. ``cases`` may hold other months (they are filtered); ``history``
    adds earlier cases only for the repeat-caller rule (the last days of the month before).
    ``is_working_day`` defaults to Monday-Friday (pass ``WorkingDayCalendar.is_working_day``).
    """
    plan = plan or SamplingPlan()
    first, nxt = parse_month(month)
    in_month = sorted(
        (c for c in cases if first <= c.created_at.date() < nxt),
        key=lambda c: (c.case_number, c.case_id),
    )
    info = {a.agent: a for a in agents}
    repeat = _repeat_ids([*history, *in_month], plan.repeat_days) if (
        Rule.REPEAT_CALLER in plan.rules) else set()
    times = [c.handling_seconds for c in in_month if c.handling_seconds is not None]
    threshold = percentile(times, plan.handling_percentile) if (
        Rule.LONG_HANDLING in plan.rules) else None

    tests: dict[Rule, Callable[[CaseRecord], bool]] = {
        Rule.CALLBACK_UNSATISFIED: lambda c: c.callback_result == "不满意",
        Rule.COMPLAINT_ABOUT_AGENT: lambda c: c.complaint_about_agent,
        Rule.REPEAT_CALLER: lambda c: c.case_id in repeat,
        Rule.RETURNED_BY_UNIT: lambda c: c.unit_return_count > 0 or c.redispatch_count > 0,
        Rule.SUPERVISED: lambda c: c.supervised,
        Rule.LONG_HANDLING: lambda c: (threshold is not None and c.handling_seconds is not None
                                       and c.handling_seconds > threshold),
    }
    by_agent: dict[str, list[CaseRecord]] = defaultdict(list)
    for c in in_month:
        by_agent[c.agent].append(c)

    picks: list[Pick] = []
    coverage: list[AgentCoverage] = []
    for agent in sorted(set(by_agent) | set(info)):
        mine = by_agent.get(agent, [])
        a = info.get(agent)
        new = a is not None and 0 <= months_between(a.hired_on, first) < plan.new_agent_months
        taken: set[str] = set()
        counts: dict[str, int] = {}
        for rule in RULE_ORDER:
            if rule not in plan.rules:
                continue
            matches = [c for c in mine if c.case_id not in taken and tests[rule](c)]
            chosen = _choose(matches, plan.targeted_cap, _rng(seed, month, agent, rule))
            for c in chosen:
                taken.add(c.case_id)
                picks.append(Pick(c.case_id, c.case_number, agent, rule))
            if chosen:
                counts[rule.value] = len(chosen)
        planned = plan.random_new_agent if new else plan.random_per_agent
        rest = [c for c in mine if c.case_id not in taken]
        chosen = _choose(rest, planned, _rng(seed, month, agent, Rule.RANDOM))
        for c in chosen:
            picks.append(Pick(c.case_id, c.case_number, agent, Rule.RANDOM))
        if chosen:
            counts[Rule.RANDOM.value] = len(chosen)
        coverage.append(AgentCoverage(
            agent=agent, team=a.team if a else "", handled=len(mine), planned_random=planned,
            sampled=sum(counts.values()), by_rule=counts, new_agent=new))

    scheduled, unscheduled = schedule(picks, inspectors, nxt, plan.daily_cap,
                                      is_working_day=is_working_day)
    rule_counts: dict[str, int] = defaultdict(int)
    for p in picks:
        rule_counts[p.rule.value] += 1
    return SampleResult(month, seed, tuple(scheduled), tuple(coverage), tuple(unscheduled),
                        threshold, dict(rule_counts))


def _choose(items: list[CaseRecord], k: int, rng: random.Random) -> list[CaseRecord]:
    if k <= 0 or not items:
        return []
    if len(items) <= k:
        return list(items)
    return sorted(rng.sample(items, k), key=lambda c: (c.case_number, c.case_id))


def schedule(
    picks: Sequence[Pick],
    inspectors: Sequence[str],
    start: date,
    daily_cap: int,
    *,
    is_working_day: Callable[[date], bool] | None = None,
    days: int | None = None,
) -> tuple[list[Pick], list[Pick]]:
    """Give picks to inspectors on working days from ``start`` (for ``days`` working days,
    default: the working days of ``start``'s month), at most ``daily_cap`` per inspector
    a day, targeted picks first. Without inspectors every pick stays unassigned (and is
    returned as scheduled with no inspector, so a lead can assign by hand)."""
    if not inspectors:
        return list(picks), []
    working = is_working_day or (lambda d: d.weekday() < 5)
    slots: list[date] = []
    day = start
    if days is None:
        while day.month == start.month:
            if working(day):
                slots.append(day)
            day += timedelta(days=1)
    else:
        while len(slots) < days:
            if working(day):
                slots.append(day)
            day += timedelta(days=1)
    ordered = sorted(picks, key=lambda p: (p.rule == Rule.RANDOM, p.agent, p.case_number))
    capacity = [(d, i) for d in slots for _ in range(daily_cap) for i in inspectors]
    out: list[Pick] = []
    for pick, (d, insp) in zip(ordered, capacity, strict=False):
        out.append(Pick(pick.case_id, pick.case_number, pick.agent, pick.rule, insp, d))
    return out, list(ordered[len(out):])
