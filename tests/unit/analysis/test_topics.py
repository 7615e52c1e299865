from __future__ import annotations

import random
import sys
from datetime import date, datetime, time, timedelta

import pytest

from seat_app.domain.analysis.model import AlertKind, CaseRecord
from seat_app.domain.analysis.topics import (
    bigram_tokenize,
    detect_emerging_topics,
    jaccard,
    near_duplicate_groups,
    phrases,
)

pytestmark = pytest.mark.analysis
STABLE = ["小区垃圾没人清运", "楼上装修噪音很大", "路灯不亮好几天", "公积金怎么提取", "医保报销进度查询",
          "暖气不热家里很冷", "违章停车堵住路口"]


def _cases(first: date, days: int, per_day: int, seed: int, rising: dict[date, int] | None = None):
    rng = random.Random(seed)
    out = []
    for d in range(days):
        day = first + timedelta(days=d)
        texts = [rng.choice(STABLE) for _ in range(per_day)]
        texts += ["小区电动自行车充电桩不够用"] * (rising or {}).get(day, 0)
        for i, text in enumerate(texts):
            out.append(CaseRecord(f"{day:%Y%m%d}-T-{i:04d}", datetime.combine(day, time(9, i % 60)),
                                  f"1{rng.randrange(10**10)}", "盐湖区", "", "安全生产隐患", text))
    return out


def test_a_rising_phrase_is_one_growing_alert_and_stable_talk_is_not():
    first = date(2025, 3, 1)
    rise_start = date(2025, 4, 14)
    rising = {rise_start + timedelta(days=d): (1 if d < 7 else 2 if d < 14 else 4) for d in range(28)}
    cases = _cases(first, 75, 60, 3, rising)
    alerts = detect_emerging_topics(cases, date(2025, 4, 7), date(2025, 5, 14))
    assert alerts, "the rising phrase must be found"
    assert all(a.kind is AlertKind.EMERGING_TOPIC for a in alerts)
    assert all(a.scope in "小区电动自行车充电桩不够用" for a in alerts)
    assert len({a.scope for a in alerts}) == len(alerts)  # one alert per phrase, growing
    # found within a week of the phrase reaching 20 cases a week (third week: 4 a day)
    reached = rise_start + timedelta(days=14 + 2)
    assert min(a.raised_at for a in alerts) <= datetime.combine(reached + timedelta(days=7), time(0))
    quiet = _cases(first, 75, 60, 3)
    assert detect_emerging_topics(quiet, date(2025, 4, 7), date(2025, 5, 14)) == []


def test_injected_tokenizer_and_stop_words_are_used():
    tokens = ["你好", "电动", "自行车", "充电桩", "一下"]
    assert phrases(tokens, frozenset({"你好", "一下"})) == {
        "电动", "自行车", "充电桩", "电动自行车", "自行车充电桩"}
    assert bigram_tokenize("停水了！") == ["停水", "水了"]


@pytest.mark.parametrize("without_datasketch", [False, True])
def test_near_duplicates_are_grouped_and_different_texts_are_not(monkeypatch, without_datasketch):
    if without_datasketch:  # the pure MinHash fallback
        monkeypatch.setitem(sys.modules, "datasketch", None)
    base = "盐湖区康馨小区3号楼从昨天开始停水了一直没有来水请尽快处理"
    texts = [("a", base), ("b", base.replace("昨天", "前天")), ("c", base + "谢谢"),
             ("d", "我想咨询一下公积金贷款额度怎么计算需要什么材料"),
             ("e", "我想咨询一下公积金贷款额度怎么计算需要哪些材料"),
             ("f", "路灯不亮")]
    groups = near_duplicate_groups(texts, threshold=0.6)
    assert groups == [("a", "b", "c"), ("d", "e")]
    assert jaccard(texts[0][1], texts[5][1]) < 0.1
