"""The grid (网格): the demo grid file, dispatch suggestions from matter and area, and the
admin import of grid files (CSV and JSON) with per-row errors."""

from __future__ import annotations

import csv
import json

import pytest

from seat_app.domain.grid import GOVERNMENT, TOWNSHIP, Grid, Unit, suggest_units
from seat_app.domain.taxonomy import AREAS, CITY_AREA, MATTERS
from seat_app.services.dispatch.grid_import import (
    COLUMNS,
    demo_grid_path,
    load_demo_grid,
    parse_grid_file,
)


@pytest.fixture(scope="module")
def grid() -> Grid:
    return load_demo_grid()


def test_grid_demo_file_covers_all_areas_and_types(grid):
    assert grid.validate() == []
    data = json.loads(demo_grid_path().read_text(encoding="utf-8"))
    assert "DEMO" in data["note"]
    for area in AREAS:
        assert len(grid.units_in_area(area, GOVERNMENT)) == 1
    for area in AREAS[1:]:
        assert len(grid.townships[area]) >= 3
        assert {u.township for u in grid.units_in_area(area, TOWNSHIP)} == set(grid.townships[area])


def test_grid_trees_city_county_township_and_office_department_subunit(grid):
    town = next(u for u in grid.units_in_area("盐湖区", TOWNSHIP) if u.township == "解州镇")
    assert [u.unit_type for u in grid.path(town.code)] == [GOVERNMENT, TOWNSHIP]
    assert grid.path(town.code)[0].area == "盐湖区"
    city_gov = grid.units_in_area(CITY_AREA, GOVERNMENT)[0]
    departments = grid.children(city_gov.code)
    cg = next(u for u in departments if u.unit_type == "城管")
    subs = grid.children(cg.code)
    assert subs and all(s.unit_type == "城管" for s in subs)
    assert [u.code for u in grid.path(subs[0].code)] == [city_gov.code, cg.code, subs[0].code]


def test_grid_every_dispatchable_matter_gets_a_suggestion_in_every_area(grid):
    for matter in MATTERS:
        for area in AREAS:
            found = suggest_units(grid, matter.name, area)
            if not matter.unit_types:
                assert found == []
                continue
            assert found, (matter.name, area)
            first = found[0].unit
            assert first.unit_type == matter.unit_types[0]
            assert first.area in (area, CITY_AREA)
            assert [s.rank for s in found] == list(range(1, len(found) + 1))


def test_grid_suggestion_prefers_the_area_then_the_city(grid):
    local = suggest_units(grid, "餐饮油烟", "永济市")
    assert [(s.unit.area, s.unit.unit_type) for s in local] == [("永济市", "生态环境"), ("永济市", "城管")]
    assert "永济市" in local[0].reason
    # no county housing-fund office in the demo grid: the city centre handles it
    fund = suggest_units(grid, "公积金提取", "河津市")
    assert fund[0].unit.area == CITY_AREA and "市级" in fund[0].reason
    # sub-units are never suggested over their department
    assert all(grid.get(s.unit.parent).unit_type == GOVERNMENT for s in suggest_units(grid, "道路破损", CITY_AREA))


def test_grid_suggestion_township_when_known(grid):
    exact = suggest_units(grid, "宅基地审批", "盐湖区", township="解州镇")
    assert exact[0].unit.unit_type == "农业农村"
    towns = [s.unit for s in exact if s.unit.unit_type == TOWNSHIP]
    assert [u.township for u in towns] == ["解州镇"]
    unknown = suggest_units(grid, "宅基地审批", "盐湖区")
    assert {s.unit.township for s in unknown if s.unit.unit_type == TOWNSHIP} == set(grid.townships["盐湖区"])
    assert suggest_units(grid, "不存在的事项", "盐湖区") == []


def test_grid_validate_finds_structural_problems():
    units = (
        Unit("G", "某政府", "盐湖区", GOVERNMENT),
        Unit("A", "甲", "盐湖区", "城管", parent="B"),
        Unit("B", "乙", "盐湖区", "城管", parent="A"),
        Unit("C", "丙", "盐湖区", "城管", parent="NOPE"),
        Unit("T", "某镇", "盐湖区", TOWNSHIP, parent="G", township="火星镇"),
    )
    problems = Grid(units, {"盐湖区": ("解州镇",)}).validate()
    text = " ".join(p.en for p in problems)
    assert "loops" in text and "NOPE" in text and "火星镇" in text
    assert "永济市 has no government" in text


def _write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _demo_rows():
    data = json.loads(demo_grid_path().read_text(encoding="utf-8"))
    return [{k: u.get(k, "") for k in COLUMNS} for u in data["units"]]


def test_grid_import_csv_roundtrip(tmp_path, grid):
    path = tmp_path / "grid.csv"
    _write_csv(path, _demo_rows())
    result = parse_grid_file(path)
    assert result.ok, [e.message("en") for e in result.errors[:3]]
    assert len(result.grid.units) == len(grid.units)
    assert result.grid.townships["盐湖区"] == grid.townships["盐湖区"]
    assert suggest_units(result.grid, "路灯不亮", "夏县")[0].unit.name == "夏县城市管理局"


def test_grid_import_csv_per_row_errors(tmp_path):
    rows = _demo_rows()
    rows[3]["area"] = "火星区"  # file line 5 (header is line 1)
    rows[5]["unit_type"] = "外星"  # line 7
    rows[8]["name"] = ""  # line 10
    rows[10]["code"] = rows[9]["code"]  # line 12 repeats line 11
    path = tmp_path / "bad.csv"
    _write_csv(path, rows)
    result = parse_grid_file(path)
    assert not result.ok and result.grid is None
    got = {(e.row, e.field) for e in result.errors}
    assert got == {(5, "area"), (7, "unit_type"), (10, "name"), (12, "code")}
    msg = next(e for e in result.errors if e.row == 5).message("zh")
    assert msg.startswith("第 5 行") and "火星区" in msg
    assert "row 12" in next(e for e in result.errors if e.row == 12).message("en")


def test_grid_import_structure_errors_point_at_rows(tmp_path):
    rows = _demo_rows()
    rows[4]["parent"] = "NO-SUCH"  # line 6
    path = tmp_path / "orphan.csv"
    _write_csv(path, rows)
    result = parse_grid_file(path)
    assert [(e.row, "NO-SUCH" in e.zh) for e in result.errors] == [(6, True)]


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("g.json", "{not json", "JSON"),
        ("g.json", json.dumps({"format": "other/2", "units": []}), "other/2"),
        ("g.json", json.dumps({"units": "x"}), "units"),
        ("g.json", json.dumps({"units": []}), "no units"),
        ("g.csv", "code,name\nA,B\n", "area"),
        ("g.xlsx", "", ".xlsx"),
    ],
)
def test_grid_import_bad_files(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = parse_grid_file(path)
    assert not result.ok
    assert any(fragment in e.en for e in result.errors), [e.en for e in result.errors]


def test_grid_import_json_township_not_listed(tmp_path):
    data = json.loads(demo_grid_path().read_text(encoding="utf-8"))
    data["townships"]["盐湖区"] = ["北城街道"]
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = parse_grid_file(path)
    assert not result.ok
    assert {e.row for e in result.errors} and all("盐湖区" in e.zh for e in result.errors)
