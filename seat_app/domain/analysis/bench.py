"""The bench core: a year with labelled injected events and a null year (same seed, same
generator), every detector run over both, and per detector: event recall, alert precision,
false alerts a day on the null year, median time to detect, run time; plus the fast pass
over the busiest hour and the daily pass over the year, and a same-seed determinism check.

Phase 2 wires this into ``seat-admin analysis bench [--json]``. Until then::

    python -m seat_app.domain.analysis.bench [--days N] [--per-day N] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from seat_app.domain.analysis.location import Gazetteer
from seat_app.domain.analysis.model import Alert, AlertKind
from seat_app.domain.analysis.passes import AnalysisParams, PassResult, daily_pass, fast_pass
from seat_app.domain.analysis.stats import poisson_sf
from seat_app.domain.analysis.surge import SurgeParams
from seat_app.domain.analysis.synthetic import (
    InjectedEvent,
    SyntheticConfig,
    SyntheticYear,
    Templates,
    generate_year,
    true_expectation,
)
from seat_app.domain.analysis.topics import Tokenizer, bigram_tokenize
from seat_app.domain.calendar import WorkingDayCalendar

DEFAULT_CONFIG = SyntheticConfig()
DEFAULT_PARAMS = AnalysisParams()

TARGETS = {
    "same_place": {"recall": 0.95, "precision": 0.85},
    "surge": {"recall": 0.8, "median_hours_to_detect": 48.0},
    "null_false_alerts_per_day": 5.0,
    "emerging_topic": {"within_days_of_20_a_week": 7},
    "fast_pass_seconds": 2.0,
    "daily_pass_seconds": 60.0,
}


@dataclass
class DetectorFigures:
    detector: str
    events: int
    detected: int
    recall: float | None
    alerts: int
    true_alerts: int
    precision: float | None
    null_alerts: int
    null_false_alerts_per_day: float
    median_hours_to_detect: float | None
    run_seconds: float
    extra: dict[str, float] = field(default_factory=dict)


@dataclass
class BenchReport:
    config: dict[str, object]
    cases: int
    null_cases: int
    evaluated_days: int
    detectors: list[DetectorFigures]
    null_false_alerts_per_day: float
    held_back_per_day: float
    fast_pass_seconds: dict[str, float]
    daily_pass_seconds: float
    """Backfill: every detector over all the evaluated days in one run."""
    daily_pass_one_day_seconds: float
    """What runs each night: the last evaluated day, with the year before it as history."""
    baseline_seconds: float
    """Same-run baseline: one plain pass over the year's cases (sorting by time)."""
    deterministic: bool
    null_is_background: bool
    generation_seconds: float

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, default=str)


_COUNT_KINDS = frozenset({AlertKind.SURGE, AlertKind.SLOW_RISE})


def _matches(alert: Alert, event: InjectedEvent) -> bool:
    numbers = set(event.case_numbers)
    shared = numbers.intersection(alert.case_numbers)
    if event.kind is AlertKind.SAME_PLACE:
        return alert.kind is AlertKind.SAME_PLACE and len(shared) * 2 >= len(alert.case_numbers)
    if event.kind is AlertKind.REPEAT_CALLER:
        return alert.kind is AlertKind.REPEAT_CALLER and len(shared) * 2 >= len(alert.case_numbers)
    if event.kind in (AlertKind.SURGE, AlertKind.SLOW_RISE):
        return (
            alert.kind in (AlertKind.SURGE, AlertKind.SLOW_RISE)
            and alert.detail("matter") == event.matter
            and alert.detail("area") == event.area
            and alert.first_case_at <= event.end + timedelta(days=2)
            and alert.last_case_at >= event.start
        )
    if event.kind is AlertKind.EMERGING_TOPIC:
        return alert.kind is AlertKind.EMERGING_TOPIC and (
            alert.scope in event.phrase
            or event.phrase in alert.scope
            or len(shared) * 2 >= len(alert.case_numbers)
        )
    return False


def _figures(
    name: str,
    kinds: set[AlertKind],
    event_kind: AlertKind,
    alerts: Sequence[Alert],
    null_alerts: Sequence[Alert],
    events: Sequence[InjectedEvent],
    days: int,
    seconds: float,
) -> DetectorFigures:
    mine = [a for a in alerts if a.kind in kinds]
    evs = [e for e in events if e.kind is event_kind]
    detected, hours, extra_vals = 0, [], []
    for e in evs:
        hits = [a for a in mine if _matches(a, e)]
        if hits:
            detected += 1
            first = min(hits, key=lambda a: a.raised_at)
            ref = e.start
            hours.append((first.raised_at - ref) / timedelta(hours=1))
            if event_kind is AlertKind.SAME_PLACE:
                extra_vals.append(float(first.detail("fired_at_caller") or 0))
            if event_kind is AlertKind.EMERGING_TOPIC and e.reached_at is not None:
                extra_vals.append((first.raised_at - e.reached_at) / timedelta(days=1))
    true = [a for a in mine if any(_matches(a, e) for e in events)]
    other: list[Alert] = []
    if event_kind in _COUNT_KINDS:
        # a count alert whose excess is mostly another injected event's cases (a same-place
        # cluster, an emerging phrase) saw a real rise: neither true nor false for precision
        foreign = {n for e in events if e.kind not in _COUNT_KINDS for n in e.case_numbers}
        other = [
            a
            for a in mine
            if a not in true
            and 2 * len(foreign.intersection(a.case_numbers)) >= a.observed - a.expected
        ]
    judged = len(mine) - len(other)
    null_mine = [a for a in null_alerts if a.kind in kinds]
    extra: dict[str, float] = {}
    if event_kind in _COUNT_KINDS:
        extra["alerts_from_other_injected_events"] = float(len(other))
    if extra_vals and event_kind is AlertKind.SAME_PLACE:
        extra["median_fired_at_distinct_caller"] = statistics.median(extra_vals)
    if event_kind is AlertKind.EMERGING_TOPIC:
        extra["found_within_7_days_of_20_a_week"] = float(sum(v <= 7 for v in extra_vals))
        if extra_vals:
            extra["median_days_after_20_a_week"] = statistics.median(extra_vals)
    if event_kind is AlertKind.SURGE:
        strata: Counter[str] = Counter()
        found: Counter[str] = Counter()
        for e in evs:
            band = "1-2/day" if e.baseline < 2 else "2-5/day" if e.baseline < 5 else ">=5/day"
            strata[band] += 1
            found[band] += any(_matches(a, e) for a in mine)
        for band in strata:
            extra[f"recall_baseline_{band}"] = found[band] / strata[band]
            extra[f"events_baseline_{band}"] = float(strata[band])
    return DetectorFigures(
        detector=name,
        events=len(evs),
        detected=detected,
        recall=detected / len(evs) if evs else None,
        alerts=len(mine),
        true_alerts=len(true),
        precision=len(true) / judged if judged else None,
        null_alerts=len(null_mine),
        null_false_alerts_per_day=len(null_mine) / days,
        median_hours_to_detect=statistics.median(hours) if hours else None,
        run_seconds=seconds,
        extra=extra,
    )


def oracle_recall(
    year: SyntheticYear, expected: Callable[[tuple[str, str], date], float], params: SurgeParams
) -> dict[str, float]:
    """The ceiling: the share of surge events the surge test would find (same windows, alpha
    and gates, same matching window) if it knew each series' true expected count, per
    baseline band. Counts are all a detector sees, so no detector should beat it by much."""
    evs = [e for e in year.events if e.kind is AlertKind.SURGE]
    wanted = {(e.matter, e.area) for e in evs}
    per_day: Counter[tuple[str, str, date]] = Counter(
        (c.matter, c.area, c.received_at.date()) for c in year.cases if (c.matter, c.area) in wanted
    )
    strata: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for e in evs:
        band = "1-2/day" if e.baseline < 2 else "2-5/day" if e.baseline < 5 else ">=5/day"
        strata[band] += 1
        first, last = e.start.date(), e.end.date() + timedelta(days=2)
        hit = False
        day = first
        while day <= last and not hit:
            for w in params.windows:
                days = [day - timedelta(days=i) for i in range(w)]
                obs = sum(per_day[(e.matter, e.area, d)] for d in days)
                exp = sum(expected((e.matter, e.area), d) for d in days)
                if (
                    obs >= params.min_observed
                    and obs >= params.min_ratio * exp
                    and poisson_sf(obs, exp) < params.alpha
                ):
                    hit = True
                    break
            day += timedelta(days=1)
        found[band] += hit
    out = {f"oracle_recall_{band}": found[band] / strata[band] for band in strata}
    out["oracle_recall"] = sum(found.values()) / len(evs) if evs else 0.0
    return out


def _fingerprint(alerts: Sequence[Alert]) -> str:
    h = hashlib.sha256()
    for a in alerts:
        h.update(json.dumps(a.to_json_dict(), ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()


def run_bench(
    gazetteer: Gazetteer,
    templates: Templates,
    config: SyntheticConfig = DEFAULT_CONFIG,
    *,
    tokenize: Tokenizer = bigram_tokenize,
    stopwords: frozenset[str] = frozenset(),
    params: AnalysisParams = DEFAULT_PARAMS,
    calendar: WorkingDayCalendar | None = None,
    check_determinism: bool = True,
    progress: Callable[[str], None] = lambda s: None,
) -> BenchReport:
    cal = calendar or WorkingDayCalendar(strict=False)
    t0 = time.perf_counter()
    year = generate_year(gazetteer, templates, config, cal)
    null = generate_year(
        gazetteer, templates, SyntheticConfig(**{**asdict(config), "events": False}), cal
    )
    gen_s = time.perf_counter() - t0
    progress(f"generated {len(year.cases)} + {len(null.cases)} cases in {gen_s:.1f} s")
    injected = {n for e in year.events for n in e.case_numbers}
    null_is_background = [c for c in year.cases if c.number not in injected] == null.cases
    days = (year.end - year.start).days + 1

    t = time.perf_counter()
    _ = sorted(year.cases, key=lambda c: (c.caller_phone, c.received_at))
    baseline_s = time.perf_counter() - t

    def run(y: SyntheticYear) -> tuple[PassResult, float]:
        t = time.perf_counter()
        res = daily_pass(
            y.cases,
            y.start,
            y.end,
            gazetteer,
            cal,
            tokenize=tokenize,
            stopwords=stopwords,
            params=params,
        )
        return res, time.perf_counter() - t

    res, daily_s = run(year)
    progress(f"daily pass over the event year: {daily_s:.1f} s")
    null_res, _ = run(null)
    progress("daily pass over the null year done")
    deterministic = True
    if check_determinism:
        again = generate_year(gazetteer, templates, config, cal)
        res2, _ = run(again)
        deterministic = _fingerprint(res2.alerts) == _fingerprint(res.alerts)

    t = time.perf_counter()
    daily_pass(
        year.cases,
        year.end,
        year.end,
        gazetteer,
        cal,
        tokenize=tokenize,
        stopwords=stopwords,
        params=params,
    )
    one_day_s = time.perf_counter() - t
    progress(f"daily pass for the last day: {one_day_s:.1f} s")

    # the fast pass over an hour of new cases: the 20 busiest hours (min / median / p95)
    per_hour = Counter(
        c.received_at.replace(minute=0, second=0)
        for c in year.cases
        if c.received_at.date() >= year.start
    )
    busiest = sorted(per_hour, key=lambda h: (-per_hour[h], h))[:20]
    by_time = sorted(year.cases, key=lambda c: c.received_at)
    times_sorted = [c.received_at for c in by_time]
    fast_runs: list[float] = []
    for hour in busiest:
        lo = bisect_left(times_sorted, hour - timedelta(days=params.repeat_caller.window_days))
        hi = bisect_left(times_sorted, hour + timedelta(hours=1))
        recent = by_time[lo:hi]
        t = time.perf_counter()
        fast_pass(recent, hour, gazetteer, params)
        fast_runs.append(time.perf_counter() - t)
    fast_runs.sort()
    fast_stats = {
        "min": fast_runs[0],
        "median": statistics.median(fast_runs),
        "p95": fast_runs[min(len(fast_runs) - 1, int(0.95 * len(fast_runs)))],
        "hours": float(len(fast_runs)),
        "new_cases_max": float(per_hour[busiest[0]]),
    }

    figs = [
        _figures(
            "same_place",
            {AlertKind.SAME_PLACE},
            AlertKind.SAME_PLACE,
            res.alerts,
            null_res.alerts,
            year.events,
            days,
            res.seconds["same_place"],
        ),
        _figures(
            "surge",
            {AlertKind.SURGE, AlertKind.SLOW_RISE},
            AlertKind.SURGE,
            res.alerts,
            null_res.alerts,
            year.events,
            days,
            res.seconds["surge+slow_rise"],
        ),
        _figures(
            "slow_rise",
            {AlertKind.SLOW_RISE, AlertKind.SURGE},
            AlertKind.SLOW_RISE,
            res.alerts,
            null_res.alerts,
            year.events,
            days,
            res.seconds["surge+slow_rise"],
        ),
        _figures(
            "repeat_caller",
            {AlertKind.REPEAT_CALLER},
            AlertKind.REPEAT_CALLER,
            res.alerts,
            null_res.alerts,
            year.events,
            days,
            res.seconds["repeat_caller"],
        ),
        _figures(
            "emerging_topic",
            {AlertKind.EMERGING_TOPIC},
            AlertKind.EMERGING_TOPIC,
            res.alerts,
            null_res.alerts,
            year.events,
            days,
            res.seconds["emerging_topic"],
        ),
    ]
    figs[1].extra.update(
        oracle_recall(year, true_expectation(gazetteer, templates, config, cal), params.surge)
    )
    return BenchReport(
        config={
            k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(config).items()
        },
        cases=len(year.cases),
        null_cases=len(null.cases),
        evaluated_days=days,
        detectors=figs,
        null_false_alerts_per_day=len(null_res.alerts) / days,
        held_back_per_day=len(null_res.held_back) / days,
        fast_pass_seconds=fast_stats,
        daily_pass_seconds=daily_s,
        daily_pass_one_day_seconds=one_day_s,
        baseline_seconds=baseline_s,
        deterministic=deterministic,
        null_is_background=null_is_background,
        generation_seconds=gen_s,
    )


def format_report(r: BenchReport) -> str:
    def f(v: float | None, p: str = ".3f") -> str:
        return "-" if v is None else format(v, p)

    lines = [
        f"cases {r.cases} (null {r.null_cases}) over {r.evaluated_days} evaluated days; "
        f"generated in {r.generation_seconds:.1f} s",
        f"{'detector':<15}{'events':>7}{'recall':>8}{'alerts':>8}{'precision':>10}"
        f"{'null/day':>10}{'median h':>10}{'run s':>8}",
    ]
    for d in r.detectors:
        lines.append(
            f"{d.detector:<15}{d.events:>7}{f(d.recall):>8}{d.alerts:>8}"
            f"{f(d.precision):>10}{d.null_false_alerts_per_day:>10.3f}"
            f"{f(d.median_hours_to_detect, '.1f'):>10}{d.run_seconds:>8.2f}"
        )
        for k, v in sorted(d.extra.items()):
            lines.append(f"    {k}: {v:.3f}")
    lines += [
        f"false alerts a day on the null year (all kinds): {r.null_false_alerts_per_day:.3f}"
        f" (target <= {TARGETS['null_false_alerts_per_day']}); held back by the budget: "
        f"{r.held_back_per_day:.3f}/day",
        f"fast pass over an hour of new cases ({r.fast_pass_seconds['hours']:.0f} busiest "
        f"hours, up to {r.fast_pass_seconds['new_cases_max']:.0f} new cases): min "
        f"{r.fast_pass_seconds['min']:.3f} / median {r.fast_pass_seconds['median']:.3f} / "
        f"p95 {r.fast_pass_seconds['p95']:.3f} s (target <= 2 s)",
        f"daily pass over the year: {r.daily_pass_seconds:.1f} s (target <= 60 s); "
        f"nightly pass for one day with a year of history: "
        f"{r.daily_pass_one_day_seconds:.1f} s; "
        f"baseline (sorting the year's cases): {r.baseline_seconds:.2f} s",
        f"same seed, identical alerts: {r.deterministic}; null year = event year minus "
        f"injected cases: {r.null_is_background}",
    ]
    return "\n".join(lines)


def default_resources() -> Path:
    here = Path(__file__).resolve()
    for cand in (
        here.parents[3] / "resources" / "analysis",
        here.parents[2] / "resources" / "analysis",
    ):
        if cand.is_dir():
            return cand
    return here.parents[3] / "resources" / "analysis"


def rjieba_tokenizer() -> Tokenizer:
    """rjieba when installed (it is a Seat dependency), else the bigram fallback."""
    try:
        import rjieba
    except ImportError:
        return bigram_tokenize
    return rjieba.cut


def load_stopwords(path: Path) -> frozenset[str]:
    return frozenset(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resources", type=Path, default=default_resources())
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--days", type=int, default=None)
    ap.add_argument("--per-day", type=float, default=2158.0)
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--no-determinism", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    gaz = Gazetteer.from_dict(json.loads((a.resources / "gazetteer.json").read_text("utf-8")))
    tpl = Templates(json.loads((a.resources / "templates.json").read_text("utf-8")))
    stop = load_stopwords(a.resources / "stopwords.txt")
    cfg = SyntheticConfig(year=a.year, cases_per_day=a.per_day, seed=a.seed, days=a.days)
    started = datetime.now()
    report = run_bench(
        gaz,
        tpl,
        cfg,
        tokenize=rjieba_tokenizer(),
        stopwords=stop,
        check_determinism=not a.no_determinism,
        progress=lambda s: print(f"[{datetime.now() - started}] {s}", file=sys.stderr),
    )
    print(report.to_json() if a.json else format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
