"""Benchmark: the index against SQLite FTS5 (trigram) over the same entries, in one run.

The build runs in a child process (``python -m kb_index.bench build-child``) so that the
peak RSS reported is the searching process's own; entries are streamed (never all in
memory) into a JSON Lines file for the child and into the FTS5 table.

Latency: after one warm-up pass over the queries (a warm searcher, as at a seat after the
first calls), every query is timed ``rounds`` times. ``cold_*`` figures clear the
searcher's term-vector cache before each query and are printed for honesty.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from kb_index.build import build, update
from kb_index.search import KBSearcher

Query = tuple[str, str, str]
"""(query text, area or "", expected matter)"""


def load_queries(path: Path | str) -> list[Query]:
    out: list[Query] = []
    for line in Path(path).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise ValueError(f"{path}: bad line {line!r} (query<TAB>area<TAB>matter)")
        out.append((parts[0], parts[1].strip(), parts[2].strip()))
    return out


def peak_rss_mb() -> float:
    try:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024, 1)
    except ImportError:  # Windows
        import psutil

        info = psutil.Process().memory_info()
        return round(getattr(info, "peak_wset", info.rss) / 2**20, 1)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))
    return ordered[idx]


FTS_FIELDS = ("title", "matter", "keywords", "answer")


def fts5_query(text: str) -> tuple[str, str] | None:
    """A naive but fair FTS5 trigram query: every whitespace-separated term of 3+
    characters must appear (quoted, so syntax can't break); shorter input falls back to
    a LIKE on title and keywords."""
    terms = [t.replace('"', '""') for t in text.split() if t]
    long_terms = [t for t in terms if len(t) >= 3]
    if long_terms:
        return "match", " ".join(f'"{t}"' for t in long_terms)
    if terms:
        return "like", terms[0]
    return None


class Fts5:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(str(path))
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS kb USING fts5(matter_id UNINDEXED, area "
            "UNINDEXED, title, matter, keywords, answer, tokenize='trigram')"
        )

    def add(self, entry: Mapping[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO kb VALUES (?,?,?,?,?,?)",
            (entry.get("matter", ""), entry.get("area", ""),
             *(str(entry.get(f) or "") for f in FTS_FIELDS)),
        )

    def commit(self) -> None:
        self.conn.commit()

    def search(self, text: str, limit: int = 10) -> list[str]:
        q = fts5_query(text)
        if q is None:
            return []
        try:
            if q[0] == "match":
                rows = self.conn.execute(
                    "SELECT matter_id FROM kb WHERE kb MATCH ? ORDER BY bm25(kb, 0, 0, 4, 4, "
                    "2, 1) LIMIT ?", (q[1], limit)).fetchall()
            else:
                like = f"%{q[1]}%"
                rows = self.conn.execute(
                    "SELECT matter_id FROM kb WHERE title LIKE ? OR keywords LIKE ? LIMIT ?",
                    (like, like, limit)).fetchall()
        except sqlite3.Error:
            return []
        return [r[0] for r in rows]


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t) * 1000.0, result


def run(
    entries: Iterable[Mapping[str, Any]],
    queries: list[Query],
    *,
    total: int | None = None,
    workdir: Path | str | None = None,
    rounds: int = 3,
    procs: int | None = None,
    say: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run the whole benchmark and return its figures (see module doc)."""
    tmp = tempfile.TemporaryDirectory(prefix="kb-bench-") if workdir is None else None
    work = Path(tmp.name if tmp else workdir)  # type: ignore[arg-type]
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run(entries, queries, total, work, rounds, procs, say)
    finally:
        if tmp:
            tmp.cleanup()


def _run(entries: Iterable[Mapping[str, Any]], queries: list[Query], total: int | None,
         work: Path, rounds: int, procs: int | None,
         say: Callable[[str], None]) -> dict[str, Any]:
    jsonl = work / "entries.jsonl"
    fts = Fts5(work / "fts5.sqlite3")
    sample: list[dict[str, Any]] = []
    count = 0
    say("准备数据 / streaming entries ...")
    with open(jsonl, "w", encoding="utf-8") as fh:
        for entry in entries:
            row = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in entry.items()}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fts.add(row)
            count += 1
            if count % 397 == 0 and len(sample) < 100:
                sample.append(row)
    fts.commit()
    root = work / "index"
    say(f"全量构建 / full build of {count} entries (child process) ...")
    cmd = [sys.executable, "-m", "kb_index.bench", "build-child", str(jsonl), str(root),
           str(procs or 0), str(count)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"build child failed: {proc.stderr.strip()[-2000:]}")
    child = json.loads(proc.stdout.strip().splitlines()[-1])
    build_s = child["build_s"]

    open_ms, searcher = _timed(lambda: KBSearcher(root))
    open_s = open_ms / 1000.0
    changed = [{**e, "title": e["title"] + "（修订）", "version": int(e.get("version") or 1) + 1}
               for e in sample]
    inc_ms, _ = _timed(lambda: update(root, changed))
    searcher.refresh()

    def run_ours(q: Query) -> list[str]:
        return [h.matter for h in searcher.search(q[0], area=q[1] or None, limit=5)]

    # warm-up pass, then timed rounds
    hits = 0
    misses: list[Query] = []
    for q in queries:
        got = run_ours(q)
        if q[2] in got[:5]:
            hits += 1
        else:
            misses.append(q)
    times = [_timed(lambda q=q: run_ours(q))[0] for _ in range(rounds) for q in queries]
    cold = []
    for q in queries:
        searcher._vectors.clear()
        cold.append(_timed(lambda q=q: run_ours(q))[0])
    fts_times, fts_hits = [], 0
    for q in queries:
        fts.search(q[0])
    for _ in range(rounds):
        for q in queries:
            ms, got = _timed(lambda q=q: fts.search(q[0], 5))
            fts_times.append(ms)
    for q in queries:
        if q[2] in fts.search(q[0], 5):
            fts_hits += 1
    searcher.close()
    fts.conn.close()
    n = max(1, len(queries))
    result = {
        "entries": count,
        "queries": len(queries),
        "min_ms": round(min(times or [0.0]), 3),
        "p50_ms": round(statistics.median(times or [0.0]), 3),
        "p95_ms": round(_pct(times, 0.95), 3),
        "max_ms": round(max(times or [0.0]), 3),
        "cold_p50_ms": round(statistics.median(cold or [0.0]), 3),
        "cold_p95_ms": round(_pct(cold, 0.95), 3),
        "fts5_min_ms": round(min(fts_times or [0.0]), 3),
        "fts5_p50_ms": round(statistics.median(fts_times or [0.0]), 3),
        "fts5_p95_ms": round(_pct(fts_times, 0.95), 3),
        "build_s": round(build_s, 2),
        "build_procs": child["procs"],
        "build_peak_rss_mb": child["peak_rss_mb"],
        "incremental_100_s": round(inc_ms / 1000.0, 3),
        "open_s": round(open_s, 3),
        "hit5": round(hits / n, 4),
        "fts5_hit5": round(fts_hits / n, 4),
        "peak_rss_mb": peak_rss_mb(),
        "misses": [list(m) for m in misses[:30]],
    }
    return result


def _build_child(jsonl: str, root: str, procs: str, total: str) -> None:
    def entries() -> Iterable[dict[str, Any]]:
        with open(jsonl, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)

    t = time.perf_counter()
    res = build(root, entries(), total=int(total), procs=int(procs) or None)
    elapsed = time.perf_counter() - t
    print(json.dumps({"build_s": elapsed, "procs": res.procs, "docs": res.docs,
                      "peak_rss_mb": peak_rss_mb()}))


if __name__ == "__main__":  # pragma: no cover - the child of run()
    if len(sys.argv) == 6 and sys.argv[1] == "build-child":
        os.environ.setdefault("PYTHONHASHSEED", "0")
        _build_child(*sys.argv[2:6])
    else:
        print("usage: python -m kb_index.bench build-child JSONL ROOT PROCS TOTAL",
              file=sys.stderr)
        sys.exit(2)
