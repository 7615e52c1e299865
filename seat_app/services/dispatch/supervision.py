"""Supervision (督办) in the dispatch service."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select

from seat_app.domain import supervision as sv
from seat_app.domain.dispatch import (
    OPEN_AT_UNIT,
    DispatchState,
)
from seat_app.services.dispatch.core import (
    CHINA,
    D,
    S,
    _events_table,
    _state_from_row,
    _Step,
    china_now,
    china_today,
)
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import new_uuid
from seat_app.services.store.models_ops import Supervision


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


class Supervising:
    """Supervision (督办): manual, escalation and the daily rules."""

    def supervisions(self, case_id: str) -> list[sv.Supervision]:
        with self.engine.connect() as conn:
            return _supervision_history(conn, case_id)

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
