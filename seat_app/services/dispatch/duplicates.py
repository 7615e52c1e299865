"""Duplicates (重复件并案) and unreasonable requests in the dispatch service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select

from seat_app.domain import duplicates as dup
from seat_app.domain.dispatch import (
    DispatchRuleError,
    DispatchState,
)
from seat_app.domain.taxonomy import MATTERS, is_matter, matter_by_name
from seat_app.services.dispatch.core import _no_case, _Step, china_now
from seat_app.services.store.models import utcnow
from seat_app.services.store.models_dispatch import CASES


class Duplicates:
    """Duplicates (重复件) and unreasonable requests (不合理诉求)."""

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
