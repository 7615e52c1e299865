"""Knowledge-base data in and out of the central database.

- ``load_entries``: fast bulk insert (demo data, first loads), one transaction, one change
  sequence number for every row.
- ``validate_file`` / ``import_file``: .xlsx, .csv (UTF-8 with or without BOM, GBK/GB18030
  fallback) and .json (a list of objects). Column names are the field names of
  ``models.KB_FIELDS`` or their Chinese headers (``HEADERS``). Every bad row is reported (row
  number as the user sees it: the spreadsheet row with the header as row 1; for JSON the
  object's position, first = 1), and a file with any error changes nothing. Valid files
  upsert by code in one transaction stamped with one change sequence number; rows whose
  content is identical are left alone.
- ``export_file``: the non-deleted entries as .xlsx / .csv / .json with the Chinese headers,
  readable again by ``import_file`` to the same entries.

Hostile and damaged input (issue 10): every value is checked with ``seat_app.domain.text``
(NUL and other control characters, lone surrogates, bidi overrides; line breaks only in the
long-text fields) and refused per row and column with the reason, on SQLite and PostgreSQL
alike; no cell may be longer than ``CELL_LIMIT`` characters (any column, even an ignored
one: reported with row, column and the limit). Text that starts like a spreadsheet formula
(``=``, ``+``, ``-``, ``@``, tab, CR) is stored as it is; exports neutralise it (.xlsx: text
cells, never formulas; .csv: one leading ``'``, OWASP) and CSV imports take that ``'`` away
again (``sheet_escape``/``sheet_unescape``), so an export always re-imports.
- ``kb_stats``: entries, matters, areas, distinct titles.

Reading and checking files lives in ``kb.rows``, export in ``kb.export``; their public names
are importable from here as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update

from seat_app.services.kb.export import EXPORT_FORMATS, KBExportError, export_file
from seat_app.services.kb.rows import (
    CELL_LIMIT,
    HEADERS,
    KINDS,
    ONE_LINE,
    REQUIRED,
    STATUSES,
    TEXT_LIMIT,
    RowError,
    validate_file,
)
from seat_app.services.kb.versions import ImportedEntry, record_import, version_numbers
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import KB_FIELDS, KBEntry, new_uuid, utcnow

Progress = Callable[[str, int, int], None]
BATCH = 2_000
IMPORT_USER = "kb-import"
_TABLE = KBEntry.__table__

__all__ = [
    "BATCH", "CELL_LIMIT", "EXPORT_FORMATS", "HEADERS", "IMPORT_USER", "KINDS", "ONE_LINE",
    "REQUIRED", "STATUSES", "TEXT_LIMIT", "ImportReport", "KBExportError", "RowError",
    "export_file", "import_file", "kb_stats", "load_entries",
    "validate_file",
]


@dataclass(slots=True)
class ImportReport:
    path: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    change_seq: int | None = None
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# ─── bulk load and stats ──────────────────────────────────────────────────────────────


def _full_row(entry: dict, seq: int, who: str, now: datetime) -> dict:
    row = {name: entry.get(name) for name in KB_FIELDS}
    for name in KB_FIELDS:
        if row[name] is None and name not in ("valid_from", "valid_to"):
            row[name] = 1 if name == "version" else ("已发布" if name == "status" else "")
    row.update(
        id=entry.get("id") or new_uuid(),
        revision=1,
        change_seq=seq,
        changed_by=who,
        changed_at=now,
        deleted=False,
    )
    return row


def load_entries(
    engine: Engine,
    entries: Iterable[dict],
    *,
    total: int | None = None,
    progress: Progress | None = None,
    changed_by: str = "demo",
) -> int:
    """Insert ``entries`` (dicts with KB_FIELDS and optionally "id") in one transaction.

    Every row gets the same, freshly taken central change sequence number. Returns the
    number of rows inserted.
    """
    done = 0
    now = utcnow()
    with engine.begin() as conn:
        seq = next_change_seq(conn)
        write = _copy_writer(conn) if conn.dialect.name == "postgresql" else _insert_writer(conn)
        batch: list[dict] = []
        for entry in entries:
            batch.append(_full_row(entry, seq, changed_by, now))
            if len(batch) >= BATCH:
                write(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress("kb load", done, total or done)
        if batch:
            write(batch)
            done += len(batch)
        if progress:
            progress("kb load", done, total or done)
    return done


def _insert_writer(conn: Connection) -> Callable[[list[dict]], None]:
    stmt = insert(_TABLE)
    return lambda batch: conn.execute(stmt, batch)


_COPY_COLUMNS = (*KB_FIELDS, "id", "revision", "change_seq", "changed_by", "changed_at", "deleted")


def _copy_writer(conn: Connection) -> Callable[[list[dict]], None]:
    """PostgreSQL: COPY ... FROM STDIN on the transaction's own connection (psycopg 3)."""
    raw = conn.connection.driver_connection
    sql = f"COPY {_TABLE.name} ({', '.join(_COPY_COLUMNS)}) FROM STDIN"

    def write(batch: list[dict]) -> None:
        with raw.cursor() as cur, cur.copy(sql) as copy:
            for row in batch:
                copy.write_row([row[name] for name in _COPY_COLUMNS])

    return write


def kb_stats(engine: Engine) -> dict[str, int]:
    """``{"entries", "matters", "areas", "distinct_titles"}`` over non-deleted entries."""
    c = _TABLE.c
    stmt = select(
        func.count(),
        func.count(c.matter.distinct()),
        func.count(c.area.distinct()),
        func.count(c.title.distinct()),
    ).where(c.deleted.is_(False))
    with engine.connect() as conn:
        entries, matters, areas, titles = conn.execute(stmt).one()
    return {
        "entries": int(entries),
        "matters": int(matters),
        "areas": int(areas),
        "distinct_titles": int(titles),
    }


# ─── import ───────────────────────────────────────────────────────────────────────────

_COMPARED = tuple(name for name in KB_FIELDS if name != "version")


def import_file(
    engine: Engine, path: str | Path, *, changed_by: str = IMPORT_USER, dry_run: bool = False
) -> ImportReport:
    """Validate ``path`` and, when it has no error, upsert its rows by code.

    New codes are inserted (version from the file or 1); existing codes whose content
    differs are updated with revision + 1 and version + 1 (a tombstoned entry comes back);
    identical rows are left alone. All writes share one change sequence number. With any
    error, or with ``dry_run``, nothing changes.
    """
    report = ImportReport(path=str(path))
    rows, errors = validate_file(path)
    report.rows = len(rows)
    if errors:
        report.errors = errors
        return report
    c = _TABLE.c
    now = utcnow()
    with engine.connect() as conn:
        trans = conn.begin()
        try:
            seq = next_change_seq(conn)  # first: the counter lock serializes central writers
            existing: dict[str, dict] = {}
            codes = [r["code"] for r in rows]
            for start in range(0, len(codes), 500):
                chunk = codes[start:start + 500]
                for rec in conn.execute(select(_TABLE).where(c.code.in_(chunk))).mappings():
                    existing[rec["code"]] = dict(rec)
            inserts: list[dict] = []
            updates: list[dict] = []
            imported: list[ImportedEntry] = []
            numbered = version_numbers(conn, codes)  # after the drafts' numbers, never on them
            for row in rows:
                old = existing.get(row["code"])
                after = numbered.get(row["code"], 0) + 1
                if old is None:
                    full = _full_row(row, seq, changed_by, now)
                    full["version"] = max(int(full["version"]), after)
                    inserts.append(full)
                    imported.append(ImportedEntry(row["code"], full["version"], full, None))
                    continue
                if not old["deleted"] and all(row[f] == old[f] for f in _COMPARED):
                    report.unchanged += 1
                    continue
                change = {name: row[name] for name in _COMPARED}
                number = max(int(old["version"]) + 1, after)
                imported.append(ImportedEntry(row["code"], number, change, old))
                change.update(
                    row_id=old["id"],
                    version=number,
                    revision=int(old["revision"]) + 1,
                    change_seq=seq,
                    changed_by=changed_by,
                    changed_at=now,
                    deleted=False,
                )
                updates.append(change)
            for start in range(0, len(inserts), BATCH):
                conn.execute(insert(_TABLE), inserts[start:start + BATCH])
            if updates:
                stmt = update(_TABLE).where(c.id == bindparam("row_id"))
                for start in range(0, len(updates), BATCH):
                    conn.execute(stmt, updates[start:start + BATCH])
            record_import(conn, imported, changed_by, now, note=f"导入 {Path(path).name}")
            report.inserted, report.updated = len(inserts), len(updates)
            if dry_run or not (inserts or updates):
                trans.rollback()
            else:
                trans.commit()
                report.change_seq = seq
        except BaseException:
            trans.rollback()
            raise
    return report
