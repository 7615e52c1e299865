"""The demo knowledge base generator: determinism, coverage, variety, speed."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import date

import pytest

from seat_app.demo import kb as kb_demo
from seat_app.domain.taxonomy import AREAS, MATTERS, matter_by_name
from seat_app.services.store.models import KB_FIELDS, KBEntry

KINDS = {"办事指南", "政策解答", "单位职责", "常见问题", "热点通知"}


@pytest.fixture(scope="module")
def full() -> tuple[list[dict], float]:
    started = time.process_time()  # CPU time of this process: other jobs do not count
    entries = list(kb_demo.generate_entries(40_000))
    return entries, time.process_time() - started


def test_same_seed_same_entries_ids_included():
    a = list(kb_demo.generate_entries(600, seed=7))
    b = list(kb_demo.generate_entries(600, seed=7))
    assert a == b
    c = list(kb_demo.generate_entries(600, seed=8))
    assert [e["id"] for e in a] != [e["id"] for e in c]
    assert [e["answer"] for e in a] != [e["answer"] for e in c]


def test_prefix_is_stable():
    """A smaller count yields a prefix of the larger run (demo init --entries N)."""
    small = list(kb_demo.generate_entries(300))
    large = list(kb_demo.generate_entries(900))
    assert small == large[:300]


def test_entry_shape_fits_the_model():
    columns = KBEntry.__table__.c
    for entry in kb_demo.generate_entries(3_000):
        assert set(entry) == {"id", *KB_FIELDS}
        assert entry["code"].startswith(kb_demo.DEMO_CODE_PREFIX)
        assert isinstance(entry["version"], int) and entry["version"] >= 1
        assert entry["keywords"] and "、" in entry["keywords"]
        for name in ("valid_from", "valid_to"):
            assert entry[name] is None or isinstance(entry[name], date)
        for name in KB_FIELDS:
            length = getattr(columns[name].type, "length", None)
            if length:
                assert len(str(entry[name])) <= length, (name, entry[name])
        m = matter_by_name(entry["matter"])
        assert (entry["domain"], entry["subcategory"]) == (m.domain, m.subcategory)
        assert entry["title"] and entry["answer"] and entry["unit"]


def test_first_cells_cover_every_matter_and_area():
    entries = list(kb_demo.generate_entries(len(MATTERS) * len(AREAS)))
    assert {(e["matter"], e["area"]) for e in entries} == {
        (m.name, a) for m in MATTERS for a in AREAS
    }


def test_full_run_coverage_variety_and_speed(full):
    entries, seconds = full
    assert len(entries) == 40_000
    assert {e["matter"] for e in entries} == {m.name for m in MATTERS}
    assert {e["area"] for e in entries} == set(AREAS)
    kinds = Counter(e["kind"] for e in entries)
    assert set(kinds) == KINDS
    assert min(kinds.values()) > 2_000
    # every matter has every kind
    per_matter = {(e["matter"], e["kind"]) for e in entries}
    assert len(per_matter) == len(MATTERS) * len(KINDS)
    assert len({e["id"] for e in entries}) == 40_000
    assert len({e["code"] for e in entries}) == 40_000

    n = len(entries)
    title_ratio = len({e["title"] for e in entries}) / n
    answer_ratio = len({e["answer"] for e in entries}) / n
    keyword_ratio = len({e["keywords"] for e in entries}) / n
    print(f"distinct titles {title_ratio:.4f}, answers {answer_ratio:.4f}, "
          f"keywords {keyword_ratio:.4f}, generated in {seconds:.2f} s")
    assert title_ratio > 0.9
    assert answer_ratio > 0.8
    assert keyword_ratio > 0.8
    # not one template: titles of one kind start in many different ways
    openings = Counter(re.sub(r"^(关于|【热点】|在)", "", e["title"])[:4] for e in entries)
    assert len(openings) > 1_000
    # the same matter reads differently between areas
    gjj = [e for e in entries if e["matter"] == "公积金提取" and e["kind"] == "办事指南"]
    assert len({e["answer"] for e in gjj}) == len(gjj)
    assert seconds < 30  # CPU seconds: a few; independent of other jobs on the machine


def test_hot_notices_have_validity_dates(full):
    entries, _ = full
    notices = [e for e in entries if e["kind"] == "热点通知"]
    assert notices
    for e in notices:
        assert e["valid_from"] and e["valid_to"] and e["valid_from"] < e["valid_to"]


def test_caller_language_keywords_and_units(full):
    entries, _ = full
    by_matter: dict[str, set[str]] = {}
    for e in entries:
        by_matter.setdefault(e["matter"], set()).update(e["keywords"].split("、"))
    assert "楼下烧烤太吵" in by_matter["社会生活噪声"]
    assert "工资不给" in by_matter["拖欠工资"]
    assert "暖气不热" in by_matter["供暖不热"]
    assert "煤气味" in by_matter["燃气泄漏"]
    assert "公积金取出来" in by_matter["公积金提取"]
    assert "gjj提取" in by_matter["公积金提取"]
    units = {(e["matter"], e["area"], e["unit"]) for e in entries}
    assert ("公积金提取", "盐湖区", "运城市住房公积金管理中心盐湖区管理部") in units
    assert ("停水", "市直", "运城市供水有限公司") in units
    assert ("物业服务质量", "盐湖区", "盐湖区住房和城乡建设局") in units
    phones = {e["phone"] for e in entries}
    demo_phones = {p for p in phones if re.fullmatch(r"0359-2\d{6}", p)}
    assert phones - demo_phones <= {"110", "119", "120", "12348", "12388"}


def test_unit_names():
    assert kb_demo.unit_name("住建", "盐湖区") == "盐湖区住房和城乡建设局"
    assert kb_demo.unit_name("住建", "市直") == "运城市住房和城乡建设局"
    assert kb_demo.unit_name("供水企业", "市直") == "运城市供水有限公司"
    assert kb_demo.unit_name("公积金中心", "永济市") == "运城市住房公积金管理中心永济市管理部"
    assert kb_demo.unit_name("交警", "河津市") == "运城市公安局交通警察支队河津大队"
