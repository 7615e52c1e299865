"""Surges and slow rises on matter x area daily counts.

Counts are small (thousands of series, most under one case a day), so the tests are count
tests, not z-scores, in the way disease surveillance does it:

- expected count of a series on day t = its rate over a 56-day baseline (28 will do for a
  new center) that ends ``gap``
  days before t (so a surge does not hide itself), each baseline day divided by its day
  factor, times the factor of day t (weekday, weekend, public holiday, Spring Festival;
  the factors are estimated from the all-series totals), times a seasonal ratio learned
  from the same weeks a year earlier when the input holds them (heating in November,
  flooding in July recur without alerting);
- a **surge** fires when the count over the last 1, 2 or 3 days is improbable under the
  baseline's rate: the exact conditional test of two Poisson rates (the window's cases
  against the baseline's, binomial given their sum), which knows that a baseline of a few
  cases is itself uncertain, so quiet series do not alert on noise; p below ``alpha`` (3e-5:
  about one false surge a month over some 2,500 series), at least ``min_observed``
  cases and ``min_ratio`` times the expectation. A 2-day window finds a doubling on its
  second day where the baseline is busy enough for counts to tell (see the bench's oracle
  recall: on about 1-2 cases a day, 2x for 3 days is within the noise of 2,500 series);
- a **slow rise** when a Poisson CUSUM for a ``rise``-fold rate crosses ``cusum_h`` and the
  run's total is improbable against the baseline from before the run (the same test);
- a series that keeps firing is one ongoing alert that grows, not a new one per day.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from seat_app.domain.analysis.errors import bad_parameter
from seat_app.domain.analysis.model import Alert, AlertKind, CaseRecord
from seat_app.domain.analysis.stats import binom_sf, neg_log10, poisson_sf
from seat_app.domain.calendar import WorkingDayCalendar

DAY_CATEGORIES = ("wd0", "wd1", "wd2", "wd3", "wd4", "weekend", "holiday", "spring")


def day_category(day: date, calendar: WorkingDayCalendar) -> str:
    """wd0..wd4 for a working day (a make-up Saturday counts as a weekday), weekend,
    holiday, or spring (the Spring Festival holiday)."""
    name = calendar.holiday_name(day)
    if name is not None:
        return "spring" if "春节" in name or "Spring" in name else "holiday"
    if calendar.is_working_day(day):
        return f"wd{min(day.weekday(), 4)}"
    return "weekend"


def estimate_day_factors(totals: dict[date, int], calendar: WorkingDayCalendar) -> dict[str, float]:
    """Mean total per day category over the mean of working days (1.0 = a working day)."""
    sums: dict[str, list[int]] = defaultdict(list)
    for day, n in totals.items():
        sums[day_category(day, calendar)].append(n)
    work = [n for c in ("wd0", "wd1", "wd2", "wd3", "wd4") for n in sums.get(c, [])]
    ref = sum(work) / len(work) if work else 1.0
    factors = {}
    for cat in DAY_CATEGORIES:
        vals = sums.get(cat)
        factors[cat] = (sum(vals) / len(vals) / ref) if vals and ref > 0 else 1.0
        factors[cat] = max(factors[cat], 0.05)
    return factors


@dataclass(frozen=True, slots=True)
class SurgeParams:
    baseline_days: int = 56
    min_baseline_days: int = 28
    """With less history (a new center), the baseline is what there is, from this many days."""
    gap_days: int = 4
    windows: tuple[int, ...] = (1, 2, 3)
    alpha: float = 3e-5
    """Poisson upper-tail p below which a window is a surge."""
    min_observed: int = 5
    min_ratio: float = 1.5
    min_excess: float = 0.0
    """A window fires only with at least this many cases above its expectation."""
    test: str = "conditional"
    """conditional: the exact test of the window's rate against the baseline's (it knows a
    baseline of few cases is uncertain); poisson: a Poisson tail against the baseline mean."""
    quiet_days: int = 2
    """An ongoing surge ends after this many days without firing (then a new one may start)."""
    rise: float = 2.0
    """The rate ratio the CUSUM is tuned to."""
    cusum_h: float = 7.0
    slow_alpha: float = 1e-5
    """A CUSUM crossing fires only when the run's total is also this improbable ..."""
    slow_min_ratio: float = 1.5
    """... and at least this many times the expected total of the run."""
    cusum_min_expected: float = 0.5
    """Slow rises are looked for only where at least this many cases a day are expected."""
    seasonal_pseudo: float = 5.0
    """Shrinks last year's seasonal ratio towards 1 (in cases over the window)."""
    seasonal_halfwidth: int = 7
    """Last year's window: the same day ± this many days, and the same day + this many
    (a season that starts abruptly). The ratio only ever raises the expectation; noise in
    it would otherwise breed false alerts."""

    def __post_init__(self) -> None:
        if self.baseline_days < 7:
            raise bad_parameter("baseline_days", self.baseline_days, "至少 7 天", "at least 7")
        if not 7 <= self.min_baseline_days <= self.baseline_days:
            raise bad_parameter(
                "min_baseline_days",
                self.min_baseline_days,
                "应在 7 与 baseline_days 之间",
                "between 7 and baseline_days",
            )
        if self.gap_days < max(self.windows):
            raise bad_parameter(
                "gap_days",
                self.gap_days,
                "不能短于最长检测窗口",
                "not shorter than the longest window",
            )
        if not 0 < self.alpha < 0.5:
            raise bad_parameter("alpha", self.alpha, "应在 0 与 0.5 之间", "between 0 and 0.5")
        if self.test not in ("conditional", "poisson"):
            raise bad_parameter(
                "test", self.test, "应为 conditional 或 poisson", "conditional or poisson"
            )
        if self.quiet_days < 1:
            raise bad_parameter("quiet_days", self.quiet_days, "至少 1 天", "at least 1")


@dataclass(frozen=True, slots=True)
class SeriesDay:
    """One evaluated day of one series (for charts: the expected band)."""

    day: date
    observed: int
    expected: float


class DailySeries:
    """Daily counts per (matter, area) over [first, last], and each series' cases."""

    def __init__(self, cases: Iterable[CaseRecord], first: date, last: date) -> None:
        self.first = first
        self.days = (last - first).days + 1
        self.counts: dict[tuple[str, str], list[int]] = {}
        self.members: dict[tuple[str, str], list[tuple[int, datetime, str]]] = defaultdict(list)
        self.totals = [0] * self.days
        for c in cases:
            i = (c.received_at.date() - first).days
            if not 0 <= i < self.days:
                continue
            key = (c.matter, c.area)
            row = self.counts.get(key)
            if row is None:
                row = self.counts[key] = [0] * self.days
            row[i] += 1
            self.totals[i] += 1
            self.members[key].append((i, c.received_at, c.number))

    def cases_between(self, key: tuple[str, str], a: int, b: int) -> list[tuple[datetime, str]]:
        """(time, number) of the series' cases on days a..b, in time order."""
        return sorted((t, n) for i, t, n in self.members.get(key, ()) if a <= i <= b)

    def day(self, i: int) -> date:
        return self.first + timedelta(days=i)


def _prefix(values: Sequence[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out


def detect_surges(
    cases: Iterable[CaseRecord],
    start: date,
    end: date,
    calendar: WorkingDayCalendar,
    params: SurgeParams = SurgeParams(),
    *,
    factors: dict[str, float] | None = None,
    kinds: frozenset[AlertKind] = frozenset({AlertKind.SURGE, AlertKind.SLOW_RISE}),
) -> list[Alert]:
    """Surge and slow-rise alerts for days ``start``..``end``. ``cases`` should reach back
    baseline + gap days before ``start`` (and a year, for seasonal ratios)."""
    cases = list(cases)
    if not cases:
        return []
    first = min(min(c.received_at.date() for c in cases), start)
    series = DailySeries(cases, first, end)
    cats = [day_category(series.day(i), calendar) for i in range(series.days)]
    if factors is None:
        factors = estimate_day_factors(
            {series.day(i): n for i, n in enumerate(series.totals)}, calendar
        )
    f = [factors[c] for c in cats]
    cf = _prefix(f)
    s0 = (start - first).days
    alerts: list[Alert] = []
    for key in sorted(series.counts):
        counts = series.counts[key]
        if sum(counts[s0:]) < params.min_observed:
            continue
        base = _Baseline(counts, f, cf, s0, series.days, params)
        if AlertKind.SURGE in kinds:
            alerts.extend(_surges(key, counts, base, cf, series, s0, params))
        if AlertKind.SLOW_RISE in kinds:
            alerts.extend(_cusum(key, counts, base, cf, series, s0, params))
    alerts.sort(key=lambda a: (a.raised_at, a.key))
    return alerts


class _Baseline:
    """One series' baseline per day: cases and exposure (sum of day factors) over the
    ``baseline_days`` that end ``gap_days`` before the day, last year's seasonal ratio, and
    the expected count (-1 where there is no baseline)."""

    __slots__ = ("cases", "expected", "exposure", "ratio")

    def __init__(
        self,
        counts: list[int],
        f: list[float],
        cf: list[float],
        s0: int,
        days: int,
        params: SurgeParams,
    ) -> None:
        cc = _prefix(counts)
        nb, ng, h = params.baseline_days, params.gap_days, params.seasonal_halfwidth
        self.cases = [0] * days
        self.exposure = [0.0] * days
        self.ratio = [1.0] * days
        self.expected = [-1.0] * days
        for t in range(max(s0 - max(params.windows), 0), days):
            hi = t - ng
            lo = max(hi - nb, 0)  # a shorter history serves while it reaches min_baseline_days
            if hi - lo < params.min_baseline_days:
                continue
            n = int(cc[hi] - cc[lo])
            exposure = max(cf[hi] - cf[lo], 1e-9)
            ratio = 1.0
            ly = t - 364
            if ly - ng - nb >= 0 and ly + h + 1 <= days:
                lyb = (cc[ly - ng] - cc[ly - ng - nb]) / max(cf[ly - ng] - cf[ly - ng - nb], 1e-9)
                m = params.seasonal_pseudo
                for lo_, hi_ in ((ly - h, ly + h + 1), (ly, ly + h + 1)):  # centred; days ahead
                    lyn = (cc[hi_] - cc[lo_]) / max(cf[hi_] - cf[lo_], 1e-9)
                    span = hi_ - lo_
                    ratio = max(ratio, (lyn * span + m) / (lyb * span + m))
            self.cases[t], self.exposure[t], self.ratio[t] = n, exposure, ratio
            self.expected[t] = max(n / exposure * f[t] * ratio, 1.0 / (nb * 4))


def _expected(
    counts: list[int], f: list[float], cf: list[float], s0: int, days: int, params: SurgeParams
) -> list[float]:
    """Expected count per day from ``s0`` (-1 where no baseline): the baseline rate per day
    factor, times the day's factor, times last year's seasonal ratio (never below 1)."""
    return _Baseline(counts, f, cf, s0, days, params).expected


def window_p(observed: int, base_cases: int, base_exposure: float, window_exposure: float) -> float:
    """How improbable ``observed`` cases in a window are when the series' rate is the one of
    its baseline (``base_cases`` over ``base_exposure``): the exact conditional test of two
    Poisson rates, P(X >= observed) for X ~ Binomial(observed + base_cases, w / (w + b)).
    Unlike a Poisson tail against the baseline's mean, it knows that a baseline of a few
    cases is itself uncertain."""
    share = window_exposure / (window_exposure + base_exposure)
    return binom_sf(observed, observed + base_cases, share)


def expected_series(
    cases: Iterable[CaseRecord],
    matter: str,
    area: str,
    start: date,
    end: date,
    calendar: WorkingDayCalendar,
    params: SurgeParams = SurgeParams(),
) -> list[SeriesDay]:
    """Observed and expected counts of one series per day (the trend chart's band);
    expected is -1 on days without a baseline. Factors come from all of ``cases``."""
    cases = list(cases)
    first = min([c.received_at.date() for c in cases] + [start])
    series = DailySeries(cases, first, end)
    factors = estimate_day_factors(
        {series.day(i): n for i, n in enumerate(series.totals)}, calendar
    )
    f = [factors[day_category(series.day(i), calendar)] for i in range(series.days)]
    s0 = (start - first).days
    counts = series.counts.get((matter, area), [0] * series.days)
    exp = _expected(counts, f, _prefix(f), s0, series.days, params)
    return [SeriesDay(series.day(i), counts[i], exp[i]) for i in range(s0, series.days)]


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0, 0))


def _make(
    kind: AlertKind,
    key: tuple[str, str],
    span: tuple[int, int],
    fired: int,
    counts: list[int],
    expected: list[float],
    series: DailySeries,
    score: float,
    extra: tuple[tuple[str, str], ...] = (),
) -> Alert:
    a, b = span
    matter, area = key
    members = series.cases_between(key, a, b)
    numbers = [n for _, n in members]
    times = [t for t, _ in members]
    first_day = series.day(a)
    scope = f"{area} · {matter}"
    obs = sum(counts[a : b + 1])
    exp = sum(max(e, 0.0) for e in expected[a : b + 1])
    return Alert(
        kind=kind,
        scope=scope,
        observed=float(obs),
        expected=exp,
        first_case_at=min(times) if times else _end_of(first_day) - timedelta(days=1),
        last_case_at=max(times) if times else _end_of(series.day(b)),
        case_numbers=tuple(numbers),
        raised_at=_end_of(series.day(fired)),
        key=f"{kind.value}|{scope}|{first_day.isoformat()}",
        score=score,
        details=(("matter", matter), ("area", area), ("days", str(b - a + 1)), *extra),
    )


def _surges(
    key: tuple[str, str],
    counts: list[int],
    base: _Baseline,
    cf: list[float],
    series: DailySeries,
    s0: int,
    params: SurgeParams,
) -> list[Alert]:
    out: list[Alert] = []
    expected = base.expected
    open_span: list[int] | None = None  # [first day, last day, fired day]
    best = 0.0
    for t in range(s0, series.days):
        if expected[t] < 0:
            continue
        fired = False
        for w in params.windows:
            a = t - w + 1
            if a < 0 or expected[a] < 0:
                continue
            obs = sum(counts[a : t + 1])
            if obs < params.min_observed:
                continue
            # the baseline of the window's last day: it ends gap_days >= w days before t
            w_exposure = (cf[t + 1] - cf[a]) * base.ratio[t]
            exp = base.cases[t] / base.exposure[t] * w_exposure
            if obs < params.min_ratio * exp or obs - exp < params.min_excess:
                continue
            if params.test == "poisson":
                p = poisson_sf(obs, sum(expected[a : t + 1]))
            else:
                p = window_p(obs, base.cases[t], base.exposure[t], w_exposure)
            if p < params.alpha:
                fired = True
                score = neg_log10(p)
                first = a
                while first < t and counts[first] == 0:
                    first += 1
                while (
                    first > max(a - 7, 0)
                    and expected[first - 1] >= 0
                    and counts[first - 1] >= params.min_ratio * expected[first - 1] > 0
                ):
                    first -= 1  # the surge began on the days just before that ran high too
                if open_span is None:
                    open_span = [first, t, t]
                    best = score
                else:
                    open_span[1] = t
                    best = max(best, score)
                break
        if not fired and open_span is not None and t - open_span[1] > params.quiet_days:
            out.append(_surge_alert(key, open_span, counts, expected, series, best))
            open_span = None
    if open_span is not None:
        out.append(_surge_alert(key, open_span, counts, expected, series, best))
    return out


def _surge_alert(
    key: tuple[str, str],
    span: list[int],
    counts: list[int],
    expected: list[float],
    series: DailySeries,
    score: float,
) -> Alert:
    """The alert of a surge span ``[first day, last day, day it fired]``."""
    return _make(AlertKind.SURGE, key, (span[0], span[1]), span[2], counts, expected, series, score)


def _cusum(
    key: tuple[str, str],
    counts: list[int],
    base: _Baseline,
    cf: list[float],
    series: DailySeries,
    s0: int,
    params: SurgeParams,
) -> list[Alert]:
    out: list[Alert] = []
    expected = base.expected
    k = math.log(params.rise)
    s = 0.0
    start: int | None = None
    fired: int | None = None
    peak = 0.0
    for t in range(s0, series.days):
        mu = expected[t]
        if mu < 0 or mu < params.cusum_min_expected:
            continue
        s = max(0.0, s + counts[t] * k - (params.rise - 1.0) * mu)
        if s > 0 and start is None:
            start = t
        if s > params.cusum_h and fired is None and start is not None:
            # confirmed against the baseline from before the run (the exact conditional test)
            obs = sum(counts[start : t + 1])
            run_exposure = (cf[t + 1] - cf[start]) * base.ratio[start]
            exp = base.cases[start] / base.exposure[start] * run_exposure
            if (
                obs >= params.slow_min_ratio * exp
                and window_p(obs, base.cases[start], base.exposure[start], run_exposure)
                < params.slow_alpha
            ):
                fired = t
        peak = max(peak, s)
        if s == 0.0:
            if fired is not None and start is not None:
                out.append(
                    _make(
                        AlertKind.SLOW_RISE,
                        key,
                        (start, t),
                        fired,
                        counts,
                        expected,
                        series,
                        peak,
                        (("cusum", f"{peak:.2f}"),),
                    )
                )
            start, fired, peak = None, None, 0.0
    if fired is not None and start is not None:
        out.append(
            _make(
                AlertKind.SLOW_RISE,
                key,
                (start, series.days - 1),
                fired,
                counts,
                expected,
                series,
                peak,
                (("cusum", f"{peak:.2f}"),),
            )
        )
    return out
