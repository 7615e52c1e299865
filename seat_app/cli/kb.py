"""``seat-admin kb ...``: the knowledge base.

Index commands (build, search, bench) are here; data commands (import, export, stats) are
in ``kb_data``.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql

from seat_app import demo
from seat_app.cli import kb_data, say
from seat_app.domain import kb_upkeep as ku
from seat_app.domain.kb_upkeep.corrections import KIND_LABELS
from seat_app.domain.messages import UserMessage
from seat_app.domain.taxonomy import AREAS, DOMAINS, is_area
from seat_app.services import config, local, sync
from seat_app.services import kb as kb_service
from seat_app.services import store as central_store
from seat_app.services.config import open_home
from seat_app.services.kb.textfile import read_batch


def register(sub: argparse._SubParsersAction) -> None:
    kb = sub.add_parser("kb", help="知识库 knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    kb_data.add_commands(kb_sub)
    add_index_commands(kb_sub)
    add_upkeep_commands(kb_sub)


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
    bench.add_argument("--json", action="store_true",
                       help="只输出 JSON (stdout: one JSON object; the table goes to stderr)")
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
    for option, value in (("--area", args.area), ("--only-area", args.only_area)):
        if value and not is_area(value):
            raise ValueError(say(f"{option} 未知的区域：{value}。已知区域：{'、'.join(AREAS)}",
                                 f"{option}: unknown area {value}; known: {', '.join(AREAS)}"))
    if args.domain and args.domain not in DOMAINS:
        raise ValueError(say(f"--domain 未知的领域：{args.domain}。已知领域：{'、'.join(DOMAINS)}",
                             f"--domain: unknown domain {args.domain}; known: "
                             f"{', '.join(DOMAINS)}"))
    # a bad batch file is refused before the index is opened (or built)
    pairs = read_batch(args.batch, is_area=is_area) if args.batch is not None else None
    home = open_home()
    filters = {"domain": args.domain, "only_area": args.only_area, "unit": args.unit}
    try:
        kb_service.open_searcher(home, progress=_progress_bar, on_rebuild=_rebuild_notice)
    except Exception as exc:  # noqa: BLE001 - no KB to index, unreadable store...
        print(say(f"无法打开知识库索引：{exc}", f"Cannot open the KB index: {exc}"),
              file=sys.stderr)
        return 1
    if pairs is not None:
        out = sys.stdout
        for query, area in pairs:
            hits = kb_service.search(home, query, area=area or args.area,
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


def _at_least(value: int | None, least: int, option: str) -> None:
    """Refuses a count below ``least`` (a negative or zero count made the benchmarks fail
    with "list index out of range")."""
    if value is not None and value < least:
        raise ValueError(say(f"{option} 至少为 {least}：{value}",
                             f"{option} must be at least {least}: {value}"))


def _bench(args: argparse.Namespace) -> int:
    _at_least(args.entries, 1, "--entries")
    _at_least(args.rounds, 1, "--rounds")
    _at_least(args.procs, 1, "--procs")
    from kb_index import bench  # lazy: start-up: kb_index loads Whoosh and jieba (+0.5 s a command)

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
    out = sys.stderr if args.json else sys.stdout  # --json: stdout holds the JSON only
    for name, ours, theirs in rows:
        print(f"{name:<8} {ours:>12} {theirs:>22}", file=out)
    print(f"FTS5/ours p50 x{ratio50:.1f}, p95 x{ratio95:.1f}; cold-cache p50 "
          f"{result['cold_p50_ms']:.2f} ms, p95 {result['cold_p95_ms']:.2f} ms", file=out)
    print(f"entries {result['entries']}, queries {result['queries']}; build {result['build_s']} s "
          f"({result['build_procs']} procs, child peak {result['build_peak_rss_mb']} MB); "
          f"incremental 100: {result['incremental_100_s']} s; open {result['open_s']} s; "
          f"peak RSS {result['peak_rss_mb']} MB", file=out)
    for miss in result["misses"]:
        print(say("未命中", "miss") + f": {miss[0]!r} area={miss[1] or '-'} want={miss[2]}",
              file=sys.stderr)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "misses"},
                         ensure_ascii=False))
    return 0


# ----------------------------------------------------------------------------- upkeep
def add_upkeep_commands(kb_sub: argparse._SubParsersAction) -> None:
    """publish, expire, corrections, misses, history (issue 18) and the misses benchmark."""
    pub = kb_sub.add_parser("publish", help="发布所有待审核的知识条目版本 publish versions in review")
    pub.add_argument("--by", default="admin", help="审核人工号 approver's work number")
    pub.add_argument("--json", action="store_true")
    pub.set_defaults(func=_publish)

    exp = kb_sub.add_parser("expire", help="过期条目下线 retire entries whose validity ended")
    exp.add_argument("--dry-run", action="store_true", help="只列出，不修改 list only")
    exp.add_argument("--date", help="按此日期判断 (YYYY-MM-DD, default today)")
    exp.add_argument("--by", default="admin", help="审核人工号 approver's work number")
    exp.add_argument("--json", action="store_true")
    exp.set_defaults(func=_expire)

    cor = kb_sub.add_parser("corrections", help="座席纠错收件箱 agents' corrections by entry")
    cor.add_argument("--json", action="store_true", help="one JSON object per line")
    cor.add_argument("--all", action="store_true", help="包括已处理 include closed ones")
    cor.set_defaults(func=_corrections)

    mis = kb_sub.add_parser("misses", help="未命中的检索词 queries whose results nobody used")
    mis.add_argument("--since", required=True, help="起始日期 YYYY-MM-DD")
    mis.add_argument("--until", help="结束日期 YYYY-MM-DD (default today)")
    mis.add_argument("--limit", type=int, default=0)
    mis.add_argument("--json", action="store_true", help="one JSON object per line")
    mis.set_defaults(func=_misses)

    his = kb_sub.add_parser("history", help="条目的所有版本 every version of an entry")
    his.add_argument("code")
    his.set_defaults(func=_history)

    mb = kb_sub.add_parser("misses-bench", help="未命中报表性能 misses report over N searches")
    mb.add_argument("--searches", type=int, default=1_000_000)
    mb.add_argument("--pg", help="PostgreSQL URL to measure as well (an empty database)")
    mb.add_argument("--runs", type=int, default=5)
    mb.set_defaults(func=_misses_bench)

    lb = kb_sub.add_parser("log-bench", help="检索日志在按键路径上的开销 search-log cost per keystroke")
    lb.add_argument("--keys", type=int, default=20000)
    lb.set_defaults(func=_log_bench)

    pb = kb_sub.add_parser("publish-bench", help="发布到座席索引的延迟 publish -> seat index")
    pb.add_argument("--runs", type=int, default=5)
    pb.add_argument("--entries", type=int, default=3000)
    pb.set_defaults(func=_publish_bench)


def _date(text: str | None, what: str) -> date | None:
    """The date typed (today when none); None after saying why it is not a date."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        print(say(f"{what}日期格式不对「{text}」，应为 YYYY-MM-DD",
                  f"bad date {text!r}; expected YYYY-MM-DD"), file=sys.stderr)
        return None


class NoCentral(UserMessage):
    def __init__(self) -> None:
        super().__init__("还没有中央数据库。", "No central database yet.")


def _central():
    engine = kb_data._engine(create=False)
    if engine is None:
        raise NoCentral()
    return engine


def _refused(exc: ku.UpkeepError) -> int:
    print(say(exc.zh, exc.en), file=sys.stderr)
    return 1


def _publish(args: argparse.Namespace) -> int:
    engine = _central()
    done, refused = kb_service.upkeep.publish_all_in_review(engine, args.by)
    for p in done:
        print(json.dumps({"code": p.code, "version": p.number, "change_seq": p.change_seq},
                         ensure_ascii=False) if args.json else
              say(f"已发布 {p.code} 第 {p.number} 版", f"published {p.code} version {p.number}"))
    for code, number, zh, en in refused:
        print(say(f"未发布 {code} 第 {number} 版：{zh}", f"not published {code} v{number}: {en}"),
              file=sys.stderr)
    if not args.json:
        print(say(f"共发布 {len(done)} 个版本，{len(refused)} 个被拒绝。",
                  f"{len(done)} published, {len(refused)} refused."))
    return 1 if refused else 0


def _expire(args: argparse.Namespace) -> int:
    today = _date(args.date, "判断")
    if today is None:
        return 2
    engine = _central()
    svc = kb_service.upkeep.Upkeep(engine, args.by)
    expired = svc.expired(today)
    if args.dry_run:
        for e in expired:
            print(json.dumps({"code": e["code"], "title": e["title"],
                              "valid_to": e["valid_to"].isoformat()}, ensure_ascii=False)
                  if args.json else f"{e['code']}\t{e['valid_to']}\t{e['title']}")
        if not args.json:
            print(say(f"{len(expired)} 个条目已过期（未修改，去掉 --dry-run 即下线）。",
                      f"{len(expired)} entries expired (nothing changed; without --dry-run "
                      "they are retired)."))
        return 0
    done = kb_service.upkeep.retire_expired(engine, args.by, today)
    for p in done if args.json else ():
        print(json.dumps({"code": p.code, "version": p.number, "change_seq": p.change_seq},
                         ensure_ascii=False))
    print(say(f"已下线 {len(done)} 个过期条目。", f"{len(done)} expired entries retired."),
          file=sys.stderr if args.json else sys.stdout)
    return 0


def _corrections(args: argparse.Namespace) -> int:
    engine = _central()
    items = kb_service.corrections.corrections(engine, state=None if args.all else "open")
    if args.json:
        for c in items:
            print(json.dumps(kb_service.corrections.correction_json(c), ensure_ascii=False))
        return 0
    rows = ku.inbox(items)
    if not rows:
        print(say("没有待处理的纠错。", "No open corrections."))
    for r in rows:
        kinds = "、".join(f"{KIND_LABELS[k][0] if say('zh', 'en') == 'zh' else k.value} {n}"
                         for k, n in r.by_kind.items())
        print(f"{r.entry_code}\t{r.open}\t{kinds}\t{r.oldest:%Y-%m-%d %H:%M}")
    return 0


def _misses(args: argparse.Namespace) -> int:
    _at_least(args.limit, 0, "--limit")
    since = _date(args.since, "起始")
    until = _date(args.until, "结束")
    if since is None or until is None:
        return 2
    try:
        period = ku.Period(since, until)
    except ku.UpkeepError as exc:
        print(say(exc.zh, exc.en), file=sys.stderr)
        return 2
    engine = _central()
    rows = kb_service.searchlog.misses(engine, period, limit=args.limit or None)
    for r in rows:
        print(r.as_json() if args.json else f"{r.searches}\t{r.opened}\t{r.inserted}\t{r.query}")
    if not args.json:
        print(say(f"{since} 至 {until}：{len(rows)} 个未命中的检索词。",
                  f"{since} to {until}: {len(rows)} missed queries."))
    return 0


def _history(args: argparse.Namespace) -> int:
    engine = _central()
    h = kb_service.upkeep.Upkeep(engine, "").history(args.code)
    if not h.versions:
        print(say(f"没有编号为「{args.code}」的条目。", f"No entry {args.code!r}."),
              file=sys.stderr)
        return 1
    for line in ku.history_lines(h, say("zh", "en")):
        print(line)
    return 0


def _stats(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[max(0, math.ceil(0.95 * len(values)) - 1)]
    return (f"min {values[0]:.3f} s, median {statistics.median(values):.3f} s, "
            f"p95 {p95:.3f} s")


_FILL_SQLITE = """
INSERT INTO kb_search_log (id, revision, change_seq, changed_by, changed_at, deleted, at, day,
  query, filters, result_count, result_codes, opened, inserted, ms_to_answer, matter)
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < :n)
SELECT printf('%036d', i), 1, 1, '', '2026-09-01 00:00:00', 0, '2026-09-01 08:00:00',
  date('2026-09-01', '+' || (i % 90) || ' days'), '检索词' || ((i * 7919) % 20000), '{}',
  CASE WHEN (i * 7919) % 20000 % 10 = 1 THEN 0 ELSE 5 END, '',
  CASE WHEN (i * 7919) % 20000 % 4 <> 0 AND i % 2 = 0 THEN 'KB-1' ELSE '' END,
  CASE WHEN (i * 7919) % 20000 % 4 <> 0 AND i % 6 = 0 THEN 'KB-1' ELSE '' END, NULL, ''
FROM s
"""
_FILL_PG = """
INSERT INTO kb_search_log (id, revision, change_seq, changed_by, changed_at, deleted, at, day,
  query, filters, result_count, result_codes, opened, inserted, ms_to_answer, matter)
SELECT lpad(i::text, 36, '0'), 1, 1, '', '2026-09-01', false, '2026-09-01 08:00',
  date '2026-09-01' + (i % 90), '检索词' || ((i::bigint * 7919) % 20000), '{}',
  CASE WHEN (i::bigint * 7919) % 20000 % 10 = 1 THEN 0 ELSE 5 END, '',
  CASE WHEN (i::bigint * 7919) % 20000 % 4 <> 0 AND i % 2 = 0 THEN 'KB-1' ELSE '' END,
  CASE WHEN (i::bigint * 7919) % 20000 % 4 <> 0 AND i % 6 = 0 THEN 'KB-1' ELSE '' END, NULL, ''
FROM generate_series(1, :n) AS i
"""


def _misses_bench(args: argparse.Namespace) -> int:
    """The misses report over ``--searches`` logged searches (90 days, 20,000 distinct
    queries) on SQLite and, with ``--pg``, PostgreSQL; baseline: count(*) of the log and
    the report straight from the log (no rollup), in the same run."""
    _at_least(args.searches, 1, "--searches")
    _at_least(args.runs, 1, "--runs")
    targets: list[tuple[str, str]] = []
    tmp = tempfile.TemporaryDirectory()
    targets.append(("sqlite", f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"))
    if args.pg:
        targets.append(("postgresql", args.pg))
    period = ku.Period(date(2026, 9, 1), date(2026, 11, 29))
    out: dict[str, object] = {"searches": args.searches}
    for backend, url in targets:
        engine = central_store.make_engine(url)
        central_store.upgrade(engine, create=True)
        t0 = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(sql("DELETE FROM kb_search_log"))
            conn.execute(sql("DELETE FROM kb_search_daily"))
            conn.execute(sql("DELETE FROM kb_rollup_marks"))
            conn.execute(sql(_FILL_PG if backend == "postgresql" else _FILL_SQLITE),
                         {"n": args.searches})
            central_store.next_change_seq(conn)
        fill_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        kb_service.searchlog.rollup(engine)
        rollup_s = time.perf_counter() - t0
        report, raw, count = [], [], []
        rows: list = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            rows = kb_service.searchlog.misses(engine, period)
            report.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            with engine.connect() as conn:
                conn.execute(sql(
                    "SELECT query, count(*) FROM kb_search_log WHERE day BETWEEN :a AND :b "
                    "GROUP BY query HAVING sum(CASE WHEN result_count > 0 THEN 1 ELSE 0 END) > 0 "
                    "AND sum(CASE WHEN opened <> '' OR inserted <> '' THEN 1 ELSE 0 END) = 0"),
                    {"a": period.since, "b": period.until}).all()
            raw.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            with engine.connect() as conn:
                conn.execute(sql("SELECT count(*) FROM kb_search_log")).scalar()
            count.append(time.perf_counter() - t0)
        print(f"[{backend}] {args.searches} searches written in {fill_s:.1f} s; "
              f"rollup (once, incremental afterwards) {rollup_s:.2f} s")
        print(f"[{backend}] kb misses report: {_stats(report)}; {len(rows)} missed queries")
        print(f"[{backend}] baseline straight from the log: {_stats(raw)}; "
              f"count(*) {_stats(count)}; ratio report/raw "
              f"{statistics.median(report) / statistics.median(raw):.2f}")
        out[backend] = {"report_median_s": round(statistics.median(report), 3),
                        "report_p95_s": round(sorted(report)[-1], 3),
                        "raw_median_s": round(statistics.median(raw), 3),
                        "rollup_s": round(rollup_s, 2), "missed": len(rows)}
        engine.dispose()
    print(json.dumps(out, ensure_ascii=False))
    tmp.cleanup()
    return 0


def _log_bench(args: argparse.Namespace) -> int:
    """What the knowledge panel adds per keystroke when it notes a search (results of 20
    hits shown, then opened), against a baseline call that does nothing, in the same run;
    and the flush of the finished searches into a local outbox (sync thread, not the
    keystroke path)."""
    _at_least(args.keys, 1, "--keys")
    hits = [{"code": f"KB-{i}", "title": "t"} for i in range(20)]
    words = ["公积金提取", "停水", "暖气不热", "身份证补办 13812345678", "拖欠工资"]
    buf = kb_service.searchlog.SearchLogBuffer(merge_s=0.0)  # every key a finished search: the worst case

    def noop(_q: str, _h: list, _f: dict | None = None) -> None:
        return None

    def measure(fn: Any) -> list[float]:
        out = []
        for i in range(args.keys):
            q = words[i % len(words)][: 1 + i % 6]
            t0 = time.perf_counter()
            fn(q, hits, {"area": "盐湖区"})
            out.append((time.perf_counter() - t0) * 1e6)
        return out

    base = measure(noop)
    logged = measure(buf.searched)
    with tempfile.TemporaryDirectory() as tmp:
        store = local.LocalStore.open_path(Path(tmp) / "seat.sqlite3")
        t0 = time.perf_counter()
        n = buf.flush(store, all_=True)
        flush_s = time.perf_counter() - t0
        store.close()

    def fig(values: list[float]) -> dict[str, float]:
        ordered = sorted(values)
        return {"min_us": round(ordered[0], 2), "median_us": round(statistics.median(ordered), 2),
                "p95_us": round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 2)}

    print(json.dumps({"keys": args.keys, "search_log": fig(logged), "baseline_noop": fig(base),
                      "flush_records": n, "flush_s": round(flush_s, 3),
                      "flush_ms_per_1000": round(flush_s * 1000 / max(n, 1) * 1000, 1),
                      "target_ms_per_key": 1.0}, ensure_ascii=False))
    return 0


def _publish_bench(args: argparse.Namespace) -> int:
    """An entry changed and published centrally -> found in a running seat's index after
    its sync tick: a central SQLite file with ``--entries`` demo entries, a seat home that
    pulled them and built its index; per run one entry's title and answer change (editor),
    a second person publishes, the seat runs its KB tick (pull + incremental index update,
    as qt.wiring.SyncAdapter) and searches the new words. Baseline: a tick with nothing to
    pull, in the same run."""
    _at_least(args.runs, 1, "--runs")
    _at_least(args.entries, 1, "--entries")
    print(json.dumps(_publish_run(args.runs, demo.generate_entries(args.entries)),
                     ensure_ascii=False))
    return 0


MARKER = "琥珀巷临时供水点"


def _figures(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"min": round(ordered[0], 3), "median": round(statistics.median(ordered), 3),
            "p95": round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 3)}


def seat_tick(store: Any, central: Any, home: Any) -> int:
    """What the seat's sync tick does for the knowledge base (qt.wiring.SyncAdapter)."""
    received = sync.pull_tables(store, central, ("kb_entries",)).received
    if received:
        kb_service.update_index(home, store)
    return received


def _publish_run(runs: int, entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        central = central_store.make_engine(f"sqlite:///{Path(tmp) / 'central.sqlite3'}")
        central_store.upgrade(central, create=True)
        rows = list(entries)
        kb_service.load_entries(central, iter(rows), total=len(rows))
        home = open_home(Path(tmp) / "seat")
        home.ensure()
        store = local.LocalStore.open(home)
        try:
            sync.pull_tables(store, central, ("kb_entries",))
            kb_service.build_index(home)
            kb_service.search(home, "停水", None, 5)  # warm searcher, as a running seat
            editor, approver = (kb_service.upkeep.Upkeep(central, "6001"),
                                kb_service.upkeep.Upkeep(central, "2001"))
            publish_to_found: list[float] = []
            idle: list[float] = []
            for i in range(runs):
                target = rows[(i * 97) % len(rows)]
                code, word = target["code"], f"{MARKER}{i}号"
                values = {**kb_service.upkeep.entry_fields(target), "title": f"{word}{target['title']}"[:200],
                          "answer": f"{word}：{target['answer']}"}
                h = editor.draft(code, values)
                assert h.open is not None
                editor.submit(code, h.open.number)
                approver.approve(code, h.open.number)
                rows[(i * 97) % len(rows)] = {**target, **values}
                t0 = time.perf_counter()
                seat_tick(store, central, home)
                hits = kb_service.search(home, word, None, 5)
                publish_to_found.append(time.perf_counter() - t0)
                if code not in [h["code"] for h in hits]:
                    raise AssertionError(f"{code} not found after the tick: {hits[:1]}")
                t0 = time.perf_counter()
                seat_tick(store, central, home)
                kb_service.search(home, word, None, 5)
                idle.append(time.perf_counter() - t0)
        finally:
            kb_service.close_all()
            store.close()
            central.dispose()
    pub, base = _figures(publish_to_found), _figures(idle)
    return {"entries": len(rows), "runs": runs, "publish_to_found_s": pub,
            "baseline_idle_tick_s": base,
            "ratio_median": round(pub["median"] / max(base["median"], 1e-9), 1),
            "target_s": 2.0}
