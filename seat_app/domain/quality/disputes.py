"""Disputes (申诉) per item of a released evaluation: a pure state machine with its rules.

- The agent the evaluation is about disputes one item at a time, with a reason.
- Round 1 is open for ``window_working_days`` working days (default 5) after the
  evaluation was released; round 2, after a rejected round 1, for the same number of
  working days after that decision. At most ``max_rounds`` (2) rounds per item.
- A dispute is decided (upheld or rejected, with a reason) by an inspector other than the
  one who scored the case, or by a lead; round 2 also by someone other than round 1's
  decider.
- A late dispute, a third one, or one on an item already upheld is refused
  (:class:`DisputeRefused`) saying the date the window closed.
- Every step returns an :class:`AuditStep` the service stores with the change.
- An upheld item becomes a correction: :func:`corrected_judgements` gives the judgements
  for a new evaluation version (saved evaluations are never edited).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Protocol

from seat_app.domain.quality.errors import DisputeRefused
from seat_app.domain.training import Evaluation, Judgement
from seat_app.domain.training import Outcome as ItemOutcome

DECIDER_ROLES = frozenset({"inspector", "lead"})


class WorkingDays(Protocol):
    def add_working_days(self, start: date, n: int) -> date: ...


class DisputeStatus(StrEnum):
    OPEN = "open"
    UPHELD = "upheld"
    REJECTED = "rejected"

    @property
    def label_zh(self) -> str:
        return {"open": "待裁决", "upheld": "申诉成立", "rejected": "申诉驳回"}[self.value]


@dataclass(frozen=True, slots=True)
class DisputePolicy:
    window_working_days: int = 5
    max_rounds: int = 2


@dataclass(frozen=True, slots=True)
class EvaluationRef:
    """What dispute rules need from a saved evaluation."""

    evaluation_id: str
    agent: str
    inspector: str
    released_on: date
    item_ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class Dispute:
    dispute_id: str
    evaluation_id: str
    item_id: str
    agent: str
    round: int
    raised_on: date
    reason: str
    window_closes: date
    status: DisputeStatus = DisputeStatus.OPEN
    decided_by: str = ""
    decider_role: str = ""
    decided_on: date | None = None
    decision_reason: str = ""


@dataclass(frozen=True, slots=True)
class AuditStep:
    on: date
    actor: str
    action: str
    """dispute.raised / dispute.upheld / dispute.rejected"""
    dispute_id: str
    evaluation_id: str
    item_id: str
    detail: str


def window_closes(start: date, calendar: WorkingDays, policy: DisputePolicy) -> date:
    """The last day a dispute counted from ``start`` may be raised."""
    return calendar.add_working_days(start, policy.window_working_days)


def _refuse(reason: str, zh: str, en: str, closed: date | None = None) -> DisputeRefused:
    return DisputeRefused(zh, en, reason=reason, window_closed=closed)


def _mine(history: Iterable[Dispute], evaluation_id: str, item_id: str) -> list[Dispute]:
    return sorted((d for d in history if d.evaluation_id == evaluation_id
                   and d.item_id == item_id), key=lambda d: d.round)


def raise_dispute(
    ev: EvaluationRef,
    item_id: str,
    *,
    agent: str,
    reason: str,
    today: date,
    history: Sequence[Dispute],
    calendar: WorkingDays,
    dispute_id: str,
    policy: DisputePolicy | None = None,
) -> tuple[Dispute, AuditStep]:
    policy = policy or DisputePolicy()
    if agent != ev.agent:
        raise _refuse("not_own", "只能对本人的质检结果提出申诉。",
                      "You can dispute only your own evaluations.")
    if item_id not in ev.item_ids:
        raise _refuse("unknown_item", f"质检结果中没有评分项“{item_id}”。",
                      f"The evaluation has no item {item_id!r}.")
    if len(reason.strip()) < 4:
        raise _refuse("no_reason", "请写明申诉理由（至少 4 个字）。",
                      "Give the reason for the dispute (at least 4 characters).")
    prior = _mine(history, ev.evaluation_id, item_id)
    if any(d.status == DisputeStatus.OPEN for d in prior):
        raise _refuse("already_open", "该评分项已有待裁决的申诉。",
                      "This item already has a dispute awaiting decision.")
    if any(d.status == DisputeStatus.UPHELD for d in prior):
        raise _refuse("already_upheld", "该评分项的申诉已成立，无需再申诉。",
                      "A dispute on this item was already upheld.")
    round_no = len(prior) + 1
    if prior:
        last = prior[-1]
        assert last.decided_on is not None
        closes = window_closes(last.decided_on, calendar, policy)
    else:
        closes = window_closes(ev.released_on, calendar, policy)
    if round_no > policy.max_rounds:
        raise _refuse(
            "too_many_rounds",
            f"该评分项已申诉 {policy.max_rounds} 轮，不能再申诉；申诉期已于 {closes.isoformat()} 截止。",
            f"This item has had {policy.max_rounds} rounds of dispute; no more are allowed. "
            f"The dispute window closed on {closes.isoformat()}.", closes)
    if today > closes:
        raise _refuse(
            "late", f"已超过申诉期限：申诉期已于 {closes.isoformat()} 截止"
            f"（{policy.window_working_days} 个工作日）。",
            f"Too late: the dispute window closed on {closes.isoformat()} "
            f"({policy.window_working_days} working days).", closes)
    d = Dispute(dispute_id, ev.evaluation_id, item_id, agent, round_no, today, reason.strip(),
                closes)
    return d, AuditStep(today, agent, "dispute.raised", dispute_id, ev.evaluation_id, item_id,
                        f"第 {round_no} 轮：{reason.strip()}")


def decide_dispute(
    dispute: Dispute,
    ev: EvaluationRef,
    *,
    decider: str,
    role: str,
    upheld: bool,
    reason: str,
    today: date,
    history: Sequence[Dispute] = (),
) -> tuple[Dispute, AuditStep]:
    if dispute.status != DisputeStatus.OPEN:
        raise _refuse("already_decided", "该申诉已裁决。", "This dispute was already decided.")
    if role not in DECIDER_ROLES:
        raise _refuse("not_allowed", "只有质检员或班长可以裁决申诉。",
                      "Only an inspector or a lead decides disputes.")
    if decider == ev.inspector:
        raise _refuse("own_evaluation", "申诉须由原质检员以外的质检员或班长裁决。",
                      "A dispute is decided by someone other than the inspector who scored it.")
    earlier = [d for d in _mine(history, dispute.evaluation_id, dispute.item_id)
               if d.round < dispute.round]
    if any(d.decided_by == decider for d in earlier):
        raise _refuse("same_decider", "第二轮申诉须由另一位质检员或班长裁决。",
                      "The second round is decided by another inspector or lead.")
    if len(reason.strip()) < 4:
        raise _refuse("no_reason", "请写明裁决理由（至少 4 个字）。",
                      "Give the reason for the decision (at least 4 characters).")
    status = DisputeStatus.UPHELD if upheld else DisputeStatus.REJECTED
    done = replace(dispute, status=status, decided_by=decider, decider_role=role,
                   decided_on=today, decision_reason=reason.strip())
    return done, AuditStep(today, decider, f"dispute.{status.value}", dispute.dispute_id,
                           dispute.evaluation_id, dispute.item_id, reason.strip())


def corrected_judgements(evaluation: Evaluation, upheld_items: Iterable[str], *, note: str = ""
                         ) -> list[Judgement]:
    """Judgements reproducing ``evaluation`` with the upheld items passed: score them with
    the same form version (``evaluate``) and save the result as a new evaluation version."""
    upheld = set(upheld_items)
    out = []
    for r in evaluation.items:
        if r.item_id in upheld:
            out.append(Judgement(r.item_id, ItemOutcome.PASS, r.expected, r.entered,
                                 note or "申诉成立，改判通过"))
        else:
            credit = r.earned / r.points if r.outcome == ItemOutcome.PARTIAL and r.points else None
            out.append(Judgement(r.item_id, r.outcome, r.expected, r.entered, r.note, credit))
    return out
