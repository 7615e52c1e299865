"""Calibration statistics: Krippendorff's alpha against published values, deviations from
the panel, per-item agreement, drift, and the scripted demo where the biased inspector
stands out."""

from __future__ import annotations

import pytest

from seat_app.domain.quality import (
    DEMO_PANEL,
    CalibrationError,
    ScriptedInspector,
    calibrate,
    demo_calibration,
    drift,
    krippendorff_alpha,
)

pytestmark = pytest.mark.quality

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 coders x 12 units
# example with missing values; published: nominal .743, ordinal .815, interval .849.
K2011 = [[1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
         [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]]


@pytest.mark.parametrize(("level", "published"), [("nominal", 0.743), ("ordinal", 0.815),
                                                  ("interval", 0.849)])
def test_alpha_matches_krippendorffs_published_example(level, published):
    assert krippendorff_alpha(K2011, level) == pytest.approx(published, abs=0.0005)


def test_alpha_edges():
    assert krippendorff_alpha([[80, 90, 70], [80, 90, 70]]) == pytest.approx(1.0)
    assert krippendorff_alpha([[80, 80], [80, 80]]) is None  # no variation: undefined


def test_deviation_from_the_panel_and_who_stands_out():
    truth = {f"c{i}": 60.0 + i for i in range(10)}
    scores = {"Q1": dict(truth), "Q2": {c: v + 1 for c, v in truth.items()},
              "Q3": {c: v - 1 for c, v in truth.items()},
              "Q4": {c: v + 10 for c, v in truth.items()}}
    rep = calibrate(scores, outlier_points=5)
    assert rep.deviation("Q4").mean_deviation == pytest.approx(10.0)   # median of others = truth
    # Q1's others: truth+1, truth-1, truth+10 -> median truth+1
    assert rep.deviation("Q1").mean_deviation == pytest.approx(-1.0)
    assert rep.deviation("Q2").mean_deviation == pytest.approx(1.0)
    assert rep.standouts == ("Q4",)
    assert rep.deviation("Q4").cases == 10
    assert 0 < rep.alpha < 1
    without = calibrate({k: v for k, v in scores.items() if k != "Q4"})
    assert without.alpha > rep.alpha


def test_per_item_agreement():
    items = {"Q1": {"c1": {"x": "pass"}, "c2": {"x": "fail"}},
             "Q2": {"c1": {"x": "pass"}, "c2": {"x": "pass"}},
             "Q3": {"c1": {"x": "pass"}, "c2": {"x": "fail"}}}
    scores = {"Q1": {"c1": 90, "c2": 70}, "Q2": {"c1": 90, "c2": 80}, "Q3": {"c1": 92, "c2": 70}}
    rep = calibrate(scores, items)
    (x,) = rep.items
    # c1: 3 of 3 pairs agree; c2: 1 of 3 pairs agree -> 4 / 6
    assert x.pair_agreement == pytest.approx(4 / 6)
    assert x.fail_rate == pytest.approx(2 / 6)
    assert x.alpha is not None and x.alpha < 1


def test_drift_over_months():
    def month(bias):
        return calibrate({"Q1": {"a": 80, "b": 70, "c": 90},
                          "Q2": {"a": 80, "b": 70, "c": 90},
                          "Q4": {"a": 80, "b": 70, "c": 90},
                          "Q3": {"a": 80 + bias, "b": 70 + bias, "c": 90 + bias}})
    out = {d.inspector: d for d in drift({"2024-01": month(0), "2024-02": month(3),
                                          "2024-03": month(6)})}
    assert out["Q3"].slope_per_month == pytest.approx(3.0)
    assert [round(v, 6) for _, v in out["Q3"].monthly] == [0, 3, 6]
    assert out["Q1"].slope_per_month == pytest.approx(0.0)


def test_calibration_needs_two_inspectors():
    with pytest.raises(CalibrationError) as exc:
        calibrate({"Q1": {"a": 80}})
    assert exc.value.en and exc.value.zh


def test_demo_the_biased_inspector_stands_out(form):
    demo = demo_calibration(form, seed=2024)
    rep = demo.report
    assert len(rep.cases) == 30 and len(rep.inspectors) == len(DEMO_PANEL)
    assert rep.standouts == demo.biased == ("QA04",)
    assert rep.deviation("QA04").mean_deviation < -5
    assert all(abs(rep.deviation(p.name).mean_deviation) < 5 for p in DEMO_PANEL
               if p.name != "QA04")
    fair = demo_calibration(form, seed=2024, panel=[p for p in DEMO_PANEL if p.name != "QA04"])
    assert fair.report.alpha > rep.alpha and fair.report.standouts == ()
    again = demo_calibration(form, seed=2024)
    assert again.report.to_dict() == rep.to_dict()
    # a lenient inspector stands out the other way
    lenient = demo_calibration(form, seed=7, panel=[*DEMO_PANEL[:3], ScriptedInspector(
        "QA09", leniency=0.9)])
    assert lenient.report.standouts == ("QA09",)
    assert lenient.report.deviation("QA09").mean_deviation > 0
