"""The training services on a real central database (a SQLite file and real PostgreSQL):
the library (starter load, filters, versioned edits, all-or-nothing import with row/column/
reason, export round trip), sessions (random picks, 30 trainees on the live grid, stuck,
hints), practice saves (scored, item evidence stored, trainee advanced, session pass mark,
rubric versions never rescore), results (weakest items, progress, certification, .xlsx) and
closed cases turned into scenarios."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from seat_app.domain.training import (
    ScenarioImportError,
    TrainingError,
    careless_attempt,
    model_attempt,
    scenario_to_row,
)
from seat_app.domain.training.scenario import FLAT_FIELDS
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Case, KBEntry, User
from seat_app.services.store.models_training import (
    TrainingResult,
    TrainingResultItem,
    TrainingScenario,
)
from seat_app.services.training import library, practice, results, sessions
from seat_app.services.training.errors import NotFound, SessionClosed

pytestmark = [pytest.mark.training]

TRAINEES = [f"{1100 + i}" for i in range(30)]


def _seed(engine) -> None:
    library.ensure_starter(engine, actor="3001")
    with Session(engine) as s, s.begin():
        s.add(User(work_number="3001", name="赵培训", role="trainer"))
        for w in TRAINEES:
            s.add(User(work_number=w, name=f"学员{w}", role="agent"))


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("training") / "central.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    _seed(engine)
    engine.dispose()
    return path


@pytest.fixture
def engine(tmp_path, template):
    """A SQLite central file (copied from the module's template)."""
    shutil.copy(template, tmp_path / "central.sqlite3")
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def any_engine(request, tmp_path, template):
    """The SQLite file, then a real PostgreSQL database (the storing paths run on both)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("engine")
        return
    engine = make_engine(request.getfixturevalue("pg_migrated_url"))
    upgrade(engine)
    _seed(engine)
    yield engine
    engine.dispose()


def _count(engine, table) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(table)))


def test_starter_load_is_idempotent_and_filters_work(engine):
    assert library.ensure_starter(engine) == 0
    rows = library.list_scenarios(engine)
    assert len(rows) >= 120
    easy = library.list_scenarios(engine, domains=("城乡建设", "生态环境"), max_difficulty=2)
    assert easy and all(r.domain in ("城乡建设", "生态环境") and r.difficulty <= 2 for r in easy)
    emergencies = library.list_scenarios(engine, skills=("emergency",))
    assert len(emergencies) >= 10 and all(r.skill == "emergency" for r in emergencies)
    s, version = library.scenario(engine, rows[0].scenario_id)
    assert (s.id, version) == (rows[0].scenario_id, 1)
    with pytest.raises(NotFound):
        library.scenario(engine, "NOPE")


def _xlsx(path, rows, header=FLAT_FIELDS):
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append([r.get(k, "") for k in header])
    wb.save(path)


def test_xlsx_import_with_bad_rows_changes_nothing_and_names_row_column_reason(any_engine, tmp_path):
    base = library.scenario(any_engine, "S003")[0]
    good = scenario_to_row(replace(base, id="T-NEW-1", title="新场景一"))
    bad_matter = {**scenario_to_row(replace(base, id="T-NEW-2")), "matter": "不存在的事项"}
    bad_diff = {**scenario_to_row(replace(base, id="T-NEW-3")), "difficulty": 9}
    bidi = {**scenario_to_row(replace(base, id="T-NEW-4")), "title": "标题\u202e反转"}
    path = tmp_path / "bad.xlsx"
    _xlsx(path, [good, bad_matter, bad_diff, bidi])
    before = _count(any_engine, TrainingScenario)
    with pytest.raises(ScenarioImportError) as err:
        library.import_file(any_engine, path, actor="3001")
    where = {(p.row, p.field) for p in err.value.problems}
    assert {(3, "matter"), (4, "difficulty"), (5, "title")} <= where
    assert all(p.zh and p.en for p in err.value.problems)
    assert _count(any_engine, TrainingScenario) == before
    # a formula cell is refused, not read as empty
    wb = Workbook()
    ws = wb.active
    ws.append(list(FLAT_FIELDS))
    ws.append([good[k] if k != "title" else "=1+1" for k in FLAT_FIELDS])
    wb.save(tmp_path / "formula.xlsx")
    with pytest.raises(ScenarioImportError) as err:
        library.import_file(any_engine, tmp_path / "formula.xlsx", actor="3001")
    assert [(p.row, p.field) for p in err.value.problems] == [(2, "title")]
    # a damaged file
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ScenarioImportError):
        library.import_file(any_engine, tmp_path / "broken.xlsx", actor="3001")
    assert _count(any_engine, TrainingScenario) == before


def test_import_adds_and_versions_and_export_round_trips(engine, tmp_path):
    base = library.scenario(engine, "S003")[0]
    changed = scenario_to_row(replace(base, title="物业服务（改写）"))
    new = scenario_to_row(replace(base, id="T-NEW-9", title="新场景九"))
    _xlsx(tmp_path / "ok.xlsx", [changed, new])
    out = library.import_file(engine, tmp_path / "ok.xlsx", actor="3001")
    assert (out.added, out.new_versions) == (1, 1)
    s, version = library.scenario(engine, "S003")
    assert (s.title, version) == ("物业服务（改写）", 2)
    assert library.scenario(engine, "S003", 1)[0].title == base.title  # old version kept
    n = library.export_file(engine, tmp_path / "all.json")
    n2 = library.export_file(engine, tmp_path / "all.xlsx")
    assert n == n2 == len(library.list_scenarios(engine))
    again = library.import_file(engine, tmp_path / "all.xlsx", actor="3001")
    assert (again.added, again.new_versions, again.unchanged) == (0, 0, n)
    again = library.import_file(engine, tmp_path / "all.json", actor="3001")
    assert (again.added, again.new_versions, again.unchanged) == (0, 0, n)


def test_import_checks_kb_codes_of_the_central_kb(engine, tmp_path):
    base = library.scenario(engine, "S003")[0]
    with Session(engine) as s, s.begin():
        s.add(KBEntry(code=base.expected.accepted_kb[0], kind="常见问题", title="物业", domain="城乡建设",
                      subcategory="物业", matter=base.matter, area="市直"))
    ok = replace(base, id="T-KB-1",
                 expected=replace(base.expected, accepted_kb=base.expected.accepted_kb[:1]))
    missing = replace(base, id="T-KB-2", expected=replace(base.expected, accepted_kb=("DEMO-NOPE-1",)))
    _xlsx(tmp_path / "kb.xlsx", [scenario_to_row(ok), scenario_to_row(missing)])
    with pytest.raises(ScenarioImportError) as err:
        library.import_file(engine, tmp_path / "kb.xlsx", actor="3001")
    assert [(p.row, p.field) for p in err.value.problems] == [(3, "accepted_kb")]


def test_session_random_pick_live_grid_of_30_stuck_and_hints(engine):
    rule = sessions.RandomPick(("城乡建设", "生态环境"), max_difficulty=2, count=12, seed=7)
    info = sessions.create_session(engine, trainer="3001", title="第3期", trainees=TRAINEES,
                                   pick=rule, pass_mark=85, time_per_scenario_s=120,
                                   stuck_after_s=60)
    assert len(info.scenarios) == 12 and len(info.trainees) == 30
    for sid, _ in info.scenarios:
        s = library.scenario(engine, sid)[0]
        assert s.domain in rule.domains and s.difficulty <= 2
    again = sessions.create_session(engine, trainer="3001", title="同一规则", trainees=TRAINEES[:1],
                                    pick=rule)
    assert again.scenarios == info.scenarios  # reproducible with the seed
    t0 = datetime.now(UTC)
    sessions.begin_scenario(engine, info.id, TRAINEES[0], now=t0)
    sessions.begin_scenario(engine, info.id, TRAINEES[1], now=t0)
    sessions.note_progress(engine, info.id, TRAINEES[1], "询问：地址", now=t0 + timedelta(seconds=100))
    grid = {p.work_no: p for p in sessions.live_grid(engine, info.id, now=t0 + timedelta(seconds=130))}
    assert len(grid) == 30
    a, b, idle = grid[TRAINEES[0]], grid[TRAINEES[1]], grid[TRAINEES[2]]
    assert a.stuck and a.over_time and round(a.elapsed_s) == 130 and a.name == f"学员{TRAINEES[0]}"
    assert not b.stuck and b.progress == "询问：地址"
    assert not idle.stuck and idle.elapsed_s == 0 and idle.score_so_far is None
    sessions.send_hint(engine, info.id, TRAINEES[0], "先确认来电人姓名", sent_by="3001")
    assert grid[TRAINEES[0]].hints_unread == 0
    assert sessions.live_grid(engine, info.id)[0].hints_unread == 1
    hints = sessions.take_hints(engine, info.id, TRAINEES[0])
    assert [h.text for h in hints] == ["先确认来电人姓名"]
    assert sessions.take_hints(engine, info.id, TRAINEES[0]) == []
    with pytest.raises(Exception) as err:
        sessions.send_hint(engine, info.id, TRAINEES[0], "  ", sent_by="3001")
    assert getattr(err.value, "en", "")


def test_practice_save_scores_stores_evidence_and_advances(any_engine):
    info = sessions.create_session(any_engine, trainer="3001", title="课堂", trainees=TRAINEES[:2],
                                   scenario_ids=("S001", "S002"), pass_mark=70)
    s, _ = sessions.begin_scenario(any_engine, info.id, TRAINEES[0])
    assert s.id == "S001"
    number = practice.next_case_number(any_engine, TRAINEES[0], date(2026, 12, 3))
    assert number == f"LX20261203-{TRAINEES[0]}-0001" and practice.is_practice_number(number)
    a = replace(model_attempt(s), case_number=number, read_back=number)
    review = practice.save_practice(any_engine, work_no=TRAINEES[0], scenario_id=s.id, attempt=a,
                                    session_id=info.id)
    assert review.evaluation.score == 100 and review.evaluation.pass_mark == 70
    assert review.next_scenario is not None and review.next_scenario[0].id == "S002"
    assert review.model_answer == s.expected.model_answer
    assert [k.code for k in review.intended_kb] == list(s.expected.accepted_kb)
    assert practice.next_case_number(any_engine, TRAINEES[0], date(2026, 12, 3)).endswith("-0002")
    c = careless_attempt(s)
    bad = practice.save_practice(any_engine, work_no=TRAINEES[1], scenario_id=s.id, attempt=c,
                                 session_id=info.id)
    assert not bad.evaluation.passed and bad.case_number.startswith("LX")
    with Session(any_engine) as sess:
        items = {i.item_id: i for i in sess.scalars(select(TrainingResultItem).where(
            TrainingResultItem.result_id == bad.result_id))}
    assert items["address"].outcome == "fail" and items["address"].expected == s.expected.address
    assert items["matter"].entered == c.value("matter")
    assert "不归我们管" in items["no_forbidden"].entered
    grid = {p.work_no: p for p in sessions.live_grid(any_engine, info.id)}
    assert grid[TRAINEES[0]].done == 1 and grid[TRAINEES[0]].score_so_far == 100
    assert grid[TRAINEES[0]].scenario_id == "S002"
    sessions.close_session(any_engine, info.id)
    with pytest.raises(SessionClosed):
        practice.save_practice(any_engine, work_no=TRAINEES[0], scenario_id="S002",
                               attempt=model_attempt(library.scenario(any_engine, "S002")[0]),
                               session_id=info.id)


def test_a_new_rubric_version_never_rescores_old_results(engine):
    s = library.scenario(engine, "S005")[0]
    old = practice.save_practice(engine, work_no=TRAINEES[0], scenario_id=s.id,
                                 attempt=replace(careless_attempt(s), case_number=""))
    rub = library.rubric(engine)
    first = rub.sections[0]
    heavier = replace(first, weight=first.weight * 10)
    new = library.save_rubric(engine, replace(rub, sections=(heavier, *rub.sections[1:])), "3001")
    assert new.version == rub.version + 1 and library.rubric(engine).version == new.version
    with Session(engine) as sess:
        stored = sess.get(TrainingResult, old.result_id)
        assert stored.score == old.evaluation.score and stored.rubric_version == rub.version
    with pytest.raises(TrainingError):  # the same practice case is not saved twice
        practice.save_practice(engine, work_no=TRAINEES[0], scenario_id=s.id,
                               attempt=replace(careless_attempt(s), case_number=old.case_number))
    again = practice.save_practice(engine, work_no=TRAINEES[0], scenario_id=s.id,
                                   attempt=replace(careless_attempt(s), case_number=""))
    assert again.evaluation.rubric_version == new.version


def test_results_weakest_items_progress_certification_and_xlsx(any_engine, tmp_path):
    ids = ("S003", "S004", "S005")
    for k in range(2):
        info = sessions.create_session(any_engine, trainer="3001", title=f"第{k + 1}次", trainees=TRAINEES[:2],
                                       scenario_ids=ids)
        for sid in ids:
            for who, make in ((TRAINEES[0], model_attempt), (TRAINEES[1], careless_attempt)):
                s = sessions.begin_scenario(any_engine, info.id, who)[0]
                assert s.id == sid
                a = make(s)
                n = practice.next_case_number(any_engine, who)
                a = replace(a, case_number=n, read_back=n if a.read_back else "")
                practice.save_practice(any_engine, work_no=who, scenario_id=sid, attempt=a,
                                       session_id=info.id)
    res = results.session_results(any_engine, info.id)
    assert len(res.rows) == 6
    weak = [w.item_id for w in res.weakest]
    assert "matter" in weak and "address" in weak
    assert all(w.missed <= w.applicable for w in res.weakest)
    prog = results.progress(any_engine, TRAINEES[0])
    assert [p.mean for p in prog][-2:] == [100.0, 100.0]
    results.set_rule(any_engine, results.CertificationRule(3, 85), actor="3001")
    by = {t.work_no: t for t in results.session_results(any_engine, info.id).trainees}
    assert by[TRAINEES[0]].certification.ready and not by[TRAINEES[1]].certification.ready
    results.set_rule(any_engine, results.CertificationRule(4, 85), actor="3001")
    assert not results.certification(any_engine, TRAINEES[0]).ready  # only 3 distinct scenarios
    path = results.export_xlsx(res, tmp_path / "class.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["成绩", "薄弱项", "学员"]
    assert wb["成绩"].max_row == 7
    assert json.dumps(res.to_dict(), ensure_ascii=False)


def test_closed_cases_become_scenarios_with_personal_data_replaced(engine):
    base = library.scenario(engine, "S003")[0]
    with Session(engine) as s, s.begin():
        for i, status in enumerate(("已办结", "已办结", "已受理")):
            s.add(Case(case_number=f"20261101-S01-{i:04d}", channel="电话", caller_name="郑真名",
                       caller_phone="13812345678", caller_area=base.expected.area,
                       caller_address="解放路88号3单元", matter=base.matter,
                       description="郑真名反映解放路88号3单元物业不管事，电话13812345678",
                       reply_text="已告知", handling="直接办理", status=status,
                       kb_code=base.expected.accepted_kb[0],
                       closed_at=datetime(2026, 11, 2, tzinfo=UTC) if status == "已办结" else None))
    out = library.from_cases(engine, since=date(2026, 11, 1), limit=10, actor="3001")
    assert len(out.added) == 2 and not out.skipped
    for sid in out.added:
        s = library.scenario(engine, sid)[0]
        text = json.dumps(library.scenario_to_dict(s), ensure_ascii=False)
        assert "郑真名" not in text and "13812345678" not in text and "88号" not in text
        assert s.source == "from-cases"
    again = library.from_cases(engine, since=date(2026, 11, 1), limit=10, actor="3001")
    assert again.added == () and again.already == 2


def test_seed_demo_makes_one_open_class_once(engine):
    from seat_app.services.training.demo import seed_demo

    sid = seed_demo(engine, trainees=(TRAINEES[0], TRAINEES[1]))
    assert sid is not None and seed_demo(engine) is None
    info = sessions.get_session(engine, sid)
    assert info.is_open and len(info.scenarios) == 6 and info.trainees == (TRAINEES[0], TRAINEES[1])
    assert all(library.scenario(engine, s)[0].difficulty <= 2 for s, _ in info.scenarios)
    assert [s.id for s in sessions.list_sessions(engine, work_no=TRAINEES[0], open_only=True)] == [sid]
