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
