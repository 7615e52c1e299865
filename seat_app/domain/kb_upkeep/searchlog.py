"""Search-log records without personal data.

Every search at a seat is logged centrally: the query text with phone-like and ID-like
numbers removed, the filters, how many results, which entries were shown, whether one was
opened or inserted into the case (which), and the time to it. No agent, no seat, no caller.

:func:`scrub_query` removes, after NFKC folding (full-width digits are digits):

* 18-digit (17 digits + check digit or X) and 15-digit resident ID numbers -> ``[证件号]``;
* Chinese mobile numbers (1[3-9] + 9 digits, optional +86, spaces or dashes inside),
  landline numbers (0 + 2-3 digit area code + 7-8 digits) and 400/800 numbers -> ``[电话]``;
* any other run of 6 or more digits (spaces or dashes inside) -> ``[数字]``.

The placeholders keep the query groupable ("查询[电话]的工单" from every caller is one row).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

ID_MARK, PHONE_MARK, NUMBER_MARK = "[证件号]", "[电话]", "[数字]"
MAX_QUERY_CHARS = 120
"""As the search engine: longer texts are cut (written requests are not logged whole)."""
MAX_RESULT_CODES = 10

_SEP = r"[\s\-]?"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<!\d)\d{6}" + _SEP + r"\d{8}" + _SEP + r"\d{3}[\dXx](?![\dA-Za-z])"), ID_MARK),
    (re.compile(r"(?<!\d)\d{15}(?!\d)"), ID_MARK),
    (re.compile(r"(?<![\d+])(?:\+?86" + _SEP + r")?1[3-9]\d(?:" + _SEP + r"\d){8}(?!\d)"),
     PHONE_MARK),
    (re.compile(r"(?<!\d)[48]00" + _SEP + r"\d{3}" + _SEP + r"\d{4}(?!\d)"), PHONE_MARK),
    (re.compile(r"(?<!\d)\(?0\d{2,3}\)?" + _SEP + r"\d{3,4}" + _SEP + r"\d{4}(?!\d)"),
     PHONE_MARK),
    (re.compile(r"\d(?:" + _SEP + r"\d){5,}"), NUMBER_MARK),
)
_SPACES = re.compile(r"\s+")


def scrub_query(text: str) -> str:
    """``text`` NFKC-folded, lower-cased, spaces collapsed, numbers that may identify a
    person replaced by placeholders, at most ``MAX_QUERY_CHARS`` characters."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()
    for pattern, mark in _PATTERNS:
        text = pattern.sub(mark, text)
    text = text.lower()
    return text[:MAX_QUERY_CHARS]


@dataclass(frozen=True, slots=True)
class SearchRecord:
    at: datetime
    query: str
    """Scrubbed (never the raw text)."""
    result_count: int
    result_codes: tuple[str, ...] = ()
    """The entries shown (first ``MAX_RESULT_CODES``)."""
    opened: str = ""
    """Code of the entry opened from these results ("" none)."""
    inserted: str = ""
    """Code of the entry inserted into the case ("" none)."""
    ms_to_answer: int | None = None
    """Milliseconds from the search to the first open or insert."""
    matter: str = ""
    """Matter of the entry opened or inserted."""
    filters: Mapping[str, str] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        return bool(self.opened or self.inserted)


FILTER_KEYS = ("area", "domain", "only_area", "unit", "matter")


def record(query: str, at: datetime, results: Iterable[str], *, result_count: int | None = None,
           opened: str = "", inserted: str = "", ms_to_answer: int | None = None,
           matter: str = "", filters: Mapping[str, str | None] | None = None) -> SearchRecord:
    """The record of one search, scrubbed. Unknown filter names are dropped (a filter is
    never free text a caller said)."""
    codes = tuple(results)
    kept = {k: str(v) for k, v in (filters or {}).items() if k in FILTER_KEYS and v}
    if ms_to_answer is not None and ms_to_answer < 0:
        raise ValueError("ms_to_answer must not be negative")
    return SearchRecord(at, scrub_query(query),
                        len(codes) if result_count is None else int(result_count),
                        codes[:MAX_RESULT_CODES], opened, inserted,
                        ms_to_answer if (opened or inserted) else None, matter, kept)
