"""``python -m seat_app.qt.lead.bench --url URL``: the console's one-second poll timed from
query to painted, offscreen (the Qt half of ``seat-admin console bench``).

The command line (which must not import Qt) runs this as a subprocess and talks to it by
lines: this process polls ``--baseline`` times with no writers, prints ``BASELINE_DONE``,
waits for ``GO`` on stdin (the live floor is running by then), polls ``--live`` times, and
prints one JSON line: every poll's milliseconds (query + apply + paint: by default of the
whole window at 1920x1080 into a pixmap, ``--paint changed``: what Qt repaints) and the
largest state age; a line on stderr splits the medians into query, apply, paint and CPU.

State age: a change committed just after poll i-1's query started is read by poll i and is
on screen when poll i is painted, so no seat's state on the console is older than
``painted_i - query_started_(i-1)``; the largest such span is ``max_state_age_s``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from seat_app.qt.lead.console import LeadConsole
from seat_app.qt.workers import InlineRunner
from seat_app.services.queue.service import SeatService
from seat_app.services.reports.console import ConsolePoller
from seat_app.services.store.engine import make_engine


class PollTimer:
    """Polls, applies and paints ``console`` once per ``interval_s``; keeps the timings.

    ``paint``: "window" (as first measured: the whole 1920x1080 window rendered into a
    pixmap with ``grab()`` after each apply, every widget painted whether it changed or
    not) or "changed" (what the running console does: Qt repaints the regions the apply
    marked as changed, ``processEvents``). Every ``background_every_s`` the poller's slower
    job (``ConsolePoller.background_job``: the heartbeat sweep when a poll saw a dead seat,
    today's slower figures) runs on a thread of its own, as in the app (``open_console``'s
    ``background_runner``); what each took is kept apart (``background``)."""

    def __init__(
        self,
        console: LeadConsole,
        poller: ConsolePoller,
        *,
        interval_s: float = 1.0,
        paint: str = "window",
        background_every_s: float = 5.0,
    ) -> None:
        self.console = console
        self.poller = poller
        self.interval_s = interval_s
        self.paint = paint
        self.background_every_s = background_every_s
        self.max_age_s = 0.0
        self._prev_start: float | None = None
        self._background_at = time.perf_counter()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="console-background")
        self._job: Future | None = None
        self.split: list[tuple[float, float, float, float]] = []
        """Per poll: query, apply, paint (ms) and the poll's CPU time in this thread (ms)."""
        self.background: list[dict[str, object]] = []
        """What each background job did (swept, figures) and took (ms)."""

    def one(self) -> float:
        start = time.perf_counter()
        cpu = time.thread_time()
        snap = self.poller.poll()
        queried = time.perf_counter()
        self.console.apply(snap)
        applied = time.perf_counter()
        if self.paint == "window":
            self.console.grab()  # paints every widget of the window
        else:
            QApplication.processEvents()  # paints what the apply changed
        done = time.perf_counter()
        self.split.append(
            (
                (queried - start) * 1000,
                (applied - queried) * 1000,
                (done - applied) * 1000,
                (time.thread_time() - cpu) * 1000,
            )
        )
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
            self._background()
            time.sleep(max(0.0, next_at - time.perf_counter()))
        return out

    def _background(self) -> None:
        if self._job is not None and self._job.done():
            self.background.append(self._job.result())
            self._job = None
        due = time.perf_counter() - self._background_at >= self.background_every_s
        if self.background_every_s and due and self._job is None:
            self._background_at = time.perf_counter()
            self._job = self._pool.submit(self.poller.background_job)

    def finish(self) -> None:
        """Waits for the background job still running and keeps its result."""
        if self._job is not None:
            self.background.append(self._job.result())
            self._job = None
        self._pool.shutdown()


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seat_app.qt.lead.bench")
    parser.add_argument("--url", required=True)
    parser.add_argument("--baseline", type=int, default=10, help="polls with no writers")
    parser.add_argument("--live", type=int, default=30, help="polls with the floor running")
    parser.add_argument("--no-wait", action="store_true", help="do not wait for GO")
    parser.add_argument("--screenshot", help="save the console (1920x1080) as this PNG at the end")
    parser.add_argument(
        "--paint",
        choices=("window", "changed"),
        default=os.environ.get("SEAT_CONSOLE_BENCH_PAINT", "window"),
        help="window: grab() the whole window after each poll (the first "
        "measure, default); changed: let Qt repaint what changed, as the "
        "running console does (env SEAT_CONSOLE_BENCH_PAINT)",
    )
    parser.add_argument(
        "--background-every",
        type=float,
        default=5.0,
        help="seconds between the console's slower jobs (sweep, figures; default 5)",
    )
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    engine = make_engine(args.url)
    try:
        # as the app (open_console): one statement a poll; the sweep (when a poll saw a dead
        # seat) and today's slower figures in the background job, on its own thread
        poller = ConsolePoller(engine, sweep_every_s=5.0, figures_every_s=10.0, background=True)
        console = LeadConsole(poller.poll, SeatService(engine), runner=InlineRunner(), lead="bench")
        console.resize(1920, 1080)
        console.show()
        app.processEvents()
        timer = PollTimer(
            console, poller, paint=args.paint, background_every_s=args.background_every
        )
        timer.run(3)  # warm-up: caches, fonts, the first layout
        timer.max_age_s = 0.0
        timer.split.clear()
        baseline = timer.run(args.baseline)
        base_split = list(timer.split)
        print("BASELINE_DONE", flush=True)
        if not args.no_wait:
            line = sys.stdin.readline()
            if line.strip() != "GO":
                return 1
        timer._prev_start = None
        timer.max_age_s = 0.0
        timer.split.clear()
        live = timer.run(args.live)
        timer.finish()
        if args.screenshot:
            console.grab().save(args.screenshot)
        seats = len(console.snapshot.seats) if console.snapshot else 0
        working = (
            sum(1 for s in console.snapshot.seats if s.state != "offline")
            if console.snapshot
            else 0
        )
        parts = {}
        for name, rows in (("baseline", base_split), ("live", timer.split)):
            parts[name] = {
                key: round(_median([r[i] for r in rows]), 2)
                for i, key in enumerate(("query_ms", "apply_ms", "paint_ms", "cpu_ms"))
            }
        print(
            f"console bench child ({args.paint} paint), medians: baseline {parts['baseline']},"
            f" live {parts['live']}; background jobs (own thread) {len(timer.background)}x: "
            f"{[(round(float(b['ms']), 1), b['swept'], b['figures']) for b in timer.background]}",
            file=sys.stderr,
            flush=True,
        )
        print(
            json.dumps(
                {
                    "baseline_ms": baseline,
                    "live_ms": live,
                    "max_state_age_s": round(timer.max_age_s, 3),
                    "seats_seen": seats,
                    "seats_working": working,
                    "paint": args.paint,
                    "split_medians": parts,
                    "background": timer.background,
                }
            ),
            flush=True,
        )
        console.close()
        poller.close()
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # no Qt teardown at interpreter exit (PySide6 may crash while finalizing)
