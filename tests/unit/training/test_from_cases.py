"""Closed cases become scenarios with the caller's personal data replaced."""

from __future__ import annotations

import json

import pytest

from seat_app.domain.training import (
    CaseNotUsable,
    Library,
    model_attempt,
    scenario_from_case,
    scenario_to_dict,
    score_attempt,
)

pytestmark = pytest.mark.training

CASE = {
    "case_number": "20261103-S07-0042", "status": "已办结", "channel": "电话",
    "caller_name": "郭德明", "caller_phone": "13512345678", "caller_area": "盐湖区",
    "caller_address": "红旗东街118号3单元502室", "matter": "装修噪声",
    "description": "郭先生反映红旗东街118号3单元502室楼上天天早上七点装修，电话135-1234-5678。",
    "handling": "转派", "handling_unit": "盐湖区生态环境分局",
    "reply_text": "郭德明您好，已转交承办单位，5个工作日内答复。", "kb_code": "DEMO-YH-ZXZS-00001",
}


def test_personal_data_is_replaced_everywhere() -> None:
    s = scenario_from_case(CASE, seed=1)
    text = json.dumps(scenario_to_dict(s), ensure_ascii=False)
    for secret in ("郭德明", "郭先生", "13512345678", "135-1234-5678", "118号", "502室"):
        assert secret not in text, secret
    assert s.persona.name != "郭德明" and s.persona.phone.startswith("1390000")
    assert s.expected.address != CASE["caller_address"]
    assert s.expected.address.startswith("红旗东街") and "单元" in s.expected.address
    assert s.expected.address in s.opening  # the story is kept, with the new address
    assert s.persona.name[0] + "先生" in s.opening
    assert (s.matter, s.expected.handling, s.expected.units) == ("装修噪声", "转派",
                                                                 ("盐湖区生态环境分局",))
    assert s.expected.accepted_kb == ("DEMO-YH-ZXZS-00001",) and s.source == "from-cases"


def test_deterministic_per_seed() -> None:
    assert scenario_from_case(CASE, seed=1) == scenario_from_case(CASE, seed=1)
    a, b = scenario_from_case(CASE, seed=1), scenario_from_case(CASE, seed=2)
    assert (a.persona, a.expected.address) != (b.persona, b.expected.address)


def test_the_converted_scenario_is_playable(library: Library) -> None:
    s = scenario_from_case(CASE, seed=3)
    ev = score_attempt(s, model_attempt(s), library.rubric, library.forbidden)
    assert ev.score == 100, ev.failed_items()


@pytest.mark.parametrize("change, needle", [
    ({"status": "已转派"}, "未办结"),
    ({"matter": "外星人"}, "matter"),
    ({"handling": "直接办理", "kb_code": ""}, "accepted_kb"),
])
def test_unusable_cases_say_why(change: dict, needle: str) -> None:
    with pytest.raises(CaseNotUsable) as e:
        scenario_from_case(CASE | change)
    assert needle in e.value.zh and e.value.en


def test_unit_check_when_given() -> None:
    with pytest.raises(CaseNotUsable) as e:
        scenario_from_case(CASE, units={"别的单位"})
    assert "units" in e.value.zh
