"""What the inspector's workbench shows of one sampled case: the record, its timeline,
the KB entry used, the caller's history and the automatic pre-checks (frozen records,
so the Qt layer runs no SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from seat_app.domain.quality import CaseRecord, CheckResult, KBFacts, run_prechecks
from seat_app.services.quality.errors import CaseNotFound
from seat_app.services.quality.loading import (
    _t,
    load_cases,
    local,
    precheck_context,
    today_local,
)
from seat_app.services.quality.sampling import DayPick, picks_for
from seat_app.services.security.principal import Principal


@dataclass(frozen=True, slots=True)
class TimelineStep:
    at: datetime
    kind: str
    actor: str
    unit: str
    note: str


@dataclass(frozen=True, slots=True)
class EarlierCase:
    case_number: str
    created_at: datetime
    matter: str
    status: str


@dataclass(frozen=True, slots=True)
class CaseView:
    case: CaseRecord
    timeline: tuple[TimelineStep, ...]
    kb: KBFacts | None
    history: tuple[EarlierCase, ...]
    checks: tuple[CheckResult, ...]


def day_sample(session: Principal, day: date | None = None) -> list[DayPick]:
    """The signed-in inspector's sampled cases for ``day`` (default today) not yet
    evaluated; when nothing is scheduled that day, every pick still to inspect."""
    day = day or today_local()
    picks = picks_for(session.engine, session.work_no, day) or \
        picks_for(session.engine, session.work_no, None)
    ev = _t("qa_evaluations")
    with session.engine.connect() as conn:
        done = set(conn.execute(sa.select(ev.c.case_id).where(
            ev.c.inspector == session.work_no)).scalars())
    return [p for p in picks if p.case_id not in done]


def case_view(session: Principal, case_id: str) -> CaseView:
    engine = session.engine
    found = load_cases(engine, case_ids=[case_id])
    if not found:
        raise CaseNotFound(case_id)
    case = found[0]
    ev, cases = _t("case_events"), _t("cases")
    with engine.connect() as conn:
        steps = tuple(TimelineStep(local(r[0]), r[1], r[2], r[3], r[4]) for r in conn.execute(
            sa.select(ev.c.at, ev.c.kind, ev.c.actor, ev.c.unit, ev.c.note)
            .where(ev.c.case_id == case_id, ev.c.deleted.is_(False)).order_by(ev.c.at)))
        history: tuple[EarlierCase, ...] = ()
        if case.caller_phone:
            history = tuple(EarlierCase(r[0], local(r[1]), r[2], r[3]) for r in conn.execute(
                sa.select(cases.c.case_number, cases.c.created_at, cases.c.matter,
                          cases.c.status)
                .where(cases.c.caller_phone == case.caller_phone, cases.c.id != case_id,
                       cases.c.deleted.is_(False))
                .order_by(cases.c.created_at.desc()).limit(20)))
    ctx = precheck_context(engine)
    checks = tuple(run_prechecks(case, ctx))
    return CaseView(case, steps, ctx.kb_entry(case.kb_code), history, checks)
