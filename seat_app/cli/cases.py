"""``seat-admin cases import FILE``: a center's case history from its previous system
(.xlsx, .csv or .json; see ``seat_app.services.analysis.case_import``). Every bad row is
printed with its row, column and reason, and a file with any error changes nothing (exit
2). Importing the same file again adds nothing (idempotent on the source's 工单号). Only
leads and administrators import (exit 1 otherwise)."""

from __future__ import annotations

import argparse
import json
import sys

from seat_app.cli import Lang, say
from seat_app.cli.analysis import central_engine
from seat_app.services import analysis


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds the ``cases`` command group."""
    cases = sub.add_parser("cases", help="工单历史 case history")
    cases.add_argument("--url", help="central database URL (default: from settings)")
    cs = cases.add_subparsers(dest="cases_command", metavar="CASES_COMMAND", required=True)
    imp = cs.add_parser("import", help="导入历史工单 import case history (.xlsx/.csv/.json)")
    imp.add_argument("file", help="工单文件 the export of the previous system")
    imp.add_argument("--dry-run", action="store_true",
                     help="只检查不导入 check every row, change nothing")
    imp.add_argument("--json", action="store_true", help="结果输出为 JSON one JSON object")
    imp.set_defaults(func=_import)


def _import(args: argparse.Namespace) -> int:
    engine = central_engine(args.url)
    try:
        report = analysis.import_cases(engine, args.file, dry_run=args.dry_run)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps({
            "ok": report.ok, "rows": report.rows, "added": report.added,
            "already": report.already, "dry_run": report.dry_run,
            "ignored_columns": list(report.ignored_columns),
            "errors": [{"row": e.row, "column": e.column, "reason": say(e.zh, e.en)}
                       for e in report.errors],
        }, ensure_ascii=False))
    if not report.ok:
        if not args.json:
            for e in report.errors:
                print(e.line(Lang.current), file=sys.stderr)
        print(say(f"导入失败：{len(report.errors)} 处错误，数据库未作任何修改。",
                  f"Import refused: {len(report.errors)} error(s); nothing was changed."),
              file=sys.stderr)
        return 2
    if not args.json:
        if report.ignored_columns:
            cols = "、".join(report.ignored_columns)
            print(say(f"未使用的列：{cols}", f"Columns not used: {', '.join(report.ignored_columns)}"))
        if report.dry_run:
            print(say(f"检查通过：{report.rows} 条工单，其中 {report.added} 条将新增，"
                      f"{report.already} 条已存在。（未导入）",
                      f"All {report.rows} rows are valid: {report.added} would be added, "
                      f"{report.already} are already there. (Nothing imported.)"))
        else:
            print(say(f"已导入 {report.rows} 条工单：新增 {report.added}，已存在 {report.already}（未改动）。",
                      f"Imported {report.rows} cases: {report.added} added, {report.already} "
                      "already there (left unchanged)."))
    return 0
