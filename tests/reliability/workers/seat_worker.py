"""A seat process for the reliability scenarios, run as a real subprocess and killed -9.

    seat_worker.py save-loop --db PATH --ack PATH --run N [--central URL --push-every K]
        Opens the seat-local store, checks it (open report, PRAGMA integrity_check, every
        case of the ack file present), prints one JSON "ready" line, then saves cases until
        it is killed. A case is acknowledged by appending "id<TAB>case number<TAB>marker\\n"
        to the ack file and fsyncing it, ONLY after the save's commit returned. Every K
        saves it pushes the outbox to the central database (a kill can land there too).

    seat_worker.py push --db PATH --central URL [--batch B]
        Pushes the outbox; prints a JSON "pushed" line. With SEAT_TEST_DIE_AFTER_COMMIT=K in
        the environment it SIGKILLs itself right after the K-th batch was committed by the
        central database, before the seat acknowledged it (the hook wraps the public
        ``central.apply_ops`` inside this process; the engine's code is not changed).

    seat_worker.py open --db PATH
        Opens the store once and prints its open report (SEAT_TEST_DIE_IN_RECOVERY=1: dies
        in the middle of recovering a damaged file).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys


def _print(event: str, **data) -> None:
    sys.stdout.write(json.dumps({"event": event, **data}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _truncate_partial_line(path: str) -> None:
    """A kill while appending leaves a line without its newline: not an acknowledgment."""
    if not os.path.exists(path):
        return
    with open(path, "rb+") as fh:
        data = fh.read()
        keep = data.rfind(b"\n") + 1
        if keep != len(data):
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())


def save_loop(args: argparse.Namespace) -> None:
    from seat_app.services.cases.service import CaseService
    from seat_app.services.local.store import LocalStore
    from seat_app.services.store.engine import make_engine
    from seat_app.services.sync.engine import CentralUnavailable, push_outbox

    _truncate_partial_line(args.ack)
    acked: list[str] = []
    if os.path.exists(args.ack):
        with open(args.ack, encoding="utf-8") as fh:
            acked = [line.split("\t")[0] for line in fh if line.strip()]
    store = LocalStore.open_path(args.db, seat_code=args.seat)
    integrity = store.integrity_check()
    local_ids = {r["id"] for r in store.rows("cases", include_deleted=True)}
    missing = [a for a in acked if a not in local_ids]
    _print(
        "ready",
        run=args.run,
        open=store.open_report.status,
        integrity=integrity,
        local_cases=len(local_ids),
        acked=len(acked),
        missing_acks=len(missing),
        pending_ops=store.outbox_count(),
    )
    if args.check_only:
        store.close()
        return
    engine = make_engine(args.central) if args.central else None
    service = CaseService(store, agent="1001")
    ack = open(args.ack, "a", encoding="utf-8")  # noqa: SIM115 - kept open until killed
    parent = os.getppid()
    i = 0
    while os.getppid() == parent:  # an orphan (the test was interrupted) stops
        marker = f"run{args.run}-save{i}"
        row = service.create({**_CASE, "description": marker})
        # acknowledged: the commit returned
        ack.write(f"{row['id']}\t{row['case_number']}\t{marker}\n")
        ack.flush()
        os.fsync(ack.fileno())
        i += 1
        if engine is not None and args.push_every and i % args.push_every == 0:
            with contextlib.suppress(CentralUnavailable):
                push_outbox(store, engine, batch_size=args.batch)
        if args.max_saves and i >= args.max_saves:
            break
    _print("done", saves=i)


_CASE = {
    "channel": "电话",
    "caller_phone": "13800001234",
    "caller_name": "张先生",
    "caller_area": "盐湖区",
    "matter": "社会生活噪声",
    "description": "",
    "handling": "直接办理",
}


def push(args: argparse.Namespace) -> None:
    from seat_app.services.local.store import LocalStore
    from seat_app.services.store import central
    from seat_app.services.store.engine import make_engine
    from seat_app.services.sync.engine import push_outbox

    die_after = int(os.environ.get("SEAT_TEST_DIE_AFTER_COMMIT", "0"))
    if die_after:
        real_apply_ops = central.apply_ops
        commits = {"n": 0}

        def apply_ops_then_die(*a, **kw):
            response = real_apply_ops(*a, **kw)  # returns after the central COMMIT
            commits["n"] += 1
            if commits["n"] >= die_after:
                _print("dying", after_commit=commits["n"], ops=len(response.results))
                os.kill(os.getpid(), signal.SIGKILL)
            return response

        central.apply_ops = apply_ops_then_die  # the public function, in this process only

    store = LocalStore.open_path(args.db, seat_code=args.seat)
    engine = make_engine(args.central)
    before = store.outbox_count()
    report = push_outbox(store, engine, batch_size=args.batch)
    _print(
        "pushed",
        pending_before=before,
        sent=report.sent,
        acknowledged=report.acknowledged,
        retried=report.retried,
        rejected=report.rejected,
        batches=report.batches,
        pending_after=store.outbox_count(),
    )
    store.close()
    engine.dispose()


def open_store(args: argparse.Namespace) -> None:
    """Open the store (a start of the seat) and print its open report. With
    SEAT_TEST_DIE_IN_RECOVERY=1 the process SIGKILLs itself when the store, having moved a
    damaged file aside, creates the engine of the fresh file (a power cut mid-recovery)."""
    from seat_app.services.local import store as local_store
    from seat_app.services.local.store import LocalStore

    if os.environ.get("SEAT_TEST_DIE_IN_RECOVERY"):
        real_make_engine = local_store.make_engine

        def make_engine_then_die(*a, **kw):
            aside = [n for n in os.listdir(os.path.dirname(args.db)) if ".corrupt-" in n]
            if aside:
                _print("dying", kept_aside=aside)
                os.kill(os.getpid(), signal.SIGKILL)
            return real_make_engine(*a, **kw)

        local_store.make_engine = make_engine_then_die

    store = LocalStore.open_path(args.db, seat_code=args.seat)
    r = store.open_report
    _print(
        "opened",
        status=r.status,
        problem=r.problem,
        recovered_ops=r.recovered_ops,
        lost_ops=r.lost_ops,
        pending_ops=store.outbox_count(),
        message=r.message(),
    )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("save-loop")
    p.add_argument("--db", required=True)
    p.add_argument("--ack", required=True)
    p.add_argument("--run", type=int, required=True)
    p.add_argument("--seat", default="S01")
    p.add_argument("--central", default="")
    p.add_argument("--push-every", type=int, default=0)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--max-saves", type=int, default=0)
    p.add_argument("--check-only", action="store_true")
    p = sub.add_parser("push")
    p.add_argument("--db", required=True)
    p.add_argument("--central", required=True)
    p.add_argument("--seat", default="S01")
    p.add_argument("--batch", type=int, default=500)
    p = sub.add_parser("open")
    p.add_argument("--db", required=True)
    p.add_argument("--seat", default="S01")
    args = parser.parse_args()
    {"save-loop": save_loop, "push": push, "open": open_store}[args.mode](args)


if __name__ == "__main__":
    main()
