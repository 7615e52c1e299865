"""``seat-admin report ...``: the center's daily, monthly and annual reports; benchmark."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import date
from pathlib import Path

from seat_app import demo
from seat_app.cli import say
from seat_app.domain.queue import SeatState
from seat_app.services import config, queue, reports, store


def register(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help="报表 reports (daily, monthly, annual)")
    rs = rep.add_subparsers(dest="report_command", metavar="REPORT_COMMAND", required=True)
    annual = rs.add_parser("annual", help="年度报表 annual report")
    annual.add_argument("--year", type=int, required=True)
    monthly = rs.add_parser("monthly", help="月度报表 monthly report")
    monthly.add_argument("--year", type=int, required=True)
    monthly.add_argument("--month", type=int, required=True)
    daily = rs.add_parser("daily", help="日报 daily report")
    daily.add_argument("--date", required=True, help="YYYY-MM-DD")
    for p in (annual, monthly, daily):
        p.add_argument("--json", action="store_true", help="last line: one JSON object")
        p.add_argument("--xlsx", help="also export to this .xlsx file")
        p.add_argument("--url", help="central database URL (default: the home's)")
        p.set_defaults(func=_report)
    bench = rs.add_parser(
        "bench", help="基准测试 benchmark: annual report on SQLite and PostgreSQL, console refresh"
    )
    bench.add_argument("--year", type=int, default=2024)
    bench.add_argument(
        "--url",
        action="append",
        default=[],
        help="database URL(s) to time (default: the home's); repeatable",
    )
    bench.add_argument(
        "--generate", action="store_true", help="first generate the demo year into each URL (timed)"
    )
    bench.add_argument("--scale", type=float, default=1.0)
    bench.add_argument("--rounds", type=int, default=5, help="annual report runs (default 5)")
    bench.add_argument(
        "--json", action="store_true", help="last line: one JSON object with every figure"
    )
    bench.set_defaults(func=_bench)


def _engine(url: str | None, *, check: bool = True):
    url = url or config.open_home().central_url
    if check:
        store.check_home_central(url)  # a missing or damaged file is said, never created
    return store.make_engine(url)


def _period(args: argparse.Namespace):
    if args.report_command == "annual":
        if not 1900 < args.year < 3000:
            raise ValueError(say(f"年份不正确：{args.year}", f"bad year: {args.year}"))
        return reports.year_period(args.year)
    if args.report_command == "monthly":
        if not 1 <= args.month <= 12:
            raise ValueError(
                say(f"月份应为 1–12：{args.month}", f"month must be 1-12: {args.month}")
            )
        return reports.month_period(args.year, args.month)
    try:
        return reports.day_period(date.fromisoformat(args.date))
    except ValueError:
        raise ValueError(
            say(f"日期格式应为 YYYY-MM-DD：{args.date}", f"date must be YYYY-MM-DD: {args.date}")
        ) from None


def _xlsx_folder_problem(xlsx: str | None) -> str | None:
    """Why ``--xlsx`` cannot be written where asked (a missing folder is never created)."""
    if not xlsx:
        return None
    folder = Path(xlsx).expanduser().resolve().parent
    if not folder.exists():
        return say(
            f"导出文件夹不存在：{folder}。请先创建该文件夹，或换一个路径。",
            f"The export folder does not exist: {folder}. Create it first, or choose another path.",
        )
    if not folder.is_dir():
        return say(f"导出路径的上级不是文件夹：{folder}", f"Not a folder: {folder}")
    return None


def _report(args: argparse.Namespace) -> int:
    try:
        period = _period(args)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    problem = _xlsx_folder_problem(args.xlsx)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    engine = _engine(args.url)
    try:
        report = reports.build_report(engine, period)
    finally:
        engine.dispose()  # database errors: one message naming the file (seat_app.cli.main)
    labels = dict(reports.FIGURE_LABELS)
    print(say(f"运城12345热线 {period.label}报表", f"12345 hotline report: {period.label}"))
    for key, label in reports.FIGURE_LABELS:
        value = report.figures.get(key)
        print(f"  {label:<20} {'—' if value is None else value}")
    del labels
    if args.xlsx:
        path = reports.export_xlsx(report, args.xlsx)
        print(say(f"已导出：{path}", f"exported: {path}"))
    print(say(f"用时 {report.seconds:.3f} 秒", f"took {report.seconds:.3f} s"))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    return 0


def _bench(args: argparse.Namespace) -> int:
    import time

    from sqlalchemy import text  # start-up: loads SQLAlchemy

    urls = args.url or [None]
    results: dict[str, dict] = {}
    for url in urls:
        generation = None
        engine = _engine(url, check=not args.generate)
        name = engine.dialect.name
        try:
            if args.generate:
                store.upgrade(engine, create=True)  # --generate: a demo generator
                out = demo.generate_profile(engine, scale=args.scale)
                generation = out["total_s"]
                print(
                    f"[{name}] demo year generation: {out['total_s']} s "
                    f"(build {out['generate_s']} s, write {out['write_s']} s)"
                )
                seats = queue.SeatService(engine)
                for i in range(1, 201):  # a 200-seat floor for the console figure
                    seats.ensure_seat(
                        f"B{i:03d}",
                        agent=f"{2000 + i}",
                        state=SeatState.READY if i % 4 else SeatState.BREAK,
                    )
            report = None
            times = []
            for _ in range(max(1, args.rounds)):
                t0 = time.perf_counter()
                report = reports.build_report(engine, reports.year_period(args.year))
                times.append(time.perf_counter() - t0)
            assert report is not None
            # baseline, same run: the one cheapest query over the year's cases
            period = reports.year_period(args.year)
            base = []
            for _ in range(max(1, args.rounds)):
                t0 = time.perf_counter()
                with engine.connect() as conn:
                    conn.execute(
                        text(
                            "SELECT count(*) FROM cases WHERE accepted_at >= :a "
                            "AND accepted_at < :b"
                        ),
                        {"a": period.start, "b": period.end},
                    ).scalar()
                base.append(time.perf_counter() - t0)
            r, rb = _stats(times), _stats(base)
            print(
                f"[{name}] annual report {args.year}: min {r['min']:.3f} s, median "
                f"{r['median']:.3f} s, p95 {r['p95']:.3f} s (accepted "
                f"{report.figures['accepted_total']}, previous "
                f"{report.figures['accepted_previous_total']}); baseline count(*) of the "
                f"year's cases median {rb['median']:.3f} s, ratio {r['median'] / rb['median']:.1f}x"
            )
            poller = reports.ConsolePoller(engine)
            ctimes, cbase = [], []
            for _ in range(20):
                t0 = time.perf_counter()
                poller.poll()
                ctimes.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                with engine.connect() as conn:
                    conn.execute(text("SELECT 1")).scalar()
                cbase.append(time.perf_counter() - t0)
            c, cb = _stats(ctimes), _stats(cbase)
            print(
                f"[{name}] console refresh (one poll, all views): min {c['min'] * 1000:.1f} ms, "
                f"median {c['median'] * 1000:.1f} ms, p95 {c['p95'] * 1000:.1f} ms; baseline "
                f"SELECT 1 median {cb['median'] * 1000:.2f} ms"
            )
            results[name] = {
                "annual_report_s": {k: round(v, 3) for k, v in r.items()},
                "annual_baseline_count_s": {k: round(v, 3) for k, v in rb.items()},
                "annual_ratio": round(r["median"] / rb["median"], 2),
                "console_refresh_ms": {k: round(v * 1000, 2) for k, v in c.items()},
                "console_baseline_select1_ms": {k: round(v * 1000, 3) for k, v in cb.items()},
                "accepted_total": report.figures["accepted_total"],
                **({"generation_s": generation} if generation is not None else {}),
            }
        finally:
            engine.dispose()
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    return 0


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"min": ordered[0], "median": statistics.median(ordered), "p95": p95}
