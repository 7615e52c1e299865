"""The synonym table follows its file: a line added while a searcher runs is used by the
next search (a missed query turned into a synonym is found at once)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kb_index import KBSearcher
from kb_index import synonyms as syn

pytestmark = pytest.mark.kb_upkeep

MISSED = "龙头干巴巴"
"""A caller's phrase whose characters are in no entry of the test KB."""


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_added_synonym_is_found_at_once(tmp_path: Path, built_index: Path, kb_entries):
    table = tmp_path / "synonyms.tsv"
    _write(table, "# test table\n太吵\t噪声\n")
    matter = kb_entries[0]["matter"]
    with KBSearcher(built_index, synonyms=syn.watch(table)) as s:
        assert s.search(MISSED) == []
        syn.append(table, MISSED, matter)
        hits = s.search(MISSED, limit=5)
        assert hits and hits[0].matter == matter  # the exact matter through the synonym
        assert s.synonyms.table[MISSED] == [matter]


def test_bad_or_missing_file_keeps_the_last_good_table(tmp_path: Path):
    table = tmp_path / "synonyms.tsv"
    _write(table, "太吵\t噪声\n")
    watched = syn.watch(table)
    assert watched.expand("楼上太吵") == [("太吵", "噪声")]
    _write(table, "太吵\t噪声\n没有制表符的一行也很长\n")
    assert watched.expand("楼上太吵") == [("太吵", "噪声")]
    assert isinstance(watched.error, syn.SynonymFileError)
    _write(table, "太吵\t噪声\n没给工资\t拖欠工资\n")
    assert watched.expand("老板没给工资") == [("没给工资", "拖欠工资")]
    assert watched.error is None
    os.remove(table)
    assert watched.expand("老板没给工资") == [("没给工资", "拖欠工资")]
    assert watched.error is not None


def test_unchanged_file_is_not_read_again(tmp_path: Path, monkeypatch):
    table = tmp_path / "synonyms.tsv"
    _write(table, "太吵\t噪声\n")
    watched = syn.watch(table)
    reads = []
    monkeypatch.setattr(syn, "load", lambda path=None: reads.append(path))
    for _ in range(5):
        watched.expand("太吵")
    assert reads == []
    assert watched.check() is False


@pytest.mark.parametrize(("phrase", "term"), [("", "噪声"), ("太吵", " "), ("太\t吵", "噪声"),
                                               ("太吵", "噪\n声")])
def test_append_refuses_what_cannot_be_a_line(tmp_path: Path, phrase: str, term: str):
    table = tmp_path / "synonyms.tsv"
    _write(table, "太吵\t噪声")
    with pytest.raises(syn.SynonymFileError):
        syn.append(table, phrase, term)
    assert table.read_text(encoding="utf-8") == "太吵\t噪声"
    syn.append(table, "吵死了", "噪声")
    assert syn.load(table).table["吵死了"] == ["噪声"]
    assert syn.load(table).table["太吵"] == ["噪声"]
