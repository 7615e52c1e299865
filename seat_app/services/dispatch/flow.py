"""The dispatch flow's actions (转派 → 签收 → 回复 → 审核 → 办结, returns, extensions), each one
``_apply`` of a pure rule from ``seat_app.domain.dispatch``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from seat_app.domain.dispatch import (
    DispatchRuleError,
    DispatchState,
    UnitReply,
)
from seat_app.services.dispatch.core import (
    _require_unit,
    _Step,
    checked_matter,
    china_now,
    china_today,
)


class FlowActions:
    """The steps of the flow: dispatch, review, replies, returns, extensions, closure."""

    # -- center actions -------------------------------------------------------------------
    def dispatch(self, case_id: str, unit_code: str, *, actor: str, at: datetime | None = None,
                 matter: str | None = None) -> DispatchState:
        """转派 to ``unit_code`` with the matter's working-day deadline. ``matter``: the lead
        corrects the case's matter on (re-)dispatch (recorded for the intake model)."""
        return self._to_unit(self.flow.dispatch, case_id, unit_code, actor=actor, at=at,
                             matter=matter)

    def submit_for_review(self, case_id: str, unit_code: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        return self._to_unit(self.flow.submit_for_review, case_id, unit_code, actor=actor, at=at)

    def _to_unit(self, flow_step: Callable[..., tuple[DispatchState, Any]], case_id: str,
                 unit_code: str, *, actor: str, at: datetime | None,
                 matter: str | None = None) -> DispatchState:
        """A step that names the handling unit (dispatch, or submit it for pre-review)."""
        corrected = checked_matter(matter) if matter else None

        def step(conn, state, book, case):
            _require_unit(conn, unit_code)
            state = replace(state, matter=corrected or case["matter"] or state.matter)
            new, event = flow_step(state, unit_code, at=china_now(at), actor=actor)
            return _Step(new, [event], matter=corrected)

        return self._apply(case_id, step, actor=actor, at=at).state

    def send(self, case_id: str, unit_code: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        """Dispatch, or submit for pre-review when the matter requires it."""
        matter = self._case_matter(case_id)
        if self.needs_pre_review(matter):
            return self.submit_for_review(case_id, unit_code, actor=actor, at=at)
        return self.dispatch(case_id, unit_code, actor=actor, at=at)

    def approve_pre_review(self, case_id: str, *, actor: str, at: datetime | None = None,
                           matter: str | None = None) -> DispatchState:
        """``matter``: the lead approves with the right matter (the deadline follows it;
        the correction is recorded for the intake model)."""
        return self._corrected(
            case_id, lambda s, now: self.flow.approve_pre_review(s, at=now, actor=actor),
            actor, at, matter)

    def reject_pre_review(self, case_id: str, reason: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        return self._simple(
            case_id, lambda s, now: self.flow.reject_pre_review(s, reason, at=now, actor=actor), actor, at
        )

    def refuse_unit_return(self, case_id: str, reason: str, *, actor: str, at: datetime | None = None,
                           matter: str | None = None) -> DispatchState:
        """``matter``: the unit's return named the right matter; the case takes it."""
        return self._corrected(
            case_id, lambda s, now: self.flow.refuse_unit_return(s, reason, at=now, actor=actor),
            actor, at, matter)

    def _corrected(self, case_id: str, fn: Callable[[DispatchState, datetime], tuple[DispatchState, Any]],
                   actor: str, at: datetime | None, matter: str | None) -> DispatchState:
        """A step that may correct the case's matter (None: the step as it is)."""
        if not matter:
            return self._simple(case_id, fn, actor, at)
        corrected = checked_matter(matter)

        def step(conn, state, book, case):
            new, event = fn(replace(state, matter=corrected), china_now(at))
            return _Step(new, [event], matter=corrected)

        return self._apply(case_id, step, actor=actor, at=at).state

    def approve_reply(self, case_id: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        def step(conn, state, book, case):
            new, event = self.flow.approve_reply(state, at=china_now(at), actor=actor)
            return _Step(new, [event], book=replace(book, reviewed_on=china_today(at), attempts=0,
                                                     last_attempt_on=None))

        return self._apply(case_id, step, actor=actor, at=at).state

    def return_reply(self, case_id: str, reason: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        return self._simple(
            case_id, lambda s, now: self.flow.return_reply(s, reason, at=now, actor=actor), actor, at
        )

    def decide_extension(
        self, case_id: str, approve: bool, *, actor: str, reason: str = "", at: datetime | None = None
    ) -> DispatchState:
        def step(conn, state, book, case):
            days = state.pending_extension.days if state.pending_extension else 0
            new, note = self.flow.decide_extension(state, approve, at=china_now(at), actor=actor, reason=reason)
            kind = "延期批准" if approve else "延期驳回"
            if approve:
                note = f"{note}（{days} 天）" if days and str(days) not in note else note
            return _Step(new, notes=[(kind, note)])

        return self._apply(case_id, step, actor=actor, at=at).state

    def close(
        self, case_id: str, *, actor: str, waiver_reason: str | None = None, at: datetime | None = None
    ) -> DispatchState:
        """办结 after the callback; straight from 已审核 only with a waiver reason."""
        return self._simple(
            case_id,
            lambda s, now: self.flow.close(s, at=now, actor=actor, waiver_reason=waiver_reason),
            actor, at,
        )

    def reopen(self, case_id: str, reason: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        return self._simple(
            case_id,
            lambda s, now: self.flow.reopen(s, reason, at=now, actor=actor,
                                            max_reopens=self.callback_rules.max_reopens),
            actor, at,
        )

    # -- unit actions -----------------------------------------------------------------------
    def sign(self, case_id: str, *, actor: str, unit_code: str | None = None, at: datetime | None = None) -> DispatchState:
        """签收 (``unit_code``: the signed-in unit user's unit, checked against the case)."""
        return self._simple(case_id, lambda s, now: self.flow.sign(s, at=now, actor=actor), actor, at, unit_code)

    def reply(
        self,
        case_id: str,
        *,
        truth: str,
        resolution: str,
        reason: str,
        public_reply: str,
        actor: str,
        unit_code: str | None = None,
        at: datetime | None = None,
    ) -> DispatchState:
        """回复: 属实/不属实, 已解决/未解决, the handling explanation and the public reply."""
        try:
            answer = UnitReply(truth, resolution, reason, public_reply)
        except ValueError as exc:
            if isinstance(exc, DispatchRuleError):
                raise
            raise DispatchRuleError(
                f"回复选项无效：{truth!r} / {resolution!r}（应为 属实/不属实，已解决/未解决）。",
                f"Bad reply choice {truth!r} / {resolution!r} (属实/不属实, 已解决/未解决).",
                code="reply_choice",
            ) from None
        return self._simple(
            case_id, lambda s, now: self.flow.reply(s, answer, at=now, actor=actor), actor, at, unit_code
        )

    def unit_return(
        self, case_id: str, reason: str, *, actor: str, unit_code: str | None = None,
        at: datetime | None = None,
    ) -> DispatchState:
        """退件: not this unit's case, with a reason; the center redispatches or refuses."""
        return self._simple(
            case_id, lambda s, now: self.flow.unit_return(s, reason, at=now, actor=actor), actor, at, unit_code
        )

    def request_extension(
        self, case_id: str, days: int, reason: str, *, actor: str, unit_code: str | None = None,
        at: datetime | None = None,
    ) -> DispatchState:
        def step(conn, state, book, case):
            new = self.flow.request_extension(state, int(days), reason, today=china_today(at))
            return _Step(new, notes=[("延期申请", f"申请延期 {int(days)} 个工作日：{new.pending_extension.reason}")])

        return self._apply(case_id, step, actor=actor, at=at, unit_code=unit_code).state
