"""Issue 10, row 8: kb_index/CURRENT holding non-UTF-8 bytes (or nothing, or a name of a
generation that is not there) is index damage: detected and rebuilt like any other, so KB
search never dies until someone runs ``kb build``. No Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import kb_index
from kb_index import store
from seat_app.services.config import open_home
from seat_app.services.kb import index as kb_search
from seat_app.services.local.store import LocalStore, local_metadata

pytestmark = pytest.mark.integrity

DAMAGE = {
    "non-utf8": b"\xff\xfe\x80gen-\xc3\x28\x00",
    "empty": b"",
    "missing-generation": b"gen-20990101-000000-1-1",
    "garbage": b"hello world",
    "latin1-name": "gen-ñ".encode("latin-1"),
    "nul": b"gen-\x00abc",
}


def _entry(i: int) -> dict:
    return {"id": f"id-{i}", "code": f"KB-{i:04d}", "kind": "办事指南",
            "title": f"公积金提取办理指南{i}", "domain": "住房", "subcategory": "公积金",
            "matter": "公积金", "area": "市直", "unit": "市住房公积金中心",
            "answer": "携带身份证到政务大厅办理。", "procedure": "", "materials": "",
            "place": "", "hours": "", "fees": "", "time_limit": "", "phone": "",
            "keywords": "公积金", "valid_from": None, "valid_to": None, "status": "已发布",
            "version": 1}


@pytest.fixture
def home(tmp_path: Path):
    h = open_home(tmp_path)
    local = LocalStore.open(h)
    now = datetime.now(UTC)
    with local.engine.begin() as conn:
        conn.execute(local_metadata.tables["kb_entries"].insert(), [
            {**_entry(i), "revision": 1, "change_seq": i + 1, "changed_by": "t",
             "changed_at": now, "deleted": False} for i in range(20)])
    local.close()
    kb_search.build_index(h)
    kb_search.close_all()
    yield h
    kb_search.close_all()


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_pointer_is_index_damage(home, damage):
    (home.index_dir / store.CURRENT).write_bytes(DAMAGE[damage])
    with pytest.raises(kb_index.IndexCorrupt):
        store.active_generation(home.index_dir)
    with pytest.raises(kb_index.IndexUnavailable):
        kb_index.KBSearcher(home.index_dir)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_search_rebuilds_after_pointer_damage(home, damage):
    (home.index_dir / store.CURRENT).write_bytes(DAMAGE[damage])
    hits = kb_search.search(home, "公积金", limit=5)
    assert hits and "公积金" in hits[0]["title"]
    folder = store.active_generation(home.index_dir)  # a sound pointer again
    assert folder.is_dir()
    assert kb_search.update_index(home)["rebuilt"] is False


def test_incremental_update_rebuilds_after_pointer_damage(home):
    (home.index_dir / store.CURRENT).write_bytes(DAMAGE["non-utf8"])
    assert kb_search.update_index(home)["rebuilt"] is True
    store.active_generation(home.index_dir)


def test_cli_search_with_a_non_utf8_pointer_rebuilds_without_a_traceback(home):
    (home.index_dir / store.CURRENT).write_bytes(DAMAGE["non-utf8"])
    env = {**os.environ, "SEAT_HOME": str(home.root)}
    done = subprocess.run([sys.executable, "-m", "seat_app.cli", "kb", "search", "公积金"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 0, done.stderr
    assert "重建" in done.stderr and "公积金" in done.stdout


def test_index_folder_is_private(home):
    assert home.index_dir.stat().st_mode & 0o077 == 0
    assert store.active_generation(home.index_dir).stat().st_mode & 0o077 == 0
