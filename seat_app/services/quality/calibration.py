"""Calibration rounds (校准): a lead puts the same cases before several inspectors, blind;
each inspector scores every case on the form (seeing only their own scores); closing the
round computes per-item agreement, Krippendorff's alpha and each inspector's deviation
from the panel (``domain.quality.calibrate``); ``drift`` follows deviations over months."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from seat_app.domain.quality import CalibrationReport, Drift, InspectionForm, calibrate, drift
from seat_app.domain.quality.errors import CalibrationError
from seat_app.domain.roles import Op
from seat_app.domain.training import Judgement, evaluate
from seat_app.domain.training import Outcome as ItemOutcome
from seat_app.services.quality.inspection import _require
from seat_app.services.quality.loading import _t
from seat_app.services.security import audit
from seat_app.services.security.principal import Principal
from seat_app.services.store.models import new_uuid, utcnow


def open_round(session: Principal, title: str, month: str, case_ids: Sequence[str],
               inspectors: Sequence[str]) -> str:
    """A lead opens a round (at least two inspectors, at least one case)."""
    _require(session, Op.QA_MANAGE)
    if len(set(inspectors)) < 2 or not case_ids:
        raise CalibrationError("校准至少需要两位质检员和一件工单。",
                               "A calibration needs at least two inspectors and one case.")
    rid = new_uuid()
    with session.engine.begin() as conn:
        conn.execute(sa.insert(_t("qa_calibration_rounds")).values(
            id=rid, title=title, month=month, cases=json.dumps(list(case_ids)),
            inspectors=json.dumps(sorted(set(inspectors))), status="open", alpha=None,
            report="", created_by=session.work_no, created_at=utcnow()))
        audit.record(conn, work_no=session.work_no, role=session.role.value,
                     action="qa_calibration_opened", entity="qa_calibration_rounds",
                     entity_id=rid, detail={"cases": len(case_ids), "month": month})
    return rid


def _round(conn: Any, rid: str) -> Mapping[str, Any]:
    row = conn.execute(sa.select(_t("qa_calibration_rounds")).where(
        _t("qa_calibration_rounds").c.id == rid)).mappings().first()
    if row is None:
        raise CalibrationError(f"找不到校准轮次：{rid}", f"No such calibration round: {rid}")
    return row


def submit(session: Principal, rid: str, case_id: str, form: InspectionForm,
           outcomes: Mapping[str, str]) -> float:
    """One inspector's blind score of one case of an open round (once per case)."""
    _require(session, Op.QA_INSPECT)
    with session.engine.begin() as conn:
        r = _round(conn, rid)
        if r["status"] != "open" or session.work_no not in json.loads(r["inspectors"]) \
                or case_id not in json.loads(r["cases"]):
            raise CalibrationError("该校准轮次未向您开放此工单。",
                                   "This calibration round is not open to you for this case.")
        t = _t("qa_calibration_scores")
        if conn.execute(sa.select(t.c.id).where(t.c.round_id == rid, t.c.case_id == case_id,
                                                t.c.inspector == session.work_no)).first():
            raise CalibrationError("您已为这件校准工单打过分。",
                                   "You have already scored this calibration case.")
        ev = evaluate(form.rubric, [Judgement(k, ItemOutcome(v)) for k, v in outcomes.items()])
        conn.execute(sa.insert(_t("qa_calibration_scores")).values(
            id=new_uuid(), round_id=rid, inspector=session.work_no, case_id=case_id,
            score=float(ev.score), items=json.dumps({i.item_id: str(i.outcome) for i in ev.items}),
            created_at=utcnow()))
    return float(ev.score)


def my_scores(session: Principal, rid: str) -> dict[str, float]:
    """Blind: an inspector sees only their own scores of the round."""
    t = _t("qa_calibration_scores")
    with session.engine.connect() as conn:
        return {c: s for c, s in conn.execute(sa.select(t.c.case_id, t.c.score).where(
            t.c.round_id == rid, t.c.inspector == session.work_no))}


def close_round(session: Principal, rid: str, *, outlier_points: float = 5.0
                ) -> CalibrationReport:
    """The lead closes the round: the agreement report is computed and stored."""
    _require(session, Op.QA_MANAGE)
    t = _t("qa_calibration_scores")
    rounds = _t("qa_calibration_rounds")
    with session.engine.begin() as conn:
        _round(conn, rid)
        scores: dict[str, dict[str, float]] = {}
        items: dict[str, dict[str, dict[str, str]]] = {}
        for insp, case_id, score, its in conn.execute(sa.select(
                t.c.inspector, t.c.case_id, t.c.score, t.c["items"]).where(t.c.round_id == rid)):
            scores.setdefault(insp, {})[case_id] = score
            items.setdefault(insp, {})[case_id] = json.loads(its)
        report = calibrate(scores, items, outlier_points=outlier_points)
        conn.execute(sa.update(rounds).where(rounds.c.id == rid).values(
            status="closed", alpha=report.alpha,
            report=json.dumps(report.to_dict(), ensure_ascii=False)))
        audit.record(conn, work_no=session.work_no, role=session.role.value,
                     action="qa_calibration_closed", entity="qa_calibration_rounds",
                     entity_id=rid, detail={"alpha": report.alpha,
                                            "standouts": list(report.standouts)})
    return report


def month_drift(session: Principal) -> tuple[Drift, ...]:
    """Each inspector's deviation month by month over the closed rounds (recomputed)."""
    _require(session, Op.QA_MANAGE)
    rounds = _t("qa_calibration_rounds")
    t = _t("qa_calibration_scores")
    by_month: dict[str, dict[str, dict[str, float]]] = {}
    with session.engine.connect() as conn:
        for month, insp, case_id, score in conn.execute(sa.select(
                rounds.c.month, t.c.inspector, t.c.case_id + "|" + rounds.c.id, t.c.score)
                .select_from(t.join(rounds, rounds.c.id == t.c.round_id))
                .where(rounds.c.status == "closed")):
            by_month.setdefault(month, {}).setdefault(insp, {})[case_id] = score
    return drift({m: calibrate(s) for m, s in by_month.items() if len(s) >= 2})
