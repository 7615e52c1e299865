"""Build, incremental update, atomic swap and recovery from damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb_index import (
    IndexCorrupt,
    IndexMissing,
    IndexOutdated,
    KBSearcher,
    build,
    open_or_rebuild,
    store,
    update,
)


@pytest.fixture
def root(tmp_path: Path, kb_entries) -> Path:
    path = tmp_path / "kb_index"
    build(path, kb_entries[:200], procs=1)
    return path


def _segment_file(folder: Path) -> Path:
    files = [p for p in folder.iterdir() if p.suffix == ".seg"]
    assert files, list(folder.iterdir())
    return max(files, key=lambda p: p.stat().st_size)


def test_build_counts_and_stamps(root: Path):
    folder = store.active_generation(root)
    stamp = json.loads((folder / store.STAMP).read_text("utf-8"))
    assert stamp["docs"] == 200
    assert stamp["files"]
    with KBSearcher(root) as s:
        assert s.doc_count == 200


def test_rebuild_swaps_generation_and_removes_the_old(root: Path, kb_entries):
    old = store.active_generation(root)
    build(root, kb_entries[:50], procs=1)
    new = store.active_generation(root)
    assert new != old and not old.exists()
    with KBSearcher(root) as s:
        assert s.doc_count == 50


def test_failed_build_leaves_the_active_index(root: Path, kb_entries):
    before = store.active_generation(root)

    def broken():
        yield from kb_entries[:10]
        raise RuntimeError("source died")

    with pytest.raises(RuntimeError):
        build(root, broken(), procs=1)
    assert store.active_generation(root) == before
    assert [p for p in root.iterdir() if p.name.startswith(store.GEN_PREFIX)] == [before]
    with KBSearcher(root) as s:
        assert s.doc_count == 200


def test_two_writer_processes(tmp_path: Path, kb_entries):
    result = build(tmp_path / "mp", kb_entries, procs=2)
    assert result.procs == 2
    with KBSearcher(tmp_path / "mp") as s:
        assert s.doc_count == len(kb_entries)
        assert s.search("gjj tq", limit=1)[0].matter == "公积金提取"


def test_incremental_update_changes_and_deletes(root: Path, kb_entries):
    s = KBSearcher(root)
    target = kb_entries[3]
    gone = kb_entries[4]
    assert s.search(gone["code"], limit=1)[0].id == gone["id"]
    edited = {**target, "title": "星际航行补贴咨询", "version": 2}
    new = {**kb_entries[250], "id": "brand-new", "code": "KB-T-NEW01", "title": "月球车停车位"}
    summary = update(root, [edited, new], [gone["id"]])
    assert summary == {"changed": 2, "deleted": 1, "docs": 200}
    s.refresh()
    assert s.search("星际航行", limit=1)[0].id == target["id"]
    assert s.search("月球车", limit=1)[0].id == "brand-new"
    assert all(h.id != gone["id"] for h in s.search(gone["title"], limit=50))
    # the vocabulary learned the new words: pinyin of a new title word finds it
    assert s.search("xingji", limit=1)[0].id == target["id"]
    s.close()
    with KBSearcher(root) as again:  # the manifest still verifies after the update
        assert again.doc_count == 200


def test_missing_index(tmp_path: Path):
    with pytest.raises(IndexMissing):
        KBSearcher(tmp_path / "nothing")


def test_flipped_bytes_are_detected(root: Path):
    seg = _segment_file(store.active_generation(root))
    data = bytearray(seg.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 16] = bytes(b ^ 0xFF for b in data[mid : mid + 16])
    seg.write_bytes(bytes(data))
    with pytest.raises(IndexCorrupt):
        KBSearcher(root)


def test_deleted_file_is_detected(root: Path):
    _segment_file(store.active_generation(root)).unlink()
    with pytest.raises(IndexCorrupt):
        KBSearcher(root)


def test_changed_version_stamp_is_outdated(root: Path):
    stamp_path = store.active_generation(root) / store.STAMP
    stamp = json.loads(stamp_path.read_text("utf-8"))
    stamp["analyzer_version"] = -1
    stamp_path.write_text(json.dumps(stamp), "utf-8")
    with pytest.raises(IndexOutdated):
        KBSearcher(root)
    stamp["analyzer_version"] = store.ANALYZER_VERSION
    stamp["schema_version"] = 0
    stamp_path.write_text(json.dumps(stamp), "utf-8")
    with pytest.raises(IndexOutdated):
        KBSearcher(root)


def test_garbage_pointer_and_stamp_are_corrupt(root: Path):
    folder = store.active_generation(root)
    (folder / store.STAMP).write_text("{not json", "utf-8")
    with pytest.raises(IndexCorrupt):
        KBSearcher(root)
    (root / store.CURRENT).write_text("../../etc", "utf-8")
    with pytest.raises(IndexCorrupt):
        KBSearcher(root)


@pytest.mark.parametrize("damage", ["flip", "delete", "stamp", "missing"])
def test_open_or_rebuild_recovers(tmp_path: Path, kb_entries, damage: str):
    root = tmp_path / "idx"
    entries = kb_entries[:120]
    if damage != "missing":
        build(root, entries, procs=1)
        folder = store.active_generation(root)
        seg = _segment_file(folder)
        if damage == "flip":
            raw = bytearray(seg.read_bytes())
            # flip the bits (zeroing could leave bytes that were already zero unchanged)
            raw[100:120] = bytes(b ^ 0xFF for b in raw[100:120])
            seg.write_bytes(bytes(raw))
        elif damage == "delete":
            seg.unlink()
        else:
            stamp = json.loads((folder / store.STAMP).read_text("utf-8"))
            stamp["schema_version"] = 999
            (folder / store.STAMP).write_text(json.dumps(stamp), "utf-8")
    reasons = []
    s = open_or_rebuild(root, lambda: iter(entries), on_rebuild=lambda e: reasons.append(e))
    assert len(reasons) == 1
    assert s.doc_count == 120
    assert s.search(entries[0]["matter"], limit=1)[0].matter == entries[0]["matter"]
    s.close()
