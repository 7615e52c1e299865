"""``seat-admin sync ...``: the seat's sync with the central database."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import tempfile
import uuid
from dataclasses import asdict

from seat_app import bench as benchmarks
from seat_app.cli import say
from seat_app.services import local
from seat_app.services import store as central_store
from seat_app.services import sync as sync_service
from seat_app.services.config import open_home


def register(sub: argparse._SubParsersAction) -> None:
    sync = sub.add_parser("sync", help="同步 sync with the central database")
    sync_sub = sync.add_subparsers(dest="sync_command", metavar="SYNC_COMMAND", required=True)
    status = sync_sub.add_parser(
        "status",
        help="同步状态：待发送、最近上传/下载、冲突 (pending ops, last push/pull, conflicts)",
    )
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(func=_status)
    run = sync_sub.add_parser("run", help="立即同步一次 one push and pull")
    run.add_argument("--json", action="store_true", help="one JSON object")
    run.add_argument("--ask-password", action="store_true", help="ask for the database password")
    run.set_defaults(func=_run)
    bench = sync_sub.add_parser("bench", help="同步基准测试 save/push/pull benchmark")
    bench.add_argument("--json", action="store_true", help="last line: one JSON object")
    bench.add_argument(
        "--pg",
        metavar="URL",
        help="PostgreSQL server URL (a scratch database is created there and dropped); "
        "default: a temporary SQLite central file",
    )
    bench.add_argument("--cases", type=int, default=1112, help="cases per round (3 ops each)")
    bench.add_argument("--rounds", type=int, default=3)
    bench.set_defaults(func=_bench)


def _status(args: argparse.Namespace) -> int:
    home = open_home()
    store = local.LocalStore.open(home)
    try:
        status = sync_service.sync_status(store)
        report = store.open_report
    finally:
        store.close()
    if args.json:
        data = status.to_json()
        data["store"] = report.status
        if report.recovered:
            data["store_message"] = report.message()
        print(json.dumps(data, ensure_ascii=False))
        return 0
    if report.recovered:
        print(report.message("en" if say("zh", "en") == "en" else "zh"))
    print(say(f"状态：{status.label}", f"State: {status.state}"))
    print(say(f"待发送：{status.pending_ops} 条", f"Pending ops: {status.pending_ops}"))
    if status.oldest_pending_at:
        print(
            say(
                f"最早待发送：{status.oldest_pending_at}",
                f"Oldest pending: {status.oldest_pending_at}",
            )
        )
    print(say(f"被中心拒收：{status.rejected_ops} 条", f"Rejected ops: {status.rejected_ops}"))
    for item in status.rejected:
        where = item.get("case_number") or item["entity_id"]
        print(
            f"  {item['entity']} {where} {item['kind']}: "
            f"{say(item['error'], item.get('error_en') or item['error'])}"
        )
    print(
        say(f"未解决冲突：{status.open_conflicts} 个", f"Open conflicts: {status.open_conflicts}")
    )
    never = say("从未", "never")
    print(
        say(
            f"最近上传：{status.last_push_at or never}",
            f"Last push: {status.last_push_at or never}",
        )
    )
    print(
        say(
            f"最近下载：{status.last_pull_at or never}",
            f"Last pull: {status.last_pull_at or never}",
        )
    )
    if status.last_error:
        print(say(f"最近错误：{status.last_error}", f"Last error: {status.last_error}"))
    return 0


def _run(args: argparse.Namespace) -> int:
    home = open_home()
    central_store.check_home_central(home.central_url)  # never sync into a new empty central file
    password = (
        getpass.getpass(say("数据库密码：", "Database password: ")) if args.ask_password else None
    )
    store = local.LocalStore.open(home)
    engine = sync_service.SyncEngine.for_home(home, store, password=password)
    try:
        report = engine.run_once()
        status = engine.status()
    finally:
        engine.close()
        store.close()
    if args.json:
        print(
            json.dumps(
                {"report": asdict(report), "status": status.to_json()},
                ensure_ascii=False,
                default=str,
            )
        )
    else:
        if report.state == sync_service.SyncState.ONLINE and report.push and report.pull:
            print(
                say(
                    f"已同步：上传 {report.push.acknowledged} 条（冲突 {report.push.conflicts}，"
                    f"拒收 {report.push.rejected}），下载 {report.pull.received} 条。",
                    f"Synced: pushed {report.push.acknowledged} ops (conflicts "
                    f"{report.push.conflicts}, rejected {report.push.rejected}), pulled "
                    f"{report.pull.received} changes.",
                )
            )
        else:
            print(
                say(
                    f"同步未完成（{status.label}）：{report.error}。待发送 {status.pending_ops} 条已保存在本机。",
                    f"Sync did not complete ({report.state}): {report.error}. "
                    f"{status.pending_ops} pending ops are kept on this seat.",
                ),
                file=sys.stderr,
            )
    return 0 if report.state == sync_service.SyncState.ONLINE else 1


def _bench(args: argparse.Namespace) -> int:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    def log(message: str) -> None:
        print(message, file=sys.stderr if args.json else sys.stdout, flush=True)

    with tempfile.TemporaryDirectory(prefix="seat-sync-bench-") as tmp:
        scratch = None
        admin_url = None
        if args.pg:
            admin_url = make_url(central_store.normalize_url(args.pg)).set(database="postgres")
            scratch = f"seat_bench_{uuid.uuid4().hex[:10]}"
            admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{scratch}"'))
            admin.dispose()
            url = admin_url.set(database=scratch).render_as_string(hide_password=False)
        else:
            url = f"sqlite:///{tmp}/central.sqlite3"
        try:
            result = benchmarks.run_bench(
                url, tmp, cases_per_round=args.cases, rounds=args.rounds, log=log
            )
        finally:
            if scratch and admin_url is not None:
                admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
                admin.dispose()
    if not args.json:
        print(
            say("本机保存 p50/p95（毫秒）", "local save p50/p95 (ms)"),
            result["save_p50_ms"],
            result["save_p95_ms"],
        )
        print(say("上传（条/秒）", "push (ops/s)"), result["push_ops_per_s"])
        print(say("下载 1 万条（秒）", "pull 10k (s)"), result["pull_10k_s"])
        print(say("与基线之比", "ratio to baseline"), result["ratio"])
    print(json.dumps(result, ensure_ascii=False))
    return 0
