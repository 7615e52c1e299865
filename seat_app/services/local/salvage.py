"""Read rows out of a damaged SQLite file without SQLite: a reader of the documented file
format (https://www.sqlite.org/fileformat2.html), used by the seat-local store's recovery.

SQLite refuses a file whose 100-byte header is damaged and stops at the first unreadable
page of a table scan; the data pages behind them are usually intact. This reader

* takes the page size from the header when it is plausible, else finds it from the pages
  themselves (b-tree page headers are recognisable);
* lays the newest committed WAL frames (``-wal``, salts checked) over the main file;
* walks each table's b-tree from its root page (found in ``sqlite_master``, whose root is
  page 1 just behind the header), reading leaf cells, records and overflow chains;
* reports, for every child page it could not read, the rowid range that page covered, and
  reads the table's indexes (their entries hold the rowid of every row), so what was lost is
  known exactly, not guessed.

Pure Python, no external tool: it works in a frozen Windows build too. It only reads.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAGIC = b"SQLite format 3\x00"
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
_TABLE_LEAF, _TABLE_INTERIOR, _INDEX_LEAF, _INDEX_INTERIOR = 0x0D, 0x05, 0x0A, 0x02


class NotReadable(Exception):
    """The file cannot be read as SQLite pages at all."""


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(8):
        byte = buf[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos + i + 1
    return (value << 8) | buf[pos + 8], pos + 9


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def parse_record(payload: bytes) -> list[Any]:
    """The values of one record (record format 2.1). Raises ValueError on nonsense."""
    header_size, pos = _varint(payload, 0)
    if header_size > len(payload) or header_size < 1:
        raise ValueError("bad record header")
    types = []
    while pos < header_size:
        t, pos = _varint(payload, pos)
        types.append(t)
    out: list[Any] = []
    body = header_size
    for t in types:
        if t == 0:
            out.append(None)
        elif 1 <= t <= 6:
            size = (1, 2, 3, 4, 6, 8)[t - 1]
            chunk = payload[body : body + size]
            if len(chunk) != size:
                raise ValueError("record truncated")
            out.append(int.from_bytes(chunk, "big", signed=True))
            body += size
        elif t == 7:
            chunk = payload[body : body + 8]
            if len(chunk) != 8:
                raise ValueError("record truncated")
            out.append(struct.unpack(">d", chunk)[0])
            body += 8
        elif t in (8, 9):
            out.append(t - 8)
        elif t >= 12:
            size = (t - 12) // 2
            chunk = payload[body : body + size]
            if len(chunk) != size:
                raise ValueError("record truncated")
            if t % 2:
                out.append(chunk.decode("utf-8"))  # the store is UTF-8; bad bytes: damage
            else:
                out.append(bytes(chunk))
            body += size
        else:
            raise ValueError(f"reserved serial type {t}")
    if body != len(payload):
        raise ValueError("record length mismatch")
    return out


@dataclass(slots=True)
class TableRead:
    """What the walk of one table's b-tree found."""

    rows: dict[int, list[Any]] = field(default_factory=dict)
    """rowid -> column values (an INTEGER PRIMARY KEY column reads as None: use the rowid)."""
    lost_ranges: list[tuple[int | None, int | None]] = field(default_factory=list)
    """(low exclusive, high inclusive) rowid ranges of pages that could not be read
    (None: unbounded on that side)."""
    lost_cells: int = 0
    """Cells on readable pages whose record was damaged."""

    def lost_within(self, rowids: set[int]) -> set[int]:
        """Of ``rowids`` (known to exist, e.g. from an index), those not read back."""
        return {r for r in rowids if r not in self.rows}


class PageReader:
    """The pages of a SQLite file (and its WAL) as far as they can be read."""

    def __init__(self, data: bytes, wal: bytes | None = None) -> None:
        self.data = data
        header_ok = data[:16] == MAGIC
        self.page_size = self._page_size(data, header_ok)
        reserved = data[20] if header_ok and len(data) > 20 and data[20] < 64 else 0
        self.usable = self.page_size - reserved
        self.pages_in_file = len(data) // self.page_size
        self.overlay: dict[int, bytes] = self._wal_pages(wal) if wal else {}
        self.header_damaged = not header_ok

    # ---------------------------------------------------------------- the file
    def _page_size(self, data: bytes, header_ok: bool) -> int:
        if len(data) >= 18:
            size = int.from_bytes(data[16:18], "big")
            size = 65536 if size == 1 else size
            if header_ok and size in _PAGE_SIZES and self._score(data, size) > 0:
                return size
        best, best_score = 0, 0
        for size in _PAGE_SIZES:
            score = self._score(data, size)
            if score > best_score:
                best, best_score = size, score
        if not best:
            raise NotReadable("no b-tree pages found")
        return best

    @staticmethod
    def _score(data: bytes, size: int) -> int:
        """How many pages look like b-tree pages at this page size (page 1 included)."""
        score = 0
        count = len(data) // size
        for n in range(1, min(count, 400) + 1):
            start = (n - 1) * size + (100 if n == 1 else 0)
            kind = data[start]
            if kind not in (_TABLE_LEAF, _TABLE_INTERIOR, _INDEX_LEAF, _INDEX_INTERIOR):
                continue
            cells = int.from_bytes(data[start + 3 : start + 5], "big")
            content = int.from_bytes(data[start + 5 : start + 7], "big") or 65536
            if cells and content <= size and start + 8 + 2 * cells < n * size:
                ptr = int.from_bytes(data[start + (12 if kind in (2, 5) else 8):][:2], "big")
                if (100 if n == 1 else 0) < ptr < size:
                    score += 1
        return score

    def _wal_pages(self, wal: bytes) -> dict[int, bytes]:
        """The newest committed version of each page in the WAL (salts must match)."""
        if len(wal) < 32 or int.from_bytes(wal[:4], "big") not in (0x377F0682, 0x377F0683):
            return {}
        size = int.from_bytes(wal[8:12], "big")
        if size != self.page_size:
            return {}
        salts = wal[16:24]
        pending: dict[int, bytes] = {}
        committed: dict[int, bytes] = {}
        pos = 32
        while pos + 24 + size <= len(wal):
            frame = wal[pos : pos + 24]
            if frame[8:16] != salts:
                break
            pageno = int.from_bytes(frame[:4], "big")
            pending[pageno] = wal[pos + 24 : pos + 24 + size]
            if int.from_bytes(frame[4:8], "big"):  # a commit frame
                committed.update(pending)
                pending.clear()
            pos += 24 + size
        return committed

    def page(self, n: int) -> bytes | None:
        if n < 1:
            return None
        if n in self.overlay:
            return self.overlay[n]
        start = (n - 1) * self.page_size
        if start + self.page_size > len(self.data):
            return None  # beyond the end: truncated
        return self.data[start : start + self.page_size]

    # ---------------------------------------------------------------- cells
    def _payload(self, page: bytes, pos: int, size: int, index: bool) -> bytes:
        u = self.usable
        x = ((u - 12) * 64 // 255 - 23) if index else u - 35
        if size <= x:
            return page[pos : pos + size]
        m = (u - 12) * 32 // 255 - 23
        k = m + (size - m) % (u - 4)
        local = k if k <= x else m
        out = bytearray(page[pos : pos + local])
        nxt = int.from_bytes(page[pos + local : pos + local + 4], "big")
        seen = set()
        while len(out) < size:
            if nxt in seen:
                raise ValueError("overflow loop")
            seen.add(nxt)
            over = self.page(nxt)
            if over is None:
                raise ValueError(f"overflow page {nxt} missing")
            nxt = int.from_bytes(over[:4], "big")
            out += over[4 : 4 + min(u - 4, size - len(out))]
        return bytes(out)

    def _header(self, n: int) -> tuple[bytes, int, int, list[int]] | None:
        """(page, kind, right-most pointer, cell offsets) or None when not a b-tree page."""
        page = self.page(n)
        if page is None:
            return None
        h = 100 if n == 1 else 0
        kind = page[h]
        if kind not in (_TABLE_LEAF, _TABLE_INTERIOR, _INDEX_LEAF, _INDEX_INTERIOR):
            return None
        cells = int.from_bytes(page[h + 3 : h + 5], "big")
        interior = kind in (_TABLE_INTERIOR, _INDEX_INTERIOR)
        first = h + (12 if interior else 8)
        if first + 2 * cells > len(page):
            return None
        right = int.from_bytes(page[h + 8 : h + 12], "big") if interior else 0
        offsets = [int.from_bytes(page[first + 2 * i : first + 2 * i + 2], "big")
                   for i in range(cells)]
        if any(not first <= off < len(page) for off in offsets):
            return None
        return page, kind, right, offsets

    # ---------------------------------------------------------------- trees
    def read_table(self, root: int) -> TableRead:
        result = TableRead()
        self._walk_table(root, None, None, result, set())
        return result

    def _walk_table(self, n: int, lo: int | None, hi: int | None, out: TableRead,
                    seen: set[int]) -> None:
        parsed = self._header(n) if n not in seen else None
        seen.add(n)
        if parsed is None or parsed[1] not in (_TABLE_LEAF, _TABLE_INTERIOR):
            out.lost_ranges.append((lo, hi))
            return
        page, kind, right, offsets = parsed
        if kind == _TABLE_INTERIOR:
            prev = lo
            for off in offsets:
                child = int.from_bytes(page[off : off + 4], "big")
                key, _ = _varint(page, off + 4)
                key = _signed(key)
                self._walk_table(child, prev, key, out, seen)
                prev = key
            self._walk_table(right, prev, hi, out, seen)
            return
        for off in offsets:
            try:
                size, pos = _varint(page, off)
                rowid, pos = _varint(page, pos)
                out.rows[_signed(rowid)] = parse_record(self._payload(page, pos, size, False))
            except (ValueError, IndexError, UnicodeDecodeError):
                out.lost_cells += 1

    def read_index(self, root: int) -> tuple[list[list[Any]], bool]:
        """Every readable entry (columns..., rowid) of an index b-tree; the flag says whether
        the whole index was readable."""
        entries: list[list[Any]] = []
        complete = self._walk_index(root, entries, set())
        return entries, complete

    def _walk_index(self, n: int, out: list[list[Any]], seen: set[int]) -> bool:
        parsed = self._header(n) if n not in seen else None
        seen.add(n)
        if parsed is None or parsed[1] not in (_INDEX_LEAF, _INDEX_INTERIOR):
            return False
        page, kind, right, offsets = parsed
        complete = True
        for off in offsets:
            pos = off
            if kind == _INDEX_INTERIOR:
                complete &= self._walk_index(int.from_bytes(page[off : off + 4], "big"), out,
                                             seen)
                pos += 4
            try:
                size, pos = _varint(page, pos)
                out.append(parse_record(self._payload(page, pos, size, True)))
            except (ValueError, IndexError, UnicodeDecodeError):
                complete = False
        if kind == _INDEX_INTERIOR:
            complete &= self._walk_index(right, out, seen)
        return complete

    def schema(self) -> dict[str, tuple[str, int, str]]:
        """sqlite_master: name -> (type, root page, tbl_name)."""
        master = self.read_table(1)
        out: dict[str, tuple[str, int, str]] = {}
        for values in master.rows.values():
            if len(values) == 5 and isinstance(values[1], str) and isinstance(values[3], int):
                out[values[1]] = (str(values[0]), values[3], str(values[2]))
        if not out:
            raise NotReadable("sqlite_master is not readable")
        return out


def scan_leaf_records(reader: PageReader) -> list[tuple[int, int, list[Any]]]:
    """Every readable record on every table leaf page of the file, as (page, rowid,
    values): for when ``sqlite_master`` itself is gone (its pages cut off). Pages on the
    freelist may hold stale rows; callers keep the newest version of each row."""
    out: list[tuple[int, int, list[Any]]] = []
    count = max(reader.pages_in_file, max(reader.overlay, default=0))
    for n in range(1, count + 1):
        parsed = reader._header(n)
        if parsed is None or parsed[1] != _TABLE_LEAF:
            continue
        page, _kind, _right, offsets = parsed
        for off in offsets:
            try:
                size, pos = _varint(page, off)
                rowid, pos = _varint(page, pos)
                out.append((n, _signed(rowid), parse_record(reader._payload(page, pos, size,
                                                                            False))))
            except (ValueError, IndexError, UnicodeDecodeError):
                continue
    return out


def open_reader(path: Path) -> PageReader:
    """A reader over ``path`` and its ``-wal`` (if any). Raises NotReadable / OSError."""
    data = path.read_bytes()
    if len(data) < 512:
        raise NotReadable(f"{len(data)} bytes")
    wal_path = path.with_name(path.name + "-wal")
    wal = wal_path.read_bytes() if wal_path.exists() else None
    return PageReader(data, wal)
