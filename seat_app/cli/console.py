"""``seat-admin console bench --seats 200 --url URL [--json]``: the lead console's
one-second poll, from query to painted (offscreen), while a live floor writes.

The painting runs in a subprocess (``python -m seat_app.qt.lead.bench``): the command line
never imports Qt. Order of one run: the floor's users and seats are made (on demand), the
console polls ``--baseline`` times with no writers (the baseline), the floor starts and
every agent signs in, then the console polls ``--polls`` times while they write. Printed:
min/median/p95 of both, the largest state age and the writers' times over the same window;
with ``--json`` the last line is one JSON object.

The writers' times, each printed: **the agent's save** (the case and its outbox op in the
seat-local store: what the agent waits for; the 50 ms target is for this one,
``writer_save_p95_ms``), **the push** (op in the outbox -> acknowledged by central; the
seat window does this in the background, ``writer_push_p95_ms``) and the queue completion.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from seat_app import demo
from seat_app.cli import say
from seat_app.services import live as live_services
from seat_app.services import store as central_store
from seat_app.services.config import open_home

TARGET_P95_MS = 100.0
TARGET_STATE_AGE_S = 2.0
TARGET_SAVE_P95_MS = 50.0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds the ``console`` command group."""
    console = sub.add_parser("console", help="班长监控台 the team lead's console")
    console_sub = console.add_subparsers(
        dest="console_command", metavar="CONSOLE_COMMAND", required=True
    )
    bench = console_sub.add_parser(
        "bench",
        help="监控台刷新（查询到绘制）在模拟座席写入时的耗时 (console poll while a "
        "live floor writes)",
    )
    bench.add_argument("--seats", type=int, default=200, help="simulated agents (default 200)")
    bench.add_argument("--url", help="central database URL (default: the home's)")
    bench.add_argument("--json", action="store_true", help="last line: one JSON object")
    bench.add_argument("--polls", type=int, default=30, help="polls with writers (default 30)")
    bench.add_argument(
        "--baseline", type=int, default=10, help="polls with no writers (default 10)"
    )
    bench.add_argument(
        "--speed",
        type=float,
        default=20.0,
        help="simulated seconds per real second (default 20: every agent "
        "saves a case about every 15 s)",
    )
    bench.add_argument(
        "--start-hour", type=int, default=10, help="simulated hour of day (default 10, a busy hour)"
    )
    bench.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes for the agents (default: threads in this process below 4 CPUs; "
        "else on PostgreSQL one per 50 seats, at most 4; 0: threads)",
    )
    bench.add_argument(
        "--screenshot",
        help="save the console at 1920x1080 as this PNG at the end of the live polls",
    )
    bench.set_defaults(func=_bench)


def _stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"min": 0.0, "median": 0.0, "p95": 0.0}
    return {
        "min": min(values),
        "median": statistics.median(values),
        "p95": live_services.p95(values),
    }


def _bench(args: argparse.Namespace) -> int:
    for name, value, low in (
        ("--seats", args.seats, 1),
        ("--polls", args.polls, 2),
        ("--baseline", args.baseline, 2),
    ):
        if value < low:
            print(
                say(f"{name} 至少为 {low}：{value}", f"{name} must be at least {low}: {value}"),
                file=sys.stderr,
            )
            return 2
    home = open_home()
    url = args.url or home.central_url
    engine = central_store.make_engine(url)
    try:
        central_store.upgrade(engine, create=False)
    finally:
        engine.dispose()
    floor = demo.live_floor(
        home,
        url,
        seats=args.seats,
        speed=args.speed,
        start=live_services.day_start(args.start_hour),
        workers=args.workers,
    )
    load_start = os.getloadavg()
    child = None
    try:
        t0 = time.perf_counter()
        made = floor.prepare()
        print(
            say(
                f"模拟座席 {args.seats} 个就绪（新建用户 {made} 个，{time.perf_counter() - t0:.0f} 秒）",
                f"{args.seats} simulated agents ready ({made} users created, "
                f"{time.perf_counter() - t0:.0f} s)",
            ),
            file=sys.stderr,
        )
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "seat_app.qt.lead.bench",
                "--url",
                url,
                "--baseline",
                str(args.baseline),
                "--live",
                str(args.polls),
                *(["--screenshot", args.screenshot] if args.screenshot else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert child.stdin is not None and child.stdout is not None
        line = child.stdout.readline()
        if line.strip() != "BASELINE_DONE":
            print(
                say(
                    "监控台进程没有完成基线测量。",
                    "The console process did not finish its baseline.",
                ),
                file=sys.stderr,
            )
            return 1
        floor.start()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and any(
            a.state == "offline" and not a.stats.errors for a in floor.agents
        ):
            time.sleep(0.5)  # every agent signed in and ready
        signed_in = sum(1 for a in floor.agents if a.state != "offline")
        go = time.monotonic()
        child.stdin.write("GO\n")
        child.stdin.flush()
        result = json.loads(child.stdout.readline())
        end = time.monotonic()
        child.wait(60)
    finally:
        floor.close()
        if child is not None and child.poll() is None:
            child.kill()
    load_end = os.getloadavg()
    records = [r for a in floor.agents for r in list(a.stats.saves) if go <= r.at <= end]
    report = floor.report()
    live, base = _stats(result["live_ms"]), _stats(result["baseline_ms"])
    save = _stats([r.local_ms for r in records])  # the agent's save: the target's figure
    push = _stats([r.push_ms for r in records])
    done = _stats([r.complete_ms for r in records if r.complete_ms])
    total = _stats([r.local_ms + r.push_ms + r.complete_ms for r in records])
    workers = f"{floor.workers} 个进程" if floor.workers else "本进程线程"
    workers_en = f"{floor.workers} processes" if floor.workers else "threads in one process"
    lines = [
        say(
            f"监控台刷新（查询+显示+绘制，{result['seats_seen']} 个座席，{signed_in} 个模拟座席写入）："
            f"最小 {live['min']:.1f} ms，中位 {live['median']:.1f} ms，p95 {live['p95']:.1f} ms",
            f"console poll (query + apply + paint, {result['seats_seen']} seats, {signed_in} "
            f"writers): min {live['min']:.1f} ms, median {live['median']:.1f} ms, "
            f"p95 {live['p95']:.1f} ms",
        ),
        say(
            f"基线（同一次运行，无写入）：最小 {base['min']:.1f} ms，中位 {base['median']:.1f} ms，"
            f"p95 {base['p95']:.1f} ms；p95 比值 {live['p95'] / max(base['p95'], 1e-9):.2f}x",
            f"baseline (same run, no writers): min {base['min']:.1f} ms, median "
            f"{base['median']:.1f} ms, p95 {base['p95']:.1f} ms; p95 ratio "
            f"{live['p95'] / max(base['p95'], 1e-9):.2f}x",
        ),
        say(
            f"座席状态最大延迟 {result['max_state_age_s']:.2f} 秒（目标 ≤ {TARGET_STATE_AGE_S:g}）",
            f"largest state age {result['max_state_age_s']:.2f} s (target <= "
            f"{TARGET_STATE_AGE_S:g})",
        ),
        say(
            f"同时段座席保存工单 {len(records)} 件（模拟座席：{workers}）：",
            f"writers' cases in the same window {len(records)} (agents: {workers_en}):",
        ),
        say(
            f"  座席保存（本机库：工单+待推送，座席等待的就是它；目标 p95 ≤ "
            f"{TARGET_SAVE_P95_MS:g} ms）：中位 {save['median']:.1f} ms，p95 {save['p95']:.1f} ms",
            f"  the agent's save (seat-local store: case + outbox op, what the agent waits "
            f"for; target p95 <= {TARGET_SAVE_P95_MS:g} ms): median {save['median']:.1f} ms, "
            f"p95 {save['p95']:.1f} ms",
        ),
        say(
            f"  推送到中心（入待推送到中心确认，后台进行）：中位 {push['median']:.1f} ms，"
            f"p95 {push['p95']:.1f} ms",
            f"  push to central (op enqueued -> acknowledged by central, in the background): "
            f"median {push['median']:.1f} ms, p95 {push['p95']:.1f} ms",
        ),
        say(
            f"  队列完成：中位 {done['median']:.1f} ms，p95 {done['p95']:.1f} ms；三项合计 p95 "
            f"{total['p95']:.1f} ms",
            f"  queue completion: median {done['median']:.1f} ms, p95 {done['p95']:.1f} ms; "
            f"all three p95 {total['p95']:.1f} ms",
        ),
        say(
            f"负载（1 分钟平均）：开始 {load_start[0]:.2f}，结束 {load_end[0]:.2f}",
            f"load average (1 min): start {load_start[0]:.2f}, end {load_end[0]:.2f}",
        ),
        say(
            f"目标：p95 ≤ {TARGET_P95_MS:g} ms {'达到' if live['p95'] <= TARGET_P95_MS else '未达到'}；"
            f"座席保存 p95 ≤ {TARGET_SAVE_P95_MS:g} ms "
            f"{'达到' if save['p95'] <= TARGET_SAVE_P95_MS else '未达到'}",
            f"targets: p95 <= {TARGET_P95_MS:g} ms "
            f"{'met' if live['p95'] <= TARGET_P95_MS else 'missed'}; the agent's save p95 <= "
            f"{TARGET_SAVE_P95_MS:g} ms {'met' if save['p95'] <= TARGET_SAVE_P95_MS else 'missed'}",
        ),
    ]
    for line_ in lines:
        print(line_)
    for err in report.errors[:5]:
        print("  ! " + err, file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                {
                    "seats": args.seats,
                    "min_ms": round(live["min"], 2),
                    "median_ms": round(live["median"], 2),
                    "p95_ms": round(live["p95"], 2),
                    "baseline_p95_ms": round(base["p95"], 2),
                    "max_state_age_s": result["max_state_age_s"],
                    "writer_save_p95_ms": round(save["p95"], 2),
                    "cases_saved": len(report.cases_saved),
                    "writer_local_save_p95_ms": round(save["p95"], 2),
                    "writers_signed_in": signed_in,
                    "writer_save_median_ms": round(save["median"], 2),
                    "writer_push_median_ms": round(push["median"], 2),
                    "writer_push_p95_ms": round(push["p95"], 2),
                    "writer_complete_p95_ms": round(done["p95"], 2),
                    "writer_total_p95_ms": round(total["p95"], 2),
                    "writer_cases_in_window": len(records),
                    "workers": floor.workers,
                    "load_avg_start": round(load_start[0], 2),
                    "load_avg_end": round(load_end[0], 2),
                }
            )
        )
    return 0
