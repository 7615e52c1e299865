"""Seat cases entering the central dispatch flow; recording a case centrally."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select

from seat_app.domain.case import CaseNumber, CaseStatus, Handling, check_case_fields
from seat_app.domain.dispatch import (
    DispatchRuleError,
)
from seat_app.domain.grid import suggest_units
from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.services.dispatch.core import D, S, _cases_table, _events_table, china_today
from seat_app.services.dispatch.grid import load_grid
from seat_app.services.intake.units import combine, unit_history
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import new_uuid, utcnow
from seat_app.services.store.models_dispatch import CASES

log = logging.getLogger(__name__)

# ----------------------------------------------------------------------------- helpers


def record_central_case(engine: Engine, fields: dict[str, Any], *, actor: str = "") -> str:
    """Insert a case written centrally (online channels, imports, demo and test data) with
    its 受理 event, stamped with one change number; returns the case id. Cases typed at a
    seat arrive by sync instead (``seat_app.services.cases.service``)."""
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
            "caller_name": "",
            "caller_phone": "",
            "caller_area": "",
            "caller_address": "",
            "matter": "",
            "domain": "",
            "subcategory": "",
            "description": "",
            "reply_text": "",
            "handling": Handling.DISPATCH.value,
            "handling_unit": "",
            "status": CaseStatus.ACCEPTED.value,
            "agent": actor[:16],
            "seat_code": "",
            "kb_code": "",
            "channel": "网站",
        }
        if not values.get("case_number"):
            day = china_today(received)
            prefix = f"{day:%Y%m%d}-{CENTER_SEAT_CODE}-"
            taken = conn.execute(
                select(func.count())
                .select_from(CASES)
                .where(CASES.c.case_number.like(prefix + "%"))
            ).scalar_one()
            values["case_number"] = str(CaseNumber(day, CENTER_SEAT_CODE, int(taken) + 1))
        row = {
            **defaults,
            **values,
            "id": case_id,
            "revision": 1,
            "deleted": False,
            "created_at": received,
            "accepted_at": received,
            **stamp,
        }
        conn.execute(insert(_cases_table()), row)
        conn.execute(
            insert(_events_table()),
            {
                "id": new_uuid(),
                "revision": 1,
                "deleted": False,
                **stamp,
                "case_id": case_id,
                "kind": "受理",
                "at": received,
                "actor": actor[:16],
                "unit": "",
                "note": values.get("channel", ""),
            },
        )
    return case_id


CENTER_SEAT_CODE = "ZX"
"""The seat code in numbers of cases recorded centrally (online channels, imports)."""

_CASE_FIELDS = frozenset(
    {
        "channel",
        "caller_name",
        "caller_phone",
        "caller_area",
        "caller_address",
        "matter",
        "description",
        "handling",
    }
)


class SeatIntake:
    """Cases the seats saved as 转派, taken into the flow centrally."""

    # -- cases a seat recorded as 转派 -------------------------------------------------------------
    def seat_dispatches(self, limit: int = 500) -> list[dict[str, Any]]:
        """Cases recorded for dispatch (handling 转派, at a seat and synced, or centrally) that
        have not entered the dispatch flow yet: the dispatch desk's list, oldest first."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(
                        CASES.c.id,
                        CASES.c.case_number,
                        CASES.c.matter,
                        CASES.c.caller_area,
                        CASES.c.handling_unit,
                        CASES.c.accepted_at,
                    )
                    .where(
                        CASES.c.deleted.is_(False),
                        CASES.c.handling == Handling.DISPATCH.value,
                        CASES.c.status.not_in(
                            (CaseStatus.CLOSED.value, CaseStatus.CANCELLED.value)
                        ),
                        ~select(D.c.id).where(D.c.case_id == CASES.c.id).exists(),
                    )
                    .order_by(CASES.c.accepted_at, CASES.c.case_number)
                    .limit(limit)
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]

    def best_unit(self, grid: Any, by_name: dict[str, str], matter: str, area: str) -> str | None:
        """The unit to send a case of ``matter`` in ``area`` to: the grid's suggestions
        combined with where such cases were finally handled; a unit that keeps returning
        this kind of case (services.intake.units) is left out. None: no unit."""
        found = suggest_units(grid, matter, area)
        try:
            history = unit_history(self.engine, matter, area)
        except Exception as exc:  # noqa: BLE001 - e.g. no right to read the events: grid only
            log.warning("unit history unavailable: %s", exc)
            history = {}
        for choice in combine([(f.unit.name, f.reason) for f in found], history):
            if choice.unit in by_name:
                return by_name[choice.unit]
        return None

    def dispatch_seat_cases(
        self, *, actor: str, at: datetime | None = None, limit: int = 500
    ) -> dict[str, list[Any]]:
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
        best: dict[tuple[str, str], str | None] = {}
        for case in pending:
            code = by_name.get(case["handling_unit"] or "")
            key = (case["matter"], case["caller_area"] or "市直")
            if code is None:
                if key not in best:
                    best[key] = self.best_unit(grid, by_name, *key)
                code = best[key]
            if code is None:
                grid_units = "、".join(f.unit.name for f in suggest_units(grid, *key))
                if grid_units:  # the grid's units keep returning this kind of case
                    out["left"].append(
                        (
                            case["id"],
                            f"网格中的承办单位（{grid_units}）多次退回此类工单，请人工派单。",
                            f"The grid's units ({grid_units}) keep returning this kind of case; "
                            "dispatch by hand.",
                        )
                    )
                else:
                    out["left"].append(
                        (
                            case["id"],
                            "没有可派的承办单位，请人工派单。",
                            "No unit to dispatch to; dispatch by hand.",
                        )
                    )
                continue
            try:
                state = self.send(case["id"], code, actor=actor, at=at)
            except DispatchRuleError as exc:
                out["left"].append((case["id"], exc.zh, exc.en))
                continue
            out["pre_review" if state.status == S.PRE_REVIEW else "dispatched"].append(case["id"])
        return out
