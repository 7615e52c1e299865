"""The sync engine: pushes the seat's outbox to the central database and pulls changes.

No Qt; safe to run from a background thread (one ``SyncEngine`` per seat; its methods
serialize on a lock). Offline is normal: a connection error puts the engine in the
``offline`` state (the status bar shows it), the outbox keeps growing and the next attempt
waits with exponential backoff.

Push: ops leave the outbox in order, in batches; central applies them idempotently (see
``central.apply_ops``) and the local store takes central's answer in one transaction
(``LocalStore.acknowledge``). A crash between the central commit and the local
acknowledgment leaves the ops in the outbox; the retry returns the first results.

Pull: per table, rows with ``watermark < change_seq <= upto`` where ``upto`` is the change
counter read in the same snapshot (REPEATABLE READ on PostgreSQL); rows with unsent local
ops are never overwritten.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from seat_app.services.config import SeatHome
from seat_app.services.local.store import LocalStore, local_metadata
from seat_app.services.store import central
from seat_app.services.store.engine import make_engine
from seat_app.services.store.models import new_uuid

Progress = Callable[[str, int, int], None]

DEFAULT_PULL_TABLES: tuple[str, ...] = (
    "units",
    "users",
    "seats",
    "cases",
    "case_events",
    "conflicts",
)
"""What a seat pulls on every sync (the KB has its own refresh: LocalStore.refresh_kb_...)."""


class SyncState(StrEnum):
    IDLE = "idle"
    """Not tried yet."""
    ONLINE = "online"
    """Last attempt reached the central database."""
    OFFLINE = "offline"
    """Central unreachable: the seat works on, the outbox grows."""
    ERROR = "error"
    """Central reachable but not usable (e.g. schema missing); needs an admin."""


SYNC_STATE_LABELS = {
    SyncState.IDLE: "未同步",
    SyncState.ONLINE: "在线",
    SyncState.OFFLINE: "离线（工单保存在本机，联网后自动上传）",
    SyncState.ERROR: "同步出错",
}


class CentralUnavailable(Exception):
    """The central database could not be reached (or failed mid-way)."""


@dataclass(slots=True)
class PushReport:
    sent: int = 0
    acknowledged: int = 0
    rejected: int = 0
    conflicts: int = 0
    retried: int = 0
    """Ops central had already applied (their first result came back)."""
    batches: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class PullReport:
    received: int = 0
    """Rows written to the local store."""
    skipped: int = 0
    """Rows not written because the seat still has unsent ops on them."""
    tables: dict[str, int] = field(default_factory=dict)
    upto: int = 0
    """The central change number the pull is complete up to."""
    seconds: float = 0.0


@dataclass(slots=True)
class SyncReport:
    state: SyncState
    push: PushReport | None = None
    pull: PullReport | None = None
    error: str | None = None


@dataclass(slots=True)
class SyncStatus:
    """What ``seat-admin sync status`` and the status bar show."""

    state: str
    pending_ops: int
    rejected_ops: int
    open_conflicts: int
    last_push_at: str | None
    last_pull_at: str | None
    last_error: str | None
    oldest_pending_at: str | None
    next_retry_in_s: float | None = None
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def label(self) -> str:
        try:
            return SYNC_STATE_LABELS[SyncState(self.state)]
        except ValueError:
            return self.state


_CONNECTION_ERRORS = (OperationalError, InterfaceError, OSError, ConnectionError)


def _is_connection_error(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, _CONNECTION_ERRORS)


def _schema_missing(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "no such table" in text or ("relation" in text and "does not exist" in text)


# ----------------------------------------------------------------------------- push / pull


def push_outbox(
    store: LocalStore, engine: Engine, *, batch_size: int = 500, max_batches: int | None = None
) -> PushReport:
    """Push pending ops in order until the outbox is empty (or ``max_batches``).

    Raises ``CentralUnavailable`` on a connection error (the ops stay in the outbox)."""
    report = PushReport()
    started = time.perf_counter()
    while max_batches is None or report.batches < max_batches:
        ops = store.pending_ops(limit=batch_size)
        if not ops:
            break
        try:
            response = central.apply_ops(engine, [o.op for o in ops], seat_code=store.seat_code)
        except Exception as exc:
            if _is_connection_error(exc) and not _schema_missing(exc):
                store.record_push_failure(ops, _short(exc))
                raise CentralUnavailable(_short(exc)) from exc
            raise
        counts = store.acknowledge(ops, response)
        report.batches += 1
        report.sent += len(ops)
        report.acknowledged += counts["acknowledged"]
        report.rejected += counts["rejected"]
        report.conflicts += counts["conflicts"]
        report.retried += sum(1 for r in response.results if r.get("retried"))
        if len(ops) < batch_size:
            break
    report.seconds = time.perf_counter() - started
    return report


def pull_tables(
    store: LocalStore,
    engine: Engine,
    tables: tuple[str, ...] | list[str] = DEFAULT_PULL_TABLES,
    *,
    progress: Progress | None = None,
    chunk: int = 2000,
) -> PullReport:
    """Pull changes of ``tables`` after each table's watermark, in change order.

    Raises ``CentralUnavailable`` on a connection error (watermarks stay where they were:
    what was written is written again next time, harmlessly)."""
    report = PullReport()
    started = time.perf_counter()
    try:
        with _snapshot(engine) as conn:
            upto = central.current_change_seq(conn)
            report.upto = upto
            for table in tables:
                after = store.watermark(table)
                if after >= upto:
                    report.tables[table] = 0
                    continue
                total = central.count_changes(conn, table, after, upto) if progress else 0
                done = 0
                for rows in central.iter_changes(conn, table, after, upto, chunk=chunk):
                    applied, skipped = store.apply_pulled(table, rows)
                    report.received += applied
                    report.skipped += skipped
                    done += len(rows)
                    if progress:
                        progress(f"pull {table}", done, total)
                report.tables[table] = done
                store.set_watermark(table, upto)
    except Exception as exc:
        if _is_connection_error(exc) and not _schema_missing(exc):
            raise CentralUnavailable(_short(exc)) from exc
        raise
    report.seconds = time.perf_counter() - started
    return report


class _snapshot:
    """A read transaction in which the change counter and the rows are one snapshot."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self):
        self.conn = self.engine.connect()
        if self.engine.dialect.name == "postgresql":
            self.conn = self.conn.execution_options(isolation_level="REPEATABLE READ")
        else:
            self.conn = self.conn.execution_options(seat_read_only=True)
        self.conn.begin()
        return self.conn

    def __exit__(self, *exc: object) -> None:
        try:
            self.conn.rollback()
        finally:
            self.conn.close()


def _short(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


# ----------------------------------------------------------------------------- the engine


class SyncEngine:
    """Push + pull for one seat, with an online/offline state and exponential backoff.

    ``run_once()`` never raises for connection problems: it returns a report whose state
    says offline. Use ``run_forever(stop_event)`` in a background thread, or call
    ``run_once()`` from a worker on a timer.
    """

    def __init__(
        self,
        store: LocalStore,
        central_url: str | None = None,
        *,
        engine: Engine | None = None,
        password: str | None = None,
        batch_size: int = 500,
        pull: tuple[str, ...] = DEFAULT_PULL_TABLES,
        backoff_base_s: float = 1.0,
        backoff_max_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if engine is None:
            if not central_url:
                raise ValueError("central_url or engine is required")
            engine = make_engine(central_url, password=password)
            self._owns_engine = True
        else:
            self._owns_engine = False
        self.store = store
        self.engine = engine
        self.batch_size = batch_size
        self.pull_list = tuple(pull)
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.clock = clock
        self.state = SyncState.IDLE
        self.last_error: str | None = None
        self.failures = 0
        self.next_attempt_at = 0.0
        self._lock = threading.Lock()

    @classmethod
    def for_home(
        cls, home: SeatHome, store: LocalStore, *, password: str | None = None, **kwargs: Any
    ) -> SyncEngine:
        return cls(store, home.central_url, password=password, **kwargs)

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()

    # single steps (raise CentralUnavailable) ---------------------------------------
    def push(self) -> PushReport:
        with self._lock:
            return push_outbox(self.store, self.engine, batch_size=self.batch_size)

    def pull(
        self, tables: tuple[str, ...] | None = None, progress: Progress | None = None
    ) -> PullReport:
        with self._lock:
            return pull_tables(self.store, self.engine, tables or self.pull_list, progress=progress)

    # the cycle ---------------------------------------------------------------------
    def due(self) -> bool:
        """True when the backoff after the last failure has passed."""
        return self.clock() >= self.next_attempt_at

    def run_once(self) -> SyncReport:
        """One push then one pull; connection errors become the offline state."""
        report = SyncReport(self.state)
        try:
            report.push = self.push()
            report.pull = self.pull()
        except CentralUnavailable as exc:
            self._failed(SyncState.OFFLINE, str(exc))
        except Exception as exc:  # schema missing, bug: visible, retried with backoff
            state = SyncState.ERROR
            message = _short(exc)
            if _schema_missing(exc):
                message = "中心库未初始化，请运行 seat-admin db upgrade (" + message + ")"
            self._failed(state, message)
        else:
            self.state = SyncState.ONLINE
            self.last_error = None
            self.failures = 0
            self.next_attempt_at = 0.0
            self._persist()
        report.state = self.state
        report.error = self.last_error
        return report

    def _failed(self, state: SyncState, message: str) -> None:
        self.state = state
        self.last_error = message
        self.failures += 1
        delay = min(self.backoff_base_s * 2 ** (self.failures - 1), self.backoff_max_s)
        delay *= 0.75 + random.random() / 2  # jitter: seats do not retry in step
        self.next_attempt_at = self.clock() + delay
        self._persist()

    def _persist(self) -> None:
        try:
            self.store.set_meta("sync_state", self.state.value)
            self.store.set_meta("last_error", self.last_error)
        except Exception:  # pragma: no cover - status only
            pass

    def run_forever(
        self,
        stop: threading.Event,
        interval_s: float = 2.0,
        on_report: Callable[[SyncReport], None] | None = None,
    ) -> None:
        """Sync every ``interval_s`` (or after the backoff) until ``stop`` is set."""
        while not stop.is_set():
            if self.due():
                report = self.run_once()
                if on_report:
                    on_report(report)
            wait = interval_s
            if self.state in (SyncState.OFFLINE, SyncState.ERROR):
                wait = max(0.05, min(interval_s, self.next_attempt_at - self.clock()))
            stop.wait(wait)

    def rejected(self, case_id: str | None = None) -> list[dict[str, Any]]:
        """Changes central refused, kept on this seat with the reason."""
        return rejected_changes(self.store, case_id)

    def retry_rejected(self, case_id: str | None = None) -> int:
        """Queue refused changes again as the rows are now (the next ``run_once`` sends)."""
        with self._lock:
            return retry_rejected(self.store, case_id)

    def status(self) -> SyncStatus:
        status = sync_status(self.store)
        status.state = self.state.value if self.state != SyncState.IDLE else status.state
        status.last_error = self.last_error if self.state != SyncState.IDLE else status.last_error
        if self.state in (SyncState.OFFLINE, SyncState.ERROR):
            status.next_retry_in_s = round(max(0.0, self.next_attempt_at - self.clock()), 1)
        return status


def sync_status(store: LocalStore) -> SyncStatus:
    """The sync status from the local store alone (no connection needed)."""
    from seat_app.services.local.store import outbox

    rejected = store.outbox_ops("rejected")
    conflicts = local_metadata.tables["conflicts"]
    with store.engine.connect() as conn:
        pending, oldest = conn.execute(
            select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.state == "pending")
        ).one()
        open_conflicts = int(
            conn.execute(
                select(func.count())
                .select_from(conflicts)
                .where(conflicts.c.status == "open", conflicts.c.deleted.is_(False))
            ).scalar_one()
        )
    if isinstance(oldest, str):  # min() loses the column type on SQLite
        oldest = datetime.fromisoformat(oldest).replace(tzinfo=UTC)
    return SyncStatus(
        state=store.get_meta("sync_state") or SyncState.IDLE.value,
        pending_ops=int(pending),
        rejected_ops=len(rejected),
        open_conflicts=open_conflicts,
        last_push_at=store.get_meta("last_push_at"),
        last_pull_at=store.get_meta("last_pull_at"),
        last_error=store.get_meta("last_error"),
        oldest_pending_at=oldest.isoformat() if oldest else None,
        rejected=rejected_changes(store),
    )


# ----------------------------------------------------------------------------- refused ops


def split_error(error: str | None) -> tuple[str, str]:
    """A stored refusal reason as (zh, en): central's case rules answer both, one a line."""
    text = (error or "").strip()
    if "\n" in text:
        zh, en = text.split("\n", 1)
        return zh.strip(), en.strip()
    return text, text


def _op_case_id(entity: str, entity_id: str, changes: dict[str, Any]) -> str | None:
    if entity == "cases":
        return entity_id
    if entity in ("case_events", "conflicts"):
        key = "case_id" if entity == "case_events" else "entity_id"
        value = (changes.get(key) or [None, None])[1]
        return value if isinstance(value, str) else None
    return None


def rejected_changes(store: LocalStore, case_id: str | None = None) -> list[dict[str, Any]]:
    """Changes the central database refused, kept on this seat (never dropped), oldest
    first: ``op_id, entity, entity_id, kind, case_id, case_number, fields, error (zh),
    error_en, attempts, created_at``. ``case_id`` narrows to one case (its row and its
    timeline entries)."""
    out: list[dict[str, Any]] = []
    numbers: dict[str, str | None] = {}
    for o in store.outbox_ops("rejected"):
        cid = _op_case_id(o.op.entity, o.op.entity_id, o.op.changes)
        if case_id is not None and cid != case_id:
            continue
        if cid is not None and cid not in numbers:
            row = store.get("cases", cid)
            numbers[cid] = row["case_number"] if row else None
        zh, en = split_error(o.last_error)
        out.append(
            {
                "op_id": o.op_id,
                "entity": o.op.entity,
                "entity_id": o.op.entity_id,
                "kind": o.op.kind,
                "case_id": cid,
                "case_number": numbers.get(cid) if cid else None,
                "fields": sorted(o.op.changes),
                "error": zh,
                "error_en": en,
                "attempts": o.attempts,
                "created_at": o.created_at.isoformat() if o.created_at else None,
            }
        )
    return out


def retry_rejected(store: LocalStore, case_id: str | None = None) -> int:
    """Send refused changes again, as the rows are now (after the agent corrected the case,
    or an admin fixed the cause centrally); returns how many ops were put back in the queue.

    In one local transaction, per refused row: a refused insert is rebuilt from the current
    local row (later edits of the row fold into it); refused and later updates fold into one
    update from the first old values to the current ones (an edit undone to the original
    leaves nothing to send); other refused ops are queued again as they are. Rebuilt ops get
    new op ids, so the central database judges them afresh. ``case_id`` limits the retry to
    one case and its timeline entries."""
    import json

    from sqlalchemy import delete, update

    from seat_app.services.local.store import local_metadata, outbox

    put_back = 0
    with store.engine.begin() as conn:
        rows = [dict(r) for r in conn.execute(select(outbox).order_by(outbox.c.seq)).mappings()]
        refused = [r for r in rows if r["state"] == "rejected"]
        if case_id is not None:
            refused = [
                r for r in refused
                if _op_case_id(r["entity"], r["entity_id"], json.loads(r["changes"])) == case_id
            ]
        done: set[tuple[str, str]] = set()
        for first in refused:
            key = (first["entity"], first["entity_id"])
            if key in done:
                continue
            done.add(key)
            same = [r for r in rows if (r["entity"], r["entity_id"]) == key]
            table = local_metadata.tables.get(first["entity"])
            current = None
            if table is not None:
                found = conn.execute(select(table).where(table.c.id == first["entity_id"]))
                current = found.mappings().first()
            ups = [r for r in same if r["kind"] == central.UPDATE and r["seq"] >= first["seq"]]
            if current is not None and first["kind"] in (central.INSERT, central.UPDATE):
                if first["kind"] == central.INSERT:
                    changes = {
                        k: [None, central.encode_value(v)]
                        for k, v in current.items() if k not in central.SYSTEM_FIELDS
                    }
                else:
                    changes = {}
                    for r in ups:
                        for name, (old, _new) in json.loads(r["changes"]).items():
                            changes.setdefault(name, [old, None])
                    for name, pair in changes.items():
                        pair[1] = central.encode_value(current[name])
                    changes = {k: v for k, v in changes.items() if v[0] != v[1]}
                folded = [r["seq"] for r in ups if r["seq"] != first["seq"]]
                if folded:
                    conn.execute(delete(outbox).where(outbox.c.seq.in_(folded)))
                if not changes:
                    conn.execute(delete(outbox).where(outbox.c.seq == first["seq"]))
                    continue
                conn.execute(
                    update(outbox).where(outbox.c.seq == first["seq"]).values(
                        op_id=new_uuid(), state="pending",
                        changes=json.dumps(changes, ensure_ascii=False),
                    )
                )
                put_back += 1
            else:
                put_back += conn.execute(
                    update(outbox)
                    .where(outbox.c.entity == key[0], outbox.c.entity_id == key[1],
                           outbox.c.state == "rejected")
                    .values(state="pending")
                ).rowcount
    return put_back


# ----------------------------------------------------------------------------- benchmark


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {"min": 0.0, "median": 0.0, "p95": 0.0}
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    p95 = ordered[min(len(ordered) - 1, max(0, int(round(0.95 * len(ordered) + 0.5)) - 1))]
    return {"min": ordered[0], "median": median, "p95": p95}


def _baseline_save_ms(workdir: Any, count: int) -> list[float]:
    """A bare sqlite3 INSERT + commit per row, WAL and synchronous=FULL like the store."""
    import sqlite3

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
    from sqlalchemy import text

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
    from sqlalchemy import text

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
    from pathlib import Path

    from seat_app.services.cases.service import CaseService
    from seat_app.services.store.engine import upgrade

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
