"""The faulty-case generator, the pre-checks' precision and recall on it, and the bench."""

from __future__ import annotations

from collections import Counter

import pytest

from seat_app.domain.quality import Check, Outcome, run_prechecks
from seat_app.domain.quality.faults import (
    FAULT_CHECK,
    FAULT_RATES,
    Fault,
    bench_prechecks,
    clean_cases,
    inject_faults,
    measure,
)

pytestmark = pytest.mark.quality

N = 1500


@pytest.fixture(scope="module")
def clean(grid, kb, rules):
    return clean_cases(N, grid, kb, rules, seed=5)


def test_clean_cases_raise_no_failure(clean, ctx):
    assert len(clean) > 0.95 * N
    kinds = Counter((c.handling, bool(c.transferred_to)) for c in clean)
    assert kinds[("转派", False)] > 100 and kinds[("直接办理", False)] > 100
    assert kinds[("直接办理", True)] > 10  # emergencies transferred
    failed = Counter(r.check for c in clean for r in run_prechecks(c, ctx)
                     if r.outcome == Outcome.FAIL)
    assert failed == Counter()


def test_faults_have_their_stated_rates_and_one_per_case(clean, ctx):
    faulty, truth, kinds = inject_faults(clean, ctx, seed=5)
    counts = Counter(kinds.values())
    for fault, rate in FAULT_RATES.items():
        assert counts[fault] == round(rate * len(clean)), fault
    assert set(truth) == set(kinds)
    assert all(FAULT_CHECK[kinds[c]] in truth[c] for c in truth)
    changed = {a.case_id for a, b in zip(clean, faulty, strict=True) if a != b}
    assert changed == set(kinds)
    again = inject_faults(clean, ctx, seed=5)
    assert again[0] == faulty and again[2] == kinds
    assert inject_faults(clean, ctx, seed=6)[2] != kinds


def test_prechecks_find_the_faults_with_precision_and_recall_at_least_095(clean, ctx):
    faulty, truth, _ = inject_faults(clean, ctx, seed=5)
    m = measure(faulty, truth, ctx)
    assert m.faulty == len(truth) > 0.15 * len(clean)
    assert m.overall.precision >= 0.95 and m.overall.recall >= 0.95
    for s in m.per_check:
        assert s.precision >= 0.95 and s.recall >= 0.95, s
    assert {s.check for s in m.per_check if s.tp} == {c.value for c in FAULT_CHECK.values()} | {
        Check.MATTER_VS_INTAKE.value}


def test_measure_counts_misses_and_false_alarms(clean, ctx):
    faulty, truth, kinds = inject_faults(clean, ctx, seed=5)
    # claim a fault on a clean case (a miss) and hide a real one (a false alarm)
    clean_id = next(c.case_id for c in faulty if c.case_id not in truth)
    hidden = next(c for c, f in kinds.items() if f == Fault.FORBIDDEN_PHRASE)
    bad_truth = {k: v for k, v in truth.items() if k != hidden}
    bad_truth[clean_id] = frozenset({Check.FORBIDDEN_PHRASES})
    m = measure(faulty, bad_truth, ctx)
    s = next(s for s in m.per_check if s.check == Check.FORBIDDEN_PHRASES.value)
    assert (s.fp, s.fn) == (1, 1)


def test_bench_reports_min_median_p95_and_a_baseline(clean, ctx):
    out = bench_prechecks(clean[:200], ctx, rounds=1)
    ms = out["ms_per_case"]
    assert out["cases"] == 200 and ms["min"] <= ms["median"] <= ms["p95"]
    assert set(out["baseline_ms"]) == {"min", "median", "p95"}


def test_sampling_bench_reports_figures_and_a_baseline():
    from seat_app.domain.quality.bench import bench_sampling, synthetic_month

    cases, agents = synthetic_month(3000, agents=20, seed=1)
    out = bench_sampling(cases, agents, "2024-03", rounds=2)
    s = out["seconds"]
    assert out["cases"] == 3000 and s["min"] <= s["median"] <= s["p95"]
    assert out["last"]["agents"] == 20 and out["last"]["sampled"] >= 20 * 4
