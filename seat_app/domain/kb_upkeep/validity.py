"""Validity rules of time-bound entries (notices valid May 1 to July 30, outages, seasons).

Both bounds are days included; either may be missing (open). On a given day an entry is:

* ``always``   no bounds at all;
* ``pending``  ``valid_from`` after today: found only by maintainers;
* ``expired``  ``valid_to`` before today: not returned by search, marked expired for
  maintainers;
* ``expiring`` valid today and ``valid_to`` within the next 7 days: listed on the workbench;
* ``current``  valid today with a bound, not expiring soon.

The search engine applies the same rule at query time (``kb_index.validity``, which cannot
import this package; a test checks both agree). :func:`validity_text` is what the seat's
answer panel shows under a time-bound entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from seat_app.domain.kb_upkeep.entry import parse_date

EXPIRING_DAYS = 7


class Validity(StrEnum):
    ALWAYS = "always"
    PENDING = "pending"
    CURRENT = "current"
    EXPIRING = "expiring"
    EXPIRED = "expired"


def _bound(value: Any) -> date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def validity(valid_from: Any, valid_to: Any, today: date, *,
             expiring_days: int = EXPIRING_DAYS) -> Validity:
    start, end = _bound(valid_from), _bound(valid_to)
    if start is None and end is None:
        return Validity.ALWAYS
    if start is not None and start > today:
        return Validity.PENDING
    if end is not None and end < today:
        return Validity.EXPIRED
    if end is not None and end <= today + timedelta(days=expiring_days):
        return Validity.EXPIRING
    return Validity.CURRENT


def searchable(valid_from: Any, valid_to: Any, today: date, *, maintainer: bool = False) -> bool:
    """Whether a search on ``today`` returns the entry (maintainers: always)."""
    return maintainer or validity(valid_from, valid_to, today) not in (
        Validity.PENDING, Validity.EXPIRED)


@dataclass(frozen=True, slots=True)
class ExpiringEntry:
    code: str
    title: str
    valid_to: date
    days_left: int
    """0 = its last day is today."""


def expiring(entries: Iterable[Mapping[str, Any]], today: date, *,
             days: int = EXPIRING_DAYS) -> list[ExpiringEntry]:
    """Entries valid today whose last day is within ``days`` (soonest first): the
    workbench's "expiring this week" list."""
    out: list[ExpiringEntry] = []
    for e in entries:
        if validity(e.get("valid_from"), e.get("valid_to"), today,
                    expiring_days=days) is Validity.EXPIRING:
            end = _bound(e.get("valid_to"))
            assert end is not None
            out.append(ExpiringEntry(str(e.get("code", "")), str(e.get("title", "")), end,
                                     (end - today).days))
    out.sort(key=lambda x: (x.valid_to, x.code))
    return out


def expired(entries: Iterable[Mapping[str, Any]], today: date) -> list[str]:
    """Codes of entries whose validity has ended (``seat-admin kb expire --dry-run``)."""
    return sorted(str(e.get("code", "")) for e in entries
                  if validity(e.get("valid_from"), e.get("valid_to"), today) is Validity.EXPIRED)


def validity_text(valid_from: Any, valid_to: Any, today: date, lang: str = "zh") -> str:
    """The line the answer panel shows under an entry ("" for an entry without bounds)."""
    start, end = _bound(valid_from), _bound(valid_to)
    state = validity(start, end, today)
    if state is Validity.ALWAYS:
        return ""
    zh = lang == "zh"
    if start and end:
        span = f"有效期 {start} 至 {end}" if zh else f"valid {start} to {end}"
    elif start:
        span = f"{start} 起有效" if zh else f"valid from {start}"
    else:
        span = f"有效至 {end}" if zh else f"valid until {end}"
    if state is Validity.PENDING:
        assert start is not None  # PENDING: there is a start in the future
        days = (start - today).days
        return (f"尚未生效：{span}（{days} 天后生效）" if zh
                else f"Not yet valid: {span} (starts in {days} day{'s' if days != 1 else ''})")
    if state is Validity.EXPIRED:
        return f"已过期：{span}" if zh else f"Expired: {span}"
    if state is Validity.EXPIRING:
        assert end is not None  # EXPIRING: there is an end close ahead
        days = (end - today).days
        if days == 0:
            return f"{span}（今天是最后一天）" if zh else f"{span} (today is the last day)"
        return (f"{span}（还剩 {days} 天）" if zh
                else f"{span} ({days} day{'s' if days != 1 else ''} left)")
    return span
