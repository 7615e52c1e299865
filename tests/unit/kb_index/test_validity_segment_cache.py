"""Reopening after an incremental update reads the validity columns of the new segments
only (publishing one entry must not cost a scan of 40,000 dates), and the hidden set stays
right: a published change of bounds takes effect, untouched entries keep theirs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kb_index import KBSearcher, build, update
from kb_index import validity as validity_mod

pytestmark = pytest.mark.kb_upkeep

MATTER = "物业服务质量"


def test_only_new_segments_are_read_and_bounds_stay_right(tmp_path: Path, kb_entries, monkeypatch):
    entries = [dict(e) for e in kb_entries]
    mine = [e for e in entries if e["matter"] == MATTER][:2]
    mine[0]["valid_to"] = date(2025, 5, 10)  # expired on the query day below
    root = tmp_path / "idx"
    build(root, entries, procs=1)
    day = date(2025, 6, 1)
    with KBSearcher(root) as s:
        ids = {h.id for h in s.search(MATTER, limit=50, today=day)}
        assert mine[0]["id"] not in ids and mine[1]["id"] in ids
        reads: list[int] = []
        real = validity_mod._segment_bounds
        monkeypatch.setattr(validity_mod, "_segment_bounds",
                            lambda leaf: reads.append(leaf.doc_count_all()) or real(leaf))
        changed = {**mine[1], "valid_to": date(2025, 5, 20)}  # now it ends before the day
        update(root, [changed])
        s.refresh()
        assert reads and max(reads) <= 1  # the one-document segment, not the big ones
        ids = {h.id for h in s.search(MATTER, limit=50, today=day)}
        assert mine[0]["id"] not in ids and mine[1]["id"] not in ids
        assert {mine[0]["id"], mine[1]["id"]} <= {
            h.id for h in s.search(MATTER, limit=50, today=day, maintainer=True)}
