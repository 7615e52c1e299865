"""``seat-admin analysis ...``: the detectors run centrally, the alerts, the bench and the
weekly/monthly brief (see ``seat_app.services.analysis``)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

from seat_app.cli import say
from seat_app.domain.analysis.model import KIND_LABELS_ZH, AlertKind
from seat_app.services import analysis, config, store


def central_engine(url: str | None):
    """The central database's engine; a missing or damaged embedded file is said, never
    created, and the schema is brought up to date (never created from nothing)."""
    url = url or config.open_home().central_url
    store.check_home_central(url)
    engine = store.make_engine(url)
    if url.startswith("sqlite"):
        store.upgrade(engine, create=False)
    return engine


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds the ``analysis`` command group."""
    an = sub.add_parser("analysis", help="诉求分析与预警 analysis: alerts, brief, bench")
    an.add_argument("--url", help="central database URL (default: from settings)")
    asub = an.add_subparsers(dest="analysis_command", metavar="ANALYSIS_COMMAND", required=True)
    run = asub.add_parser("run", help="运行检测（快速检测每几分钟，其余每天）run the detectors")
    run.add_argument("--since", help="从该日起重新分析 analyse from this day (YYYY-MM-DD)")
    run.add_argument(
        "--json",
        action="store_true",
        help="每次检测一行 JSON（进度写入标准错误）one JSON object a pass",
    )
    run.set_defaults(func=_run)
    al = asub.add_parser("alerts", help="列出预警 list alerts")
    al.add_argument("--since", help="最后一件工单在该日或之后 last case on/after (YYYY-MM-DD)")
    al.add_argument(
        "--kind",
        choices=[k.value for k in AlertKind],
        action="append",
        metavar="KIND",
        help="预警类型 alert kind: %(choices)s",
    )
    al.add_argument("--json", action="store_true", help="每行一个 JSON 对象 one JSON object a line")
    al.set_defaults(func=_alerts)
    act = asub.add_parser("act", help="处理预警 act on an alert")
    act.add_argument("alert_id")
    act.add_argument("action", choices=("confirm", "dismiss", "supervise", "candidate", "reopen"))
    act.add_argument("--reason", default="", help="理由（排除时必填）reason (required to dismiss)")
    act.add_argument("--work-no", default="", help="工号 your work number, for the record")
    act.set_defaults(func=_act)
    be = asub.add_parser("bench", help="检测器基准测试 detector bench (synthetic year + null year)")
    be.add_argument(
        "--json",
        action="store_true",
        help="标准输出只有一行 JSON（表格写入标准错误）stdout: one JSON line "
        "(the table goes to stderr)",
    )
    be.add_argument("--days", type=int, default=None, help="只评估前 N 天 evaluate N days only")
    be.add_argument("--per-day", type=float, default=2158.0)
    be.add_argument("--seed", type=int, default=12345)
    be.add_argument("--year", type=int, default=2025)
    be.add_argument(
        "--no-determinism", action="store_true", help="跳过同种子重复检查 skip the same-seed rerun"
    )
    be.set_defaults(func=_bench)
    br = asub.add_parser("brief", help="导出周报/月报 export the weekly or monthly brief")
    when = br.add_mutually_exclusive_group(required=True)
    when.add_argument("--week", help="该周任一天 any day of the week (YYYY-MM-DD)")
    when.add_argument("--month", help="月份 the month (YYYY-MM)")
    br.add_argument("--out", default=".", help="输出文件夹 output folder")
    br.add_argument(
        "--format",
        action="append",
        choices=("xlsx", "docx", "pdf", "html"),
        help="格式，可重复（默认 xlsx 与 docx；pdf 内嵌中文字体）formats, repeatable "
        "(default xlsx and docx; pdf embeds a Chinese font)",
    )
    br.set_defaults(func=_brief)


# Dates are read when the command runs, not by argparse's ``type=``: the parser checks
# values before ``--lang`` is applied, so its messages would always be Chinese. A bad
# date is a ValueError, which seat-admin reports in the chosen language (exit 2).
def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            say(
                f"{option} 应为日期 YYYY-MM-DD：{text!r}",
                f"{option} must be a date, YYYY-MM-DD: {text!r}",
            )
        ) from None


def _month(text: str, option: str) -> date:
    try:
        y, m = text.strip().split("-")
        if len(y) != 4:
            raise ValueError(text)
        return date(int(y), int(m), 1)
    except ValueError:
        raise ValueError(
            say(
                f"{option} 应为月份 YYYY-MM：{text!r}",
                f"{option} must be a month, YYYY-MM: {text!r}",
            )
        ) from None


def _run(args: argparse.Namespace) -> int:
    since = _day(args.since, "--since")
    engine = central_engine(args.url)
    try:
        runs = analysis.run_analysis(
            engine, since=since, progress=lambda s: print(s, file=sys.stderr)
        )
    finally:
        engine.dispose()
    if not runs:  # with --json: no line (stdout carries JSON only)
        print(
            say("没有需要分析的工单。", "No cases to analyse."),
            file=sys.stderr if args.json else sys.stdout,
        )
        return 0
    for r in runs:
        if args.json:
            print(
                json.dumps(
                    {
                        "kind": r.kind,
                        "since": r.since.isoformat(),
                        "until": r.until.isoformat(),
                        "cases_read": r.cases_read,
                        "new": r.new,
                        "grown": r.grown,
                        "held_back": r.held_back,
                        "seconds": round(r.seconds, 3),
                        "detector_seconds": {k: round(v, 3) for k, v in r.detector_seconds},
                    },
                    ensure_ascii=False,
                )
            )
            continue
        name = say(
            "每日检测" if r.kind == "daily" else "快速检测",
            "daily pass" if r.kind == "daily" else "fast pass",
        )
        print(
            say(
                f"{name}：读取 {r.cases_read} 件工单，新预警 {r.new} 条，延续增长 {r.grown} 条，"
                f"超出每日预算暂缓 {r.held_back} 条，用时 {r.seconds:.1f} 秒。",
                f"{name}: read {r.cases_read} cases, {r.new} new alerts, {r.grown} grown, "
                f"{r.held_back} held back by the daily budget, {r.seconds:.1f} s.",
            )
        )
    return 0


def _alerts(args: argparse.Namespace) -> int:
    since = _day(args.since, "--since")
    engine = central_engine(args.url)
    try:
        with engine.connect() as conn:
            found = analysis.load_alerts(
                conn,
                since=analysis.local_midnight(since) if since else None,
                kinds=[AlertKind(k) for k in args.kind] if args.kind else None,
            )
    finally:
        engine.dispose()
    for s in found:
        a = s.alert
        if args.json:
            print(json.dumps(s.to_json_dict(), ensure_ascii=False))
            continue
        kind = say(KIND_LABELS_ZH[a.kind], a.kind.value)
        status = say(analysis.STATUS_LABELS_ZH.get(s.status, s.status), s.status)
        print(
            f"{s.id[:8]}  {kind}\t{a.scope}\t{a.observed:g}/{a.expected:.1f}\t"
            f"{a.first_case_at:%Y-%m-%d %H:%M} → {a.last_case_at:%Y-%m-%d %H:%M}\t"
            f"{len(a.case_numbers)}\t{status}"
        )
    if not args.json:
        print(say(f"共 {len(found)} 条预警。", f"{len(found)} alert(s)."))
    return 0


def _act(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    engine = central_engine(args.url)
    try:
        with engine.connect() as conn:  # a unique prefix of the id is enough (as listed)
            ids = (
                conn.execute(
                    select(store.AnalysisAlert.id).where(
                        store.AnalysisAlert.id.like(args.alert_id.replace("%", "") + "%")
                    )
                )
                .scalars()
                .all()
            )
        if len(ids) != 1:
            print(
                say(
                    f"找不到唯一的预警：{args.alert_id}（匹配 {len(ids)} 条）",
                    f"No unique alert {args.alert_id} ({len(ids)} match)",
                ),
                file=sys.stderr,
            )
            return 2
        status = analysis.act(engine, ids[0], args.action, reason=args.reason, work_no=args.work_no)
    finally:
        engine.dispose()
    print(
        say(
            f"预警 {ids[0][:8]} 现为：{analysis.STATUS_LABELS_ZH.get(status, status)}",
            f"Alert {ids[0][:8]} is now {status}.",
        )
    )
    return 0


def _bench(args: argparse.Namespace) -> int:
    # the parser is built on every seat-admin command; the bench loads only when it runs
    # lazy: start-up: the bench and its generator load numpy and scipy (about a second)
    from seat_app.domain.analysis import bench, location, synthetic

    folder = analysis.default_resources()
    gaz = location.Gazetteer.from_dict(json.loads((folder / "gazetteer.json").read_text("utf-8")))
    tpl = synthetic.Templates(json.loads((folder / "templates.json").read_text("utf-8")))
    stop = bench.load_stopwords(folder / "stopwords.txt")
    cfg = synthetic.SyntheticConfig(
        year=args.year, cases_per_day=args.per_day, seed=args.seed, days=args.days
    )
    started = datetime.now()
    report = bench.run_bench(
        gaz,
        tpl,
        cfg,
        tokenize=bench.rjieba_tokenizer(),
        stopwords=stop,
        check_determinism=not args.no_determinism,
        progress=lambda s: print(f"[{datetime.now() - started}] {s}", file=sys.stderr),
    )
    if args.json:  # stdout: the one JSON line; the table for a reader goes to stderr
        print(bench.format_report(report), file=sys.stderr)
        print(json.dumps(asdict(report), ensure_ascii=False, default=str))
    else:
        print(bench.format_report(report))
    return 0


def _brief(args: argparse.Namespace) -> int:
    if args.week is not None:
        period, day = "week", _day(args.week, "--week")
    else:
        period, day = "month", _month(args.month, "--month")
    assert day is not None
    folder = Path(args.out)
    if not folder.is_dir():
        print(
            say(f"输出文件夹不存在：{folder}", f"No such output folder: {folder}"), file=sys.stderr
        )
        return 2
    engine = central_engine(args.url)
    try:
        doc = analysis.build_brief(engine, period, day)
    finally:
        engine.dispose()
    paths = analysis.export_brief(doc, folder, args.format or ("xlsx", "docx"))
    print(
        say(
            f"{doc.title}：受理 {doc.brief.overview.accepted} 件。已导出：",
            f"{doc.title}: {doc.brief.overview.accepted} cases. Written:",
        )
    )
    for p in paths:
        print(f"  {p}")
    return 0
