"""``seat-admin grid ...``: units and the grid (网格) in the central database.

``grid import FILE`` validates the whole file first (CSV or JSON, see
``seat_app.services.dispatch.grid_import``); with any error nothing changes and every error is
printed with its row. ``grid show`` prints the units by area and type; ``grid show CODE``
one unit with its path and children.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from seat_app.cli import Lang, say
from seat_app.domain.grid import suggest_units
from seat_app.domain.taxonomy import AREAS, is_area
from seat_app.services import config, dispatch, store


def register(sub: argparse._SubParsersAction) -> None:
    grid = sub.add_parser("grid", help="承办单位与网格 units and the grid")
    grid.add_argument("--url", help="central database URL (default: from settings)")
    gs = grid.add_subparsers(dest="grid_command", metavar="GRID_COMMAND", required=True)
    imp = gs.add_parser("import", help="从 CSV/JSON 导入单位 import units from a grid file")
    imp.add_argument("file", help="grid file (.csv or .json); 'demo' for the shipped demo grid")
    imp.add_argument("--keep-missing", action="store_true",
                     help="不停用文件中没有的单位 do not deactivate units missing from the file")
    imp.set_defaults(func=_import)
    show = gs.add_parser("show", help="单位统计或单个单位 summary, or one unit")
    show.add_argument("code", nargs="?", help="unit code")
    show.set_defaults(func=_show)
    sug = gs.add_parser("suggest", help="按事项和区域推荐承办单位 suggest units for a matter and area")
    sug.add_argument("matter")
    sug.add_argument("area")
    sug.add_argument("--township", default="")
    sug.set_defaults(func=_suggest)


def _engine(args: argparse.Namespace):
    home = config.open_home()
    url = args.url or home.central_url
    if url.startswith("sqlite:///"):
        home.ensure()
    engine = store.make_engine(url)
    # a first grid import may create the central file of a new folder; nothing else does
    store.upgrade(engine, create="if-fresh" if getattr(args, "file", None) else False)
    return engine


def _import(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError  # start-up: loads SQLAlchemy

    path = dispatch.demo_grid_path() if args.file == "demo" else Path(args.file)
    try:
        engine = _engine(args)
    except OperationalError as exc:
        print(say(f"无法连接中心数据库：{exc.orig}", f"Cannot reach the central database: {exc.orig}"),
              file=sys.stderr)
        return 1
    try:
        outcome = dispatch.import_grid(engine, path, actor="seat-admin", deactivate_missing=not args.keep_missing)
    finally:
        engine.dispose()
    if not outcome.ok:
        for error in outcome.errors:
            print(error.message(Lang.current), file=sys.stderr)
        print(say(f"导入失败：{len(outcome.errors)} 处错误，数据库未作任何修改。",
                  f"Import refused: {len(outcome.errors)} error(s); nothing was changed."),
              file=sys.stderr)
        return 2
    print(say(
        f"已导入 {outcome.units} 个单位：新增 {outcome.inserted}，更新 {outcome.updated}，停用 {outcome.deactivated}。",
        f"Imported {outcome.units} units: {outcome.inserted} new, {outcome.updated} updated, "
        f"{outcome.deactivated} deactivated.",
    ))
    return 0


def _show(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        if args.code:
            with engine.connect() as conn:
                grid = dispatch.load_grid(conn, active_only=False)
            unit = grid.get(args.code)
            if unit is None:
                print(say(f"没有编码为 {args.code} 的单位。", f"No unit with code {args.code}."),
                      file=sys.stderr)
                return 1
            print(" > ".join(u.name for u in grid.path(unit.code)))
            state = say("在用", "active") if unit.active else say("停用", "inactive")
            print(f"{unit.code}\t{unit.name}\t{unit.area}\t{unit.unit_type}\t{unit.township}\t{state}")
            for child in grid.children(unit.code):
                print(f"  {child.code}\t{child.name}\t{child.unit_type}")
            return 0
        counts = dispatch.unit_counts(engine)
    finally:
        engine.dispose()
    print(say(f"在用单位 {counts['active']} 个，停用 {counts['inactive']} 个。",
              f"{counts['active']} active units, {counts['inactive']} inactive."))
    for area, n in sorted(counts["by_area"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{area}\t{n}")
    return 0


def _suggest(args: argparse.Namespace) -> int:
    if not is_area(args.area):
        print(say(f"未知的区域：{args.area}。已知区域：{'、'.join(AREAS)}",
                  f"Unknown area: {args.area}. Known areas: {', '.join(AREAS)}"),
              file=sys.stderr)
        return 2
    engine = _engine(args)
    try:
        with engine.connect() as conn:
            grid = dispatch.load_grid(conn)
    finally:
        engine.dispose()
    townships = tuple(grid.townships.get(args.area, ()))
    if args.township and townships and args.township not in townships:
        print(say(f"{args.area}没有乡镇/街道“{args.township}”。已知：{'、'.join(townships)}",
                  f"{args.area} has no township {args.township!r}. Known: {', '.join(townships)}"),
              file=sys.stderr)
        return 2
    found = suggest_units(grid, args.matter, args.area, args.township)
    if not found:
        print(say("没有可推荐的承办单位（事项未知、不属受理范围，或网格中没有对应单位）。",
                  "No unit to suggest (unknown or out-of-scope matter, or no such unit in the grid)."),
              file=sys.stderr)
        return 1
    for s in found:
        print(f"{s.rank}\t{s.unit.code}\t{s.unit.name}\t{s.reason}")
    return 0
