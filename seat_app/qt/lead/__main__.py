"""``python -m seat_app.qt.lead [--url URL] [--simulate] [--floor N]``: the lead's console on
its own. ``seat-app --demo --role lead`` calls ``run_in_app`` with a small live floor (24
simulated agents, ``seat_app.demo.home.start_demo_floor``) running in the background, so
the console is alive on first look; it stops cleanly when the console closes."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from seat_app.demo.home import DEMO_FLOOR_SEATS, start_demo_floor
from seat_app.qt.lead.console import open_console
from seat_app.qt.workers import ThreadRunner
from seat_app.services.config import open_home
from seat_app.services.queue.service import QueueService
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import utcnow
from seat_app.services.telephony.simulator import QueueFeeder, SimulatedTelephony


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seat_app.qt.lead", description="班长监控台 team lead console"
    )
    parser.add_argument("--url", help="central database URL (default: the home's)")
    parser.add_argument("--lead", default="lead", help="the lead's work number")
    parser.add_argument(
        "--simulate", action="store_true", help="feed the queue from the built-in call simulator"
    )
    parser.add_argument(
        "--floor",
        type=int,
        default=0,
        help="also run a live floor of N simulated agents (demo home)",
    )
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    home = open_home().ensure()
    return run_in_app(
        app, home, url=args.url, lead=args.lead, simulate=args.simulate, floor=args.floor
    )


def run_in_app(
    app,
    home,
    *,
    url: str | None = None,
    lead: str = "lead",
    simulate: bool = False,
    floor: int = DEMO_FLOOR_SEATS,
) -> int:
    """Show the console in ``app`` on ``home``'s central database until it closes; with
    ``floor`` (default: the demo's 24 seats, on the home's own database only) a live floor
    of simulated agents works in the background meanwhile."""
    if not url:
        home.ensure()
    engine = make_engine(url or home.central_url)
    upgrade(engine, create=False)
    runner = ThreadRunner(1, "lead-console")
    # the sweep and the slower figures on a thread of their own: never in a poll's way
    background = ThreadRunner(1, "lead-console-background")
    console = open_console(engine, lead=lead, runner=runner, background_runner=background)
    if simulate:
        feeder = QueueFeeder(QueueService(engine), SimulatedTelephony(utcnow()))
        sim_runner = ThreadRunner(1, "lead-simulator")
        timer = QTimer(console)
        timer.timeout.connect(lambda: sim_runner.submit(feeder.step))
        timer.start(1000)
    live = start_demo_floor(home, seats=floor) if floor and not url else None
    console.show()
    console.start()
    try:
        code = app.exec()
    finally:
        if live is not None:
            live.close()  # the agents finish their step and sign out
    runner.wait(3000)
    background.wait(3000)
    engine.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
