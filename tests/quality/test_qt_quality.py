"""pytest-qt: the inspector's workbench and the agent's evaluations on real services over a
real SQLite central (real widgets, keys as a user types them)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.roles import Role
from seat_app.qt.quality import MyEvaluations, QACharts, Workbench, services_port
from seat_app.qt.workers import InlineRunner
from seat_app.services import quality
from seat_app.services.security import auth
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Case, utcnow

pytestmark = [pytest.mark.quality]

USERS = {"1001": Role.AGENT, "5001": Role.INSPECTOR, "2001": Role.LEAD}


def pw(w: str) -> str:
    return f"Qa-{w}-pw%9x"


@pytest.fixture(autouse=True)
def _cheap_argon2() -> Iterator[None]:
    from argon2 import PasswordHasher, profiles

    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    auth.use_hasher(previous)


@pytest.fixture
def central(seat_home):
    from sqlalchemy.orm import Session

    url = f"sqlite:///{seat_home / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    for w, role in USERS.items():
        auth.add_user(engine, w, f"用户{w}", role, pw(w))
    now = utcnow() - timedelta(hours=1)
    with Session(engine) as s, s.begin():
        for i in (1, 2):
            s.add(Case(case_number=f"{now:%Y%m%d}-S01-{i:04d}", channel="电话",
                       caller_name="张先生", caller_phone="13812345678",
                       caller_address="盐湖区解放路1号", matter="供水",
                       description="停水三天，咨询何时恢复供水", reply_text="预计今晚恢复供水，请您耐心等待。",
                       status="已办结", handling="直接办理", agent="1001", seat_code="S01",
                       created_at=now + timedelta(minutes=i)))
    quality.sample(engine, f"{datetime.now():%Y-%m}", inspectors=["5001"], save=True)
    sessions = {w: auth.sign_in(url, w, pw(w)) for w in USERS}
    yield engine, sessions
    for s in sessions.values():
        s.engine.dispose()
    engine.dispose()


def _press(qtbot, widget, key) -> None:
    qtbot.keyClick(widget, key)


def test_workbench_keyboard_override_save_release(qtbot, central):
    engine, sessions = central
    bench = Workbench(services_port(sessions["5001"]), InlineRunner())
    qtbot.addWidget(bench)
    bench.show()
    bench.activateWindow()
    qtbot.waitUntil(bench.isActiveWindow, timeout=5000)
    bench.refresh()
    assert bench.sample.count() == 2
    assert "供水" in bench.case_text.toPlainText()
    assert "预计今晚恢复供水" in bench.case_text.toPlainText()  # the reply
    auto = set(bench.machine)
    assert auto, "the pre-checks filled the objective items"
    table = bench.table
    table.setFocus()
    for row, it in enumerate(bench.items):
        table.setCurrentCell(row, 3)
        if it.id in auto:
            continue
        _press(qtbot, table, Qt.Key.Key_0 if it.id == "readback" else Qt.Key.Key_1)
    assert "未判定" not in bench.score.text()
    # override a machine-filled item without a reason: refused, nothing saved
    row = next(i for i, it in enumerate(bench.items) if it.id in auto
               and bench.machine[it.id] == "pass" and not it.fatal)
    table.setCurrentCell(row, 3)
    _press(qtbot, table, Qt.Key.Key_0)
    qtbot.keyClick(bench, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "理由" in bench.status.text()
    assert quality.all_evaluations(engine) == []
    bench.reason.setText("录音显示地址记录不全")
    with qtbot.waitSignal(bench.saved) as got:
        qtbot.keyClick(bench, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = got.args[0]
    assert saved.released_on is not None
    assert saved.evaluation.item("readback").outcome == "fail"
    items = {i.item_id: i for i in quality.item_views(sessions["5001"], saved.id)}
    over = items[bench.items[row].id]
    assert over.overridden and over.machine_outcome == "pass" and over.outcome == "fail"
    assert "地址记录不全" in over.override_reason
    assert bench.sample.currentRow() == 1  # on to the next sampled case


def _release_one(engine, sessions, today: date):
    form = quality.default_form()
    case = quality.load_cases(engine, month=f"{datetime.now():%Y-%m}")[0]
    from seat_app.domain.quality import review_checks, run_prechecks

    reviewed = review_checks(run_prechecks(case, quality.precheck_context(engine)), {},
                             by="5001")
    manual = {i: "pass" for i in form.manual_items()}
    manual["readback"] = "fail"
    return quality.save_evaluation(sessions["5001"], form, case, reviewed, manual,
                                   release=True, today=today)


def test_agent_sees_feedback_and_disputes(qtbot, central):
    engine, sessions = central
    today = date.today()
    saved = _release_one(engine, sessions, today)
    view = MyEvaluations(services_port(sessions["1001"]), InlineRunner())
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5000)
    view.refresh()
    assert view.list.count() == 1
    row = view.items.currentRow()
    assert view.item_rows[row].item_id == "readback"  # the failed item is chosen
    view.reason.setText("录音第40秒已复述诉求")
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "第 1 轮" in view.status.text()
    assert [d.item_id for d in quality.disputes(engine)] == ["readback"]
    assert saved.id == view.evaluations[0].id


def test_late_dispute_refused_with_the_closing_date(qtbot, central):
    engine, sessions = central
    released = date(2026, 11, 2)
    _release_one(engine, sessions, released)
    port = services_port(sessions["1001"])
    cal = WorkingDayCalendar()
    late = replace(port, dispute=lambda eid, item, reason: quality.raise_item_dispute(
        sessions["1001"], eid, item, reason, calendar=cal, today=date(2026, 11, 20)))
    view = MyEvaluations(late, InlineRunner())
    qtbot.addWidget(view)
    view.refresh()
    view.reason.setText("出差回来才看到结果")
    view.dispute()
    assert "2026-11-09" in view.status.text()
    assert quality.disputes(engine) == []


def test_charts_draw_the_month(qtbot, central):
    engine, sessions = central
    _release_one(engine, sessions, date.today())
    charts = QACharts(services_port(sessions["2001"]).report, InlineRunner())
    qtbot.addWidget(charts)
    charts.resize(800, 600)
    charts.show()
    charts.show_month(f"{datetime.now():%Y-%m}")
    assert [b[0] for b in charts.scores.bars] == ["1001"]
    assert charts.pareto.bars and charts.pareto.bars[0][1] >= 1
    assert not charts.grab().isNull()
