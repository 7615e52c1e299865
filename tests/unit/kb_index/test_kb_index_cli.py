"""``seat-admin kb build|search`` in-process: the JSON contract, batch mode, recovery."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from seat_app.cli import main
from seat_app.services.config import open_home
from seat_app.services.kb import index as kb_search

KEYS = {"id", "code", "title", "domain", "subcategory", "matter", "area", "unit", "score",
        "snippet"}


@pytest.fixture(autouse=True)
def _fresh_searchers():
    kb_search.close_all()
    yield
    kb_search.close_all()


def test_build_prints_progress_and_summary(kb_home: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["--lang", "en", "kb", "build"]) == 0
    out, err = capsys.readouterr()
    assert "Index built: 400 entries" in out
    assert "[" in err and "400/400" in err  # the progress bar


def test_search_json_contract(kb_home: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["kb", "build"]) == 0
    capsys.readouterr()
    assert main(["kb", "search", "gjj tq", "--area", "盐湖区", "--limit", "3", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert isinstance(hits, list) and 1 <= len(hits) <= 3
    for hit in hits:
        assert set(hit) >= KEYS
        assert isinstance(hit["score"], float)
    assert hits[0]["matter"] == "公积金提取"
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_text_output_and_broken_syntax(kb_home: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["kb", "build"]) == 0
    capsys.readouterr()
    assert main(["kb", "search", "暖气不热"]) == 0
    out = capsys.readouterr().out
    assert "供暖不热" in out and "【" in out
    assert main(["kb", "search", 'AND (("', "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_batch_json_lines_in_order(kb_home: Path, tmp_path: Path, kb_entries,
                                   capsys: pytest.CaptureFixture[str]):
    wage_areas = sorted({e["area"] for e in kb_entries if e["matter"] == "拖欠工资"})
    area = wage_areas[-1]
    batch = tmp_path / "q.txt"
    batch.write_text(f"sfz\n没给工资\t{area}\nAND ((\"\n煤气味\t芮城县\n", "utf-8")
    assert main(["kb", "build"]) == 0
    capsys.readouterr()
    assert main(["kb", "search", "--batch", str(batch), "--limit", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    results = [json.loads(line) for line in lines]
    assert results[0][0]["matter"] == "身份证办理补领"
    assert results[1][0]["matter"] == "拖欠工资" and results[1][0]["area"] == area
    assert isinstance(results[2], list)
    assert results[3][0]["matter"] == "燃气泄漏"
    assert all(len(r) <= 5 for r in results)


def test_search_rebuilds_a_damaged_index(kb_home: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["kb", "build"]) == 0
    kb_search.close_all()
    index_dir = open_home(kb_home).index_dir
    for gen in index_dir.iterdir():
        if gen.is_dir():
            shutil.rmtree(gen)
    capsys.readouterr()
    assert main(["--lang", "en", "kb", "search", "sfz", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "rebuilding" in err
    assert json.loads(out)[0]["matter"] == "身份证办理补领"


def test_incremental_update_from_the_local_store(kb_home: Path):
    from datetime import UTC, datetime

    from seat_app.services.local.store import LocalStore, local_metadata

    home = open_home(kb_home)
    kb_search.build_index(home)
    assert kb_search.search(home, "星际航行") == []
    table = local_metadata.tables["kb_entries"]
    local = LocalStore.open(home)
    with local.engine.begin() as conn:
        first, second = conn.execute(table.select().order_by(table.c.code).limit(2)).all()
        conn.execute(table.update().where(table.c.id == first.id).values(
            title="星际航行补贴", change_seq=1000, changed_at=datetime.now(UTC)))
        conn.execute(table.update().where(table.c.id == second.id).values(
            deleted=True, change_seq=1001, changed_at=datetime.now(UTC)))
    local.close()
    summary = kb_search.update_index(home)
    assert summary["changed"] == 1 and summary["deleted"] == 1 and summary["kb_seq"] == 1001
    assert kb_search.search(home, "星际航行")[0]["id"] == first.id
    assert kb_search.update_index(home)["changed"] == 0  # watermark moved on


def test_bad_arguments(kb_home: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["kb", "search", "x", "--limit", "0"]) == 2
    assert main(["kb", "search"]) == 2
    assert main(["kb", "search", "--batch", str(kb_home / "none.txt")]) == 1
