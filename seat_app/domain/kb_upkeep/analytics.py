"""Search analytics: pure aggregations over search-log records for a chosen period.

* :func:`no_results`     queries that never returned anything;
* :func:`misses`         queries that had results but whose results were never opened or
                         inserted (``max_answer_rate`` > 0 also lists mostly-missed ones);
* :func:`never_found`    entries that no search showed, opened or inserted in 90 days;
* :func:`most_inserted`  entries most inserted into cases;
* :func:`slowest_matters` matters with the slowest time from search to answer.

The central database computes the same figures in SQL (see the phase-2 notes); these are
the reference definitions the SQL is tested against.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from statistics import median

from seat_app.domain.kb_upkeep.errors import UpkeepError
from seat_app.domain.kb_upkeep.searchlog import SearchRecord


@dataclass(frozen=True, slots=True)
class Period:
    """Days ``since`` .. ``until`` (both included)."""

    since: date
    until: date

    def __post_init__(self) -> None:
        if self.until < self.since:
            raise UpkeepError("结束日期早于开始日期。", "The period ends before it starts.")

    def contains(self, at: datetime) -> bool:
        return self.since <= at.date() <= self.until

    @classmethod
    def last_days(cls, today: date, days: int) -> Period:
        return cls(today - timedelta(days=days - 1), today)


@dataclass(frozen=True, slots=True)
class QueryRow:
    query: str
    searches: int
    opened: int
    inserted: int

    def as_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def _in(records: Iterable[SearchRecord], period: Period) -> Iterable[SearchRecord]:
    return (r for r in records if period.contains(r.at))


def _order(rows: list[QueryRow], limit: int | None) -> list[QueryRow]:
    rows.sort(key=lambda r: (-r.searches, r.query))
    return rows if limit is None else rows[:limit]


def no_results(records: Iterable[SearchRecord], period: Period, *,
               limit: int | None = None) -> list[QueryRow]:
    """Queries none of whose searches in the period returned a result."""
    searches: Counter[str] = Counter()
    found: set[str] = set()
    for r in _in(records, period):
        if not r.query:
            continue
        searches[r.query] += 1
        if r.result_count > 0:
            found.add(r.query)
    return _order([QueryRow(q, n, 0, 0) for q, n in searches.items() if q not in found], limit)


def misses(records: Iterable[SearchRecord], period: Period, *, max_answer_rate: float = 0.0,
           min_searches: int = 1, limit: int | None = None) -> list[QueryRow]:
    """Queries that returned results in the period but whose searches were followed by an
    open or an insert at most ``max_answer_rate`` of the time (0: never), searched at least
    ``min_searches`` times; most searched first."""
    stats: dict[str, list[int]] = {}
    for r in _in(records, period):
        if not r.query:
            continue
        s = stats.setdefault(r.query, [0, 0, 0, 0, 0])  # searches, results, opened, ins, ans
        s[0] += 1
        s[1] += r.result_count > 0
        s[2] += bool(r.opened)
        s[3] += bool(r.inserted)
        s[4] += r.answered
    rows = [QueryRow(q, s[0], s[2], s[3]) for q, s in stats.items()
            if s[1] > 0 and s[0] >= min_searches and s[4] <= max_answer_rate * s[0]]
    return _order(rows, limit)


def never_found(entry_codes: Iterable[str], records: Iterable[SearchRecord], today: date, *,
                days: int = 90) -> list[str]:
    """Entries that no search of the last ``days`` days (today included) showed, opened or
    inserted."""
    period = Period.last_days(today, days)
    seen: set[str] = set()
    for r in _in(records, period):
        seen.update(r.result_codes)
        if r.opened:
            seen.add(r.opened)
        if r.inserted:
            seen.add(r.inserted)
    return sorted(set(entry_codes) - seen)


def most_inserted(records: Iterable[SearchRecord], period: Period, *,
                  limit: int = 20) -> list[tuple[str, int]]:
    counts = Counter(r.inserted for r in _in(records, period) if r.inserted)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


@dataclass(frozen=True, slots=True)
class MatterTime:
    matter: str
    answers: int
    median_ms: float
    p90_ms: int


def _nearest_rank(sorted_values: list[int], q: float) -> int:
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def slowest_matters(records: Iterable[SearchRecord], period: Period, *, min_answers: int = 5,
                    limit: int = 20) -> list[MatterTime]:
    """Matters by median time from search to open/insert, slowest first (matters with fewer
    than ``min_answers`` timed answers are left out: too few to say)."""
    times: dict[str, list[int]] = {}
    for r in _in(records, period):
        if r.matter and r.ms_to_answer is not None:
            times.setdefault(r.matter, []).append(r.ms_to_answer)
    rows = []
    for matter, values in times.items():
        if len(values) >= min_answers:
            values.sort()
            rows.append(MatterTime(matter, len(values), float(median(values)),
                                   _nearest_rank(values, 0.9)))
    rows.sort(key=lambda m: (-m.median_ms, m.matter))
    return rows[:limit]
