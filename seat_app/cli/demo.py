"""``seat-admin demo ...``: demo data on the embedded default."""

from __future__ import annotations

import argparse
import sys

from seat_app import demo
from seat_app.cli import say
from seat_app.cli.demo_year_cmd import register_year
from seat_app.services import live as live_services
from seat_app.services import store as central_store
from seat_app.services.config import open_home


def register(sub: argparse._SubParsersAction) -> None:
    demo_parser = sub.add_parser("demo", help="演示数据 demo data")
    demo_sub = demo_parser.add_subparsers(
        dest="demo_command", metavar="DEMO_COMMAND", required=True
    )
    init = demo_sub.add_parser(
        "init",
        help="在数据目录建立演示环境 (central SQLite, demo KB, seat-local store, index)",
    )
    init.add_argument("--entries", type=int, default=40_000, help="KB entries (default 40000)")
    init.add_argument("--force", action="store_true", help="replace an existing demo home")
    init.set_defaults(func=_init)
    register_year(demo_sub)  # seat-admin demo year (seat_app.cli.demo_year_cmd)
    live = demo_sub.add_parser(
        "live",
        help="模拟座席现场：N 个模拟话务员接件、保存工单，承办单位签收回复 (a live floor of "
        "simulated agents; Ctrl+C stops it cleanly)",
    )
    live.add_argument("--seats", type=int, default=24, help="simulated agents (default 24)")
    live.add_argument(
        "--minutes", type=float, default=None, help="run this long (default: until Ctrl+C)"
    )
    live.add_argument("--url", help="central database URL (default: the home's)")
    live.add_argument(
        "--speed",
        type=float,
        default=30.0,
        help="simulated seconds per real second (default 30: a 4-minute call "
        "takes 8 s; the day's arrival profile runs 30x)",
    )
    live.add_argument("--seed", type=int, default=12345, help="random seed (default 12345)")
    live.add_argument(
        "--start-hour",
        type=int,
        default=None,
        help="simulated hour of day to start at (default: now)",
    )
    live.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes for the agents (default: threads in this process "
        "below 4 CPUs; else on PostgreSQL one per 50 seats, at most 4; "
        "0: threads)",
    )
    live.set_defaults(func=_live)


def _init(args: argparse.Namespace) -> int:
    home = open_home()
    try:
        summary = demo.init_demo(home, entries=args.entries, force=args.force, progress=_progress)
    except demo.DemoExists:
        print(
            say(
                f"{home.root} 已有演示数据；加 --force 重新生成。",
                f"{home.root} already holds demo data; add --force to regenerate.",
            )
        )
        return 0
    print(file=sys.stderr)
    print(say(f"演示环境已就绪：{home.root}", f"Demo home ready: {home.root}"))
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return 0


def _progress(stage: str, done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    bar = "#" * filled + "-" * (width - filled)
    print(f"\r{stage:<12} [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)


def _live(args: argparse.Namespace) -> int:
    if args.minutes is not None and args.minutes <= 0:
        print(
            say(
                f"--minutes 应大于 0：{args.minutes}", f"--minutes must be above 0: {args.minutes}"
            ),
            file=sys.stderr,
        )
        return 2
    if args.start_hour is not None and not 0 <= args.start_hour <= 23:
        print(
            say(
                f"--start-hour 应为 0–23：{args.start_hour}",
                f"--start-hour must be 0 to 23: {args.start_hour}",
            ),
            file=sys.stderr,
        )
        return 2
    home = open_home()
    url = args.url or home.central_url
    engine = central_store.make_engine(url)
    try:
        central_store.upgrade(engine, create=False)  # never creates a central database
    finally:
        engine.dispose()
    start = live_services.day_start(args.start_hour) if args.start_hour is not None else None
    floor = demo.live_floor(
        home,
        url,
        seats=args.seats,
        speed=args.speed,
        seed=args.seed,
        start=start,
        workers=args.workers,
    )
    try:
        made = floor.prepare(progress=_progress)
        print(file=sys.stderr)
        print(
            say(
                f"模拟座席 {args.seats} 个（新建用户 {made} 个，工号 "
                f"{floor.work_no(0)}–{floor.work_no(args.seats - 1)}），速度 {args.speed:g}x；"
                "按 Ctrl+C 停止。",
                f"{args.seats} simulated agents ({made} users created, work numbers "
                f"{floor.work_no(0)}-{floor.work_no(args.seats - 1)}), speed {args.speed:g}x; "
                "Ctrl+C stops.",
            )
        )
        report = floor.run(args.minutes, tick=_tick)
    finally:
        floor.close()
    print(file=sys.stderr)
    print(
        say(
            "已停止：每个模拟座席都已完成手头的工单并签退。",
            "Stopped: every simulated agent finished its case and signed out.",
        )
    )
    for zh, en in report.lines():
        print("  " + say(zh, en))
    for line in report.errors[:10]:
        print("  ! " + line)
    # a case central refused is a failure of the demo; a lease that ran out on a slow machine
    # (the item went back to the queue) is reported, not a failure
    return 1 if any("refused" in e for e in report.errors) else 0


def _tick(floor) -> None:
    saved = sum(len(a.stats.saved) for a in floor.agents)
    print(f"\r{floor.arrivals} arrivals, {saved} cases saved ", end="", file=sys.stderr, flush=True)
