"""``seat-admin kb import|export|stats``: knowledge-base data on the central database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from seat_app.cli import say
from seat_app.services import config, kb, local, logs, store, sync


def add_commands(kb_sub: argparse._SubParsersAction) -> None:
    """import, export, stats (owned by the KB data work)."""
    imp = kb_sub.add_parser(
        "import",
        help="导入知识条目 (.xlsx/.csv/.json)；先校验，有错误则不做任何修改",
    )
    imp.add_argument("file", help="file to import (.xlsx, .csv, .json)")
    imp.add_argument(
        "--dry-run", action="store_true", help="只校验并统计，不写入 (validate and count only)"
    )
    imp.set_defaults(func=_import)

    exp = kb_sub.add_parser("export", help="导出知识库 (.xlsx/.csv/.json，按扩展名)")
    exp.add_argument("file", help="output file (.xlsx, .csv, .json)")
    exp.set_defaults(func=_export)

    stats = kb_sub.add_parser("stats", help="知识库统计 (entries, matters, areas, titles)")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.set_defaults(func=_stats)


def _lang() -> str:
    return say("zh", "en")


def _engine(create: bool):
    """The central engine, or None (after a message) when there is no central database."""
    home = config.open_home()
    if not home.settings.central_url and not home.central_db_path.exists():
        if not create and not home.has_history():  # with a history: refused loudly below
            print(
                say(
                    f"{home.root} 中还没有中央数据库；请先运行 seat-admin demo init 或 kb import。",
                    f"No central database in {home.root} yet; run seat-admin demo init or "
                    "kb import first.",
                ),
                file=sys.stderr,
            )
            return None
        home.ensure()
    engine = store.make_engine(home.central_url)
    store.upgrade(engine, create="if-fresh" if create else False)
    return engine


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    _rows, errors = kb.validate_file(path)
    if errors:
        for error in errors:
            print(error.line(_lang()))
        print(
            say(
                f"{path.name} 有 {len(errors)} 处错误，未做任何修改。",
                f"{path.name} has {len(errors)} error(s); nothing was changed.",
            )
        )
        return 1
    engine = _engine(create=True)
    try:
        report = kb.import_file(engine, path, dry_run=args.dry_run)
    finally:
        engine.dispose()
    if report.errors:  # the file changed between the two reads
        for error in report.errors:
            print(error.line(_lang()))
        return 1
    counts = say(
        f"共 {report.rows} 条：新增 {report.inserted}，更新 {report.updated}，未变 {report.unchanged}",
        f"{report.rows} rows: {report.inserted} new, {report.updated} updated, "
        f"{report.unchanged} unchanged",
    )
    if args.dry_run:
        print(say(f"校验通过（未写入）。{counts}。", f"Valid (nothing written). {counts}."))
    else:
        seq = report.change_seq if report.change_seq is not None else "-"
        print(say(f"已导入 {path.name}。{counts}。变更序号 {seq}。",
                  f"Imported {path.name}. {counts}. Change sequence {seq}."))
        if report.change_seq is not None:
            return _refresh_this_machine()
    return 0


def _refresh_this_machine() -> int:
    """This machine's KB copy and index follow the import (``kb search`` sees it at once)."""
    home = config.open_home()
    try:
        # the same path as the seat's sync loop: the changed entries are pulled into the
        # local KB copy, then applied to the index incrementally (only when one exists: a
        # missing index is built by the first search); searching stays a local read
        local_store = local.LocalStore.open(home)
        try:
            received = sync.refresh_kb_from_central(local_store, home.central_url)
        finally:
            local_store.close()
        if received:
            kb.update_index_if_built(home)
    except Exception as exc:  # noqa: BLE001 - the import is committed; say what is behind
        logs.log_event("refusal", "kb import: local KB refresh failed", exc_info=exc)
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        print(say(f"注意：已写入中心数据库，但本机的知识库副本未能更新（{detail}）；"
                  "本机检索要等下次同步或 seat-admin kb build 后才能看到这些条目。",
                  f"Note: the central database has the entries, but this machine's KB copy "
                  f"could not be updated ({detail}); local search shows them after the next "
                  "sync or seat-admin kb build."), file=sys.stderr)
        return 0
    print(say(f"本机知识库副本已更新（{received} 条），可立即检索。",
              f"This machine's KB copy is up to date ({received} entries); search sees them."))
    return 0


def _export(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() not in kb.EXPORT_FORMATS:
        print(
            say(
                f"不支持的文件类型「{path.suffix or path.name}」，请使用 .xlsx、.csv 或 .json",
                f"unsupported file type '{path.suffix or path.name}'; use .xlsx, .csv or .json",
            ),
            file=sys.stderr,
        )
        return 1
    if not path.parent.is_dir():
        print(say(f"目录不存在：{path.parent}", f"No such folder: {path.parent}"), file=sys.stderr)
        return 1
    engine = _engine(create=False)
    if engine is None:
        return 1
    try:
        count = kb.export_file(engine, path)
    except kb.KBExportError as exc:
        print(say(exc.zh, exc.en), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(say(f"已导出 {count} 条到 {path}", f"Exported {count} entries to {path}"))
    return 0


def _stats(args: argparse.Namespace) -> int:
    engine = _engine(create=False)
    if engine is None:
        return 1
    try:
        stats = kb.kb_stats(engine)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    print(say("知识库统计", "Knowledge base"))
    labels = {
        "entries": say("条目", "entries"),
        "matters": say("事项", "matters"),
        "areas": say("区域", "areas"),
        "distinct_titles": say("不同标题", "distinct titles"),
    }
    for key, value in stats.items():
        print(f"  {labels[key]}: {value}")
    return 0
