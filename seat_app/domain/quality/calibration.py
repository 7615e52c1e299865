"""Calibration (校准): several inspectors score the same cases blind; how far do they agree?

- overall agreement: Krippendorff's alpha (interval) on the total scores, computed by the
  ``krippendorff`` package (checked in the tests against the values Krippendorff publishes);
- per item: nominal alpha on pass/fail (None when every rating is the same, where alpha is
  undefined) and the share of inspector pairs that agree;
- each inspector's deviation from the panel: the mean of (own score - median of the other
  inspectors' scores) over shared cases (the median, so one biased inspector does not drag
  the panel); ``stands_out`` when it reaches ``outlier_points``;
- drift over months: each inspector's monthly deviation and its least-squares slope.

:func:`demo_calibration` is the core of ``seat-admin qa calibrate --demo``: scripted
inspectors of known bias score the same 30 cases on the real form.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from seat_app.domain.quality.errors import CalibrationError
from seat_app.domain.training import Evaluation, Judgement, evaluate
from seat_app.domain.training import Outcome as ItemOutcome

Scores = Mapping[str, Mapping[str, float]]
"""inspector -> case -> total score."""
ItemRatings = Mapping[str, Mapping[str, Mapping[str, str]]]
"""inspector -> case -> item -> outcome (pass / partial / fail / na)."""
AlphaLevel = Literal["nominal", "ordinal", "interval", "ratio"]
"""Krippendorff's levels of measurement."""


def _alpha(matrix: list[list[float]], level: AlphaLevel) -> float | None:
    import krippendorff
    import numpy as np

    data = np.asarray(matrix, dtype=float)
    if np.isfinite(data).sum() < 2:
        return None
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    except ValueError:  # one value in the whole domain: agreement is total, alpha undefined
        return None


def krippendorff_alpha(
    ratings: Sequence[Sequence[float | None]], level: AlphaLevel = "interval"
) -> float | None:
    """Alpha for a raters x units matrix (None = not rated)."""
    nan = float("nan")
    return _alpha([[nan if v is None else float(v) for v in row] for row in ratings], level)


@dataclass(frozen=True, slots=True)
class ItemAgreement:
    item_id: str
    alpha: float | None
    pair_agreement: float
    """Share of inspector pairs giving the same outcome, over cases both rated (N/A counts)."""
    fail_rate: float


@dataclass(frozen=True, slots=True)
class InspectorDeviation:
    inspector: str
    mean_deviation: float
    mean_abs_deviation: float
    cases: int
    stands_out: bool


@dataclass(frozen=True, slots=True)
class CalibrationReport:
    alpha: float | None
    inspectors: tuple[str, ...]
    cases: tuple[str, ...]
    deviations: tuple[InspectorDeviation, ...]
    items: tuple[ItemAgreement, ...] = ()
    outlier_points: float = 5.0

    def deviation(self, inspector: str) -> InspectorDeviation:
        return next(d for d in self.deviations if d.inspector == inspector)

    @property
    def standouts(self) -> tuple[str, ...]:
        return tuple(d.inspector for d in self.deviations if d.stands_out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "alpha": None if self.alpha is None else round(self.alpha, 4),
            "inspectors": len(self.inspectors),
            "cases": len(self.cases),
            "outlier_points": self.outlier_points,
            "deviations": [
                {
                    "inspector": d.inspector,
                    "mean": round(d.mean_deviation, 2),
                    "mean_abs": round(d.mean_abs_deviation, 2),
                    "cases": d.cases,
                    "stands_out": d.stands_out,
                }
                for d in self.deviations
            ],
            "items": [
                {
                    "item": i.item_id,
                    "alpha": None if i.alpha is None else round(i.alpha, 4),
                    "pair_agreement": round(i.pair_agreement, 4),
                    "fail_rate": round(i.fail_rate, 4),
                }
                for i in self.items
            ],
            "standouts": list(self.standouts),
        }


def calibrate(
    scores: Scores, items: ItemRatings | None = None, *, outlier_points: float = 5.0
) -> CalibrationReport:
    inspectors = tuple(sorted(scores))
    if len(inspectors) < 2:
        raise CalibrationError(
            "校准至少需要两位质检员。", "Calibration needs at least two inspectors."
        )
    cases = tuple(sorted({c for s in scores.values() for c in s}))
    matrix = [[scores[i].get(c) for c in cases] for i in inspectors]
    alpha = krippendorff_alpha(matrix, "interval")
    deviations = []
    for i in inspectors:
        devs = []
        for c in cases:
            own = scores[i].get(c)
            others = [scores[o][c] for o in inspectors if o != i and c in scores[o]]
            if own is not None and others:
                devs.append(own - statistics.median(others))
        mean = sum(devs) / len(devs) if devs else 0.0
        mabs = sum(abs(d) for d in devs) / len(devs) if devs else 0.0
        deviations.append(InspectorDeviation(i, mean, mabs, len(devs), abs(mean) >= outlier_points))
    item_rows: list[ItemAgreement] = []
    if items:
        item_ids = sorted({it for per in items.values() for case in per.values() for it in case})
        code = {"pass": 1.0, "partial": 0.5, "fail": 0.0}
        for it in item_ids:
            m = [
                [code.get(items.get(i, {}).get(c, {}).get(it, ""), float("nan")) for c in cases]
                for i in inspectors
            ]
            agree = total = fails = rated = 0
            for c in cases:
                vals = [
                    items[i][c][it]
                    for i in inspectors
                    if i in items and c in items[i] and it in items[i][c]
                ]
                for a, b in combinations(vals, 2):
                    total += 1
                    agree += a == b
                fails += sum(v == "fail" for v in vals)
                rated += sum(v != "na" for v in vals)
            item_rows.append(
                ItemAgreement(
                    it,
                    _alpha(m, "nominal"),
                    agree / total if total else 1.0,
                    fails / rated if rated else 0.0,
                )
            )
    return CalibrationReport(
        alpha, inspectors, cases, tuple(deviations), tuple(item_rows), outlier_points
    )


@dataclass(frozen=True, slots=True)
class Drift:
    inspector: str
    monthly: tuple[tuple[str, float], ...]
    slope_per_month: float
    """Least-squares slope of the monthly mean deviation (points per month)."""


def drift(reports: Mapping[str, CalibrationReport]) -> tuple[Drift, ...]:
    """Each inspector's deviation month by month (``YYYY-MM`` -> report) and its trend."""
    months = sorted(reports)
    inspectors = sorted({i for r in reports.values() for i in r.inspectors})
    out = []
    for i in inspectors:
        series = [
            (m, reports[m].deviation(i).mean_deviation)
            for m in months
            if i in reports[m].inspectors
        ]
        slope = 0.0
        if len(series) >= 2:
            xs = list(range(len(series)))
            ys = [v for _, v in series]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
                (x - mx) ** 2 for x in xs
            )
        out.append(Drift(i, tuple(series), slope))
    return tuple(out)


# ----------------------------------------------------------------------------- demo


@dataclass(frozen=True, slots=True)
class ScriptedInspector:
    """A demo inspector: flips a true outcome with ``noise``; a harsh one also fails a truly
    passing manual item with ``harshness`` (a lenient one passes a truly failing one with
    ``leniency``)."""

    name: str
    noise: float = 0.04
    harshness: float = 0.0
    leniency: float = 0.0


DEMO_PANEL: tuple[ScriptedInspector, ...] = (
    ScriptedInspector("QA01"),
    ScriptedInspector("QA02"),
    ScriptedInspector("QA03", noise=0.06),
    ScriptedInspector("QA04", harshness=0.35),
    ScriptedInspector("QA05"),
)
"""Five inspectors; QA04 is the one with a known bias (harsh on 35% of passing items)."""


@dataclass(frozen=True, slots=True)
class DemoCalibration:
    report: CalibrationReport
    panel: tuple[ScriptedInspector, ...]
    evaluations: Mapping[str, Mapping[str, Evaluation]] = field(default_factory=dict)

    @property
    def biased(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.panel if p.harshness or p.leniency)


def demo_calibration(
    form: Any,
    *,
    seed: int = 2024,
    cases: int = 30,
    panel: Sequence[ScriptedInspector] = DEMO_PANEL,
    outlier_points: float = 5.0,
) -> DemoCalibration:
    """Scripted inspectors score the same ``cases`` on ``form`` (an InspectionForm): every
    case has a true outcome per item (manual items pass with 80%; the answer section N/A on
    40% of cases, no direct answer); machine-filled items are the same for everyone."""
    rng = random.Random(seed)
    rubric = form.rubric
    auto = set(form.prechecks)
    na_sections = set(form.na_without_direct_answer)
    truth: dict[str, dict[str, ItemOutcome]] = {}
    for n in range(1, cases + 1):
        direct = rng.random() >= 0.4
        t: dict[str, ItemOutcome] = {}
        for s in rubric.sections:
            for it in s.items:
                if s.id in na_sections and not direct:
                    t[it.id] = ItemOutcome.NA
                elif it.fatal:
                    t[it.id] = ItemOutcome.PASS
                else:
                    t[it.id] = ItemOutcome.PASS if rng.random() < 0.8 else ItemOutcome.FAIL
        truth[f"CAL-{n:02d}"] = t
    scores: dict[str, dict[str, float]] = {}
    ratings: dict[str, dict[str, dict[str, str]]] = {}
    evaluations: dict[str, dict[str, Evaluation]] = {}
    for p in panel:
        prng = random.Random(f"{seed}|{p.name}")
        for case_id, t in truth.items():
            js = []
            for item_id, true in t.items():
                got = true
                if true != ItemOutcome.NA and item_id not in auto:
                    if prng.random() < p.noise:
                        got = ItemOutcome.FAIL if true == ItemOutcome.PASS else ItemOutcome.PASS
                    if got == ItemOutcome.PASS and prng.random() < p.harshness:
                        got = ItemOutcome.FAIL
                    elif got == ItemOutcome.FAIL and prng.random() < p.leniency:
                        got = ItemOutcome.PASS
                js.append(Judgement(item_id, got))
            ev = evaluate(rubric, js, meta={"case_id": case_id, "inspector": p.name})
            scores.setdefault(p.name, {})[case_id] = ev.score
            ratings.setdefault(p.name, {})[case_id] = {r.item_id: r.outcome.value for r in ev.items}
            evaluations.setdefault(p.name, {})[case_id] = ev
    report = calibrate(scores, ratings, outlier_points=outlier_points)
    return DemoCalibration(report, tuple(panel), evaluations)
