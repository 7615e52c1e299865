"""Practice cases: a case number that can never be a live one, scoring with the practice
rubric, and the one save that stores the attempt, its result and every item's evidence —
in the training tables only (never ``cases``, the outbox, the queue or a report).

Usage (the seat window's practice mode and ``seat-admin training demo`` alike)::

    from seat_app.services.training import practice
    number = practice.next_case_number(engine, "1001")        # LX20261203-1001-0001
    review = practice.save_practice(engine, work_no="1001", scenario_id="S001",
                                    attempt=attempt, session_id=info.id)
    review.evaluation.score, review.evaluation.items          # pass/fail with evidence
    review.model_answer, review.intended_kb, review.next_scenario
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from seat_app.domain.training import Evaluation, PracticeAttempt, Rubric, Scenario, score_attempt
from seat_app.domain.training.errors import TrainingError
from seat_app.services.store.models import KBEntry, new_uuid, utcnow
from seat_app.services.store.models_training import (
    TrainingAttempt,
    TrainingResult,
    TrainingResultItem,
)
from seat_app.services.training import library, sessions
from seat_app.services.training.errors import SessionClosed

CASE_PREFIX = "LX"
"""练习: practice case numbers start with it; live ones start with the date's digits."""


@dataclass(frozen=True, slots=True)
class KBRef:
    code: str
    title: str
    answer: str


@dataclass(frozen=True, slots=True)
class PracticeReview:
    """What the trainee sees right after saving."""

    attempt_id: str
    result_id: str
    case_number: str
    scenario: Scenario
    scenario_version: int
    evaluation: Evaluation
    model_answer: str
    intended_kb: tuple[KBRef, ...]
    next_scenario: tuple[Scenario, int] | None
    """The session's next scenario for this trainee (None outside a session or at the end)."""


def is_practice_number(case_number: str) -> bool:
    return case_number.startswith(CASE_PREFIX)


def next_case_number(engine: Engine, work_no: str, day: date | None = None) -> str:
    """The trainee's next practice case number, ``LX<yyyymmdd>-<work_no>-<nnnn>``."""
    day = day or date.today()
    prefix = f"{CASE_PREFIX}{day:%Y%m%d}-{work_no}-"
    with Session(engine) as session:
        used = session.scalars(select(TrainingAttempt.case_number).where(
            TrainingAttempt.case_number.startswith(prefix))).all()
    top = max((int(n.rsplit("-", 1)[1]) for n in used if n.rsplit("-", 1)[1].isdigit()),
              default=0)
    return f"{prefix}{top + 1:04d}"


def score(scenario: Scenario, attempt: PracticeAttempt, rubric: Rubric,
          pass_mark: float | None = None) -> Evaluation:
    """The evaluation the save stores (the domain rubric with the shipped 禁语 list)."""
    return score_attempt(scenario, attempt, rubric, library.forbidden_phrases(),
                         pass_mark=pass_mark)


def intended_kb(engine: Engine, codes: tuple[str, ...]) -> tuple[KBRef, ...]:
    if not codes:
        return ()
    with Session(engine) as session:
        found = {r.code: r for r in session.scalars(select(KBEntry).where(KBEntry.code.in_(codes)))}
    return tuple(KBRef(c, found[c].title if c in found else "", found[c].answer if c in found else "")
                 for c in codes)


def save_practice(engine: Engine, *, work_no: str, scenario_id: str, attempt: PracticeAttempt,
                  session_id: str | None = None, scenario_version: int | None = None,
                  started_at: datetime | None = None, with_kb: bool = True) -> PracticeReview:
    """Store and score one practice case in one transaction (training tables only).

    Inside a session the session's scenario version, rubric version and pass mark apply and
    the trainee moves on to the next scenario; outside one, the current versions."""
    with Session(engine) as session:
        info = sessions.session_in(session, session_id) if session_id else None
        if info is not None and not info.is_open:
            raise SessionClosed(f"练习场次“{info.title}”已结束", f"Session '{info.title}' is closed")
        if info is not None and scenario_version is None:
            scenario_version = dict(info.scenarios).get(scenario_id)
        s, version = library.scenario_in(session, scenario_id, scenario_version)
        rub = library.rubric_in(session, info.rubric_version if info else None)
    if not is_practice_number(attempt.case_number):
        attempt = replace(attempt, case_number=next_case_number(engine, work_no))
    ev = score(s, attempt, rub, info.pass_mark if info else None)
    body = json.dumps(attempt.to_dict(), ensure_ascii=False)
    with Session(engine) as session, session.begin():
        if session.scalar(select(TrainingAttempt.id).where(
                TrainingAttempt.case_number == attempt.case_number)):
            raise TrainingError(f"练习工单 {attempt.case_number} 已保存过",
                                f"Practice case {attempt.case_number} was saved already")
        row = TrainingAttempt(session_id=session_id, work_no=work_no, scenario_id=s.id,
                              scenario_version=version, case_number=attempt.case_number,
                              started_at=started_at, saved_at=utcnow(), body=body)
        res = TrainingResult(attempt_id=row.id, session_id=session_id, work_no=work_no,
                             scenario_id=s.id, scenario_version=version, rubric_id=ev.rubric_id,
                             rubric_version=ev.rubric_version,
                             rubric_fingerprint=ev.rubric_fingerprint, score=ev.score,
                             raw_score=ev.raw_score, passed=ev.passed, pass_mark=ev.pass_mark,
                             fatal_failed=",".join(ev.fatal_failed),
                             evaluation=json.dumps(ev.to_dict(), ensure_ascii=False))
        row.id, res.id = new_uuid(), new_uuid()
        res.attempt_id = row.id
        session.add(row)
        session.flush()
        session.add(res)
        session.flush()
        session.add_all(TrainingResultItem(
            id=new_uuid(), result_id=res.id, session_id=session_id, work_no=work_no,
            item_id=i.item_id, outcome=str(i.outcome), earned=i.earned, points=i.points,
            fatal=i.fatal, expected=i.expected, entered=i.entered) for i in ev.items)
        nxt = sessions.advance(session, info, work_no, ev.score) if info is not None else None
        attempt_id, result_id = row.id, res.id
    return PracticeReview(attempt_id, result_id, attempt.case_number, s, version, ev,
                          s.expected.model_answer,
                          intended_kb(engine, s.expected.accepted_kb) if with_kb else
                          tuple(KBRef(c, "", "") for c in s.expected.accepted_kb),
                          nxt)
