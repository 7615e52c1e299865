"""The sync benchmark: local save latency, push throughput and pull time against a central
database, each with a same-run baseline of what the database alone costs for the same work.

``seat-admin sync bench`` runs it (a scratch SQLite file, or a scratch PostgreSQL database
with ``--pg``)::

    from seat_app.bench.sync import run_bench
    result = run_bench("sqlite:///tmp/central.sqlite3", "/tmp/work", rounds=1)
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from seat_app.services.cases import CaseService
from seat_app.services.local import LocalStore
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.sync import pull_tables, push_outbox


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {"min": 0.0, "median": 0.0, "p95": 0.0}
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]
    return {"min": ordered[0], "median": median, "p95": p95}


def _baseline_save_ms(workdir: Any, count: int) -> list[float]:
    """A bare sqlite3 INSERT + commit per row, WAL and synchronous=FULL like the store."""
    path = workdir / "baseline-save.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)")
        out = []
        for i in range(count):
            t0 = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t VALUES (?, ?)", (f"b-{i}", "基准测试工单：夜间施工噪声。" * 4))
            conn.execute("COMMIT")
            out.append((time.perf_counter() - t0) * 1000)
        return out
    finally:
        conn.close()


def _baseline_push_ops_per_s(engine: Engine, rows: int, batch_size: int) -> float:
    """Plain batched INSERTs of ``rows`` rows into a scratch table, one transaction a batch."""
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS seat_bench_baseline"))
        conn.execute(text("CREATE TABLE seat_bench_baseline (id VARCHAR(40) PRIMARY KEY, "
                          "body TEXT)"))
    t0 = time.perf_counter()
    for lo in range(0, rows, batch_size):
        batch = [{"id": f"b-{i}", "body": "基准测试工单：夜间施工噪声。" * 4}
                 for i in range(lo, min(rows, lo + batch_size))]
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO seat_bench_baseline VALUES (:id, :body)"), batch)
    seconds = time.perf_counter() - t0
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE seat_bench_baseline"))
    return rows / seconds


def _baseline_pull_s(engine: Engine) -> float:
    """A plain SELECT of every row of the tables a pull reads."""
    t0 = time.perf_counter()
    with engine.connect() as conn:
        for table in ("cases", "case_events"):
            conn.execute(text(f"SELECT * FROM {table}")).fetchall()
    return time.perf_counter() - t0


def run_bench(
    central_url: str,
    workdir: Any,
    *,
    cases_per_round: int = 1112,
    rounds: int = 3,
    batch_size: int = 500,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Local save latency, push throughput and pull time against ``central_url`` (an empty,
    migrated or migratable database). Each round saves ``cases_per_round`` cases (3 ops
    each: the case and two timeline events) in a fresh seat store, then pushes them; then
    fresh stores pull everything (about 10,000 changes with the defaults)."""
    say = log or (lambda _m: None)
    workdir = Path(workdir)
    engine = make_engine(central_url)
    backend = engine.dialect.name
    upgrade(engine)
    save_ms: list[float] = []
    push_rates: list[float] = []
    pull_s: list[float] = []
    pulled = 0
    try:
        for r in range(rounds):
            store = LocalStore.open_path(workdir / f"push-{r}.sqlite3", seat_code=f"B{r:02d}")
            try:
                cases = CaseService(store, agent="9001")
                for i in range(cases_per_round):
                    fields = {
                        "channel": "电话",
                        "caller_phone": f"139{r:02d}{i:06d}",
                        "caller_name": "测试",
                        "matter": "社会生活噪声",
                        "description": f"基准测试工单 {r}-{i}：夜间施工噪声，影响休息。",
                        "handling": "直接办理",
                        "reply_text": "已告知来电人向生态环境部门反映。",
                    }
                    t0 = time.perf_counter()
                    cases.create(fields)
                    save_ms.append((time.perf_counter() - t0) * 1000)
                ops = store.outbox_count()
                report = push_outbox(store, engine, batch_size=batch_size)
                if store.outbox_count() or report.acknowledged != ops:
                    raise RuntimeError(f"push incomplete: {report}")
                push_rates.append(ops / report.seconds)
                say(f"round {r + 1}: saved {cases_per_round} cases, pushed {ops} ops "
                    f"in {report.seconds:.2f}s")
            finally:
                store.close()
        for r in range(rounds):
            store = LocalStore.open_path(workdir / f"pull-{r}.sqlite3", seat_code="P01")
            try:
                report = pull_tables(store, engine)
                pull_s.append(report.seconds)
                pulled = report.received
                say(f"pull {r + 1}: {report.received} changes in {report.seconds:.2f}s")
            finally:
                store.close()
        # Baselines, same run, same machine: what the database alone costs for the same
        # amount of work, without Seat's bookkeeping (outbox, op records, merge checks).
        base_save = _stats(_baseline_save_ms(workdir, cases_per_round))
        base_push = _stats([_baseline_push_ops_per_s(engine, cases_per_round * 3, batch_size)
                            for _ in range(rounds)])
        base_pull = _stats([_baseline_pull_s(engine) for _ in range(rounds)])
    finally:
        engine.dispose()
    save = _stats(save_ms)
    push = _stats(push_rates)
    pull = _stats(pull_s)
    say(f"baseline: bare SQLite commit p50 {base_save['median']:.3f} ms, p95 "
        f"{base_save['p95']:.3f} ms; plain batched INSERT {base_push['median']:.0f} rows/s; "
        f"plain SELECT of the pulled tables {base_pull['median']:.3f} s")
    return {
        "backend": backend,
        "save_p50_ms": round(save["median"], 3),
        "save_p95_ms": round(save["p95"], 3),
        "save_ms": {k: round(v, 3) for k, v in save.items()} | {"n": len(save_ms)},
        "push_ops_per_s": round(push["median"], 1),
        "push_ops_per_s_runs": {k: round(v, 1) for k, v in push.items()} | {"n": len(push_rates)},
        "pull_changes": pulled,
        "pull_10k_s": round(pull["median"] * 10_000 / max(pulled, 1), 3),
        "pull_s_runs": {k: round(v, 3) for k, v in pull.items()} | {"n": len(pull_s)},
        "baseline": {
            "bare_sqlite_commit_ms": {k: round(v, 3) for k, v in base_save.items()},
            "plain_insert_rows_per_s": round(base_push["median"], 1),
            "plain_select_s": round(base_pull["median"], 3),
        },
        "ratio": {
            "save_p95_vs_bare_commit": round(save["p95"] / max(base_save["p95"], 1e-9), 2),
            "push_vs_plain_insert": round(push["median"] / max(base_push["median"], 1e-9), 3),
            "pull_vs_plain_select": round(pull["median"] / max(base_pull["median"], 1e-9), 2),
        },
        "targets": {"save_p95_ms": 10, "push_ops_per_s": 1000, "pull_10k_s": 3},
        "machine": {"cpus": os.cpu_count(), "loadavg_1m": round(os.getloadavg()[0], 2)},
    }
