"""After the call, persisted: dispatch, unit replies, review, supervision, callback surveys,
duplicates and the case timeline, on the central database.

Every action runs in ONE central transaction that

* bumps the change counter (``central.next_change_seq``: writers are serialized and change
  numbers follow commit order),
* reads and locks the case's dispatch row (``case_dispatch``), applies the pure rule from
  ``seat_app.domain`` (an illegal action raises ``DispatchRuleError`` with its Chinese and
  English message, and nothing at all is written),
* writes the new dispatch state, the case row (status, handling unit, deadline,
  ``dispatched_at``, ``closed_at``; revision + 1 so seats pull it) and one ``case_events`` row
  per step for the timeline, plus the supervision / callback-survey rows the reports count.

Times: callers pass aware datetimes (default: now); the working-day rules use the date in
China (UTC+8), like the reports do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, or_, select, update

from seat_app.domain import callback as cb
from seat_app.domain import duplicates as dup
from seat_app.domain import supervision as sv
from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.dispatch import (
    OPEN_AT_UNIT,
    DispatchAction,
    DispatchEvent,
    DispatchFlow,
    DispatchPolicies,
    DispatchRuleError,
    DispatchState,
    DispatchStatus,
    ExtensionRequest,
    Resolution,
    Truth,
    UnitReply,
    legal_actions,
)
from seat_app.domain.grid import Grid, Unit, UnitSuggestion, suggest_units
from seat_app.domain.roles import mask_phone
from seat_app.domain.taxonomy import MATTERS, is_matter, matter_by_name
from seat_app.services.dispatch.grid_import import RowError, parse_grid_file
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import new_uuid, utcnow
from seat_app.services.store.models_dispatch import CASES, UNITS, CaseDispatch
from seat_app.services.store.models_ops import CallbackSurvey, Supervision

CHINA = timezone(timedelta(hours=8), "CST")
"""The hotline's clock: working days, deadlines and 'today' are dates in China."""

D = CaseDispatch.__table__
EVENTS_TABLE = "case_events"
S = DispatchStatus
A = DispatchAction

CASE_STATUS_OF: dict[DispatchStatus, str] = {
    S.PENDING: "已受理",
    S.PRE_REVIEW: "已受理",
    S.DISPATCHED: "已转派",
    S.SIGNED: "已转派",
    S.UNIT_RETURNED: "已转派",
    S.REPLY_RETURNED: "已转派",
    S.REPLIED: "已回复",
    S.REVIEWED: "已回复",
    S.CALLED_BACK: "已回复",
    S.CLOSED: "已办结",
}
"""The case row's status (``domain.case.CaseStatus`` values) for each dispatch status."""

EVENT_KIND: dict[DispatchAction, str] = {
    A.DISPATCH: "转派",
    A.SUBMIT_FOR_REVIEW: "提交预审",
    A.APPROVE_PRE_REVIEW: "预审通过",
    A.REJECT_PRE_REVIEW: "预审驳回",
    A.SIGN: "签收",
    A.UNIT_RETURN: "退件",
    A.REFUSE_UNIT_RETURN: "不同意退件",
    A.REPLY: "回复",
    A.APPROVE_REPLY: "审核通过",
    A.RETURN_REPLY: "退回",
    A.RECORD_CALLBACK: "回访",
    A.CLOSE: "办结",
    A.REOPEN: "重办",
    A.LINK_DUPLICATE: "重复件并案",
    A.FLAG_UNREASONABLE: "不合理诉求",
}
"""``case_events.kind`` of each action (at most 16 characters)."""


def china_now(at: datetime | None = None) -> datetime:
    at = at or utcnow()
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(CHINA)


def china_today(at: datetime | None = None) -> date:
    return china_now(at).date()


def _no_case(case_id: str) -> DispatchRuleError:
    return DispatchRuleError(f"工单不存在：{case_id}", f"No such case: {case_id}", code="no_case")


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class CallbackBook:
    """What the callback work list keeps beside the dispatch state."""

    reviewed_on: date | None = None
    attempts: int = 0
    last_attempt_on: date | None = None
    caller_consents: bool = True


@dataclass(slots=True)
class _Step:
    """What one action produced: the new state, its timeline lines, side rows."""

    state: DispatchState
    events: list[DispatchEvent] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Timeline lines without a status change: (kind, note)."""
    book: CallbackBook | None = None
    after: list[Callable[[Connection], None]] = field(default_factory=list)
    result: Any = None


def _state_from_row(row: dict[str, Any]) -> tuple[DispatchState, CallbackBook]:
    reply = None
    if row["reply_truth"]:
        reply = _stored_reply(row)
    ext = None
    if row["ext_days"]:
        ext = ExtensionRequest(int(row["ext_days"]), row["ext_reason"] or "", row["ext_requested_on"])
    state = DispatchState(
        case_id=row["case_id"],
        matter=row["matter"],
        status=DispatchStatus(row["status"]),
        unit_code=row["unit_code"],
        dispatched_on=row["dispatched_on"],
        deadline=row["deadline"],
        reply=reply,
        replied_on=row["replied_on"],
        closed_on=row["closed_on"],
        close_kind=row["close_kind"],
        pending_extension=ext,
        extensions_granted=row["extensions_granted"],
        unit_return_count=row["unit_return_count"],
        reply_return_count=row["reply_return_count"],
        reopen_count=row["reopen_count"],
        callback_result=row["callback_result"],
        duplicate_of=row["duplicate_of"],
        unreasonable_reason=row["unreasonable_reason"],
        review_approved=bool(row["review_approved"]),
    )
    book = CallbackBook(
        row["reviewed_on"], row["callback_attempts"], row["last_callback_on"],
        bool(row["caller_consents"]),
    )
    return state, book


def _stored_reply(row: dict[str, Any]) -> UnitReply:
    """A stored reply (validated when it was given; not re-validated on read)."""
    reply = object.__new__(UnitReply)
    object.__setattr__(reply, "truth", Truth(row["reply_truth"]))
    object.__setattr__(reply, "resolution", Resolution(row["reply_resolution"]))
    object.__setattr__(reply, "reason", row["reply_reason"] or "")
    object.__setattr__(reply, "public_reply", row["reply_public"] or "")
    return reply


def _row_from_state(state: DispatchState, book: CallbackBook) -> dict[str, Any]:
    ext = state.pending_extension
    reply = state.reply
    return {
        "case_id": state.case_id,
        "matter": state.matter,
        "status": state.status.value,
        "unit_code": state.unit_code,
        "dispatched_on": state.dispatched_on,
        "deadline": state.deadline,
        "reply_truth": reply.truth.value if reply else None,
        "reply_resolution": reply.resolution.value if reply else None,
        "reply_reason": reply.reason if reply else None,
        "reply_public": reply.public_reply if reply else None,
        "replied_on": state.replied_on,
        "reviewed_on": book.reviewed_on,
        "closed_on": state.closed_on,
        "close_kind": state.close_kind,
        "ext_days": ext.days if ext else None,
        "ext_reason": ext.reason if ext else None,
        "ext_requested_on": ext.requested_on if ext else None,
        "extensions_granted": state.extensions_granted,
        "unit_return_count": state.unit_return_count,
        "reply_return_count": state.reply_return_count,
        "reopen_count": state.reopen_count,
        "callback_result": state.callback_result,
        "callback_attempts": book.attempts,
        "last_callback_on": book.last_attempt_on,
        "caller_consents": book.caller_consents,
        "duplicate_of": state.duplicate_of,
        "unreasonable_reason": state.unreasonable_reason,
        "review_approved": state.review_approved,
    }


@dataclass(frozen=True, slots=True)
class GridImportOutcome:
    ok: bool
    errors: list[RowError]
    inserted: int = 0
    updated: int = 0
    deactivated: int = 0
    units: int = 0


# ----------------------------------------------------------------------------- the service


class DispatchService:
    """The dispatch workflow on the central database ``engine``."""

    def __init__(
        self,
        engine: Engine,
        *,
        calendar: WorkingDayCalendar | None = None,
        policies: DispatchPolicies | None = None,
        supervision_rules: sv.SupervisionRules | None = None,
        callback_rules: cb.CallbackRules | None = None,
        duplicate_rules: dup.DuplicateRules | None = None,
    ) -> None:
        if calendar is None:
            from seat_app.services.calendar_data import load_calendar

            calendar = load_calendar(strict=False)
        self.engine = engine
        self.flow = DispatchFlow(calendar, policies)
        self.supervision_rules = supervision_rules or sv.SupervisionRules()
        self.callback_rules = callback_rules or cb.CallbackRules()
        self.duplicate_rules = duplicate_rules or dup.DuplicateRules()

    # -- the transaction ---------------------------------------------------------------
    def _apply(
        self,
        case_id: str,
        step: Callable[[Connection, DispatchState, CallbackBook, dict[str, Any]], _Step],
        *,
        actor: str,
        at: datetime | None,
        unit_code: str | None = None,
    ) -> _Step:
        """Run ``step`` on the case's dispatch state in one central transaction.

        ``unit_code``: the acting unit user's unit; refused unless the case is at that unit.
        """
        now = china_now(at)
        with self.engine.begin() as conn:
            seq = next_change_seq(conn)
            case = conn.execute(
                select(CASES).where(CASES.c.id == case_id).with_for_update()
            ).mappings().first()
            if case is None or case["deleted"]:
                raise _no_case(case_id)
            row = conn.execute(
                select(D).where(D.c.case_id == case_id).with_for_update()
            ).mappings().first()
            if row is None and conn.execute(
                select(D.c.id).where(D.c.case_id == case_id)
            ).first() is not None:
                # on PostgreSQL, row-level security lets this login read the flow but not
                # act on this step of it
                raise DispatchRuleError(
                    f"您的账号无权办理工单 {case['case_number']} 的这一环节。",
                    f"Your account may not act on this step of case {case['case_number']}.",
                    code="not_permitted",
                )
            if row is None:
                if case["status"] in ("已办结", "已撤销"):
                    raise DispatchRuleError(
                        f"工单 {case['case_number']} 已{case['status'][1:]}（{case['handling']}），不在转派流程中。",
                        f"Case {case['case_number']} is {case['status']} ({case['handling']}); "
                        "it is not in the dispatch flow.",
                        code="not_in_flow",
                    )
                state, book = DispatchState(case_id, case["matter"]), CallbackBook()
            else:
                state, book = _state_from_row(dict(row))
            if unit_code is not None and state.unit_code != unit_code:
                raise DispatchRuleError(
                    f"工单 {case['case_number']} 未派给本单位。",
                    f"Case {case['case_number']} is not dispatched to your unit.",
                    code="not_your_unit",
                )
            before = state
            out = step(conn, state, book, dict(case))
            stamp = {"change_seq": seq, "changed_by": actor[:64], "changed_at": now}
            values = _row_from_state(out.state, out.book or book)
            if row is None:
                conn.execute(
                    insert(D).values(id=new_uuid(), revision=1, deleted=False, **stamp, **values)
                )
            else:
                conn.execute(
                    update(D).where(D.c.id == row["id"])
                    .values(revision=row["revision"] + 1, **stamp, **values)
                )
            self._write_case(conn, dict(case), before, out, stamp, now)
            unit_name = self._unit_name(conn, out.state.unit_code)
            lines = []
            for event in out.events:
                lines.append((EVENT_KIND[event.action], self._event_note(conn, event), event.at))
            for kind, note in out.notes:
                lines.append((kind, note, now))
            if lines:
                conn.execute(
                    insert(_events_table()),
                    [
                        {
                            "id": new_uuid(), "revision": 1, "deleted": False, **stamp,
                            # steps of one action keep their order on the timeline
                            "case_id": case_id, "kind": kind[:16], "at": when + timedelta(microseconds=i),
                            "actor": actor[:16], "unit": unit_name[:80], "note": note,
                        }
                        for i, (kind, note, when) in enumerate(lines)
                    ],
                )
            for extra in out.after:
                extra(conn)
        return out

    def _write_case(
        self,
        conn: Connection,
        case: dict[str, Any],
        before: DispatchState,
        out: _Step,
        stamp: dict[str, Any],
        now: datetime,
    ) -> None:
        state = out.state
        values: dict[str, Any] = {"status": CASE_STATUS_OF[state.status]}
        if state.unit_code and state.unit_code != before.unit_code or (
            state.unit_code and not case["handling_unit"]
        ):
            values["handling_unit"] = self._unit_name(conn, state.unit_code)
        if state.deadline != case["deadline"] and state.deadline is not None:
            values["deadline"] = state.deadline
        sent = any(e.action in (A.DISPATCH, A.APPROVE_PRE_REVIEW, A.REOPEN) for e in out.events)
        if sent:
            values["handling"] = "转派"
            if case["dispatched_at"] is None:
                values["dispatched_at"] = now
        if state.status == S.CLOSED and before.status != S.CLOSED:
            values["closed_at"] = now
            if state.close_kind in ("重复件并案", "不合理诉求"):
                values["handling"] = "直接办理"
        elif state.status != S.CLOSED and case["closed_at"] is not None:
            values["closed_at"] = None
        if any(e.action == A.APPROVE_REPLY for e in out.events) and state.reply is not None:
            values["reply_text"] = state.reply.public_reply
        changed = {k: v for k, v in values.items() if case.get(k) != v}
        if not changed:
            return
        conn.execute(
            update(CASES).where(CASES.c.id == case["id"])
            .values(revision=case["revision"] + 1, **stamp, **changed)
        )

    def _unit_name(self, conn: Connection, code: str | None) -> str:
        if not code:
            return ""
        name = conn.execute(select(UNITS.c.name).where(UNITS.c.code == code)).scalar()
        return name or code

    def _event_note(self, conn: Connection, event: DispatchEvent) -> str:
        parts: list[str] = []
        detail = dict(event.detail)
        if "unit" in detail and detail["unit"]:
            parts.append(f"承办单位：{self._unit_name(conn, detail['unit'])}")
        if "deadline" in detail:
            parts.append(f"时限：{detail['deadline']}")
        if "truth" in detail:
            parts.append(f"{detail['truth']}，{detail['resolution']}")
        if "result" in detail:
            parts.append(f"回访结果：{detail['result']}")
        if "returns" in detail:
            parts.append(f"第 {detail['returns']} 次退回")
        if "earlier" in detail:
            number = conn.execute(
                select(CASES.c.case_number).where(CASES.c.id == detail["earlier"])
            ).scalar()
            parts.append(f"并入工单 {number or detail['earlier']}")
        if event.reason:
            parts.append(event.reason)
        return "；".join(parts)

    # -- reading ------------------------------------------------------------------------
    def state(self, case_id: str) -> DispatchState | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(D).where(D.c.case_id == case_id)).mappings().first()
        return None if row is None else _state_from_row(dict(row))[0]

    def callback_book(self, case_id: str) -> CallbackBook | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(D).where(D.c.case_id == case_id)).mappings().first()
        return None if row is None else _state_from_row(dict(row))[1]

    def legal_actions(self, case_id: str) -> tuple[DispatchAction, ...]:
        state = self.state(case_id)
        return legal_actions(state.status if state else S.PENDING)

    def needs_pre_review(self, matter: str) -> bool:
        return self.flow.policies.for_matter(matter).pre_review

    def timeline(self, case_id: str) -> list[dict[str, Any]]:
        """The case's events, oldest first: {at, kind, actor, unit, note}."""
        t = _events_table()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.c.at, t.c.kind, t.c.actor, t.c.unit, t.c.note)
                .where(t.c.case_id == case_id, t.c.deleted.is_(False))
                .order_by(t.c.at, t.c.change_seq, t.c.id)
            ).mappings().all()
        return [dict(r) for r in rows]

    def case_summary(self, case_id: str) -> dict[str, Any] | None:
        """Case row + dispatch state for a view (phone masked for units)."""
        with self.engine.connect() as conn:
            rows = self._case_rows(conn, CASES.c.id == case_id)
        return rows[0] if rows else None

    def _case_rows(self, conn: Connection, *where, today: date | None = None,
                   order=None, limit: int | None = None) -> list[dict[str, Any]]:
        today = today or china_today()
        stmt = (
            select(
                D, CASES.c.case_number, CASES.c.caller_name, CASES.c.caller_phone,
                CASES.c.caller_area, CASES.c.caller_address, CASES.c.description,
                CASES.c.accepted_at, CASES.c.created_at, CASES.c.handling_unit,
                CASES.c.status.label("case_status"),
            )
            .select_from(D.join(CASES, CASES.c.id == D.c.case_id))
            .where(CASES.c.deleted.is_(False), *where)
        )
        stmt = stmt.order_by(*(order if order is not None else (D.c.deadline, CASES.c.case_number)))
        if limit:
            stmt = stmt.limit(limit)
        out = []
        for r in conn.execute(stmt).mappings():
            row = dict(r)
            state, book = _state_from_row(row)
            left = self.flow.working_days_left(state, today) if state.status in OPEN_AT_UNIT else None
            out.append({
                "case_id": row["case_id"],
                "case_number": row["case_number"],
                "matter": row["matter"],
                "status": state.status.value,
                "unit_code": state.unit_code,
                "unit_name": row["handling_unit"],
                "dispatched_on": state.dispatched_on,
                "deadline": state.deadline,
                "working_days_left": left,
                "overdue": self.flow.is_overdue(state, today),
                "caller_name": row["caller_name"],
                "caller_phone": row["caller_phone"],
                "caller_phone_masked": mask_phone(row["caller_phone"] or ""),
                "area": row["caller_area"],
                "address": row["caller_address"],
                "description": row["description"],
                "received_at": row["accepted_at"] or row["created_at"],
                "pending_extension": state.pending_extension,
                "reply": state.reply,
                "unit_return_count": state.unit_return_count,
                "reply_return_count": state.reply_return_count,
                "reopen_count": state.reopen_count,
                "callback_result": state.callback_result,
                "callback_attempts": book.attempts,
                "last_callback_on": book.last_attempt_on,
                "caller_consents": book.caller_consents,
                "reviewed_on": book.reviewed_on,
                "legal_actions": [a.value for a in legal_actions(state.status)],
            })
        return out

    def unit_cases(
        self, unit_code: str, *, include_done: bool = False, today: date | None = None
    ) -> list[dict[str, Any]]:
        """Cases at ``unit_code``: those it owes work on (已派, 已签收, 退回), most urgent first;
        with ``include_done`` also those it replied to."""
        statuses = [s.value for s in OPEN_AT_UNIT]
        if include_done:
            statuses += [S.REPLIED.value, S.REVIEWED.value, S.CALLED_BACK.value, S.CLOSED.value]
        with self.engine.connect() as conn:
            return self._case_rows(
                conn, D.c.unit_code == unit_code, D.c.status.in_(statuses), today=today
            )

    def cases_in_status(self, *statuses: DispatchStatus | str, limit: int = 500) -> list[dict[str, Any]]:
        """The center's work lists (待预审, 已回复 to review, 已退件, ...)."""
        values = [DispatchStatus(s).value for s in statuses]
        with self.engine.connect() as conn:
            return self._case_rows(conn, D.c.status.in_(values), limit=limit)

    def pending_extensions(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return self._case_rows(conn, D.c.ext_days.is_not(None))

    def supervisions(self, case_id: str) -> list[sv.Supervision]:
        with self.engine.connect() as conn:
            return _supervision_history(conn, case_id)

    # -- center actions -------------------------------------------------------------------
    def dispatch(self, case_id: str, unit_code: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        """转派 to ``unit_code`` with the matter's working-day deadline."""
        return self._to_unit(self.flow.dispatch, case_id, unit_code, actor=actor, at=at)

    def submit_for_review(self, case_id: str, unit_code: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        return self._to_unit(self.flow.submit_for_review, case_id, unit_code, actor=actor, at=at)

    def _to_unit(self, flow_step: Callable[..., tuple[DispatchState, Any]], case_id: str,
                 unit_code: str, *, actor: str, at: datetime | None) -> DispatchState:
        """A step that names the handling unit (dispatch, or submit it for pre-review)."""

        def step(conn, state, book, case):
            _require_unit(conn, unit_code)
            state = replace(state, matter=case["matter"] or state.matter)
            new, event = flow_step(state, unit_code, at=china_now(at), actor=actor)
            return _Step(new, [event])

        return self._apply(case_id, step, actor=actor, at=at).state

    def send(self, case_id: str, unit_code: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        """Dispatch, or submit for pre-review when the matter requires it."""
        matter = self._case_matter(case_id)
        if self.needs_pre_review(matter):
            return self.submit_for_review(case_id, unit_code, actor=actor, at=at)
        return self.dispatch(case_id, unit_code, actor=actor, at=at)

    def approve_pre_review(self, case_id: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        return self._simple(case_id, lambda s, now: self.flow.approve_pre_review(s, at=now, actor=actor), actor, at)

    def reject_pre_review(self, case_id: str, reason: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        return self._simple(
            case_id, lambda s, now: self.flow.reject_pre_review(s, reason, at=now, actor=actor), actor, at
        )

    def refuse_unit_return(self, case_id: str, reason: str, *, actor: str, at: datetime | None = None) -> DispatchState:
        return self._simple(
            case_id, lambda s, now: self.flow.refuse_unit_return(s, reason, at=now, actor=actor), actor, at
        )

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

    def _simple(self, case_id, fn, actor, at, unit_code=None) -> DispatchState:
        def step(conn, state, book, case):
            new, event = fn(state, china_now(at))
            return _Step(new, [event])

        return self._apply(case_id, step, actor=actor, at=at, unit_code=unit_code).state

    def _case_matter(self, case_id: str) -> str:
        with self.engine.connect() as conn:
            matter = conn.execute(select(CASES.c.matter).where(CASES.c.id == case_id)).scalar()
        if matter is None:
            raise _no_case(case_id)
        return matter

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

    # -- supervision ---------------------------------------------------------------------------
    def supervise(
        self, case_id: str, level: int | sv.SupervisionLevel, reason: str, *, actor: str,
        at: datetime | None = None,
    ) -> sv.Supervision:
        """A lead raises supervision (督办) at ``level``; recorded and put on the timeline."""

        def step(conn, state, book, case):
            record = sv.raise_manually(
                state, _supervision_history(conn, case_id), sv.SupervisionLevel(level), reason,
                at=china_now(at), actor=actor,
            )
            return self._supervision_step(state, record)

        return self._apply(case_id, step, actor=actor, at=at).result

    def escalate(self, case_id: str, reason: str, *, actor: str, at: datetime | None = None) -> sv.Supervision:
        def step(conn, state, book, case):
            record = sv.escalate(state, _supervision_history(conn, case_id), reason,
                                 at=china_now(at), actor=actor)
            return self._supervision_step(state, record)

        return self._apply(case_id, step, actor=actor, at=at).result

    @staticmethod
    def _supervision_step(state: DispatchState, record: sv.Supervision) -> _Step:
        row = {
            "case_id": record.case_id, "level": int(record.level), "trigger": record.trigger.value,
            "reason": record.reason, "raised_at": record.raised_at, "raised_by": record.raised_by[:16],
        }
        out = _Step(state, notes=[("督办", f"{record.level.zh}：{record.reason}")],
                    after=[lambda c: c.execute(insert(Supervision.__table__).values(**row))])
        out.result = record
        return out

    def run_supervision_rules(self, today: date | None = None, *, at: datetime | None = None) -> list[sv.Supervision]:
        """The rule sweep: raise supervision on overdue cases and cases whose reply was returned
        too often; one transaction; running it again on the same day raises nothing new."""
        today = today or china_today(at)
        now = at.astimezone(CHINA) if at else datetime.combine(today, datetime.min.time(), CHINA)
        min_returns = min(n for n, _ in self.supervision_rules.returned_levels)
        open_at_unit = [s.value for s in OPEN_AT_UNIT]
        raised: list[sv.Supervision] = []
        with self.engine.begin() as conn:
            seq = next_change_seq(conn)
            rows = conn.execute(
                select(D).where(
                    D.c.deleted.is_(False),
                    or_(
                        and_(D.c.status.in_(open_at_unit), D.c.deadline < today),
                        and_(D.c.reply_return_count >= min_returns, D.c.status != S.CLOSED.value),
                    ),
                ).order_by(D.c.case_id)
            ).mappings().all()
            if not rows:
                return []
            st = Supervision.__table__
            history: dict[str, list[sv.Supervision]] = {}
            for r in conn.execute(select(st).where(st.c.case_id.in_([r["case_id"] for r in rows]))).mappings():
                history.setdefault(r["case_id"], []).append(_supervision(r))
            sup_rows, event_rows = [], []
            for row in rows:
                state, _book = _state_from_row(dict(row))
                record = sv.evaluate(
                    state, history.get(state.case_id, ()), today=today, flow=self.flow,
                    rules=self.supervision_rules, now=now,
                )
                if record is None:
                    continue
                raised.append(record)
                sup_rows.append({
                    "case_id": record.case_id, "level": int(record.level),
                    "trigger": record.trigger.value, "reason": record.reason,
                    "raised_at": record.raised_at, "raised_by": "rule",
                })
                event_rows.append({
                    "id": new_uuid(), "revision": 1, "deleted": False, "change_seq": seq,
                    "changed_by": "rule", "changed_at": now, "case_id": record.case_id,
                    "kind": "督办", "at": now, "actor": "rule",
                    "unit": self._unit_name(conn, state.unit_code)[:80],
                    "note": f"{record.level.zh}（规则）：{record.reason}",
                })
            if sup_rows:
                conn.execute(insert(st), sup_rows)
                conn.execute(insert(_events_table()), event_rows)
        return raised

    # -- duplicates and unreasonable requests -------------------------------------------------
    def suggest_duplicates(
        self,
        *,
        phone: str,
        address: str,
        matter: str,
        area: str = "",
        received_at: datetime | None = None,
        case_id: str = "",
    ) -> list[dict[str, Any]]:
        """Earlier cases in the window that may be the same request, best first, each with the
        earlier case's number, matter, address, status and summary for the agent."""
        received_at = received_at or utcnow()
        if received_at.tzinfo is None:
            received_at = received_at.replace(tzinfo=UTC)
        rules = self.duplicate_rules
        start = received_at - timedelta(days=rules.window_days)
        phone_n = dup.normalize_phone(phone)
        alternatives = []
        if phone_n:
            variants = {phone.strip(), phone_n, "+86" + phone_n, "86" + phone_n, "0086" + phone_n}
            alternatives.append(CASES.c.caller_phone.in_(sorted(variants)))
        if is_matter(matter):
            m = matter_by_name(matter)
            siblings = [x.name for x in MATTERS if (x.domain, x.subcategory) == (m.domain, m.subcategory)]
            same_kind = CASES.c.matter.in_(siblings)
        else:
            same_kind = CASES.c.matter == matter
        if area:  # the same place needs the same area (or one side without an area)
            same_kind = and_(same_kind, CASES.c.caller_area.in_((area, "")))
        alternatives.append(same_kind)
        new = dup.IntakeRecord(case_id or "new", received_at, phone, address, matter, area)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(CASES).where(
                    CASES.c.deleted.is_(False), CASES.c.id != (case_id or ""),
                    CASES.c.accepted_at >= start, CASES.c.accepted_at <= received_at,
                    or_(*alternatives),
                )
            ).mappings().all()
        earlier = {
            r["id"]: r for r in rows
        }
        records = [
            dup.IntakeRecord(r["id"], r["accepted_at"] or r["created_at"], r["caller_phone"],
                             r["caller_address"], r["matter"], r["caller_area"])
            for r in rows
        ]
        out = []
        for s in dup.suggest_duplicates(new, records, rules):
            r = earlier[s.earlier_case_id]
            out.append({
                "earlier_case_id": s.earlier_case_id, "case_number": r["case_number"],
                "score": s.score, "reasons": list(s.reasons), "received_at": s.received_at,
                "matter": r["matter"], "address": r["caller_address"], "status": r["status"],
                "summary": (r["description"] or "")[:120],
            })
        return out

    def suggest_duplicates_for_case(self, case_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            r = conn.execute(select(CASES).where(CASES.c.id == case_id)).mappings().first()
        if r is None:
            raise _no_case(case_id)
        return self.suggest_duplicates(
            phone=r["caller_phone"], address=r["caller_address"], matter=r["matter"],
            area=r["caller_area"], received_at=r["accepted_at"] or r["created_at"], case_id=case_id,
        )

    def link_duplicate(self, case_id: str, earlier_case_id: str, *, actor: str,
                       at: datetime | None = None) -> DispatchState:
        """Close ``case_id`` as a duplicate of ``earlier_case_id`` (并案); never dispatched."""

        def step(conn, state, book, case):
            earlier = conn.execute(
                select(CASES.c.id, CASES.c.deleted).where(CASES.c.id == earlier_case_id)
            ).first()
            if earlier is None or earlier.deleted:
                raise DispatchRuleError(
                    f"要关联的工单不存在：{earlier_case_id}",
                    f"The earlier case does not exist: {earlier_case_id}", code="no_case",
                )
            new, event = self.flow.link_duplicate(state, earlier_case_id, at=china_now(at), actor=actor)
            return _Step(new, [event])

        return self._apply(case_id, step, actor=actor, at=at).state

    def flag_unreasonable(self, case_id: str, category: str, detail: str, *, actor: str,
                          at: datetime | None = None) -> DispatchState:
        """不合理诉求 with a category (``UnreasonableCategory``) and a reason; closed by the
        center, no unit burdened."""
        try:
            flag = dup.UnreasonableFlag(category, detail)
        except ValueError as exc:
            if isinstance(exc, DispatchRuleError):
                raise
            options = "、".join(c.value for c in dup.UnreasonableCategory)
            raise DispatchRuleError(
                f"不合理诉求类别无效：{category!r}（应为 {options}）。",
                f"Bad category {category!r} (one of {options}).", code="category",
            ) from None
        return self._simple(
            case_id, lambda s, now: self.flow.flag_unreasonable(s, flag.reason, at=now, actor=actor),
            actor, at,
        )

    # -- cases a seat recorded as 转派 -------------------------------------------------------------
    def seat_dispatches(self, limit: int = 500) -> list[dict[str, Any]]:
        """Cases recorded for dispatch (handling 转派, at a seat and synced, or centrally) that
        have not entered the dispatch flow yet: the dispatch desk's list, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(CASES.c.id, CASES.c.case_number, CASES.c.matter, CASES.c.caller_area,
                       CASES.c.handling_unit, CASES.c.accepted_at)
                .where(
                    CASES.c.deleted.is_(False), CASES.c.handling == "转派",
                    CASES.c.status.not_in(("已办结", "已撤销")),
                    ~select(D.c.id).where(D.c.case_id == CASES.c.id).exists(),
                )
                .order_by(CASES.c.accepted_at, CASES.c.case_number)
                .limit(limit)
            ).mappings().all()
        return [dict(r) for r in rows]

    def dispatch_seat_cases(self, *, actor: str, at: datetime | None = None,
                            limit: int = 500) -> dict[str, list[Any]]:
        """Send the cases seats recorded for dispatch: to the unit the agent chose (matched by
        name in the grid), else the grid's first suggestion; through pre-review where the
        matter needs it. A case that cannot be sent stays on the desk with the reason.

        Returns {"dispatched": [...], "pre_review": [...], "left": [(case_id, zh, en)]}.
        """
        out: dict[str, list[Any]] = {"dispatched": [], "pre_review": [], "left": []}
        pending = self.seat_dispatches(limit)
        if not pending:
            return out
        with self.engine.connect() as conn:
            grid = load_grid(conn)
        by_name = {u.name: u.code for u in grid.units}
        for case in pending:
            code = by_name.get(case["handling_unit"] or "")
            if code is None:
                found = suggest_units(grid, case["matter"], case["caller_area"] or "市直")
                code = found[0].unit.code if found else None
            if code is None:
                out["left"].append((case["id"], "没有可派的承办单位，请人工派单。",
                                    "No unit to dispatch to; dispatch by hand."))
                continue
            try:
                state = self.send(case["id"], code, actor=actor, at=at)
            except DispatchRuleError as exc:
                out["left"].append((case["id"], exc.zh, exc.en))
                continue
            out["pre_review" if state.status == S.PRE_REVIEW else "dispatched"].append(case["id"])
        return out

    # -- units and the grid -----------------------------------------------------------------------
    def unit_code(self, code_or_name: str) -> str | None:
        """The unit code for a code or a unit name (users.unit and cases.handling_unit hold
        names); None when neither matches."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(UNITS.c.code).where(
                    UNITS.c.deleted.is_(False),
                    or_(UNITS.c.code == code_or_name, UNITS.c.name == code_or_name),
                ).order_by((UNITS.c.code == code_or_name).desc(), UNITS.c.active.desc())
            ).scalars().first()

    def load_grid(self) -> Grid:
        with self.engine.connect() as conn:
            return load_grid(conn)

    def suggest_units(self, case_id: str, township: str = "") -> list[UnitSuggestion]:
        """Handling units for the case's matter and area, best first."""
        with self.engine.connect() as conn:
            r = conn.execute(
                select(CASES.c.matter, CASES.c.caller_area).where(CASES.c.id == case_id)
            ).first()
            if r is None:
                raise _no_case(case_id)
            return suggest_units(load_grid(conn), r.matter, r.caller_area or "市直", township)


# ----------------------------------------------------------------------------- helpers


def record_central_case(engine: Engine, fields: dict[str, Any], *, actor: str = "") -> str:
    """Insert a case written centrally (online channels, imports, demo and test data) with
    its 受理 event, stamped with one change number; returns the case id. Cases typed at a
    seat arrive by sync instead (``seat_app.services.cases.service``)."""
    from seat_app.domain.case import CaseNumber, check_case_fields

    values = {k: v for k, v in fields.items() if k not in ("id",)}
    check_case_fields(
        {k: v for k, v in values.items() if k in _CASE_FIELDS and k != "handling"}, partial=True
    )
    now = utcnow()
    received = values.pop("accepted_at", None) or now
    if is_matter(values.get("matter", "")):
        m = matter_by_name(values["matter"])
        values.setdefault("domain", m.domain)
        values.setdefault("subcategory", m.subcategory)
    case_id = fields.get("id") or new_uuid()
    with engine.begin() as conn:
        seq = next_change_seq(conn)
        stamp = {"change_seq": seq, "changed_by": actor[:64], "changed_at": now}
        defaults = {
            "caller_name": "", "caller_phone": "", "caller_area": "", "caller_address": "",
            "matter": "", "domain": "", "subcategory": "", "description": "", "reply_text": "",
            "handling": "转派", "handling_unit": "", "status": "已受理", "agent": actor[:16],
            "seat_code": "", "kb_code": "", "channel": "网站",
        }
        if not values.get("case_number"):
            day = china_today(received)
            prefix = f"{day:%Y%m%d}-{CENTER_SEAT_CODE}-"
            taken = conn.execute(
                select(func.count()).select_from(CASES).where(CASES.c.case_number.like(prefix + "%"))
            ).scalar_one()
            values["case_number"] = str(CaseNumber(day, CENTER_SEAT_CODE, int(taken) + 1))
        row = {**defaults, **values, "id": case_id, "revision": 1, "deleted": False,
               "created_at": received, "accepted_at": received, **stamp}
        conn.execute(insert(_cases_table()), row)
        conn.execute(insert(_events_table()), {
            "id": new_uuid(), "revision": 1, "deleted": False, **stamp, "case_id": case_id,
            "kind": "受理", "at": received, "actor": actor[:16], "unit": "", "note": values.get("channel", ""),
        })
    return case_id


CENTER_SEAT_CODE = "ZX"
"""The seat code in numbers of cases recorded centrally (online channels, imports)."""

_CASE_FIELDS = frozenset({
    "channel", "caller_name", "caller_phone", "caller_area", "caller_address", "matter",
    "description", "handling",
})


def _cases_table():
    from seat_app.services.store.models import Base

    return Base.metadata.tables["cases"]


def _events_table():
    from seat_app.services.store.models import Base

    return Base.metadata.tables[EVENTS_TABLE]


def _require_unit(conn: Connection, unit_code: str) -> None:
    if not unit_code:
        raise DispatchRuleError("请选择承办单位。", "Choose a handling unit.", code="no_unit")
    row = conn.execute(
        select(UNITS.c.active, UNITS.c.deleted).where(UNITS.c.code == unit_code)
    ).first()
    if row is None or row.deleted:
        raise DispatchRuleError(
            f"承办单位不存在：{unit_code}", f"No such handling unit: {unit_code}", code="no_unit"
        )
    if not row.active:
        raise DispatchRuleError(
            f"承办单位 {unit_code} 已停用。", f"Handling unit {unit_code} is inactive.", code="unit_inactive"
        )


def _supervision(r: Any) -> sv.Supervision:
    return sv.Supervision(
        r["case_id"], sv.SupervisionLevel(r["level"]), sv.SupervisionTrigger(r["trigger"]),
        r["reason"], r["raised_at"], r["raised_by"],
    )


def _supervision_history(conn: Connection, case_id: str) -> list[sv.Supervision]:
    st = Supervision.__table__
    return [
        _supervision(r)
        for r in conn.execute(select(st).where(st.c.case_id == case_id).order_by(st.c.id)).mappings()
    ]


def load_grid(conn: Connection, *, active_only: bool = True) -> Grid:
    """The grid from the central ``units`` table (townships derived from 乡镇 units)."""
    rows = conn.execute(
        select(UNITS).where(UNITS.c.deleted.is_(False)).order_by(UNITS.c.level, UNITS.c.code)
    ).mappings().all()
    code_of = {r["id"]: r["code"] for r in rows}
    units: list[Unit] = []
    townships: dict[str, list[str]] = {}
    for r in rows:
        if active_only and not r["active"]:
            continue
        units.append(Unit(r["code"], r["name"], r["area"], r["unit_type"],
                          code_of.get(r["parent_id"]) if r["parent_id"] else None,
                          r["township"] or "", bool(r["active"])))
        if r["unit_type"] == "乡镇" and r["township"]:
            townships.setdefault(r["area"], []).append(r["township"])
    return Grid(tuple(units), {a: tuple(dict.fromkeys(t)) for a, t in townships.items()})


def import_grid(engine: Engine, path: Path | str, *, actor: str = "admin",
                deactivate_missing: bool = True) -> GridImportOutcome:
    """Import units from a grid file (CSV or JSON, ``grid_import``) into ``units``.

    The whole file is validated first: with any error nothing changes and the errors (with
    their rows) come back. Otherwise one transaction upserts by unit code (parents resolved
    to row ids, level = depth in the tree) and marks units missing from the file inactive
    (never deleted: old cases keep their unit).
    """
    parsed = parse_grid_file(Path(path))
    if not parsed.ok:
        return GridImportOutcome(False, parsed.errors)
    grid = parsed.grid
    assert grid is not None
    now = utcnow()
    inserted = updated = deactivated = 0
    with engine.begin() as conn:
        seq = next_change_seq(conn)
        existing = {
            r["code"]: dict(r)
            for r in conn.execute(select(UNITS).where(UNITS.c.deleted.is_(False))).mappings()
        }
        ids = {code: row["id"] for code, row in existing.items()}
        for unit in grid.units:
            ids.setdefault(unit.code, new_uuid())
        stamp = {"change_seq": seq, "changed_by": actor[:64], "changed_at": now}
        new_rows, changes = [], []
        for unit in grid.units:
            values = {
                "code": unit.code, "name": unit.name, "area": unit.area, "unit_type": unit.unit_type,
                "parent_id": ids[unit.parent] if unit.parent else None,
                "level": len(grid.path(unit.code)), "township": unit.township or "",
                "active": unit.active,
            }
            old = existing.get(unit.code)
            if old is None:
                new_rows.append({"id": ids[unit.code], "revision": 1, "deleted": False, "phone": "",
                                 **stamp, **values})
            elif any(old[k] != v for k, v in values.items()):
                changes.append((old, values))
        if new_rows:
            conn.execute(insert(UNITS), new_rows)
            inserted = len(new_rows)
        for old, values in changes:
            conn.execute(update(UNITS).where(UNITS.c.id == old["id"])
                         .values(revision=old["revision"] + 1, **stamp, **values))
        updated = len(changes)
        if deactivate_missing:
            in_file = {u.code for u in grid.units}
            for code, old in existing.items():
                if code not in in_file and old["active"]:
                    conn.execute(update(UNITS).where(UNITS.c.id == old["id"])
                                 .values(revision=old["revision"] + 1, active=False, **stamp))
                    deactivated += 1
    return GridImportOutcome(True, [], inserted, updated, deactivated, len(grid.units))


def unit_counts(engine: Engine) -> dict[str, Any]:
    """For ``seat-admin grid show``: units by area and type, active and inactive."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(UNITS.c.area, UNITS.c.unit_type, UNITS.c.active, func.count())
            .where(UNITS.c.deleted.is_(False))
            .group_by(UNITS.c.area, UNITS.c.unit_type, UNITS.c.active)
        ).all()
    by_area: dict[str, int] = {}
    by_type: dict[str, int] = {}
    active = inactive = 0
    for area, unit_type, is_active, n in rows:
        if is_active:
            active += n
            by_area[area] = by_area.get(area, 0) + n
            by_type[unit_type] = by_type.get(unit_type, 0) + n
        else:
            inactive += n
    return {"active": active, "inactive": inactive, "by_area": by_area, "by_type": by_type}


