"""Fast detectors on the stream of cases: same place in a short time, and repeat callers.

Both fire when the Nth distinct caller (or the Nth call) arrives, and an alert that keeps
receiving cases grows instead of firing again.
"""

from __future__ import annotations

import bisect
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from seat_app.domain.analysis.errors import bad_parameter
from seat_app.domain.analysis.location import Gazetteer, LocationKey
from seat_app.domain.analysis.model import Alert, AlertKind, CaseRecord
from seat_app.domain.analysis.stats import poisson_sf
from seat_app.domain.taxonomy import is_matter, matter_by_name

BASELINE_DAYS = 28


@dataclass(frozen=True, slots=True)
class SamePlaceParams:
    min_callers: int = 5
    """N: distinct callers needed."""
    window_hours: float = 24.0
    """H: within this many hours."""
    group_by: str = "matter"
    """What else the cases must share besides the place: matter, subcategory or nothing."""
    alpha: float = 1e-5
    """Also required: the distinct callers are improbable (Poisson upper tail below this)
    under the place's own rate over the 28 days before; a busy place needs more callers."""
    min_expected: float = 0.02

    def __post_init__(self) -> None:
        if self.min_callers < 2:
            raise bad_parameter("min_callers", self.min_callers, "至少为 2", "at least 2")
        if not 0 < self.window_hours <= 24 * 31:
            raise bad_parameter("window_hours", self.window_hours, "应在 0 至 744 小时之间",
                                "between 0 and 744 hours")
        if self.group_by not in ("matter", "subcategory", "none"):
            raise bad_parameter("group_by", self.group_by, "应为 matter、subcategory 或 none",
                                "one of matter, subcategory, none")


@dataclass(frozen=True, slots=True)
class RepeatCallerParams:
    min_calls: int = 3
    """N: calls from one phone about one matter."""
    window_days: float = 30.0
    """M: within this many days."""

    def __post_init__(self) -> None:
        if self.min_calls < 2:
            raise bad_parameter("min_calls", self.min_calls, "至少为 2", "at least 2")
        if not 0 < self.window_days <= 366:
            raise bad_parameter("window_days", self.window_days, "应在 0 至 366 天之间",
                                "between 0 and 366 days")


def _group(matter: str, how: str) -> str:
    if how == "none":
        return ""
    if how == "subcategory" and is_matter(matter):
        return matter_by_name(matter).subcategory
    return matter


@dataclass
class _Open:
    alert_cases: list[CaseRecord]
    raised_at: datetime
    fired_at_caller: int
    expected: float


def _stream(
    cases: Iterable[CaseRecord],
    group_of: Callable[[CaseRecord], tuple[str, str] | None],
    window: timedelta,
    need: int,
    distinct: Callable[[CaseRecord], str],
    expected_of: Callable[[tuple[str, str], datetime], float],
    make: Callable[[tuple[str, str], _Open], Alert],
    unusual: Callable[[int, float], bool] = lambda n, e: True,
) -> list[Alert]:
    recent: dict[tuple[str, str], deque[CaseRecord]] = defaultdict(deque)
    open_: dict[tuple[str, str], _Open] = {}
    done: list[Alert] = []
    for case in sorted(cases, key=lambda c: (c.received_at, c.number)):
        g = group_of(case)
        if g is None:
            continue
        t = case.received_at
        cur = open_.get(g)
        if cur is not None:
            if t - cur.alert_cases[-1].received_at <= window:
                cur.alert_cases.append(case)
                continue
            done.append(make(g, cur))
            del open_[g]
        q = recent[g]
        q.append(case)
        while q and t - q[0].received_at > window:
            q.popleft()
        if len(q) < need:
            continue
        callers = {distinct(c) for c in q}
        if len(callers) >= need:
            expected = expected_of(g, t)
            if unusual(len(callers), expected):
                open_[g] = _Open(list(q), t, len(callers), expected)
                q.clear()
    done.extend(make(g, cur) for g, cur in open_.items())
    done.sort(key=lambda a: (a.raised_at, a.key))
    return done


def _counts_before(times: dict[tuple[str, str], list[datetime]]
                   ) -> Callable[[tuple[str, str], datetime, timedelta], float]:
    def expected(g: tuple[str, str], t: datetime, window: timedelta) -> float:
        ts = times.get(g, [])
        lo = bisect.bisect_left(ts, t - window - timedelta(days=BASELINE_DAYS))
        hi = bisect.bisect_left(ts, t - window)
        return (hi - lo) / BASELINE_DAYS * (window / timedelta(days=1))
    return expected


def detect_same_place(
    cases: Iterable[CaseRecord],
    gazetteer: Gazetteer,
    params: SamePlaceParams = SamePlaceParams(),
    *,
    keys: dict[str, LocationKey] | None = None,
) -> list[Alert]:
    """Clusters of ``min_callers`` distinct callers at one place (and matter) within
    ``window_hours``. ``keys`` (case number → key) lets a caller reuse computed keys.
    Expected: the same place and matter's rate over the 28 days before the window."""
    cases = list(cases)
    key_of: dict[str, LocationKey] = {} if keys is None else keys
    for c in cases:
        if c.number not in key_of:
            key_of[c.number] = gazetteer.normalise(c.address, c.area) if c.address else \
                LocationKey(c.area)

    groups: dict[str, tuple[str, str] | None] = {}
    for c in cases:
        place = key_of[c.number].place_key
        groups[c.number] = (place, _group(c.matter, params.group_by)) if place else None

    def group_of(c: CaseRecord) -> tuple[str, str] | None:
        return groups[c.number]

    window = timedelta(hours=params.window_hours)
    times: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for c in sorted(cases, key=lambda c: c.received_at):
        g = groups[c.number]
        if g is not None:
            times[g].append(c.received_at)
    exp = _counts_before(times)

    def make(g: tuple[str, str], o: _Open) -> Alert:
        callers = {c.caller_phone for c in o.alert_cases}
        scope = f"{g[0]} · {g[1]}" if g[1] else g[0]
        first = o.alert_cases[0].received_at
        buildings = sorted({key_of[c.number].building for c in o.alert_cases} - {""})
        return Alert(
            kind=AlertKind.SAME_PLACE, scope=scope, observed=float(len(callers)),
            expected=o.expected, first_case_at=first,
            last_case_at=o.alert_cases[-1].received_at,
            case_numbers=tuple(c.number for c in o.alert_cases), raised_at=o.raised_at,
            key=f"same_place|{scope}|{first.isoformat(timespec='seconds')}",
            score=float(len(callers)) / max(o.expected, 0.1),
            details=(("buildings", "、".join(buildings)), ("distinct_callers", str(len(callers))),
                     ("fired_at_caller", str(o.fired_at_caller)),
                     ("hours_to_fire", f"{(o.raised_at - first) / timedelta(hours=1):.2f}")),
        )

    def unusual(n: int, expected: float) -> bool:
        return poisson_sf(n, max(expected, params.min_expected)) < params.alpha

    return _stream(cases, group_of, window, params.min_callers, lambda c: c.caller_phone,
                   lambda g, t: exp(g, t, window), make, unusual)


def detect_repeat_callers(
    cases: Iterable[CaseRecord], params: RepeatCallerParams = RepeatCallerParams()
) -> list[Alert]:
    """One phone calling ``min_calls`` times within ``window_days`` about one matter. Its
    own kind: a repeat caller is not a cluster."""
    window = timedelta(days=params.window_days)

    def group_of(c: CaseRecord) -> tuple[str, str] | None:
        return (c.caller_phone, c.matter) if c.caller_phone else None

    def make(g: tuple[str, str], o: _Open) -> Alert:
        phone, matter = g
        first = o.alert_cases[0].received_at
        masked = phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else phone
        scope = f"{masked} · {matter} · {o.alert_cases[0].area}"
        return Alert(
            kind=AlertKind.REPEAT_CALLER, scope=scope, observed=float(len(o.alert_cases)),
            expected=1.0, first_case_at=first, last_case_at=o.alert_cases[-1].received_at,
            case_numbers=tuple(c.number for c in o.alert_cases), raised_at=o.raised_at,
            key=f"repeat_caller|{phone}|{matter}|{first.isoformat(timespec='seconds')}",
            score=float(len(o.alert_cases)),
            details=(("caller_phone", phone), ("matter", matter)),
        )

    return _stream(cases, group_of, window, params.min_calls, lambda c: c.number,
                   lambda g, t: 1.0, make)
