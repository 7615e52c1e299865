"""Callback surveys (回访): results, reopening after a dissatisfied result, the work list.

After the center approves a unit's reply (已审核), an agent calls the caller back and records
满意 / 基本满意 / 不满意. A dissatisfied result may reopen the case (重办) with a reason, back
to the same unit with a new deadline. A caller who cannot be reached is tried again on a
later day, up to ``max_attempts``; after that the case may be closed with a waiver.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from seat_app.domain.dispatch import (
    DispatchEvent,
    DispatchFlow,
    DispatchRuleError,
    DispatchState,
    DispatchStatus,
)


class CallbackResult(StrEnum):
    SATISFIED = "满意"
    BASICALLY_SATISFIED = "基本满意"
    DISSATISFIED = "不满意"

    @property
    def counts_as_satisfied(self) -> bool:
        """回访满意率 counts 满意 only; 综合满意率 (post-call ratings) adds 基本满意."""
        return self is CallbackResult.SATISFIED


@dataclass(frozen=True, slots=True)
class CallbackRules:
    max_attempts: int = 3
    """Unanswered attempts before the case may be closed without a callback."""
    max_reopens: int = 2


def record_callback(
    flow: DispatchFlow,
    state: DispatchState,
    result: CallbackResult | str,
    *,
    at: datetime,
    actor: str,
    note: str = "",
    reopen_reason: str | None = None,
    rules: CallbackRules | None = None,
) -> tuple[DispatchState, list[DispatchEvent]]:
    """Record the survey; with ``reopen_reason`` (dissatisfied only) also reopen the case.

    Returns the new state and the timeline events (one, or two when reopened).
    """
    rules = rules or CallbackRules()
    try:
        result = CallbackResult(result)
    except ValueError:
        raise DispatchRuleError(
            f"回访结果无效：{result!r}（应为 满意 / 基本满意 / 不满意）。",
            f"Bad callback result {result!r} (expected 满意 / 基本满意 / 不满意).",
            code="callback_result",
        ) from None
    if reopen_reason is not None and result is not CallbackResult.DISSATISFIED:
        raise DispatchRuleError(
            "只有「不满意」的回访才能重办。", "Only a dissatisfied callback can reopen the case.",
            code="reopen_not_dissatisfied",
        )
    state, event = flow.record_callback(state, result.value, at=at, actor=actor, note=note)
    events = [event]
    if reopen_reason is not None:
        state, reopened = flow.reopen(
            state, reopen_reason, at=at, actor=actor, max_reopens=rules.max_reopens
        )
        events.append(reopened)
    return state, events


@dataclass(frozen=True, slots=True)
class CallbackCandidate:
    """What the work list needs to know about one case."""

    case_id: str
    status: DispatchStatus
    reviewed_on: date
    """When the reply was approved (the case became due for its callback)."""
    caller_consents: bool = True
    """False for anonymous callers and those who declined a callback."""
    attempts: int = 0
    last_attempt_on: date | None = None
    reopen_count: int = 0
    supervised: bool = False


def callback_worklist(
    candidates: Iterable[CallbackCandidate],
    *,
    today: date,
    rules: CallbackRules | None = None,
) -> list[CallbackCandidate]:
    """Cases to call back today, most urgent first.

    Selected: reviewed (已审核) dispatched cases whose caller consents, with attempts left and
    not already tried today. Order: reopened cases, then supervised ones, then the longest
    waiting (earliest reviewed), then case id for a stable order.
    """
    rules = rules or CallbackRules()
    chosen = [
        c
        for c in candidates
        if c.status == DispatchStatus.REVIEWED
        and c.caller_consents
        and c.attempts < rules.max_attempts
        and c.last_attempt_on != today
        and c.reviewed_on <= today
    ]
    return sorted(
        chosen, key=lambda c: (c.reopen_count == 0, not c.supervised, c.reviewed_on, c.case_id)
    )


def may_close_without_callback(candidate: CallbackCandidate, rules: CallbackRules | None = None) -> bool:
    """True when the caller declined/was anonymous, or every allowed attempt went unanswered."""
    rules = rules or CallbackRules()
    return candidate.status == DispatchStatus.REVIEWED and (
        not candidate.caller_consents or candidate.attempts >= rules.max_attempts
    )
