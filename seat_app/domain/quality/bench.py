"""Benchmarks of the quality core: sampling a month and the pre-checks per case.

Each prints min / median / p95 with a baseline measured in the same run. Run::

    .venv/bin/python -m seat_app.domain.quality.bench [--cases 66000] [RESOURCES_DIR]

Phase 2 runs the same functions on the demo year (``qa sample``, ``qa precheck --bench``).
Targets (issue 15): a month's sample <= 5 s; pre-checks <= 50 ms per case.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from seat_app.domain.quality.faults import (
    bench_prechecks,
    clean_cases,
    demo_kb,
    grid_from_data,
    inject_faults,
)
from seat_app.domain.quality.prechecks import PrecheckContext, PrecheckRules, parse_phrases
from seat_app.domain.quality.records import AgentInfo, CaseRecord
from seat_app.domain.quality.sampling import SamplingPlan, sample_month


def synthetic_month(
    n: int, *, agents: int = 120, month: str = "2024-03", seed: int = 0
) -> tuple[list[CaseRecord], list[AgentInfo]]:
    """``n`` cases over a month with the targeted signals at realistic rates (2% 不满意,
    1% supervised, 2% returned, repeat callers from a limited pool of numbers)."""
    rng = random.Random(seed)
    y, m = (int(p) for p in month.split("-"))
    start = datetime(y, m, 1)
    span = 28 * 24 * 3600
    cases = [
        CaseRecord(
            f"c{i}",
            f"{i:08d}",
            f"A{i % agents:03d}",
            start + timedelta(seconds=rng.randrange(span)),
            caller_phone=f"139{rng.randrange(n * 4):08d}",
            handling_seconds=rng.gauss(420, 120),
            callback_result="不满意" if rng.random() < 0.02 else "",
            supervised=rng.random() < 0.01,
            unit_return_count=int(rng.random() < 0.02),
            complaint_about_agent=rng.random() < 0.002,
        )
        for i in range(n)
    ]
    people = [
        AgentInfo(f"A{a:03d}", date(y, m, 1) - timedelta(days=40 if a % 10 == 0 else 900))
        for a in range(agents)
    ]
    return cases, people


def _stats(xs: Sequence[float]) -> dict[str, float]:
    s = sorted(xs)
    return {
        "min": round(s[0], 4),
        "median": round(statistics.median(s), 4),
        "p95": round(s[min(len(s) - 1, int(0.95 * len(s)))], 4),
    }


def bench_sampling(
    cases: Sequence[CaseRecord],
    agents: Sequence[AgentInfo],
    month: str,
    *,
    rounds: int = 5,
    inspectors: Sequence[str] = ("Q1", "Q2", "Q3", "Q4"),
) -> dict[str, Any]:
    """Seconds to sample ``month`` (each round a new seed), and a baseline: sorting the
    same cases by case number (the floor of any reproducible sample)."""
    runs, base = [], []
    summary: dict[str, object] = {}
    for r in range(rounds):
        t0 = time.perf_counter()
        sorted(cases, key=lambda c: (c.case_number, c.case_id))
        t1 = time.perf_counter()
        res = sample_month(cases, agents, month, plan=SamplingPlan(), seed=r, inspectors=inspectors)
        t2 = time.perf_counter()
        base.append(t1 - t0)
        runs.append(t2 - t1)
        summary = res.summary()
    return {
        "cases": len(cases),
        "rounds": rounds,
        "seconds": _stats(runs),
        "baseline_seconds": _stats(base),
        "target_seconds": 5.0,
        "last": summary,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    n = 66_000
    if "--cases" in args:
        i = args.index("--cases")
        n = int(args[i + 1])
        del args[i : i + 2]
    resources = Path(args[0]) if args else Path(__file__).resolve().parents[3] / "resources"
    cases, agents = synthetic_month(n)
    print(
        json.dumps(
            {"sampling": bench_sampling(cases, agents, "2024-03")}, ensure_ascii=False, default=str
        )
    )
    rules = PrecheckRules.from_data(
        json.loads((resources / "quality" / "precheck-rules.json").read_text("utf-8"))
    )
    phrases = parse_phrases((resources / "training" / "forbidden_phrases.txt").read_text("utf-8"))
    grid = grid_from_data(json.loads((resources / "grid" / "demo-grid.json").read_text("utf-8")))
    kb = demo_kb()
    ctx = PrecheckContext(rules, phrases, kb, grid)
    faulty, _, _ = inject_faults(clean_cases(2000, grid, kb, rules), ctx)
    print(json.dumps({"prechecks": bench_prechecks(faulty, ctx)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
