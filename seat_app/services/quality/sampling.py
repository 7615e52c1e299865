"""The month's sample over the central cases: load, sample (``domain.quality``), save.

Same data and seed, same sample. The agents' hire dates come from ``users``; agents who
are not users (imported history) count as experienced. Picks are scheduled over the next
month's working days (the working-day calendar) for the active inspectors, at most the
plan's daily cap each.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy import Engine

from seat_app.domain.calendar import CalendarError, WorkingDayCalendar
from seat_app.domain.quality import SampleResult, SamplingPlan, sample_month
from seat_app.domain.quality.sampling import parse_month
from seat_app.services.quality.loading import _t, load_agents, load_cases
from seat_app.services.store.models import new_uuid, utcnow


@dataclass(frozen=True, slots=True)
class TimedSample:
    result: SampleResult
    load_s: float
    sample_s: float
    sample_id: str = ""
    cpu_s: float = 0.0
    """Processor time of loading and sampling (the machine may be shared)."""


def active_inspectors(engine: Engine) -> list[str]:
    users = _t("users")
    with engine.connect() as conn:
        return sorted(conn.execute(sa.select(users.c.work_number).where(
            users.c.role == "inspector", users.c.active.is_(True),
            users.c.deleted.is_(False))).scalars())


def working_day_test(calendar: WorkingDayCalendar | None):
    def test(day: date) -> bool:
        if calendar is not None:
            try:
                return calendar.is_working_day(day)
            except CalendarError:
                pass
        return day.weekday() < 5
    return test


def sample(engine: Engine, month: str, *, seed: int = 0, plan: SamplingPlan | None = None,
           inspectors: list[str] | None = None, calendar: WorkingDayCalendar | None = None,
           save: bool = False, by: str = "") -> TimedSample:
    plan = plan or SamplingPlan()
    first, _ = parse_month(month)
    t0 = time.perf_counter()
    c0 = time.process_time()
    with engine.connect() as conn:
        cases = load_cases(conn, month=month, light=True)
        history = load_cases(conn, light=True,
                             days=(first - timedelta(days=plan.repeat_days + 1), first))
        agents = load_agents(conn)
    t1 = time.perf_counter()
    if inspectors is None:
        inspectors = active_inspectors(engine)
    result = sample_month(cases, agents, month, plan=plan, seed=seed, inspectors=inspectors,
                          is_working_day=working_day_test(calendar), history=history)
    t2 = time.perf_counter()
    cpu = time.process_time() - c0
    sample_id = save_sample(engine, result, plan, by=by) if save else ""
    return TimedSample(result, t1 - t0, t2 - t1, sample_id, cpu)


def save_sample(engine: Engine, result: SampleResult, plan: SamplingPlan, *, by: str = ""
                ) -> str:
    sid = new_uuid()
    plan_d = {k: (sorted(v) if isinstance(v, frozenset) else v)
              for k, v in asdict(plan).items()}
    with engine.begin() as conn:
        conn.execute(sa.insert(_t("qa_samples")).values(
            id=sid, month=result.month, seed=result.seed,
            plan=json.dumps(plan_d, ensure_ascii=False),
            summary=json.dumps(result.summary(), ensure_ascii=False, default=str),
            created_by=by, created_at=utcnow()))
        rows = [{"id": new_uuid(), "sample_id": sid, "case_id": p.case_id,
                 "case_number": p.case_number, "agent": p.agent, "rule": p.rule.value,
                 "inspector": p.inspector, "day": p.day}
                for p in (*result.picks, *result.unscheduled)]
        if rows:
            conn.execute(sa.insert(_t("qa_sample_picks")), rows)
    return sid


@dataclass(frozen=True, slots=True)
class DayPick:
    case_id: str
    case_number: str
    agent: str
    rule: str
    day: date | None


def picks_for(engine: Engine, inspector: str, day: date | None = None) -> list[DayPick]:
    """The inspector's picks for ``day`` (all scheduled days when None), newest sample."""
    p, s = _t("qa_sample_picks"), _t("qa_samples")
    q = sa.select(p.c.case_id, p.c.case_number, p.c.agent, p.c.rule, p.c.day).select_from(
        p.join(s, s.c.id == p.c.sample_id)).where(p.c.inspector == inspector)
    if day is not None:
        q = q.where(p.c.day == day)
    with engine.connect() as conn:
        rows = conn.execute(q.order_by(p.c.day, p.c.case_number)).all()
    seen: set[str] = set()
    out = []
    for r in rows:
        if r[0] not in seen:
            seen.add(r[0])
            out.append(DayPick(*r))
    return out
