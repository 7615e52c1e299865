"""``seat-admin qa ...``: quality inspection (质检) from the command line.

- ``qa sample --month YYYY-MM [--seed N] [--json]``: the month's sample, one JSON line per
  sampled case (agent, rule) then a summary line;
- ``qa precheck CASE_NUMBER [--json]``: the automatic pre-checks of one stored case with
  their evidence; ``qa precheck --bench --json``: precision and recall on the demo year's
  deliberately faulty cases, and the time per case;
- ``qa report --month YYYY-MM [--json] [--xlsx FILE]``: the monthly QA report;
- ``qa calibrate --demo [--json]``: scripted inspectors of known bias score 30 cases.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from seat_app import demo
from seat_app.cli import say
from seat_app.domain.calendar import CalendarError
from seat_app.domain.quality import (
    CHECK_LABELS_ZH,
    RULE_LABELS_ZH,
    Rule,
    SamplingPlanInvalid,
    demo_calibration,
    run_prechecks,
)
from seat_app.domain.quality.faults import measure
from seat_app.domain.quality.sampling import parse_month
from seat_app.services import config, quality, store
from seat_app.services.calendar_data import load_calendar


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    qa = sub.add_parser("qa", help="质检 quality inspection (sample, precheck, report, calibrate)")
    qs = qa.add_subparsers(dest="qa_command", metavar="QA_COMMAND", required=True)
    s = qs.add_parser("sample", help="抽样 the month's sample")
    s.add_argument("--month", required=True, help="YYYY-MM")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--json", action="store_true", help="one JSON line per case, then a summary")
    s.add_argument("--save", action="store_true", help="store the sample for the inspectors")
    s.add_argument("--bench", action="store_true",
                   help="time --rounds samplings (min/median/p95) against reading the month's "
                        "case ids (baseline)")
    s.add_argument("--rounds", type=int, default=5)
    s.add_argument("--url", help="central database URL (default: the home's)")
    s.set_defaults(func=_sample)
    p = qs.add_parser("precheck", help="自动预检 pre-checks of a case (or --bench)")
    p.add_argument("case_number", nargs="?", metavar="CASE_NUMBER")
    p.add_argument("--bench", action="store_true",
                   help="precision/recall on the demo year's deliberately faulty cases")
    p.add_argument("--json", action="store_true")
    p.add_argument("--url", help="central database URL (default: the home's)")
    p.set_defaults(func=_precheck)
    r = qs.add_parser("report", help="质检报表 the monthly QA report")
    r.add_argument("--month", required=True, help="YYYY-MM")
    r.add_argument("--json", action="store_true")
    r.add_argument("--xlsx", help="also export to this .xlsx file")
    r.add_argument("--url", help="central database URL (default: the home's)")
    r.set_defaults(func=_report)
    lp = qs.add_parser("loop", help="练习闭环 assign practice for items failed twice in a month")
    lp.add_argument("--month", required=True, help="YYYY-MM")
    lp.add_argument("--json", action="store_true")
    lp.add_argument("--url", help="central database URL (default: the home's)")
    lp.set_defaults(func=_loop)
    c = qs.add_parser("calibrate", help="校准 calibration (--demo: scripted inspectors)")
    c.add_argument("--demo", action="store_true", required=True)
    c.add_argument("--json", action="store_true")
    c.add_argument("--seed", type=int, default=2024)
    c.set_defaults(func=_calibrate)


def _engine(url: str | None):
    url = url or config.open_home().central_url
    store.check_home_central(url)  # a missing or damaged file is said, never created
    return store.make_engine(url)


def _month(value: str) -> str | None:
    try:
        parse_month(value)
    except SamplingPlanInvalid as exc:
        print(say(exc.zh, exc.en), file=sys.stderr)
        return None
    return value


def _calendar():
    try:
        return load_calendar(config.open_home().root, strict=False)
    except (CalendarError, OSError):
        return None


def _sample(args: argparse.Namespace) -> int:
    if _month(args.month) is None:
        return 2
    if args.bench:
        return _sample_bench(args)
    engine = _engine(args.url)
    try:
        t0 = time.perf_counter()
        ts = quality.sample(engine, args.month, seed=args.seed, calendar=_calendar(), save=args.save,
                    by="seat-admin")
        total = time.perf_counter() - t0
    finally:
        engine.dispose()
    res = ts.result
    for pick in (*res.picks, *res.unscheduled):
        line = {"case_number": pick.case_number, "agent": pick.agent, "rule": pick.rule.value,
                "inspector": pick.inspector or None,
                "day": pick.day.isoformat() if pick.day else None}
        if args.json:
            print(json.dumps(line, ensure_ascii=False))
        else:
            print(f"{pick.case_number}  {pick.agent:<8} {RULE_LABELS_ZH[Rule(pick.rule)]}"
                  f"  {pick.inspector or '-'} {line['day'] or ''}")
    summary = {"summary": True, **res.summary(), "load_s": round(ts.load_s, 3),
               "sample_s": round(ts.sample_s, 3), "seconds": round(total, 3),
               "cpu_s": round(ts.cpu_s, 3), "target_s": 5.0,
               "sample_id": ts.sample_id or None,
               "coverage": [{"agent": c.agent, "team": c.team, "handled": c.handled,
                             "sampled": c.sampled, "by_rule": c.by_rule,
                             "planned_random": c.planned_random, "shortfall": c.shortfall,
                             "new_agent": c.new_agent} for c in res.coverage]}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, default=str))
    else:
        print(say(f"{args.month}：抽取 {summary['sampled']} 件，涉及 {summary['agents']} 名话务员，"
                  f"用时 {total:.2f} 秒", f"{args.month}: {summary['sampled']} cases of "
                  f"{summary['agents']} agents sampled in {total:.2f} s"))
        for rule, n in sorted(res.rule_counts.items()):
            print(f"  {RULE_LABELS_ZH[Rule(rule)]:<12} {n}")
        short = [c for c in res.coverage if c.shortfall]
        if short:
            print(say(f"  {len(short)} 名话务员本月工单不足，随机抽样未达计划。",
                      f"  {len(short)} agents had too few cases for the planned random sample."))
    return 0


def _sample_bench(args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    engine = _engine(args.url)
    lo, hi = quality.month_bounds_utc(args.month)
    total, cpu, base = [], [], []
    cases = 0
    try:
        for r in range(max(1, args.rounds)):
            t0 = time.perf_counter()
            with engine.connect() as conn:
                cases = len(conn.execute(sa.text(
                    "SELECT id, case_number, agent, created_at FROM cases "
                    "WHERE created_at >= :lo AND created_at < :hi"),
                    {"lo": lo.isoformat(sep=" ")[:19] if engine.dialect.name == "sqlite"
                     else lo, "hi": hi.isoformat(sep=" ")[:19]
                     if engine.dialect.name == "sqlite" else hi}).all())
            base.append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            ts = quality.sample(engine, args.month, seed=r, calendar=_calendar())
            total.append(time.perf_counter() - t1)
            cpu.append(ts.cpu_s)
    finally:
        engine.dispose()
    out = {"month": args.month, "cases": cases, "rounds": len(total),
           "seconds": _stats(total), "cpu_seconds": _stats(cpu),
           "baseline_read_ids_seconds": _stats(base),
           "ratio_median": round(statistics.median(total) / max(statistics.median(base), 1e-9),
                                 2), "target_seconds": 5.0}
    if not args.json:
        s = out["seconds"]
        print(say(f"抽样 {args.month}（{cases} 件）：最短 {s['min']} 秒，中位 {s['median']} 秒，"
                  f"P95 {s['p95']} 秒", f"sampling {args.month} ({cases} cases): min "
                  f"{s['min']} s, median {s['median']} s, p95 {s['p95']} s"))
    print(json.dumps(out, ensure_ascii=False))
    return 0


def _precheck(args: argparse.Namespace) -> int:
    if args.bench:
        return _precheck_bench(args)
    if not args.case_number:
        print(say("请给出工单号，或使用 --bench。", "Give a case number, or --bench."),
              file=sys.stderr)
        return 2
    engine = _engine(args.url)
    try:
        cases = quality.load_cases(engine, case_number=args.case_number.strip())
        if not cases:
            raise quality.CaseNotFound(args.case_number)
        ctx = quality.precheck_context(engine)
        t0 = time.perf_counter()
        results = run_prechecks(cases[0], ctx)
        ms = (time.perf_counter() - t0) * 1000
    finally:
        engine.dispose()
    case = cases[0]
    if args.json:
        for r in results:
            print(json.dumps({"check": r.check.value, "outcome": r.outcome.value,
                              "evidence": say(r.zh, r.en), "data": dict(r.data)},
                             ensure_ascii=False, default=str))
        print(json.dumps({"summary": True, "case_number": case.case_number,
                          "agent": case.agent, "failed": [r.check.value for r in results
                                                          if r.outcome == "fail"],
                          "ms": round(ms, 3)}, ensure_ascii=False))
        return 0
    print(say(f"工单 {case.case_number}（话务员 {case.agent}）自动预检：",
              f"Pre-checks of case {case.case_number} (agent {case.agent}):"))
    marks = {"pass": say("通过", "pass"), "fail": say("不通过", "FAIL"), "na": say("不适用", "n/a")}
    for r in results:
        label = say(CHECK_LABELS_ZH[r.check], r.check.value.replace("_", " "))
        print(f"  [{marks[r.outcome.value]}] {label}{say('：', ': ')}{say(r.zh, r.en)}")
    return 0


def _precheck_bench(args: argparse.Namespace) -> int:
    engine = _engine(args.url)
    try:
        truth, kinds = quality.fault_truth(engine)
        injected = None
        if not truth:
            year = quality.demo_year(engine)
            if year is None:
                print(say("中心库中没有演示年度数据：请先运行 seat-admin demo year --profile "
                          "yuncheng-2024。", "The central database holds no demo year: run "
                          "seat-admin demo year --profile yuncheng-2024 first."), file=sys.stderr)
                return 1
            print(say(f"首次运行：在 {year} 年演示数据中生成有意出错的工单（种类和比例见 "
                      "seat_app/demo/quality_faults.py）。", f"First run: deliberately faulty "
                      f"cases written into the {year} demo year (kinds and rates: "
                      "seat_app/demo/quality_faults.py)."), file=sys.stderr)
            injected = demo.quality_faults.apply(engine, year)
            truth, kinds = quality.fault_truth(engine)
        t0 = time.perf_counter()
        cases = quality.load_cases(engine, case_ids=list(truth))
        load_s = time.perf_counter() - t0
        ctx = quality.precheck_context(engine)
        ctx.kb.preload(c.kb_code for c in cases)  # type: ignore[union-attr]
        measured = measure(cases, truth, ctx)
        times: list[float] = []
        base: list[float] = []
        for _ in range(3):
            for c in cases:
                a = time.perf_counter()
                replace(c)
                b = time.perf_counter()
                run_prechecks(c, ctx)
                e = time.perf_counter()
                base.append((b - a) * 1000)
                times.append((e - b) * 1000)
    finally:
        engine.dispose()
    out = {**measured.to_dict(), "faulty": sum(1 for v in truth.values() if v),
           "kinds": kinds, "load_s": round(load_s, 3),
           "ms_per_case": _stats(times), "baseline_ms": _stats(base), "target_ms": 50.0,
           "targets": {"precision": 0.95, "recall": 0.95}}
    if injected is not None:
        out["injected"] = injected
    if not args.json:
        print(say(f"预检基准：{out['cases']} 件（有意出错 {out['faulty']} 件）",
                  f"pre-check bench: {out['cases']} cases ({out['faulty']} made faulty)"))
        print(f"  precision {out['precision']}  recall {out['recall']}")
        ms = out["ms_per_case"]
        print(f"  ms/case min {ms['min']} median {ms['median']} p95 {ms['p95']} "
              f"(baseline median {out['baseline_ms']['median']})")
    print(json.dumps(out, ensure_ascii=False, default=str))
    return 0


def _stats(xs: list[float]) -> dict[str, float]:
    if not xs:
        return {"min": 0.0, "median": 0.0, "p95": 0.0}
    s = sorted(xs)
    return {"min": round(s[0], 4), "median": round(statistics.median(s), 4),
            "p95": round(s[min(len(s) - 1, int(0.95 * len(s)))], 4)}


def _report(args: argparse.Namespace) -> int:
    if _month(args.month) is None:
        return 2
    if args.xlsx:
        folder = Path(args.xlsx).expanduser().resolve().parent
        if not folder.is_dir():
            print(say(f"导出文件夹不存在：{folder}", f"The export folder does not exist: {folder}"),
                  file=sys.stderr)
            return 2
    engine = _engine(args.url)
    try:
        rep = quality.month_report(engine, args.month)
    finally:
        engine.dispose()
    if args.xlsx:
        path = quality.export_xlsx(rep, args.xlsx)
        print(say(f"已导出：{path}", f"exported: {path}"),
              file=sys.stderr if args.json else sys.stdout)
    if args.json:  # stdout holds the JSON only
        print(json.dumps(rep, ensure_ascii=False, default=str))
        return 0
    mean = "—" if rep["mean_score"] is None else rep["mean_score"]
    rate = "—" if rep["disputes"]["upheld_rate"] is None else rep["disputes"]["upheld_rate"]
    print(say(f"{args.month} 质检报表：{rep['evaluations']} 件，平均分 {mean}",
              f"QA report {args.month}: {rep['evaluations']} evaluations, mean score {mean}"))
    for row in rep["by_agent"]:
        print(f"  {row['key']:<8} {row['evaluations']:>4}  {row['mean_score']:>6}  "
              f"{say('一票否决', 'fatal')} {row['fatal']}")
    for p in rep["pareto"][:5]:
        print(f"  {p['title']}: {p['failures']} ({p['cumulative']:.0%})")
    d = rep["disputes"]
    print(say(f"  申诉 {d['total']} 件，成立率 {rate}", f"  disputes {d['total']}, upheld rate {rate}"))
    return 0


def _loop(args: argparse.Namespace) -> int:
    if _month(args.month) is None:
        return 2
    engine = _engine(args.url)
    try:
        made = quality.run_loop(engine, args.month, quality.default_form(), by="seat-admin")
    finally:
        engine.dispose()
    for a in made:
        line = {"agent": a.agent, "item": a.item_id, "title": a.item_title,
                "failures": a.failures, "scenarios": list(a.scenario_ids),
                "cases": list(a.case_numbers)}
        print(json.dumps(line, ensure_ascii=False) if args.json else
              say(f"{a.agent} {a.item_title}：本月失分 {a.failures} 次，布置练习 "
                  f"{'、'.join(a.scenario_ids) or '（题库中无对应练习）'}",
                  f"{a.agent} {a.item_id}: failed {a.failures} times, practice "
                  f"{', '.join(a.scenario_ids) or '(no matching scenario)'}"))
    if args.json:
        print(json.dumps({"summary": True, "month": args.month, "assigned": len(made)}))
    return 0


def _calibrate(args: argparse.Namespace) -> int:
    demo = demo_calibration(quality.default_form(), seed=args.seed)
    rep = demo.report
    out = {**rep.to_dict(), "biased": list(demo.biased),
           "panel": [{"inspector": p.name, "noise": p.noise, "harshness": p.harshness,
                      "leniency": p.leniency} for p in demo.panel],
           "statistic": "krippendorff_alpha_interval"}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    alpha = "—" if rep.alpha is None else f"{rep.alpha:.3f}"
    print(say(f"演示校准：{len(rep.inspectors)} 名质检员对同样 {len(rep.cases)} 件工单盲评",
              f"Demo calibration: {len(rep.inspectors)} inspectors scored the same "
              f"{len(rep.cases)} cases blind"))
    print(say(f"  总体一致性 Krippendorff α = {alpha}", f"  overall agreement Krippendorff's "
              f"alpha = {alpha}"))
    for d in rep.deviations:
        flag = say("  ← 偏离小组", "  <- stands out") if d.stands_out else ""
        print(f"  {d.inspector}  {d.mean_deviation:+.1f}  |{d.mean_abs_deviation:.1f}|{flag}")
    return 0
