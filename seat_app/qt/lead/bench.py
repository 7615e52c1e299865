"""``python -m seat_app.qt.lead.bench --url URL``: the console's one-second poll timed from
query to painted, offscreen (the Qt half of ``seat-admin console bench``).

The command line (which must not import Qt) runs this as a subprocess and talks to it by
lines: this process polls ``--baseline`` times with no writers, prints ``BASELINE_DONE``,
waits for ``GO`` on stdin (the live floor is running by then), polls ``--live`` times, and
prints one JSON line: every poll's milliseconds (query + apply + paint of the whole window
at 1920x1080 into a pixmap) and the largest state age.

State age: a change committed just after poll i-1's query started is read by poll i and is
on screen when poll i is painted, so no seat's state on the console is older than
``painted_i - query_started_(i-1)``; the largest such span is ``max_state_age_s``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from seat_app.qt.lead.console import LeadConsole
from seat_app.qt.workers import InlineRunner
from seat_app.services.queue.service import SeatService
from seat_app.services.reports.console import ConsolePoller
from seat_app.services.store.engine import make_engine


class PollTimer:
    """Polls, applies and paints ``console`` once per ``interval_s``; keeps the timings."""

    def __init__(self, console: LeadConsole, poller: ConsolePoller, *,
                 interval_s: float = 1.0) -> None:
        self.console = console
        self.poller = poller
        self.interval_s = interval_s
        self.max_age_s = 0.0
        self._prev_start: float | None = None

    def one(self) -> float:
        start = time.perf_counter()
        snap = self.poller.poll()
        self.console.apply(snap)
        self.console.grab()  # paints every widget of the window
        done = time.perf_counter()
        if self._prev_start is not None:
            self.max_age_s = max(self.max_age_s, done - self._prev_start)
        self._prev_start = start
        return (done - start) * 1000

    def run(self, count: int) -> list[float]:
        out = []
        next_at = time.perf_counter()
        for _ in range(count):
            out.append(self.one())
            QApplication.processEvents()
            next_at += self.interval_s
            time.sleep(max(0.0, next_at - time.perf_counter()))
        return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seat_app.qt.lead.bench")
    parser.add_argument("--url", required=True)
    parser.add_argument("--baseline", type=int, default=10, help="polls with no writers")
    parser.add_argument("--live", type=int, default=30, help="polls with the floor running")
    parser.add_argument("--no-wait", action="store_true", help="do not wait for GO")
    parser.add_argument("--screenshot", help="save the console (1920x1080) as this PNG at the end")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    engine = make_engine(args.url)
    try:
        poller = ConsolePoller(engine, sweep_every_s=5.0, figures_every_s=5.0)  # as the app
        console = LeadConsole(poller.poll, SeatService(engine), runner=InlineRunner(), lead="bench")
        console.resize(1920, 1080)
        console.show()
        app.processEvents()
        timer = PollTimer(console, poller)
        timer.run(3)  # warm-up: caches, fonts, the first layout
        timer.max_age_s = 0.0
        baseline = timer.run(args.baseline)
        print("BASELINE_DONE", flush=True)
        if not args.no_wait:
            line = sys.stdin.readline()
            if line.strip() != "GO":
                return 1
        timer._prev_start = None
        timer.max_age_s = 0.0
        live = timer.run(args.live)
        if args.screenshot:
            console.grab().save(args.screenshot)
        seats = len(console.snapshot.seats) if console.snapshot else 0
        working = sum(1 for s in console.snapshot.seats if s.state != "offline") \
            if console.snapshot else 0
        print(json.dumps({"baseline_ms": baseline, "live_ms": live,
                          "max_state_age_s": round(timer.max_age_s, 3),
                          "seats_seen": seats, "seats_working": working}), flush=True)
        console.close()
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # no Qt teardown at interpreter exit (PySide6 may crash while finalizing)
