"""The dispatch service's core: the ONE transaction template every action runs in (``_apply``),
the stored form of the dispatch state, and reading one case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from seat_app.domain import callback as cb
from seat_app.domain import duplicates as dup
from seat_app.domain import supervision as sv
from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.case import CaseStatus, Handling
from seat_app.domain.dispatch import (
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
from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.services import intake  # lazy package: intake.central loads at a correction
from seat_app.services.calendar_data import load_calendar
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import Base, new_uuid, utcnow
from seat_app.services.store.models_dispatch import CASES, UNITS, CaseDispatch

CHINA = timezone(timedelta(hours=8), "CST")
"""The hotline's clock: working days, deadlines and 'today' are dates in China."""

D = CaseDispatch.__table__
EVENTS_TABLE = "case_events"
S = DispatchStatus
A = DispatchAction

CASE_STATUS_OF: dict[DispatchStatus, str] = {
    S.PENDING: CaseStatus.ACCEPTED.value,
    S.PRE_REVIEW: CaseStatus.ACCEPTED.value,
    S.DISPATCHED: CaseStatus.DISPATCHED.value,
    S.SIGNED: CaseStatus.DISPATCHED.value,
    S.UNIT_RETURNED: CaseStatus.DISPATCHED.value,
    S.REPLY_RETURNED: CaseStatus.DISPATCHED.value,
    S.REPLIED: CaseStatus.REPLIED.value,
    S.REVIEWED: CaseStatus.REPLIED.value,
    S.CALLED_BACK: CaseStatus.REPLIED.value,
    S.CLOSED: CaseStatus.CLOSED.value,
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


def checked_matter(matter: str) -> str:
    """A matter a dispatch step names, refused (zh/en) unless it is in the taxonomy."""
    if not is_matter(matter):
        raise DispatchRuleError(
            f"未知的事项：{matter}", f"Unknown matter: {matter}", code="unknown_matter"
        )
    return matter_by_name(matter).name


def correction_stage(before: DispatchState, events: list[DispatchEvent]) -> str:
    """Where a matter was corrected: at pre-review, on a unit's return, or when a returned
    case is dispatched again."""
    actions = {e.action for e in events}
    if actions & {A.APPROVE_PRE_REVIEW, A.REJECT_PRE_REVIEW}:
        return "pre_review"
    if actions & {A.UNIT_RETURN, A.REFUSE_UNIT_RETURN}:
        return "return"
    return "redispatch"


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
    matter: str | None = None
    """The matter a lead or unit corrected the case to in this step (None: unchanged); the
    case takes it and the correction is recorded for the intake model, in the same
    transaction."""


def _state_from_row(row: dict[str, Any]) -> tuple[DispatchState, CallbackBook]:
    reply = None
    if row["reply_truth"]:
        reply = _stored_reply(row)
    ext = None
    if row["ext_days"]:
        ext = ExtensionRequest(
            int(row["ext_days"]), row["ext_reason"] or "", row["ext_requested_on"]
        )
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
        row["reviewed_on"],
        row["callback_attempts"],
        row["last_callback_on"],
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


def _cases_table():
    return Base.metadata.tables["cases"]


def _events_table():
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
            f"承办单位 {unit_code} 已停用。",
            f"Handling unit {unit_code} is inactive.",
            code="unit_inactive",
        )


class DispatchCore:
    """The one transaction template (``_apply``) and reading one case's state."""

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
            case = (
                conn.execute(select(CASES).where(CASES.c.id == case_id).with_for_update())
                .mappings()
                .first()
            )
            if case is None or case["deleted"]:
                raise _no_case(case_id)
            row = (
                conn.execute(select(D).where(D.c.case_id == case_id).with_for_update())
                .mappings()
                .first()
            )
            if (
                row is None
                and conn.execute(select(D.c.id).where(D.c.case_id == case_id)).first() is not None
            ):
                # on PostgreSQL, row-level security lets this login read the flow but not
                # act on this step of it
                raise DispatchRuleError(
                    f"您的账号无权办理工单 {case['case_number']} 的这一环节。",
                    f"Your account may not act on this step of case {case['case_number']}.",
                    code="not_permitted",
                )
            if row is None:
                if case["status"] in (CaseStatus.CLOSED, CaseStatus.CANCELLED):
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
                    update(D)
                    .where(D.c.id == row["id"])
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
                            "id": new_uuid(),
                            "revision": 1,
                            "deleted": False,
                            **stamp,
                            # steps of one action keep their order on the timeline
                            "case_id": case_id,
                            "kind": kind[:16],
                            "at": when + timedelta(microseconds=i),
                            "actor": actor[:16],
                            "unit": unit_name[:80],
                            "note": note,
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
        if (state.unit_code and state.unit_code != before.unit_code) or (
            state.unit_code and not case["handling_unit"]
        ):
            values["handling_unit"] = self._unit_name(conn, state.unit_code)
        if state.deadline != case["deadline"] and state.deadline is not None:
            values["deadline"] = state.deadline
        sent = any(e.action in (A.DISPATCH, A.APPROVE_PRE_REVIEW, A.REOPEN) for e in out.events)
        if sent:
            values["handling"] = Handling.DISPATCH.value
            if case["dispatched_at"] is None:
                values["dispatched_at"] = now
        if state.status == S.CLOSED and before.status != S.CLOSED:
            values["closed_at"] = now
            if state.close_kind in ("重复件并案", "不合理诉求"):
                values["handling"] = Handling.DIRECT.value
        elif state.status != S.CLOSED and case["closed_at"] is not None:
            values["closed_at"] = None
        if any(e.action == A.APPROVE_REPLY for e in out.events) and state.reply is not None:
            values["reply_text"] = state.reply.public_reply
        if out.matter and out.matter != case["matter"]:
            self._correct_matter(conn, case, before, out, stamp, values)
        changed = {k: v for k, v in values.items() if case.get(k) != v}
        if not changed:
            return
        conn.execute(
            update(CASES)
            .where(CASES.c.id == case["id"])
            .values(revision=case["revision"] + 1, **stamp, **changed)
        )

    def _correct_matter(
        self,
        conn: Connection,
        case: dict[str, Any],
        before: DispatchState,
        out: _Step,
        stamp: dict[str, Any],
        values: dict[str, Any],
    ) -> None:
        """The case takes the matter the step named; the change is recorded as an intake
        correction (stage: pre-review, return, or a re-dispatch)."""
        m = matter_by_name(str(out.matter))
        values.update(matter=m.name, domain=m.domain, subcategory=m.subcategory)
        intake.record_correction(
            conn,
            case_id=case["id"],
            case_number=case["case_number"] or "",
            from_matter=case["matter"] or "",
            to_matter=m.name,
            stage=correction_stage(before, out.events),
            work_no=stamp["changed_by"],
            unit=self._unit_name(conn, before.unit_code or out.state.unit_code),
        )

    def _unit_name(self, conn: Connection, code: str | None) -> str:
        if not code:
            return ""
        name = conn.execute(select(UNITS.c.name).where(UNITS.c.code == code)).scalar()
        return name or code

    def _event_note(self, conn: Connection, event: DispatchEvent) -> str:
        parts: list[str] = []
        detail = dict(event.detail)
        if detail.get("unit"):
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
            rows = (
                conn.execute(
                    select(t.c.at, t.c.kind, t.c.actor, t.c.unit, t.c.note)
                    .where(t.c.case_id == case_id, t.c.deleted.is_(False))
                    .order_by(t.c.at, t.c.change_seq, t.c.id)
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]

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
