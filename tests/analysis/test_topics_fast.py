"""Emerging topics, the fast way (issue 17's daily pass <= 60 s): the numpy day x term
counts find exactly what the plain per-day counters found, and each distinct text is
segmented once (a kept :class:`TermCache` segments only texts it has not met)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

import pytest

from seat_app.domain.analysis.model import Alert, CaseRecord
from seat_app.domain.analysis.stats import neg_log10, poisson_sf
from seat_app.domain.analysis.topics import (
    TermCache,
    TopicParams,
    _topic_alert,
    bigram_tokenize,
    detect_emerging_topics,
    phrases,
)

pytestmark = pytest.mark.analysis

BACKGROUND = [
    "小区垃圾没人清运",
    "楼上装修噪音很大",
    "路灯不亮好几天了",
    "公积金怎么提取",
    "医保报销进度查询",
    "暖气不热家里很冷",
    "违章停车堵住路口",
    "广场舞声音太吵",
]
RISING = [
    "电动自行车充电桩不够用",
    "快递驿站乱收费",
    "共享单车堆满人行道",
    "网约车平台多收钱",
    "外卖骑手逆行很危险",
    "直播带货买到假货",
]


def reference_topics(cases, start, end, tokenize, stopwords, params) -> list[Alert]:
    """The plain algorithm the fast one replaces: per-day Counters rolled one day at a time
    and every case of the recent days scanned for each chosen term."""
    by_day: dict[date, list[tuple[CaseRecord, set[str]]]] = defaultdict(list)
    for c in cases:
        by_day[c.received_at.date()].append((c, phrases(tokenize(c.text), stopwords)))
    rd, wd = params.recent_days, params.reference_days
    day_df = {d: Counter(t for _, ts in rows for t in ts) for d, rows in by_day.items()}
    day_n = {d: len(rows) for d, rows in by_day.items()}
    c1: Counter[str] = Counter()
    c0: Counter[str] = Counter()
    n1 = n0 = 0
    for i in range(rd):
        c1.update(day_df.get(start - timedelta(days=i), {}))
        n1 += day_n.get(start - timedelta(days=i), 0)
    for i in range(wd):
        c0.update(day_df.get(start - timedelta(days=rd + i), {}))
        n0 += day_n.get(start - timedelta(days=rd + i), 0)
    open_: dict = {}
    done: list[Alert] = []
    day = start
    while day <= end:
        if day > start:
            enter, move, leave = day, day - timedelta(days=rd), day - timedelta(days=rd + wd)
            c1.update(day_df.get(enter, {}))
            c1.subtract(day_df.get(move, {}))
            c0.update(day_df.get(move, {}))
            c0.subtract(day_df.get(leave, {}))
            n1 += day_n.get(enter, 0) - day_n.get(move, 0)
            n0 += day_n.get(move, 0) - day_n.get(leave, 0)
        recent = [day - timedelta(days=i) for i in range(rd)]
        hits = []
        for term, k in c1.items():
            if k < params.min_count:
                continue
            exp = n1 * (c0.get(term, 0) + 0.5) / max(n0, 1)
            if k < params.min_ratio * exp:
                continue
            p = poisson_sf(k, exp)
            if p < params.alpha:
                hits.append((neg_log10(p), term, k, exp))
        hits.sort(key=lambda h: (-h[0], h[1]))
        chosen: list = []
        for h in hits:
            if not any(h[1] in c[1] or c[1] in h[1] for c in chosen):
                chosen.append(h)
        fired, new_today = set(), 0
        for score, term, k, exp in chosen:
            if term in open_:
                o = open_[term]
                days = [d for d in recent if d > o["last"]]
            elif new_today < params.max_alerts_per_day:
                new_today += 1
                o = open_[term] = {"raised": day, "cases": {}, "score": 0.0, "obs": 0, "exp": 0.0}
                days = sorted(recent)
            else:
                continue
            fired.add(term)
            for c in [c for d in sorted(days) for c, ts in by_day.get(d, []) if term in ts]:
                o["cases"][c.number] = c
            o["score"] = max(o["score"], score)
            if k > o["obs"]:
                o["obs"], o["exp"] = k, exp
            o["last"] = day
        for term in [t for t in open_ if t not in fired and (day - open_[t]["last"]).days > 2]:
            done.append(_topic_alert(term, open_.pop(term)))
        day += timedelta(days=1)
    done.extend(_topic_alert(t, o) for t, o in open_.items())
    done.sort(key=lambda a: (a.raised_at, a.key))
    return done


def _year(seed: int, days: int = 120, per_day: int = 40):
    """Background talk, several phrases rising and fading at random, a day with no case,
    cases out of time order and repeated texts."""
    rng = random.Random(seed)
    first = date(2025, 1, 1)
    out = []
    bursts = [
        (rng.choice(RISING), rng.randrange(30, days - 10), rng.randrange(5, 30)) for _ in range(5)
    ]
    for d in range(days):
        day = first + timedelta(days=d)
        if d == 50:
            continue
        texts = [
            rng.choice(BACKGROUND) + rng.choice(("", "，请尽快处理", "，谢谢"))
            for _ in range(rng.randrange(per_day // 2, per_day))
        ]
        for phrase, s, length in bursts:
            if s <= d < s + length:
                texts += [phrase + rng.choice(("", "，麻烦管管"))] * rng.randrange(1, 6)
        for i, text in enumerate(texts):
            out.append(
                CaseRecord(
                    f"{day:%Y%m%d}-{i:04d}",
                    datetime.combine(day, time(8 + i % 12, i % 60)),
                    "",
                    "盐湖区",
                    "",
                    "其他",
                    text,
                )
            )
    rng.shuffle(out)
    return out, first


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "params",
    [
        TopicParams(),
        TopicParams(min_count=5, max_alerts_per_day=1),
        TopicParams(recent_days=3, reference_days=10, min_ratio=2.0, alpha=1e-3),
    ],
)
def test_the_fast_detector_finds_exactly_what_the_plain_one_finds(seed, params):
    cases, first = _year(seed)
    start, end = first + timedelta(days=40), first + timedelta(days=115)
    stop = frozenset({"请尽快", "谢谢", "麻烦"})
    want = reference_topics(cases, start, end, bigram_tokenize, stop, params)
    got = detect_emerging_topics(
        cases, start, end, tokenize=bigram_tokenize, stopwords=stop, params=params
    )
    assert want, "the rising phrases must be found (else the comparison proves nothing)"
    assert got == want


def test_nothing_in_the_window_is_no_alert():
    cases, first = _year(4, days=60)
    assert (
        detect_emerging_topics(cases, first + timedelta(days=200), first + timedelta(days=210))
        == []
    )
    assert detect_emerging_topics([], first, first + timedelta(days=5)) == []


def test_a_kept_cache_segments_each_distinct_text_once():
    seen: list[str] = []

    def tokenize(text: str) -> list[str]:
        seen.append(text)
        return bigram_tokenize(text)

    cases, first = _year(5, days=80)
    cache = TermCache(tokenize, frozenset())
    start, end = first + timedelta(days=40), first + timedelta(days=70)
    first_run = detect_emerging_topics(cases, start, end, tokenize=tokenize, cache=cache)
    distinct = {c.text for c in cases if first + timedelta(days=6) <= c.received_at.date() <= end}
    assert len(seen) == len(set(seen)) == len(distinct)
    seen.clear()
    again = detect_emerging_topics(cases, start, end, tokenize=tokenize, cache=cache)
    assert seen == [] and again == first_run  # nothing segmented twice
    later = end + timedelta(days=5)
    detect_emerging_topics(cases, start, later, tokenize=tokenize, cache=cache)
    assert set(seen) == {c.text for c in cases if end < c.received_at.date() <= later} - distinct
    # a cache kept for other stop words is not used (its terms would be wrong)
    seen.clear()
    other = detect_emerging_topics(
        cases, start, end, tokenize=tokenize, stopwords=frozenset({"充电"}), cache=cache
    )
    assert len(seen) == len(distinct)
    assert all("充电" not in a.scope for a in other)
    assert set(cache.terms("电动自行车")) == phrases(bigram_tokenize("电动自行车"), frozenset())
