"""The wallboard's one-second repaint (issue 19): only the tiles that changed are
repainted, a tile's face is drawn once per state, the tiles show their colour, text and
over-limit frame; the console reads today's slower figures by a job of its own; the bench
times query, apply and paint (both paint measures)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from seat_app.domain.queue import SeatState
from seat_app.qt.lead.bench import PollTimer
from seat_app.qt.lead.charts import SeatWall, Tile
from seat_app.qt.lead.console import LeadConsole, open_console
from seat_app.qt.workers import InlineRunner
from seat_app.services.queue.service import SeatService
from seat_app.services.reports.console import ConsolePoller
from seat_app.services.store.engine import make_engine, upgrade

COLORS = ("#2e7d32", "#1565c0", "#6a1b9a", "#9e9e9e")


class RecordingWall(SeatWall):
    """The wallboard, keeping the rectangles Qt asks it to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.rects.append(QRect(event.rect()))
        super().paintEvent(event)


def _tiles(second: int, *, changed: int | None = None) -> list[Tile]:
    out = []
    for i in range(200):
        secs = 30 + i + (second if i == changed or changed is None else 0)
        out.append(
            Tile(
                f"S{i:03d}",
                f"话务员{i:03d}",
                "通话中",
                f"{secs // 60:02d}:{secs % 60:02d}",
                COLORS[i % len(COLORS)],
                over_limit=i == 7,
            )
        )
    return out


def test_a_poll_repaints_only_the_tiles_that_changed(qtbot):
    window = QWidget()  # the wall inside a window, as in the console
    wall = paints = RecordingWall()
    QVBoxLayout(window).addWidget(wall)
    qtbot.addWidget(window)
    window.resize(1400, 700)
    window.show()
    qtbot.waitExposed(window)
    wall.set_tiles(_tiles(0))
    qtbot.waitUntil(lambda: wall.rect() in paints.rects, timeout=3000)  # first: the whole wall
    qtbot.wait(20)
    faces = len(wall._faces)
    assert faces == 200  # one face per seat in its state
    paints.rects.clear()
    wall.set_tiles(_tiles(1, changed=42))  # one seat's time moved on
    qtbot.waitUntil(lambda: bool(paints.rects), timeout=2000)
    box = wall.tile_rect(42).toAlignedRect()
    assert all(r.intersects(box) for r in paints.rects)
    assert all(
        r.width() < wall.width() / 4 and r.height() < wall.height() / 4 for r in paints.rects
    )  # that tile, not the wall
    assert len(wall._faces) == faces  # same state: its face was kept, only the time drawn
    paints.rects.clear()
    wall.set_tiles(_tiles(1, changed=42))  # nothing changed: nothing repainted
    qtbot.wait(50)
    assert paints.rects == []
    changed = _tiles(1, changed=42)
    changed[42] = Tile("S042", "话务员042", "话后处理", "00:01", "#6a1b9a")
    wall.set_tiles(changed)  # a new state: a new face for that tile only
    qtbot.waitUntil(lambda: bool(paints.rects), timeout=2000)
    assert len(wall._faces) == faces + 1
    wall.select("S100")  # selecting repaints the old and the new tile only
    paints.rects.clear()
    wall.select("S101")
    qtbot.waitUntil(lambda: bool(paints.rects), timeout=2000)
    assert all(r.width() < wall.width() / 2 for r in paints.rects)


def test_tiles_show_their_colour_text_and_the_over_limit_frame(qtbot):
    wall = SeatWall()
    qtbot.addWidget(wall)
    wall.resize(1400, 700)
    wall.show()
    wall.set_tiles(_tiles(0))
    image = wall.grab().toImage()
    for i in (0, 1, 2, 3):
        rect = wall.tile_rect(i)
        # the right edge, middle row: the tile's colour (text is on the left)
        spot = (rect.right() - 3, rect.center().y())
        assert image.pixelColor(int(spot[0]), int(spot[1])) == QColor(COLORS[i])
    rect = wall.tile_rect(7)  # over its limit: a red frame
    assert image.pixelColor(int(rect.left() + 2), int(rect.center().y())) == QColor("#d50000")
    left = wall.tile_rect(0)  # some text was drawn in the top line (not just the colour)
    row = int(left.top() + left.height() / 6)
    assert any(
        image.pixelColor(x, row) != QColor(COLORS[0])
        for x in range(int(left.left()) + 3, int(left.left() + left.width() / 2))
    )
    long_name = Tile("S000", "一个非常非常非常长的话务员名字" * 3, "就绪", "", COLORS[0])
    wall.set_tiles([long_name, *_tiles(0)[1:]])
    wall.grab()
    shown = [t.text() for (text, _w), t in wall._texts.items() if text == long_name.agent]
    assert shown and shown[0].endswith("…") and len(shown[0]) < len(long_name.agent)


def _center(seat_home):
    engine = make_engine(f"sqlite:///{seat_home / 'central.sqlite3'}")
    upgrade(engine)
    seats = SeatService(engine)
    for i in range(1, 11):
        seats.ensure_seat(f"S{i:03d}", agent=f"{1000 + i}")
        seats.change_state(f"S{i:03d}", SeatState.READY)
    return engine, seats


def test_the_console_runs_the_slower_job_on_its_own_timer_and_runner(qtbot, seat_home):
    engine, seats = _center(seat_home)
    try:
        poller = ConsolePoller(engine, background=True)
        done = []

        class Runner(InlineRunner):
            def submit(self, job, callback=None):
                done.append(job)
                super().submit(job, callback)

        console = LeadConsole(
            poller.poll,
            seats,
            runner=InlineRunner(),
            lead="9001",
            poll_ms=60_000,
            background=poller.background_job,
            background_ms=30,
            background_runner=Runner(),
        )
        qtbot.addWidget(console)
        console.start()
        assert console.snapshot is not None and console.snapshot.extra["figures_read"]
        qtbot.waitUntil(lambda: len(done) >= 2, timeout=3000)  # its own timer and runner
        assert all(job == poller.background_job for job in done)
        console.stop()
        assert not console.background_timer.isActive()
        console.refresh()
        assert not console.snapshot.extra["figures_read"]  # the poll left them to the job
        app_console = open_console(engine, runner=InlineRunner(), lead="9001")
        qtbot.addWidget(app_console)
        assert app_console._background is not None
        assert app_console.background_timer.interval() == 5000
        poller.close()
    finally:
        engine.dispose()


def test_the_bench_times_query_apply_and_paint_both_ways(qtbot, seat_home):
    engine, seats = _center(seat_home)
    try:
        poller = ConsolePoller(engine, sweep_every_s=5.0, background=True)
        console = LeadConsole(poller.poll, seats, runner=InlineRunner(), lead="bench")
        qtbot.addWidget(console)
        console.resize(1920, 1080)
        console.show()
        for paint in ("window", "changed"):
            timer = PollTimer(console, poller, interval_s=0.0, paint=paint, background_every_s=1e-9)
            times = timer.run(3)
            timer.finish()
            assert len(times) == 3 and all(t > 0 for t in times)
            assert len(timer.split) == 3 and timer.background
            assert all(b["figures"] for b in timer.background)  # figures_every_s=0
            for (query, apply_, paint_ms, cpu), total in zip(timer.split, times, strict=True):
                assert abs(query + apply_ + paint_ms - total) < 1.0 and cpu > 0
        assert len(console.snapshot.seats) == 10
    finally:
        engine.dispose()


def test_a_poll_updates_the_alerts_in_place(qtbot):
    from datetime import UTC, datetime

    from seat_app.services.reports.console import Alert, ConsoleSnapshot

    def snap(wait: int, extra: tuple[Alert, ...] = ()) -> ConsoleSnapshot:
        alerts = (Alert("wait", f"电话排队最长已等待 {wait} 秒", "电话", "queue"), *extra)
        return ConsoleSnapshot(
            at=datetime(2024, 6, 3, 2, 0, tzinfo=UTC),
            seats=(),
            queues=(),
            today={},
            targets=(),
            alerts=alerts,
            hourly=(0,) * 24,
            state_mix={},
        )

    console = LeadConsole(lambda: snap(61), None, runner=InlineRunner(), lead="9001")
    qtbot.addWidget(console)
    deadline = Alert("deadline", "工单 X（单位）办理时限 2024-06-03", "X", "case")
    console.apply(snap(61, (deadline,)))
    first = console.alerts.item(0)
    console.apply(snap(62, (deadline,)))  # a second later: the same items, one text changed
    assert console.alerts.item(0) is first and first.text() == "电话排队最长已等待 62 秒"
    assert console.alerts.count() == 2
    assert console.alerts.item(1).data(Qt.ItemDataRole.UserRole) == ("case", "X")
    console.apply(snap(63))  # the deadline alert went: the list shrinks
    assert console.alerts.count() == 1 and console.alerts.item(0) is first
