"""Search analytics over log records, checked against counts made independently."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from seat_app.domain import kb_upkeep as ku

pytestmark = pytest.mark.kb_upkeep
MAY = ku.Period(date(2025, 5, 1), date(2025, 5, 31))


def rec(query, day, results=("KB-1",), opened="", inserted="", ms=None, matter=""):
    return ku.record(query, datetime(2025, 5, day, 10), list(results), opened=opened,
                     inserted=inserted, ms_to_answer=ms, matter=matter)


def test_no_results_and_misses():
    logs = [
        rec("火星停水", 2, results=()), rec("火星停水", 3, results=()),
        rec("公积金", 2), rec("公积金", 3, opened="KB-1"),         # answered once: not a miss
        rec("水压低", 4), rec("水压低", 5), rec("水压低", 6, results=()),  # results, never opened
        rec("路灯", 7), rec("路灯", 8, inserted="KB-9", opened="KB-9"),
        rec("路灯", 9), rec("路灯", 10),
        ku.record("水压低", datetime(2025, 6, 1, 9), ["KB-1"]),     # outside the period
    ]
    assert [(r.query, r.searches) for r in ku.no_results(logs, MAY)] == [("火星停水", 2)]
    assert [r.as_json() for r in ku.misses(logs, MAY)] == [
        '{"query": "水压低", "searches": 3, "opened": 0, "inserted": 0}']
    mostly = ku.misses(logs, MAY, max_answer_rate=0.25)
    assert [(r.query, r.searches, r.opened, r.inserted) for r in mostly] == [
        ("路灯", 4, 1, 1), ("水压低", 3, 0, 0)]
    assert ku.misses(logs, MAY, min_searches=4) == []


def test_misses_match_an_independent_count():
    rng = random.Random(2025)
    queries = [f"问题{i}" for i in range(40)]
    logs = []
    for _ in range(3000):
        q = rng.choice(queries)
        has = rng.random() < 0.8
        opened = rng.random() < (0.02 if q.endswith("7") else 0.4) and has
        logs.append(rec(q, rng.randrange(1, 31), results=("KB-1",) if has else (),
                        opened="KB-1" if opened else ""))
    per = {}
    for r in logs:
        per.setdefault(r.query, []).append(r)
    expected = sorted(
        ((q, len(rs)) for q, rs in per.items()
         if any(r.result_count for r in rs) and not any(r.opened for r in rs)),
        key=lambda x: (-x[1], x[0]))
    assert [(r.query, r.searches) for r in ku.misses(logs, MAY)] == expected


def test_never_found_most_inserted_slowest():
    logs = [rec("a", 20, results=("KB-1", "KB-2"), inserted="KB-2", opened="KB-2", ms=3000,
                matter="停水"),
            rec("b", 21, results=(), inserted="KB-7", ms=9000, matter="停电"),
            rec("c", 22, results=("KB-2",), inserted="KB-2", ms=5000, matter="停水")]
    old = ku.record("d", datetime(2025, 1, 2), ["KB-3"])
    codes = [f"KB-{i}" for i in range(1, 8)]
    assert ku.never_found(codes, [*logs, old], date(2025, 5, 31)) == [
        "KB-3", "KB-4", "KB-5", "KB-6"]
    assert ku.never_found(codes, [*logs, old], date(2025, 5, 31), days=200) == [
        "KB-4", "KB-5", "KB-6"]
    assert ku.most_inserted(logs, MAY) == [("KB-2", 2), ("KB-7", 1)]
    rows = ku.slowest_matters(logs, MAY, min_answers=1)
    assert [(m.matter, m.answers, m.median_ms, m.p90_ms) for m in rows] == [
        ("停电", 1, 9000.0, 9000), ("停水", 2, 4000.0, 5000)]
    assert ku.slowest_matters(logs, MAY, min_answers=2)[0].matter == "停水"


def test_slowest_p90_is_nearest_rank():
    rng = random.Random(7)
    times = [rng.randrange(1000, 60000) for _ in range(101)]
    logs = [rec("q", 1 + i % 28, opened="KB-1", ms=t, matter="噪声") for i, t in
            enumerate(times)]
    (row,) = ku.slowest_matters(logs, MAY)
    ordered = sorted(times)
    assert row.p90_ms == ordered[90] and row.median_ms == ordered[50]
    assert Counter(r.matter for r in logs)["噪声"] == row.answers


def test_period_checks():
    with pytest.raises(ku.UpkeepError):
        ku.Period(date(2025, 5, 2), date(2025, 5, 1))
    assert ku.Period.last_days(date(2025, 5, 31), 90).since == date(2025, 5, 31) - timedelta(89)
