"""The weekly brief's figures and the "problem of the month" candidates, as pure functions.

Layout of the brief as centers publish it: 受理概况 (accepted, 环比, direct / dispatched),
诉求分类 (every domain), top-5 domains, 热点诉求 (the busiest matters, 2-3 typical cases
each), 预警回顾 (the week's alerts by kind), 下周关注 (what rose in the same week last year),
工作建议 (left empty for the analyst). Percentages are computed from the records and
rounded to two decimals.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from seat_app.domain.analysis.model import KIND_LABELS_ZH, Alert, AlertKind, CaseRecord
from seat_app.domain.analysis.topics import jaccard
from seat_app.domain.taxonomy import DOMAINS, is_matter, matter_by_name

DIRECT = "直接办理"
DISPATCH = "转派"
UNKNOWN_DOMAIN = "未分类"


def pct(part: float, whole: float) -> float | None:
    """part ÷ whole in percent, two decimals; None when whole is 0."""
    return None if not whole else round(part * 100.0 / whole, 2)


def change_pct(now: float, before: float) -> float | None:
    """环比 / 同比 in percent, two decimals; None when there is nothing to compare with."""
    return None if not before else round((now - before) * 100.0 / before, 2)


def domain_of(matter: str) -> str:
    return matter_by_name(matter).domain if is_matter(matter) else UNKNOWN_DOMAIN


@dataclass(frozen=True, slots=True)
class Overview:
    accepted: int
    previous: int
    change_pct: float | None
    direct: int
    dispatched: int
    direct_rate: float | None
    dispatch_rate: float | None
    by_channel: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class DomainRow:
    domain: str
    count: int
    share_pct: float | None
    previous: int
    change_pct: float | None


@dataclass(frozen=True, slots=True)
class HotTopic:
    matter: str
    domain: str
    count: int
    previous: int
    change_pct: float | None
    typical_cases: tuple[str, ...]
    typical_texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AlertReviewRow:
    kind: AlertKind
    label: str
    count: int
    scopes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WatchItem:
    matter: str
    last_year_count: int
    """Cases of the matter in last year's same week as next week."""
    last_year_usual: float
    """Its mean weekly count over the four weeks before that, last year."""
    ratio: float


@dataclass(frozen=True, slots=True)
class WeeklyBrief:
    week_start: date
    week_end: date
    """Inclusive (the 7th day)."""
    overview: Overview
    categories: tuple[DomainRow, ...]
    top_domains: tuple[DomainRow, ...]
    hot_topics: tuple[HotTopic, ...]
    alert_review: tuple[AlertReviewRow, ...]
    next_week_watch: tuple[WatchItem, ...]
    suggestions: str = ""
    """工作建议: written by the analyst."""


def _in(cases: Iterable[CaseRecord], first: date, days: int) -> list[CaseRecord]:
    lo = datetime.combine(first, time(0))
    hi = lo + timedelta(days=days)
    return [c for c in cases if lo <= c.received_at < hi]


def typical_cases(cases: Sequence[CaseRecord], n: int = 3, limit: int = 60) -> list[CaseRecord]:
    """The ``n`` cases whose texts are most like the others (summed 3-gram Jaccard), among
    the first ``limit``; ties by time, then number. Distinct texts only."""
    pool = sorted(cases, key=lambda c: (c.received_at, c.number))[:limit]
    scored = []
    for c in pool:
        score = sum(jaccard(c.text, o.text) for o in pool if o is not c)
        scored.append((-round(score, 9), c.received_at, c.number, c))
    out: list[CaseRecord] = []
    seen: set[str] = set()
    for *_, c in sorted(scored, key=lambda x: x[:3]):
        if c.text in seen:
            continue
        seen.add(c.text)
        out.append(c)
        if len(out) == n:
            break
    return out


def weekly_brief(cases: Iterable[CaseRecord], week_start: date, alerts: Iterable[Alert] = (),
                 *, hot_n: int = 5, typical_n: int = 3, watch_n: int = 5,
                 watch_min_count: int = 5, watch_min_ratio: float = 1.5, days: int = 7,
                 previous_days: int | None = None, watch_start: date | None = None,
                 watch_days: int | None = None) -> WeeklyBrief:
    """The figures of the brief for the ``days`` days from ``week_start`` (7: the weekly
    brief; a month's length: the monthly brief, with ``previous_days`` the previous month's
    length for 环比 and ``watch_start``/``watch_days`` next month a year earlier for 下月关注).
    ``cases`` should cover the period before and last year's periods around the next."""
    cases = list(cases)
    prev_days = previous_days or days
    week = _in(cases, week_start, days)
    prev = _in(cases, week_start - timedelta(days=prev_days), prev_days)
    direct = sum(c.handling == DIRECT for c in week)
    dispatched = sum(c.handling == DISPATCH for c in week)
    channels = Counter(c.channel for c in week)
    overview = Overview(
        accepted=len(week), previous=len(prev), change_pct=change_pct(len(week), len(prev)),
        direct=direct, dispatched=dispatched, direct_rate=pct(direct, len(week)),
        dispatch_rate=pct(dispatched, len(week)),
        by_channel=tuple(sorted(channels.items(), key=lambda x: (-x[1], x[0]))))

    now_d = Counter(domain_of(c.matter) for c in week)
    prev_d = Counter(domain_of(c.matter) for c in prev)
    order = list(DOMAINS) + sorted(set(now_d) - set(DOMAINS))
    categories = tuple(
        DomainRow(d, now_d[d], pct(now_d[d], len(week)), prev_d[d], change_pct(now_d[d], prev_d[d]))
        for d in order if now_d[d] or prev_d[d])
    top = tuple(sorted((r for r in categories if r.count),
                       key=lambda r: (-r.count, order.index(r.domain)))[:5])

    now_m = Counter(c.matter for c in week)
    prev_m = Counter(c.matter for c in prev)
    by_matter: dict[str, list[CaseRecord]] = defaultdict(list)
    for c in week:
        by_matter[c.matter].append(c)
    hot = []
    for matter, n in sorted(now_m.items(), key=lambda x: (-x[1], x[0]))[:hot_n]:
        typ = typical_cases(by_matter[matter], typical_n)
        hot.append(HotTopic(matter, domain_of(matter), n, prev_m[matter],
                            change_pct(n, prev_m[matter]), tuple(c.number for c in typ),
                            tuple(c.text for c in typ)))

    lo = datetime.combine(week_start, time(0))
    hi = lo + timedelta(days=days)
    # raised in the week; a daily pass raises at the midnight that ends the day it read
    week_alerts = [a for a in alerts if lo < a.raised_at <= hi]
    review = []
    for kind in AlertKind:
        mine = sorted((a for a in week_alerts if a.kind is kind), key=lambda a: (-a.score, a.key))
        if mine:
            review.append(AlertReviewRow(kind, KIND_LABELS_ZH[kind], len(mine),
                                         tuple(a.scope for a in mine)))

    w_days = watch_days or days
    ly_next = watch_start or (week_start + timedelta(days=days - 364))
    ly_week = Counter(c.matter for c in _in(cases, ly_next, w_days))
    ly_before = Counter(c.matter for c in _in(cases, ly_next - timedelta(days=4 * w_days),
                                              4 * w_days))
    watch = []
    for matter, n in ly_week.items():
        usual = ly_before[matter] / 4.0
        ratio = n / max(usual, 0.5)
        if n >= watch_min_count and ratio >= watch_min_ratio:
            watch.append(WatchItem(matter, n, usual, round(ratio, 2)))
    watch.sort(key=lambda w: (-w.ratio, -w.last_year_count, w.matter))
    return WeeklyBrief(week_start, week_start + timedelta(days=days - 1), overview, categories, top,
                       tuple(hot), tuple(review), tuple(watch[:watch_n]))


@dataclass(frozen=True, slots=True)
class MonthProblemCandidate:
    """A row of the "problem of the month" candidates sheet."""

    matter: str
    domain: str
    volume_12m: int
    volume_prev_12m: int
    yoy_pct: float | None
    repeat_address_share_pct: float | None
    """Of the matter's cases with a recognised place: those whose place has another case
    of the matter in the 12 months."""
    dissatisfaction_pct: float | None
    """不满意 ÷ rated."""
    units: tuple[str, ...]

    @property
    def units_involved(self) -> int:
        return len(self.units)


def _months_back(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(y, m + 1, 1)


def month_problem_candidates(
    cases: Iterable[CaseRecord], month: date, place_of: Callable[[CaseRecord], str], *,
    top: int = 10,
) -> list[MonthProblemCandidate]:
    """Candidates for the problem of the month named by ``month`` (any day in it): the 12
    months up to and including it, against the 12 before. ``place_of`` gives a case's
    place key ('' when none) — services pass the gazetteer's normaliser."""
    end = _months_back(date(month.year, month.month, 1), -1)
    start = _months_back(end, 12)
    prev_start = _months_back(end, 24)
    lo, mid, hi = (datetime.combine(d, time(0)) for d in (prev_start, start, end))
    now: dict[str, list[CaseRecord]] = defaultdict(list)
    before: Counter[str] = Counter()
    for c in cases:
        if mid <= c.received_at < hi:
            now[c.matter].append(c)
        elif lo <= c.received_at < mid:
            before[c.matter] += 1
    rows = []
    for matter, items in now.items():
        places = [place_of(c) for c in items]
        counted = Counter(p for p in places if p)
        with_place = sum(counted.values())
        repeats = sum(n for n in counted.values() if n >= 2)
        rated = [c for c in items if c.satisfaction]
        unhappy = sum(c.satisfaction == "不满意" for c in rated)
        rows.append(MonthProblemCandidate(
            matter, domain_of(matter), len(items), before[matter],
            change_pct(len(items), before[matter]), pct(repeats, with_place),
            pct(unhappy, len(rated)), tuple(sorted({c.unit for c in items if c.unit}))))
    rows.sort(key=lambda r: (-r.volume_12m, r.matter))
    return rows[:top]
