"""Intake records in the central database (SQLite and real PostgreSQL): corrections are
recorded by rule and change the next training; published models reach a seat through
``refresh_model`` and are hot-swapped; a damaged model never replaces a good one; the report
measures suggestions against final matters."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select, update

from seat_app.domain.taxonomy import matter_by_name
from seat_app.services import config
from seat_app.services.intake import IntakeError, Suggester, UnknownMatter, train
from seat_app.services.intake import central as ic
from seat_app.services.intake.corrections import examples_from
from seat_app.services.intake.heldout import never_trained
from seat_app.services.intake.report import accuracy_report
from seat_app.services.store.engine import make_engine, upgrade

pytestmark = pytest.mark.intake

NOISE, FUMES = "工业噪声", "工业废气"
T0 = datetime(2026, 3, 1, tzinfo=UTC)


def add_case(conn, number: str, text: str, matter: str, *, at: datetime = T0,
             status: str = "已办结") -> str:
    m = matter_by_name(matter)
    row = conn.execute(insert(ic.CASES).values(
        case_number=number, channel="电话", matter=m.name, domain=m.domain,
        subcategory=m.subcategory, description=text, status=status, created_at=at,
    ).returning(ic.CASES.c.id)).scalar_one()
    return str(row)


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("central") / "template.sqlite3"
    e = make_engine(f"sqlite:///{path}")
    upgrade(e)
    e.dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def engine(request, tmp_path):
    """A migrated central database: a SQLite file, and a fresh real PostgreSQL database."""
    if request.param == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), tmp_path / "central.sqlite3")
        e = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    else:
        e = make_engine(request.getfixturevalue("pg_migrated_url"))
    yield e
    e.dispose()


@pytest.fixture
def cases(engine):
    """20 noise and 20 fumes cases, and 6 ambiguous ones first filed as noise."""
    ids: dict[str, list[str]] = {"noise": [], "fumes": [], "ambiguous": []}
    with engine.begin() as conn:
        for i in range(20):
            ids["noise"].append(add_case(conn, f"N{i:03d}", f"厂房机器轰鸣声很大第{i}天吵得睡不着", NOISE,
                                         at=T0 + timedelta(hours=i)))
            ids["fumes"].append(add_case(conn, f"F{i:03d}", f"烟囱冒黑烟气味刺鼻第{i}天", FUMES,
                                         at=T0 + timedelta(hours=i)))
        for i in range(6):
            ids["ambiguous"].append(add_case(conn, f"A{i:03d}", "厂里半夜偷偷排放", NOISE,
                                             at=T0 + timedelta(days=1, hours=i)))
    return ids


def _train(engine):
    closed = ic.closed_cases(engine)
    corr = examples_from(ic.corrections(engine))
    model, _ = train([(c.text, c.matter) for c in closed], corrections=corr, kb=False,
                     min_cases=10)
    return model


def test_record_correction_rules(engine, cases):
    case = cases["ambiguous"][0]
    with engine.begin() as conn:
        assert not ic.record_correction(conn, case_id=case, from_matter=NOISE, to_matter=NOISE,
                                        stage="return", work_no="2001")
        assert not ic.record_correction(conn, case_id=case, from_matter="", to_matter=NOISE,
                                        stage="pre_review", work_no="2001")
        with pytest.raises(UnknownMatter):
            ic.record_correction(conn, case_id=case, from_matter=NOISE, to_matter="不存在的事项",
                                 stage="return", work_no="2001")
        with pytest.raises(IntakeError) as bad:
            ic.record_correction(conn, case_id=case, from_matter=NOISE, to_matter=FUMES,
                                 stage="lunch", work_no="2001")
        assert "lunch" in bad.value.zh and "lunch" in bad.value.en
        assert ic.record_correction(conn, case_id=case, case_number="A000", from_matter=NOISE,
                                    to_matter=FUMES, stage="return", work_no="4001",
                                    unit="盐湖区生态环境局")
    got = ic.corrections(engine)
    assert len(got) == 1
    assert (got[0].case_id, got[0].text, got[0].old_matter, got[0].new_matter, got[0].stage,
            got[0].who) == (case, "厂里半夜偷偷排放", NOISE, FUMES, "return", "4001")


def test_a_saved_correction_changes_the_next_training(engine, cases):
    before = _train(engine)
    assert before.suggest("厂里半夜偷偷排放")[0].matter == NOISE
    with engine.begin() as conn:
        for case in cases["ambiguous"]:
            ic.record_correction(conn, case_id=case, from_matter=NOISE, to_matter=FUMES,
                                 stage="redispatch", work_no="2001")
    finals = {c.case_id: c.matter for c in ic.closed_cases(engine)}
    assert all(finals[c] == FUMES for c in cases["ambiguous"])
    after = _train(engine)
    assert after.suggest("厂里半夜偷偷排放")[0].matter == FUMES
    # the clear cases are still learned as before
    assert after.suggest("机器轰鸣声很大")[0].matter == NOISE


def test_closed_cases_cap_per_matter_and_skip_open_ones(engine, cases):
    with engine.begin() as conn:
        add_case(conn, "OPEN1", "烟囱冒黑烟", FUMES, status="已转派")
    got = ic.closed_cases(engine, per_matter=5)
    by_matter: dict[str, int] = {}
    for c in got:
        by_matter[c.matter] = by_matter.get(c.matter, 0) + 1
    assert by_matter == {NOISE: 5, FUMES: 5}
    assert "OPEN1" not in {c.case_number for c in ic.closed_cases(engine)}


def test_published_model_reaches_the_seat_and_is_hot_swapped(engine, cases, seat_home):
    home = config.open_home()
    path = ic.model_path(home)
    notices = []
    s = Suggester(path, on_status=notices.append)
    assert s.status.mode == "none" and s.suggest("烟囱冒黑烟") == []
    assert ic.refresh_model(home, engine) == ic.RefreshResult(0, False)

    v1 = ic.publish_model(engine, _train(engine), by="9001")
    assert v1 == 1 and ic.latest_version(engine) == 1
    assert ic.refresh_model(home, engine) == ic.RefreshResult(1, True)
    assert ic.refresh_model(home, engine) == ic.RefreshResult(1, False)  # nothing new
    assert s.maybe_reload() and s.model_version == 1 and s.status.mode == "model"
    assert s.suggest("厂里半夜偷偷排放")[0].matter == NOISE
    assert not s.maybe_reload()  # unchanged file: no reload

    with engine.begin() as conn:
        for case in cases["ambiguous"]:
            ic.record_correction(conn, case_id=case, from_matter=NOISE, to_matter=FUMES,
                                 stage="return", work_no="4001")
    assert ic.publish_model(engine, _train(engine), by="9001") == 2
    assert ic.refresh_model(home, engine).changed
    assert s.maybe_reload() and s.model_version == 2
    assert s.suggest("厂里半夜偷偷排放")[0].matter == FUMES

    # a damaged version 3 in the database never replaces the seat's good version 2
    assert ic.publish_model(engine, _train(engine), by="9001") == 3
    with engine.begin() as conn:
        payload = conn.execute(select(ic.MODELS.c.payload).where(ic.MODELS.c.version == 3)).scalar()
        conn.execute(update(ic.MODELS).where(ic.MODELS.c.version == 3)
                     .values(payload=bytes(payload)[:-40] + b"\0" * 40))
    result = ic.refresh_model(home, engine)
    assert (result.version, result.changed) == (2, False) and result.problem
    assert ic.local_version(path) == 2
    assert not s.maybe_reload() and s.model_version == 2


def test_missing_then_corrupt_local_model_falls_back_and_says_so_once(engine, cases, seat_home):
    class KB:
        def search(self, text, *, area=None, limit=10):
            return []

    home = config.open_home()
    path = ic.model_path(home)
    s = Suggester(path, searcher=KB())
    first = s.take_notice()
    assert first is not None and first.mode == "kb" and first.reason == "missing"
    assert "知识库" in first.zh and "knowledge-base" in first.en
    for _ in range(3):
        s.suggest("烟囱冒黑烟")
        assert not s.maybe_reload()
    assert s.take_notice() is None  # said once
    ic.publish_model(engine, _train(engine))
    ic.refresh_model(home, engine)
    assert s.maybe_reload() and s.take_notice().mode == "model"
    path.write_bytes(path.read_bytes()[:200])  # damaged on disk
    assert s.maybe_reload()
    notice = s.take_notice()
    assert notice.mode == "kb" and notice.reason == "corrupt"
    assert s.take_notice() is None


def test_report_against_final_matters(engine, cases):
    noise, fumes, amb = cases["noise"], cases["fumes"], cases["ambiguous"]
    with engine.begin() as conn:
        # shown at intake: right for noise[0..3]; fumes[0] got noise first, fumes second
        for case in noise[:4]:
            ic.record_suggestion(conn, case_id=case, matters=[NOISE, FUMES], model_version=1)
        ic.record_suggestion(conn, case_id=fumes[0], matters=[NOISE, FUMES], model_version=1)
        # the ambiguous ones were suggested noise, then corrected to fumes
        for case in amb:
            ic.record_suggestion(conn, case_id=case, matters=[NOISE], model_version=1)
            ic.record_correction(conn, case_id=case, from_matter=NOISE, to_matter=FUMES,
                                 stage="return", work_no="4001", at=T0 + timedelta(days=2))
    rep = accuracy_report(engine, None, since=T0)
    # 11 cases have a suggestion on record; without a current model the rest are unscored
    assert (rep.cases, rep.shown, rep.rescored) == (46, 11, 0)
    assert rep.unscored == 35
    assert rep.matter_top1 == round(4 / 46, 4) and rep.matter_top3 == round(5 / 46, 4)
    assert rep.corrections == 6 and rep.corrections_by_stage == {"return": 6}
    assert rep.confused[0].final == FUMES and rep.confused[0].suggested == NOISE
    assert rep.confused[0].count == 7
    assert rep.corrected_pairs[0].final == FUMES and rep.corrected_pairs[0].count == 6
    # the current model learned from these very cases: re-scoring them would measure its
    # memory, so without a record of what it never saw none is re-scored (heldout.py)
    model = _train(engine)
    rep2 = accuracy_report(engine, model.suggest, since=T0)
    assert (rep2.cases, rep2.shown, rep2.rescored, rep2.learned) == (11, 11, 0, 35)
    assert rep2.matter_top1 == round(4 / 11, 4) and "none re-scored" in rep2.held_out
    # a router that learned from no case (KB search) re-scores every case without a record
    rep3 = accuracy_report(engine, model.suggest, unseen=never_trained, since=T0)
    assert (rep3.rescored, rep3.learned, rep3.unscored) == (35, 0, 0)
    assert rep3.matter_top1 > rep.matter_top1 and "learned from no case" in rep3.held_out
    assert json.loads(json.dumps(rep3.as_dict()))["cases"] == 46
    # a period with nothing in it
    empty = accuracy_report(engine, model.suggest, since=T0 + timedelta(days=30))
    assert empty.cases == 0 and empty.matter_top1 == 0.0 and empty.corrections == 0
