"""``seat-admin demo year --profile yuncheng-2024``: a year of center records + the year before."""

from __future__ import annotations

import argparse
import json
import sys

from seat_app import demo
from seat_app.cli import report, say
from seat_app.services import config, store


def register_year(demo_sub: argparse._SubParsersAction) -> None:
    year = demo_sub.add_parser(
        "year", help="生成一整年的演示工单、来电、评价、回访、督办、表扬 (a demo year of records)"
    )
    year.add_argument("--profile", default="yuncheng-2024", help="figures to reproduce")
    year.add_argument("--scale", type=float, default=1.0,
                      help="fraction of the real volume (default 1.0 = 787,843 cases in 2024)")
    year.add_argument("--seed", type=int, default=2024)
    year.add_argument("--url", help="central database URL (default: the home's)")
    year.add_argument("--bench", action="store_true",
                      help="afterwards time the annual report and the console refresh")
    year.set_defaults(func=_year)


def _year(args: argparse.Namespace) -> int:
    if args.profile not in demo.PROFILES:
        print(say(f"未知的演示配置：{args.profile}（可用：{'、'.join(demo.PROFILES)}）",
                  f"unknown profile: {args.profile} (known: {', '.join(demo.PROFILES)})"),
              file=sys.stderr)
        return 2
    if not 0 < args.scale <= 1:
        print(say("--scale 应在 0 到 1 之间。", "--scale must be in (0, 1]."), file=sys.stderr)
        return 2
    home = config.open_home()
    url = args.url or home.central_url
    if not args.url:
        home.ensure()
    engine = store.make_engine(url)
    try:
        store.upgrade(engine, create=True)  # a demo generator: creates, never over a damaged file
        out = demo.generate_profile(engine, args.profile, scale=args.scale, seed=args.seed,
                               progress=_progress)
    finally:
        engine.dispose()
    print(file=sys.stderr)
    print(say(f"演示年度数据已生成（用时 {out['total_s']} 秒）",
              f"demo year generated in {out['total_s']} s"))
    print(json.dumps(out, ensure_ascii=False))
    if args.bench:
        return report._bench(argparse.Namespace(year=2024, url=[url], generate=False, scale=args.scale))
    return 0


def _progress(stage: str, done: int, total: int) -> None:
    print(f"\r{stage:<18} {done}/{total}", end="", file=sys.stderr, flush=True)
