"""``seat-admin intake ...``: matter suggestions at intake (issue 16).

- ``intake suggest "TEXT" [--area A] [--json]``; ``intake suggest --batch FILE --json``
  (one request per line, optionally ``TEXT<TAB>AREA``; one JSON array per line out, best
  first, items {"matter", "subcategory", "domain", "confidence", "why"}).
- ``intake train``: on closed cases (final matter after corrections) plus the knowledge
  base's phrases; saves the seat's copy and publishes it centrally (seats hot-swap it).
- ``intake report [--since DATE] [--until DATE] [--json]``: accuracy against final matters.
- ``intake bench [--json]``: held-out demo-year cases and written requests, model vs KB
  search as a router, in the same run.

Without a usable model file, suggestions come from KB search and the command says so once
(on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from seat_app import demo
from seat_app.cli import say
from seat_app.domain.grid import suggest_units
from seat_app.domain.taxonomy import AREAS, is_area, is_matter
from seat_app.services import config, dispatch, intake, store
from seat_app.services import kb as kb_service
from seat_app.services.intake import heldout
from seat_app.services.kb.textfile import read_batch

WRITTEN_SETS = ("written_requests.jsonl", "written_requests_2.jsonl")
"""The composed written requests (tests/data/intake) the bench reads by default."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    intake = sub.add_parser("intake", help="智能分类 matter suggestions at intake")
    ins = intake.add_subparsers(dest="intake_command", metavar="INTAKE_COMMAND", required=True)
    sug = ins.add_parser("suggest", help="推荐事项 suggest the matter of a request")
    sug.add_argument("text", nargs="?", help="the citizen's request (description)")
    sug.add_argument("--area", help="the caller's area (区县)")
    sug.add_argument("--batch", help="a file with one request per line (TEXT or TEXT<TAB>AREA)")
    sug.add_argument("--json", action="store_true", help="JSON (one array per request)")
    sug.set_defaults(func=_suggest)
    tr = ins.add_parser("train", help="训练并发布模型 train on closed cases and publish")
    tr.add_argument("--url", help="central database URL (default: the home's)")
    tr.add_argument("--min-cases", type=int, default=None,
                    help="closed cases needed (default 200)")
    tr.add_argument("--no-publish", action="store_true",
                    help="只保存本机副本 keep the model on this machine only")
    tr.add_argument("--no-kb", action="store_true",
                    help="不加入知识库短语 train on the cases (and corrections) only")
    tr.add_argument("--by", default="seat-admin", help="work number recorded as publisher")
    tr.add_argument("--json", action="store_true",
                    help="stdout: one JSON object (the summary goes to stderr)")
    tr.set_defaults(func=_train)
    rep = ins.add_parser("report", help="推荐准确率 suggestion accuracy against final matters")
    rep.add_argument("--since", help="YYYY-MM-DD (inclusive)")
    rep.add_argument("--until", help="YYYY-MM-DD (exclusive)")
    rep.add_argument("--url", help="central database URL (default: the home's)")
    rep.add_argument("--json", action="store_true", help="one JSON object")
    rep.set_defaults(func=_report)
    un = ins.add_parser("units", help="推荐承办单位 units for a matter: grid + where such cases "
                                      "were finally handled")
    un.add_argument("matter")
    un.add_argument("area")
    un.add_argument("--url", help="central database URL (default: the home's)")
    un.add_argument("--json", action="store_true", help="one JSON array, best first")
    un.set_defaults(func=_units)
    bench = ins.add_parser("bench", help="基准测试 model vs KB search as a router")
    bench.add_argument("--written", action="append", default=[],
                       help="a written-requests .jsonl (repeatable; default: tests/data/intake)")
    bench.add_argument("--url", help="take demo-year cases from this database (default: the "
                                     "home's when it has closed cases, else generated)")
    bench.add_argument("--rounds", type=int, default=3)
    bench.add_argument("--json", action="store_true",
                       help="stdout: one JSON object (the table goes to stderr)")
    bench.set_defaults(func=_bench)


# -- suggest -------------------------------------------------------------------------------
class _LazySearcher:
    """The seat's KB index, opened only when KB routing is really needed."""

    def __init__(self, home: config.SeatHome) -> None:
        self.home = home
        self._searcher: Any = None

    def search(self, text: str, *, area: str | None = None, limit: int = 10) -> list[Any]:
        if self._searcher is None:
            self._searcher = kb_service.open_searcher(self.home)
        return list(self._searcher.search(text, area=area, limit=limit))


def _suggester(home: config.SeatHome) -> Any:
    s = intake.Suggester(intake.model_path(home), searcher=_LazySearcher(home))
    notice = s.take_notice()
    if notice is not None and notice.mode != "model":
        print(say(notice.zh, notice.en), file=sys.stderr)
    return s


def _check_area(area: str | None) -> None:
    if area and not is_area(area):
        raise ValueError(say(f"未知的区域：{area}。已知区域：{'、'.join(AREAS)}",
                             f"unknown area {area}; known: {', '.join(AREAS)}"))


def _suggest(args: argparse.Namespace) -> int:
    if args.batch is None and args.text is None:
        print(say("请给出诉求文字或 --batch 文件", "Give the request's text or --batch FILE"),
              file=sys.stderr)
        return 2
    _check_area(args.area)
    home = config.open_home()
    if args.batch is not None:
        pairs = read_batch(args.batch, is_area=is_area)  # refused before any output
        s = _suggester(home)
        out = sys.stdout
        for text, area in pairs:
            got = s.suggest(text, area=area or args.area)
            if args.json:
                out.write(json.dumps([g.as_dict() for g in got], ensure_ascii=False) + "\n")
            else:
                out.write(" | ".join(f"{g.matter} {g.confidence:.2f}" for g in got) + "\n")
        out.flush()
        return 0
    s = _suggester(home)
    got = s.suggest(args.text, area=args.area)
    if args.json:
        print(json.dumps([g.as_dict() for g in got], ensure_ascii=False))
        return 0
    if not got:
        print(say("没有可推荐的事项（文字太短或没有可识别的词）。",
                  "No suggestion (the text is too short or has no known word)."))
        return 0
    for i, g in enumerate(got, start=1):
        why = "、".join(g.why)
        print(f"{i}. {g.matter}  [{g.domain} · {g.subcategory}]  {g.confidence:.0%}  "
              + say(f"依据：{why}", f"because: {why}"))
    return 0


# -- train ---------------------------------------------------------------------------------
def _engine(url: str | None) -> Any:
    url = url or config.open_home().central_url
    store.check_home_central(url)  # a missing or damaged central file is said, never created
    engine = store.make_engine(url)
    store.upgrade(engine, create=False)
    return engine


def _train(args: argparse.Namespace) -> int:
    if args.min_cases is not None and args.min_cases < 0:
        raise ValueError(say(f"--min-cases 不能为负数：{args.min_cases}（0 = 只用知识库短语）",
                             f"--min-cases cannot be negative: {args.min_cases} (0 = the "
                             "knowledge base's phrases alone)"))
    home = config.open_home()
    engine = _engine(args.url)
    try:
        # one case in ten is held out (never learned from): ``intake report`` measures on it
        cases = intake.central.closed_cases(engine, exclude=heldout.is_held_out)
        corr = intake.examples_from([c for c in intake.central.corrections(engine)
                                     if not heldout.is_held_out(c.case_id)])
        min_cases = intake.MIN_CASES if args.min_cases is None else args.min_cases
        print(say(f"已结案工单 {len(cases)} 件（每个事项最多 {intake.central.MAX_CASES_PER_MATTER} 件，"
                  f"另留出十分之一不参加训练，供准确率报告使用），更正 {len(corr)} 条；训练中……",
                  f"{len(cases)} closed cases (at most {intake.central.MAX_CASES_PER_MATTER} per "
                  f"matter; one in ten more is held out for the accuracy report), {len(corr)} "
                  "corrections; training..."), file=sys.stderr)
        trained_at = datetime.now(UTC)
        model, report = intake.train([(c.text, c.matter) for c in cases], corrections=corr,
                                     min_cases=min_cases, kb=not args.no_kb)
        model.meta[heldout.META_KEY] = heldout.held_out_meta(trained_at)
        version = 0
        if not args.no_publish:
            version = intake.publish_model(engine, model, by=args.by, report=report.as_dict())
    finally:
        engine.dispose()
    size = model.save(intake.model_path(home))
    figures = {**report.as_dict(), "model_bytes": size, "version": version,
               "path": str(intake.model_path(home))}
    print(say(
        f"训练完成：{report.examples} 条样本（工单 {report.cases}，更正 {report.corrections}，"
        f"知识库 {report.kb_phrases}），{report.matters} 个事项，{report.features} 个特征，"
        f"用时 {report.train_s:.1f} 秒，模型 {size / 1024:.0f} KB"
        + (f"，已发布为第 {version} 版（座席同步时自动更换）。" if version else "，未发布。"),
        f"Trained: {report.examples} examples ({report.cases} cases, {report.corrections} "
        f"corrections, {report.kb_phrases} KB phrases), {report.matters} matters, "
        f"{report.features} features in {report.train_s:.1f} s, model {size / 1024:.0f} KB"
        + (f"; published as version {version} (seats swap it in at their next sync)."
           if version else "; not published.")), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0


# -- report --------------------------------------------------------------------------------
def _day(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        d = date.fromisoformat(value)
    except ValueError:
        raise ValueError(say(f"{name} 应为 YYYY-MM-DD：{value}",
                             f"{name} must be YYYY-MM-DD: {value}")) from None
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _report(args: argparse.Namespace) -> int:
    since, until = _day(args.since, "--since"), _day(args.until, "--until")
    if since is not None and until is not None and until <= since:
        raise ValueError(say(f"--until（{args.until}）必须晚于 --since（{args.since}）",
                             f"--until ({args.until}) must be after --since ({args.since})"))
    home = config.open_home()
    engine = _engine(args.url)
    s = _suggester(home)
    # a model is measured only on cases it never learned from; KB routing learned from none
    unseen = (heldout.unseen_by(s.model.meta) if s.status.mode == "model"
              else heldout.never_trained)
    try:
        rep = intake.accuracy_report(engine, s.suggest if s.status.mode != "none" else None,
                                     unseen=unseen, since=since, until=until)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(rep.as_dict(), ensure_ascii=False))
        return 0
    print(say(f"工单 {rep.cases} 件（记录的推荐 {rep.shown}，按当前模型重算 {rep.rescored}，"
              f"无推荐 {rep.unscored}）；更正 {rep.corrections} 条",
              f"{rep.cases} cases ({rep.shown} with the suggestion shown on record, "
              f"{rep.rescored} re-scored with the current model, {rep.unscored} without one); "
              f"{rep.corrections} corrections"))
    if rep.rescored or rep.learned:
        if unseen is heldout.never_trained:
            print(say("重算使用知识库检索路由（未从任何工单学习）。",
                      "Re-scored with KB-search routing (it learned from no case)."))
        elif unseen is None:
            print(say(f"当前模型没有记录它学习过哪些工单：{rep.learned} 件未重算、不计入准确率"
                      "（请用 seat-admin intake train 重新训练）。",
                      f"The current model does not record which cases it learned from: "
                      f"{rep.learned} cases were not re-scored and are not counted (retrain "
                      "it with seat-admin intake train)."))
        else:
            print(say(f"重算只用模型没有学习过的工单：训练时留出的十分之一（{heldout.RULE[0]}）"
                      f"和训练之后新建的工单；模型学习过的 {rep.learned} 件不计入准确率。",
                      f"Re-scored only on cases the model never learned from: the tenth held "
                      f"out at training ({heldout.RULE[1]}) and cases created after it; the "
                      f"{rep.learned} cases it learned from are not counted."))
    print(say(f"事项首选准确率 {rep.matter_top1:.1%}，前三 {rep.matter_top3:.1%}，领域首选 "
              f"{rep.domain_top1:.1%}",
              f"matter top-1 {rep.matter_top1:.1%}, top-3 {rep.matter_top3:.1%}, domain top-1 "
              f"{rep.domain_top1:.1%}"))
    for d in rep.per_domain:
        print(f"  {d.domain}\t{d.cases}\t{d.matter_top1:.1%}\t{d.matter_top3:.1%}\t"
              f"{d.domain_top1:.1%}")
    if rep.confused:
        print(say("最常混淆（最终事项 ← 首选推荐）：", "Most confused (final <- suggested):"))
        for p in rep.confused:
            print(f"  {p.final} ← {p.suggested}\t{p.count}")
    if rep.corrected_pairs:
        print(say("最常更正（更正后 ← 更正前）：", "Most corrected (to <- from):"))
        for p in rep.corrected_pairs:
            print(f"  {p.final} ← {p.suggested}\t{p.count}")
    return 0


# -- units ---------------------------------------------------------------------------------
def _units(args: argparse.Namespace) -> int:
    if not is_matter(args.matter):
        raise ValueError(say(f"未知事项：{args.matter}", f"unknown matter: {args.matter}"))
    _check_area(args.area)
    engine = _engine(args.url)
    try:
        with engine.connect() as conn:
            grid = dispatch.load_grid(conn)
        grid_units = [(s.unit.name, s.reason) for s in suggest_units(grid, args.matter, args.area)]
        history = intake.unit_history(engine, args.matter, args.area)
    finally:
        engine.dispose()
    choices = intake.combine(grid_units, history)
    if args.json:
        print(json.dumps([asdict(c) for c in choices], ensure_ascii=False))
        return 0
    if not choices:
        print(say("没有可推荐的承办单位。", "No unit to suggest."))
    for i, c in enumerate(choices, start=1):
        print(f"{i}. {c.unit}  {c.score:.2f}  " + say(c.zh, c.en))
    for name in intake.dropped_units(history):
        r = history[name]
        print(say(f"不再推荐：{name}（退件 {r.returned} 次，办结 {r.finished} 件）",
                  f"No longer suggested: {name} (returned {r.returned}, finished {r.finished})"))
    return 0


# -- bench ---------------------------------------------------------------------------------
def _default_written() -> list[Path]:
    here = Path(__file__).resolve()
    for root in (Path.cwd(), *here.parents):
        folder = root / "tests" / "data" / "intake"
        if folder.is_dir():
            return [folder / n for n in WRITTEN_SETS if (folder / n).is_file()]
    return []


def _demo_cases(args: argparse.Namespace) -> tuple[list[tuple[str, str, str]], str]:
    """(case id, text, final matter) of the demo year: from the database when it has closed
    cases, else generated in memory (the same generator as ``demo year``, small scale)."""
    home = config.open_home()
    url = args.url or (home.central_url if home.central_db_path.is_file() else "")
    if url:
        engine = _engine(url)
        try:
            rows = intake.central.closed_cases(engine, per_matter=10**9)
        finally:
            engine.dispose()
        if len(rows) >= 1000:
            return [(c.case_id, c.text, c.matter) for c in rows], "database"
    plan, _ = demo.plan_profile("yuncheng-2024", scale=demo.TEST_SCALE)
    generated = demo.generate_year(plan)
    return [(str(r[0]), str(r[15]), str(r[12])) for r in generated.cases], "generated"


def _bench(args: argparse.Namespace) -> int:
    if args.rounds < 1:
        raise ValueError(say(f"--rounds 至少为 1：{args.rounds}",
                             f"--rounds must be at least 1: {args.rounds}"))
    paths = [Path(p) for p in args.written] or _default_written()
    written: dict[str, list[dict[str, Any]]] = {}
    for path in paths:
        rows = intake.bench.load_written(path)
        for split in sorted({str(r.get("split", "test")) for r in rows}):
            written[f"{path.stem}:{split}"] = [r for r in rows
                                               if str(r.get("split", "test")) == split]
    cases, source = _demo_cases(args)
    print(say(f"演示年度工单 {len(cases)} 件（{source}），书面诉求 "
              f"{sum(len(v) for v in written.values())} 条；训练与测量中……",
              f"{len(cases)} demo-year cases ({source}), "
              f"{sum(len(v) for v in written.values())} written requests; training and "
              "measuring..."), file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as tmp:
        searcher = intake.bench.build_demo_kb(Path(tmp) / "kb")
        try:
            result = intake.bench.full(cases, written, searcher, rounds=args.rounds)
        finally:
            searcher.close()
    result["cases_source"] = source
    _print_bench(result, sys.stderr if args.json else sys.stdout)  # --json: stdout is JSON
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return 0


def _print_bench(result: dict[str, Any], out: Any) -> None:
    print(say(f"训练 {result['train_s']:.2f} 秒（工单 {result['train_cases']}，知识库短语 "
              f"{result['kb_phrases']}），模型 {result['model_bytes'] / 1024:.0f} KB，"
              f"特征 {result['features']}",
              f"training {result['train_s']:.2f} s ({result['train_cases']} cases, "
              f"{result['kb_phrases']} KB phrases), model {result['model_bytes'] / 1024:.0f} KB, "
              f"{result['features']} features"), file=out)
    head = f"{'set':<32}{'router':<20}{'n':>6}{'top1':>8}{'top3':>8}{'dom1':>8}" \
           f"{'min ms':>9}{'p50 ms':>9}{'p95 ms':>9}"
    print(head, file=out)
    for name, figures in result["sets"].items():
        for router, f in figures.items():
            print(f"{name:<32}{router:<20}{f['n']:>6}{f['matter_top1']:>8.3f}"
                  f"{f['matter_top3']:>8.3f}{f['domain_top1']:>8.3f}{f['min_ms']:>9.2f}"
                  f"{f['p50_ms']:>9.2f}{f['p95_ms']:>9.2f}", file=out)
    share = result.get("cases_heldout_named_share")
    if share is not None:
        print(say(f"注意：演示年度留出工单中 {share:.0%} 的文字直接写出了事项名称（路由轻而易举），"
                  "cases_heldout_unnamed 只计其余工单。",
                  f"Note: {share:.0%} of the held-out demo-year cases name their matter in "
                  "the text (routing them is trivial); cases_heldout_unnamed counts the "
                  "others only."), file=out)
