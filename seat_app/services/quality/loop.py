"""The loop back into practice: an item failed twice in a month assigns the agent the
practice scenarios that exercise it (from the trainers' library, ``domain.training``),
stored where the trainer sees them (``qa_practice_assignments``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine

from seat_app.domain.quality import EvaluatedCase, InspectionForm, pick_scenarios, practice_needs
from seat_app.domain.training import load_library
from seat_app.services import config
from seat_app.services.quality.inspection import all_evaluations
from seat_app.services.quality.loading import _t, today_local
from seat_app.services.store.models import new_uuid, utcnow


@dataclass(frozen=True, slots=True)
class Assignment:
    agent: str
    month: str
    item_id: str
    item_title: str
    failures: int
    case_numbers: tuple[str, ...]
    scenario_ids: tuple[str, ...]
    assigned_on: date


def run_loop(engine: Engine, month: str, form: InspectionForm, *, by: str = "",
             today: date | None = None, resources: Path | None = None,
             per_item: int = 3) -> list[Assignment]:
    """Assign practice for every (agent, item) failed twice or more in ``month``; an
    assignment already made for the same month and item is kept, not repeated."""
    library = load_library((resources or config.resources_dir()) / "training")
    saved = all_evaluations(engine, month=month)
    evaluated = [EvaluatedCase(s.evaluation, s.agent, s.case_day, s.team) for s in saved]
    needs = practice_needs(evaluated, month, form.practice)
    t = _t("qa_practice_assignments")
    today = today or today_local()
    out = []
    with engine.begin() as conn:
        have = {(a, i) for a, i in conn.execute(sa.select(t.c.agent, t.c.item_id).where(
            t.c.month == month))}
        for need in needs:
            if (need.agent, need.item_id) in have:
                continue
            ids = pick_scenarios(need, library.scenarios, count=per_item)
            a = Assignment(need.agent, month, need.item_id, need.item_title, need.failures,
                           need.case_numbers, ids, today)
            conn.execute(sa.insert(t).values(
                id=new_uuid(), agent=a.agent, month=month, item_id=a.item_id,
                item_title=a.item_title, failures=a.failures,
                case_numbers=json.dumps(list(a.case_numbers)),
                scenario_ids=json.dumps(list(ids)), assigned_on=today, assigned_by=by,
                created_at=utcnow()))
            out.append(a)
    return out


def assignments(engine: Engine, *, agent: str | None = None) -> list[Assignment]:
    """What the trainer sees: every practice assignment of the loop (or one agent's)."""
    t = _t("qa_practice_assignments")
    q = sa.select(t).order_by(t.c.assigned_on.desc(), t.c.agent)
    if agent:
        q = q.where(t.c.agent == agent)
    with engine.connect() as conn:
        return [Assignment(r["agent"], r["month"], r["item_id"], r["item_title"],
                           r["failures"], tuple(json.loads(r["case_numbers"])),
                           tuple(json.loads(r["scenario_ids"])), r["assigned_on"])
                for r in conn.execute(q).mappings()]
