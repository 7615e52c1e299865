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

import operator
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import chain, pairwise
from operator import attrgetter
from typing import NotRequired, TypedDict

import numpy as np

from seat_app.domain.analysis.errors import bad_parameter
from seat_app.domain.analysis.model import Alert, AlertKind, CaseRecord
from seat_app.domain.analysis.stats import neg_log10, poisson_sf

Tokenizer = Callable[[str], Sequence[str]]
_RECEIVED = attrgetter("received_at")
_TEXT = attrgetter("text")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def bigram_tokenize(text: str) -> list[str]:
    """The fallback: Chinese character bigrams of each run of Han characters."""
    out: list[str] = []
    for run in _HAN.findall(text):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
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
            raise bad_parameter(
                "reference_days",
                self.reference_days,
                "不能短于近期窗口",
                "not shorter than the recent window",
            )


class TermCache:
    """The terms (:func:`phrases` of the segmented text) of each distinct text, as ids into
    :attr:`vocab`, kept so a text is segmented once however often it is seen: a process
    that runs the daily pass again (a service, the bench) segments only texts it has not
    met. Bounded: emptied (between two detections) once it holds ``max_texts`` texts."""

    def __init__(
        self,
        tokenize: Tokenizer = bigram_tokenize,
        stopwords: frozenset[str] = frozenset(),
        max_texts: int = 2_000_000,
    ) -> None:
        self.tokenize, self.stopwords, self.max_texts = tokenize, stopwords, max_texts
        self.vocab: list[str] = []
        """term id -> term."""
        self._index = _Interner(self.vocab)
        self._texts: dict[str, tuple[int, ...]] = {}
        self._keep = _KeepToken(stopwords)

    def fits(self, tokenize: Tokenizer, stopwords: frozenset[str]) -> bool:
        return tokenize is self.tokenize and stopwords == self.stopwords

    def __len__(self) -> int:
        return len(self._texts)

    def trim(self) -> None:
        """Empty a full cache (never during a detection: the ids it handed out stay valid)."""
        if len(self._texts) >= self.max_texts:
            self._texts.clear()
            self.vocab.clear()
            self._index.clear()

    def ids(self, text: str) -> tuple[int, ...]:
        got = self._texts.get(text)
        if got is None:
            kept = list(filter(self._keep.__getitem__, self.tokenize(text)))
            out = set(kept)
            out.update(map(operator.add, kept, kept[1:]))
            got = self._texts[text] = tuple(map(self._index.__getitem__, out))
        return got

    def terms(self, text: str) -> tuple[str, ...]:
        return tuple(self.vocab[i] for i in self.ids(text))

    def term_id(self, term: str) -> int:
        return self._index[term]


class _KeepToken(dict[str, bool]):
    """token -> whether :func:`phrases` keeps it (decided once per distinct token)."""

    def __init__(self, stopwords: frozenset[str]) -> None:
        super().__init__()
        self.stopwords = stopwords

    def __missing__(self, token: str) -> bool:
        keep = self[token] = len(token) >= 2 and token not in self.stopwords and not token.isdigit()
        return keep


class _Interner(dict[str, int]):
    """term -> id, a new term getting the next id (and its place in ``vocab``)."""

    def __init__(self, vocab: list[str]) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, term: str) -> int:
        i = self[term] = len(self.vocab)
        self.vocab.append(term)
        return i


def detect_emerging_topics(
    cases: Iterable[CaseRecord],
    start: date,
    end: date,
    *,
    tokenize: Tokenizer = bigram_tokenize,
    stopwords: frozenset[str] = frozenset(),
    params: TopicParams = TopicParams(),
    cache: TermCache | None = None,
) -> list[Alert]:
    """One alert per bursting term; evaluated each day from ``start`` to ``end`` over the
    trailing ``recent_days``; a term that keeps bursting is one growing alert. Terms
    contained in a stronger bursting term of the same day are left out.

    Each distinct text is segmented once (``cache`` keeps the terms across calls); the
    day x term document counts are numpy arrays, so each day's test looks only at the
    terms seen at least ``min_count`` times in the recent window."""
    if cache is None or not cache.fits(tokenize, stopwords):
        cache = TermCache(tokenize, stopwords)
    cache.trim()
    rd, wd = params.recent_days, params.reference_days
    first = start - timedelta(days=rd + wd - 1)  # day index 0: the earliest reference day
    lo, hi = first.toordinal(), end.toordinal()
    cases = list(cases)
    ords = np.fromiter(map(date.toordinal, map(_RECEIVED, cases)), np.int64, len(cases))
    inside = (ords >= lo) & (ords <= hi)
    if not inside.all():
        cases = [cases[i] for i in np.flatnonzero(inside).tolist()]
    if not cases:
        return []
    n_days = hi - lo + 1
    case_day = (ords[inside] - lo).astype(np.int32)
    # distinct texts -> their term ids; each case -> its text
    texts = list(map(_TEXT, cases))
    text_id = {t: i for i, t in enumerate(dict.fromkeys(texts))}
    text_terms = list(map(cache.ids, text_id))
    vocab = cache.vocab
    lens = np.fromiter(map(len, text_terms), np.int64, len(text_terms))
    t_off = np.zeros(len(text_terms) + 1, np.int64)
    np.cumsum(lens, out=t_off[1:])
    t_flat = np.fromiter(chain.from_iterable(text_terms), np.int32, int(t_off[-1]))
    case_tid = np.fromiter(map(text_id.__getitem__, texts), np.int64, len(texts))
    del texts, text_id, text_terms
    per_case = lens[case_tid]
    pair_case = np.repeat(np.arange(len(cases), dtype=np.int32), per_case)
    starts = np.repeat(t_off[case_tid] - (np.cumsum(per_case) - per_case), per_case)
    pair_term = t_flat[starts + np.arange(len(pair_case), dtype=np.int64)]
    del starts, per_case, t_flat, case_tid
    # the (case, term) pairs by term, each term's cases in input order
    by_term = np.argsort(pair_term, kind="stable")
    pair_case, pair_term = pair_case[by_term], pair_term[by_term]
    del by_term
    term_bounds = np.searchsorted(pair_term, np.arange(len(vocab) + 1))

    # day x term counts for the terms that can ever reach min_count, a block of terms at a
    # time: cumulative sums give each day's recent (k) and reference (c0) window counts
    day_n = np.bincount(case_day, minlength=n_days).astype(np.int64)
    cum_n = np.concatenate(([0], np.cumsum(day_n)))
    first_eval = rd + wd - 1
    ev = np.arange(first_eval, n_days)
    n1 = cum_n[ev + 1] - cum_n[ev + 1 - rd]
    n0 = cum_n[ev + 1 - rd] - cum_n[ev + 1 - rd - wd]
    totals = np.diff(term_bounds)
    able = np.flatnonzero(totals >= params.min_count)
    compact = np.full(len(vocab), -1, np.int64)
    compact[able] = np.arange(len(able))
    p_term = compact[pair_term]
    sel = p_term >= 0
    p_term, p_day = p_term[sel], case_day[pair_case[sel]].astype(np.int64)  # still by term
    del sel, compact
    bounds = np.searchsorted(p_term, np.arange(len(able) + 1))
    cand: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    block = max(1, 4_000_000 // n_days)
    ratio = params.min_ratio * (1 - 1e-9)  # a prefilter; the exact test is in Python below
    for b0 in range(0, len(able), block):
        b1 = min(len(able), b0 + block)
        lo_p, hi_p = bounds[b0], bounds[b1]
        width = b1 - b0
        cells = (p_day[lo_p:hi_p] + 1) * width + (p_term[lo_p:hi_p] - b0)
        cum = np.bincount(cells, minlength=(n_days + 1) * width).reshape(n_days + 1, width)
        np.cumsum(cum, axis=0, out=cum)
        k = cum[ev + 1] - cum[ev + 1 - rd]
        c0 = cum[ev + 1 - rd] - cum[ev + 1 - rd - wd]
        exp = n1[:, None] * (c0 + 0.5) / np.maximum(n0, 1)[:, None]
        di, ti = np.nonzero((k >= params.min_count) & (k >= ratio * exp))
        for d, t in zip(di.tolist(), ti.tolist(), strict=True):
            cand[d].append((vocab[able[b0 + t]], int(k[d, t]), int(c0[d, t])))
    del p_term, p_day

    def cases_with(term: str, d_from: int, d_to: int) -> list[CaseRecord]:
        """Cases containing ``term`` on day indexes ``d_from`` .. ``d_to``."""
        i = cache.term_id(term)
        idx = pair_case[term_bounds[i] : term_bounds[i + 1]]
        days = case_day[idx]
        idx = idx[(days >= d_from) & (days <= d_to)]
        idx = idx[np.argsort(case_day[idx], kind="stable")]
        return [cases[j] for j in idx.tolist()]

    open_: dict[str, _OpenTopic] = {}
    done: list[Alert] = []
    for e in range(len(ev)):
        d_idx = first_eval + e
        day = first + timedelta(days=d_idx)
        ne1, ne0 = int(n1[e]), int(n0[e])
        hits: list[tuple[float, str, int, float]] = []
        for term, k_, c0_ in cand.get(e, ()):
            x = ne1 * (c0_ + 0.5) / max(ne0, 1)
            if k_ < params.min_ratio * x:
                continue
            p = poisson_sf(k_, x)
            if p < params.alpha:
                hits.append((neg_log10(p), term, k_, x))
        hits.sort(key=lambda h: (-h[0], h[1]))
        chosen: list[tuple[float, str, int, float]] = []
        for h in hits:
            if any(h[1] in c[1] or c[1] in h[1] for c in chosen):
                continue
            chosen.append(h)
        fired_today = set()
        new_today = 0
        for score, term, k_, x in chosen:
            if term in open_:
                o = open_[term]
                d_from = max(d_idx - rd + 1, o["last"].toordinal() - lo + 1)
            elif new_today < params.max_alerts_per_day:
                new_today += 1
                o = open_[term] = {"raised": day, "cases": {}, "score": 0.0, "obs": 0, "exp": 0.0}
                d_from = d_idx - rd + 1
            else:
                continue
            fired_today.add(term)
            for c in cases_with(term, d_from, d_idx):
                o["cases"][c.number] = c
            o["score"] = max(o["score"], score)
            if k_ > o["obs"]:
                o["obs"], o["exp"] = k_, x
            o["last"] = day
        for term in [
            t for t in open_ if t not in fired_today and (day - open_[t]["last"]).days > 2
        ]:
            done.append(_topic_alert(term, open_.pop(term)))
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
        kind=AlertKind.EMERGING_TOPIC,
        scope=term,
        observed=float(o["obs"]),
        expected=o["exp"],
        first_case_at=cases[0].received_at,
        last_case_at=cases[-1].received_at,
        case_numbers=tuple(c.number for c in cases),
        raised_at=raised,
        key=f"emerging_topic|{term}|{o['raised'].isoformat()}",
        score=o["score"],
        details=(("term", term),),
    )


# -- near-duplicate texts ------------------------------------------------------------------
_PRIME = (1 << 61) - 1


def _shingles(text: str, k: int = 3) -> set[int]:
    t = "".join(_HAN.findall(text)) or text
    if len(t) <= k:
        return {zlib.crc32(t.encode("utf-8"))}
    return {zlib.crc32(t[i : i + k].encode("utf-8")) for i in range(len(t) - k + 1)}


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
            buckets[(b, sig[b * rows : (b + 1) * rows])].append(i)
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
