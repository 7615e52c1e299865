"""Issue 10 row 15: a field changed differently at a seat and centrally is no longer a silent
wait. Through the real services (seat-local store, case service, sync engine, a central
SQLite file) and a real sync:

* the seat window's status bar counts the agent's open conflicts ("1 处冲突") on the sync
  tick; Ctrl+Shift+R shows case number, field, the seat's value and the central value side
  by side; Alt+L keeps the seat's value, and the choice reaches the central database by the
  next sync;
* ops central refused are counted ("1 项被拒收") and listed with central's reason;
* the team lead's console lists every open conflict with both values; Alt+C keeps central's
  value (resolved centrally, audited) and the seat follows on its next pull;
* the conflict texts are English under English.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from seat_app.qt.ports import SeatServices
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import CaseAdapter, LocalDrafts, SyncAdapter
from seat_app.qt.workers import InlineRunner, SeatRunners
from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store import central
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.sync.conflicts import CentralConflicts, SeatConflicts
from seat_app.services.sync.engine import SyncEngine

pytestmark = pytest.mark.integrity

CASE = {
    "channel": "电话",
    "caller_phone": "13800001234",
    "matter": "公积金提取",
    "description": "楼下工地夜间施工",
    "handling": "直接办理",
}
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(scope="module")
def _center_template(tmp_path_factory):
    """A migrated central SQLite file, made once and copied per test (migrations are slow)."""
    path = tmp_path_factory.mktemp("conflicts-central") / "central.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def center(tmp_path, _center_template):
    import shutil

    shutil.copy(_center_template, tmp_path / "central.sqlite3")
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture
def seat(tmp_path):
    store = LocalStore.open_path(tmp_path / "S01.sqlite3", seat_code="S01")
    yield store
    store.close()


def _window(qtbot, store, engine, list_queue) -> SeatWindow:
    cases = CaseService(store, agent="1001")
    services = SeatServices(
        search=lambda q, a, n: [],
        history=lambda phone: [],
        drafts=LocalDrafts(store),
        cases=CaseAdapter(cases),
        sync=SyncAdapter(SyncEngine(store, engine=engine)),
        queue=list_queue,
        work_no="1001",
        seat_code="S01",
        conflicts=SeatConflicts(store, cases),
    )
    runner = InlineRunner()
    window = SeatWindow(services, runners=SeatRunners(runner, runner, runner, runner),
                        sync_poll_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    return window


def _conflict(store, engine, window) -> dict:
    """The agent and a lead change one case's description differently, from one base."""
    agent = CaseService(store, agent="1001")
    case = agent.create(CASE)
    window.sync_now()
    loaded = dict(store.get("cases", case["id"]))
    assert central.edit_row(engine, "cases", loaded, {"description": "中心改：白天施工"},
                            actor="9001")["status"] == "applied"
    agent.update(case["id"], {"description": "座席改：夜里十一点后施工"})
    window.sync_now()  # the push stores a conflict, the pull brings it to the seat
    return case


def _central(engine, sql, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).one()


def test_seat_window_counts_shows_and_resolves_its_conflict_with_one_key(
    qtbot, seat, center, list_queue
):
    window = _window(qtbot, seat, center, list_queue)
    assert not window.status.conflicts_label.isVisible()
    case = _conflict(seat, center, window)
    badge = window.status.conflicts_label
    assert badge.isVisible() and "1 处冲突" in badge.text()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    dialog = window.conflict_dialog
    assert dialog.isVisible()
    rows = dialog.conflicts.table
    assert rows.rowCount() == 1
    shown = [rows.item(0, c).text() for c in range(rows.columnCount())]
    assert shown == [case["case_number"], "诉求内容", "座席改：夜里十一点后施工", "中心改：白天施工"]
    headers = [rows.horizontalHeaderItem(c).text() for c in range(rows.columnCount())]
    assert headers == ["工单号", "字段", "座席的值", "中心的值"]
    # F1 lists the two one-key choices
    sheet = window.show_shortcuts().text()
    assert "Alt+L" in sheet and "Alt+C" in sheet
    window.shortcut_sheet.close()

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(rows, Qt.Key.Key_L, ALT)  # keep the seat's value; the window syncs at once
    assert rows.rowCount() == 0
    assert not badge.isVisible()
    row = _central(center, "SELECT description FROM cases WHERE id = :i", i=case["id"])
    assert row.description == "座席改：夜里十一点后施工"
    conflict = _central(center, "SELECT status, resolution, resolved_by FROM conflicts")
    assert (conflict.status, json.loads(conflict.resolution), conflict.resolved_by) == (
        "resolved", "座席改：夜里十一点后施工", "1001")
    assert seat.outbox_count() == 0


def test_refused_ops_are_counted_and_listed_with_centrals_reason(
    qtbot, tmp_path, seat, center, list_queue
):
    # a second workstation misconfigured with the same seat code takes the case number first
    twin = LocalStore.open_path(tmp_path / "twin.sqlite3", seat_code="S01")
    try:
        CaseService(twin, seat_code="S01").create(CASE)
        SyncEngine(twin, engine=center).run_once()
    finally:
        twin.close()
    window = _window(qtbot, seat, center, list_queue)
    mine = CaseService(seat, agent="1001").create(CASE)
    window.sync_now()
    refused = seat.outbox_count("rejected")  # the case (and, as central checks, its events)
    assert refused >= 1
    badge = window.status.conflicts_label
    assert badge.isVisible() and f"{refused} 项被拒收" in badge.text()
    assert "冲突" not in badge.text()
    dialog = window.show_conflicts()
    assert dialog is not None and dialog.rejected.isVisible()
    assert dialog.rejected.rowCount() == refused
    rows = [[dialog.rejected.item(r, c).text() for c in range(4)] for r in range(refused)]
    [case_row] = [r for r in rows if r[1] == "新建" and "诉求内容" in r[2]]
    assert case_row[0] == mine["case_number"]
    assert any(word in case_row[3] for word in ("case_number", "UNIQUE", "unique", "工单号"))
    assert all(r[3] for r in rows)  # every refused op says why
    assert f"{refused} 项修改被中心拒收" in dialog.summary.text()
    # nothing is dropped: the refused ops stay in the seat's outbox, not sent again
    assert seat.outbox_count("rejected") == refused


def test_lead_console_lists_every_conflict_and_resolves_with_one_key(
    qtbot, seat, center, list_queue
):
    from seat_app.qt.lead.console import LeadConsole
    from seat_app.services.queue.service import SeatService
    from seat_app.services.reports.console import ConsolePoller

    window = _window(qtbot, seat, center, list_queue)
    case = _conflict(seat, center, window)
    console = LeadConsole(ConsolePoller(center).poll, SeatService(center), runner=InlineRunner(),
                          lead="9001", conflicts=CentralConflicts(center, actor="9001"))
    qtbot.addWidget(console)
    console.show()
    console.refresh()
    assert console.conflict_box.isVisible() and "（1）" in console.conflict_box.title()
    table = console.conflict_table.table
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells == [case["case_number"], "诉求内容", "S01", "座席改：夜里十一点后施工",
                     "中心改：白天施工"]
    console.activateWindow()
    qtbot.waitUntil(console.isActiveWindow, timeout=2000)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, ALT)  # keep central's value
    assert table.rowCount() == 0 and "（0）" in console.conflict_box.title()
    assert _central(center, "SELECT status, resolved_by FROM conflicts") == ("resolved", "9001")
    assert _central(center, "SELECT description FROM cases").description == "中心改：白天施工"
    assert _central(center, "SELECT count(*) AS n FROM audit_log "
                            "WHERE action = 'conflict_resolve' AND work_no = '9001'").n == 1
    # the seat follows on its next sync: no conflict left, central's value on the case
    window.sync_now()
    assert not window.status.conflicts_label.isVisible()
    assert seat.get("cases", case["id"])["description"] == "中心改：白天施工"


def test_conflict_views_in_english(qtbot, seat, center, list_queue):
    from seat_app.qt.i18n import Translations
    from seat_app.qt.lead.console import LeadConsole
    from seat_app.services.queue.service import SeatService
    from seat_app.services.reports.console import ConsolePoller

    window = _window(qtbot, seat, center, list_queue)
    _conflict(seat, center, window)
    console = LeadConsole(ConsolePoller(center).poll, SeatService(center), runner=InlineRunner(),
                          lead="9001", conflicts=CentralConflicts(center, actor="9001"))
    qtbot.addWidget(console)
    translations = Translations()
    try:
        translations.apply("en")
        QApplication.processEvents()
        console.refresh()
        dialog = window.show_conflicts()
        assert "1 conflict" in window.status.conflicts_label.text()
        assert dialog.windowTitle() == "Conflicts and refused changes"
        table = dialog.conflicts.table
        assert [table.horizontalHeaderItem(c).text() for c in range(4)] == [
            "Case no.", "Field", "Seat's value", "Central value"]
        assert table.item(0, 1).text() == "Request"
        assert dialog.conflicts.keep_local_button.text() == "Keep the seat's value (Alt+L)"
        assert console.conflict_box.title() == "Open conflicts (1)"
        assert console.conflict_table.keep_central_button.text() == "Keep the central value (Alt+C)"
    finally:
        translations.apply("zh")
        QApplication.processEvents()
    assert dialog.windowTitle() == "冲突与被拒收的修改"
