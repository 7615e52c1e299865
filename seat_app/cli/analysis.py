"""``seat-admin analysis ...``: the detectors run centrally, the alerts, the bench and the
weekly/monthly brief (see ``seat_app.services.analysis``)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from seat_app.cli import say
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
    run.add_argument("--since", type=_day, help="从该日起重新分析 analyse from this day (YYYY-MM-DD)")
    run.add_argument("--json", action="store_true")
    run.set_defaults(func=_run)
    al = asub.add_parser("alerts", help="列出预警 list alerts")
    al.add_argument("--since", type=_day, help="最后一件工单在该日或之后 last case on/after (YYYY-MM-DD)")
    al.add_argument("--kind", choices=_AlertKinds(), action="append", metavar="KIND",
                    help="预警类型 alert kind: %(choices)s")
    al.add_argument("--json", action="store_true", help="每行一个 JSON 对象 one JSON object a line")
    al.set_defaults(func=_alerts)
    act = asub.add_parser("act", help="处理预警 act on an alert")
    act.add_argument("alert_id")
    act.add_argument("action", choices=("confirm", "dismiss", "supervise", "candidate", "reopen"))
    act.add_argument("--reason", default="", help="理由（排除时必填）reason (required to dismiss)")
    act.add_argument("--work-no", default="", help="工号 your work number, for the record")
    act.set_defaults(func=_act)
    be = asub.add_parser("bench", help="检测器基准测试 detector bench (synthetic year + null year)")
    be.add_argument("--json", action="store_true", help="最后一行输出 JSON last line: JSON")
    be.add_argument("--days", type=int, default=None, help="只评估前 N 天 evaluate N days only")
    be.add_argument("--per-day", type=float, default=2158.0)
    be.add_argument("--seed", type=int, default=12345)
    be.add_argument("--year", type=int, default=2025)
    be.add_argument("--no-determinism", action="store_true",
                    help="跳过同种子重复检查 skip the same-seed rerun")
    be.set_defaults(func=_bench)
    br = asub.add_parser("brief", help="导出周报/月报 export the weekly or monthly brief")
    when = br.add_mutually_exclusive_group(required=True)
    when.add_argument("--week", type=_day, help="该周任一天 any day of the week (YYYY-MM-DD)")
    when.add_argument("--month", type=_month, help="月份 the month (YYYY-MM)")
    br.add_argument("--out", default=".", help="输出文件夹 output folder")
    br.add_argument("--format", action="append", choices=("xlsx", "docx", "html"),
                    help="格式（默认 xlsx 与 docx）formats (default xlsx and docx)")
    br.set_defaults(func=_brief)


class _AlertKinds:
    """The ``--kind`` choices, read only when argparse checks a value or shows the help:
    listing them while the parser is built would load the detectors on every start."""

    def _values(self) -> list[str]:
        # start-up: seat_app.domain.analysis loads numpy and scipy (about a second)
        from seat_app.domain.analysis.model import AlertKind

        return [k.value for k in AlertKind]

    def __contains__(self, value: object) -> bool:
        return value in self._values()

    def __iter__(self):
        return iter(self._values())


def _day(text: str):
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(say(f"日期应为 YYYY-MM-DD：{text!r}",
                                             f"a date is YYYY-MM-DD: {text!r}")) from None


def _month(text: str):
    try:
        y, m = text.strip().split("-")
        return date(int(y), int(m), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(say(f"月份应为 YYYY-MM：{text!r}",
                                             f"a month is YYYY-MM: {text!r}")) from None


def _run(args: argparse.Namespace) -> int:
    engine = central_engine(args.url)
    try:
        runs = analysis.run_analysis(engine, since=args.since,
                            progress=lambda s: print(s, file=sys.stderr) if not args.json else None)
    finally:
        engine.dispose()
    if not runs:
        print(say("没有需要分析的工单。", "No cases to analyse."))
        return 0
    for r in runs:
        if args.json:
            print(json.dumps({"kind": r.kind, "since": r.since.isoformat(),
                              "until": r.until.isoformat(), "cases_read": r.cases_read,
                              "new": r.new, "grown": r.grown, "held_back": r.held_back,
                              "seconds": round(r.seconds, 3),
                              "detector_seconds": {k: round(v, 3) for k, v in r.detector_seconds}},
                             ensure_ascii=False))
            continue
        name = say("每日检测" if r.kind == "daily" else "快速检测",
                   "daily pass" if r.kind == "daily" else "fast pass")
        print(say(f"{name}：读取 {r.cases_read} 件工单，新预警 {r.new} 条，延续增长 {r.grown} 条，"
                  f"超出每日预算暂缓 {r.held_back} 条，用时 {r.seconds:.1f} 秒。",
                  f"{name}: read {r.cases_read} cases, {r.new} new alerts, {r.grown} grown, "
                  f"{r.held_back} held back by the daily budget, {r.seconds:.1f} s."))
    return 0


def _alerts(args: argparse.Namespace) -> int:
    # start-up: seat_app.domain.analysis loads numpy and scipy
    from seat_app.domain.analysis.model import KIND_LABELS_ZH, AlertKind

    engine = central_engine(args.url)
    try:
        with engine.connect() as conn:
            found = analysis.load_alerts(conn, since=analysis.local_midnight(args.since) if args.since else None,
                                kinds=[AlertKind(k) for k in args.kind] if args.kind else None)
    finally:
        engine.dispose()
    for s in found:
        a = s.alert
        if args.json:
            print(json.dumps(s.to_json_dict(), ensure_ascii=False))
            continue
        kind = say(KIND_LABELS_ZH[a.kind], a.kind.value)
        status = say(analysis.STATUS_LABELS_ZH.get(s.status, s.status), s.status)
        print(f"{s.id[:8]}  {kind}\t{a.scope}\t{a.observed:g}/{a.expected:.1f}\t"
              f"{a.first_case_at:%Y-%m-%d %H:%M} → {a.last_case_at:%Y-%m-%d %H:%M}\t"
              f"{len(a.case_numbers)}\t{status}")
    if not args.json:
        print(say(f"共 {len(found)} 条预警。", f"{len(found)} alert(s)."))
    return 0


def _act(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    engine = central_engine(args.url)
    try:
        with engine.connect() as conn:  # a unique prefix of the id is enough (as listed)
            ids = conn.execute(select(store.AnalysisAlert.id).where(
                store.AnalysisAlert.id.like(args.alert_id.replace("%", "") + "%"))).scalars().all()
        if len(ids) != 1:
            print(say(f"找不到唯一的预警：{args.alert_id}（匹配 {len(ids)} 条）",
                      f"No unique alert {args.alert_id} ({len(ids)} match)"), file=sys.stderr)
            return 2
        status = analysis.act(engine, ids[0], args.action, reason=args.reason, work_no=args.work_no)
    finally:
        engine.dispose()
    print(say(f"预警 {ids[0][:8]} 现为：{analysis.STATUS_LABELS_ZH.get(status, status)}",
              f"Alert {ids[0][:8]} is now {status}."))
    return 0


def _bench(args: argparse.Namespace) -> int:
    # start-up: seat_app.domain.analysis loads numpy and scipy
    from seat_app.domain.analysis.bench import (
        Templates,
        format_report,
        load_stopwords,
        rjieba_tokenizer,
        run_bench,
    )
    from seat_app.domain.analysis.location import Gazetteer
    from seat_app.domain.analysis.synthetic import SyntheticConfig

    folder = analysis.default_resources()
    gaz = Gazetteer.from_dict(json.loads((folder / "gazetteer.json").read_text("utf-8")))
    tpl = Templates(json.loads((folder / "templates.json").read_text("utf-8")))
    stop = load_stopwords(folder / "stopwords.txt")
    cfg = SyntheticConfig(year=args.year, cases_per_day=args.per_day, seed=args.seed,
                          days=args.days)
    started = datetime.now()
    report = run_bench(gaz, tpl, cfg, tokenize=rjieba_tokenizer(), stopwords=stop,
                       check_determinism=not args.no_determinism,
                       progress=lambda s: print(f"[{datetime.now() - started}] {s}",
                                                file=sys.stderr))
    print(format_report(report))
    if args.json:
        print(report.to_json())
    return 0


def _brief(args: argparse.Namespace) -> int:
    period, day = ("week", args.week) if args.week else ("month", args.month)
    folder = Path(args.out)
    if not folder.is_dir():
        print(say(f"输出文件夹不存在：{folder}", f"No such output folder: {folder}"),
              file=sys.stderr)
        return 2
    engine = central_engine(args.url)
    try:
        doc = analysis.build_brief(engine, period, day)
    finally:
        engine.dispose()
    paths = analysis.export_brief(doc, folder, args.format or ("xlsx", "docx"))
    print(say(f"{doc.title}：受理 {doc.brief.overview.accepted} 件。已导出：",
              f"{doc.title}: {doc.brief.overview.accepted} cases. Written:"))
    for p in paths:
        print(f"  {p}")
    return 0
