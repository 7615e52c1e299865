"""Case-number reservation: the number record beside the store (``<store>.numbers.json``)
that keeps every number this seat may have read to a caller, so none repeats even when the
store file is lost, damaged or replaced.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from seat_app.services.local.schema import (
    _SEQ_UPSERT,
    NUMBER_BLOCK,
    NUMBERS_PENDING,
    _set_meta,
    case_number_seq,
)
from seat_app.services.store.models import new_uuid


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


class CaseNumberRecord:
    """The number-record half of ``LocalStore`` (a mixin: it uses the store's ``path``,
    ``seat_code``, ``open_report``, ``engine``, meta and transactions)."""

    path: Path
    seat_code: str
    _reserved: dict[str, dict[str, int]]
    _store_id: str | None

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
