"""``seat-admin self-test [--json] [--no-qt] [--skip NAME]``: is this installation whole?

Runs every check of ``seat_app.services.selftest.CORE_CHECKS`` and, offscreen, the Qt checks
of ``seat_app.qt.selftest`` (translations, icons, forms, platform plugins); prints one line
per check (or one JSON document with ``--json``) and exits 1 when any check failed.

Qt is part of the installation: when PySide6 cannot be imported, the Qt checks fail
("PySide6 not installed", or the loader's own message such as a missing libEGL) unless
``--no-qt`` is given, which a Qt-free install (an admin server, the Qt-free CI job) uses.
Skipped checks (``--no-qt``, ``--skip NAME``) are printed as skipped, never hidden.

The Qt module is imported by name, at run time, the same way command modules are: the CLI
stays importable (and the rest of the self-test runnable) without PySide6.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time

from seat_app.cli import Lang, say
from seat_app.services.selftest import CORE_CHECKS, CheckResult, environment, run_check


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("self-test", help="检查本机安装是否完整 check that this installation is whole")
    p.add_argument("--json", action="store_true", help="one JSON document instead of lines")
    p.add_argument("--no-qt", action="store_true",
                   help="skip the Qt checks (a Qt-free install); they fail without PySide6 otherwise")
    p.add_argument("--skip", action="append", default=[], metavar="NAME",
                   help="skip one check by name (repeatable; shown as skipped)")
    p.set_defaults(func=_self_test)


QT_NAMES = ("qt-platforms", "translations", "icons", "forms")


def _qt_checks():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        return importlib.import_module("seat_app.qt.selftest").QT_CHECKS, None
    except ImportError as exc:
        if getattr(exc, "name", "") and str(exc.name).split(".")[0] == "PySide6":
            return (), say("未安装 PySide6", "PySide6 not installed")
        return (), f"{type(exc).__name__}: {exc}"


def _line(result) -> str:
    status = "skip" if result.skipped else ("ok" if result.ok else "FAIL")
    return f"{status:<5} {result.name:<13} {result.seconds:6.2f} s  {result.detail}"


def _self_test(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    skip = set(args.skip)
    known = {c.name for c in CORE_CHECKS} | set(QT_NAMES) | {"qt"}
    unknown = sorted(skip - known)
    if unknown:
        print(say(f"未知的检查项：{', '.join(unknown)}（可用：{', '.join(sorted(known))}）",
                  f"Unknown check: {', '.join(unknown)} (known: {', '.join(sorted(known))})"),
              file=sys.stderr)
        return 2
    results: list[CheckResult] = []

    def emit(result: CheckResult) -> None:
        results.append(result)
        if not args.json:
            print(_line(result), flush=True)

    def skipped(name: str, why: str) -> None:
        emit(CheckResult(name, True, why, 0.0, skipped=True))

    for check in CORE_CHECKS:
        if check.name in skip:
            skipped(check.name, "--skip")
        else:
            emit(run_check(check, Lang.current))
    if args.no_qt or "qt" in skip:
        skipped("qt", "--no-qt" if args.no_qt else "--skip qt")
    else:
        t0 = time.perf_counter()
        qt_checks, problem = _qt_checks()
        if problem is not None:
            emit(CheckResult("qt", False, problem, round(time.perf_counter() - t0, 3)))
        for check in qt_checks:
            if check.name in skip:
                skipped(check.name, "--skip")
            else:
                emit(run_check(check, Lang.current))
    failed = [r.name for r in results if not r.ok]
    passed = sum(1 for r in results if r.ok and not r.skipped)
    n_skipped = sum(1 for r in results if r.skipped)
    seconds = round(time.perf_counter() - started, 3)
    if args.json:
        print(json.dumps({"ok": not failed, "failed": failed, "seconds": seconds,
                          "environment": environment(),
                          "checks": [r.as_dict() for r in results]}, ensure_ascii=False))
    else:
        print(say(f"自检：{passed} 项通过，{len(failed)} 项失败，{n_skipped} 项跳过，用时 {seconds:.2f} 秒",
                  f"self-test: {passed} passed, {len(failed)} failed, {n_skipped} skipped "
                  f"in {seconds:.2f} s"))
    return 1 if failed else 0
