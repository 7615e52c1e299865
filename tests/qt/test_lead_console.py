"""The lead's console under pytest-qt with a fake clock, on a real central SQLite store:
200 seats, the queue per channel, today's figures, alerts, charts, forcing and messaging."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import pytest
from sqlalchemy import text

from seat_app.domain.queue import SeatState
from seat_app.qt.lead.console import LeadConsole
from seat_app.qt.workers import InlineRunner
from seat_app.services.queue.service import QueueService, SeatService
from seat_app.services.reports.console import ConsolePoller
from seat_app.services.store.engine import make_engine, upgrade


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2024, 6, 3, 2, 0, tzinfo=UTC)  # 10:00 local

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def center(seat_home):
    engine = make_engine(f"sqlite:///{seat_home / 'central.sqlite3'}")
    upgrade(engine)
    clock = FakeClock()
    seats = SeatService(engine, clock=clock)
    for i in range(1, 201):
        seats.ensure_seat(f"S{i:03d}", agent=f"{1000 + i}")
    for i in range(1, 151):
        seats.change_state(f"S{i:03d}", SeatState.READY)
    queue = QueueService(engine, clock=clock)
    yield engine, clock, seats, queue
    engine.dispose()


def _add_case(engine, number: str, *, accepted: datetime, handling: str, deadline: date | None,
              status: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO cases (id, revision, change_seq, changed_by, changed_at, deleted,"
                 " case_number, channel, caller_name, caller_phone, caller_area, caller_address,"
                 " matter, domain, subcategory, description, reply_text, handling, handling_unit,"
                 " status, kb_code, agent, seat_code, created_at, accepted_at, deadline)"
                 " VALUES (:n, 1, 1, 't', :at, 0, :n, '电话', '', '', '市直', '', '停水', '', '',"
                 " 'x', '', :h, '运城市供水', :st, '', '1001', 'S001', :at, :at, :dl)"),
            {"n": number, "at": accepted.replace(tzinfo=None).isoformat(" "), "h": handling,
             "st": status, "dl": deadline.isoformat() if deadline else None},
        )


def test_console_shows_seats_queue_figures_alerts_and_charts(qtbot, center):
    engine, clock, seats, queue = center
    # three seats at work: one on a call, one in long after-call work
    seats.change_state("S001", SeatState.RINGING)
    seats.change_state("S001", SeatState.ON_CALL)
    seats.change_state("S002", SeatState.RINGING)
    seats.change_state("S002", SeatState.ON_CALL)
    seats.change_state("S002", SeatState.AFTER_CALL_WORK)
    seats.change_state("S003", SeatState.BREAK)
    queue.enqueue("电话", caller_phone="13800001234")
    held = queue.claim("S001")
    assert held is not None
    for _ in range(3):
        queue.enqueue("电话", caller_phone="13900000000")
    queue.enqueue("网站", {"text": "路灯不亮"})
    today = date(2024, 6, 3)
    _add_case(engine, "20240603-S001-0001", accepted=clock.now - timedelta(hours=1),
              handling="直接办理", deadline=None, status="已办结")
    _add_case(engine, "20240530-S001-0002", accepted=clock.now - timedelta(days=4),
              handling="转派", deadline=today, status="已转派")
    _add_case(engine, "20240530-S001-0003", accepted=clock.now - timedelta(days=4),
              handling="转派", deadline=today + timedelta(days=9), status="已转派")

    poller = ConsolePoller(engine, clock=clock)
    console = LeadConsole(poller.poll, seats, runner=InlineRunner(), lead="9001")
    qtbot.addWidget(console)
    console.show()
    with qtbot.waitSignal(console.snapshot_applied, timeout=2000):
        console.refresh()
    model = console.seats_model
    assert model.rowCount() == 200
    first = [model.index(0, c).data() for c in range(5)]
    assert first[0] == "S001" and first[1] == "1001" and first[2] == "通话中"
    assert "尾号1234" in first[4]
    # queue per channel: 3 callers waiting, one website item
    queue_rows = {console.queue_table.item(r, 0).text(): console.queue_table.item(r, 1).text()
                  for r in range(console.queue_table.rowCount())}
    assert queue_rows["电话"] == "3" and queue_rows["网站"] == "1" and queue_rows["APP"] == "0"
    figures = {console.figures_table.item(r, 0).text(): console.figures_table.item(r, 1).text()
               for r in range(console.figures_table.rowCount())}
    assert figures["受理量"] == "1" and figures["直接办理"] == "1"
    alerts = [console.alerts.item(i).text() for i in range(console.alerts.count())]
    assert any("20240530-S001-0002" in a for a in alerts)  # due today
    assert not any("20240530-S001-0003" in a for a in alerts)
    assert not any("排队" in a for a in alerts)  # nobody waited long yet
    assert console.hourly_chart.values[9] == 1  # the case accepted 09:00 local
    mix = dict(zip(console.mix_chart.labels, console.mix_chart.values, strict=True))
    assert mix["就绪"] == 147 and mix["离线"] == 50 and mix["通话中"] == 1

    # the fake clock moves: waits and after-call work grow into alerts
    clock.advance(minutes=4)
    console.refresh()
    alerts = [console.alerts.item(i).text() for i in range(console.alerts.count())]
    assert any("电话排队最长已等待 240 秒" in a for a in alerts)
    assert any("S002 话后处理已 4 分钟" in a for a in alerts)
    assert model.index(1, 3).data() == "04:00"
    console.grab()  # paints the charts


def test_force_state_and_message_a_seat(qtbot, center):
    engine, clock, seats, _queue = center
    poller = ConsolePoller(engine, clock=clock)
    console = LeadConsole(poller.poll, seats, runner=InlineRunner(), lead="9001")
    qtbot.addWidget(console)
    console.refresh()
    console.select_seat("S010")
    console.state_box.setCurrentIndex(console.state_box.findData(SeatState.BREAK.value))
    with qtbot.waitSignal(console.action_finished):
        console.force_button.click()
    with engine.connect() as conn:
        state = conn.execute(text("SELECT state FROM seats WHERE code='S010'")).scalar_one()
        changed_by = conn.execute(
            text("SELECT changed_by FROM seat_state_history WHERE seat_code='S010'"
                 " AND ended_at IS NULL")).scalar_one()
    assert (state, changed_by) == ("break", "9001")
    assert console.seats_model.index(9, 2).data() == "小休"
    # an empty message is refused and nothing is sent; a real one arrives at the seat
    console.message_edit.setText("   ")
    console.message_button.click()
    assert seats.unread_messages("S010") == []
    console.message_edit.setText("请10点后恢复就绪")
    with qtbot.waitSignal(console.action_finished):
        console.message_button.click()
    assert [m["text"] for m in seats.unread_messages("S010")] == ["请10点后恢复就绪"]
    assert console.message_edit.text() == ""


def test_one_poll_feeds_every_view_at_200_seats(qtbot, center):
    engine, clock, seats, _queue = center
    calls = []
    poller = ConsolePoller(engine, clock=clock)

    def poll():
        calls.append(1)
        return poller.poll()

    console = LeadConsole(poll, seats, runner=InlineRunner(), lead="9001", poll_ms=1000)
    qtbot.addWidget(console)
    t0 = time.perf_counter()
    console.refresh()
    elapsed = time.perf_counter() - t0
    assert len(calls) == 1  # seats, queue, figures, alerts and charts from one poll
    assert console.snapshot is not None and len(console.snapshot.seats) == 200
    print(f"console refresh at 200 seats: {elapsed * 1000:.0f} ms "
          f"(poll {console.snapshot.poll_ms:.0f} ms, render {console.last_apply_ms:.0f} ms)")


# -- the wallboard (issue 19) -------------------------------------------------------------

from PySide6.QtCore import Qt  # noqa: E402 - Qt after the offscreen platform is set

TEAMS = ("一班", "二班", "三班", "四班", "五班", "六班", "七班", "八班", "九班", "十班")


def _with_teams(engine) -> None:
    """Users for the 200 agents, 20 per team (the wallboard filters by team)."""
    from seat_app.services.store import central as central_rows

    with engine.begin() as conn:
        central_rows.write_rows(conn, "users", [
            {"work_number": f"{1000 + i}", "name": f"话务员{i:03d}", "role": "agent",
             "team": TEAMS[(i - 1) // 20], "active": True}
            for i in range(1, 201)])


def _wall_console(qtbot, center, size=(1920, 1080)):
    engine, clock, seats, _queue = center
    _with_teams(engine)
    console = LeadConsole(ConsolePoller(engine, clock=clock).poll, seats, runner=InlineRunner(),
                          lead="9001")
    qtbot.addWidget(console)
    console.resize(*size)
    console.show()
    qtbot.waitExposed(console)
    console.activateWindow()  # window shortcuts (Ctrl+T, Ctrl+Shift+F) need the active window
    qtbot.waitUntil(console.isActiveWindow, timeout=2000)
    console.refresh()
    return console


def _all_tiles_inside(wall) -> bool:
    return all(wall.rect().toRectF().contains(wall.tile_rect(i)) for i in range(len(wall.tiles)))


@pytest.mark.live
def test_wallboard_shows_200_tiles_filters_and_a_click_selects_a_seat(qtbot, center):
    console = _wall_console(qtbot, center)
    wall = console.wall
    assert console.view() == "wall" and len(wall.tiles) == 200
    assert _all_tiles_inside(wall)  # 200 seats at 1920x1080, no scrolling
    cols, rows, tile_w, tile_h = wall.layout_grid()
    assert cols * rows >= 200 and tile_w >= 60 and tile_h >= 35
    first = wall.tiles[0]
    assert (first.code, first.agent, first.state_text) == ("S001", "话务员001", "就绪")
    # filter by team, then by state too; the table follows the same filter
    console.team_filter.setCurrentIndex(console.team_filter.findData("二班"))
    assert [t.code for t in wall.tiles] == [f"S{i:03d}" for i in range(21, 41)]
    assert console.seats_model.rowCount() == 20
    console.state_filter.setCurrentIndex(console.state_filter.findData("ready"))
    assert len(wall.tiles) == 20  # S021-S040 are all ready
    console.team_filter.setCurrentIndex(console.team_filter.findData("十班"))
    console.state_filter.setCurrentIndex(console.state_filter.findData("offline"))
    assert [t.code for t in wall.tiles] == [f"S{i:03d}" for i in range(181, 201)]
    qtbot.keyClick(console, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert len(wall.tiles) == 200
    # sort by time in state: the longest first
    console.sort_box.setCurrentIndex(console.sort_box.findData("time"))
    secs = [r.seconds_in_state for r in console.seats_model.rows]
    assert secs == sorted(secs, reverse=True)
    console.sort_box.setCurrentIndex(console.sort_box.findData("code"))
    # a click on a tile selects that seat, in the table too (one key away: Ctrl+T)
    qtbot.mouseClick(wall, Qt.MouseButton.LeftButton,
                     pos=wall.tile_rect(4).center().toPoint())
    assert console.selected_seat() == "S005" and wall.selected == "S005"
    qtbot.keyClick(wall, Qt.Key.Key_Right)
    assert console.selected_seat() == "S006"
    qtbot.keyClick(console, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert console.view() == "table"
    picked = console.seats_view.selectionModel().selectedRows()
    assert [console.seats_model.rows[i.row()].code for i in picked] == ["S006"]
    console.seats_view.selectRow(9)
    assert console.selected_seat() == "S010"
    qtbot.keyClick(console, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert console.view() == "wall" and wall.selected == "S010"
    console.grab()


@pytest.mark.live
def test_alerts_link_to_the_seat_and_the_queue_and_figures_have_a_light(qtbot, center):
    _engine, clock, seats, queue = center
    seats.change_state("S150", SeatState.RINGING)
    seats.change_state("S150", SeatState.ON_CALL)
    seats.change_state("S150", SeatState.AFTER_CALL_WORK)
    queue.enqueue("电话", caller_phone="13800001234")
    clock.advance(minutes=5)
    console = _wall_console(qtbot, center)
    console.team_filter.setCurrentIndex(console.team_filter.findData("一班"))  # hides S150
    items = {console.alerts.item(i).data(Qt.ItemDataRole.UserRole):
             console.alerts.item(i) for i in range(console.alerts.count())}
    assert ("seat", "S150") in items and ("queue", "电话") in items
    over = [t for t in console.snapshot.seats if t.over_limit]
    assert [t.code for t in over] == ["S150"]
    console.alerts.itemClicked.emit(items[("seat", "S150")])
    assert console.selected_seat() == "S150"
    assert console.wall.selected == "S150" and console.team_filter.currentIndex() == 0
    tile = console.wall.tiles[console.wall.index_of("S150")]
    assert tile.over_limit and tile.state_text == "话后处理"
    console.alerts.itemClicked.emit(items[("queue", "电话")])
    assert console.queue_table.currentRow() == 0
    assert console.queue_table.item(0, 0).text() == "电话"
    lights = {console.figures_table.item(r, 2).data(Qt.ItemDataRole.UserRole)
              for r in range(console.figures_table.rowCount())}
    assert lights <= {"green", "amber", "red", ""}


@pytest.mark.live
def test_nothing_is_cut_off_at_1366x768(qtbot, center):
    console = _wall_console(qtbot, center, size=(1366, 768))
    qtbot.wait(10)  # one layout pass at the small size (no assertion depends on timing)
    assert _all_tiles_inside(console.wall) and len(console.wall.tiles) == 200
    for table in (console.queue_table, console.figures_table):
        assert not table.verticalScrollBar().isVisible()
        bottom = table.mapTo(console, table.rect().bottomLeft()).y()
        assert bottom <= console.height(), (table.objectName(), bottom)
        last = table.rowCount() - 1
        assert table.rowViewportPosition(last) + table.rowHeight(last) \
            <= table.viewport().height()
    for widget in (console.controls, console.status, console.hourly_chart):
        assert widget.mapTo(console, widget.rect().bottomLeft()).y() <= console.height()


@pytest.mark.live
def test_other_capabilities_add_a_tab_in_one_line(qtbot, center):
    from PySide6.QtWidgets import QLabel

    console = _wall_console(qtbot, center)
    index = console.add_tab(QLabel("QA"), lambda: console.tr("质检图表"))
    assert console.tabs.count() == 2 and console.tabs.tabText(index) == "质检图表"
    assert console.tabs.tabBar().isVisible()
