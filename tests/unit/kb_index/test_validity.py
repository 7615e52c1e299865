"""Validity at query time: expired and not-yet-valid entries are left out of agents'
searches (maintainers see them), decided by the day of the query, without a rebuild."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from kb_index import KBSearcher, build, update
from kb_index.validity import is_valid, iso

pytestmark = pytest.mark.kb_upkeep

MATTER_QUERY = "物业服务质量"
"""The first matter: entries 0, 182 and 364 of the test KB."""


@pytest.fixture(scope="module")
def bounded(kb_entries: list[dict]) -> list[dict]:
    """The test KB with three time-bound entries of MATTER_QUERY: one ending 2025-05-10, one starting
    2025-06-01, one valid 2025-05-01..2025-05-31."""
    entries = [dict(e) for e in kb_entries]
    stops = [e for e in entries if e["matter"] == MATTER_QUERY]
    assert len(stops) >= 3
    stops[0]["valid_to"] = date(2025, 5, 10)
    stops[1]["valid_from"] = date(2025, 6, 1)
    stops[2]["valid_from"], stops[2]["valid_to"] = "2025-05-01", "2025-05-31"
    return entries


@pytest.fixture()
def index(tmp_path: Path, bounded: list[dict]) -> Path:
    root = tmp_path / "idx"
    build(root, bounded, procs=1)
    return root


def _ids(searcher: KBSearcher, **kw) -> set[str]:
    return {h.id for h in searcher.search(MATTER_QUERY, limit=50, **kw)}


def _stops(entries: list[dict]) -> list[str]:
    return [e["id"] for e in entries if e["matter"] == MATTER_QUERY][:3]


def test_agents_see_only_entries_valid_on_the_day(index: Path, bounded: list[dict]):
    ends, starts, window = _stops(bounded)
    with KBSearcher(index) as s:
        on_may_10 = _ids(s, today=date(2025, 5, 10))
        assert ends in on_may_10 and window in on_may_10 and starts not in on_may_10
        # the same running searcher, one day later: the notice has gone, no rebuild
        on_may_11 = _ids(s, today=date(2025, 5, 11))
        assert ends not in on_may_11 and window in on_may_11
        on_june_1 = _ids(s, today=date(2025, 6, 1))
        assert starts in on_june_1 and window not in on_june_1 and ends not in on_june_1
        on_april = _ids(s, today=date(2025, 4, 30))
        assert ends in on_april and window not in on_april and starts not in on_april
        # unbounded entries are found on any day
        assert on_may_11 - {window} == on_june_1 - {starts}


def test_maintainers_see_everything_with_its_bounds(index: Path, bounded: list[dict]):
    ends, starts, window = _stops(bounded)
    with KBSearcher(index) as s:
        hits = {h.id: h for h in s.search(MATTER_QUERY, limit=50, maintainer=True,
                                          today=date(2025, 7, 1))}
        assert {ends, starts, window} <= set(hits)
        assert (hits[ends].valid_from, hits[ends].valid_to) == ("", "2025-05-10")
        assert (hits[window].valid_from, hits[window].valid_to) == ("2025-05-01", "2025-05-31")
        assert not is_valid(hits[ends].valid_from, hits[ends].valid_to, date(2025, 7, 1))
        assert is_valid(hits[starts].valid_from, hits[starts].valid_to, date(2025, 7, 1))


def test_incremental_update_of_bounds_is_seen_after_refresh(index: Path, bounded: list[dict]):
    ends, _starts, _window = _stops(bounded)
    day = date(2025, 5, 20)
    entry = next(e for e in bounded if e["id"] == ends)
    with KBSearcher(index) as s:
        assert ends not in _ids(s, today=day)
        update(index, [{**entry, "valid_to": date(2025, 6, 30)}])  # validity extended
        s.refresh()
        assert ends in _ids(s, today=day)
        update(index, [{**entry, "valid_to": date(2025, 5, 1)}])  # retired early
        s.refresh()
        assert ends not in _ids(s, today=day)


def test_default_day_is_today(index: Path, bounded: list[dict]):
    ends, starts, window = _stops(bounded)
    expected = {i for i, e in zip((ends, starts, window), _bounded_rows(bounded), strict=True)
                if is_valid(e.get("valid_from"), e.get("valid_to"), date.today())}
    with KBSearcher(index) as s:
        assert _ids(s) & {ends, starts, window} == expected


def _bounded_rows(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["matter"] == MATTER_QUERY][:3]


@pytest.mark.parametrize(("value", "stored"), [
    (None, ""), ("", ""), (date(2025, 5, 1), "2025-05-01"),
    (datetime(2025, 5, 1, 23, 59), "2025-05-01"), ("2025-05-01", "2025-05-01"),
    ("2025-05-01T08:00:00", "2025-05-01"), ("五月一日", ""), ("2025-13-01", ""),
])
def test_iso_bounds(value, stored):
    assert iso(value) == stored


def test_is_valid_includes_both_bound_days():
    assert is_valid("2025-05-01", "2025-05-31", date(2025, 5, 1))
    assert is_valid("2025-05-01", "2025-05-31", date(2025, 5, 31))
    assert not is_valid("2025-05-01", "2025-05-31", date(2025, 4, 30))
    assert not is_valid("2025-05-01", "2025-05-31", date(2025, 6, 1))
    assert is_valid("", "", date(1990, 1, 1))
