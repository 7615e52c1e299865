"""The lead's alerts inbox (pytest-qt, real widgets over a real central SQLite file fed by
``cases import`` and ``analysis run``): the list with sparkline, sample texts and distinct
callers; confirm, dismiss with a reason (refused without), supervise, candidate, recorded
centrally; double-click opens the cases; heat table; trend with the expected band."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import random
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from seat_app.qt.lead.alerts import SPARK_ROLE, AlertsInbox
from seat_app.qt.workers import InlineRunner
from seat_app.services.analysis import central
from seat_app.services.analysis.case_import import import_cases
from seat_app.services.analysis.inbox import AlertInbox
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.store.engine import make_engine, upgrade
from tests.analysis.helpers import good_row, write_csv

pytestmark = pytest.mark.analysis

DAY = date(2024, 4, 10)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inbox")
    engine = make_engine(f"sqlite:///{folder / 'central.sqlite3'}")
    upgrade(engine)
    assert import_grid(engine, demo_grid_path()).ok
    rng = random.Random(5)
    rows = []
    for d in range(40):
        day = DAY - timedelta(days=39 - d)
        for k in range(20):
            rows.append(good_row(0, **{
                "工单号": f"BG{day:%Y%m%d}{k:03d}", "受理时间": f"{day} {8 + k % 10:02d}:{k:02d}",
                "来电号码": f"13{rng.randrange(10**9):09d}", "区域": rng.choice(("盐湖区", "夏县")),
                "地点": "", "事项": rng.choice(("停电", "违章停车", "医保报销")),
                "诉求内容": "来电咨询相关政策。"}))
    for i in range(6):
        rows.append(good_row(0, **{
            "工单号": f"EV{i:02d}", "受理时间": f"{DAY} {9 + i:02d}:00",
            "来电号码": f"1380000{i:04d}", "区域": "盐湖区", "地点": f"金色家园{i + 1}号楼",
            "事项": "停水", "诉求内容": f"金色家园{i + 1}号楼停水了"}))
    assert import_cases(engine, write_csv(folder / "h.csv", rows)).ok
    central.run_analysis(engine, since=DAY - timedelta(days=3))
    yield engine
    engine.dispose()


def test_inbox_lists_acts_and_drills_down(qtbot, world):
    reasons: list[str | None] = ["   ", "已核实为计划停水"]
    shown = []
    inbox = AlertsInbox(AlertInbox(world, "2001"), InlineRunner(), ask_reason=lambda _w: reasons.pop(0),
                        show_cases=shown.append)
    qtbot.addWidget(inbox)
    inbox.show()
    qtbot.waitExposed(inbox)
    inbox.activateWindow()
    inbox.refresh()
    rows = [i for i, it in enumerate(inbox.items_) if it.kind == "same_place"]
    assert len(rows) == 1
    r = rows[0]
    it = inbox.items_[r]
    assert it.distinct_callers == 6 and len(it.case_numbers) == 6
    assert it.sparkline == (0, 0, 0, 0, 0, 0, 6)
    assert inbox.table.item(r, 5).data(SPARK_ROLE) == (0, 0, 0, 0, 0, 0, 6)
    assert inbox.table.item(r, 6).text() == "6"
    assert "金色家园" in inbox.table.item(r, 1).text()
    inbox.table.selectRow(r)
    assert "停水了" in inbox.detail.toPlainText()

    inbox.activateWindow()
    qtbot.waitUntil(inbox.isActiveWindow, timeout=2000)
    inbox.table.setFocus()
    qtbot.keyClick(inbox.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # blank reason
    assert "理由" in inbox.status_label.text()
    inbox.perform("dismiss")
    inbox.perform("supervise")
    qtbot.keyClick(inbox.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    acts = central.actions_of(world, it.id)
    assert [(a.action, a.reason, a.work_no) for a in acts] == [
        ("dismiss", "已核实为计划停水", "2001"), ("supervise", "", "2001"),
        ("confirm", "", "2001")]
    assert inbox.items_[r].status == "confirmed"
    assert inbox.table.item(r, 8).text() == "已确认"

    inbox.table.doubleClicked.emit(inbox.table.model().index(r, 0))
    assert len(shown) == 1
    dialog = shown[0]
    numbers = {dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())}
    assert numbers == {f"EV{i:02d}" for i in range(6)}

    heat = inbox.heat_table
    assert heat.rowCount() >= 2 and heat.columnCount() >= 1
    cells = [heat.item(i, j).text() for i in range(heat.rowCount())
             for j in range(heat.columnCount())]
    assert any("↑" in c or "↓" in c or "→" in c for c in cells)


def test_trend_chart_band_and_holidays(qtbot, world):
    inbox = AlertsInbox(AlertInbox(world, "2001"), InlineRunner())
    qtbot.addWidget(inbox)
    inbox.show_trend("停电", "盐湖区")
    pts = inbox.trend.points
    assert len(pts) == 35
    assert any(p.expected >= 0 and p.low <= p.expected <= p.high for p in pts)
    assert any(p.holiday for p in pts)  # 清明节 (2024-04-04..06) falls in the window
    assert "节假日" in inbox.trend_label.text()
    inbox.resize(700, 300)
    image = inbox.trend.grab()
    assert not image.isNull()
