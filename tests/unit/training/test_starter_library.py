"""The starter library as shipped: valid, and covering what the issue asks for."""

from __future__ import annotations

import tomllib
from collections import Counter

import pytest
from pypinyin import Style, lazy_pinyin

from seat_app.domain.grid import Grid, suggest_units
from seat_app.domain.taxonomy import AREAS, DOMAINS, MATTERS
from seat_app.domain.training import PRACTICE_ITEMS, Library, Skill

from .conftest import RESOURCES

pytestmark = pytest.mark.training


def test_size_and_coverage(library: Library) -> None:
    sc = library.scenarios
    assert len(sc) >= 120
    assert {s.domain for s in sc} == set(DOMAINS)
    assert {s.skill for s in sc} == set(Skill)
    assert {s.difficulty for s in sc} == {1, 2, 3}
    assert any(s.is_phone for s in sc) and any(not s.is_phone for s in sc)
    assert sum(s.skill == Skill.EMERGENCY for s in sc) >= 10
    assert sum(s.is_upset for s in sc) >= 10
    assert sum("out_of_scope" in s.tags for s in sc) >= 10
    assert len({s.id for s in sc}) == len(sc)
    assert len({s.persona.phone for s in sc}) == len(sc)


def test_the_two_stories_of_the_report(library: Library) -> None:
    stories = {s.matter: s for s in library.scenarios if "story" in s.tags}
    wall = stories["通信设施安装纠纷"]
    assert "外墙" in wall.opening and "装修" in wall.opening
    school = stories["学校周边交通秩序"]
    assert "学校" in school.opening and "小学生" in school.opening and "车" in school.opening


def test_every_emergency_is_a_transfer_with_its_red_line(library: Library) -> None:
    for s in library.scenarios:
        if s.skill == Skill.EMERGENCY:
            assert s.is_emergency and s.expected.transfer_to in ("110", "119", "120"), s.id
            assert "emergency_transfer" in s.red_lines, s.id
            assert s.matter.endswith(s.expected.transfer_to), s.id


def test_units_are_the_grid_suggestion_for_matter_and_area(library: Library, grid: Grid
                                                          ) -> None:
    names = {u.name for u in grid.units}
    for s in library.scenarios:
        for u in s.expected.units:
            assert u in names, (s.id, u)
        if s.expected.handling == "转派":
            suggested = [x.unit.name for x in suggest_units(grid, s.matter, s.expected.area)]
            assert s.expected.units[0] in suggested, s.id


def test_accepted_kb_codes_point_at_entries_of_the_scenarios_matter_and_area(
        library: Library) -> None:
    """The demo KB's code scheme (kb_demo docstring): entry i is cell i mod 2548, matter
    k mod 182, area (k // 182 + k) mod 14, code DEMO-{area code}-{initials}-{i+1:05d}.
    Phase 2 adds the check against the generated KB itself."""
    places = tomllib.loads((RESOURCES / "kb/demo/places.toml").read_text("utf-8"))
    area_of_code = {v["code"]: a for a, v in places["area"].items()}
    n_m, n_a = len(MATTERS), len(AREAS)
    for s in library.scenarios:
        if not s.is_emergency:
            assert s.expected.accepted_kb, s.id
        for code in s.expected.accepted_kb:
            prefix, acode, ini, num = code.split("-")
            i = int(num) - 1
            assert prefix == "DEMO" and 0 <= i < 40_000, code
            k = i % (n_m * n_a)
            assert MATTERS[k % n_m].name == s.matter, (s.id, code)
            assert AREAS[(k // n_m + k) % n_a] == area_of_code[acode] == s.expected.area, code
            letters = "".join(p[0] for p in lazy_pinyin(s.matter, style=Style.FIRST_LETTER))
            assert ini == "".join(c for c in letters.upper() if c.isalnum())[:6], code


def test_rubric_and_phrases(library: Library) -> None:
    r = library.rubric
    assert (r.id, r.version) == ("practice", 1)
    assert {i.id for i in r.items()} == set(PRACTICE_ITEMS)
    assert {i.id for i in r.items() if i.fatal} == {"emergency_transfer", "phone_privacy"}
    assert "不归我们管" in library.forbidden and "我也没办法" in library.forbidden
    # no scenario's own model answer uses a forbidden phrase
    for s in library.scenarios:
        assert not [p for p in library.forbidden if p in s.expected.model_answer], s.id
    counts = Counter(s.channel for s in library.scenarios)
    assert counts["电话"] > 0 and sum(counts.values()) - counts["电话"] > 0
