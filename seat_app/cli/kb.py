"""``seat-admin kb ...``: the knowledge base.

Index commands (build, search, bench) are here; data commands (import, export, stats) are
in ``kb_data``.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path

from seat_app import demo
from seat_app.cli import kb_data, say
from seat_app.services import config
from seat_app.services import kb as kb_service
from seat_app.services.config import open_home


def register(sub: argparse._SubParsersAction) -> None:
    kb = sub.add_parser("kb", help="知识库 knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    kb_data.add_commands(kb_sub)
    add_index_commands(kb_sub)


def add_index_commands(kb_sub: argparse._SubParsersAction) -> None:
    """build, search, bench (owned by the index work)."""
    build = kb_sub.add_parser("build", help="重建知识库索引 rebuild the search index")
    build.set_defaults(func=_build)

    search = kb_sub.add_parser("search", help="检索知识库 search the knowledge base")
    search.add_argument("query", nargs="?", default=None, help="检索词 query text")
    search.add_argument("--area", help="来电区域，优先显示 (boost this area)")
    search.add_argument("--limit", type=int, default=10, help="结果条数 (default 10)")
    search.add_argument("--json", action="store_true", help="JSON 输出 JSON output")
    search.add_argument("--batch", metavar="FILE",
                        help="每行一个检索词，可加 TAB 区域；输出 JSON Lines (one array per line)")
    search.add_argument("--domain", help="只看该领域 filter: domain")
    search.add_argument("--only-area", help="只看该区域 filter: area")
    search.add_argument("--unit", help="只看该承办单位 filter: handling unit")
    search.set_defaults(func=_search)

    bench = kb_sub.add_parser("bench", help="检索性能测试 benchmark against SQLite FTS5")
    bench.add_argument("--json", action="store_true", help="末行输出 JSON (last line JSON)")
    bench.add_argument("--entries", type=int, default=40_000, help="KB entries (default 40000)")
    bench.add_argument("--queries", help="query file (default resources/kb/bench_queries.tsv)")
    bench.add_argument("--rounds", type=int, default=3, help="timed passes over the queries")
    bench.add_argument("--procs", type=int, default=None, help="writer processes of the build")
    bench.set_defaults(func=_bench)


def _progress_bar(stage: str, done: int, total: int) -> None:
    width = 30
    filled = min(width, int(width * done / total)) if total else width
    bar = "#" * filled + "-" * (width - filled)
    label = {"index": say("索引", "indexing"), "commit": say("写入", "writing")}.get(stage, stage)
    print(f"\r{label:<10} [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    home = open_home()
    try:
        summary = kb_service.build_index(home, progress=_progress_bar)
    except Exception as exc:  # noqa: BLE001 - reported to the user, nothing is lost
        print(file=sys.stderr)
        print(say(f"索引构建失败（原索引保持不变）：{exc}",
                  f"Index build failed (the previous index is unchanged): {exc}"),
              file=sys.stderr)
        return 1
    print(file=sys.stderr)
    print(say(f"索引已建好：{summary['docs']} 条，用时 {summary['seconds']} 秒",
              f"Index built: {summary['docs']} entries in {summary['seconds']} s"))
    return 0


def _rebuild_notice(exc: Exception) -> None:
    print(say(f"索引不可用（{exc}），正在从本地知识库重建……",
              f"Index unusable ({exc}); rebuilding from the local KB copy..."), file=sys.stderr)


def _search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        print(say("--limit 须为正整数", "--limit must be a positive integer"), file=sys.stderr)
        return 2
    if args.batch is None and args.query is None:
        print(say("请给出检索词或 --batch 文件", "Give a query or --batch FILE"), file=sys.stderr)
        return 2
    home = open_home()
    filters = {"domain": args.domain, "only_area": args.only_area, "unit": args.unit}
    try:
        kb_service.open_searcher(home, progress=_progress_bar, on_rebuild=_rebuild_notice)
    except Exception as exc:  # noqa: BLE001 - no KB to index, unreadable store...
        print(say(f"无法打开知识库索引：{exc}", f"Cannot open the KB index: {exc}"),
              file=sys.stderr)
        return 1
    if args.batch is not None:
        try:
            lines = Path(args.batch).read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            print(say(f"无法读取 {args.batch}：{exc}", f"Cannot read {args.batch}: {exc}"),
                  file=sys.stderr)
            return 1
        out = sys.stdout
        for line in lines:
            query, _, area = line.partition("\t")
            hits = kb_service.search(home, query, area=area.strip() or args.area,
                                    limit=args.limit, **filters)
            out.write(json.dumps(hits, ensure_ascii=False) + "\n")
        out.flush()
        return 0
    hits = kb_service.search(home, args.query, area=args.area, limit=args.limit, **filters)
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print(say("没有找到相关知识。", "Nothing found."))
        return 0
    for i, hit in enumerate(hits, start=1):
        snippet = hit["snippet"].replace("<b>", "【").replace("</b>", "】")
        print(f"{i:>2}. {hit['title']}  [{hit['matter']} · {hit['area']} · {hit['code']}]"
              f"  {hit['score']:.1f}")
        print(f"    {html.unescape(snippet)}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from kb_index import bench  # start-up: kb_index loads Whoosh and jieba

    try:
        generate_entries = demo.generate_entries
    except ImportError:
        print(say("缺少演示知识库生成器 (seat_app.demo.kb)",
                  "The demo KB generator (seat_app.demo.kb) is missing"),
              file=sys.stderr)
        return 1
    qpath = Path(args.queries) if args.queries else config.resources_dir() / "kb" / "bench_queries.tsv"
    try:
        queries = bench.load_queries(qpath)
    except (OSError, ValueError) as exc:
        print(say(f"无法读取检索词文件：{exc}", f"Cannot read the query file: {exc}"),
              file=sys.stderr)
        return 1

    def note(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    result = bench.run(generate_entries(args.entries), queries, total=args.entries,
                       rounds=max(1, args.rounds), procs=args.procs, say=note)
    ratio50 = result["fts5_p50_ms"] / result["p50_ms"] if result["p50_ms"] else 0.0
    ratio95 = result["fts5_p95_ms"] / result["p95_ms"] if result["p95_ms"] else 0.0
    rows = [
        ("", say("本索引", "kb_index"), "SQLite FTS5 trigram"),
        ("min ms", f"{result['min_ms']:.2f}", f"{result['fts5_min_ms']:.2f}"),
        ("p50 ms", f"{result['p50_ms']:.2f}", f"{result['fts5_p50_ms']:.2f}"),
        ("p95 ms", f"{result['p95_ms']:.2f}", f"{result['fts5_p95_ms']:.2f}"),
        ("hit@5", f"{result['hit5']:.1%}", f"{result['fts5_hit5']:.1%}"),
    ]
    for name, ours, theirs in rows:
        print(f"{name:<8} {ours:>12} {theirs:>22}")
    print(f"FTS5/ours p50 x{ratio50:.1f}, p95 x{ratio95:.1f}; cold-cache p50 "
          f"{result['cold_p50_ms']:.2f} ms, p95 {result['cold_p95_ms']:.2f} ms")
    print(f"entries {result['entries']}, queries {result['queries']}; build {result['build_s']} s "
          f"({result['build_procs']} procs, child peak {result['build_peak_rss_mb']} MB); "
          f"incremental 100: {result['incremental_100_s']} s; open {result['open_s']} s; "
          f"peak RSS {result['peak_rss_mb']} MB")
    for miss in result["misses"]:
        print(say("未命中", "miss") + f": {miss[0]!r} area={miss[1] or '-'} want={miss[2]}",
              file=sys.stderr)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "misses"},
                         ensure_ascii=False))
    return 0
