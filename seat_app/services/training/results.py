"""Results after class: per trainee x scenario, the class's weakest rubric items, each
trainee's progress across sessions, certification status (rule configurable) and .xlsx.

Usage::

    from seat_app.services.training import results
    r = results.session_results(engine, session_id)   # rows, weakest items, per trainee
    results.progress(engine, "1001")                  # [ProgressPoint] one per session
    results.set_rule(engine, results.CertificationRule(10, 85), actor="3001")
    results.certification(engine, "1001")             # CertStatus (ready for live calls?)
    results.export_xlsx(r, "class.xlsx")
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, case, func, select
from sqlalchemy.orm import Session

from seat_app.domain.roles import Op
from seat_app.domain.training import Evaluation
from seat_app.domain.training.errors import TrainingError
from seat_app.services.security.principal import Principal
from seat_app.services.store.models import User, utcnow
from seat_app.services.store.models_training import (
    TrainingResult,
    TrainingResultItem,
    TrainingScenario,
    TrainingSession,
    TrainingSetting,
)
from seat_app.services.training import library, sessions
from seat_app.services.training.errors import ExportError, NotPermitted
from seat_app.services.training.sessions import SessionInfo

CERT_KEY = "certification"


@dataclass(frozen=True, slots=True)
class CertificationRule:
    """Ready for live calls after ``min_passed`` distinct scenarios at >= ``min_score``."""

    min_passed: int = 10
    min_score: float = 85.0


@dataclass(frozen=True, slots=True)
class CertStatus:
    work_no: str
    qualifying: int
    rule: CertificationRule

    @property
    def ready(self) -> bool:
        return self.qualifying >= self.rule.min_passed


@dataclass(frozen=True, slots=True)
class ResultRow:
    work_no: str
    name: str
    scenario_id: str
    title: str
    score: float
    passed: bool
    failed_items: tuple[str, ...]
    fatal_failed: tuple[str, ...]
    saved_at: datetime
    failed_titles: tuple[str, ...] = ()
    """The failed items' titles (as the rubric version of the result names them)."""


@dataclass(frozen=True, slots=True)
class WeakItem:
    item_id: str
    title: str
    missed: int
    applicable: int

    @property
    def miss_rate(self) -> float:
        return round(self.missed / self.applicable, 4) if self.applicable else 0.0


@dataclass(frozen=True, slots=True)
class TraineeSummary:
    work_no: str
    name: str
    done: int
    mean: float | None
    passed: int
    certification: CertStatus


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    session_id: str
    title: str
    when: datetime
    mean: float
    scenarios: int


@dataclass(frozen=True, slots=True)
class SessionResults:
    session: SessionInfo
    rows: tuple[ResultRow, ...]
    weakest: tuple[WeakItem, ...]
    trainees: tuple[TraineeSummary, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": {"id": self.session.id, "title": self.session.title,
                        "pass_mark": self.session.pass_mark,
                        "scenarios": len(self.session.scenarios)},
            "results": [{"work_no": r.work_no, "name": r.name, "scenario": r.scenario_id,
                         "title": r.title, "score": r.score, "passed": r.passed,
                         "failed_items": list(r.failed_items),
                         "fatal_failed": list(r.fatal_failed)} for r in self.rows],
            "weakest_items": [{"item": w.item_id, "title": w.title, "missed": w.missed,
                               "applicable": w.applicable, "miss_rate": w.miss_rate}
                              for w in self.weakest],
            "trainees": [{"work_no": t.work_no, "name": t.name, "done": t.done, "mean": t.mean,
                          "passed": t.passed, "certified_scenarios": t.certification.qualifying,
                          "ready": t.certification.ready} for t in self.trainees],
        }


def get_rule(engine: Engine) -> CertificationRule:
    with Session(engine) as session:
        row = session.get(TrainingSetting, CERT_KEY)
    if row is None:
        return CertificationRule()
    d = json.loads(row.value)
    return CertificationRule(int(d["min_passed"]), float(d["min_score"]))


def set_rule(engine: Engine, rule: CertificationRule, actor: str,
             by: Principal | None = None) -> None:
    if by is not None and not by.may(Op.TRAINING_MANAGE):
        raise NotPermitted("只有培训师可以修改认证规则", "Only trainers change the certification rule")
    if not 1 <= rule.min_passed <= 500 or not 0 <= rule.min_score <= 100:
        raise TrainingError("认证规则：场景数 1–500，分数 0–100",
                            "Certification: 1-500 scenarios, a score within 0-100")
    value = json.dumps({"min_passed": rule.min_passed, "min_score": rule.min_score})
    with Session(engine) as session, session.begin():
        row = session.get(TrainingSetting, CERT_KEY)
        if row is None:
            session.add(TrainingSetting(key=CERT_KEY, value=value, changed_by=actor))
        else:
            row.value, row.changed_by, row.changed_at = value, actor, utcnow()


def certification(engine: Engine, work_no: str, rule: CertificationRule | None = None
                  ) -> CertStatus:
    """Distinct scenarios this trainee passed at >= the rule's score (any session)."""
    rule = rule or get_rule(engine)
    with Session(engine) as session:
        n = session.scalar(select(func.count(func.distinct(TrainingResult.scenario_id))).where(
            TrainingResult.work_no == work_no, TrainingResult.passed.is_(True),
            TrainingResult.score >= rule.min_score))
    return CertStatus(work_no, int(n or 0), rule)


def _names(session: Session, work_nos: list[str]) -> dict[str, str]:
    return dict(session.execute(select(User.work_number, User.name).where(
        User.work_number.in_(work_nos))).all())


def weakest_items(engine: Engine, session_id: str, top: int = 5) -> tuple[WeakItem, ...]:
    """The rubric items the class missed most (failed or part credit), by miss rate."""
    info = sessions.get_session(engine, session_id)
    rub = library.rubric(engine, info.rubric_version, info.rubric_id)
    titles = {i.id: i.title for i in rub.items()}
    missed = func.sum(case((TrainingResultItem.outcome.in_(("fail", "partial")), 1), else_=0))
    with Session(engine) as session:
        rows = session.execute(
            select(TrainingResultItem.item_id, missed, func.count())
            .where(TrainingResultItem.session_id == session_id,
                   TrainingResultItem.outcome != "na")
            .group_by(TrainingResultItem.item_id)).all()
    items = [WeakItem(i, titles.get(i, i), int(m or 0), int(n)) for i, m, n in rows if m]
    items.sort(key=lambda w: (-w.miss_rate, -w.missed, w.item_id))
    return tuple(items[:top])


def session_results(engine: Engine, session_id: str, top_weak: int = 5) -> SessionResults:
    info = sessions.get_session(engine, session_id)
    rule = get_rule(engine)
    with Session(engine) as session:
        rows = list(session.scalars(select(TrainingResult).where(
            TrainingResult.session_id == session_id).order_by(TrainingResult.work_no,
                                                               TrainingResult.created_at)))
        people = sorted(set(info.trainees) | {r.work_no for r in rows})
        names = _names(session, people)
        titles = dict(session.execute(select(TrainingScenario.scenario_id, TrainingScenario.title)
                                      .where(TrainingScenario.current.is_(True),
                                             TrainingScenario.scenario_id.in_(
                                                 [s for s, _ in info.scenarios]))).all())
    out = []
    for r in rows:
        ev = Evaluation.from_dict(json.loads(r.evaluation))
        failed = ev.failed_items()
        out.append(ResultRow(r.work_no, names.get(r.work_no, ""), r.scenario_id,
                             titles.get(r.scenario_id, ""), r.score, r.passed,
                             failed, ev.fatal_failed, r.created_at,
                             tuple(i.title for i in ev.items if i.item_id in failed)))
    summaries = []
    for w in people:
        mine = [r for r in out if r.work_no == w]
        summaries.append(TraineeSummary(
            w, names.get(w, ""), len(mine),
            round(sum(r.score for r in mine) / len(mine), 2) if mine else None,
            sum(r.passed for r in mine), certification(engine, w, rule)))
    return SessionResults(info, tuple(out), weakest_items(engine, session_id, top_weak),
                          tuple(summaries))


def progress(engine: Engine, work_no: str) -> list[ProgressPoint]:
    """The trainee's mean score per session, oldest first (the progress chart)."""
    with Session(engine) as session:
        rows = session.execute(
            select(TrainingSession.id, TrainingSession.title, TrainingSession.created_at,
                   func.avg(TrainingResult.score), func.count())
            .join(TrainingResult, TrainingResult.session_id == TrainingSession.id)
            .where(TrainingResult.work_no == work_no)
            .group_by(TrainingSession.id, TrainingSession.title, TrainingSession.created_at)
            .order_by(TrainingSession.created_at)).all()
    return [ProgressPoint(i, t, c, round(float(m), 2), int(n)) for i, t, c, m, n in rows]


def my_results(engine: Engine, work_no: str) -> list[ResultRow]:
    """A trainee's own results, newest first (RLS limits an agent's login to these)."""
    with Session(engine) as session:
        rows = list(session.scalars(select(TrainingResult).where(
            TrainingResult.work_no == work_no).order_by(TrainingResult.created_at.desc())))
    out = []
    for r in rows:
        ev = Evaluation.from_dict(json.loads(r.evaluation))
        out.append(ResultRow(r.work_no, "", r.scenario_id, "", r.score, r.passed,
                             ev.failed_items(), ev.fatal_failed, r.created_at))
    return out


def export_xlsx(res: SessionResults, path: str | Path) -> Path:
    """Results, weakest items and trainee summaries as an .xlsx (three sheets)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ExportError("请使用 .xlsx 文件名", "Use an .xlsx file name")
    if not path.parent.is_dir():
        raise ExportError(f"文件夹不存在：{path.parent}", f"no such folder: {path.parent}")
    if path.is_dir():
        raise ExportError(f"{path} 是一个文件夹，请给出要写入的文件名",
                          f"{path} is a folder; give the name of the file to write")
    fd, tmp = tempfile.mkstemp(prefix=".results-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        library.write_xlsx(
            tmp, "成绩", ["工号", "姓名", "场景", "标题", "得分", "通过", "失分项", "红线"],
            ([r.work_no, r.name, r.scenario_id, r.title, r.score, "是" if r.passed else "否",
              "、".join(r.failed_titles or r.failed_items), "、".join(r.fatal_failed)]
             for r in res.rows),
            sheets={
                "薄弱项": (["评分项", "名称", "失分次数", "适用次数", "失分率"],
                        ([w.item_id, w.title, w.missed, w.applicable, w.miss_rate]
                         for w in res.weakest)),
                "学员": (["工号", "姓名", "完成场景", "平均分", "通过", "达标场景", "可上岗"],
                       ([t.work_no, t.name, t.done, t.mean, t.passed,
                         t.certification.qualifying, "是" if t.certification.ready else "否"]
                        for t in res.trainees)),
            })
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
