"""Emerging topics (words and phrases whose share of cases rises week on week) and
near-duplicate text groups.

Tokenising is injected (``tokenize: str -> list[str]``; services pass rjieba with the
hotline stop-word list), so the domain does not depend on a segmenter; the fallback is
Chinese character bigrams. The burst test is Kleinberg-equivalent for two states: a term
is bursting when its count in the last 7 days is improbably high under its share of the
28 days before (Poisson upper tail), with a minimum count and share ratio.
Near-duplicates: MinHash over character 3-grams with banded LSH (datasketch when
installed, a pure fallback otherwise), grouped with union-find.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import NotRequired, TypedDict

from seat_app.domain.analysis.errors import bad_parameter
from seat_app.domain.analysis.model import Alert, AlertKind, CaseRecord
from seat_app.domain.analysis.stats import neg_log10, poisson_sf

Tokenizer = Callable[[str], Sequence[str]]
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def bigram_tokenize(text: str) -> list[str]:
    """The fallback: Chinese character bigrams of each run of Han characters."""
    out: list[str] = []
    for run in _HAN.findall(text):
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


def phrases(tokens: Sequence[str], stopwords: frozenset[str], max_n: int = 2) -> set[str]:
    """Terms of a text: single tokens and adjacent pairs (joined), stop words and
    one-character tokens left out."""
    kept = [t for t in tokens if len(t) >= 2 and t not in stopwords and not t.isdigit()]
    out = set(kept)
    if max_n >= 2:
        out.update(a + b for a, b in pairwise(kept))
    return out


@dataclass(frozen=True, slots=True)
class TopicParams:
    recent_days: int = 7
    reference_days: int = 28
    alpha: float = 1e-6
    min_count: int = 12
    min_ratio: float = 3.0
    max_alerts_per_day: int = 5

    def __post_init__(self) -> None:
        if self.recent_days < 1 or self.reference_days < self.recent_days:
            raise bad_parameter("reference_days", self.reference_days,
                                "不能短于近期窗口", "not shorter than the recent window")


def detect_emerging_topics(
    cases: Iterable[CaseRecord],
    start: date,
    end: date,
    *,
    tokenize: Tokenizer = bigram_tokenize,
    stopwords: frozenset[str] = frozenset(),
    params: TopicParams = TopicParams(),
) -> list[Alert]:
    """One alert per bursting term; evaluated each day from ``start`` to ``end`` over the
    trailing ``recent_days``; a term that keeps bursting is one growing alert. Terms
    contained in a stronger bursting term of the same day are left out."""
    by_day: dict[date, list[tuple[CaseRecord, set[str]]]] = defaultdict(list)
    memo: dict[str, set[str]] = {}  # hotline texts repeat: tokenise each distinct text once
    for c in cases:
        terms = memo.get(c.text)
        if terms is None:
            terms = memo[c.text] = phrases(tokenize(c.text), stopwords)
        by_day[c.received_at.date()].append((c, terms))
    rd, wd = params.recent_days, params.reference_days
    day_df: dict[date, Counter[str]] = {d: Counter(t for _, ts in rows for t in ts)
                                        for d, rows in by_day.items()}
    day_n = {d: len(rows) for d, rows in by_day.items()}
    open_: dict[str, _OpenTopic] = {}
    done: list[Alert] = []
    c1: Counter[str] = Counter()
    c0: Counter[str] = Counter()
    n1 = n0 = 0
    for i in range(rd):
        d = start - timedelta(days=i)
        c1.update(day_df.get(d, {}))
        n1 += day_n.get(d, 0)
    for i in range(wd):
        d = start - timedelta(days=rd + i)
        c0.update(day_df.get(d, {}))
        n0 += day_n.get(d, 0)
    day = start
    while day <= end:
        if day > start:  # roll both windows one day forward
            enter, move, leave = day, day - timedelta(days=rd), day - timedelta(days=rd + wd)
            c1.update(day_df.get(enter, {}))
            c1.subtract(day_df.get(move, {}))
            c0.update(day_df.get(move, {}))
            c0.subtract(day_df.get(leave, {}))
            n1 += day_n.get(enter, 0) - day_n.get(move, 0)
            n0 += day_n.get(move, 0) - day_n.get(leave, 0)
        recent = [day - timedelta(days=i) for i in range(rd)]
        hits: list[tuple[float, str, int, float]] = []
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
        chosen: list[tuple[float, str, int, float]] = []
        for h in hits:
            if any(h[1] in c[1] or c[1] in h[1] for c in chosen):
                continue
            chosen.append(h)
        fired_today = set()
        new_today = 0
        for score, term, k, exp in chosen:
            if term in open_:
                o = open_[term]
                days = [d for d in recent if d > o["last"]]  # earlier days are collected
            elif new_today < params.max_alerts_per_day:
                new_today += 1
                o = open_[term] = {"raised": day, "cases": {}, "score": 0.0, "obs": 0, "exp": 0.0}
                days = sorted(recent)
            else:
                continue
            numbers = [c for d in sorted(days) for c, ts in by_day.get(d, []) if term in ts]
            fired_today.add(term)
            for c in numbers:
                o["cases"][c.number] = c
            o["score"] = max(o["score"], score)
            if k > o["obs"]:
                o["obs"], o["exp"] = k, exp
            o["last"] = day
        for term in [t for t in open_ if t not in fired_today and (day - open_[t]["last"]).days > 2]:
            done.append(_topic_alert(term, open_.pop(term)))
        day += timedelta(days=1)
    done.extend(_topic_alert(t, o) for t, o in open_.items())
    done.sort(key=lambda a: (a.raised_at, a.key))
    return done


class _OpenTopic(TypedDict):
    """A phrase alert still collecting cases."""

    raised: date
    cases: dict[str, CaseRecord]
    score: float
    obs: int
    exp: float
    last: NotRequired[date]


def _topic_alert(term: str, o: _OpenTopic) -> Alert:
    cases = sorted(o["cases"].values(), key=lambda c: (c.received_at, c.number))
    raised = datetime.combine(o["raised"] + timedelta(days=1), time(0, 0))
    return Alert(
        kind=AlertKind.EMERGING_TOPIC, scope=term, observed=float(o["obs"]), expected=o["exp"],
        first_case_at=cases[0].received_at, last_case_at=cases[-1].received_at,
        case_numbers=tuple(c.number for c in cases), raised_at=raised,
        key=f"emerging_topic|{term}|{o['raised'].isoformat()}", score=o["score"],
        details=(("term", term),),
    )


# -- near-duplicate texts ------------------------------------------------------------------
_PRIME = (1 << 61) - 1


def _shingles(text: str, k: int = 3) -> set[int]:
    t = "".join(_HAN.findall(text)) or text
    if len(t) <= k:
        return {zlib.crc32(t.encode("utf-8"))}
    return {zlib.crc32(t[i:i + k].encode("utf-8")) for i in range(len(t) - k + 1)}


def minhash_signature(text: str, num_perm: int = 32, seed: int = 1) -> tuple[int, ...]:
    """A pure MinHash signature over character 3-grams (deterministic)."""
    import random

    rng = random.Random(seed)
    coeffs = [(rng.randrange(1, _PRIME), rng.randrange(0, _PRIME)) for _ in range(num_perm)]
    sh = _shingles(text)
    return tuple(min((a * x + b) % _PRIME for x in sh) for a, b in coeffs)


def jaccard(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


def near_duplicate_groups(
    texts: Sequence[tuple[str, str]], threshold: float = 0.6, num_perm: int = 32, bands: int = 8
) -> list[tuple[str, ...]]:
    """Groups (of ids) of texts whose 3-gram Jaccard similarity is at least ``threshold``:
    LSH proposes pairs, the exact Jaccard confirms them. ``texts``: (id, text) pairs.
    Only groups of two or more; each sorted, and the list sorted."""
    rows = num_perm // bands
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    sigs = _signatures([t for _, t in texts], num_perm)
    for i, sig in enumerate(sigs):
        for b in range(bands):
            buckets[(b, sig[b * rows:(b + 1) * rows])].append(i)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for j in members[1:]:
            i = members[0]
            pair = (i, j)
            if pair in checked or find(i) == find(j):
                continue
            checked.add(pair)
            if jaccard(texts[i][1], texts[j][1]) >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, (ident, _) in enumerate(texts):
        groups[find(i)].append(ident)
    return sorted(tuple(sorted(g)) for g in groups.values() if len(g) > 1)


def _signatures(texts: Sequence[str], num_perm: int) -> list[tuple[int, ...]]:
    try:
        from datasketch import MinHash  # optional: the seat[analysis] extra
    except ImportError:
        import random

        rng = random.Random(1)
        coeffs = [(rng.randrange(1, _PRIME), rng.randrange(0, _PRIME)) for _ in range(num_perm)]
        out = []
        for t in texts:
            sh = _shingles(t)
            out.append(tuple(min((a * x + b) % _PRIME for x in sh) for a, b in coeffs))
        return out
    sigs = []
    for t in texts:
        m = MinHash(num_perm=num_perm, seed=1)
        for x in _shingles(t):
            m.update(x.to_bytes(4, "little"))
        sigs.append(tuple(int(v) for v in m.hashvalues))
    return sigs
