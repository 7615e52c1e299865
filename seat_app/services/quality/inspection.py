"""Forms, evaluations, releases and disputes, stored centrally and audited.

Every entry point takes the signed-in user (a ``security.principal.Principal``: engine,
work number, role) and checks the role first; on PostgreSQL the engine is the user's own
login, so GRANTs and row-level security check again (``security/grants_quality.py``).

A saved evaluation is never changed: a correction (an upheld dispute, an inspector's
fix) is a new version under the same ``evaluation_key``; the database refuses UPDATE and
DELETE on ``qa_evaluations`` and ``qa_item_results``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.quality import (
    CaseRecord,
    Dispute,
    DisputePolicy,
    DisputeStatus,
    EvaluationRef,
    InspectionForm,
    ReviewedCheck,
    corrected_judgements,
    decide_dispute,
    evaluate_case,
    form_from_dict,
    load_form,
    raise_dispute,
)
from seat_app.domain.quality.errors import FormInvalid, QualityError
from seat_app.domain.quality.form import DEFAULT_FORM_FILE
from seat_app.domain.quality.prechecks import Outcome
from seat_app.domain.roles import Op
from seat_app.domain.training import Evaluation, Judgement, evaluate
from seat_app.services import config
from seat_app.services.quality.errors import EvaluationNotFound, NotPermitted
from seat_app.services.quality.loading import _t, today_local
from seat_app.services.security import audit
from seat_app.services.security.principal import Principal
from seat_app.services.store.models import new_uuid, utcnow

EVALUATION_SAVED = "qa_evaluation_saved"
EVALUATION_RELEASED = "qa_evaluation_released"
DISPUTE_RAISED = "qa_dispute_raised"
DISPUTE_DECIDED = "qa_dispute_decided"


@dataclass(frozen=True, slots=True)
class SavedEvaluation:
    id: str
    evaluation_key: str
    version: int
    case_id: str
    case_number: str
    agent: str
    team: str
    inspector: str
    case_day: date
    form_id: str
    form_version: int
    score: float
    band: str
    fatal: tuple[str, ...]
    evaluation: Evaluation
    released_on: date | None = None
    correction_reason: str = ""


@dataclass(frozen=True, slots=True)
class ItemView:
    """One item of a saved evaluation as an agent or inspector reads it."""

    item_id: str
    title: str
    outcome: str
    points: float
    earned: float
    fatal: bool
    evidence: str
    machine_outcome: str
    overridden: bool
    override_reason: str


def _require(session: Principal, op: Op) -> None:
    if not session.may(op):
        raise NotPermitted(f"“{session.role.label_zh}”不能执行此操作（{op.value}）。",
                           f"Role {session.role.value!r} may not do this ({op.value}).")


# ----------------------------------------------------------------------------- forms


def default_form(resources: Path | None = None) -> InspectionForm:
    """The shipped form; a damaged file is refused naming it (never replaced)."""
    path = (resources or config.resources_dir()) / "quality" / DEFAULT_FORM_FILE
    try:
        return load_form(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        if isinstance(exc, FormInvalid):
            raise FormInvalid([(f"{path}：{zh}", f"{path}: {en}")
                               for zh, en in exc.problems]) from None
        raise FormInvalid([(f"评分表文件无法读取：{path}（{exc}）",
                            f"The form file cannot be read: {path} ({exc})")]) from None


def store_form(conn: Connection, form: InspectionForm, *, by: str = "") -> None:
    """Keep ``form`` (id, version) once. The same id and version with other content is
    refused: editing a form makes a new version."""
    t = _t("qa_forms")
    fp = form.rubric.fingerprint
    have = conn.execute(sa.select(t.c.fingerprint).where(
        t.c.form_id == form.id, t.c.version == form.version)).scalar()
    if have is not None:
        if have != fp:
            raise FormInvalid([(
                f"评分表 {form.id} 第 {form.version} 版已保存且内容不同：修改评分表须提高版本号。",
                f"Form {form.id} version {form.version} is stored with other content: an "
                "edited form needs a new version.")])
        return
    conn.execute(sa.update(t).where(t.c.form_id == form.id).values(current=False))
    conn.execute(sa.insert(t).values(
        id=new_uuid(), form_id=form.id, version=form.version, fingerprint=fp,
        title=form.rubric.title, body=json.dumps(form.to_dict(), ensure_ascii=False),
        current=True, created_by=by, created_at=utcnow()))


def stored_form(conn: Connection, form_id: str, version: int) -> InspectionForm:
    t = _t("qa_forms")
    body = conn.execute(sa.select(t.c.body).where(
        t.c.form_id == form_id, t.c.version == version)).scalar()
    if body is None:
        raise FormInvalid([(f"找不到评分表 {form_id} 第 {version} 版。",
                            f"Form {form_id} version {version} is not stored.")])
    return form_from_dict(json.loads(body))


# ----------------------------------------------------------------------------- saving


def _items_rows(form: InspectionForm, ev: Evaluation, reviewed: Sequence[ReviewedCheck],
                evaluation_id: str) -> list[dict[str, Any]]:
    by_check = {r.check: r for r in reviewed}
    rows = []
    for r in ev.items:
        checks = [by_check[c] for c in form.prechecks.get(r.item_id, ()) if c in by_check]
        machine = ""
        if checks:
            if any(c.machine == Outcome.FAIL for c in checks):
                machine = "fail"
            elif all(c.machine == Outcome.NA for c in checks):
                machine = "na"
            else:
                machine = "pass"
        over = [c for c in checks if c.overridden]
        rows.append({
            "id": new_uuid(), "evaluation_id": evaluation_id, "item_id": r.item_id,
            "section_id": r.section_id, "title": r.title, "outcome": str(r.outcome),
            "points": float(r.points), "earned": float(r.earned), "fatal": bool(r.fatal),
            "evidence": r.entered or r.note or "", "machine_outcome": machine,
            "overridden": bool(over) or r.note == "override",
            "override_reason": "；".join(c.reason for c in over)})
    return rows


def _insert_evaluation(conn: Connection, form: InspectionForm, ev: Evaluation,
                       case: CaseRecord, *, key: str, version: int, inspector: str,
                       team: str, reviewed: Sequence[ReviewedCheck], reason: str) -> str:
    eid = new_uuid()
    conn.execute(sa.insert(_t("qa_evaluations")).values(
        id=eid, evaluation_key=key, version=version, case_id=case.case_id,
        case_number=case.case_number, agent=case.agent, team=team, inspector=inspector,
        case_day=case.created_at.date(), form_id=form.id, form_version=form.version,
        score=float(ev.score), band=ev.band, fatal=json.dumps(list(ev.fatal_failed)),
        body=json.dumps(ev.to_dict(), ensure_ascii=False, default=str),
        correction_reason=reason, created_at=utcnow()))
    rows = _items_rows(form, ev, reviewed, eid)
    if rows:
        conn.execute(sa.insert(_t("qa_item_results")), rows)
    return eid


def save_evaluation(
    session: Principal, form: InspectionForm, case: CaseRecord,
    reviewed: Sequence[ReviewedCheck], manual: Mapping[str, Judgement | str], *,
    team: str = "", release: bool = False, today: date | None = None,
    correction_of: str = "", correction_reason: str = "",
) -> SavedEvaluation:
    """Score and save one case (a new evaluation, or with ``correction_of`` = an
    evaluation key, its next version with a reason); release it at once with ``release``."""
    _require(session, Op.QA_INSPECT)
    today = today or today_local()
    if correction_of and len(correction_reason.strip()) < 4:
        raise QualityError("更正质检结果须写明理由（至少 4 个字）。",
                           "A correction needs a reason (at least 4 characters).")
    with session.engine.begin() as conn:
        store_form(conn, form, by=session.work_no)
        key = correction_of or new_uuid()
        version = 1
        if correction_of:
            t = _t("qa_evaluations")
            last = conn.execute(sa.select(sa.func.max(t.c.version)).where(
                t.c.evaluation_key == key)).scalar()
            if last is None:
                raise EvaluationNotFound(key)
            version = int(last) + 1
        ev = evaluate_case(form, case, reviewed, manual, meta={
            "inspector": session.work_no, "evaluation_key": key, "version": version})
        eid = _insert_evaluation(conn, form, ev, case, key=key, version=version,
                                 inspector=session.work_no, team=team, reviewed=reviewed,
                                 reason=correction_reason.strip())
        audit.record(conn, work_no=session.work_no, role=session.role.value,
                     action=EVALUATION_SAVED, entity="qa_evaluations", entity_id=eid,
                     detail={"case_number": case.case_number, "version": version,
                             "score": ev.score, "correction": bool(correction_of)})
        if release:
            _release(conn, session, eid, case.agent, today)
    return get_evaluation(session, eid)


def _release(conn: Connection, session: Principal, evaluation_id: str, agent: str,
             today: date) -> None:
    t = _t("qa_releases")
    if conn.execute(sa.select(t.c.id).where(t.c.evaluation_id == evaluation_id)).first():
        return
    conn.execute(sa.insert(t).values(id=new_uuid(), evaluation_id=evaluation_id, agent=agent,
                                     released_on=today, released_by=session.work_no,
                                     released_at=utcnow()))
    audit.record(conn, work_no=session.work_no, role=session.role.value,
                 action=EVALUATION_RELEASED, entity="qa_evaluations", entity_id=evaluation_id,
                 detail={"agent": agent, "on": today.isoformat()})


def release(session: Principal, evaluation_id: str, *, today: date | None = None) -> None:
    """Release a saved evaluation version to its agent (once; again is a no-op)."""
    _require(session, Op.QA_INSPECT)
    with session.engine.begin() as conn:
        agent = conn.execute(sa.select(_t("qa_evaluations").c.agent).where(
            _t("qa_evaluations").c.id == evaluation_id)).scalar()
        if agent is None:
            raise EvaluationNotFound(evaluation_id)
        _release(conn, session, evaluation_id, agent, today or today_local())


# ----------------------------------------------------------------------------- reading


def _saved(row: Mapping[str, Any], released_on: date | None) -> SavedEvaluation:
    return SavedEvaluation(
        row["id"], row["evaluation_key"], int(row["version"]), row["case_id"],
        row["case_number"], row["agent"], row["team"], row["inspector"], row["case_day"],
        row["form_id"], int(row["form_version"]), float(row["score"]), row["band"],
        tuple(json.loads(row["fatal"] or "[]")), Evaluation.from_dict(json.loads(row["body"])),
        released_on, row["correction_reason"])


def get_evaluation(session: Principal, evaluation_id: str) -> SavedEvaluation:
    """One evaluation version (inspectors, leads, trainers; an agent: its own released)."""
    with session.engine.connect() as conn:
        found = _query(conn, session, ids=[evaluation_id], latest=False)
    if not found:
        raise EvaluationNotFound(evaluation_id)
    return found[0]


def _query(conn: Connection, session: Principal | None, *, ids: Sequence[str] | None = None,
           month: str | None = None, agent: str | None = None, latest: bool = True,
           released_only: bool = False) -> list[SavedEvaluation]:
    e, r = _t("qa_evaluations"), _t("qa_releases")
    q = sa.select(e, r.c.released_on).select_from(e.outerjoin(r, r.c.evaluation_id == e.c.id))
    if session is not None and not (session.may(Op.QA_INSPECT) or session.may(Op.QA_MANAGE)
                                    or session.may(Op.TRAINING_MANAGE)):
        agent = session.work_no  # an agent reads only its own released evaluations
        released_only = True
    if ids is not None:
        q = q.where(e.c.id.in_(list(ids)))
    if agent is not None:
        q = q.where(e.c.agent == agent)
    if released_only:
        q = q.where(r.c.released_on.is_not(None))
    if month is not None:
        y, m = (int(p) for p in month.split("-"))
        first = date(y, m, 1)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        q = q.where(e.c.case_day >= first, e.c.case_day < nxt)
    rows = [dict(x._mapping) for x in conn.execute(q.order_by(e.c.case_day, e.c.case_number,
                                                              e.c.version))]
    if latest:
        best: dict[str, dict[str, Any]] = {}
        for row in rows:
            best[row["evaluation_key"]] = row  # ordered by version: the last wins
        rows = list(best.values())
    return [_saved(x, x.get("released_on")) for x in rows]


def evaluations(session: Principal, *, month: str | None = None, agent: str | None = None,
                latest: bool = True) -> list[SavedEvaluation]:
    """Saved evaluations (latest version of each unless ``latest=False``)."""
    with session.engine.connect() as conn:
        return _query(conn, session, month=month, agent=agent, latest=latest)


def all_evaluations(engine: Engine, *, month: str | None = None) -> list[SavedEvaluation]:
    """Every evaluation (latest versions), for reports run by the administrator."""
    with engine.connect() as conn:
        return _query(conn, None, month=month)


def my_evaluations(session: Principal) -> list[SavedEvaluation]:
    """The signed-in agent's released evaluations (latest released version of each)."""
    with session.engine.connect() as conn:
        return _query(conn, None, agent=session.work_no, released_only=True)


def item_views(session: Principal, evaluation_id: str) -> list[ItemView]:
    t = _t("qa_item_results")
    get_evaluation(session, evaluation_id)  # visible to this user, or refused
    with session.engine.connect() as conn:
        rows = conn.execute(sa.select(t).where(t.c.evaluation_id == evaluation_id)).mappings()
        return [ItemView(r["item_id"], r["title"], r["outcome"], r["points"], r["earned"],
                         r["fatal"], r["evidence"], r["machine_outcome"], r["overridden"],
                         r["override_reason"]) for r in rows]


# ----------------------------------------------------------------------------- disputes


def _dispute(row: Mapping[str, Any]) -> Dispute:
    return Dispute(row["id"], row["evaluation_key"], row["item_id"], row["agent"],
                   int(row["round"]), row["raised_on"], row["reason"], row["window_closes"],
                   DisputeStatus(row["status"]), row["decided_by"], row["decider_role"],
                   row["decided_on"], row["decision_reason"])


def disputes(engine_or_session: Engine | Principal, *, evaluation_key: str | None = None,
             status: str | None = None) -> list[Dispute]:
    engine = engine_or_session if isinstance(engine_or_session, Engine) \
        else engine_or_session.engine
    t = _t("qa_disputes")
    q = sa.select(t).order_by(t.c.raised_on, t.c.round)
    if evaluation_key:
        q = q.where(t.c.evaluation_key == evaluation_key)
    if status:
        q = q.where(t.c.status == status)
    with engine.connect() as conn:
        return [_dispute(r) for r in conn.execute(q).mappings()]


def _ref(conn: Connection, evaluation_id: str) -> tuple[EvaluationRef, SavedEvaluation]:
    found = _query(conn, None, ids=[evaluation_id], latest=False)
    if not found:
        raise EvaluationNotFound(evaluation_id)
    ev = found[0]
    r, e = _t("qa_releases"), _t("qa_evaluations")
    first = conn.execute(sa.select(sa.func.min(r.c.released_on)).select_from(
        r.join(e, e.c.id == r.c.evaluation_id)).where(
        e.c.evaluation_key == ev.evaluation_key)).scalar()
    if first is None:
        raise QualityError("该质检结果尚未发布，不能申诉。",
                           "This evaluation is not released yet; it cannot be disputed.")
    return EvaluationRef(ev.evaluation_key, ev.agent, ev.inspector, first,
                         frozenset(i.item_id for i in ev.evaluation.items)), ev


def raise_item_dispute(session: Principal, evaluation_id: str, item_id: str, reason: str, *,
                       calendar: WorkingDayCalendar, today: date | None = None,
                       policy: DisputePolicy | None = None) -> Dispute:
    """The agent disputes one item of its own released evaluation (audited)."""
    today = today or today_local()
    with session.engine.begin() as conn:
        ref, _ = _ref(conn, evaluation_id)
        t = _t("qa_disputes")
        history = [_dispute(r) for r in conn.execute(sa.select(t).where(
            t.c.evaluation_key == ref.evaluation_id)).mappings()]
        d, step = raise_dispute(ref, item_id, agent=session.work_no, reason=reason,
                                today=today, history=history, calendar=calendar,
                                dispute_id=new_uuid(), policy=policy)
        conn.execute(sa.insert(t).values(
            id=d.dispute_id, evaluation_id=evaluation_id, evaluation_key=ref.evaluation_id,
            item_id=item_id, agent=d.agent, round=d.round, raised_on=d.raised_on,
            reason=d.reason, window_closes=d.window_closes, status=d.status.value,
            decided_by="", decider_role="", decided_on=None, decision_reason="",
            corrected_evaluation_id="", created_at=utcnow()))
        audit.record(conn, work_no=session.work_no, role=session.role.value,
                     action=DISPUTE_RAISED, entity="qa_disputes", entity_id=d.dispute_id,
                     detail={"evaluation": evaluation_id, "item": item_id, "round": d.round,
                             "detail": step.detail})
    return d


def decide(session: Principal, dispute_id: str, *, upheld: bool, reason: str,
           today: date | None = None) -> tuple[Dispute, SavedEvaluation | None]:
    """Decide a dispute (another inspector or a lead); an upheld one saves and releases
    the corrected evaluation as a new version. Audited."""
    _require(session, Op.QA_INSPECT)
    today = today or today_local()
    t = _t("qa_disputes")
    corrected_id = ""
    with session.engine.begin() as conn:
        row = conn.execute(sa.select(t).where(t.c.id == dispute_id)).mappings().first()
        if row is None:
            raise QualityError(f"找不到申诉：{dispute_id}", f"No such dispute: {dispute_id}")
        current = _dispute(row)
        ref, _ = _ref(conn, row["evaluation_id"])
        history = [_dispute(r) for r in conn.execute(sa.select(t).where(
            t.c.evaluation_key == ref.evaluation_id)).mappings()]
        done, step = decide_dispute(current, ref, decider=session.work_no,
                                    role=session.role.value, upheld=upheld, reason=reason,
                                    today=today, history=history)
        if upheld:
            corrected_id = _correct(conn, session, ref.evaluation_id, current.item_id,
                                    f"申诉成立：{done.decision_reason}", today)
        conn.execute(sa.update(t).where(t.c.id == dispute_id, t.c.status == "open").values(
            status=done.status.value, decided_by=done.decided_by,
            decider_role=done.decider_role, decided_on=done.decided_on,
            decision_reason=done.decision_reason, corrected_evaluation_id=corrected_id))
        audit.record(conn, work_no=session.work_no, role=session.role.value,
                     action=DISPUTE_DECIDED, entity="qa_disputes", entity_id=dispute_id,
                     detail={"status": done.status.value, "item": current.item_id,
                             "round": current.round, "reason": step.detail,
                             "corrected": corrected_id})
    return done, (get_evaluation(session, corrected_id) if corrected_id else None)


def _correct(conn: Connection, session: Principal, key: str, item_id: str, note: str,
             today: date) -> str:
    e = _t("qa_evaluations")
    row = conn.execute(sa.select(e).where(e.c.evaluation_key == key)
                       .order_by(e.c.version.desc()).limit(1)).mappings().first()
    assert row is not None
    last = _saved(row, None)
    form = stored_form(conn, last.form_id, last.form_version)
    judgements = corrected_judgements(last.evaluation, [item_id], note=note)
    ev = evaluate(form.rubric, judgements, meta={**dict(last.evaluation.meta),
                                                 "version": last.version + 1})
    case = CaseRecord(last.case_id, last.case_number, last.agent,
                      local_day_start(last.case_day))
    eid = _insert_evaluation(conn, form, ev, case, key=key, version=last.version + 1,
                             inspector=last.inspector, team=last.team, reviewed=(),
                             reason=note)
    audit.record(conn, work_no=session.work_no, role=session.role.value,
                 action=EVALUATION_SAVED, entity="qa_evaluations", entity_id=eid,
                 detail={"case_number": last.case_number, "version": last.version + 1,
                         "score": ev.score, "correction": True})
    _release(conn, session, eid, last.agent, today)
    return eid


def local_day_start(day: date) -> datetime:
    """Noon of a local day (a corrected version keeps the case's day)."""
    return datetime(day.year, day.month, day.day, 12)


def release_pending(session: Principal, *, hold_days: int = 1, today: date | None = None
                    ) -> list[str]:
    """Scheduled release: every saved, unreleased evaluation version of a case day at least
    ``hold_days`` before ``today`` is released to its agent (audited one by one)."""
    _require(session, Op.QA_INSPECT)
    today = today or today_local()
    e, r = _t("qa_evaluations"), _t("qa_releases")
    cutoff = date.fromordinal(today.toordinal() - hold_days)
    with session.engine.begin() as conn:
        rows = conn.execute(sa.select(e.c.id, e.c.agent).select_from(
            e.outerjoin(r, r.c.evaluation_id == e.c.id)).where(
            r.c.id.is_(None), e.c.case_day <= cutoff)).all()
        for eid, agent in rows:
            _release(conn, session, eid, agent, today)
    return [eid for eid, _ in rows]
