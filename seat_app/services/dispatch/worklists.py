"""Read-side work lists of the dispatch service."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from seat_app.domain.dispatch import (
    OPEN_AT_UNIT,
    DispatchStatus,
    legal_actions,
)
from seat_app.domain.roles import mask_phone
from seat_app.services.dispatch.core import D, S, _state_from_row, china_today
from seat_app.services.store.models_dispatch import CASES


class WorkLists:
    """Read-side work lists: a unit's cases, cases by status, pending extensions."""

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
