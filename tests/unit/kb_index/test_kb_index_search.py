"""Searching: pinyin, synonyms, near-miss, broken syntax, area boost, filters, snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb_index import KBSearcher


@pytest.fixture(scope="module")
def searcher(built_index: Path):
    s = KBSearcher(built_index)
    yield s
    s.close()


def _matters(hits, n=5):
    return [h.matter for h in hits[:n]]


@pytest.mark.parametrize(
    ("query", "matter"),
    [
        ("gjj tq", "公积金提取"),
        ("gongjijin tiqu", "公积金提取"),
        ("gjjtq", "公积金提取"),
        ("sfz", "身份证办理补领"),
        ("公基金提取", "公积金提取"),  # near-miss character
        ("老板没给工资", "拖欠工资"),
        ("暖气不热怎么办", "供暖不热"),
        ("厨房有煤气味", "燃气泄漏"),
        ("楼下广场舞太吵", "社会生活噪声"),
    ],
)
def test_caller_queries_find_the_matter(searcher: KBSearcher, query: str, matter: str):
    hits = searcher.search(query, limit=5)
    assert hits, query
    assert hits[0].matter == matter, (query, _matters(hits))


def test_near_miss_without_the_right_characters(searcher: KBSearcher):
    plan = searcher.plan("公基金")
    assert "公积金" in plan.weights
    assert "公积金" in [h.matter[:3] for h in searcher.search("公基金", limit=3)]


@pytest.mark.parametrize(
    "query",
    ['AND (("', "公积金 OR", "title:(", "*?~^", '"""', "NOT", "", "   ", "\x00\x01", "😀" * 50,
     "公积金" * 500, "-- ; DROP TABLE kb", "[[[{{{", "\\", "gjj AND NOT ((sfz"],
)
def test_any_query_text_never_raises(searcher: KBSearcher, query: str):
    hits = searcher.search(query, limit=5)
    assert isinstance(hits, list)
    assert len(hits) <= 5


def test_non_string_and_zero_limit(searcher: KBSearcher):
    assert searcher.search(None, limit=5) == []  # type: ignore[arg-type]
    assert searcher.search("公积金", limit=0) == []


def test_area_boost_puts_the_callers_area_first(searcher: KBSearcher, kb_entries):
    areas = {e["area"] for e in kb_entries if e["matter"] == "公积金提取"}
    for area in sorted(areas)[:3]:
        hits = searcher.search("公积金提取", area=area, limit=5)
        assert hits[0].area == area
        assert hits[0].matter == "公积金提取"


def test_filters_by_domain_area_unit(searcher: KBSearcher, kb_entries):
    hits = searcher.search("办理", domain="公安", limit=20)
    assert hits and all(h.domain == "公安" for h in hits)
    area = kb_entries[0]["area"]
    hits = searcher.search("办理", only_area=area, limit=20)
    assert hits and all(h.area == area for h in hits)
    unit = kb_entries[5]["unit"]
    hits = searcher.search(kb_entries[5]["matter"], unit=unit, limit=20)
    assert hits and all(h.unit == unit for h in hits)
    assert searcher.search("公积金", domain="没有这个领域") == []


def test_snippet_highlights_query_words(searcher: KBSearcher):
    hits = searcher.search("燃气泄漏", limit=3)
    assert "<b>" in hits[0].snippet
    assert "燃气" in hits[0].snippet


def test_code_lookup(searcher: KBSearcher, kb_entries):
    code = kb_entries[42]["code"]
    hits = searcher.search(code.lower(), limit=3)
    assert hits[0].code == code


def test_result_fields(searcher: KBSearcher):
    hit = searcher.search("停水", limit=1)[0].as_dict()
    for key in ("id", "code", "title", "domain", "subcategory", "matter", "area", "unit",
                "score", "snippet"):
        assert key in hit
    assert isinstance(hit["score"], float) and hit["score"] > 0
