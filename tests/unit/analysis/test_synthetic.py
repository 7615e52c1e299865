from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from seat_app.domain.analysis.bench import _matches
from seat_app.domain.analysis.clusters import detect_same_place
from seat_app.domain.analysis.model import AlertKind
from seat_app.domain.analysis.synthetic import SyntheticConfig, generate_year
from seat_app.domain.taxonomy import is_area, is_matter

pytestmark = pytest.mark.analysis
CFG = SyntheticConfig(year=2025, cases_per_day=150, seed=7, history=False,
                      first_day=date(2025, 3, 1), days=60, same_place_events=8, surge_events=3,
                      slow_rise_events=1, repeat_caller_events=5, emerging_events=1)


@pytest.fixture(scope="module")
def years(gazetteer, templates):
    return (generate_year(gazetteer, templates, CFG),
            generate_year(gazetteer, templates, replace(CFG, events=False)))


def test_same_seed_same_year_and_null_year_is_the_background(years, gazetteer, templates):
    year, null = years
    again = generate_year(gazetteer, templates, CFG)
    assert again.cases == year.cases and again.events == year.events
    injected = {n for e in year.events for n in e.case_numbers}
    assert [c for c in year.cases if c.number not in injected] == null.cases
    other = generate_year(gazetteer, templates, replace(CFG, seed=8))
    assert other.cases != year.cases


def test_records_look_like_hotline_cases(years, gazetteer):
    year, _ = years
    assert all(is_matter(c.matter) and is_area(c.area) for c in year.cases)
    assert len({c.number for c in year.cases}) == len(year.cases)
    with_address = [c for c in year.cases if c.address]
    assert len(with_address) > len(year.cases) / 3
    keys = [gazetteer.normalise(c.address, c.area) for c in with_address]
    assert sum(k.resolved for k in keys) / len(keys) > 0.97
    assert len({c.text for c in year.cases}) > len(year.cases) / 3  # not one template
    weekdays = Counter(c.received_at.weekday() for c in year.cases
                       if c.received_at.date() >= year.start)
    assert weekdays[2] > weekdays[6] * 1.2  # weekends are quieter


def test_events_are_labelled_and_clusters_resolve_to_their_place(years, gazetteer):
    year, _ = years
    kinds = Counter(e.kind for e in year.events)
    assert kinds[AlertKind.SAME_PLACE] == 8 and kinds[AlertKind.REPEAT_CALLER] == 5
    by_number = {c.number: c for c in year.cases}
    for e in (e for e in year.events if e.kind is AlertKind.SAME_PLACE):
        cases = [by_number[n] for n in e.case_numbers]
        assert len({c.caller_phone for c in cases}) >= 5
        assert (cases[-1].received_at - cases[0].received_at).total_seconds() <= 24 * 3600
        keys = {gazetteer.normalise(c.address, c.area).place_key for c in cases}
        assert e.place_key in keys
    alerts = detect_same_place(year.cases, gazetteer)
    found = [e for e in year.events if e.kind is AlertKind.SAME_PLACE
             and any(_matches(a, e) for a in alerts)]
    assert len(found) >= 7
