"""Fast detectors on the stream of cases: same place in a short time, and repeat callers.

Both fire when the Nth distinct caller (or the Nth call) arrives, and an alert that keeps
receiving cases grows instead of firing again.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import compress
from operator import attrgetter

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
            raise bad_parameter(
                "window_hours",
                self.window_hours,
                "应在 0 至 744 小时之间",
                "between 0 and 744 hours",
            )
        if self.group_by not in ("matter", "subcategory", "none"):
            raise bad_parameter(
                "group_by",
                self.group_by,
                "应为 matter、subcategory 或 none",
                "one of matter, subcategory, none",
            )


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
            raise bad_parameter(
                "window_days", self.window_days, "应在 0 至 366 天之间", "between 0 and 366 days"
            )


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


def _in_time_order(cases: Iterable[CaseRecord]) -> list[CaseRecord]:
    """Oldest first, ties by case number (cheap when already so: services read them so)."""
    return sorted(cases, key=attrgetter("received_at", "number"))


def _enough(
    cases: Sequence[CaseRecord], groups: Sequence[tuple[str, str]], need: int
) -> tuple[list[CaseRecord], list[tuple[str, str]]]:
    """Only the cases of groups with at least ``need`` cases in all: a smaller group can
    never fire nor join an alert (most phones call once, most places are quiet)."""
    sizes = Counter(groups)
    keep = [sizes[g] >= need for g in groups]
    return list(compress(cases, keep)), list(compress(groups, keep))


def _stream(
    cases: Sequence[CaseRecord],
    groups: Sequence[tuple[str, str]],
    window: timedelta,
    need: int,
    distinct: Callable[[CaseRecord], str],
    expected_of: Callable[[tuple[str, str], datetime], float],
    make: Callable[[tuple[str, str], _Open], Alert],
    unusual: Callable[[int, float], bool] = lambda n, e: True,
) -> list[Alert]:
    """``cases``: those with a group, in time order (:func:`_in_time_order`); ``groups``:
    each one's group (place and matter, or phone and matter), one tuple per group (few
    objects: a full collection over a year of cases costs more than the detector)."""
    recent: dict[tuple[str, str], deque[CaseRecord]] = defaultdict(deque)
    open_: dict[tuple[str, str], _Open] = {}
    done: list[Alert] = []
    for case, g in zip(cases, groups, strict=True):
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
        while t - q[0].received_at > window:
            q.popleft()
        if len(q) < need:
            continue
        callers = set(map(distinct, q))
        if len(callers) >= need:
            expected = expected_of(g, t)
            if unusual(len(callers), expected):
                open_[g] = _Open(list(q), t, len(callers), expected)
                q.clear()
    done.extend(make(g, cur) for g, cur in open_.items())
    done.sort(key=lambda a: (a.raised_at, a.key))
    return done


def _counts_before(
    times: dict[tuple[str, str], list[datetime]],
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
    ordered = _in_time_order(cases)
    # one key per distinct (address, area): hotline addresses repeat
    by_address: dict[tuple[str, str], tuple[LocationKey, str]] = {}

    def key_of_address(address: str, area: str) -> tuple[LocationKey, str]:
        got = by_address.get((address, area))
        if got is None:
            k = gazetteer.normalise(address, area) if address else LocationKey(area)
            got = by_address[(address, area)] = (k, k.place_key)
        return got

    def key_of(c: CaseRecord) -> LocationKey:
        if keys is not None:
            return keys[c.number]
        return key_of_address(c.address, c.area)[0]

    if keys is not None:
        for c in ordered:
            if c.number not in keys:
                keys[c.number] = key_of_address(c.address, c.area)[0]
    how = params.group_by
    placed: list[CaseRecord] = []
    groups: list[tuple[str, str]] = []
    one: dict[tuple[str, str], tuple[str, str]] = {}
    for c in ordered:
        if keys is not None:
            place = keys[c.number].place_key
        else:
            got = by_address.get((c.address, c.area))
            place = (got or key_of_address(c.address, c.area))[1]
        if place:
            g = (place, c.matter if how == "matter" else _group(c.matter, how))
            placed.append(c)
            groups.append(one.setdefault(g, g))

    placed, groups = _enough(placed, groups, params.min_callers)
    window = timedelta(hours=params.window_hours)
    times: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for c, g in zip(placed, groups, strict=True):
        times[g].append(c.received_at)
    exp = _counts_before(times)

    def make(g: tuple[str, str], o: _Open) -> Alert:
        callers = {c.caller_phone for c in o.alert_cases}
        scope = f"{g[0]} · {g[1]}" if g[1] else g[0]
        first = o.alert_cases[0].received_at
        buildings = sorted({key_of(c).building for c in o.alert_cases} - {""})
        return Alert(
            kind=AlertKind.SAME_PLACE,
            scope=scope,
            observed=float(len(callers)),
            expected=o.expected,
            first_case_at=first,
            last_case_at=o.alert_cases[-1].received_at,
            case_numbers=tuple(c.number for c in o.alert_cases),
            raised_at=o.raised_at,
            key=f"same_place|{scope}|{first.isoformat(timespec='seconds')}",
            score=float(len(callers)) / max(o.expected, 0.1),
            details=(
                ("buildings", "、".join(buildings)),
                ("distinct_callers", str(len(callers))),
                ("fired_at_caller", str(o.fired_at_caller)),
                ("hours_to_fire", f"{(o.raised_at - first) / timedelta(hours=1):.2f}"),
            ),
        )

    def unusual(n: int, expected: float) -> bool:
        return poisson_sf(n, max(expected, params.min_expected)) < params.alpha

    return _stream(
        placed,
        groups,
        window,
        params.min_callers,
        attrgetter("caller_phone"),
        lambda g, t: exp(g, t, window),
        make,
        unusual,
    )


def detect_repeat_callers(
    cases: Iterable[CaseRecord], params: RepeatCallerParams = RepeatCallerParams()
) -> list[Alert]:
    """One phone calling ``min_calls`` times within ``window_days`` about one matter. Its
    own kind: a repeat caller is not a cluster."""
    window = timedelta(days=params.window_days)
    phoned = [c for c in _in_time_order(cases) if c.caller_phone]
    one: dict[tuple[str, str], tuple[str, str]] = {}
    groups = [one.setdefault(g, g) for g in map(attrgetter("caller_phone", "matter"), phoned)]
    phoned, groups = _enough(phoned, groups, params.min_calls)

    def make(g: tuple[str, str], o: _Open) -> Alert:
        phone, matter = g
        first = o.alert_cases[0].received_at
        masked = phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else phone
        scope = f"{masked} · {matter} · {o.alert_cases[0].area}"
        return Alert(
            kind=AlertKind.REPEAT_CALLER,
            scope=scope,
            observed=float(len(o.alert_cases)),
            expected=1.0,
            first_case_at=first,
            last_case_at=o.alert_cases[-1].received_at,
            case_numbers=tuple(c.number for c in o.alert_cases),
            raised_at=o.raised_at,
            key=f"repeat_caller|{phone}|{matter}|{first.isoformat(timespec='seconds')}",
            score=float(len(o.alert_cases)),
            details=(("caller_phone", phone), ("matter", matter)),
        )

    return _stream(
        phoned, groups, window, params.min_calls, attrgetter("number"), lambda g, t: 1.0, make
    )
