"""Loading scenarios: every bad row reported (row, field, reason), nothing loaded from a
file with errors; JSON and flat (spreadsheet) rows round-trip."""

from __future__ import annotations

import copy
import json

import pytest

from seat_app.domain.training import (
    FLAT_FIELDS,
    Library,
    ScenarioImportError,
    load_scenarios,
    parse_scenarios_json,
    row_to_dict,
    scenario_to_dict,
    scenario_to_row,
    scenarios_json,
)

pytestmark = pytest.mark.training


def good(library: Library) -> dict:
    return scenario_to_dict(next(s for s in library.scenarios if s.expected.handling == "转派"))


def test_every_bad_row_is_reported_and_nothing_loads(library: Library) -> None:
    ok = good(library)
    bad_matter = copy.deepcopy(ok) | {"id": "X2", "matter": "不存在的事项"}
    bad_two = copy.deepcopy(ok) | {"id": "X3", "difficulty": 4, "channel": "传真"}
    bad_unit = copy.deepcopy(ok) | {"id": "X4"}
    bad_unit["expected"]["units"] = ["火星管理局"]
    dup = copy.deepcopy(ok)
    rows = [ok, bad_matter, bad_two, bad_unit, dup]
    with pytest.raises(ScenarioImportError) as e:
        load_scenarios(rows, first_row=2,
                       units={u for s in library.scenarios for u in s.expected.units})
    got = {(p.row, p.field) for p in e.value.problems}
    assert got == {(3, "matter"), (4, "difficulty"), (4, "channel"), (5, "units"), (6, "id")}
    assert all(p.zh and p.en for p in e.value.problems)
    assert "5 处错误" in e.value.zh and "nothing was imported" in e.value.en


def test_kb_check_and_existing_ids(library: Library) -> None:
    ok = good(library)
    with pytest.raises(ScenarioImportError) as e:
        load_scenarios([ok], kb_exists=lambda code: False)
    assert {p.field for p in e.value.problems} == {"accepted_kb"}
    with pytest.raises(ScenarioImportError) as e:
        load_scenarios([ok], existing_ids={ok["id"]})
    assert e.value.problems[0].field == "id"
    assert load_scenarios([ok], kb_exists=lambda code: code.startswith("DEMO-"))[0].id == ok["id"]


@pytest.mark.parametrize("change, fld", [
    ({"handling": "转接", "transfer_to": ""}, "transfer_to"),
    ({"handling": "直接办理", "transfer_to": "110"}, "transfer_to"),
    ({"handling": "转派", "units": []}, "units"),
    ({"accepted_kb": []}, "accepted_kb"),
])
def test_expected_rules(library: Library, change: dict, fld: str) -> None:
    ok = good(library)
    ok["expected"] |= change
    with pytest.raises(ScenarioImportError) as e:
        load_scenarios([ok])
    assert fld in {p.field for p in e.value.problems}


def test_upset_needs_calm_steps_and_emergency_its_red_line(library: Library) -> None:
    ok = good(library)
    ok["persona"]["mood"] = "upset"
    ok["calm_steps"] = []
    with pytest.raises(ScenarioImportError) as e:
        load_scenarios([ok])
    assert [p.field for p in e.value.problems] == ["calm_steps"]
    em = scenario_to_dict(next(s for s in library.scenarios if s.is_emergency))
    em["red_lines"] = ["phone_privacy"]
    with pytest.raises(ScenarioImportError) as e:
        load_scenarios([em])
    assert [p.field for p in e.value.problems] == ["red_lines"]


def test_json_and_flat_rows_round_trip(library: Library) -> None:
    again = parse_scenarios_json(scenarios_json(library.scenarios))
    assert tuple(again) == library.scenarios
    for s in library.scenarios[:40]:
        row = scenario_to_row(s)
        assert tuple(row) == FLAT_FIELDS
        assert load_scenarios([row_to_dict(row)])[0] == s


def test_flat_facts_as_lines(library: Library) -> None:
    row = scenario_to_row(library.scenarios[0])
    row["facts"] = "address: 在盐湖区红旗东街8号\nnoise_src: 楼下烧烤店 | 烧烤,店名"
    s = load_scenarios([row_to_dict(row)])[0]
    assert [(f.id, f.keywords) for f in s.facts] == [("address", ()), ("noise_src", ("烧烤", "店名"))]
    row["facts"] = "weird: 没有关键词的非标准事实"
    with pytest.raises(ScenarioImportError) as e:
        load_scenarios([row_to_dict(row)], first_row=7)
    assert (e.value.problems[0].row, e.value.problems[0].field) == (7, "facts")


def test_broken_json_is_one_clear_problem() -> None:
    with pytest.raises(ScenarioImportError) as e:
        parse_scenarios_json('{"scenarios": [')
    assert e.value.problems[0].field == "*"
    with pytest.raises(ScenarioImportError):
        parse_scenarios_json(json.dumps({"scenarios": "no"}))
