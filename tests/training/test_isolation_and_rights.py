"""Nothing of practice leaks, and the database enforces who may do what with it.

Isolation (SQLite and PostgreSQL): a practice session saved through the practice services
leaves every non-training table (``cases``, ``case_events``, ``calls``, the queue, the
outbox's central side ``applied_ops``...) and the day's and month's reports unchanged; no
training table is a synced table, so sync can neither pull nor push practice rows.

Rights (real PostgreSQL logins, RLS): trainers manage scenarios, sessions and every result;
an agent writes only its own practice records and reads only its own results and sessions;
nobody writes ``cases`` from practice (the trainer's login cannot at all)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from seat_app.domain.roles import Role
from seat_app.domain.training import careless_attempt, model_attempt
from seat_app.services.reports import build_report, day_period, month_period
from seat_app.services.security import auth, pg_roles
from seat_app.services.store.central import synced_table
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Case
from seat_app.services.store.models_training import TRAINING_TABLES
from seat_app.services.sync.engine import DEFAULT_PULL_TABLES
from seat_app.services.training import library, practice, results, sessions

pytestmark = [pytest.mark.training]


def _snapshot(engine) -> dict[str, object]:
    """Row counts of every non-training table, and the reports of today and this month."""
    out: dict[str, object] = {}
    with engine.connect() as conn:
        for t in sorted(inspect(conn).get_table_names()):
            if t not in TRAINING_TABLES:
                out[t] = conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar()
    today = date.today()
    for label, period in (("day", day_period(today)),
                          ("month", month_period(today.year, today.month))):
        rep = build_report(engine, period).as_json()
        rep.pop("elapsed_s")
        out[f"report:{label}"] = rep
    return out


def _play_class(engine, trainer: str, trainees: tuple[str, ...]) -> str:
    info = sessions.create_session(engine, trainer=trainer, title="隔离检查", trainees=trainees,
                                   scenario_ids=("S001", "S002", "S010"))
    for who in trainees:
        for _ in info.scenarios:
            s = sessions.begin_scenario(engine, info.id, who)[0]
            a = model_attempt(s) if who == trainees[0] else careless_attempt(s)
            n = practice.next_case_number(engine, who)
            a = replace(a, case_number=n, read_back=n if a.read_back else "")
            practice.save_practice(engine, work_no=who, scenario_id=s.id, attempt=a,
                                   session_id=info.id)
    return info.id


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def test_a_practice_class_leaves_cases_outbox_and_reports_unchanged(backend, tmp_path, request):
    url = (f"sqlite:///{tmp_path / 'central.sqlite3'}" if backend == "sqlite"
           else request.getfixturevalue("pg_migrated_url"))
    engine = make_engine(url)
    try:
        upgrade(engine)
        library.ensure_starter(engine)
        with Session(engine) as s, s.begin():  # one real case, so the reports count something
            s.add(Case(case_number="20261203-S01-0001", channel="电话", caller_name="张先生",
                       caller_area="盐湖区", matter="装修噪声", description="楼上装修",
                       status="已受理", agent="1001", seat_code="S01",
                       created_at=datetime.now(UTC), accepted_at=datetime.now(UTC)))
        before = _snapshot(engine)
        sid = _play_class(engine, "3001", ("1001", "1002"))
        after = _snapshot(engine)
        assert after == before
        assert results.session_results(engine, sid).rows  # the class did store its results
    finally:
        engine.dispose()


def test_no_training_table_can_travel_through_sync():
    for t in TRAINING_TABLES:
        assert t not in DEFAULT_PULL_TABLES
        with pytest.raises(KeyError):
            synced_table(t)  # neither pulled (iter_changes) nor written by a seat's op


# ─── rights as real PostgreSQL logins ────────────────────────────────────────────────────

PEOPLE = {"3001": ("赵培训", Role.TRAINER), "1001": ("王话务", Role.AGENT),
          "1002": ("钱话务", Role.AGENT), "2001": ("李班长", Role.LEAD)}


def _pw(work_no: str) -> str:
    return f"Tr-{work_no}-q'x\"7%"


@pytest.fixture
def pg_logins(pg_migrated_url):
    from argon2 import PasswordHasher, profiles

    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    owner = make_engine(pg_migrated_url)
    upgrade(owner)
    pg_roles.apply_pg_security(owner)
    signed: dict[str, auth.SignedIn] = {}
    try:
        for w, (name, role) in PEOPLE.items():
            auth.add_user(owner, w, name, role, _pw(w))
        library.ensure_starter(owner)
        with Session(owner) as s, s.begin():
            s.add(Case(case_number="20261203-S01-0009", channel="电话", caller_name="张先生",
                       caller_area="盐湖区", matter="装修噪声", description="楼上装修",
                       status="已受理", agent="1001", seat_code="S01"))
        for w in PEOPLE:
            signed[w] = auth.sign_in(pg_migrated_url, w, _pw(w))
        yield owner, {w: s.engine for w, s in signed.items()}
    finally:
        for s in signed.values():
            s.engine.dispose()
        pg_roles.drop_pg_roles(owner)
        owner.dispose()
        auth.use_hasher(previous)


def _refused(engine, sql: str, **params) -> bool:
    try:
        with engine.begin() as conn:
            res = conn.execute(text(sql), params)
            return res.rowcount == 0 if not res.returns_rows else False
    except DBAPIError as exc:
        return getattr(exc.orig, "sqlstate", None) == "42501"


@pytest.mark.pg
@pytest.mark.security
def test_agents_write_and_read_only_their_own_practice_records(pg_logins):
    owner, e = pg_logins
    trainer, me, other, lead = e["3001"], e["1001"], e["1002"], e["2001"]
    # the trainer manages: a session for both agents (as the trainer's own login)
    info = sessions.create_session(trainer, trainer="3001", title="第1期",
                                   trainees=("1001", "1002"), scenario_ids=("S001", "S003"))
    lonely = sessions.create_session(trainer, trainer="3001", title="别的班", trainees=("1002",),
                                     scenario_ids=("S002",))
    sessions.send_hint(trainer, info.id, "1001", "先核实地址", sent_by="3001")
    with owner.connect() as conn:
        cases_before = conn.execute(text("SELECT count(*) FROM cases")).scalar()
    # each agent practises through its own login: the same services as the window
    for who, eng in (("1001", me), ("1002", other)):
        s = sessions.begin_scenario(eng, info.id, who)[0]
        a = model_attempt(s) if who == "1001" else careless_attempt(s)
        n = practice.next_case_number(eng, who)
        review = practice.save_practice(eng, work_no=who, scenario_id=s.id,
                                        attempt=replace(a, case_number=n,
                                                        read_back=n if a.read_back else ""),
                                        session_id=info.id)
        assert review.case_number.startswith("LX")
    assert [h.text for h in sessions.take_hints(me, info.id, "1001")] == ["先核实地址"]
    with owner.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar() == cases_before
        assert conn.execute(text("SELECT count(*) FROM training_results")).scalar() == 2
    # reads: own results only; sessions only those it is in
    assert [r.work_no for r in results.my_results(me, "1002")] == []
    assert [r.work_no for r in results.my_results(me, "1001")] == ["1001"]
    with me.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM training_results")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM training_result_items "
                                 "WHERE work_no <> '1001'")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM training_attempts")).scalar() == 1
        seen = set(conn.execute(text("SELECT id FROM training_sessions")).scalars())
    assert seen == {info.id} and lonely.id not in seen
    # writes refused: another trainee's record, the library, sessions, someone's progress
    denials = [
        _refused(me, "INSERT INTO training_attempts (id, work_no, scenario_id, scenario_version,"
                     " case_number, saved_at, body) VALUES ('x1', '1002', 'S001', 1, 'LX-FAKE',"
                     " now(), '{}')"),
        _refused(me, "UPDATE training_results SET score = 100 WHERE work_no = '1002'"),
        _refused(me, "DELETE FROM training_results"),
        _refused(me, "UPDATE training_scenarios SET title = 'x'"),
        _refused(me, "INSERT INTO training_sessions (id, title, trainer, status, pass_mark,"
                     " time_per_scenario_s, stuck_after_s, rubric_id, rubric_version, scenarios,"
                     " selection, created_at) VALUES ('s1', 't', '1001', 'open', 0, 300, 90,"
                     " 'practice', 1, '[]', '', now())"),
        _refused(me, "UPDATE training_session_trainees SET done = 99 WHERE work_no = '1002'"),
        _refused(me, "INSERT INTO training_hints (id, session_id, work_no, sent_by, text,"
                     " sent_at) VALUES ('h1', :s, '1002', '1001', 'x', now())", s=info.id),
        _refused(lead, "UPDATE training_results SET score = 0"),
        _refused(trainer, "INSERT INTO cases (id, revision, change_seq, changed_by, changed_at,"
                          " deleted, case_number, channel) VALUES ('c1', 1, 0, 'x', now(),"
                          " false, 'LX-X', '电话')"),
        _refused(trainer, "UPDATE cases SET description = 'practice'"),
    ]
    print(f"training rights: {sum(denials)}/{len(denials)} refused")
    assert all(denials), denials
    # the trainer reads every result and may correct one; the lead reads
    with trainer.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM training_results")).scalar() == 2
        assert conn.execute(text("UPDATE training_results SET pass_mark = 80")).rowcount == 2
    assert len(results.session_results(lead, info.id).rows) == 2
    # the agent's own writes are really allowed (the refusals above are not a broken login)
    with me.begin() as conn:
        assert conn.execute(text("UPDATE training_hints SET read_at = now() "
                                 "WHERE work_no = '1001'")).rowcount == 1
