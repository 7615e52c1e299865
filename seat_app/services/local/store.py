"""The seat-local store: SQLite (WAL, ``synchronous=FULL``) on each workstation.

What it keeps: drafts autosaved while typing, the seat's cases and their events, the outbox
of changes not yet acknowledged by the central database, caches of what the seat needs
offline (knowledge base, units, users, conflicts), sync watermarks and the seat's case-number
sequence.

A save is one local transaction: the row change and its outbox entry commit together; once
``commit`` returns the save is acknowledged (``synchronous=FULL``: it survives a crash or a
power cut).

``LocalStore.open`` runs ``PRAGMA quick_check`` first. A damaged file is moved aside (kept,
renamed with a timestamp), what can be read from it (unsent ops, drafts, case-number
sequence) is carried into a fresh store, and ``store.open_report`` says what happened and
what could not be recovered.

The store is assembled from: ``local.schema`` (the mirrored and local tables),
``local.upsert`` (central rows written locally), ``local.outbox`` (unsent and refused
changes), ``local.numbers`` (case-number reservation), ``local.recovery`` (a damaged or lost
file) and ``local.salvage`` (reading a damaged SQLite file page by page).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from seat_app.domain.case import CaseNumber
from seat_app.services.config import SeatHome
from seat_app.services.local.draft_fields import current_draft_fields
from seat_app.services.local.errors import CaseNumbersPending, LocalStoreError
from seat_app.services.local.numbers import (
    CaseNumberRecord,
    _move_aside,
    _numbers_confirmed,
    _read_marker,
)
from seat_app.services.local.outbox import OutboxOp, _dumps, _json_default, _outbox_op
from seat_app.services.local.recovery import (
    OpenReport,
    _create_private,
    _kept_aside,
    _log_event,
    _private,
    _Salvage,
    _salvage,
    check_file,
)
from seat_app.services.local.schema import (
    _DRAFT_DELETE,
    _DRAFT_UPSERT,
    _GET,
    _INSERT,
    _NUMBER_TAKEN,
    _OUTBOX_INSERT,
    _PENDING_GET,
    _SEQ_GET,
    _SEQ_UPSERT,
    MIRRORED_TABLES,
    NUMBER_BLOCK,
    NUMBERS_PENDING,
    _defaults,
    _set_meta,
    case_number_seq,
    drafts,
    local_metadata,
    meta,
    outbox,
    watermarks,
)
from seat_app.services.local.upsert import _replay_op, _upsert_central_rows
from seat_app.services.store.central import (
    DELETE,
    HELD,
    INSERT,
    REJECTED,
    SYSTEM_FIELDS,
    UPDATE,
    Op,
    PushResponse,
    decode_value,
    encode_value,
)
from seat_app.services.store.engine import make_engine
from seat_app.services.store.models import KB_FIELDS, new_uuid, utcnow

__all__ = [
    "MIRRORED_TABLES",
    "NUMBERS_PENDING",
    "NUMBER_BLOCK",
    "CaseNumbersPending",
    "Draft",
    "LocalStore",
    "LocalStoreError",
    "LocalTx",
    "OpenReport",
    "OutboxOp",
    "Progress",
    "case_number_seq",
    "check_file",
    "drafts",
    "local_metadata",
    "meta",
    "outbox",
    "watermarks",
]

log = logging.getLogger(__name__)


Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Draft:
    form_id: str
    case_id: str | None
    fields: dict[str, Any]
    updated_at: datetime


def _draft_json(fields: dict[str, Any]) -> str:
    """A draft's fields as JSON that always stores: text SQLite cannot hold as UTF-8 (a lone
    surrogate pasted from a broken source) is kept as a JSON escape, so the autosave never
    fails and the draft loads back exactly as typed; anything not JSON-able is kept as its
    text."""
    try:
        text = json.dumps(fields, ensure_ascii=False, default=_json_default)
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(fields, ensure_ascii=True, default=_json_default)
    except (TypeError, ValueError):
        text = json.dumps(fields, ensure_ascii=True, default=str)
    return text


class LocalTx:
    """Writes inside one local transaction (``LocalStore.transaction()``).

    Every change of a mirrored row appends its outbox op in the same transaction.
    """

    def __init__(self, store: LocalStore, conn: Connection) -> None:
        self.store = store
        self.conn = conn

    # rows -----------------------------------------------------------------
    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(_GET[table], {"row_id": row_id}).mappings().first()
        return dict(row) if row else None

    def insert(
        self, table: str, values: dict[str, Any], *, actor: str = "", row_id: str | None = None
    ) -> dict[str, Any]:
        """A new row (revision 0 until central acknowledges it) and its insert op."""
        t = local_metadata.tables[table]
        unknown = [k for k in values if k not in t.c or k in SYSTEM_FIELDS]
        if unknown:
            raise KeyError(f"unknown or system fields for {table}: {unknown}")
        row: dict[str, Any] = _defaults(table)
        row.update(values)
        row.update(
            id=row_id or new_uuid(),
            revision=0,
            change_seq=0,
            changed_by=actor,
            changed_at=utcnow(),
            deleted=False,
        )
        self.conn.execute(_INSERT[table], row)
        changes = {k: [None, encode_value(v)] for k, v in row.items() if k not in SYSTEM_FIELDS}
        self._append(Op(new_uuid(), table, row["id"], INSERT, 0, changes, actor))
        return row

    def update(
        self, table: str, row_id: str, changes: dict[str, Any], *, actor: str = ""
    ) -> dict[str, Any] | None:
        """Change fields of a row; returns the new row, or None when nothing changed.

        The op records each changed field's old and new value and the row's last known
        central revision (the base of the merge on the central side)."""
        t = local_metadata.tables[table]
        current = self.get(table, row_id)
        if current is None:
            raise KeyError(f"{table} {row_id} not in the local store")
        diff: dict[str, list[Any]] = {}
        new_values: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in t.c or name in SYSTEM_FIELDS:
                raise KeyError(f"unknown or system field {table}.{name}")
            old_enc, new_enc = encode_value(current[name]), encode_value(value)
            if old_enc != new_enc:
                diff[name] = [old_enc, new_enc]
                new_values[name] = decode_value(t, name, new_enc)
        if not diff:
            return None
        stamp = {"changed_by": actor, "changed_at": utcnow()}
        self.conn.execute(update(t).where(t.c.id == row_id).values(**new_values, **stamp))
        self._append(Op(new_uuid(), table, row_id, UPDATE, current["revision"], diff, actor))
        current.update(new_values, **stamp)
        return current

    def delete(self, table: str, row_id: str, *, actor: str = "") -> bool:
        """Tombstone a row (``deleted = true``) and queue the delete op."""
        t = local_metadata.tables[table]
        current = self.get(table, row_id)
        if current is None or current["deleted"]:
            return False
        self.conn.execute(
            update(t)
            .where(t.c.id == row_id)
            .values(deleted=True, changed_by=actor, changed_at=utcnow())
        )
        self._append(Op(new_uuid(), table, row_id, DELETE, current["revision"], {}, actor))
        return True

    def action(self, table: str, row_id: str, kind: str, values: dict[str, Any], *,
               actor: str = "") -> Op:
        """Queue a workflow action on a row (``store.ops.ACTION_KINDS``): an outbox op with
        ``values`` as its new values; the row itself is not changed here."""
        current = self.get(table, row_id)
        if current is None:
            raise KeyError(f"{table} {row_id} not in the local store")
        changes = {k: [None, encode_value(v)] for k, v in values.items()}
        op = Op(new_uuid(), table, row_id, kind, current["revision"], changes, actor)
        self._append(op)
        return op

    def _append(self, op: Op) -> None:
        self.conn.execute(
            _OUTBOX_INSERT,
            {
                "op_id": op.op_id,
                "entity": op.entity,
                "entity_id": op.entity_id,
                "kind": op.kind,
                "base_revision": op.base_revision,
                "changes": _dumps(op.changes),
                "actor": op.actor,
                "created_at": utcnow(),
                "attempts": 0,
                "state": "pending",
            },
        )

    # case numbers ---------------------------------------------------------
    def next_case_number(self, seat_code: str, day: date) -> str:
        """The next readable case number of this seat for ``day`` (unique offline)."""
        key = f"{day:%Y%m%d}"
        if self.conn.execute(_PENDING_GET).first() is not None:
            raise CaseNumbersPending(self.store.path)
        last = self.conn.execute(_SEQ_GET, {"day": key, "seat": seat_code}).scalar()
        seq = (last or 0) + 1
        while True:
            number = str(CaseNumber(day, seat_code, seq))
            if self.conn.execute(_NUMBER_TAKEN, {"number": number}).first() is None:
                break
            seq += 1
        self._set_seq(key, seat_code, seq)
        self.store._reserve(seat_code, key, seq)
        return number

    def _set_seq(self, day: str, seat_code: str, seq: int) -> None:
        self.conn.execute(_SEQ_UPSERT, {"day": day, "seat": seat_code, "last": seq})

    # drafts ---------------------------------------------------------------
    def save_draft(self, form_id: str, fields: dict[str, Any], case_id: str | None = None) -> None:
        self.conn.execute(
            _DRAFT_UPSERT,
            {"form_id": form_id, "case_id": case_id, "fields": _draft_json(fields),
             "updated_at": utcnow()},
        )

    def delete_draft(self, form_id: str) -> None:
        self.conn.execute(_DRAFT_DELETE, {"form_id": form_id})


class LocalStore(CaseNumberRecord):
    """The seat-local SQLite store. Open with ``LocalStore.open(home)``.

    Thread-safe: the engine pools connections and every write transaction is
    ``BEGIN IMMEDIATE`` (SQLite serializes writers; readers never block in WAL mode).
    """

    def __init__(self, engine: Engine, path: Path, seat_code: str, report: OpenReport) -> None:
        self.engine = engine
        self.path = path
        self.seat_code = seat_code
        self.open_report = report
        self._lock = threading.RLock()
        self._reserved: dict[str, dict[str, int]] = {}
        self._store_id: str | None = None

    # opening ----------------------------------------------------------------
    @classmethod
    def open(cls, home: SeatHome, *, seat_code: str | None = None) -> LocalStore:
        """Open (or create) the store at ``home.local_db_path`` after a ``quick_check``.

        A damaged file is moved aside and replaced; see ``open_report``."""
        return cls.open_path(home.local_db_path, seat_code=seat_code or home.settings.seat_code)

    @classmethod
    def open_path(cls, path: Path | str, *, seat_code: str = "S01") -> LocalStore:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        report = OpenReport(path=path)
        beside = path.with_name(path.name + ".recovering")
        if not path.exists() and beside.exists():
            # a crash after the damaged file was moved aside, before the recovered store
            # (complete and durable) took its place: finish the swap
            os.replace(beside, path)
        marker, marker_problem = _read_marker(path)
        salvage: _Salvage | None = None
        if not path.exists() or path.stat().st_size == 0:
            emptied = path.exists()
            if marker is not None or marker_problem or emptied or _kept_aside(path):
                # a store this folder had is gone: damage, said loudly, never a silent start
                report.status = "lost"
                report.problem = ("文件为空（0 字节） / the file is empty (0 bytes)" if emptied
                                  else "文件不存在 / the file is missing")
                if emptied:
                    report.moved_to = _move_aside(path)
            else:
                report.status = "created"
        else:
            problem = check_file(path)
            if problem:
                salvage = _salvage(path)
                report.status = "recovered"
                report.problem = problem
                # build the recovered store beside, then swap: a crash at any point leaves
                # either the damaged file in place (recovery runs again) or the full result
                for suffix in ("", "-wal", "-shm"):
                    side = beside.with_name(beside.name + suffix)
                    if side.exists():
                        side.unlink()
                _create_private(beside)
                tmp_engine = make_engine(f"sqlite:///{beside}")
                try:
                    local_metadata.create_all(tmp_engine)
                    cls(tmp_engine, beside, seat_code, report)._restore(salvage)
                finally:
                    tmp_engine.dispose()
                report.moved_to = _move_aside(path)
                os.replace(beside, path)
        _create_private(path)
        engine = make_engine(f"sqlite:///{path}")
        try:
            local_metadata.create_all(engine)
        except Exception:
            engine.dispose()
            raise
        _private(path)
        store = cls(engine, path, seat_code, report)
        store._settle_history(marker, marker_problem)
        if salvage is not None:
            report.recovered_ops = len(salvage.ops) + len(salvage.rebuilt)
            report.rebuilt_ops = len(salvage.rebuilt)
            report.lost_ops = salvage.lost_ops
            report.lost_op_seqs = salvage.lost_op_seqs
            report.recovered_drafts = len(salvage.drafts)
            report.lost_drafts = salvage.lost_drafts
            report.recovered_cases = len({
                o["entity_id"] for o in [*salvage.ops, *salvage.rebuilt]
                if o["entity"] == "cases" and o["kind"] == INSERT
            })
            store.set_meta("recovered_from", str(report.moved_to))
        if report.status == "created":
            store.set_meta("created_at", utcnow().isoformat())
        if report.recovered:
            log.warning("local store %s: %s", report.status, report.message("en"))
            _log_event("recovery", report.message("en"))
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[LocalTx]:
        """One local write transaction; committed (durably) when the block ends."""
        with self.engine.begin() as conn:
            yield LocalTx(self, conn)

    # reads ------------------------------------------------------------------
    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        t = local_metadata.tables[table]
        with self.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.id == row_id)).mappings().first()
        return dict(row) if row else None

    def rows(
        self,
        table: str,
        *where: Any,
        order_by: Any = None,
        limit: int | None = None,
        include_deleted: bool = False,
    ) -> list[dict[str, Any]]:
        """Rows of a mirrored table (``where`` clauses on ``store.table(name).c``)."""
        t = local_metadata.tables[table]
        stmt = select(t).where(*where)
        if not include_deleted:
            stmt = stmt.where(t.c.deleted.is_(False))
        if order_by is not None:
            stmt = stmt.order_by(order_by)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    @staticmethod
    def table(name: str) -> Table:
        return local_metadata.tables[name]

    def count(self, table: str, *, include_deleted: bool = False) -> int:
        t = local_metadata.tables[table]
        stmt = select(func.count()).select_from(t)
        if "deleted" in t.c and not include_deleted:
            stmt = stmt.where(t.c.deleted.is_(False))
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    # outbox -----------------------------------------------------------------
    def pending_ops(self, limit: int | None = None) -> list[OutboxOp]:
        """Pending ops in push order, skipping entities held by a rejected op."""
        blocked = select(outbox.c.entity_id).where(outbox.c.state == REJECTED)
        stmt = (
            select(outbox)
            .where(outbox.c.state == "pending", outbox.c.entity_id.not_in(blocked))
            .order_by(outbox.c.seq)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [_outbox_op(r) for r in conn.execute(stmt).mappings()]

    def outbox_ops(self, state: str | None = None) -> list[OutboxOp]:
        stmt = select(outbox).order_by(outbox.c.seq)
        if state:
            stmt = stmt.where(outbox.c.state == state)
        with self.engine.connect() as conn:
            return [_outbox_op(r) for r in conn.execute(stmt).mappings()]

    def outbox_count(self, state: str | None = "pending") -> int:
        stmt = select(func.count()).select_from(outbox)
        if state:
            stmt = stmt.where(outbox.c.state == state)
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def has_unsent(self, table: str, row_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(
                    select(outbox.c.seq)
                    .where(outbox.c.entity == table, outbox.c.entity_id == row_id)
                    .limit(1)
                ).first()
                is not None
            )

    def record_push_failure(self, ops: list[OutboxOp], error: str) -> None:
        """Count an attempt that did not reach the central database."""
        if not ops:
            return
        with self.engine.begin() as conn:
            conn.execute(
                update(outbox)
                .where(outbox.c.op_id.in_([o.op_id for o in ops]))
                .values(attempts=outbox.c.attempts + 1, last_error=error[:500])
            )

    def acknowledge(self, ops: list[OutboxOp], response: PushResponse) -> dict[str, int]:
        """Apply central's answer in one local transaction: acknowledged ops leave the
        outbox, rejected ones stay (state ``rejected``) and the central rows replace the
        local ones that have no unsent op left."""
        counts = {"acknowledged": 0, "rejected": 0, "conflicts": 0, "rows": 0}
        acked: list[str] = []
        with self.engine.begin() as conn:
            for op, result in zip(ops, response.results, strict=True):
                if result["op_id"] != op.op_id:
                    raise LocalStoreError("central answered ops out of order")
                if result["status"] == HELD:
                    continue
                if result["status"] == REJECTED:
                    conn.execute(
                        update(outbox)
                        .where(outbox.c.op_id == op.op_id)
                        .values(
                            state=REJECTED,
                            attempts=outbox.c.attempts + 1,
                            last_error=str(result.get("error"))[:500],
                        )
                    )
                    counts["rejected"] += 1
                else:
                    acked.append(op.op_id)
                    counts["acknowledged"] += 1
                    counts["conflicts"] += len(result.get("conflicts") or [])
            for start in range(0, len(acked), 500):
                conn.execute(delete(outbox).where(outbox.c.op_id.in_(acked[start : start + 500])))
            by_table: dict[str, list[dict[str, Any]]] = {}
            for (entity, _id), row in response.rows.items():
                if entity in local_metadata.tables and entity in MIRRORED_TABLES:
                    by_table.setdefault(entity, []).append(row)
            for entity, rows in by_table.items():
                applied, _skipped = _upsert_central_rows(conn, entity, rows, self.seat_code)
                counts["rows"] += applied
            _set_meta(conn, "last_push_at", utcnow().isoformat())
        return counts

    def retry_rejected(self) -> int:
        """Put rejected ops back into the queue (after the cause was fixed)."""
        with self.engine.begin() as conn:
            return conn.execute(
                update(outbox).where(outbox.c.state == REJECTED).values(state="pending")
            ).rowcount

    # pulled rows --------------------------------------------------------------
    def apply_pulled(self, table: str, rows: list[dict[str, Any]]) -> tuple[int, int]:
        """Upsert rows pulled from central (one transaction): returns (applied, skipped).

        A row with unsent local ops is skipped (never overwritten); an older central row
        never replaces a newer one."""
        with self.engine.begin() as conn:
            return _upsert_central_rows(conn, table, rows, self.seat_code)

    def watermark(self, name: str) -> int:
        """The last central change number pulled for ``name`` (-1: never pulled)."""
        with self.engine.connect() as conn:
            value = conn.execute(
                select(watermarks.c.value).where(watermarks.c.name == name)
            ).scalar()
        return -1 if value is None else int(value)

    def set_watermark(self, name: str, value: int) -> None:
        with self.engine.begin() as conn:
            stmt = sqlite_insert(watermarks).values(name=name, value=value, updated_at=utcnow())
            stmt = stmt.on_conflict_do_update(
                index_elements=[watermarks.c.name],
                set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
            )
            conn.execute(stmt)
            _set_meta(conn, "last_pull_at", utcnow().isoformat())
            if name == "cases" and conn.execute(_PENDING_GET).first() is not None:
                _numbers_confirmed(conn, self.seat_code)

    # meta ---------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str | None) -> None:
        with self.engine.begin() as conn:
            _set_meta(conn, key, value)

    # drafts ---------------------------------------------------------------------
    def save_draft(self, form_id: str, fields: dict[str, Any], case_id: str | None = None) -> None:
        """Autosave a case form while typing (one small durable write)."""
        with self.transaction() as tx:
            tx.save_draft(form_id, fields, case_id)

    def load_draft(self, form_id: str) -> Draft | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(drafts).where(drafts.c.form_id == form_id)).mappings().first()
        return _draft(row) if row else None

    def list_drafts(self) -> list[Draft]:
        """Drafts left open (e.g. after a crash), newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(drafts).order_by(drafts.c.updated_at.desc())).mappings()
            return [_draft(r) for r in rows]

    def delete_draft(self, form_id: str) -> None:
        with self.transaction() as tx:
            tx.delete_draft(form_id)

    # knowledge base ----------------------------------------------------------------
    def iter_kb_entries(self, *, include_deleted: bool = False) -> Iterator[dict[str, Any]]:
        """KB entries of the local copy as dicts: id, KB_FIELDS, revision, change_seq,
        deleted (streamed; ordered by code)."""
        t = local_metadata.tables["kb_entries"]
        cols = [t.c.id, *(t.c[f] for f in KB_FIELDS), t.c.revision, t.c.change_seq, t.c.deleted]
        stmt = select(*cols).order_by(t.c.code)
        if not include_deleted:
            stmt = stmt.where(t.c.deleted.is_(False))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(stmt).mappings():
                yield dict(row)

    def iter_kb_changes(self, after_seq: int) -> Iterator[dict[str, Any]]:
        """KB entries changed after central change ``after_seq`` (tombstones included), in
        change order: for an incremental index update."""
        t = local_metadata.tables["kb_entries"]
        cols = [t.c.id, *(t.c[f] for f in KB_FIELDS), t.c.revision, t.c.change_seq, t.c.deleted]
        stmt = select(*cols).where(t.c.change_seq > after_seq).order_by(t.c.change_seq, t.c.id)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(stmt).mappings():
                yield dict(row)

    def kb_count(self) -> int:
        return self.count("kb_entries")

    def iter_units(self) -> Iterator[dict[str, Any]]:
        yield from self.rows("units", order_by=local_metadata.tables["units"].c.code)

    # health ----------------------------------------------------------------------
    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").all()
        return "; ".join(str(r[0]) for r in rows)

    # recovery ----------------------------------------------------------------------
    def _restore(self, salvage: _Salvage) -> None:
        with self.transaction() as tx:
            conn = tx.conn
            for op_row in [*salvage.ops, *salvage.rebuilt]:
                conn.execute(insert(outbox), {k: v for k, v in op_row.items() if k != "seq"})
                _replay_op(conn, op_row)
            for d in salvage.drafts:
                conn.execute(insert(drafts), d)
            for day, seat, last in salvage.seqs:
                tx._set_seq(day, seat, last)


def _draft(r: Any) -> Draft:
    fields = current_draft_fields(json.loads(r["fields"]))
    return Draft(r["form_id"], r["case_id"], fields, r["updated_at"])
