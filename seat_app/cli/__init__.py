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
from seat_app.services import config, logs
from seat_app.services.integrity import DatabaseUnreadable, SeatDataError

COMMAND_MODULES: tuple[str, ...] = (
    "demo", "kb", "calendar", "db", "sync", "report", "user", "grid", "dispatch", "cases",
    "training", "qa", "intake", "analysis", "console", "setup", "selftest",
)
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
    """Run one command. Every failure ends as one clear message and a non-zero exit; the
    traceback goes to ``<data folder>/logs/seat.log`` (never to the terminal)."""
    logs.install_log_redaction()  # no password or token reaches a log
    parser = build_parser()
    args = parser.parse_args(argv)
    Lang.current = args.lang or ("en" if os.environ.get("SEAT_LANG", "").startswith("en") else "zh")
    if args.home:
        os.environ["SEAT_HOME"] = args.home
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    log_file = _setup_logging()
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print(say("已中断。", "Interrupted."), file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place errors become messages
        return _report_error(exc, args, log_file)
    finally:
        if log_file is not None:
            logs.close_logging(log_file)


def _setup_logging():
    """The rotating log in the data folder's logs/ (None when the folder is not writable)."""
    try:
        return logs.setup_logging(config.default_home())
    except OSError:
        return None


def error_message(exc: BaseException) -> tuple[str, int]:
    """The user's message for ``exc`` (in the current language) and the exit code."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError  # start-up: loads SQLAlchemy

    if isinstance(exc, SeatDataError):
        return exc.message(Lang.current), 1
    zh, en = getattr(exc, "zh", None), getattr(exc, "en", None)
    if isinstance(zh, str) and isinstance(en, str):  # the services' bilingual errors
        return say(zh, en), 1
    if isinstance(exc, SQLAlchemyError):
        where = getattr(exc, "seat_where", None) or say("中心数据库", "the central database")
        kind = getattr(exc, "seat_kind", "file")
        orig = getattr(exc, "orig", None) if isinstance(exc, DBAPIError) else None
        detail = str(orig or exc).strip().splitlines()[0][:200] if str(orig or exc).strip() else ""
        err = DatabaseUnreadable(where, say(f"（{detail}）", f"({detail})") if detail else "",
                                 kind=kind)
        return err.message(Lang.current), 1
    if isinstance(exc, OSError):
        name = exc.filename or ""
        reason = exc.strerror or str(exc)
        return say(
            f"无法访问文件或文件夹 {name}：{reason}。请检查数据文件夹的路径与权限（--home 或 SEAT_HOME）。",
            f"Cannot access {name}: {reason}. Check the data folder's path and permissions "
            "(--home or SEAT_HOME).",
        ), 1
    if isinstance(exc, (ValueError, LookupError)):
        return say(f"输入无效：{exc}", f"Invalid input: {exc}"), 2
    return say(
        f"意外错误（{type(exc).__name__}）：{exc}。数据未被删除；详情已写入日志。",
        f"Unexpected error ({type(exc).__name__}): {exc}. No data was deleted; the details "
        "are in the log.",
    ), 70


def _report_error(exc: BaseException, args: argparse.Namespace, log_file) -> int:
    message, code = error_message(exc)
    logs.log_event("refusal", "seat-admin %s failed: %s", getattr(args, "command", "?"),
              type(exc).__name__, exc_info=exc)
    if log_file is not None:
        message += say(f"\n（日志：{log_file}）", f"\n(log: {log_file})")
    print(message, file=sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
