"""The demo generator's record of deliberately faulty cases (``qa_fault_truth``)."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from seat_app.domain.quality.prechecks import Check
from seat_app.services.quality.loading import _t, local


def fault_truth(engine: Engine) -> tuple[dict[str, frozenset[Check]], dict[str, int]]:
    """(case id -> checks that must fail, fault kind -> count) of the measured cases."""
    t = _t("qa_fault_truth")
    truth: dict[str, frozenset[Check]] = {}
    kinds: dict[str, int] = {}
    with engine.connect() as conn:
        for cid, fault, checks in conn.execute(sa.select(t.c.case_id, t.c.fault, t.c.checks)):
            truth[cid] = frozenset(Check(c) for c in json.loads(checks or "[]"))
            kinds[fault or "clean"] = kinds.get(fault or "clean", 0) + 1
    return truth, kinds


def demo_year(engine: Engine) -> int | None:
    """The latest year holding demo-year cases (None when there is none)."""
    cases = _t("cases")
    with engine.connect() as conn:
        last = conn.execute(sa.select(sa.func.max(cases.c.created_at)).where(
            cases.c.changed_by == "demo-year")).scalar()
    if last is None:
        return None
    if isinstance(last, str):
        last = datetime.fromisoformat(last)
    return local(last).year
