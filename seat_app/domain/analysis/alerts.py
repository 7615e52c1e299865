"""What every detector shares: ongoing alerts that grow, and the daily alert budget."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from seat_app.domain.analysis.model import Alert, AlertKind


def grow(old: Alert, new: Alert) -> Alert:
    """``old`` continued by ``new``: one alert, old key and first firing, union of cases."""
    numbers = tuple(dict.fromkeys(old.case_numbers + new.case_numbers))
    merged_details = dict(old.details)
    merged_details.update(dict(new.details))
    return replace(
        old,
        observed=max(old.observed, new.observed),
        expected=new.expected if new.observed >= old.observed else old.expected,
        first_case_at=min(old.first_case_at, new.first_case_at),
        last_case_at=max(old.last_case_at, new.last_case_at),
        case_numbers=numbers,
        score=max(old.score, new.score),
        details=tuple(sorted(merged_details.items())),
    )


def merge_alerts(existing: Iterable[Alert], new: Iterable[Alert],
                 gap: timedelta = timedelta(days=1)) -> list[Alert]:
    """Fold a run's alerts into the stored ones: a new alert with the same kind and scope
    that starts within ``gap`` of a stored one's last case (or shares a key) grows that one;
    others are added. Order: by first firing, then key."""
    by_scope: dict[tuple[AlertKind, str], list[Alert]] = defaultdict(list)
    for a in existing:
        by_scope[(a.kind, a.scope)].append(a)
    for a in sorted(new, key=lambda x: (x.raised_at, x.key)):
        bucket = by_scope[(a.kind, a.scope)]
        for i, old in enumerate(bucket):
            if old.key == a.key or (a.first_case_at <= old.last_case_at + gap
                                    and a.last_case_at >= old.first_case_at - gap):
                bucket[i] = grow(old, a)
                break
        else:
            bucket.append(a)
    return sorted((a for b in by_scope.values() for a in b), key=lambda x: (x.raised_at, x.key))


def apply_budget(alerts: Iterable[Alert], per_day: int,
                 kinds: frozenset[AlertKind] | None = None) -> tuple[list[Alert], list[Alert]]:
    """The daily alert budget: of the alerts first raised on one day (and of ``kinds``, all
    when None), keep the ``per_day`` with the highest score; return (kept, held back).
    Alerts of other kinds pass untouched. Ties break on the key, so the result is stable."""
    kept: list[Alert] = []
    held: list[Alert] = []
    per: dict[date, list[Alert]] = defaultdict(list)
    for a in alerts:
        if kinds is None or a.kind in kinds:
            per[a.raised_at.date()].append(a)
        else:
            kept.append(a)
    for day in sorted(per):
        ranked = sorted(per[day], key=lambda x: (-x.score, x.key))
        kept.extend(ranked[:per_day])
        held.extend(ranked[per_day:])
    kept.sort(key=lambda x: (x.raised_at, x.key))
    return kept, held
