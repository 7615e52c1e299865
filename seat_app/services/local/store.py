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
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from seat_app.domain.case import CaseNumber
from seat_app.services.config import SeatHome
from seat_app.services.store.central import (
    DELETE,
    HELD,
    INSERT,
    REJECTED,
    SYSTEM_FIELDS,
    UPDATE,
    Op,
    PushResponse,
    _default,
    decode_value,
    encode_value,
    row_defaults,
)
from seat_app.services.store.engine import make_engine
from seat_app.services.store.models import KB_FIELDS, Base, UTCDateTime, new_uuid, utcnow

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]

SQLITE_MAGIC = b"SQLite format 3\x00"

MIRRORED_TABLES: tuple[str, ...] = (
    "cases",
    "case_events",
    "units",
    "users",
    "seats",
    "conflicts",
    "kb_entries",
)
"""Central tables the seat keeps a copy of (same columns; no unique constraints locally)."""

local_metadata = MetaData()


def _mirror(name: str) -> Table:
    src = Base.metadata.tables[name]
    cols = [
        Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
        for c in src.columns
    ]
    return Table(name, local_metadata, *cols)


for _name in MIRRORED_TABLES:
    _mirror(_name)
_t = local_metadata.tables
Index("ix_local_cases_number", _t["cases"].c.case_number)
Index("ix_local_cases_phone", _t["cases"].c.caller_phone)
Index("ix_local_cases_created", _t["cases"].c.created_at)
Index("ix_local_case_events_case", _t["case_events"].c.case_id)
Index("ix_local_conflicts_entity", _t["conflicts"].c.entity_id)
Index("ix_local_kb_change_seq", _t["kb_entries"].c.change_seq)

outbox = Table(
    "outbox",
    local_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("op_id", String(36), nullable=False, unique=True),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("base_revision", Integer, nullable=False),
    Column("changes", Text, nullable=False),
    Column("actor", String(16), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    Column("state", String(10), nullable=False, default="pending"),
    sqlite_autoincrement=True,
)
Index("ix_outbox_entity", outbox.c.entity, outbox.c.entity_id)

drafts = Table(
    "drafts",
    local_metadata,
    Column("form_id", String(64), primary_key=True),
    Column("case_id", String(36), nullable=True),
    Column("fields", Text, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

case_number_seq = Table(
    "case_number_seq",
    local_metadata,
    Column("day", String(8), primary_key=True),
    Column("seat_code", String(8), primary_key=True),
    Column("last", Integer, nullable=False),
)

watermarks = Table(
    "watermarks",
    local_metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

meta = Table(
    "meta",
    local_metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=True),
)


# prebuilt statements of the save path (built once: a save is a few cheap executes)
_INSERT = {name: insert(local_metadata.tables[name]) for name in MIRRORED_TABLES}
_GET = {
    name: select(local_metadata.tables[name]).where(
        local_metadata.tables[name].c.id == bindparam("row_id")
    )
    for name in MIRRORED_TABLES
}
_OUTBOX_INSERT = insert(outbox)
_SEQ_GET = text("SELECT last FROM case_number_seq WHERE day = :day AND seat_code = :seat")
_SEQ_UPSERT = text(
    "INSERT INTO case_number_seq (day, seat_code, last) VALUES (:day, :seat, :last) "
    "ON CONFLICT (day, seat_code) DO UPDATE SET last = max(last, excluded.last)"
)
_NUMBER_TAKEN = text("SELECT 1 FROM cases WHERE case_number = :number LIMIT 1")
_DRAFT_UPSERT = text(
    "INSERT INTO drafts (form_id, case_id, fields, updated_at) "
    "VALUES (:form_id, :case_id, :fields, :updated_at) ON CONFLICT (form_id) DO UPDATE SET "
    "case_id = excluded.case_id, fields = excluded.fields, updated_at = excluded.updated_at"
).bindparams(bindparam("updated_at", type_=UTCDateTime()))
_DRAFT_DELETE = text("DELETE FROM drafts WHERE form_id = :form_id")
NUMBERS_PENDING = "numbers_pending"
"""meta key: set while the store must not give out case numbers (its history was lost and
the central database has not yet said which numbers this seat used)."""
_PENDING_GET = text(f"SELECT 1 FROM meta WHERE key = '{NUMBERS_PENDING}' AND value IS NOT NULL")
NUMBER_BLOCK = 100
"""Case numbers are reserved in the number record a block at a time."""


def _defaults(table: str) -> dict[str, Any]:
    """Column defaults of a table (callables evaluated per row)."""
    return row_defaults(Base.metadata.tables[table])


# ----------------------------------------------------------------------------- results


@dataclass(slots=True)
class OutboxOp:
    """An unsent change in the outbox (in push order by ``seq``)."""

    seq: int
    op: Op
    created_at: datetime
    attempts: int
    last_error: str | None
    state: str
    """pending, or rejected (central refused it: shown to the user, not retried)."""

    @property
    def op_id(self) -> str:
        return self.op.op_id


@dataclass(slots=True)
class Draft:
    form_id: str
    case_id: str | None
    fields: dict[str, Any]
    updated_at: datetime


@dataclass(slots=True)
class OpenReport:
    """What ``LocalStore.open`` found. ``status``: ok, created or recovered."""

    path: Path
    status: str = "ok"
    problem: str | None = None
    """What was wrong with the file (recovered only)."""
    moved_to: Path | None = None
    """Where the damaged file was kept."""
    recovered_ops: int = 0
    lost_ops: int | None = 0
    """Unsent ops that could not be read back (None: unknown, the outbox was unreadable)."""
    recovered_drafts: int = 0
    lost_drafts: int | None = 0
    lost_op_seqs: list[int] = field(default_factory=list)
    rebuilt_ops: int = 0
    """Insert ops rebuilt from unacknowledged case / event rows whose op was lost."""
    recovered_cases: int = 0
    """Saved, unsent cases back in the outbox (from recovered or rebuilt ops)."""
    numbers_from: int | None = None
    """lost/replaced: the case-number sequence continues after this (None: it waits for
    the central database, see ``LocalTx.next_case_number``)."""

    @property
    def recovered(self) -> bool:
        """True when the store was not simply opened or newly made: damage, a lost or a
        replaced file. The message must be shown."""
        return self.status in ("recovered", "lost", "replaced")

    @property
    def complete(self) -> bool:
        """True when nothing unsent was lost."""
        return not self.recovered or (self.lost_ops == 0 and self.lost_drafts == 0)

    def message(self, lang: str = "zh") -> str:
        """A message for the status bar / CLI (Chinese by default, ``lang='en'``)."""
        if self.status == "created":
            return "已新建本地库。" if lang != "en" else "A new local store was created."
        if self.status == "ok":
            return "本地库完好。" if lang != "en" else "The local store is intact."
        if self.status in ("lost", "replaced"):
            return self._lost_message(lang)
        lost = "未知" if self.lost_ops is None else str(self.lost_ops)
        lost_en = "unknown" if self.lost_ops is None else str(self.lost_ops)
        lost_d = "未知" if self.lost_drafts is None else str(self.lost_drafts)
        lost_d_en = "unknown" if self.lost_drafts is None else str(self.lost_drafts)
        if lang == "en":
            return (
                f"The local store was damaged ({self.problem}); the damaged file is kept at "
                f"{self.moved_to}. Recovered {self.recovered_ops} unsent changes "
                f"({self.rebuilt_ops} of them rebuilt from intact case rows), "
                f"{self.recovered_cases} saved unsent cases and "
                f"{self.recovered_drafts} drafts; unsent changes that could not be recovered: "
                f"{lost_en}; drafts lost: {lost_d_en}. Everything the central database "
                "acknowledged comes back by sync."
            )
        return (
            f"本地库已损坏（{self.problem}），损坏的文件已保留在 {self.moved_to}。"
            f"已找回未发送的修改 {self.recovered_ops} 条（其中 {self.rebuilt_ops} 条由完好的工单记录重建）、"
            f"已保存未发送的工单 {self.recovered_cases} 件、草稿 {self.recovered_drafts} 份；"
            f"无法找回的未发送修改：{lost} 条；丢失的草稿：{lost_d} 份。"
            "中心库已确认的工单会在同步后全部取回。"
        )

    def _lost_message(self, lang: str) -> str:
        if self.numbers_from is None:
            nums_zh = "在与中心库核对本座席用过的工单号之前，暂不分配新工单号（草稿照常保存）"
            nums_en = ("no new case number is given out until the central database has "
                       "confirmed which numbers this seat used (drafts are saved as usual)")
        else:
            nums_zh = f"新工单号从序号 {self.numbers_from + 1} 起，绝不重复已读给来电人的号码"
            nums_en = (f"new case numbers continue from sequence {self.numbers_from + 1}, never "
                       "repeating one already read to a caller")
        kept_zh = f"原文件已保留在 {self.moved_to}。" if self.moved_to else ""
        kept_en = f" The file is kept at {self.moved_to}." if self.moved_to else ""
        if self.status == "replaced":
            if lang == "en":
                return (f"The local store {self.path} is not the one this seat last used "
                        f"({self.problem}); it was kept and opened, {nums_en}.")
            return (f"本地库 {self.path} 不是本座席上次使用的文件（{self.problem}）；"
                    f"已照常打开，{nums_zh}。")
        if lang == "en":
            return (f"The local store {self.path} was lost ({self.problem}).{kept_en} Saved "
                    "cases and drafts that had not reached the central database could not be "
                    "recovered from it; everything the central database acknowledged comes "
                    f"back by sync; {nums_en}.")
        return (f"本地库 {self.path} 已丢失（{self.problem}）。{kept_zh}"
                "其中尚未发送到中心库的工单和草稿无法找回；中心库已确认的工单会在同步后取回；"
                f"{nums_zh}。")


class LocalStoreError(RuntimeError):
    pass


class CaseNumbersPending(LocalStoreError):
    """No case number can be given out yet: the seat's local store was lost together with
    its number record, and the central database has not yet said which numbers this seat
    used. Saving waits (the draft is kept); the first sync lifts this."""

    def __init__(self, path: Path) -> None:
        self.zh = (f"暂不能分配工单号：本地库 {path} 曾丢失，需先与中心库核对本座席已用过的工单号，"
                   "以免重复。草稿已保存；联网同步一次后即可保存工单。")
        self.en = (f"No case number can be given out yet: the local store {path} was lost and "
                   "the central database must first confirm which numbers this seat used, so "
                   "none repeats. The draft is saved; save again after one sync.")
        super().__init__(self.en)

    def message(self, lang: str = "zh") -> str:
        return self.en if str(lang).startswith("en") else self.zh


# ----------------------------------------------------------------------------- the store


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return encode_value(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


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


class LocalStore:
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

    # history and case numbers ------------------------------------------------------
    def _settle_history(self, marker: dict[str, Any] | None, marker_problem: str | None) -> None:
        """Tie the store to its number record (``<store>.numbers.json``) and make sure no
        case number can repeat: the sequence starts after every number this seat reserved
        (the record) or, when the record is gone too, after what the central database knows
        plus a margin (``numbers_pending`` until the first pull of cases)."""
        report = self.open_report
        store_id = self.get_meta("store_id")
        fresh_id = store_id is None
        if store_id is None:  # new, recovered, or made before the record existed
            store_id = new_uuid()
            self.set_meta("store_id", store_id)
        self._store_id = store_id
        if (report.status == "ok" and not fresh_id and marker is not None
                and marker.get("store_id") not in (None, store_id)):
            report.status = "replaced"
            report.problem = ("文件与本座席的工单号记录不符（可能是旧副本或别的座席的文件） / the "
                              "file does not match this seat's number record (an older copy or "
                              "another seat's file)")
        reserved = dict(marker.get("reserved") or {}) if marker else {}
        self._reserved = {str(k): dict(v) for k, v in reserved.items() if isinstance(v, dict)}
        if report.status in ("lost", "replaced", "recovered"):
            if marker is None:
                if report.status != "recovered":
                    self.set_meta(NUMBERS_PENDING, "central")
            else:
                with self.transaction() as tx:
                    for seat, days in self._reserved.items():
                        for day, top in days.items():
                            if isinstance(top, int):
                                tx._set_seq(str(day), seat, top)
        if marker_problem and report.status == "ok":
            report.status = "replaced"
            report.problem = marker_problem
            self.set_meta(NUMBERS_PENDING, "central")
        if report.status in ("lost", "replaced"):
            today = f"{date.today():%Y%m%d}"
            report.numbers_from = (
                None if self.get_meta(NUMBERS_PENDING)
                else self._reserved.get(self.seat_code, {}).get(today, 0)
            )
        # the record now belongs to this store; reservations cover what the store used
        with self.engine.connect() as conn:
            rows = conn.execute(select(case_number_seq)).all()
        for day, seat, last in rows:
            days = self._reserved.setdefault(str(seat), {})
            days[str(day)] = max(int(days.get(str(day), 0)), _block_top(int(last)))
        self._write_record(store_id)

    def _write_record(self, store_id: str | None = None) -> None:
        store_id = store_id or self._store_id
        _write_marker(self.path, {"version": 1, "store_id": store_id,
                                  "reserved": self._reserved})

    def _reserve(self, seat_code: str, day: str, seq: int) -> None:
        """Record, before a number is given out, that the seat may have used numbers up to
        the end of ``seq``'s block (one small durable write per block of numbers)."""
        with self._lock:
            days = self._reserved.setdefault(seat_code, {})
            if int(days.get(day, 0)) >= seq:
                return
            days[day] = _block_top(seq)
            self._write_record()

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

    def refresh_kb_from_central(
        self, central_url: str, progress: Progress | None = None, *, password: str | None = None
    ) -> int:
        """Pull KB changes since the last refresh from the central database; returns the
        number of entries received."""
        from seat_app.services.sync.engine import pull_tables

        engine = make_engine(central_url, password=password)
        try:
            report = pull_tables(self, engine, ("kb_entries",), progress=progress)
        finally:
            engine.dispose()
        return report.received

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


# ----------------------------------------------------------------------------- helpers


def _outbox_op(r: Any) -> OutboxOp:
    op = Op(
        r["op_id"],
        r["entity"],
        r["entity_id"],
        r["kind"],
        r["base_revision"],
        json.loads(r["changes"]),
        r["actor"],
    )
    return OutboxOp(r["seq"], op, r["created_at"], r["attempts"], r["last_error"], r["state"])


def _draft(r: Any) -> Draft:
    return Draft(r["form_id"], r["case_id"], json.loads(r["fields"]), r["updated_at"])


def _set_meta(conn: Connection, key: str, value: str | None) -> None:
    stmt = sqlite_insert(meta).values(key=key, value=value)
    stmt = stmt.on_conflict_do_update(
        index_elements=[meta.c.key], set_={"value": stmt.excluded.value}
    )
    conn.execute(stmt)


def _upsert_central_rows(
    conn: Connection, table: str, rows: list[dict[str, Any]], seat_code: str
) -> tuple[int, int]:
    if not rows:
        return 0, 0
    ids = [r["id"] for r in rows]
    held: set[str] = set()
    for start in range(0, len(ids), 900):
        part = ids[start : start + 900]
        held.update(
            conn.execute(
                select(outbox.c.entity_id).where(
                    outbox.c.entity == table, outbox.c.entity_id.in_(part)
                )
            ).scalars()
        )
    keep = [r for r in rows if r["id"] not in held]
    if keep:
        sql, converters = _upsert_sql(table)
        names = [name for name, _ in converters]
        special = [(i, conv) for i, (_n, conv) in enumerate(converters) if conv is not _same]
        getter = itemgetter(*names)
        data = []
        for r in keep:
            try:
                values = list(getter(r))
            except KeyError:
                values = [r.get(name) for name in names]
            for i, conv in special:
                values[i] = conv(values[i])
            data.append(tuple(values))
        conn.exec_driver_sql(sql, data)
        if table == "cases":
            _raise_seq_floor(conn, keep, seat_code)
    return len(keep), len(rows) - len(keep)


_UPSERT_SQL: dict[str, tuple[str, list[tuple[str, Callable[[Any], Any]]]]] = {}


def _as_sqlite_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _as_sqlite_date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _as_sqlite_bool(value: Any) -> Any:
    return None if value is None else int(bool(value))


def _same(value: Any) -> Any:
    return value


def _upsert_sql(table: str) -> tuple[str, list[tuple[str, Callable[[Any], Any]]]]:
    """One raw upsert per mirrored table, with per-column converters to SQLite's storage
    (the format SQLAlchemy reads back): pulls write thousands of rows without per-row
    statement processing."""
    cached = _UPSERT_SQL.get(table)
    if cached:
        return cached
    t = local_metadata.tables[table]
    converters: list[tuple[str, Callable[[Any], Any]]] = []
    for c in t.c:
        impl = getattr(c.type, "impl", c.type)
        if isinstance(impl, DateTime):
            conv: Callable[[Any], Any] = _as_sqlite_datetime
        elif isinstance(impl, Date):
            conv = _as_sqlite_date
        elif isinstance(impl, Boolean):
            conv = _as_sqlite_bool
        else:
            conv = _same
        converters.append((c.name, conv))
    names = [n for n, _ in converters]
    cols = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    sets = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != "id")
    sql = (
        f'INSERT INTO "{table}" ({cols}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET '
        f'{sets} WHERE excluded.change_seq >= "{table}".change_seq'
    )
    _UPSERT_SQL[table] = (sql, converters)
    return sql, converters


def _raise_seq_floor(conn: Connection, rows: list[dict[str, Any]], seat_code: str) -> None:
    """Case numbers this seat assigned (seen on central) are never assigned again, even
    after the local store was lost and recreated."""
    best: dict[str, int] = {}
    for r in rows:
        try:
            number = CaseNumber.parse(r.get("case_number") or "")
        except ValueError:
            continue
        if number.seat_code == seat_code:
            key = f"{number.day:%Y%m%d}"
            best[key] = max(best.get(key, 0), number.seq)
    for day, seq in best.items():
        stmt = sqlite_insert(case_number_seq).values(day=day, seat_code=seat_code, last=seq)
        stmt = stmt.on_conflict_do_update(
            index_elements=[case_number_seq.c.day, case_number_seq.c.seat_code],
            set_={"last": func.max(case_number_seq.c.last, stmt.excluded["last"])},
        )
        conn.execute(stmt)


def _replay_op(conn: Connection, op_row: dict[str, Any]) -> None:
    """Rebuild the local row an unsent op describes (recovery into a fresh store)."""
    table = op_row["entity"]
    if table not in local_metadata.tables or table not in MIRRORED_TABLES:
        return
    t = local_metadata.tables[table]
    changes = json.loads(op_row["changes"])
    existing = conn.execute(select(t.c.id).where(t.c.id == op_row["entity_id"])).first()
    values = {
        k: decode_value(t, k, v[1]) for k, v in changes.items() if k in t.c and k not in SYSTEM_FIELDS
    }
    if op_row["kind"] == INSERT and existing is None:
        row = {c.name: _default(c) for c in Base.metadata.tables[table].c}
        row.update(values)
        row.update(
            id=op_row["entity_id"],
            revision=0,
            change_seq=0,
            changed_by=op_row["actor"],
            changed_at=op_row["created_at"],
            deleted=False,
        )
        conn.execute(insert(t), row)
    elif op_row["kind"] == UPDATE and existing is not None and values:
        conn.execute(update(t).where(t.c.id == op_row["entity_id"]).values(**values))
    elif op_row["kind"] == DELETE and existing is not None:
        conn.execute(update(t).where(t.c.id == op_row["entity_id"]).values(deleted=True))


# ----------------------------------------------------------------------------- corruption


def check_file(path: Path) -> str | None:
    """None when the SQLite file is sound, else what is wrong (header, quick_check)."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return f"cannot read: {exc}"
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "文件头损坏 (bad SQLite header)"
    try:
        conn = sqlite3.connect(str(path), timeout=10)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                detail = "; ".join(str(r[0]) for r in rows[:3])
                return f"quick_check: {detail}"
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            for name in ("outbox", "drafts", "cases", "case_number_seq"):
                if name in tables:
                    conn.execute(f'SELECT * FROM "{name}"').fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@dataclass(slots=True)
class _Salvage:
    ops: list[dict[str, Any]] = field(default_factory=list)
    lost_ops: int | None = 0
    lost_op_seqs: list[int] = field(default_factory=list)
    drafts: list[dict[str, Any]] = field(default_factory=list)
    lost_drafts: int | None = 0
    seqs: list[tuple[str, str, int]] = field(default_factory=list)
    rebuilt: list[dict[str, Any]] = field(default_factory=list)
    """Insert ops rebuilt from unacknowledged case / event rows whose op was lost."""


def _salvage(path: Path) -> _Salvage:
    """Read what can be read from a damaged store: outbox ops, drafts, the case-number
    sequence, and unacknowledged case rows whose op was lost (their insert op is rebuilt).

    First the pure-Python page reader (``seat_app.services.local.salvage``: it reads past a
    damaged header and a truncated tail and knows from the indexes exactly which rows are
    gone); SQLite itself on a repaired copy when the reader cannot find the schema."""
    from seat_app.services.local import salvage as pages

    try:
        reader = pages.open_reader(path)
    except (OSError, pages.NotReadable, ValueError, IndexError):
        return _salvage_sqlite(path)
    try:
        schema = reader.schema()
    except (pages.NotReadable, ValueError, IndexError):
        return _salvage_scan(path, reader)
    return _salvage_pages(path, reader, schema)


def _salvage_scan(path: Path, reader: Any) -> _Salvage:
    """The schema pages are gone: classify every readable leaf record by its shape (we
    know our tables). Lost counts are unknown (None): no index tells what existed."""
    from seat_app.services.local import salvage as pages

    result = _Salvage(lost_ops=None, lost_drafts=None)
    result.seqs.extend(_numbers_in_bytes(path))
    op_names = [c.name for c in outbox.c]
    widths = {name: len(local_metadata.tables[name].c) for name in ("cases", "case_events")}
    ops: dict[str, dict[str, Any]] = {}
    raw: dict[str, list[list[Any]]] = {"cases": [], "case_events": []}
    for _page, rowid, values in pages.scan_leaf_records(reader):
        if (len(values) == len(op_names) and isinstance(values[1], str)
                and values[4] in (INSERT, UPDATE, DELETE) and isinstance(values[6], str)):
            op = dict(zip(op_names, values, strict=True))
            try:
                json.loads(op["changes"])
            except ValueError:
                continue
            op["seq"] = rowid
            op["created_at"] = _parse_ts(op["created_at"])
            op["attempts"] = int(op["attempts"] or 0)
            op["state"] = op["state"] or "pending"
            ops[op["op_id"]] = op
        elif len(values) == 4 and isinstance(values[0], str) and isinstance(values[2], str):
            try:
                if not isinstance(json.loads(values[2]), dict):
                    continue
            except ValueError:
                continue
            result.drafts.append({"form_id": values[0], "case_id": values[1],
                                  "fields": values[2], "updated_at": _parse_ts(values[3])})
        elif (len(values) == 3 and isinstance(values[0], str) and len(values[0]) == 8
              and values[0].isdigit() and isinstance(values[2], int)):
            result.seqs.append((values[0], str(values[1]), values[2]))
        else:
            for name, width in widths.items():
                if len(values) == width:
                    raw[name].append(values)
    result.ops = sorted(ops.values(), key=lambda o: o["seq"])
    drafts_by_form: dict[str, dict[str, Any]] = {}
    for d in result.drafts:
        if d["form_id"] not in drafts_by_form or d["updated_at"] > drafts_by_form[
                d["form_id"]]["updated_at"]:
            drafts_by_form[d["form_id"]] = d
    result.drafts = list(drafts_by_form.values())
    _rebuild_ops(result, raw)
    return result


def _rebuild_ops(result: _Salvage, raw: dict[str, list[list[Any]]]) -> None:
    """Insert ops for unacknowledged (revision 0) case / event rows no recovered op covers;
    of several versions of a row (stale free pages), the newest counts."""
    covered = {(op["entity"], op["entity_id"]) for op in result.ops if op["kind"] == INSERT}
    for name in ("cases", "case_events"):
        newest: dict[str, dict[str, Any]] = {}
        for row in _typed_rows(name, raw.get(name, [])):
            key = row["id"]
            old = newest.get(key)
            if old is None or (row["revision"] or 0, row["change_seq"] or 0) > (
                    old["revision"] or 0, old["change_seq"] or 0):
                newest[key] = row
        for row in newest.values():
            if name == "cases" and row.get("case_number"):
                with contextlib.suppress(ValueError):
                    cn = CaseNumber.parse(row["case_number"])
                    result.seqs.append((f"{cn.day:%Y%m%d}", cn.seat_code, cn.seq))
            if row.get("revision") != 0 or (name, row["id"]) in covered:
                continue
            changes = {k: [None, encode_value(v)] for k, v in row.items()
                       if k not in SYSTEM_FIELDS}
            result.rebuilt.append({
                "op_id": new_uuid(), "entity": name, "entity_id": row["id"], "kind": INSERT,
                "base_revision": 0, "changes": _dumps(changes),
                "actor": row.get("changed_by") or "", "created_at": row.get("changed_at")
                or utcnow(), "attempts": 0, "last_error": None, "state": "pending",
                "seq": 0,
            })
            covered.add((name, row["id"]))
    result.rebuilt.sort(key=lambda op: (op["entity"] != "cases", op["created_at"]))


def _numbers_in_bytes(path: Path) -> list[tuple[str, str, int]]:
    """Case numbers written anywhere in the file (and its WAL): the seat never gives one
    out again, even when no table can be read."""
    out: list[tuple[str, str, int]] = []
    for name in (path.name, path.name + "-wal"):
        try:
            raw = path.with_name(name).read_bytes()
        except OSError:
            continue
        for m in re.finditer(rb"\d{8}-[A-Za-z0-9]{1,8}-\d{4,6}", raw):
            try:
                cn = CaseNumber.parse(m.group().decode())
            except ValueError:
                continue
            out.append((f"{cn.day:%Y%m%d}", cn.seat_code, cn.seq))
    return out


def _typed_rows(table: str, raw_rows: list[list[Any]]) -> list[dict[str, Any]]:
    """Raw record values of a mirrored table (SQLite storage format) as the typed dicts the
    store reads (through a scratch in-memory SQLite and the table's own column types)."""
    t = local_metadata.tables[table]
    names = [c.name for c in t.c]
    width = len(names)
    good = [r for r in raw_rows if len(r) == width]
    if not good:
        return []
    engine = make_engine("sqlite://")
    try:
        with engine.begin() as conn:
            t.create(conn)
            cols = ", ".join(f'"{n}"' for n in names)
            conn.exec_driver_sql(
                f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" for _ in names)})',
                [tuple(r) for r in good],
            )
            out = []
            for row in conn.execute(select(t)).mappings():
                try:
                    out.append(dict(row))
                except (ValueError, TypeError):  # a value the column type cannot read
                    continue
            return out
    except Exception:
        log.warning("salvage: rows of %s could not be typed", table, exc_info=True)
        return []
    finally:
        engine.dispose()


def _salvage_pages(path: Path, reader: Any, schema: dict[str, tuple[str, int, str]]) -> _Salvage:
    result = _Salvage(lost_ops=None, lost_drafts=None)
    result.seqs.extend(_numbers_in_bytes(path))

    def table(name: str) -> Any:
        entry = schema.get(name)
        return reader.read_table(entry[1]) if entry and entry[0] == "table" else None

    def index_rowids(*names: str) -> tuple[set[int], bool]:
        rowids: set[int] = set()
        complete = False
        for name in names:
            entry = schema.get(name)
            if not entry or entry[0] != "index":
                continue
            entries, ok = reader.read_index(entry[1])
            rowids.update(e[-1] for e in entries if e and isinstance(e[-1], int))
            complete |= ok
        return rowids, complete

    # the outbox ----------------------------------------------------------------
    names = [c.name for c in outbox.c]
    read = table("outbox")
    if read is not None:
        for rowid, values in sorted(read.rows.items()):
            if len(values) != len(names):
                read.lost_cells += 1
                continue
            op = dict(zip(names, values, strict=True))
            op["seq"] = rowid
            try:
                json.loads(op["changes"])
                if not (isinstance(op["op_id"], str) and isinstance(op["entity"], str)):
                    raise ValueError("bad op")
            except (TypeError, ValueError):
                read.lost_cells += 1
                continue
            op["created_at"] = _parse_ts(op["created_at"])
            op["attempts"] = int(op["attempts"] or 0)
            op["state"] = op["state"] or "pending"
            result.ops.append(op)
        got = {op["seq"] for op in result.ops}
        known, complete = index_rowids("sqlite_autoindex_outbox_1", "ix_outbox_entity")
        if complete:  # every row the outbox held is named in its index: exact
            lost = sorted(known - got)
        elif not read.lost_ranges and not read.lost_cells:
            lost = []
        else:
            lost = sorted(known - got)
            top = _sequence_top(table("sqlite_sequence"), "outbox")
            bottom = min(got | known, default=None)
            exact = True
            for lo, hi in read.lost_ranges:
                lo = bottom - 1 if lo is None and bottom is not None else lo
                hi = top if hi is None else hi
                if lo is None or hi is None:
                    exact = False
                    continue
                # pending ops are contiguous (acknowledged ones leave from the front)
                lost.extend(s for s in range(max(lo + 1, bottom or 1), hi + 1) if s not in got)
            lost = sorted(set(lost))
            if not exact:
                lost = None  # type: ignore[assignment]
        if lost is not None:
            result.lost_ops = len(lost)
            result.lost_op_seqs = lost

    # drafts ----------------------------------------------------------------------
    read = table("drafts")
    if read is not None:
        for values in read.rows.values():
            if len(values) != 4 or not isinstance(values[0], str):
                read.lost_cells += 1
                continue
            result.drafts.append({"form_id": values[0], "case_id": values[1],
                                  "fields": values[2], "updated_at": _parse_ts(values[3])})
        known, complete = index_rowids("sqlite_autoindex_drafts_1")
        if complete:
            result.lost_drafts = len(known - set(read.rows)) + read.lost_cells
        elif not read.lost_ranges and not read.lost_cells:
            result.lost_drafts = 0

    # case numbers ------------------------------------------------------------------
    read = table("case_number_seq")
    if read is not None:
        for values in read.rows.values():
            if len(values) == 3 and isinstance(values[2], int):
                result.seqs.append((str(values[0]), str(values[1]), values[2]))
    entry = schema.get("ix_local_cases_number")
    if entry:
        for e in reader.read_index(entry[1])[0]:
            try:
                cn = CaseNumber.parse(str(e[0]))
            except (ValueError, IndexError):
                continue
            result.seqs.append((f"{cn.day:%Y%m%d}", cn.seat_code, cn.seq))

    # unacknowledged rows whose insert op was lost: rebuild the op from the row ----------
    covered = {(op["entity"], op["entity_id"]) for op in result.ops if op["kind"] == INSERT}
    for name in ("cases", "case_events"):
        read = table(name)
        if read is None:
            continue
        for row in _typed_rows(name, list(read.rows.values())):
            if name == "cases" and row.get("case_number"):
                with contextlib.suppress(ValueError):
                    cn = CaseNumber.parse(row["case_number"])
                    result.seqs.append((f"{cn.day:%Y%m%d}", cn.seat_code, cn.seq))
            if row.get("revision") != 0 or (name, row["id"]) in covered:
                continue
            changes = {k: [None, encode_value(v)] for k, v in row.items()
                       if k not in SYSTEM_FIELDS}
            result.rebuilt.append({
                "op_id": new_uuid(), "entity": name, "entity_id": row["id"], "kind": INSERT,
                "base_revision": 0, "changes": _dumps(changes),
                "actor": row.get("changed_by") or "", "created_at": row.get("changed_at")
                or utcnow(), "attempts": 0, "last_error": None, "state": "pending",
                "seq": 0,
            })
            covered.add((name, row["id"]))
    if result.rebuilt and result.lost_op_seqs:
        # a lost op of a row rebuilt whole from its intact record is not lost: the rebuilt
        # insert carries the row as it stood (the outbox index says which row each op was for)
        entry = schema.get("ix_outbox_entity")
        rebuilt_ids = {(op["entity"], op["entity_id"]) for op in result.rebuilt}
        owner = {}
        if entry:
            for e in reader.read_index(entry[1])[0]:
                if len(e) == 3:
                    owner[e[2]] = (e[0], e[1])
        result.lost_op_seqs = [s for s in result.lost_op_seqs
                               if owner.get(s) not in rebuilt_ids]
        result.lost_ops = len(result.lost_op_seqs)
    if result.rebuilt:
        # a case before its events, in the order they were made
        result.rebuilt.sort(key=lambda op: (op["entity"] != "cases", op["created_at"]))
    return result


def _sequence_top(read: Any, name: str) -> int | None:
    if read is None:
        return None
    for values in read.rows.values():
        if len(values) == 2 and values[0] == name and isinstance(values[1], int):
            return values[1]
    return None


def _salvage_sqlite(path: Path) -> _Salvage:
    """The fallback: SQLite itself on a copy whose magic string / page size is repaired,
    reading the outbox row by row (a broken page loses only its rows)."""
    result = _Salvage(lost_ops=None, lost_drafts=None)
    copy = path.with_name(path.name + ".salvage")
    try:
        data = bytearray(path.read_bytes())
        if len(data) >= 16 and not data.startswith(SQLITE_MAGIC):
            data[:16] = SQLITE_MAGIC  # a flipped magic string alone is repairable
        raw = bytes(data)
        side = path.with_name(path.name + "-wal")
        if side.exists():
            raw += side.read_bytes()
        # case numbers are plain text in the file: the seat never gives one out again,
        # even when no table can be read
        for m in re.finditer(rb"\d{8}-[A-Za-z0-9]{1,8}-\d{4,6}", raw):
            try:
                cn = CaseNumber.parse(m.group().decode())
            except ValueError:
                continue
            result.seqs.append((f"{cn.day:%Y%m%d}", cn.seat_code, cn.seq))
        sizes = [None, 4096, 1024, 2048, 8192, 16384, 32768, 65536, 512]
        for size in sizes:  # a damaged page-size field: try the possible sizes
            if size is not None:
                data[16:18] = (1).to_bytes(2, "big") if size == 65536 else size.to_bytes(2, "big")
            copy.write_bytes(bytes(data))
            if side.exists():
                copy.with_name(copy.name + "-wal").write_bytes(side.read_bytes())
            probe = sqlite3.connect(str(copy), timeout=5)
            try:
                probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
                break
            except sqlite3.DatabaseError:
                continue
            finally:
                probe.close()
        conn = sqlite3.connect(str(copy), timeout=5)
    except (OSError, sqlite3.DatabaseError):
        return result
    try:
        conn.row_factory = sqlite3.Row
        names = [c.name for c in outbox.c]
        try:
            top = conn.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"
            ).fetchone()
            hi = int(top[0]) if top else 0
            try:
                lo = conn.execute("SELECT min(seq) FROM outbox").fetchone()[0] or 1
            except sqlite3.DatabaseError:
                lo = 1
            lost = 0
            cols = ", ".join(f'"{n}"' for n in names)
            for seq in range(int(lo), hi + 1):
                try:
                    row = conn.execute(
                        f"SELECT {cols} FROM outbox WHERE seq = ?", (seq,)
                    ).fetchone()
                except sqlite3.DatabaseError:
                    lost += 1
                    result.lost_op_seqs.append(seq)
                    continue
                if row is not None:
                    op = dict(zip(names, tuple(row), strict=True))
                    op["created_at"] = _parse_ts(op["created_at"])
                    result.ops.append(op)
            result.lost_ops = lost
        except sqlite3.DatabaseError:
            result.lost_ops = None
        try:
            rows = conn.execute("SELECT form_id, case_id, fields, updated_at FROM drafts").fetchall()
            result.drafts = [
                {
                    "form_id": r[0],
                    "case_id": r[1],
                    "fields": r[2],
                    "updated_at": _parse_ts(r[3]),
                }
                for r in rows
            ]
            result.lost_drafts = 0
        except sqlite3.DatabaseError:
            result.lost_drafts = None
        try:
            result.seqs = [
                (r[0], r[1], int(r[2]))
                for r in conn.execute("SELECT day, seat_code, last FROM case_number_seq")
            ]
        except sqlite3.DatabaseError:
            pass
        try:  # numbers of local cases, in case the sequence table itself was lost
            for (number,) in conn.execute("SELECT case_number FROM cases"):
                try:
                    cn = CaseNumber.parse(number)
                except ValueError:
                    continue
                result.seqs.append((f"{cn.day:%Y%m%d}", cn.seat_code, cn.seq))
        except sqlite3.DatabaseError:
            pass
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            side = copy.with_name(copy.name + suffix)
            if side.exists():
                side.unlink()
    return result


def _parse_ts(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return utcnow()
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


# ----------------------------------------------------------------------------- history


def _marker_path(path: Path) -> Path:
    return path.with_name(path.name + ".numbers.json")


def _block_top(seq: int) -> int:
    return ((max(seq, 1) - 1) // NUMBER_BLOCK + 1) * NUMBER_BLOCK


def _read_marker(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The store's number record: (data, None), (None, None) when there is none, or
    (None, problem) when it is damaged (it is moved aside, never overwritten unread)."""
    file = _marker_path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"{file}: {exc}"
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("reserved", {}), dict):
            raise ValueError("not an object")
        return data, None
    except (UnicodeDecodeError, ValueError) as exc:
        kept = _move_aside(file)
        return None, f"工单号记录已损坏 / the number record is damaged ({exc}; kept at {kept})"


def _write_marker(path: Path, data: dict[str, Any]) -> None:
    file = _marker_path(path)
    tmp = file.with_name(file.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, file)
    if os.name == "posix":
        dirfd = os.open(file.parent, os.O_RDONLY)
        try:
            os.fsync(dirfd)
        finally:
            os.close(dirfd)


def _kept_aside(path: Path) -> bool:
    """Earlier damaged copies of this store kept beside it: the folder has a history."""
    return any(path.parent.glob(f"{path.name}.corrupt-*")) or any(
        path.parent.glob(f"{path.name}.damaged-*"))


def _create_private(path: Path) -> None:
    """Create an empty file 0600 (SQLite then gives its -wal/-shm the same mode)."""
    if path.exists():
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def _private(path: Path) -> None:
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            if side.exists() and side.stat().st_mode & 0o077:
                os.chmod(side, 0o600)


def _numbers_confirmed(conn: Connection, seat_code: str) -> None:
    """The first pull of cases after a lost history: the sequence now stands at least at
    what central knows this seat used; skip one more block (numbers given out after the
    last sync cannot be known) and lift the stop."""
    today = f"{date.today():%Y%m%d}"
    rows = conn.execute(
        select(case_number_seq.c.day, case_number_seq.c.last).where(
            case_number_seq.c.seat_code == seat_code)
    ).all()
    floors = {str(day): int(last) for day, last in rows}
    floors.setdefault(today, 0)
    for day, last in floors.items():
        conn.execute(_SEQ_UPSERT, {"day": day, "seat": seat_code,
                                   "last": _block_top(last + NUMBER_BLOCK)})
    _set_meta(conn, NUMBERS_PENDING, None)


def _log_event(kind: str, message: str) -> None:
    try:
        from seat_app.services.logs import log_event
    except ImportError:  # pragma: no cover - the logs module arrives with issue 10
        return
    with contextlib.suppress(Exception):
        log_event(kind, "%s", message)
