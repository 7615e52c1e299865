"""Keystroke in the knowledge search box to results painted: ``python -m seat_app.qt.bench``.

Types realistic queries key by key into a real KnowledgePanel (real index of SEAT_HOME,
search on its worker thread) at typing speed, and measures from each key to the result
list repainted with that key's results (keys whose results were superseded by a newer key
count until the newer results are painted). Prints one JSON line with min/p50/p95/max in ms, and the same figures for a baseline typed
in the same run whose searches answer instantly from memory (same hits): the ratio is
what the index costs on top of the panel itself. ``--search-log``: the same keystrokes
once more with the panel's search log on (services.kb.searchlog.SearchLogBuffer, as the
wired seat has it), so before and after are measured in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from seat_app.qt.seat.knowledge_panel import KnowledgePanel
from seat_app.qt.wiring import build_services
from seat_app.qt.workers import ThreadRunner
from seat_app.services.config import open_home
from seat_app.services.kb.searchlog import SearchLogBuffer

QUERIES = (
    "gjj",
    "公积金提取",
    "太吵",
    "暖气不热",
    "拖欠工资",
    "煤气味",
    "医保报销",
    "停水",
    "sbk",
    "路灯不亮",
    "装修噪声",
    "身份证补办",
    "违章停车",
    "异地就医",
    "养老金",
)


def _type_queries(search, services, args, search_log=None) -> dict:
    """Type QUERIES key by key into a fresh KnowledgePanel using ``search``; return the
    keystroke-to-painted latencies (ms) and their figures."""
    search_runner, local_runner = ThreadRunner(1, "seat-search"), ThreadRunner(1, "seat-local")
    panel = KnowledgePanel(
        search, services.entry, search_runner, entry_runner=local_runner, search_log=search_log
    )
    panel.resize(480, 800)
    panel.show()
    pending: list[float] = []
    latencies: list[float] = []
    final: list[float] = []
    last_key = [0.0, ""]

    def on_results(query: str, hits: list, seconds: float) -> None:
        panel.ui.resultList.viewport().repaint()  # painted, not only scheduled
        now = time.perf_counter()
        latencies.extend((now - t) * 1000 for t in pending)
        pending.clear()
        if query == last_key[1]:
            final.append((now - last_key[0]) * 1000)

    panel.search.results_ready.connect(on_results)

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    for _ in range(args.rounds):
        for query in QUERIES:
            panel.ui.searchEdit.clear()
            for i in range(1, len(query) + 1):
                panel.ui.searchEdit.setText(query[:i])
                pending.append(time.perf_counter())
                if i == len(query):
                    last_key[:] = [pending[-1], query]
                panel.ui.searchEdit.textEdited.emit(query[:i])
                wait(args.key_ms)
            wait(300)
    search_runner.wait(5000)
    searches_run = panel.search.searches_run
    panel.close()
    latencies.sort()
    final.sort()
    return {
        "latencies": latencies,
        "min": round(latencies[0], 1),
        "p50": round(statistics.median(latencies), 1),
        "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "max": round(latencies[-1], 1),
        "searches_run": searches_run,
        "last_key_p95": round(final[int(0.95 * (len(final) - 1))], 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", help="data folder with a built index (default $SEAT_HOME)")
    parser.add_argument("--key-ms", type=int, default=120, help="gap between keys (typing speed)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--search-log",
        action="store_true",
        help="also type with the panel's search log on (before/after)",
    )
    args = parser.parse_args(argv)
    if args.home:
        os.environ["SEAT_HOME"] = args.home
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive
    services, closers = build_services(open_home())
    services.search("预热", None, 20)  # open the index before measuring (startup does this)
    recorded: dict[tuple, list] = {}

    def real_search(query: str, area: str | None, limit: int) -> list:
        hits = services.search(query, area, limit)
        recorded[(query, area, limit)] = hits
        return hits

    def replay_search(query: str, area: str | None, limit: int) -> list:
        return recorded.get((query, area, limit), [])

    real = _type_queries(real_search, services, args)
    # baseline, same run: the same keystrokes and the same hits, answered from memory, so
    # only the panel, the worker hop and the painting are left
    base = _type_queries(replay_search, services, args)
    out = {
        "keystrokes": len(real["latencies"]),
        "min_ms": real["min"],
        "p50_ms": real["p50"],
        "p95_ms": real["p95"],
        "max_ms": real["max"],
        "searches_run": real["searches_run"],
        "last_key_p95_ms": real["last_key_p95"],
        "baseline_no_index": {k: base[k] for k in ("min", "p50", "p95", "max")},
        "ratio_p95_vs_baseline": round(real["p95"] / max(base["p95"], 1e-9), 2),
    }
    if args.search_log:
        buffer = SearchLogBuffer()
        logged = _type_queries(real_search, services, args, search_log=buffer)
        out["with_search_log"] = {k: logged[k] for k in ("min", "p50", "p95", "max")}
        out["with_search_log"]["searches_logged"] = len(buffer.take(all_=True))
        out["ratio_p95_log_vs_no_log"] = round(logged["p95"] / max(real["p95"], 1e-9), 2)
    print(json.dumps(out))
    for close in closers:
        close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
