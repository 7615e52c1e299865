"""Monthly sampling: reproducible, fair per agent, targeted rules, daily cap, coverage."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.quality import AgentInfo, CaseRecord, Rule, SamplingPlan, sample_month
from seat_app.domain.quality.errors import SamplingPlanInvalid

pytestmark = pytest.mark.quality


def _month_cases(seed: int = 1, agents: int = 6, per_agent: int = 40) -> list[CaseRecord]:
    rng = random.Random(seed)
    out = []
    for a in range(agents):
        for k in range(per_agent):
            at = datetime(2024, 3, 1, 8) + timedelta(hours=rng.randint(0, 24 * 30 - 1))
            out.append(CaseRecord(f"c{a}-{k}", f"20240301-S{a:02d}-{k:04d}", f"A{a}", at,
                                  caller_phone=f"139{a:02d}{k:06d}",
                                  handling_seconds=float(rng.randint(100, 600))))
    return out


AGENTS = [AgentInfo(f"A{a}", date(2020, 1, 1)) for a in range(6)]


def test_same_seed_same_sample_whatever_the_input_order():
    cases = _month_cases()
    a = sample_month(cases, AGENTS, "2024-03", seed=11, inspectors=["Q1"])
    shuffled = list(cases)
    random.Random(5).shuffle(shuffled)
    b = sample_month(shuffled, list(reversed(AGENTS)), "2024-03", seed=11, inspectors=["Q1"])
    assert [p.case_id for p in a.picks] == [p.case_id for p in b.picks]
    c = sample_month(cases, AGENTS, "2024-03", seed=12, inspectors=["Q1"])
    assert {p.case_id for p in a.picks} != {p.case_id for p in c.picks}


def test_one_agents_cases_do_not_change_another_agents_sample():
    cases = _month_cases()
    a = sample_month(cases, AGENTS, "2024-03", seed=3)
    fewer = [c for c in cases if not (c.agent == "A0" and c.case_id.endswith("-7"))]
    b = sample_month(fewer, AGENTS, "2024-03", seed=3)
    pick = lambda r, ag: sorted(p.case_id for p in r.picks if p.agent == ag)  # noqa: E731
    assert all(pick(a, f"A{i}") == pick(b, f"A{i}") for i in range(1, 6))


def test_new_agents_get_more_random_cases_and_other_months_are_ignored():
    cases = _month_cases()
    cases.append(CaseRecord("april", "n-april", "A0", datetime(2024, 4, 2)))
    agents = [replace(a, hired_on=date(2024, 1, 10)) if a.agent == "A1" else a for a in AGENTS]
    plan = SamplingPlan(random_per_agent=3, random_new_agent=7)
    r = sample_month(cases, agents, "2024-03", plan=plan, seed=1)
    cov = {c.agent: c for c in r.coverage}
    assert cov["A1"].new_agent and cov["A1"].by_rule["random"] == 7
    assert not cov["A0"].new_agent and cov["A0"].by_rule["random"] == 3
    assert "april" not in {p.case_id for p in r.picks}
    # hired more than three months before: no longer new
    agents[1] = replace(agents[1], hired_on=date(2023, 11, 30))
    assert not {c.agent: c for c in sample_month(cases, agents, "2024-03", plan=plan).coverage
                }["A1"].new_agent
    # a user row made after the month (imported history): not counted as new
    agents[1] = replace(agents[1], hired_on=date(2026, 12, 3))
    assert not {c.agent: c for c in sample_month(cases, agents, "2024-03", plan=plan).coverage
                }["A1"].new_agent


def test_every_targeted_rule_catches_its_cases():
    base = [replace(x, handling_seconds=300.0) for x in _month_cases(agents=1, per_agent=60)]
    c = {x.case_id: x for x in base}
    special = {
        "c0-1": replace(c["c0-1"], callback_result="不满意"),
        "c0-2": replace(c["c0-2"], complaint_about_agent=True),
        "c0-3": replace(c["c0-3"], unit_return_count=1),
        "c0-4": replace(c["c0-4"], redispatch_count=2),
        "c0-5": replace(c["c0-5"], supervised=True),
        "c0-6": replace(c["c0-6"], handling_seconds=5000.0),
        # the same caller again after 6 days (a repeat) and after 9 days (not a repeat)
        "c0-7": replace(c["c0-7"], caller_phone="13000000000", created_at=datetime(2024, 3, 2)),
        "c0-8": replace(c["c0-8"], caller_phone="130-0000-0000", created_at=datetime(2024, 3, 8)),
        "c0-9": replace(c["c0-9"], caller_phone="13000000000", created_at=datetime(2024, 3, 17)),
    }
    cases = [special.get(x.case_id, x) for x in base]
    plan = SamplingPlan(random_per_agent=0, targeted_cap=5)
    r = sample_month(cases, AGENTS[:1], "2024-03", plan=plan, seed=1)
    rules = {p.case_id: p.rule for p in r.picks}
    assert rules == {"c0-1": Rule.CALLBACK_UNSATISFIED, "c0-2": Rule.COMPLAINT_ABOUT_AGENT,
                     "c0-3": Rule.RETURNED_BY_UNIT, "c0-4": Rule.RETURNED_BY_UNIT,
                     "c0-5": Rule.SUPERVISED, "c0-6": Rule.LONG_HANDLING,
                     "c0-8": Rule.REPEAT_CALLER}
    assert r.handling_threshold is not None and r.handling_threshold < 5000


def test_a_case_counts_once_and_targeted_picks_are_capped():
    cases = [replace(x, callback_result="不满意", supervised=True) for x in _month_cases()]
    plan = SamplingPlan(random_per_agent=2, targeted_cap=3)
    r = sample_month(cases, AGENTS, "2024-03", plan=plan, seed=9)
    assert len({p.case_id for p in r.picks}) == len(r.picks)
    per = Counter((p.agent, p.rule) for p in r.picks)
    assert all(per[(a.agent, Rule.CALLBACK_UNSATISFIED)] == 3 for a in AGENTS)
    assert all(per[(a.agent, Rule.SUPERVISED)] == 3 for a in AGENTS)
    assert all(per[(a.agent, Rule.RANDOM)] == 2 for a in AGENTS)


def test_daily_cap_per_inspector_on_working_days():
    cal = WorkingDayCalendar()
    cases = _month_cases(agents=6, per_agent=40)
    plan = SamplingPlan(random_per_agent=20, daily_cap=2)
    r = sample_month(cases, AGENTS, "2024-03", plan=plan, seed=2, inspectors=["Q1", "Q2"],
                     is_working_day=cal.is_working_day)
    per_day = Counter((p.inspector, p.day) for p in r.picks)
    assert max(per_day.values()) == 2
    days = {p.day for p in r.picks}
    assert all(cal.is_working_day(d) and d.month == 4 for d in days)
    assert date(2024, 4, 4) not in days  # 清明节
    assert date(2024, 4, 7) in days      # a make-up working Sunday
    working_april = sum(cal.is_working_day(date(2024, 4, d)) for d in range(1, 31))
    assert len(r.picks) == working_april * 2 * 2  # 2 inspectors x 2 a day, all used
    assert len(r.unscheduled) == sum(c.sampled for c in r.coverage) - len(r.picks) > 0
    # targeted picks are scheduled before random ones
    assert all(p.rule == Rule.RANDOM for p in r.unscheduled)


def test_coverage_reports_rule_counts_and_shortfall():
    cases = _month_cases(agents=2, per_agent=3)
    plan = SamplingPlan(random_per_agent=4, rules=frozenset())  # random only
    r = sample_month(cases, AGENTS[:3], "2024-03", plan=plan, seed=1)
    cov = {c.agent: c for c in r.coverage}
    assert cov["A0"].handled == 3 and cov["A0"].sampled == 3 and cov["A0"].shortfall == 1
    assert cov["A2"].handled == 0 and cov["A2"].sampled == 0 and cov["A2"].shortfall == 4
    assert sum(c.sampled for c in r.coverage) == len(r.picks) == r.summary()["sampled"] == 6
    assert all(p.inspector == "" and p.day is None for p in r.picks)  # no inspectors given


def test_bad_month_and_plan_are_refused_in_both_languages():
    with pytest.raises(SamplingPlanInvalid) as exc:
        sample_month([], [], "2024/03")
    assert "YYYY-MM" in exc.value.zh and "YYYY-MM" in exc.value.en
    with pytest.raises(SamplingPlanInvalid):
        SamplingPlan(daily_cap=-1)


def test_percentile_matches_the_linear_definition():
    from seat_app.domain.quality.sampling import percentile

    xs = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert percentile(xs, 50) == 30.0
    assert percentile(xs, 95) == pytest.approx(48.0)    # 40 + 0.8 * (50 - 40)
    assert percentile(xs, 97.5) == pytest.approx(49.0)
    assert percentile([7.0], 95) == 7.0 and percentile([], 95) is None


def test_masked_numbers_are_not_repeat_callers():
    from seat_app.domain.quality.sampling import _repeat_ids

    a = CaseRecord("a", "n-a", "A0", datetime(2024, 3, 2), caller_phone="138****1234")
    b = CaseRecord("b", "n-b", "A0", datetime(2024, 3, 3), caller_phone="138****1234")
    c = CaseRecord("c", "n-c", "A0", datetime(2024, 3, 3), caller_phone="13812341234")
    d = CaseRecord("d", "n-d", "A0", datetime(2024, 3, 4), caller_phone="138 1234 1234")
    assert _repeat_ids([a, b, c, d], 7) == {"d"}
