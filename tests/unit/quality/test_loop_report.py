"""The loop into practice (items failed twice a month -> scenarios of the item's skills;
trend after practice) and the QA report figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from seat_app.domain.quality import (
    Dispute,
    DisputeStatus,
    EvaluatedCase,
    item_pareto,
    item_trend,
    pick_scenarios,
    practice_needs,
    qa_report,
)
from seat_app.domain.training import Judgement, evaluate
from seat_app.domain.training.library import load_library
from seat_app.services.config import resources_dir

pytestmark = pytest.mark.quality


def _ev(form, fails=(), *, n=0, day=date(2024, 3, 4), agent="A1", team="T1", na=()):
    js = [Judgement(i.id, "na" if i.id in na else "fail" if i.id in fails else "pass")
          for i in form.rubric.items()]
    ev = evaluate(form.rubric, js, meta={"case_number": f"C{n}", "evaluation_id": f"E{n}"})
    return EvaluatedCase(ev, agent, day, team)


def test_an_item_failed_twice_in_a_month_becomes_a_practice_need(form):
    es = [_ev(form, ["matter_correct"], n=1), _ev(form, ["matter_correct", "courtesy"], n=2),
          _ev(form, ["courtesy"], n=3, day=date(2024, 4, 1)),          # another month
          _ev(form, ["matter_correct"], n=4, agent="A2")]              # another agent
    needs = practice_needs(es, "2024-03", form.practice)
    assert [(n.agent, n.item_id, n.failures) for n in needs] == [("A1", "matter_correct", 2)]
    assert needs[0].skills == ("classification",) and needs[0].case_numbers == ("C1", "C2")
    assert practice_needs(es, "2024-03", form.practice, threshold=1)[-1].agent == "A2"


def test_every_form_item_leads_to_real_starter_scenarios(form):
    lib = load_library(resources_dir() / "training")
    scenarios = lib.scenarios
    for item in form.rubric.items():
        assert form.practice.get(item.id), item.id
    es = [_ev(form, ["emergency_transferred"], n=k) for k in range(2)]
    (need,) = practice_needs(es, "2024-03", form.practice)
    picked = pick_scenarios(need, scenarios, count=3, seed=1)
    by_id = {s.id: s for s in scenarios}
    assert len(picked) == 3 and all(by_id[i].skill == "emergency" for i in picked)
    assert picked == pick_scenarios(need, scenarios, count=3, seed=1)
    easiest = min(s.difficulty for s in scenarios if s.skill == "emergency")
    assert by_id[picked[0]].difficulty == easiest
    again = pick_scenarios(need, scenarios, count=3, seed=1, exclude=picked)
    assert not set(again) & set(picked)


def test_item_trend_before_and_after_practice(form):
    start = date(2024, 3, 1)
    es = [_ev(form, ["empathy"] if k % 2 == 0 else [], n=k, day=start + timedelta(days=k))
          for k in range(10)]                                   # before: 5 of 10 failed
    es += [_ev(form, ["empathy"] if k == 0 else [], n=100 + k,
               day=date(2024, 4, 1) + timedelta(days=k)) for k in range(5)]  # after: 1 of 5
    t = item_trend(es, "A1", "empathy", date(2024, 3, 20))
    assert (t.before_n, t.after_n) == (10, 5)
    assert t.before_rate == pytest.approx(0.5) and t.after_rate == pytest.approx(0.2)
    assert t.improved is True
    assert item_trend(es, "A9", "empathy", date(2024, 3, 20)).improved is None


def test_pareto_and_report_figures(form):
    es = [_ev(form, ["courtesy", "empathy"], n=1, agent="A1", team="T1"),
          _ev(form, ["courtesy"], n=2, agent="A1", team="T1"),
          _ev(form, ["courtesy", "no_data_leak"], n=3, agent="A2", team="T2"),
          _ev(form, [], n=4, agent="A2", team="T2", day=date(2024, 2, 28))]
    p = item_pareto(es)
    assert [(r.item_id, r.failures) for r in p] == [("courtesy", 3), ("empathy", 1),
                                                    ("no_data_leak", 1)]
    assert p[0].share == 0.6 and p[-1].cumulative == 1.0
    d = [Dispute("d1", "E1", "courtesy", "A1", 1, date(2024, 3, 5), "理由充分", date(2024, 3, 12),
                 DisputeStatus.UPHELD),
         Dispute("d2", "E2", "courtesy", "A1", 1, date(2024, 3, 5), "理由充分", date(2024, 3, 12),
                 DisputeStatus.REJECTED),
         Dispute("d3", "E4", "courtesy", "A2", 1, date(2024, 3, 5), "理由充分", date(2024, 3, 12))]
    rep = qa_report(es, d, month="2024-03")
    assert rep["evaluations"] == 3
    agents = {r["key"]: r for r in rep["by_agent"]}
    # attitude is weight 15 of 15 points: courtesy and empathy cost 5 each -> 90 and 95
    assert agents["A1"]["mean_score"] == pytest.approx((90 + 95) / 2)
    assert agents["A2"]["fatal"] == 1 and agents["A2"]["mean_score"] == 0
    assert rep["fatal"] == {"no_data_leak": 1}
    assert rep["disputes"] == {"total": 2, "upheld": 1, "rejected": 1, "upheld_rate": 0.5,
                               "second_round": 0}
    assert [r["key"] for r in rep["by_team"]] == ["T1", "T2"]
