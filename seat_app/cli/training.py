"""``seat-admin training ...``: the practice scenario library, sessions' results and the
demo that plays every scenario as a model and a careless agent.

- ``training list [--json]``: one line (or one JSON object per line) per current scenario:
  id, domain, matter, skill, difficulty, channel (the starter library is loaded on first use);
- ``training import FILE`` (.xlsx/.json): all or nothing; every bad row is printed with its
  row, column and reason, exit 2, nothing changed;
- ``training export FILE`` (.xlsx/.json);
- ``training from-cases --since DATE --limit N``: closed cases become scenarios with the
  caller's name, phone and address numbers replaced;
- ``training demo [--json]``: per-scenario scores, last line one JSON object
  {"scenarios", "pass_mark", "model_mean", "model_min", "careless_mean", "careless_max",
  "red_line_caught", "red_line_total"};
- ``training results --session ID [--json] [--xlsx FILE]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from seat_app.cli import say
from seat_app.domain.taxonomy import DOMAINS
from seat_app.domain.training import ScenarioImportError, Skill
from seat_app.services import config, store, training


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds the ``training`` command group."""
    tr = sub.add_parser("training", help="练习场景与培训 practice scenarios and sessions")
    tr.add_argument("--url", help="central database URL (default: from settings)")
    ts = tr.add_subparsers(dest="training_command", metavar="TRAINING_COMMAND", required=True)
    ls = ts.add_parser("list", help="列出练习场景 list the scenarios")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    ls.add_argument("--domain", action="append", default=[], help="only this domain (repeatable)")
    ls.add_argument("--skill", action="append", default=[], help="only this skill (repeatable)")
    ls.add_argument("--max-difficulty", type=int, default=3)
    ls.set_defaults(func=_list)
    imp = ts.add_parser("import", help="从 .xlsx/.json 导入场景 import scenarios")
    imp.add_argument("file")
    imp.set_defaults(func=_import)
    exp = ts.add_parser("export", help="导出场景到 .xlsx/.json export scenarios")
    exp.add_argument("file")
    exp.set_defaults(func=_export)
    fc = ts.add_parser("from-cases", help="把已办结工单改编为练习场景 closed cases -> scenarios")
    fc.add_argument("--since", required=True, help="YYYY-MM-DD: cases closed on or after")
    fc.add_argument("--limit", required=True, type=int, help="at most N cases")
    fc.add_argument("--seed", type=int, default=0, help="seed of the replaced personal data")
    fc.set_defaults(func=_from_cases)
    demo = ts.add_parser("demo", help="模范与粗心学员演练全部场景 play every scenario twice")
    demo.add_argument("--json", action="store_true", help="per-scenario lines as JSON too")
    demo.set_defaults(func=_demo)
    bench = ts.add_parser("bench", help="评分与课堂实况的耗时 scoring and live-grid benchmark")
    bench.add_argument("--saves", type=int, default=40)
    bench.add_argument("--trainees", type=int, default=30)
    bench.set_defaults(func=_bench)
    res = ts.add_parser("results", help="练习场次成绩 results of a session")
    res.add_argument("--session", required=True, help="session id")
    res.add_argument("--json", action="store_true")
    res.add_argument("--xlsx", help="also write the results to this .xlsx file")
    res.set_defaults(func=_results)


def _engine(args: argparse.Namespace, *, first_use: bool = False):
    home = config.open_home()
    url = args.url or home.central_url
    if url.startswith("sqlite:///") and first_use:
        home.ensure()
    engine = store.make_engine(url)
    store.upgrade(engine, create="if-fresh" if first_use else False)
    return engine


def _refuse(zh: str, en: str) -> ValueError:
    return ValueError(say(zh, en))


def _list(args: argparse.Namespace) -> int:
    # a filter that can match nothing is a typo: said, not answered with an empty list
    if not 1 <= args.max_difficulty <= 3:
        raise _refuse(f"--max-difficulty 应为 1、2 或 3：{args.max_difficulty}",
                      f"--max-difficulty must be 1, 2 or 3: {args.max_difficulty}")
    for domain in args.domain:
        if domain not in DOMAINS:
            raise _refuse(f"--domain 未知的领域：{domain}。已知领域：{'、'.join(DOMAINS)}",
                          f"--domain: unknown domain {domain}; known: {', '.join(DOMAINS)}")
    skills = [s.value for s in Skill]
    for skill in args.skill:
        if skill not in skills:
            raise _refuse(f"--skill 未知的技能：{skill}。可用：{'、'.join(skills)}",
                          f"--skill: unknown skill {skill}; known: {', '.join(skills)}")
    engine = _engine(args, first_use=True)
    try:
        training.library.ensure_starter(engine, actor="seat-admin")
        rows = training.library.list_scenarios(engine, domains=args.domain, skills=args.skill,
                                      max_difficulty=args.max_difficulty)
    finally:
        engine.dispose()
    for r in rows:
        if args.json:
            print(json.dumps(r.to_dict(), ensure_ascii=False))
        else:
            print(f"{r.scenario_id}\t{r.domain}\t{r.matter}\t{r.skill}\t{r.difficulty}\t{r.channel}")
    if not args.json:
        print(say(f"共 {len(rows)} 个场景。", f"{len(rows)} scenario(s)."), file=sys.stderr)
    return 0


def _print_problems(exc: ScenarioImportError) -> None:
    for p in exc.problems:
        where = say(f"第 {p.row} 行", f"row {p.row}") if p.row else say("文件", "file")
        print(f"{where} [{p.field}]: {say(p.zh, p.en)}", file=sys.stderr)
    print(say(f"导入失败：{len(exc.problems)} 处错误，未导入任何场景。",
              f"Import refused: {len(exc.problems)} error(s); nothing was imported."),
          file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    engine = _engine(args, first_use=True)
    try:
        training.library.ensure_starter(engine, actor="seat-admin")
        try:
            out = training.library.import_file(engine, args.file, actor="seat-admin")
        except ScenarioImportError as exc:
            _print_problems(exc)
            return 2
    finally:
        engine.dispose()
    print(say(f"已导入：新增 {out.added} 个场景，{out.new_versions} 个场景更新为新版本，"
              f"{out.unchanged} 个未变。",
              f"Imported: {out.added} new scenario(s), {out.new_versions} new version(s), "
              f"{out.unchanged} unchanged."))
    if not out.checked_units or not out.checked_kb:
        print(say("注意：中心数据库还没有单位目录或知识库，承办单位/知识条目未核对。",
                  "Note: the central database has no units or KB yet; units/KB codes were "
                  "not checked."), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        training.library.ensure_starter(engine, actor="seat-admin")
        n = training.library.export_file(engine, args.file)
    finally:
        engine.dispose()
    print(say(f"已导出 {n} 个场景到 {args.file}。", f"Exported {n} scenario(s) to {args.file}."))
    return 0


def _from_cases(args: argparse.Namespace) -> int:
    try:
        since = date.fromisoformat(args.since)
    except ValueError:
        print(say(f"日期无效：{args.since}（应为 YYYY-MM-DD）",
                  f"Invalid date: {args.since} (use YYYY-MM-DD)"), file=sys.stderr)
        return 2
    if args.limit < 1:
        print(say("--limit 至少为 1", "--limit must be at least 1"), file=sys.stderr)
        return 2
    engine = _engine(args)
    try:
        training.library.ensure_starter(engine, actor="seat-admin")
        out = training.library.from_cases(engine, since=since, limit=args.limit, actor="seat-admin",
                                 seed=args.seed)
    finally:
        engine.dispose()
    for number, zh, en in out.skipped:
        print(say(f"跳过 {number}：{zh}", f"Skipped {number}: {en}"), file=sys.stderr)
    for sid in out.added:
        print(sid)
    print(say(f"新增 {len(out.added)} 个场景（跳过 {len(out.skipped)} 件，已改编过 {out.already} 件）。",
              f"{len(out.added)} new scenario(s) ({len(out.skipped)} skipped, "
              f"{out.already} done before)."), file=sys.stderr)
    return 0


def _demo(args: argparse.Namespace) -> int:
    engine = _engine(args, first_use=True)
    try:
        summary = training.demo.play_demo(engine)
    finally:
        engine.dispose()
    for row in summary.pop("per_scenario"):
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            failed = "、".join(row["careless_failed"]) or "-"
            print(say(f"{row['id']}  模范 {row['model']:.2f}  粗心 {row['careless']:.2f}  失分项：{failed}",
                      f"{row['id']}  model {row['model']:.2f}  careless {row['careless']:.2f}  "
                      f"failed: {failed}"))
    print(say(f"演练场次：{summary['session']}", f"Demo session: {summary['session']}"),
          file=sys.stderr)
    summary.pop("session")
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def _results(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        res = training.results.session_results(engine, args.session)
        if args.xlsx:
            training.results.export_xlsx(res, args.xlsx)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(res.to_dict(), ensure_ascii=False))
    else:
        print(say(f"场次：{res.session.title}（及格线 {res.session.pass_mark:g}）",
                  f"Session: {res.session.title} (pass mark {res.session.pass_mark:g})"))
        for r in res.rows:
            mark = say("通过", "pass") if r.passed else say("未通过", "fail")
            print(f"{r.work_no}\t{r.name}\t{r.scenario_id}\t{r.score:.2f}\t{mark}\t"
                  f"{','.join(r.failed_items)}")
        print(say("薄弱项：", "Weakest items:"))
        for w in res.weakest:
            print(f"  {w.item_id}\t{w.title}\t{w.missed}/{w.applicable}")
        for t in res.trainees:
            ready = say("可上岗", "ready") if t.certification.ready else say("未达标", "not ready")
            print(f"{t.work_no}\t{t.name}\t{t.done}\t{t.mean}\t{ready}")
    if args.xlsx:
        print(say(f"已写入 {args.xlsx}", f"Written: {args.xlsx}"), file=sys.stderr)
    return 0


def _bench(args: argparse.Namespace) -> int:
    for option, value in (("--saves", args.saves), ("--trainees", args.trainees)):
        if value < 2:
            raise _refuse(f"{option} 至少为 2：{value}", f"{option} must be at least 2: {value}")
    rows = training.bench.run(saves=args.saves, trainees=args.trainees)
    print(training.bench.format_results(rows))
    return 0
