"""Callback surveys (回访) in the dispatch service."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select

from seat_app.domain import callback as cb
from seat_app.domain.dispatch import (
    DispatchRuleError,
    DispatchState,
)
from seat_app.services.dispatch.core import CallbackBook, D, S, _Step, china_now, china_today
from seat_app.services.store.models_ops import CallbackSurvey, Supervision


class Callbacks:
    """Callback surveys (回访): attempts, consent, results and the work list."""

    # -- callback surveys ---------------------------------------------------------------------
    def record_callback(
        self,
        case_id: str,
        result: str,
        *,
        actor: str,
        note: str = "",
        reopen_reason: str | None = None,
        close: bool = True,
        at: datetime | None = None,
    ) -> DispatchState:
        """Record the survey (满意/基本满意/不满意) and a ``callback_surveys`` row; with
        ``reopen_reason`` (不满意 only) the case goes back to the unit (重办), otherwise it is
        closed (办结) in the same transaction unless ``close`` is False."""

        def step(conn, state, book, case):
            now = china_now(at)
            new, events = cb.record_callback(
                self.flow, state, result, at=now, actor=actor, note=note,
                reopen_reason=reopen_reason, rules=self.callback_rules,
            )
            if reopen_reason is None and close:
                new, closed = self.flow.close(new, at=now, actor=actor)
                events.append(closed)
            book = replace(book, attempts=book.attempts + 1, last_attempt_on=now.date())
            survey = {
                "case_id": case_id, "surveyed_at": now, "completed": True,
                "result": cb.CallbackResult(result).value, "agent": actor[:16],
            }
            return _Step(new, events, book=book,
                         after=[lambda c: c.execute(insert(CallbackSurvey.__table__).values(**survey))])

        return self._apply(case_id, step, actor=actor, at=at).state

    def callback_unreachable(self, case_id: str, *, actor: str, note: str = "",
                             at: datetime | None = None) -> CallbackBook:
        """An unanswered callback attempt (stored as a not-completed survey)."""

        def step(conn, state, book, case):
            if state.status != S.REVIEWED:
                raise DispatchRuleError(
                    f"工单当前状态为「{state.status.value}」，不在回访中。",
                    f"The case is {state.status.value}; no callback is due.",
                    code="callback_status",
                )
            now = china_now(at)
            book = replace(book, attempts=book.attempts + 1, last_attempt_on=now.date())
            text = f"第 {book.attempts} 次回访未接通" + (f"：{note.strip()}" if note.strip() else "")
            survey = {"case_id": case_id, "surveyed_at": now, "completed": False, "result": "",
                      "agent": actor[:16]}
            return _Step(state, notes=[("回访未接通", text)], book=book,
                         after=[lambda c: c.execute(insert(CallbackSurvey.__table__).values(**survey))])

        return self._apply(case_id, step, actor=actor, at=at).book  # type: ignore[return-value]

    def set_callback_consent(self, case_id: str, consents: bool, *, actor: str,
                             at: datetime | None = None) -> None:
        def step(conn, state, book, case):
            text = "来电人同意回访" if consents else "来电人不接受回访（匿名或拒绝）"
            return _Step(state, notes=[("回访意愿", text)], book=replace(book, caller_consents=consents))

        self._apply(case_id, step, actor=actor, at=at)

    def callback_worklist(self, today: date | None = None) -> list[dict[str, Any]]:
        """Cases to call back today, most urgent first (``domain.callback.callback_worklist``)
        with what the agent needs: case number, caller, the public reply, the unit."""
        today = today or china_today()
        with self.engine.connect() as conn:
            rows = self._case_rows(conn, D.c.status == S.REVIEWED.value, today=today, limit=None)
            supervised = set(
                conn.execute(select(Supervision.__table__.c.case_id).where(
                    Supervision.__table__.c.case_id.in_([r["case_id"] for r in rows] or [""])
                )).scalars()
            )
        by_id = {r["case_id"]: r for r in rows}
        candidates = [
            cb.CallbackCandidate(
                r["case_id"], S.REVIEWED, r["reviewed_on"] or today,
                caller_consents=r["caller_consents"],
                attempts=r["callback_attempts"], last_attempt_on=r["last_callback_on"],
                reopen_count=r["reopen_count"], supervised=r["case_id"] in supervised,
            )
            for r in rows
        ]
        chosen = cb.callback_worklist(candidates, today=today, rules=self.callback_rules)
        out = []
        for c in chosen:
            row = dict(by_id[c.case_id])
            row["supervised"] = c.supervised
            row["public_reply"] = row["reply"].public_reply if row["reply"] else ""
            out.append(row)
        return out
