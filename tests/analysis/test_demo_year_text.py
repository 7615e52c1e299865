"""The demo year's records read like a center's: addresses from the gazetteer with caller
noise, several descriptions per matter, deterministic with the seed."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from seat_app.demo.case_text import CaseTexts
from seat_app.demo.plan import plan_profile
from seat_app.demo.year import TEST_SCALE, generate_year
from seat_app.domain.analysis.location import Gazetteer
from seat_app.services.config import resources_dir

pytestmark = pytest.mark.analysis


def test_addresses_and_descriptions_are_realistic_and_deterministic():
    plan, _ = plan_profile("yuncheng-2024", TEST_SCALE)
    rows = generate_year(plan, seed=2024).cases
    again = generate_year(plan, seed=2024).cases
    assert [(r[11], r[15]) for r in rows] == [(r[11], r[15]) for r in again]
    a, b = CaseTexts(2024), CaseTexts(2025)
    assert [a.render("停水", "盐湖区") for _ in range(20)] != \
        [b.render("停水", "盐湖区") for _ in range(20)]
    with_address = [r for r in rows if r[11]]
    assert 0.3 < len(with_address) / len(rows) < 0.9
    assert not any("演示数据" in r[15] for r in rows)
    texts: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        texts[r[12]].add(r[15])
    busy = [m for m in texts if sum(1 for r in rows if r[12] == m) >= 30]
    assert busy and all(len(texts[m]) >= 10 for m in busy)
    gaz = Gazetteer.from_dict(json.loads(
        (resources_dir() / "analysis" / "gazetteer.json").read_text("utf-8")))
    resolved = sum(gaz.normalise(r[11], r[10] if r[10] != "市直" else "盐湖区").resolved
                   for r in with_address[:500])
    assert resolved / min(500, len(with_address)) > 0.9  # noise, yet the key finds the place
