"""Validity of time-bound entries, applied when searching (not when building).

An entry may carry ``valid_from`` and ``valid_to`` (dates, both days included; either may be
empty = open). The index stores them as ISO texts (``YYYY-MM-DD``, "" for open) in two
sortable columns, and the searcher leaves out, at query time, every entry that is not valid
on the query's day:

* ``valid_to`` before today: expired, not returned;
* ``valid_from`` after today: not yet valid, not returned;

unless the search is a maintainer's (``maintainer=True``), which sees everything. Because the
check is made per query with the day of the query, a notice whose last day passes while a
seat runs disappears at midnight without a rebuild. Only the entries that have a bound cost
anything: they are listed once per opened reader, and the hidden set is computed once per day.

Typical use::

    from kb_index.validity import is_valid, iso
    searcher.search("停水", today=date(2025, 5, 3))          # agents: valid entries only
    searcher.search("停水", maintainer=True)                  # maintainers: everything
    is_valid(hit.valid_from, hit.valid_to, date.today())     # mark a hit as expired / pending
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

__all__ = ["OPEN", "ValidityColumns", "is_valid", "iso"]

OPEN = ""
"""The stored value of a missing bound."""


def iso(value: Any) -> str:
    """The stored text of a bound: ``YYYY-MM-DD`` for a date, datetime or ISO text, "" when
    there is none. A text that is not a date is stored as "" (open), never guessed."""
    if value is None or value == "":
        return OPEN
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return OPEN


def is_valid(valid_from: Any, valid_to: Any, today: date) -> bool:
    """True when an entry with these bounds is valid on ``today`` (both bounds included)."""
    day = today.isoformat()
    start, end = iso(valid_from), iso(valid_to)
    return not (start and start > day) and not (end and end < day)


SegmentCache = dict[tuple[str, int], list[tuple[int, str, str]]]
"""Bounded entries per segment (segment id, documents): a segment's columns never change,
so reopening after an incremental update reads only the new small segments."""


def _segment_bounds(leaf: Any) -> list[tuple[int, str, str]]:
    out: list[tuple[int, str, str]] = []
    starts = leaf.column_reader("valid_from")
    ends = leaf.column_reader("valid_to")
    for docnum, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start or end:
            out.append((docnum, start or OPEN, end or OPEN))
    return out


def _leaves(reader: Any) -> list[tuple[Any, int]]:
    try:
        return list(reader.leaf_readers())
    except AttributeError:
        return [(reader, 0)]


class ValidityColumns:
    """The bounded entries of one opened reader, and the docnums hidden on a given day.

    ``cache`` (kept by the searcher across reopenings) holds each segment's bounded entries:
    publishing one entry adds a one-document segment, and only that one is read again."""

    def __init__(self, reader: Any, cache: SegmentCache | None = None) -> None:
        fields = reader.schema.names()
        self.bounded: list[tuple[int, str, str]] = []
        if "valid_from" in fields and "valid_to" in fields:
            seen: SegmentCache = {}
            for leaf, offset in _leaves(reader):
                try:
                    key = (str(leaf.segment().segment_id()), int(leaf.doc_count_all()))
                except AttributeError:
                    key = None
                rows = cache.get(key) if (cache is not None and key is not None) else None
                if rows is None:
                    rows = _segment_bounds(leaf)
                if key is not None:
                    seen[key] = rows
                self.bounded.extend((offset + d, a, b) for d, a, b in rows)
            if cache is not None:  # keep only the segments of this reader
                cache.clear()
                cache.update(seen)
        self._day = ""
        self._hidden: frozenset[int] = frozenset()

    def hidden(self, today: date) -> frozenset[int]:
        """Docnums not valid on ``today`` (computed once per day)."""
        day = today.isoformat()
        if day != self._day:
            self._hidden = frozenset(
                docnum for docnum, start, end in self.bounded
                if (start and start > day) or (end and end < day)
            )
            self._day = day
        return self._hidden
