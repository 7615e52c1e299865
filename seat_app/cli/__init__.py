"""``seat-admin``: the administration command line, thin over services.

Each command group lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``func`` (called with the parsed args, returns an exit code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from seat_app import __version__

COMMAND_MODULES: tuple[str, ...] = ("demo", "kb", "calendar", "db", "sync", "report", "user", "grid", "dispatch")
"""Modules under seat_app.cli that add command groups, in help order."""


class Lang:
    """Chinese by default, English with ``--lang en``."""

    current = "zh"

    @classmethod
    def say(cls, zh: str, en: str) -> str:
        return en if cls.current == "en" else zh


say = Lang.say


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seat-admin", description="Seat 12345 热线座席系统管理命令 (administration)"
    )
    parser.add_argument("--version", action="version", version=f"seat {__version__}")
    parser.add_argument(
        "--home", help="data folder (default: $SEAT_HOME or the user data folder)"
    )
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="message language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"seat_app.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from seat_app.services.secrets import install_log_redaction

    install_log_redaction()  # no password or token reaches a log
    parser = build_parser()
    args = parser.parse_args(argv)
    Lang.current = args.lang or ("en" if os.environ.get("SEAT_LANG", "").startswith("en") else "zh")
    if args.home:
        os.environ["SEAT_HOME"] = args.home
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print(say("已中断。", "Interrupted."), file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
