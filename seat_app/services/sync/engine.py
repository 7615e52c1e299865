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

import random
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, func, select

from seat_app.services.config import SeatHome
from seat_app.services.local.outbox import rejected_changes, retry_rejected
from seat_app.services.local.schema import local_metadata, outbox
from seat_app.services.local.store import LocalStore
from seat_app.services.store import central
from seat_app.services.store.engine import is_connection_error, make_engine
from seat_app.services.sync import central as pull_central

Progress = Callable[[str, int, int], None]

DEFAULT_PULL_TABLES: tuple[str, ...] = (
    "units",
    "users",
    "seats",
    "cases",
    "case_events",
    "conflicts",
)
"""What a seat pulls on every sync (the KB has its own refresh: ``refresh_kb_from_central``)."""


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
    held: int = 0
    """Ops left in the outbox for a later sync (an action whose case is not central yet, or
    with no applier in this process)."""
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


def _schema_missing(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "no such table" in text or ("relation" in text and "does not exist" in text)


# ----------------------------------------------------------------------------- push / pull


ActionApplier = Callable[[central.Op], object]
"""Applies one action op (``store.ops.ACTION_KINDS``) on the central database, idempotently
(an action found applied already counts as applied). Raises ``ActionLater`` to keep it in
the outbox, an error with ``zh``/``en`` (or ValueError/LookupError) to refuse it; connection
errors propagate."""


def push_outbox(
    store: LocalStore, engine: Engine, *, batch_size: int = 500, max_batches: int | None = None,
    actions: dict[str, ActionApplier] | None = None,
) -> PushReport:
    """Push pending ops in order until the outbox is empty (or ``max_batches``).

    Row ops go to ``central.apply_ops``; an action op (a duplicate link) goes to its applier
    in ``actions`` once the ops queued before it are applied; without an applier it waits.
    Raises ``CentralUnavailable`` on a connection error (the ops stay in the outbox)."""
    report = PushReport()
    started = time.perf_counter()
    while max_batches is None or report.batches < max_batches:
        ops = store.pending_ops(limit=batch_size)
        if not ops:
            break
        try:
            response = _push_batch(store, engine, ops, actions or {})
        except Exception as exc:
            if is_connection_error(exc) and not _schema_missing(exc):
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
        held = sum(1 for r in response.results if r["status"] == central.HELD)
        report.held += held
        if len(ops) < batch_size or held == len(ops):
            break
    report.seconds = time.perf_counter() - started
    return report


def _push_batch(store: LocalStore, engine: Engine, ops: list[Any],
                actions: dict[str, ActionApplier]) -> central.PushResponse:
    """Central's answer to ``ops`` in their order: runs of row ops through ``apply_ops``,
    each action op on its own after the run before it (it needs the case those ops made)."""
    results: dict[str, dict[str, Any]] = {}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    stuck: set[tuple[str, str]] = set()  # rows with an op refused or held in this batch
    run: list[Any] = []

    def send_run() -> None:
        if not run:
            return
        held = [o for o in run if (o.op.entity, o.op.entity_id) in stuck]
        for o in held:
            results[o.op_id] = _action_result(o.op, central.HELD)
        sent = [o for o in run if o not in held]
        if sent:
            response = central.apply_ops(engine, [o.op for o in sent], seat_code=store.seat_code)
            rows.update(response.rows)
            for o, result in zip(sent, response.results, strict=True):
                results[o.op_id] = result
                if result["status"] in (central.REJECTED, central.HELD):
                    stuck.add((o.op.entity, o.op.entity_id))
        run.clear()

    for o in ops:
        if o.op.kind not in central.ACTION_KINDS:
            run.append(o)
            continue
        send_run()
        key = (o.op.entity, o.op.entity_id)
        result = _apply_action(o.op, actions.get(o.op.kind), blocked=key in stuck)
        if result["status"] != central.APPLIED:
            stuck.add(key)
        results[o.op_id] = result
    send_run()
    return central.PushResponse([results[o.op_id] for o in ops], rows)


def _apply_action(op: central.Op, applier: ActionApplier | None, *, blocked: bool) -> dict[str, Any]:
    if blocked or applier is None:
        return _action_result(op, central.HELD)
    try:
        applier(op)
    except central.ActionLater:
        return _action_result(op, central.HELD)
    except Exception as exc:
        if is_connection_error(exc) or isinstance(exc, OSError | TimeoutError):
            raise
        zh, en = getattr(exc, "zh", None), getattr(exc, "en", None)
        if zh is None and not isinstance(exc, ValueError | LookupError | central.OpRejected):
            raise
        error = f"{zh}\n{en}" if zh is not None else f"{type(exc).__name__}: {exc}"
        return _action_result(op, central.REJECTED, error=error)
    return _action_result(op, central.APPLIED)


def _action_result(op: central.Op, status: str, error: str | None = None) -> dict[str, Any]:
    return {"op_id": op.op_id, "entity": op.entity, "entity_id": op.entity_id,
            "status": status, "revision": None, "conflicts": [], "error": error}


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
        with _Snapshot(engine) as conn:
            upto = central.current_change_seq(conn)
            report.upto = upto
            for table in tables:
                after = store.watermark(table)
                if after >= upto:
                    report.tables[table] = 0
                    continue
                total = pull_central.count_changes(conn, table, after, upto) if progress else 0
                done = 0
                for rows in pull_central.iter_changes(conn, table, after, upto, chunk=chunk):
                    applied, skipped = store.apply_pulled(table, rows)
                    report.received += applied
                    report.skipped += skipped
                    done += len(rows)
                    if progress:
                        progress(f"pull {table}", done, total)
                report.tables[table] = done
                store.set_watermark(table, upto)
    except Exception as exc:
        if is_connection_error(exc) and not _schema_missing(exc):
            raise CentralUnavailable(_short(exc)) from exc
        raise
    report.seconds = time.perf_counter() - started
    return report


def refresh_kb_from_central(
    store: LocalStore,
    central_url: str,
    progress: Progress | None = None,
    *,
    password: str | None = None,
) -> int:
    """Pull KB changes since the last refresh from the central database into ``store``;
    returns the number of entries received (the seat's sync loop pulls them too)."""
    engine = make_engine(central_url, password=password)
    try:
        report = pull_tables(store, engine, ("kb_entries",), progress=progress)
    finally:
        engine.dispose()
    return report.received


class _Snapshot:
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
        actions: dict[str, ActionApplier] | None = None,
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
        self.actions: dict[str, ActionApplier] = dict(actions or {})
        """Appliers of action ops by kind (the seat's wiring adds the duplicate link)."""
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
            return push_outbox(self.store, self.engine, batch_size=self.batch_size,
                               actions=self.actions)

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
        except Exception as exc:  # noqa: BLE001 - schema missing, a bug: shown as the error state and retried with backoff; the sync loop never dies
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
        except Exception:  # noqa: BLE001 # pragma: no cover - status only: never fail a sync for it
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
