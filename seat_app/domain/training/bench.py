"""Benchmark and demo summary of practice scoring (phase 2 wires them into
``seat-admin training demo``). Target: scoring one saved practice attempt <= 50 ms.

    from seat_app.domain.training.bench import bench_scoring, demo_summary, format_bench
    print(format_bench(bench_scoring(lib)))
    print(json.dumps(demo_summary(lib)))
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Any

from seat_app.domain.training.agents import careless_attempt, cross_red_line, model_attempt
from seat_app.domain.training.library import Library
from seat_app.domain.training.practice import judge_attempt, score_attempt
from seat_app.domain.training.rubric import evaluate

TARGET_MS = 50.0


@dataclass(frozen=True, slots=True)
class Timing:
    label: str
    n: int
    min_ms: float
    median_ms: float
    p95_ms: float


def _timing(label: str, samples: list[float]) -> Timing:
    s = sorted(samples)
    p95 = s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]
    return Timing(label, len(s), s[0] * 1e3, statistics.median(s) * 1e3, p95 * 1e3)


def bench_scoring(lib: Library, rounds: int = 3) -> tuple[Timing, Timing]:
    """(scoring, baseline): the time to score one attempt (judge + evaluate) over every
    starter scenario, model and careless, ``rounds`` times; the baseline is the rubric
    engine alone on the same precomputed judgements, measured in the same run."""
    attempts = [(s, a) for s in lib.scenarios for a in (model_attempt(s), careless_attempt(s))]
    judged = [judge_attempt(s, a, lib.forbidden) for s, a in attempts]
    full: list[float] = []
    base: list[float] = []
    clock = time.perf_counter
    for _ in range(rounds):
        for (s, a), js in zip(attempts, judged, strict=True):
            t0 = clock()
            score_attempt(s, a, lib.rubric, lib.forbidden)
            t1 = clock()
            evaluate(lib.rubric, js)
            t2 = clock()
            full.append(t1 - t0)
            base.append(t2 - t1)
    return _timing("score_attempt", full), _timing("baseline: evaluate only", base)


def format_bench(timings: tuple[Timing, ...]) -> str:
    lines = [f"{t.label:<26} n={t.n:<5} min {t.min_ms:7.3f} ms  median {t.median_ms:7.3f} ms"
             f"  p95 {t.p95_ms:7.3f} ms" for t in timings]
    ok = timings[0].p95_ms <= TARGET_MS
    lines.append(f"target p95 <= {TARGET_MS:.0f} ms: {'met' if ok else 'MISSED'}")
    return "\n".join(lines)


def demo_summary(lib: Library, *, pass_mark: float | None = None) -> dict[str, Any]:
    """Play every scenario as the model and the careless agent and cross every red line;
    the figures ``seat-admin training demo`` prints as its last JSON line, plus
    ``per_scenario`` rows (id, model score, careless score, careless failed items)."""
    mark = lib.rubric.pass_mark if pass_mark is None else pass_mark
    rows: list[dict[str, Any]] = []
    model: list[float] = []
    careless: list[float] = []
    caught = total = 0
    for n, s in enumerate(lib.scenarios, start=1):
        good = model_attempt(s, seq=2 * n - 1)
        m = score_attempt(s, good, lib.rubric, lib.forbidden, pass_mark=mark)
        c = score_attempt(s, careless_attempt(s, seq=2 * n), lib.rubric, lib.forbidden,
                          pass_mark=mark)
        for line in s.red_lines:
            total += 1
            ev = score_attempt(s, cross_red_line(s, good, line), lib.rubric, lib.forbidden,
                               pass_mark=mark)
            caught += int(line in ev.fatal_failed and ev.score == 0 and not ev.passed)
        model.append(m.score)
        careless.append(c.score)
        rows.append({"id": s.id, "model": m.score, "careless": c.score,
                     "careless_failed": list(c.failed_items())})
    return {
        "scenarios": len(rows), "pass_mark": mark,
        "model_mean": round(statistics.fmean(model), 2), "model_min": min(model),
        "careless_mean": round(statistics.fmean(careless), 2), "careless_max": max(careless),
        "red_line_caught": caught, "red_line_total": total, "per_scenario": rows,
    }


if __name__ == "__main__":  # pragma: no cover - manual run from the source tree
    import json
    from pathlib import Path

    from seat_app.domain.training.library import load_library

    library = load_library(Path(__file__).resolve().parents[3] / "resources" / "training")
    print(format_bench(bench_scoring(library)))
    summary = demo_summary(library)
    summary.pop("per_scenario")
    print(json.dumps(summary, ensure_ascii=False))
