"""Units import from a grid file into the central ``units`` table (validate first, nothing
changes on error), the grid read back for dispatch suggestions, and ``seat-admin grid``."""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import select, text

from seat_app.cli import main
from seat_app.domain.grid import suggest_units
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid, load_grid
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models_dispatch import UNITS


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def _units(engine) -> dict[str, dict]:
    with engine.connect() as conn:
        return {r["code"]: dict(r) for r in conn.execute(select(UNITS)).mappings()}


def _demo() -> dict:
    return json.loads(demo_grid_path().read_text("utf-8"))


def test_grid_import_demo_into_units_table(engine):
    outcome = import_grid(engine, demo_grid_path())
    assert outcome.ok and outcome.inserted == outcome.units == len(_demo()["units"])
    units = _units(engine)
    by_id = {u["id"]: u for u in units.values()}
    cg = units["YHQ-CG"]
    assert (cg["name"], cg["area"], cg["unit_type"]) == ("盐湖区城市管理局", "盐湖区", "城管")
    assert by_id[cg["parent_id"]]["code"] == "YHQ-ZF"
    assert cg["level"] == units["YHQ-ZF"]["level"] + 1
    assert units["YHQ-XZ03"]["township"] == "解州镇"
    with engine.connect() as conn:
        seq = conn.execute(text("SELECT value FROM change_counter")).scalar_one()
    assert {u["change_seq"] for u in units.values()} == {seq}
    # the grid read back suggests the same units as the file's grid
    with engine.connect() as conn:
        grid = load_grid(conn)
    assert [s.unit.code for s in suggest_units(grid, "路灯不亮", "盐湖区")] == ["YHQ-CG"]
    township = suggest_units(grid, "宅基地审批", "盐湖区", "解州镇")
    assert "YHQ-XZ03" in [s.unit.code for s in township]


def test_grid_reimport_updates_and_deactivates_missing(engine, tmp_path):
    import_grid(engine, demo_grid_path())
    again = import_grid(engine, demo_grid_path())
    assert (again.inserted, again.updated, again.deactivated) == (0, 0, 0)
    data = _demo()
    data["units"] = [u for u in data["units"] if u["code"] != "YHQ-CL"]
    for u in data["units"]:
        if u["code"] == "YHQ-CG":
            u["name"] = "盐湖区城市管理和综合执法局"
    path = tmp_path / "grid.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    outcome = import_grid(engine, path)
    assert (outcome.inserted, outcome.updated, outcome.deactivated) == (0, 1, 1)
    units = _units(engine)
    assert units["YHQ-CG"]["name"] == "盐湖区城市管理和综合执法局" and units["YHQ-CG"]["revision"] == 2
    assert units["YHQ-CL"]["active"] is False  # kept (old cases name it), inactive
    with engine.connect() as conn:
        assert "YHQ-CL" not in {u.code for u in load_grid(conn).units}


def test_grid_import_bad_file_changes_nothing(engine, tmp_path):
    import_grid(engine, demo_grid_path())
    before = _units(engine)
    path = tmp_path / "grid.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "area", "unit_type", "parent", "township"])
        w.writerow(["YC-ZF", "运城市人民政府", "市直", "政府", "", ""])
        w.writerow(["YC-NEW", "运城市新单位", "市直", "城管", "NO-PARENT", ""])
        w.writerow(["YC-BAD", "坏单位", "火星区", "城管", "YC-ZF", ""])
    outcome = import_grid(engine, path)
    assert not outcome.ok
    messages = [e.message("zh") for e in outcome.errors]
    assert any("第 4 行" in m and "火星区" in m for m in messages)
    assert _units(engine) == before


def test_grid_cli_import_show_and_refusal(seat_home, tmp_path, capsys):
    assert main(["grid", "import", "demo"]) == 0
    out = capsys.readouterr().out
    assert f"新增 {len(_demo()['units'])}" in out
    assert main(["grid", "show", "YHQ-CG"]) == 0
    assert "盐湖区城市管理局" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,area,unit_type\nX1,测试单位,火星区,城管\n", "utf-8")
    assert main(["--lang", "en", "grid", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "row 2" in err and "nothing was changed" in err
    assert main(["grid", "suggest", "路灯不亮", "盐湖区"]) == 0
    assert "YHQ-CG" in capsys.readouterr().out
    assert main(["dispatch", "supervise-sweep", "--date", "2025-10-15"]) == 0
    assert "0 件" in capsys.readouterr().out
