"""Practice sessions (a class): set-up, random picks, the trainees' live progress, hints.

Usage::

    from seat_app.services.training import sessions
    info = sessions.create_session(engine, trainer="3001", title="新员工第3期",
                                   trainees=("1001", "1002"),
                                   pick=sessions.RandomPick(("城乡建设", "生态环境"), 2, 12),
                                   pass_mark=80, time_per_scenario_s=300)
    sessions.begin_scenario(engine, info.id, "1001")      # the simulated caller rings
    sessions.note_progress(engine, info.id, "1001", "询问：地址")
    sessions.live_grid(engine, info.id)                   # one TraineeProgress per trainee
    sessions.send_hint(engine, info.id, "1001", "先确认来电人姓名", sent_by="3001")
    sessions.take_hints(engine, info.id, "1001")          # the trainee's unread hints

Saving a practice case (``practice.save_practice``) advances the trainee to the next scenario.
"""

from __future__ import annotations

import json
import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from seat_app.domain.roles import Op
from seat_app.domain.text import is_blank, text_problem
from seat_app.domain.training import Scenario
from seat_app.domain.training.errors import TrainingError
from seat_app.services.security.principal import Principal
from seat_app.services.store.models import User, utcnow
from seat_app.services.store.models_training import (
    TrainingHint,
    TrainingResult,
    TrainingScenario,
    TrainingSession,
    TrainingSessionTrainee,
)
from seat_app.services.training import library
from seat_app.services.training.errors import NotFound, NotPermitted, SessionClosed

DEFAULT_TIME_S = 300
DEFAULT_STUCK_S = 90
MAX_HINT = 500


@dataclass(frozen=True, slots=True)
class RandomPick:
    """'``count`` random scenarios from ``domains`` at difficulty <= ``max_difficulty``'."""

    domains: tuple[str, ...]
    max_difficulty: int = 3
    count: int = 12
    seed: int | None = None
    skills: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: str
    title: str
    trainer: str
    status: str
    pass_mark: float
    time_per_scenario_s: int
    stuck_after_s: int
    rubric_id: str
    rubric_version: int
    scenarios: tuple[tuple[str, int], ...]
    trainees: tuple[str, ...]
    selection: str
    created_at: datetime

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True, slots=True)
class TraineeProgress:
    """One row of the trainer's live grid."""

    work_no: str
    name: str
    position: int
    total: int
    scenario_id: str
    scenario_title: str
    elapsed_s: float
    """Seconds on the current scenario (0 before it rang)."""
    idle_s: float
    """Seconds since the trainee last did something."""
    stuck: bool
    over_time: bool
    score_so_far: float | None
    """Mean score of the scenarios saved in this session (None before the first)."""
    done: int
    progress: str
    hints_unread: int

    @property
    def finished(self) -> bool:
        return self.position >= self.total


@dataclass(frozen=True, slots=True)
class Hint:
    id: str
    text: str
    sent_by: str
    sent_at: datetime


def _require_trainer(by: Principal | None) -> None:
    if by is not None and not by.may(Op.TRAINING_MANAGE):
        raise NotPermitted("只有培训师可以管理练习场次", "Only trainers manage practice sessions")


def pick_random(candidates: Sequence[Scenario] | Sequence[library.ScenarioRow],
                rule: RandomPick) -> list[str]:
    """Ids of ``rule.count`` distinct scenarios matching the rule (all when fewer match);
    reproducible for a given seed."""
    def dom(s: object) -> str:
        return str(s.domain)

    def sid(s: object) -> str:
        return str(getattr(s, "scenario_id", None) or s.id)

    fit = [s for s in candidates
           if (not rule.domains or dom(s) in rule.domains)
           and int(s.difficulty) <= rule.max_difficulty
           and (not rule.skills or str(s.skill) in rule.skills)]
    fit.sort(key=sid)
    rng = random.Random(rule.seed)
    chosen = fit if len(fit) <= rule.count else rng.sample(fit, rule.count)
    return [sid(s) for s in chosen]


def create_session(engine: Engine, *, trainer: str, title: str, trainees: Collection[str],
                   scenario_ids: Sequence[str] = (), pick: RandomPick | None = None,
                   pass_mark: float | None = None, time_per_scenario_s: int = DEFAULT_TIME_S,
                   stuck_after_s: int = DEFAULT_STUCK_S, by: Principal | None = None
                   ) -> SessionInfo:
    """A new open session: hand-picked ``scenario_ids`` (in order) or a random ``pick``."""
    _require_trainer(by)
    title = title.strip()
    problem = text_problem("场次名称", "The session title", title)
    if problem or is_blank(title) or len(title) > 200:
        raise TrainingError(problem[0] if problem else "场次名称不能为空且不超过 200 字",
                            problem[1] if problem else "The title must be 1-200 characters")
    people = list(dict.fromkeys(t.strip() for t in trainees if t.strip()))
    if not people:
        raise TrainingError("请至少选择一名学员", "Choose at least one trainee")
    if not 30 <= time_per_scenario_s <= 3600:
        raise TrainingError("每个场景的时间应为 30–3600 秒",
                            "The time per scenario must be 30-3600 seconds")
    if not 10 <= stuck_after_s <= 3600:
        raise TrainingError("“卡住”判定应为 10–3600 秒", "'Stuck after' must be 10-3600 seconds")
    rub = library.rubric(engine)
    mark = rub.pass_mark if pass_mark is None else float(pass_mark)
    if not 0 <= mark <= 100:
        raise TrainingError("及格线应在 0–100 之间", "The pass mark must be within 0-100")
    rows = library.list_scenarios(engine)
    if pick is not None:
        ids = pick_random(rows, pick)
        selection = {"random": {"domains": list(pick.domains), "max_difficulty": pick.max_difficulty,
                                "count": pick.count, "seed": pick.seed, "skills": list(pick.skills)}}
    else:
        ids = list(dict.fromkeys(scenario_ids))
        selection = {"hand_picked": True}
    versions = {r.scenario_id: r.version for r in rows}
    unknown = [i for i in ids if i not in versions]
    if unknown:
        raise NotFound(f"以下场景不存在：{'、'.join(unknown)}",
                       f"No such scenario(s): {', '.join(unknown)}")
    if not ids:
        raise TrainingError("没有符合条件的场景", "No scenario matches")
    refs = [(i, versions[i]) for i in ids]
    with Session(engine) as session, session.begin():
        row = TrainingSession(title=title, trainer=trainer, status="open", pass_mark=mark,
                              time_per_scenario_s=time_per_scenario_s, stuck_after_s=stuck_after_s,
                              rubric_id=rub.id, rubric_version=rub.version,
                              scenarios=json.dumps(refs), selection=json.dumps(selection,
                                                                               ensure_ascii=False))
        session.add(row)
        session.flush()
        for w in people:
            session.add(TrainingSessionTrainee(session_id=row.id, work_no=w, position=0,
                                               scenario_id=refs[0][0], progress="",
                                               done=0, score_sum=0.0))
        sid = row.id
    return get_session(engine, sid)


def get_session(engine: Engine, session_id: str) -> SessionInfo:
    with Session(engine) as session:
        return session_in(session, session_id)


def session_in(session: Session, session_id: str) -> SessionInfo:
    """``get_session`` inside an open ORM session."""
    row = session.get(TrainingSession, session_id)
    if row is None:
        raise NotFound(f"练习场次 {session_id} 不存在", f"No practice session {session_id}")
    trainees = tuple(session.scalars(select(TrainingSessionTrainee.work_no).where(
        TrainingSessionTrainee.session_id == session_id).order_by(TrainingSessionTrainee.work_no)))
    return SessionInfo(row.id, row.title, row.trainer, row.status, row.pass_mark,
                       row.time_per_scenario_s, row.stuck_after_s, row.rubric_id,
                       row.rubric_version,
                       tuple((str(a), int(b)) for a, b in json.loads(row.scenarios)),
                       trainees, row.selection, row.created_at)


def list_sessions(engine: Engine, *, work_no: str | None = None, open_only: bool = False
                  ) -> list[SessionInfo]:
    """Sessions, newest first; with ``work_no`` only those this trainee is in."""
    with Session(engine) as session:
        q = select(TrainingSession.id).order_by(TrainingSession.created_at.desc())
        if open_only:
            q = q.where(TrainingSession.status == "open")
        if work_no is not None:
            q = q.where(TrainingSession.id.in_(select(TrainingSessionTrainee.session_id).where(
                TrainingSessionTrainee.work_no == work_no)))
        ids = list(session.scalars(q))
    return [get_session(engine, i) for i in ids]


def close_session(engine: Engine, session_id: str, by: Principal | None = None) -> None:
    _require_trainer(by)
    with Session(engine) as session, session.begin():
        row = session.get(TrainingSession, session_id)
        if row is None:
            raise NotFound(f"练习场次 {session_id} 不存在", f"No practice session {session_id}")
        row.status, row.closed_at = "closed", utcnow()


def _trainee(session: Session, session_id: str, work_no: str) -> TrainingSessionTrainee:
    row = session.scalars(select(TrainingSessionTrainee).where(
        TrainingSessionTrainee.session_id == session_id,
        TrainingSessionTrainee.work_no == work_no)).first()
    if row is None:
        raise NotFound(f"学员 {work_no} 不在练习场次 {session_id} 中",
                       f"Trainee {work_no} is not in session {session_id}")
    return row


def current_scenario(engine: Engine, session_id: str, work_no: str
                     ) -> tuple[Scenario, int, int, int] | None:
    """(scenario, version, position, total) the trainee is on; None when all are done."""
    with Session(engine) as session:
        info = session_in(session, session_id)
        return _current_in(session, info, _trainee(session, session_id, work_no).position)


def _current_in(session: Session, info: SessionInfo, pos: int
                ) -> tuple[Scenario, int, int, int] | None:
    if pos >= len(info.scenarios):
        return None
    sid, version = info.scenarios[pos]
    s, v = library.scenario_in(session, sid, version)
    return s, v, pos, len(info.scenarios)


def begin_scenario(engine: Engine, session_id: str, work_no: str,
                   now: datetime | None = None) -> tuple[Scenario, int] | None:
    """The trainee's current scenario starts (the caller rings): elapsed time from now.
    None when the trainee has played every scenario of the session."""
    now = now or utcnow()
    with Session(engine) as session, session.begin():
        info = session_in(session, session_id)
        if not info.is_open:
            raise SessionClosed(f"练习场次“{info.title}”已结束", f"Session '{info.title}' is closed")
        row = _trainee(session, session_id, work_no)
        cur = _current_in(session, info, row.position)
        if cur is None:
            return None
        row.scenario_id, row.started_at, row.last_progress_at = cur[0].id, now, now
        row.progress = "来电振铃"
        return cur[0], cur[1]


def note_progress(engine: Engine, session_id: str, work_no: str, what: str,
                  now: datetime | None = None) -> None:
    """Something the trainee did (resets the 'stuck' clock)."""
    with Session(engine) as session, session.begin():
        row = _trainee(session, session_id, work_no)
        row.last_progress_at = now or utcnow()
        row.progress = what[:200]


def send_hint(engine: Engine, session_id: str, work_no: str, text: str, sent_by: str,
              by: Principal | None = None) -> str:
    _require_trainer(by)
    text = text.strip()
    problem = text_problem("提示", "The hint", text, multiline=True)
    if problem:
        raise TrainingError(*problem)
    if is_blank(text) or len(text) > MAX_HINT:
        raise TrainingError(f"提示应为 1–{MAX_HINT} 个字", f"A hint must be 1-{MAX_HINT} characters")
    with Session(engine) as session, session.begin():
        _trainee(session, session_id, work_no)
        hint = TrainingHint(session_id=session_id, work_no=work_no, sent_by=sent_by, text=text)
        session.add(hint)
        session.flush()
        return hint.id


def take_hints(engine: Engine, session_id: str, work_no: str) -> list[Hint]:
    """The trainee's unread hints, oldest first; they are marked read."""
    now = utcnow()
    with Session(engine) as session, session.begin():
        rows = list(session.scalars(select(TrainingHint).where(
            TrainingHint.session_id == session_id, TrainingHint.work_no == work_no,
            TrainingHint.read_at.is_(None)).order_by(TrainingHint.sent_at)))
        for r in rows:
            r.read_at = now
        return [Hint(r.id, r.text, r.sent_by, r.sent_at) for r in rows]


def live_grid(engine: Engine, session_id: str, now: datetime | None = None
              ) -> list[TraineeProgress]:
    """Every trainee's progress (three queries, whatever the class size)."""
    info = get_session(engine, session_id)
    now = now or utcnow()
    total = len(info.scenarios)
    with Session(engine) as session:
        rows = list(session.scalars(select(TrainingSessionTrainee).where(
            TrainingSessionTrainee.session_id == session_id).order_by(TrainingSessionTrainee.work_no)))
        names = dict(session.execute(select(User.work_number, User.name).where(
            User.work_number.in_([r.work_no for r in rows]))).all())
        titles = dict(session.execute(select(TrainingScenario.scenario_id, TrainingScenario.title)
                                      .where(TrainingScenario.scenario_id.in_(
                                          [s for s, _ in info.scenarios]),
                                          TrainingScenario.current.is_(True))).all())
        unread = dict(session.execute(
            select(TrainingHint.work_no, func.count()).where(
                TrainingHint.session_id == session_id, TrainingHint.read_at.is_(None))
            .group_by(TrainingHint.work_no)).all())
    out = []
    for r in rows:
        finished = r.position >= total
        elapsed = (now - r.started_at).total_seconds() if r.started_at and not finished else 0.0
        idle = (now - r.last_progress_at).total_seconds() if r.last_progress_at else 0.0
        sid = "" if finished else info.scenarios[r.position][0]
        out.append(TraineeProgress(
            r.work_no, names.get(r.work_no, ""), r.position, total, sid, titles.get(sid, ""),
            max(0.0, elapsed), max(0.0, idle),
            bool(r.started_at) and not finished and idle >= info.stuck_after_s,
            not finished and elapsed > info.time_per_scenario_s,
            round(r.score_sum / r.done, 2) if r.done else None, r.done,
            "已完成" if finished else r.progress, int(unread.get(r.work_no, 0))))
    return out


def advance(session: Session, info: SessionInfo, work_no: str, score: float
            ) -> tuple[Scenario, int] | None:
    """After a saved practice case (inside its transaction): next scenario, running score.
    Returns the trainee's next scenario (None at the end)."""
    row = _trainee(session, info.id, work_no)
    pos = row.position
    session.execute(update(TrainingSessionTrainee).where(
        TrainingSessionTrainee.id == row.id).values(
        position=TrainingSessionTrainee.position + 1, done=TrainingSessionTrainee.done + 1,
        score_sum=TrainingSessionTrainee.score_sum + score, started_at=None,
        last_progress_at=utcnow(), progress="已保存"))
    nxt = _current_in(session, info, pos + 1)
    return (nxt[0], nxt[1]) if nxt else None


def results_count(engine: Engine, session_id: str) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(TrainingResult).where(
            TrainingResult.session_id == session_id)) or 0)


@dataclass(frozen=True, slots=True)
class Trainee:
    work_no: str
    name: str


def available_trainees(engine: Engine) -> list[Trainee]:
    """Active agents (who can be put into a session), by work number."""
    with Session(engine) as session:
        rows = session.execute(select(User.work_number, User.name).where(
            User.role == "agent", User.active.is_(True), User.deleted.is_(False))
            .order_by(User.work_number)).all()
    return [Trainee(w, n) for w, n in rows]
