"""Supervision (督办) of dispatched cases: levels, rule-based raising and escalation.

Levels rise from a written notice to joint supervision with the government inspection
office (政府督查室). A lead raises supervision by hand at any level not below the current one;
rules raise it when a case is overdue (the level follows how many working days late it is)
or when its reply was returned too often. Rules never raise joint supervision: that is a
leadership decision. Evaluating the rules again on the same facts raises nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum, StrEnum

from seat_app.domain.dispatch import DispatchFlow, DispatchRuleError, DispatchState


class SupervisionLevel(IntEnum):
    WRITTEN = 1
    ON_SITE = 2
    HOTLINE_LED = 3
    SENIOR = 4
    JOINT = 5

    @property
    def zh(self) -> str:
        return _LEVEL_NAMES[self][0]

    @property
    def en(self) -> str:
        return _LEVEL_NAMES[self][1]


_LEVEL_NAMES = {
    SupervisionLevel.WRITTEN: ("书面督办", "written"),
    SupervisionLevel.ON_SITE: ("现场督办", "on-site"),
    SupervisionLevel.HOTLINE_LED: ("热线牵头督办", "hotline-led"),
    SupervisionLevel.SENIOR: ("领导督办", "senior"),
    SupervisionLevel.JOINT: ("联合政府督查室督办", "joint with the government inspection office"),
}


class SupervisionTrigger(StrEnum):
    MANUAL = "manual"
    OVERDUE = "overdue"
    RETURNED = "returned"


@dataclass(frozen=True, slots=True)
class Supervision:
    """One supervision record on a case (counted in reports)."""

    case_id: str
    level: SupervisionLevel
    trigger: SupervisionTrigger
    reason: str
    raised_at: datetime
    raised_by: str
    """A user's work number, or ``rule`` for rule-raised supervision."""


@dataclass(frozen=True, slots=True)
class SupervisionRules:
    overdue_levels: tuple[tuple[int, SupervisionLevel], ...] = (
        (1, SupervisionLevel.WRITTEN),
        (3, SupervisionLevel.ON_SITE),
        (6, SupervisionLevel.HOTLINE_LED),
        (10, SupervisionLevel.SENIOR),
    )
    """(working days overdue, at least this level), ascending."""
    returned_levels: tuple[tuple[int, SupervisionLevel], ...] = (
        (2, SupervisionLevel.WRITTEN),
        (3, SupervisionLevel.ON_SITE),
    )
    """(times the center returned the unit's reply, at least this level)."""


def current_level(history: Sequence[Supervision]) -> SupervisionLevel | None:
    return max((s.level for s in history), default=None)


def _level_for(count: int, table: tuple[tuple[int, SupervisionLevel], ...]) -> SupervisionLevel | None:
    found = None
    for threshold, level in table:
        if count >= threshold:
            found = level
    return found


def evaluate(
    state: DispatchState,
    history: Sequence[Supervision],
    *,
    today: date,
    flow: DispatchFlow,
    rules: SupervisionRules | None = None,
    now: datetime | None = None,
) -> Supervision | None:
    """The supervision the rules raise now, or None (nothing new to raise).

    The level the facts call for is the highest of the overdue and returned rules; it is
    raised only when above the case's current level (so repeated evaluation is idempotent
    and a manual raise above the rules is never lowered).
    """
    rules = rules or SupervisionRules()
    candidates: list[tuple[SupervisionLevel, SupervisionTrigger, str]] = []
    late = flow.overdue_working_days(state, today)
    level = _level_for(late, rules.overdue_levels)
    if level is not None:
        candidates.append(
            (level, SupervisionTrigger.OVERDUE, f"超期 {late} 个工作日（时限 {state.deadline}）")
        )
    returns = state.reply_return_count
    level = _level_for(returns, rules.returned_levels)
    if level is not None and state.status != "办结":
        candidates.append((level, SupervisionTrigger.RETURNED, f"回复被退回 {returns} 次"))
    if not candidates:
        return None
    level, trigger, reason = max(candidates, key=lambda c: c[0])
    current = current_level(history)
    if current is not None and level <= current:
        return None
    return Supervision(
        state.case_id, level, trigger, reason,
        now or datetime.combine(today, datetime.min.time()), "rule",
    )


def raise_manually(
    state: DispatchState,
    history: Sequence[Supervision],
    level: SupervisionLevel,
    reason: str,
    *,
    at: datetime,
    actor: str,
) -> Supervision:
    """A lead raises supervision; never below the current level, never on a closed case."""
    level = SupervisionLevel(level)
    if state.status == "办结":
        raise DispatchRuleError(
            "工单已办结，不能督办。", "The case is closed; it cannot be supervised.",
            code="supervise_closed",
        )
    if state.unit_code is None:
        raise DispatchRuleError(
            "工单尚未转派，不能督办。", "The case was not dispatched; nothing to supervise.",
            code="supervise_undispatched",
        )
    current = current_level(history)
    if current is not None and level < current:
        raise DispatchRuleError(
            f"督办级别不能降低：当前为「{current.zh}」。",
            f"Supervision cannot be lowered: the current level is {current.en}.",
            code="supervise_lower",
        )
    text = (reason or "").strip()
    if len(text) < 4:
        raise DispatchRuleError(
            "督办必须写明原因（至少 4 个字）。", "Supervision needs a reason (at least 4 characters).",
            code="reason",
        )
    return Supervision(state.case_id, level, SupervisionTrigger.MANUAL, text, at, actor)


def escalate(
    state: DispatchState, history: Sequence[Supervision], reason: str, *, at: datetime, actor: str
) -> Supervision:
    """One level up from the current one (written first when there is none yet)."""
    current = current_level(history)
    if current is None:
        level = SupervisionLevel.WRITTEN
    elif current == SupervisionLevel.JOINT:
        raise DispatchRuleError(
            "已是最高督办级别（联合政府督查室督办）。",
            "Already at the highest supervision level (joint with the inspection office).",
            code="supervise_top",
        )
    else:
        level = SupervisionLevel(current + 1)
    return raise_manually(state, history, level, reason, at=at, actor=actor)
