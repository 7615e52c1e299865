"""Quality services on a real central database (SQLite and PostgreSQL): evaluations saved
as versions and released, disputes on the working-day window (two rounds at most,
decided by another inspector or a lead, audited), an upheld dispute as a corrected
version; on PostgreSQL the same as real logins: what each role may read and write."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.quality import CaseRecord, DisputeRefused, review_checks, run_prechecks
from seat_app.domain.roles import Role
from seat_app.services import quality
from seat_app.services.quality.errors import EvaluationNotFound, NotPermitted
from seat_app.services.security import auth
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Case

pytestmark = [pytest.mark.quality]

USERS = {"1001": Role.AGENT, "1002": Role.AGENT, "5001": Role.INSPECTOR,
         "5002": Role.INSPECTOR, "2001": Role.LEAD, "3001": Role.TRAINER}
CAL = WorkingDayCalendar()


def pw(work_no: str) -> str:
    return f"Qa-{work_no}-pw%9x"


@dataclass
class QAWorld:
    url: str
    engine: sa.Engine
    sessions: dict[str, auth.SignedIn] = field(default_factory=dict)

    def as_(self, work_no: str) -> auth.SignedIn:
        if work_no not in self.sessions:
            self.sessions[work_no] = auth.sign_in(self.url, work_no, pw(work_no))
        return self.sessions[work_no]


@pytest.fixture(autouse=True)
def _cheap_argon2() -> Iterator[None]:
    from argon2 import PasswordHasher, profiles

    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    auth.use_hasher(previous)


def _populate(engine: sa.Engine) -> None:
    from sqlalchemy.orm import Session

    for work_no, role in USERS.items():
        auth.add_user(engine, work_no, f"用户{work_no}", role, pw(work_no))
    with Session(engine) as s, s.begin():
        for i, agent in enumerate(("1001", "1002"), start=1):
            s.add(Case(case_number=f"20261102-S01-{i:04d}", channel="电话", caller_name="张先生",
                       caller_phone="13812345678", caller_address="盐湖区解放路1号",
                       matter="供水", description="停水三天，咨询何时恢复", reply_text="预计今晚恢复供水。",
                       status="已办结", handling="直接办理", agent=agent, seat_code="S01"))


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=[pytest.mark.pg,
                                                          pytest.mark.security])])
def qa_world(request, seat_home) -> Iterator[QAWorld]:
    if request.param == "sqlite":
        url = f"sqlite:///{seat_home / 'central.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_migrated_url")
    engine = make_engine(url)
    upgrade(engine)
    if request.param == "pg":
        pg_security.apply_pg_security(engine)
    _populate(engine)
    world = QAWorld(url, engine)
    try:
        yield world
    finally:
        for s in world.sessions.values():
            if s._owns_engine:
                s.engine.dispose()
        if request.param == "pg":
            pg_security.drop_pg_roles(engine)
        engine.dispose()


@pytest.fixture
def sqlite_qa_world(seat_home) -> Iterator[QAWorld]:
    """SQLite only (the PostgreSQL side of the same rules is in test_rights_as_real_logins)."""
    url = f"sqlite:///{seat_home / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    _populate(engine)
    world = QAWorld(url, engine)
    yield world
    for s in world.sessions.values():
        if s._owns_engine:
            s.engine.dispose()
    engine.dispose()


def _case(w: QAWorld, agent: str) -> CaseRecord:
    number = "20261102-S01-0001" if agent == "1001" else "20261102-S01-0002"
    return quality.load_cases(w.engine, case_number=number)[0]


def _save(w: QAWorld, inspector: str, agent: str, *, fail: str = "readback",
          release: bool = True, today: date = date(2026, 11, 2)) -> quality.SavedEvaluation:
    form = quality.default_form()
    case = _case(w, agent)
    ctx = quality.precheck_context(w.engine)
    reviewed = review_checks(run_prechecks(case, ctx), {}, by=inspector)
    manual = {i: "pass" for i in form.manual_items()}
    manual[fail] = "fail"
    return quality.save_evaluation(w.as_(inspector), form, case, reviewed, manual,
                                   release=release, today=today)


def test_evaluation_saved_released_and_never_edited(qa_world):
    w = qa_world
    saved = _save(w, "5001", "1001")
    assert saved.version == 1 and saved.released_on == date(2026, 11, 2)
    assert saved.evaluation.item("readback").outcome == "fail"
    assert saved.score < 100
    items = quality.item_views(w.as_("5001"), saved.id)
    assert {i.item_id for i in items} >= {"readback", "greeting"}
    # the owner connection cannot change or delete a saved evaluation either (trigger)
    for statement in ("UPDATE qa_evaluations SET score = 100", "DELETE FROM qa_item_results"):
        with pytest.raises((IntegrityError, OperationalError, DBAPIError)), \
                w.engine.begin() as conn:
            conn.execute(sa.text(statement))
    with w.engine.connect() as conn:
        actions = [r[0] for r in conn.execute(sa.text(
            "SELECT action FROM audit_log WHERE action LIKE 'qa_%' ORDER BY id"))]
    assert actions == ["qa_evaluation_saved", "qa_evaluation_released"]
    # sampling reads the same central (PostgreSQL: EXTRACT, SQLite: julianday)
    ts = quality.sample(w.engine, f"{saved.case_day:%Y-%m}", seed=3, inspectors=["5001"])
    assert {p.case_number for p in ts.result.picks} == {"20261102-S01-0001",
                                                         "20261102-S01-0002"}


def test_agent_sees_only_own_released(sqlite_qa_world):
    w = sqlite_qa_world
    mine = _save(w, "5001", "1001")
    _save(w, "5001", "1002")
    _save(w, "5001", "1001", release=False)
    got = quality.my_evaluations(w.as_("1001"))
    assert [e.id for e in got] == [mine.id]
    assert quality.my_evaluations(w.as_("1002"))[0].agent == "1002"
    # the scheduled release hands out what was held back
    later = date.today() + timedelta(days=2)
    assert len(quality.release_pending(w.as_("5001"), today=later)) == 1
    assert len(quality.my_evaluations(w.as_("1001"))) == 2
    with pytest.raises(NotPermitted):
        _save(w, "1001", "1002")  # an agent cannot score


def test_dispute_rounds_window_and_decider(qa_world):
    w = qa_world
    saved = _save(w, "5001", "1001", today=date(2026, 11, 2))  # Monday
    agent = w.as_("1001")
    # another agent may not dispute it; the scorer may not decide it
    with pytest.raises((DisputeRefused, EvaluationNotFound)):  # PG: RLS hides it
        quality.raise_item_dispute(w.as_("1002"), saved.id, "readback", "我已复述了诉求",
                                   calendar=CAL, today=date(2026, 11, 3))
    d1 = quality.raise_item_dispute(agent, saved.id, "readback", "录音里已复述诉求和工单号",
                                    calendar=CAL, today=date(2026, 11, 3))
    assert d1.round == 1 and d1.window_closes == date(2026, 11, 9)  # 5 working days
    with pytest.raises(DisputeRefused) as own:
        quality.decide(w.as_("5001"), d1.dispute_id, upheld=False, reason="维持原判定")
    assert own.value.reason == "own_evaluation"
    r1, corrected = quality.decide(w.as_("5002"), d1.dispute_id, upheld=False,
                                   reason="录音未报工单号", today=date(2026, 11, 4))
    assert r1.status == "rejected" and corrected is None
    d2 = quality.raise_item_dispute(agent, saved.id, "readback", "第二轮：请班长复核录音",
                                    calendar=CAL, today=date(2026, 11, 6))
    assert d2.round == 2
    with pytest.raises(DisputeRefused) as same:
        quality.decide(w.as_("5002"), d2.dispute_id, upheld=True, reason="改判通过了")
    assert same.value.reason == "same_decider"
    r2, corrected = quality.decide(w.as_("2001"), d2.dispute_id, upheld=True,
                                   reason="录音第40秒报了工单号", today=date(2026, 11, 9))
    assert r2.status == "upheld" and corrected is not None
    assert corrected.version == 2 and corrected.evaluation_key == saved.evaluation_key
    assert corrected.evaluation.item("readback").outcome == "pass"
    assert corrected.score > saved.score
    assert quality.get_evaluation(w.as_("5001"), saved.id).score == saved.score  # v1 kept
    assert [e.version for e in quality.my_evaluations(agent)] == [2]
    # a third dispute on the item is refused with the date the window closed
    with pytest.raises(DisputeRefused) as third:
        quality.raise_item_dispute(agent, corrected.id, "readback", "再申诉一次看看",
                                   calendar=CAL, today=date(2026, 11, 10))
    assert third.value.reason in ("already_upheld", "too_many_rounds")
    with w.engine.connect() as conn:
        steps = [r[0] for r in conn.execute(sa.text(
            "SELECT action FROM audit_log WHERE action LIKE 'qa_dispute%' ORDER BY id"))]
    assert steps == ["qa_dispute_raised", "qa_dispute_decided", "qa_dispute_raised",
                     "qa_dispute_decided"]


def test_late_dispute_refused_with_closing_date(sqlite_qa_world):
    w = sqlite_qa_world
    saved = _save(w, "5001", "1001", today=date(2026, 11, 2))
    with pytest.raises(DisputeRefused) as late:
        quality.raise_item_dispute(w.as_("1001"), saved.id, "readback", "过了很久才看到结果",
                                   calendar=CAL, today=date(2026, 11, 10))
    assert late.value.reason == "late"
    assert late.value.window_closed == date(2026, 11, 9)
    assert "2026-11-09" in late.value.zh and "2026-11-09" in late.value.en


@pytest.mark.pg
@pytest.mark.security
def test_rights_as_real_logins(request):
    """Inspectors read cases and write evaluations; agents read only their own released
    evaluations and write only their own disputes; trainers read evaluations; nobody
    updates or deletes a saved evaluation."""
    w = next(_pg_world(request))
    saved = _save(w, "5001", "1001")
    hidden = _save(w, "5001", "1001", release=False)
    other = _save(w, "5001", "1002")

    def run(work_no: str, statement: str, **params) -> object:
        with w.as_(work_no).engine.begin() as conn:
            result = conn.execute(sa.text(statement), params)
            return result.all() if result.returns_rows else result.rowcount

    def refused(work_no: str, statement: str, **params) -> bool:
        try:
            run(work_no, statement, **params)
        except DBAPIError as exc:
            return getattr(exc.orig, "sqlstate", None) in ("42501", "P0001")
        return False

    ids = {r[0] for r in run("1001", "SELECT id FROM qa_evaluations")}
    assert ids == {saved.id}, "an agent sees only its own released evaluation"
    assert hidden.id not in ids and other.id not in ids
    items = {r[0] for r in run("1001", "SELECT DISTINCT evaluation_id FROM qa_item_results")}
    assert items == {saved.id}
    assert len(run("3001", "SELECT id FROM qa_evaluations")) == 3  # trainer reads all
    assert len(run("5002", "SELECT id FROM cases")) == 2  # inspector reads cases
    assert run("5002", "SELECT id FROM intake_suggestions") == []  # and what intake showed
    assert refused("5002", "UPDATE cases SET matter = '停电'")
    for who in ("5001", "2001", "3001", "1001"):
        assert refused(who, "UPDATE qa_evaluations SET score = 100 WHERE id = :i", i=saved.id)
        assert refused(who, "DELETE FROM qa_evaluations WHERE id = :i", i=saved.id)
    assert refused("1001", "INSERT INTO qa_evaluations (id, evaluation_key, version, case_id,"
                   " case_number, agent, team, inspector, case_day, form_id, form_version,"
                   " score, band, fatal, body, correction_reason, created_at) VALUES ('x',"
                   " 'k', 1, 'c', 'n', '1001', '', '1001', '2026-11-02', 'f', 1, 100, '优秀',"
                   " '[]', '{}', '', now())")
    assert refused("3001", "INSERT INTO qa_disputes (id) VALUES ('x')")
    # an agent's dispute on someone else's evaluation: RLS refuses the row
    assert refused("1002", "INSERT INTO qa_disputes (id, evaluation_id, evaluation_key,"
                   " item_id, agent, round, raised_on, reason, window_closes, status,"
                   " decided_by, decider_role, decision_reason, corrected_evaluation_id,"
                   " created_at) VALUES ('d', :e, 'k', 'readback', '1002', 1, '2026-11-03',"
                   " 'r', '2026-11-09', 'open', '', '', '', '', now())", e=saved.id)
    d = quality.raise_item_dispute(w.as_("1001"), saved.id, "readback", "录音里已复述诉求",
                                   calendar=CAL, today=date(2026, 11, 3))
    assert refused("1001", "UPDATE qa_disputes SET status = 'upheld' WHERE id = :i",
                   i=d.dispute_id)
    assert run("1002", "SELECT id FROM qa_disputes") == []


def _pg_world(request) -> Iterator[QAWorld]:
    url = request.getfixturevalue("pg_migrated_url")
    engine = make_engine(url)
    upgrade(engine)
    pg_security.apply_pg_security(engine)
    _populate(engine)
    world = QAWorld(url, engine)

    def close() -> None:
        for s in world.sessions.values():
            if s._owns_engine:
                s.engine.dispose()
        pg_security.drop_pg_roles(engine)
        engine.dispose()
    request.addfinalizer(close)
    yield world


def test_intake_suggestion_feeds_the_matter_check(sqlite_qa_world):
    w = sqlite_qa_world
    case = _case(w, "1001")
    with w.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO intake_suggestions (id, case_id, matters,"
                             " model_version, work_no, at) VALUES ('s1', :c, :m, 1, '1001',"
                             " CURRENT_TIMESTAMP)"), {"c": case.case_id, "m": '["停电", "供水"]'})
        conn.execute(sa.text("INSERT INTO intake_suggestions (id, case_id, matters,"
                             " model_version, work_no, at) VALUES ('s2', :c, 'not json', 1,"
                             " '1001', CURRENT_TIMESTAMP)"), {"c": case.case_id})
    again = _case(w, "1001")
    assert again.intake_matter == "停电"
    result = {r.check.value: r for r in run_prechecks(again, quality.precheck_context(w.engine))}
    assert result["matter_vs_intake"].outcome == "fail"
    assert "停电" in result["matter_vs_intake"].zh


def test_a_new_form_version_leaves_old_evaluations_alone(sqlite_qa_world):
    from seat_app.domain.quality import FormInvalid

    w = sqlite_qa_world
    old = _save(w, "5001", "1001")
    form = quality.default_form()
    v2 = form.revised(pass_mark=85)
    assert v2.version == form.version + 1
    case = _case(w, "1002")
    reviewed = review_checks(run_prechecks(case, quality.precheck_context(w.engine)), {},
                             by="5001")
    new = quality.save_evaluation(w.as_("5001"), v2, case, reviewed,
                                  {i: "pass" for i in v2.manual_items()})
    assert (new.form_version, new.evaluation.pass_mark) == (v2.version, 85)
    again = quality.get_evaluation(w.as_("5001"), old.id)
    assert (again.form_version, again.evaluation.pass_mark) == (form.version, 80)
    # the same id and version with other content is refused: an edit needs a new version
    import dataclasses

    forged = dataclasses.replace(form, rubric=dataclasses.replace(form.rubric, pass_mark=70))
    with pytest.raises(FormInvalid):
        quality.save_evaluation(w.as_("5001"), forged, case, reviewed,
                                {i: "pass" for i in forged.manual_items()})
