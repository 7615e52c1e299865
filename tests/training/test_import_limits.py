"""``training import`` refuses overlong text with row, field and limit (a 2 MB opening line
was accepted), reads a GBK .json like a UTF-8 one and refuses an unreadable encoding with
the line; nothing changes on a refusal (issue 10's rule)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from seat_app.domain.training import ScenarioImportError, scenario_to_dict, scenario_to_row
from seat_app.domain.training.scenario import FLAT_FIELDS
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models_training import TrainingScenario
from seat_app.services.training import library

pytestmark = [pytest.mark.training]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("training-limits") / "central.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    library.ensure_starter(engine, actor="3001")
    engine.dispose()
    return path


@pytest.fixture
def engine(tmp_path, template):
    shutil.copy(template, tmp_path / "central.sqlite3")
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield engine
    engine.dispose()


def _count(engine) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(TrainingScenario)))


def _doc(*scenarios) -> dict:
    return {
        "format": "seat-training-scenarios/1",
        "scenarios": [scenario_to_dict(s) for s in scenarios],
    }


def test_a_2_mb_opening_is_refused_in_json_and_xlsx(engine, tmp_path):
    base = library.scenario(engine, "S003")[0]
    huge = replace(base, id="T-HUGE", opening="喂" * 2_000_000)
    ok = replace(base, id="T-OK", title="正常场景")
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(_doc(ok, huge), ensure_ascii=False), "utf-8")
    before = _count(engine)
    with pytest.raises(ScenarioImportError) as refused:
        library.import_file(engine, path, actor="3001")
    found = [(p.row, p.field) for p in refused.value.problems]
    assert (2, "opening") in found
    p = next(p for p in refused.value.problems if (p.row, p.field) == (2, "opening"))
    assert "4000" in p.en and "2000000" in p.en and "4000" in p.zh
    assert _count(engine) == before

    wb = Workbook()
    ws = wb.active
    ws.append(list(FLAT_FIELDS))
    row = scenario_to_row(replace(base, id="T-HUGE2"))
    row["opening"] = "喂" * 30_000  # xlsx cells hold at most 32,767 characters
    ws.append([row[k] for k in FLAT_FIELDS])
    wb.save(tmp_path / "huge.xlsx")
    with pytest.raises(ScenarioImportError) as refused:
        library.import_file(engine, tmp_path / "huge.xlsx", actor="3001")
    assert [(p.row, p.field) for p in refused.value.problems] == [(2, "opening")]
    assert _count(engine) == before


def test_limits_keep_the_starter_library_and_real_lengths(engine, tmp_path):
    base = library.scenario(engine, "S003")[0]
    long_ok = replace(base, id="T-LONG", opening="喂" * 3999)
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(_doc(long_ok), ensure_ascii=False), "utf-8")
    assert library.import_file(engine, path, actor="3001").added == 1
    library.export_file(engine, tmp_path / "all.json")
    again = library.import_file(engine, tmp_path / "all.json", actor="3001")
    assert again.added == again.new_versions == 0


def test_gbk_json_is_read_and_a_binary_one_refused(engine, tmp_path):
    base = library.scenario(engine, "S003")[0]
    path = tmp_path / "gbk.json"
    path.write_bytes(
        json.dumps(
            _doc(replace(base, id="T-GBK", title="旧系统导出的场景")), ensure_ascii=False
        ).encode("gbk")
    )
    assert library.import_file(engine, path, actor="3001").added == 1
    assert library.scenario(engine, "T-GBK")[0].title == "旧系统导出的场景"
    before = _count(engine)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"scenarios": []}\n' + "臺北".encode("big5") * 10)
    with pytest.raises(ScenarioImportError) as refused:
        library.import_file(engine, bad, actor="3001")
    (p,) = refused.value.problems
    assert p.row == 0 and "line 2" in p.en and "save it as UTF-8" in p.en and "第 2 行" in p.zh
    assert _count(engine) == before
