"""Benchmark: an entry changed and published centrally -> found in a running seat's index
after its sync tick (``seat-admin kb publish-bench``).

A central SQLite file gets ``entries`` demo entries, a seat home pulls them and builds its
index; then, per run, one entry's answer is changed by an editor, published by a second
person, and the seat runs one sync tick (push/pull + KB pull + incremental index update);
the time from the tick's start until the seat's search returns the new text is measured.
The baseline is a sync tick with nothing to pull, in the same run.
"""

from __future__ import annotations

import math
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from seat_app.services.config import open_home
from seat_app.services.kb import index as kb_search
from seat_app.services.kb import io as kb_io
from seat_app.services.kb.upkeep import Upkeep, entry_fields
from seat_app.services.local.store import LocalStore
from seat_app.services.store import make_engine, upgrade
from seat_app.services.sync.engine import pull_tables

MARKER = "琥珀巷临时供水点"


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"min": round(ordered[0], 3), "median": round(statistics.median(ordered), 3),
            "p95": round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 3)}


def seat_tick(store: LocalStore, central: Any, home: Any) -> int:
    """What the seat's sync tick does for the knowledge base (qt.wiring.SyncAdapter)."""
    received = pull_tables(store, central, ("kb_entries",)).received
    if received:
        kb_search.update_index(home)
    return received


def run(runs: int, entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        central = make_engine(f"sqlite:///{Path(tmp) / 'central.sqlite3'}")
        upgrade(central, create=True)
        rows = list(entries)
        kb_io.load_entries(central, iter(rows), total=len(rows))
        home = open_home(Path(tmp) / "seat")
        home.ensure()
        store = LocalStore.open(home)
        try:
            pull_tables(store, central, ("kb_entries",))
            kb_search.build_index(home)
            kb_search.search(home, "停水", None, 5)  # warm searcher, as a running seat
            editor, approver = Upkeep(central, "6001"), Upkeep(central, "2001")
            publish_to_found: list[float] = []
            idle: list[float] = []
            for i in range(runs):
                target = rows[(i * 97) % len(rows)]
                code, word = target["code"], f"{MARKER}{i}号"
                values = {**entry_fields(target), "title": f"{word}{target['title']}"[:200],
                          "answer": f"{word}：{target['answer']}"}
                h = editor.draft(code, values)
                assert h.open is not None
                editor.submit(code, h.open.number)
                approver.approve(code, h.open.number)
                rows[(i * 97) % len(rows)] = {**target, **values}
                t0 = time.perf_counter()
                seat_tick(store, central, home)
                hits = kb_search.search(home, word, None, 5)
                publish_to_found.append(time.perf_counter() - t0)
                if code not in [h["code"] for h in hits]:
                    raise AssertionError(f"{code} not found after the tick: {hits[:1]}")
                t0 = time.perf_counter()
                seat_tick(store, central, home)
                kb_search.search(home, word, None, 5)
                idle.append(time.perf_counter() - t0)
        finally:
            kb_search.close_all()
            store.close()
            central.dispose()
    pub, base = _stats(publish_to_found), _stats(idle)
    return {"entries": len(rows), "runs": runs, "publish_to_found_s": pub,
            "baseline_idle_tick_s": base,
            "ratio_median": round(pub["median"] / max(base["median"], 1e-9), 1),
            "target_s": 2.0}
