"""Model agent 100 everywhere; careless agent below the pass mark everywhere with the failed
items named; every red line crossed fails its scenario (the figures of training demo)."""

from __future__ import annotations

import pytest

from seat_app.domain.training import (
    Library,
    careless_attempt,
    cross_red_line,
    model_attempt,
    score_attempt,
    wrong_matter,
)
from seat_app.domain.training.bench import demo_summary

pytestmark = pytest.mark.training


def test_model_agent_scores_100_on_every_scenario(library: Library) -> None:
    for s in library.scenarios:
        ev = score_attempt(s, model_attempt(s), library.rubric, library.forbidden)
        assert ev.score == 100.0 and ev.passed, (s.id, ev.failed_items())


def test_careless_agent_fails_every_scenario_with_the_failed_items_named(library: Library
                                                                        ) -> None:
    for s in library.scenarios:
        a = careless_attempt(s)
        assert a.value("matter") == wrong_matter(s.matter) != s.matter
        ev = score_attempt(s, a, library.rubric, library.forbidden)
        assert ev.score < library.rubric.pass_mark and not ev.passed, (s.id, ev.score)
        failed = set(ev.failed_items())
        assert "matter" in failed, s.id
        if s.is_emergency:
            assert "emergency_transfer" in failed and ev.score == 0, s.id
            continue
        assert "no_forbidden" in failed and "不归我们管" in ev.item("no_forbidden").entered
        assert "address" in failed and "required_fields" in failed, s.id
        if s.is_phone:
            assert "readback" in failed, s.id


def test_every_red_line_crossed_fails_its_scenario(library: Library) -> None:
    total = 0
    for s in library.scenarios:
        good = model_attempt(s)
        for line in s.red_lines:
            total += 1
            ev = score_attempt(s, cross_red_line(s, good, line), library.rubric,
                               library.forbidden)
            assert ev.score == 0 and not ev.passed and ev.fatal_failed == (line,), (s.id, line)
            assert ev.raw_score > 0  # every other item is still there, visible
            assert len(ev.items) == len(library.rubric.items())
    assert total >= sum(1 for s in library.scenarios if s.is_phone)


def test_demo_summary_figures(library: Library) -> None:
    d = demo_summary(library, pass_mark=85)
    assert d["scenarios"] == len(library.scenarios) and d["pass_mark"] == 85
    assert d["model_min"] == d["model_mean"] == 100.0
    assert d["careless_max"] < 85 and d["careless_mean"] < d["careless_max"]
    assert d["red_line_caught"] == d["red_line_total"] > 0
    assert all(row["careless_failed"] for row in d["per_scenario"])


def test_benchmark_measures_scoring_and_a_baseline(library: Library) -> None:
    from seat_app.domain.training.bench import bench_scoring, format_bench

    full, base = bench_scoring(library, rounds=1)
    assert full.n == base.n == 2 * len(library.scenarios)
    assert 0 < full.min_ms <= full.median_ms <= full.p95_ms
    assert 0 < base.min_ms <= base.median_ms <= base.p95_ms
    text = format_bench((full, base))
    assert "p95" in text and "baseline" in text and "target p95 <= 50 ms" in text
