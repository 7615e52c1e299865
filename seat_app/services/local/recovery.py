"""Opening a damaged or lost seat-local store: the file check, what can be salvaged from a
damaged file (with SQLite, then page by page with ``local.salvage``), the report of what
happened, and the file moves around it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    select,
)

from seat_app.domain.case import CaseNumber
from seat_app.services.local import salvage as pages
from seat_app.services.local.outbox import _dumps
from seat_app.services.local.schema import (
    SQLITE_MAGIC,
    local_metadata,
    outbox,
)
from seat_app.services.logs import log_event
from seat_app.services.store.central import (
    DELETE,
    INSERT,
    SYSTEM_FIELDS,
    UPDATE,
    encode_value,
)
from seat_app.services.store.engine import make_engine
from seat_app.services.store.models import new_uuid, utcnow

log = logging.getLogger("seat_app.services.local.store")


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
            _take_row(result, name, row, covered)
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
            _take_row(result, name, row, covered)
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
        with contextlib.suppress(sqlite3.DatabaseError):
            result.seqs = [
                (r[0], r[1], int(r[2]))
                for r in conn.execute("SELECT day, seat_code, last FROM case_number_seq")
            ]
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


def _kept_aside(path: Path) -> bool:
    """Earlier damaged copies of this store kept beside it: the folder has a history."""
    return any(path.parent.glob(f"{path.name}.corrupt-*")) or any(
        path.parent.glob(f"{path.name}.damaged-*"))


def _create_private(path: Path) -> None:
    """Create an empty file 0600 (SQLite then gives its -wal/-shm the same mode)."""
    if path.exists():
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _private(path: Path) -> None:
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            if side.exists() and side.stat().st_mode & 0o077:
                os.chmod(side, 0o600)


def _log_event(kind: str, message: str) -> None:
    with contextlib.suppress(Exception):  # the event log never stops a store from opening
        log_event(kind, "%s", message)


def _take_row(result, name: str, row: dict, covered: set[tuple[str, str]]) -> None:
    """A salvaged record: note the case number it used, and rebuild the insert op of an
    unacknowledged row (revision 0) whose op was not recovered."""
    if name == "cases" and row.get("case_number"):
        with contextlib.suppress(ValueError):
            cn = CaseNumber.parse(row["case_number"])
            result.seqs.append((f"{cn.day:%Y%m%d}", cn.seat_code, cn.seq))
    if row.get("revision") != 0 or (name, row["id"]) in covered:
        return
    changes = {k: [None, encode_value(v)] for k, v in row.items() if k not in SYSTEM_FIELDS}
    result.rebuilt.append({
        "op_id": new_uuid(), "entity": name, "entity_id": row["id"], "kind": INSERT,
        "base_revision": 0, "changes": _dumps(changes),
        "actor": row.get("changed_by") or "",
        "created_at": row.get("changed_at") or utcnow(),
        "attempts": 0, "last_error": None, "state": "pending", "seq": 0,
    })
    covered.add((name, row["id"]))
