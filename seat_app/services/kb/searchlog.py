"""Search logging at the seat and search analytics centrally.

At the seat, :class:`SearchLogBuffer` keeps the current search in memory (the keystroke
path only stores a reference: no database, no scrubbing there). Typing on (a query that
extends or shortens the previous one within ``merge_s``) replaces the pending search;
opening or inserting an entry marks it with the time to it. ``flush(store)`` — run off
the UI thread, by the sync tick — scrubs finished searches (``domain.kb_upkeep.record``)
and writes them as insert ops of ``kb_search_log`` into the outbox: the sync uploads them.

Centrally, :func:`rollup` folds new log rows into ``kb_search_daily`` (one row per day and
scrubbed query), which the misses and no-results reports read: they stay fast over
millions of searches. The other figures read the log of the period.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from seat_app.domain import kb_upkeep as ku
from seat_app.services.local.schema import outbox
from seat_app.services.local.store import LocalStore
from seat_app.services.store.central import INSERT, current_change_seq, encode_value
from seat_app.services.store.models import KBEntry, new_uuid, utcnow
from seat_app.services.store.models_kb_upkeep import KBEntryDaily, KBSearchDaily, KBSearchLog

LOG = KBSearchLog.__table__
DAILY = KBSearchDaily.__table__
ENTRY_DAILY = KBEntryDaily.__table__
ENTITY = "kb_search_log"
MARK = "kb_search_daily"


@dataclass(slots=True)
class _Pending:
    query: str
    at: datetime
    t0: float
    result_count: int
    codes: tuple[str, ...]
    filters: Mapping[str, Any]
    opened: str = ""
    inserted: str = ""
    ms: int | None = None
    matter: str = ""


@dataclass
class SearchLogBuffer:
    """The seat's searches waiting to be written (thread-safe, O(1) per keystroke)."""

    merge_s: float = 8.0
    max_pending: int = 5000
    """Finished searches kept between two flushes (the sync flushes every tick); beyond it
    the oldest unwritten ones are dropped (analytics only, never a case)."""
    _current: _Pending | None = None
    _done: list[_Pending] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def searched(self, query: str, hits: list[Mapping[str, Any]] | tuple[str, ...],
                 filters: Mapping[str, Any] | None = None) -> None:
        """A search's results were shown (``hits``: result dicts with "code", or codes)."""
        query = (query or "").strip()
        if not query:
            return
        now = time.monotonic()
        codes = tuple(h if isinstance(h, str) else str(h.get("code", "")) for h in hits[:10])
        with self._lock:
            cur = self._current
            if (cur is not None and not (cur.opened or cur.inserted)
                    and now - cur.t0 < self.merge_s
                    and (query.startswith(cur.query) or cur.query.startswith(query))):
                cur.query, cur.result_count, cur.codes, cur.t0 = query, len(hits), codes, now
                return
            if cur is not None:
                self._finish(cur)
            self._current = _Pending(query, datetime.now(UTC), now, len(hits), codes,
                                     dict(filters or {}))

    def _mark(self, attr: str, code: str, matter: str) -> None:
        with self._lock:
            cur = self._current
            if cur is None or not code:
                return
            setattr(cur, attr, code)
            if cur.ms is None:
                cur.ms = int((time.monotonic() - cur.t0) * 1000)
            cur.matter = cur.matter or matter

    def opened(self, code: str, matter: str = "") -> None:
        self._mark("opened", code, matter)

    def inserted(self, code: str, matter: str = "") -> None:
        self._mark("inserted", code, matter)

    def _finish(self, p: _Pending) -> None:
        if len(self._done) < self.max_pending:
            self._done.append(p)

    def take(self, *, all_: bool = False) -> list[ku.SearchRecord]:
        """Finished searches as scrubbed records (the current one too with ``all_``, or
        once it is older than ``merge_s``)."""
        with self._lock:
            cur = self._current
            if cur is not None and (all_ or time.monotonic() - cur.t0 >= self.merge_s):
                self._finish(cur)
                self._current = None
            done, self._done = self._done, []
        return [self._record(p) for p in done]

    def flush(self, store: LocalStore, *, all_: bool = False) -> int:
        """Write finished searches into the outbox (one transaction); returns how many. When
        the write fails (a full disk, a locked file) they stay in the buffer for the next
        flush and the error is raised."""
        with self._lock:
            cur = self._current
            if cur is not None and (all_ or time.monotonic() - cur.t0 >= self.merge_s):
                self._finish(cur)
                self._current = None
            pending, self._done = self._done, []
        if not pending:
            return 0
        try:
            write_records(store, [self._record(p) for p in pending])
        except Exception:
            with self._lock:
                self._done = (pending + self._done)[: self.max_pending]
            raise
        return len(pending)

    @staticmethod
    def _record(p: _Pending) -> ku.SearchRecord:
        return ku.record(p.query, p.at, p.codes, result_count=p.result_count, opened=p.opened,
                         inserted=p.inserted, ms_to_answer=p.ms, matter=p.matter,
                         filters=p.filters)


def _log_row(r: ku.SearchRecord) -> dict[str, Any]:
    return {
        "at": r.at, "day": r.at.astimezone(UTC).date(), "query": r.query,
        "filters": json.dumps(dict(r.filters), ensure_ascii=False, sort_keys=True)[:400],
        "result_count": r.result_count, "result_codes": " ".join(r.result_codes),
        "opened": r.opened[:40], "inserted": r.inserted[:40], "ms_to_answer": r.ms_to_answer,
        "matter": r.matter[:40],
    }


def write_records(store: LocalStore, records: list[ku.SearchRecord]) -> None:
    now = utcnow()
    rows = []
    for r in records:
        changes = {k: [None, encode_value(v)] for k, v in _log_row(r).items()}
        rows.append({"op_id": new_uuid(), "entity": ENTITY, "entity_id": new_uuid(),
                     "kind": INSERT, "base_revision": 0,
                     "changes": json.dumps(changes, ensure_ascii=False), "actor": "",
                     "created_at": now, "attempts": 0, "state": "pending"})
    with store.engine.begin() as conn:
        conn.execute(insert(outbox), rows)


def log_rows(records: list[ku.SearchRecord]) -> list[dict[str, Any]]:
    """Central rows for ``records`` (benchmarks and tests write them directly)."""
    return [_log_row(r) for r in records]


# ----------------------------------------------------------------------------- central


def rollup(engine: Engine) -> int:
    """Fold log rows not yet counted into ``kb_search_daily``; returns how many rows were
    read. Incremental (by central change number) and safe to run at any time."""
    with engine.begin() as conn:
        return _rollup(conn)


def _rollup(conn: Connection) -> int:
    upto = current_change_seq(conn)
    mark_sql = "SELECT value FROM kb_rollup_marks WHERE name = :n"
    if conn.dialect.name == "postgresql":
        mark_sql += " FOR UPDATE"
    after = conn.execute(text(mark_sql), {"n": MARK}).scalar()
    if after is None:
        conn.execute(text("INSERT INTO kb_rollup_marks (name, value) VALUES (:n, -1)"),
                     {"n": MARK})
        after = -1
    if after >= upto:
        return 0
    result = conn.execute(text(
        "INSERT INTO kb_search_daily (day, query, searches, with_results, opened, inserted, "
        "answered) SELECT day, query, count(*), "
        "sum(CASE WHEN result_count > 0 THEN 1 ELSE 0 END), "
        "sum(CASE WHEN opened <> '' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN inserted <> '' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN opened <> '' OR inserted <> '' THEN 1 ELSE 0 END) "
        "FROM kb_search_log WHERE change_seq > :a AND change_seq <= :b AND deleted = :f "
        "AND query <> '' GROUP BY day, query "
        "ON CONFLICT (day, query) DO UPDATE SET "
        "searches = kb_search_daily.searches + excluded.searches, "
        "with_results = kb_search_daily.with_results + excluded.with_results, "
        "opened = kb_search_daily.opened + excluded.opened, "
        "inserted = kb_search_daily.inserted + excluded.inserted, "
        "answered = kb_search_daily.answered + excluded.answered"),
        {"a": after, "b": upto, "f": False})
    _rollup_entries(conn, after, upto)
    conn.execute(text("UPDATE kb_rollup_marks SET value = :v WHERE name = :n"),
                 {"v": upto, "n": MARK})
    return max(result.rowcount or 0, 0)


def _rollup_entries(conn: Connection, after: int, upto: int) -> None:
    """Fold the same log rows into ``kb_entry_daily`` (codes shown are a list in a text
    column: counted here, streamed)."""
    counts: dict[tuple[date, str], list[int]] = {}
    rows = conn.execute(
        select(LOG.c.day, LOG.c.result_codes, LOG.c.opened, LOG.c.inserted).where(
            LOG.c.change_seq > after, LOG.c.change_seq <= upto, LOG.c.deleted.is_(False))
        .execution_options(stream_results=True, yield_per=20_000))
    for day, shown, opened, inserted in rows:
        for code in set(shown.split()):
            counts.setdefault((day, code), [0, 0, 0])[0] += 1
        if opened:
            counts.setdefault((day, opened), [0, 0, 0])[1] += 1
        if inserted:
            counts.setdefault((day, inserted), [0, 0, 0])[2] += 1
    if not counts:
        return
    params = [{"d": d, "c": c[:40], "s": v[0], "o": v[1], "i": v[2]}
              for (d, c), v in counts.items()]
    conn.execute(text(
        "INSERT INTO kb_entry_daily (day, code, shown, opened, inserted) "
        "VALUES (:d, :c, :s, :o, :i) ON CONFLICT (day, code) DO UPDATE SET "
        "shown = kb_entry_daily.shown + excluded.shown, "
        "opened = kb_entry_daily.opened + excluded.opened, "
        "inserted = kb_entry_daily.inserted + excluded.inserted"), params)


def _query_rows(engine: Engine, period: ku.Period, having: Any, *, limit: int | None,
                do_rollup: bool) -> list[ku.QueryRow]:
    if do_rollup:
        rollup(engine)
    searches = func.sum(DAILY.c.searches)
    stmt = (select(DAILY.c.query, searches, func.sum(DAILY.c.opened), func.sum(DAILY.c.inserted))
            .where(DAILY.c.day >= period.since, DAILY.c.day <= period.until)
            .group_by(DAILY.c.query).having(having)
            .order_by(searches.desc(), DAILY.c.query))
    if limit:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        return [ku.QueryRow(q, int(n), int(o), int(i)) for q, n, o, i in conn.execute(stmt)]


def misses(engine: Engine, period: ku.Period, *, limit: int | None = None,
           do_rollup: bool = True) -> list[ku.QueryRow]:
    """Queries with results in the period that nobody opened or inserted (most searched
    first); the same definition as ``domain.kb_upkeep.misses``."""
    having = (func.sum(DAILY.c.with_results) > 0) & (func.sum(DAILY.c.answered) == 0)
    return _query_rows(engine, period, having, limit=limit, do_rollup=do_rollup)


def no_results(engine: Engine, period: ku.Period, *, limit: int | None = None,
               do_rollup: bool = True) -> list[ku.QueryRow]:
    return _query_rows(engine, period, func.sum(DAILY.c.with_results) == 0, limit=limit,
                       do_rollup=do_rollup)


def records(engine: Engine, period: ku.Period) -> list[ku.SearchRecord]:
    stmt = select(LOG).where(LOG.c.day >= period.since, LOG.c.day <= period.until,
                             LOG.c.deleted.is_(False))
    out = []
    with engine.connect() as conn:
        for r in conn.execute(stmt).mappings():
            at = r["at"] if r["at"].tzinfo else r["at"].replace(tzinfo=UTC)
            out.append(ku.SearchRecord(at, r["query"], r["result_count"],
                                       tuple(r["result_codes"].split()), r["opened"],
                                       r["inserted"], r["ms_to_answer"], r["matter"],
                                       json.loads(r["filters"] or "{}")))
    return out


@dataclass(frozen=True, slots=True)
class Analytics:
    period: ku.Period
    no_results: list[ku.QueryRow]
    misses: list[ku.QueryRow]
    never_found: list[str]
    most_inserted: list[tuple[str, int]]
    slowest: list[ku.MatterTime]


def analytics(engine: Engine, period: ku.Period, *, today: date | None = None,
              limit: int = 200) -> Analytics:
    """Every figure of the workbench's analytics tab for ``period`` (from the rollups, so
    it stays quick over millions of searches; the definitions are the domain's)."""
    today = today or period.until
    rollup(engine)
    entry = ENTRY_DAILY
    since90 = today - timedelta(days=89)
    with engine.connect() as conn:
        codes = list(conn.execute(select(KBEntry.code).where(KBEntry.deleted.is_(False))
                                  ).scalars())
        seen = set(conn.execute(select(entry.c.code).where(
            entry.c.day >= since90, entry.c.day <= today).distinct()).scalars())
        inserted = func.sum(entry.c.inserted)
        top = conn.execute(
            select(entry.c.code, inserted).where(entry.c.day >= period.since,
                                                 entry.c.day <= period.until)
            .group_by(entry.c.code).having(inserted > 0)
            .order_by(inserted.desc(), entry.c.code).limit(50)).all()
        timed = conn.execute(select(LOG.c.at, LOG.c.matter, LOG.c.ms_to_answer).where(
            LOG.c.day >= period.since, LOG.c.day <= period.until,
            LOG.c.ms_to_answer.is_not(None), LOG.c.matter != "")).all()
    answers = [ku.SearchRecord(at if at.tzinfo else at.replace(tzinfo=UTC), "", 1, (), "x",
                               "", ms, matter) for at, matter, ms in timed]
    return Analytics(
        period, no_results(engine, period, limit=limit, do_rollup=False),
        misses(engine, period, limit=limit, do_rollup=False),
        sorted(set(codes) - seen),
        [(c, int(n)) for c, n in top],
        ku.slowest_matters(answers, period, min_answers=3, limit=50))


def export_xlsx(data: Analytics, path: str | Path) -> Path:
    """The analytics as an .xlsx workbook (one sheet per figure; cells are text or numbers,
    never formulas)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "无结果"
    sheets: list[tuple[Any, list[str], list[list[Any]]]] = [
        (ws, ["检索词", "检索次数"], [[r.query, r.searches] for r in data.no_results]),
        (wb.create_sheet("未命中"), ["检索词", "检索次数", "打开", "插入"],
         [[r.query, r.searches, r.opened, r.inserted] for r in data.misses]),
        (wb.create_sheet("90天未被检索"), ["编号"], [[c] for c in data.never_found]),
        (wb.create_sheet("插入最多"), ["编号", "插入次数"], [list(x) for x in data.most_inserted]),
        (wb.create_sheet("答复最慢事项"), ["事项", "答复数", "中位毫秒", "P90毫秒"],
         [[m.matter, m.answers, m.median_ms, m.p90_ms] for m in data.slowest]),
    ]
    for sheet, head, rows in sheets:
        sheet.append(head)
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = Path(path)
    if not out.parent.is_dir():
        raise FileNotFoundError(str(out.parent))
    wb.save(out)
    return out


