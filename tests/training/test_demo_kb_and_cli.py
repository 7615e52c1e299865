"""The starter library agrees with the generated demo KB (every accepted code exists, of the
scenario's matter and area), and ``seat-admin training ...`` works as the issue names it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from seat_app.cli import main
from seat_app.demo.kb import generate_entries
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.training.library import starter_library

pytestmark = [pytest.mark.training]


def test_every_accepted_kb_code_exists_in_the_generated_demo_kb():
    lib = starter_library()
    wanted = {c for s in lib.scenarios for c in s.expected.accepted_kb}
    found = {e["code"]: e for e in generate_entries() if e["code"] in wanted}
    missing = sorted(wanted - set(found))
    assert not missing, f"{len(missing)} accepted KB codes are not in the demo KB: {missing[:10]}"
    for s in lib.scenarios:
        for code in s.expected.accepted_kb:
            e = found[code]
            assert e["matter"] == s.matter, (s.id, code, e["matter"])
            assert e["area"] in (s.expected.area, "市直"), (s.id, code, e["area"])


def test_every_unit_is_in_the_demo_grid():
    grid = json.loads(demo_grid_path().read_text("utf-8"))
    names = {u["name"] for u in grid["units"]}
    lib = starter_library()
    assert all(u in names for s in lib.scenarios for u in s.expected.units)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _central_with_part_of_the_library(home: Path, n: int) -> None:
    """The home's central file with the rubric and the first ``n`` starter scenarios (the
    full library's agreement, model 100 and careless below the mark on all 199, is the unit
    tests' job; here the commands run on a part of it, fast)."""
    from sqlalchemy.orm import Session

    from seat_app.services.config import open_home
    from seat_app.services.store.engine import make_engine, upgrade
    from seat_app.services.training import library

    engine = make_engine(open_home(home).central_url)
    try:
        upgrade(engine)
        library.ensure_starter(engine)  # everything, then keep the first n as current
        keep = [s.id for s in starter_library().scenarios[:n]]
        with Session(engine) as db, db.begin():
            from seat_app.services.store.models_training import TrainingScenario

            db.query(TrainingScenario).filter(TrainingScenario.scenario_id.not_in(keep)).delete()
    finally:
        engine.dispose()


def test_training_commands(seat_home: Path, tmp_path: Path, capsys):
    _central_with_part_of_the_library(seat_home, 30)
    code, out, _ = _run(capsys, "training", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 30
    assert {"id", "domain", "matter", "skill", "difficulty", "channel"} <= set(rows[0])
    code, out, _ = _run(capsys, "training", "list")
    assert code == 0 and out.splitlines()[0].split("\t")[0] == rows[0]["id"]

    code, out, err = _run(capsys, "training", "demo", "--json")
    assert code == 0
    last = json.loads(out.splitlines()[-1])
    per = [json.loads(line) for line in out.splitlines()[:-1]]
    assert set(last) == {"scenarios", "pass_mark", "model_mean", "model_min", "careless_mean",
                         "careless_max", "red_line_caught", "red_line_total"}
    assert last["scenarios"] == len(per) == len(rows)
    assert last["model_min"] == 100 and last["careless_max"] < last["pass_mark"]
    assert last["red_line_caught"] == last["red_line_total"] > 0
    assert all(p["careless_failed"] for p in per)
    session_id = err.strip().splitlines()[-1].split("：")[-1]

    xlsx = tmp_path / "results.xlsx"
    code, out, _ = _run(capsys, "training", "results", "--session", session_id, "--json",
                        "--xlsx", str(xlsx))
    res = json.loads(out)
    assert code == 0 and len(res["results"]) == 2 * len(rows)
    assert {t["work_no"]: t["ready"] for t in res["trainees"]} == {"1001": True, "1002": False}
    assert load_workbook(xlsx)["成绩"].max_row == 2 * len(rows) + 1
    code, _, err = _run(capsys, "training", "results", "--session", "no-such-session")
    assert code == 1 and "不存在" in err

    exported = tmp_path / "library.json"
    assert _run(capsys, "training", "export", str(exported))[0] == 0
    doc = json.loads(exported.read_text("utf-8"))
    doc["scenarios"][0]["skill"] = "juggling"
    doc["scenarios"][2]["persona"]["area"] = "火星区"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    code, _, err = _run(capsys, "--lang", "en", "training", "import", str(bad))
    assert code == 2
    assert "row 1 [skill]" in err and "row 3 [area]" in err and "nothing was imported" in err
    code, out, _ = _run(capsys, "training", "import", str(exported))
    assert code == 0 and "30 个未变" in out

    assert _run(capsys, "training", "from-cases", "--since", "2026-13-01", "--limit", "5")[0] == 2
    code, _, err = _run(capsys, "training", "from-cases", "--since", "2026-01-01", "--limit", "5")
    assert code == 0 and "新增 0 个场景" in err
