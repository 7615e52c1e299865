"""``seat-admin demo ...``: demo data on the embedded default."""

from __future__ import annotations

import argparse
import sys

from seat_app import demo
from seat_app.cli import say
from seat_app.cli.demo_year_cmd import register_year
from seat_app.services.config import open_home


def register(sub: argparse._SubParsersAction) -> None:
    demo_parser = sub.add_parser("demo", help="演示数据 demo data")
    demo_sub = demo_parser.add_subparsers(dest="demo_command", metavar="DEMO_COMMAND", required=True)
    init = demo_sub.add_parser(
        "init",
        help="在数据目录建立演示环境 (central SQLite, demo KB, seat-local store, index)",
    )
    init.add_argument("--entries", type=int, default=40_000, help="KB entries (default 40000)")
    init.add_argument("--force", action="store_true", help="replace an existing demo home")
    init.set_defaults(func=_init)
    register_year(demo_sub)  # seat-admin demo year (seat_app.cli.demo_year_cmd)


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
