"""The trainer's console (pytest-qt, offscreen, real services on a SQLite central file):
browse and filter the library, import with errors shown, set up a random session for 30
trainees, the live grid refreshing on its timer (stuck marked), a hint to one trainee,
results with the weakest items, the progress chart and the .xlsx export."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy.orm import Session

from seat_app.domain.training import careless_attempt, model_attempt
from seat_app.qt.trainer.console import STUCK_COLOR, TrainerConsole
from seat_app.qt.workers import InlineRunner
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import User
from seat_app.services.store.models_training import TrainingSessionTrainee
from seat_app.services.training import library, practice, sessions
from seat_app.services.training.errors import NotFound

pytestmark = [pytest.mark.training]

TRAINEES = [f"{1100 + i}" for i in range(30)]


@pytest.fixture
def console(qtbot, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    with Session(engine) as s, s.begin():
        s.add(User(work_number="3001", name="赵培训", role="trainer"))
        for w in TRAINEES:
            s.add(User(work_number=w, name=f"学员{w[-2:]}", role="agent"))
    c = TrainerConsole(engine, "3001", InlineRunner(), refresh_ms=50)
    qtbot.addWidget(c)
    c.resize(1280, 800)
    c.show()
    c.start()
    yield c, engine
    c.stop()
    engine.dispose()


def test_library_filters_import_errors_and_export(console, tmp_path):
    c, _engine = console
    assert c.library_table.rowCount() >= 120
    c.domain_filter.setCurrentIndex(c.domain_filter.findData("城乡建设"))
    c.max_difficulty.setValue(1)
    assert 0 < c.library_table.rowCount() < 120
    assert {c.library_table.item(r, 2).text() for r in range(c.library_table.rowCount())} == {"城乡建设"}
    c.library_table.selectRow(0)
    assert c.rows[0].scenario_id in c.detail.toPlainText()
    c.export_to(tmp_path / "lib.json")
    doc = json.loads((tmp_path / "lib.json").read_text("utf-8"))
    doc["scenarios"][1]["difficulty"] = 5
    (tmp_path / "bad.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    c.import_from(tmp_path / "bad.json")
    assert "第 2 行" in c.status.text() and "difficulty" in c.status.text()


def test_session_setup_live_grid_of_30_hint_and_results(console, qtbot, tmp_path):
    c, engine = console
    for i in range(c.trainee_list.count()):
        c.trainee_list.item(i).setCheckState(Qt.CheckState.Checked)
    for i in range(c.random_domains.count()):
        if c.random_domains.item(i).text() in ("城乡建设", "生态环境"):
            c.random_domains.item(i).setCheckState(Qt.CheckState.Checked)
    c.random_count.setValue(3)
    c.random_difficulty.setValue(2)
    c.session_title.setText("新员工第3期")
    c.stuck_after.setValue(60)
    c.create_session()
    assert c.tabs.currentIndex() == 2 and c.live_session
    info = sessions.get_session(engine, c.live_session)
    assert len(info.trainees) == 30 and len(info.scenarios) == 3
    # one trainee played a scenario, another rang long ago and did nothing since
    first = TRAINEES[0]
    s = sessions.begin_scenario(engine, info.id, first)[0]
    n = practice.next_case_number(engine, first)
    practice.save_practice(engine, work_no=first, scenario_id=s.id,
                           attempt=replace(model_attempt(s), case_number=n, read_back=n),
                           session_id=info.id)
    sessions.begin_scenario(engine, info.id, TRAINEES[1])
    with Session(engine) as db, db.begin():
        row = db.query(TrainingSessionTrainee).filter_by(session_id=info.id, work_no=TRAINEES[1]).one()
        row.last_progress_at = datetime.now(UTC) - timedelta(seconds=120)
    qtbot.waitUntil(lambda: c.grid_table.rowCount() == 30
                    and c.grid_table.item(0, 5).text() == "100", timeout=3000)  # the timer's refresh
    assert c.grid_table.item(1, 6).text() == "卡住"
    assert c.grid_table.item(1, 6).background().color().name() == STUCK_COLOR
    assert c.grid_table.item(0, 3).text() == "1/3"
    c.grid_table.selectRow(1)
    c.hint_edit.setText("先确认来电人的地址")
    c.send_hint()
    assert c.grid_table.item(1, 8).text() == "1"
    assert [h.text for h in sessions.take_hints(engine, info.id, TRAINEES[1])] == ["先确认来电人的地址"]

    second = TRAINEES[1]
    s2 = sessions.current_scenario(engine, info.id, second)[0]
    practice.save_practice(engine, work_no=second, scenario_id=s2.id,
                           attempt=replace(careless_attempt(s2), case_number=""), session_id=info.id)
    c.tabs.setCurrentIndex(3)
    c.load_results()
    assert c.results_table.rowCount() == 2
    assert c.weak_table.rowCount() > 0 and c.trainee_table.rowCount() == 30
    c.trainee_table.selectRow(0)
    assert c.chart.values == [100.0]
    c.export_results(tmp_path / "class.xlsx")
    assert load_workbook(tmp_path / "class.xlsx")["成绩"].max_row == 3
    c.cert_count.setValue(1)
    c.save_rule()
    assert c.trainee_table.item(0, 6).text() == "是"
    c.grab().save(str(tmp_path / "console.png"))


def test_write_a_scenario_in_the_form_and_edit_it_as_a_new_version(console):
    c, engine = console
    c.library_table.selectRow(0)
    sid = c.rows[0].scenario_id
    c.edit_selected()
    form = c.scenario_form
    assert form.fields["id"].text() == sid
    form.fields["title"].setText("改写后的标题")
    form.save()
    assert library.scenario(engine, sid)[1] == 2
    assert library.scenario(engine, sid)[0].title == "改写后的标题"
    form = c.open_form(None)
    form.fields["id"].setText("NEW-1")
    form.fields["title"].setText("新场景")
    form.fields["matter"].setText("不存在的事项")
    form.save()
    assert form.isVisible() and "matter" in form.errors.text()  # nothing stored, reasons shown
    with pytest.raises(NotFound):
        library.scenario(engine, "NEW-1")


def test_the_rubric_is_edited_as_a_new_version(console):
    c, engine = console
    assert c.rubric_table.rowCount() == len(library.rubric(engine).items())
    c.rubric_table.item(0, 3).setText("9")
    c.rubric_mark.setValue(75)
    c.save_rubric()
    rub = library.rubric(engine)
    assert rub.version == 2 and rub.pass_mark == 75 and rub.items()[0].points == 9
    assert library.rubric(engine, 1).items()[0].points != 9  # the old version is kept
    c.rubric_table.item(0, 3).setText("nine")
    c.save_rubric()
    assert "数字" in c.status.text() and library.rubric(engine).version == 2
