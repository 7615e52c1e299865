"""Search-log anonymisation: numbers that may identify a person never reach the log."""

from __future__ import annotations

import random
import re

import pytest

from seat_app.domain import kb_upkeep as ku

from .conftest import NOW

pytestmark = pytest.mark.kb_upkeep


@pytest.mark.parametrize(("raw", "clean"), [
    ("13812345678停水", "[电话]停水"),
    ("来电人 138 1234 5678 反映", "来电人 [电话] 反映"),
    ("+86-139-1234-5678", "[电话]"),
    ("０３５９－２３４５６７８ 噪声", "[电话] 噪声"),
    ("(0359)2345678", "[电话]"),
    ("400-123-4567 客服", "[电话] 客服"),
    ("身份证142702199001011234办理", "身份证[证件号]办理"),
    ("142702 19900101 123x", "[证件号]"),
    ("老身份证142702900101123", "老身份证[证件号]"),
    ("工单 2025050100123 进度", "工单 [数字] 进度"),
    ("公积金 提取", "公积金 提取"),
    ("101路公交 2025年 5月1日", "101路公交 2025年 5月1日"),
    ("  GJJ   TiQu ", "gjj tiqu"),
])
def test_scrub(raw, clean):
    assert ku.scrub_query(raw) == clean


def test_no_six_digit_run_survives_random_text():
    rng = random.Random(12345)
    alphabet = "0123456789０１２３ -停水公积金"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        scrubbed = ku.scrub_query(text)
        assert not re.search(r"\d(?:[\s-]?\d){5,}", scrubbed), (text, scrubbed)


def test_record_keeps_no_personal_data():
    rec = ku.record("查询13812345678的工单", NOW, [f"KB-{i}" for i in range(15)], opened="KB-2",
                    ms_to_answer=4200, matter="停水",
                    filters={"area": "盐湖区", "caller": "张三", "domain": None})
    assert rec.query == "查询[电话]的工单"
    assert rec.result_count == 15 and len(rec.result_codes) == 10
    assert dict(rec.filters) == {"area": "盐湖区"}
    assert rec.answered and rec.ms_to_answer == 4200
    unanswered = ku.record("x", NOW, [], ms_to_answer=10)
    assert unanswered.ms_to_answer is None and not unanswered.answered
    with pytest.raises(ValueError):
        ku.record("x", NOW, ["KB-1"], opened="KB-1", ms_to_answer=-1)
