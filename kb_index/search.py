"""Searching the index: query understanding, Whoosh scoring, area re-ranking, snippets.

Queries are never parsed with a query language: the text is segmented, expanded and turned
into Whoosh query objects directly, so any text (``AND (("``, emoji, 5,000 characters) gives
results or nothing, never an exception.

Evidence, strongest first: the matter name (through the synonym layer: 太吵 -> 噪声), title
and matter words, caller keywords, pinyin and initials (``gjj tq``), near-miss characters
(公基金 -> 公积金) and the long answer text.
"""

from __future__ import annotations

import heapq
import html
import math
import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import TermNotFound

from kb_index import request as request_mod
from kb_index import store
from kb_index import synonyms as synonyms_mod
from kb_index.analysis import RUN_RE, STOPWORDS, normalize, words
from kb_index.errors import IndexCorrupt, IndexUnavailable
from kb_index.pinyin import Vocabulary
from kb_index.schema import MAX_DF_SHARE
from kb_index.validity import SegmentCache, ValidityColumns

FIELD_BOOSTS: dict[str, float] = {"matter_words": 4.0, "title": 3.0, "keywords": 2.5, "body": 1.0}
MATTER_BOOST = 6.0
"""Boost of an exact matter name reached through a synonym."""
PINYIN_FULL_WEIGHT = 0.9
PINYIN_INITIALS_WEIGHT = 0.7
PINYIN_FULL_WORDS = 3
PINYIN_INITIAL_WORDS = 6
"""Pinyin (gongjijin) and initials (gjj) are searched as the index words they spell."""
CODE_BOOST = 50.0
SYNONYM_WEIGHT = 0.9
NEAR_MISS_WEIGHT = 0.8
AREA_FACTOR = 1.6
"""Score factor of an entry of the caller's area."""
CITY_FACTOR = 1.15
"""Score factor of a city-level entry when an area is given (valid for every county)."""
UNPUBLISHED_FACTOR = 0.5
CITY_AREA = "市直"
PUBLISHED = "已发布"
MAX_QUERY_CHARS = 120
CODE_RE = re.compile(r"^[a-z]{1,4}(-[a-z0-9]+){1,5}$")


K1 = 1.2


class _Contrib(dict):
    """weight (term frequency) -> score contribution, computed once per distinct weight."""

    def __init__(self, scale: float) -> None:
        super().__init__()
        self.scale = scale

    def __missing__(self, tf: float) -> float:
        value = self.scale * (K1 + 1) * tf / (tf + K1) if tf > 0 else 0.0
        self[tf] = value
        return value

TEXT_GROUP = "text"
VECTOR_CACHE_SIZE = 4096
"""Term vectors kept warm (a few MB): agents' queries reuse the same words all day."""


def _second(item: tuple[int, float]) -> float:
    return item[1]


def _blocks(reader: Any, field: str, word: str) -> Iterator[tuple[Any, Any, frozenset[int] | set[int]]]:
    """(ids, weights, deleted) per postings block of ``word`` in one segment reader."""
    fieldobj = reader.schema[field]
    try:
        tbytes = fieldobj.to_bytes(word)
        if (field, tbytes) not in reader:
            return
        m = reader._terms.matcher(field, tbytes, fieldobj.format)
    except (KeyError, TermNotFound):
        return
    deleted = reader.deleted_docs_set or frozenset()
    if isinstance(m, W3LeafMatcher):
        while not m._atend:
            m._read_ids()
            m._read_weights()
            yield m._ids, m._weights, deleted
            if m._lastblock:
                break
            m._goto(m._nextoffset)
        return
    ids, weights = [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights, deleted


@dataclass
class Hit:
    id: str
    code: str
    title: str
    domain: str
    subcategory: str
    matter: str
    area: str
    unit: str
    kind: str
    keywords: str
    status: str
    score: float
    snippet: str
    valid_from: str = ""
    valid_to: str = ""
    """Validity bounds (``YYYY-MM-DD``, "" = open): see :mod:`kb_index.validity`."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class QueryPlan:
    """What a query text was understood as (also shown by ``explain``)."""

    weights: dict[str, float]
    """Chinese words (or ASCII words) searched in the text fields, with weights."""
    matters: dict[str, float]
    """Exact matter names reached through synonyms."""
    pinyin: list[str]
    code: str | None
    highlight: list[str]

    @property
    def empty(self) -> bool:
        return not (self.weights or self.matters or self.pinyin or self.code)


class KBSearcher:
    """A warm searcher over the active generation under ``root``.

    Texts longer than ``request.LONG_QUERY_CHARS`` are read as written requests
    (:meth:`request_plan`); ``read_requests = False`` searches them as keyword strings
    (the baseline benchmarks compare against).

    Opening checks the version stamp and the files' checksums, and raises a subclass of
    :class:`IndexUnavailable` (missing / corrupt / outdated) instead of failing later."""

    read_requests = True

    def __init__(self, root: Path | str, synonyms: synonyms_mod.Synonyms | None = None,
                 *, verify: bool = True) -> None:
        self.root = Path(root)
        self.synonyms = synonyms if synonyms is not None else synonyms_mod.watch()
        self._validity_cache: SegmentCache = {}
        self._open(verify)

    # -- opening -------------------------------------------------------------------------
    def _open(self, verify: bool) -> None:
        folder = store.active_generation(self.root)
        self.stamp = store.check_generation(folder, verify_files=verify)
        try:
            self.ix = whoosh_index.open_dir(str(folder))
            self.vocab = Vocabulary.load(folder)
            self.searcher = self.ix.searcher()
            self._columns()
        except IndexUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure to read means damage
            raise IndexCorrupt(f"{folder}: {exc}") from exc
        self.folder = folder
        self._filters: dict[tuple[str, str], frozenset[int]] = {}
        self._vectors: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()

    def _columns(self) -> None:
        reader = self.searcher.reader()
        self._leaves = reader.leaf_readers()
        self._area = reader.column_reader("area")
        self._status = reader.column_reader("status")
        self._matter_col = reader.column_reader("matter")
        self._validity = ValidityColumns(reader, self._validity_cache)

    def refresh(self) -> None:
        """See changes made since opening (an update, or a rebuild that swapped in a new
        generation). Reopens the reader: Whoosh's in-place refresh can keep stale
        deletion sets."""
        folder = store.active_generation(self.root)
        verify = folder != self.folder
        self.close()
        self._open(verify=verify)

    def close(self) -> None:
        try:
            self.searcher.close()
        finally:
            self.ix.close()

    def __enter__(self) -> KBSearcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def doc_count(self) -> int:
        return self.searcher.doc_count()

    # -- understanding -------------------------------------------------------------------
    def _known(self, word: str) -> bool:
        s = self.searcher
        return any(s.doc_frequency(f, word) for f in FIELD_BOOSTS)

    def _df(self, field: str, word: str) -> int:
        return self.searcher.doc_frequency(field, word)

    def request_plan(self, text: str) -> QueryPlan:
        """The plan of a long text read as a written request (see :mod:`kb_index.request`)."""
        found = request_mod.analyse(
            text, self._df, total=self.searcher.doc_count_all(),
            synonyms=self.synonyms.expand,
            is_matter=lambda term: bool(self.searcher.doc_frequency("matter", term)),
        )
        return QueryPlan(dict(found.weights), dict(found.matters), [], None,
                         list(dict.fromkeys([*found.weights, *found.matters])))

    def plan(self, text: str) -> QueryPlan:
        if self.read_requests and request_mod.is_request(text or ""):
            return self.request_plan(text)
        text = normalize(text or "")[:MAX_QUERY_CHARS]
        weights: dict[str, float] = {}
        matters: dict[str, float] = {}
        pinyin: list[str] = []
        highlight: list[str] = []
        code = None
        stripped = text.strip()
        if CODE_RE.match(stripped) and self.searcher.doc_frequency("code", stripped):
            code = stripped

        def add(word: str, weight: float) -> None:
            if word in STOPWORDS or len(word) < 2 and not word.isdigit():
                return
            if weights.get(word, 0.0) < weight:
                weights[word] = weight

        for _phrase, term in self.synonyms.expand(text):
            if self.searcher.doc_frequency("matter", term):
                matters[term] = max(matters.get(term, 0.0), 1.0)
            for w in words(term):
                add(w, SYNONYM_WEIGHT)
            highlight.append(term)
        for run in RUN_RE.findall(text):
            if run[0] < "\u3400":
                if run.isdigit():
                    add(run, 1.0)
                    continue
                if self._known(run):
                    add(run, 1.0)
                for piece in self.vocab.segment_ascii(run):
                    # pinyin and initials stand for the index words spelled so
                    # (gjj -> 公积金), most frequent first
                    spelled = self.vocab.by_full.get(piece)
                    if spelled:
                        candidates, weight = spelled[:PINYIN_FULL_WORDS], PINYIN_FULL_WEIGHT
                    else:
                        candidates = self.vocab.by_initials.get(piece, [])[:PINYIN_INITIAL_WORDS]
                        weight = PINYIN_INITIALS_WEIGHT
                    if candidates:
                        pinyin.append(piece)
                    for w in candidates:
                        add(w, weight)
                        highlight.append(w)
                continue
            for w in words(run):
                add(w, 1.0)
                highlight.append(w)
            known = {w for w in weights}
            for w in self.vocab.near_misses(run, known):
                add(w, NEAR_MISS_WEIGHT)
                highlight.append(w)
        # words the index has never seen cost time and add nothing
        weights = {w: v for w, v in weights.items() if self._known(w)}
        return QueryPlan(weights, matters, list(dict.fromkeys(pinyin)), code,
                         list(dict.fromkeys(h for h in highlight if len(h) > 1)))

    def _query(self, plan: QueryPlan) -> Q.Query:
        parts: list[Q.Query] = []
        for word, weight in plan.weights.items():
            for field, boost in FIELD_BOOSTS.items():
                parts.append(Q.Term(field, word, boost=boost * weight))
        for matter, weight in plan.matters.items():
            parts.append(Q.Term("matter", matter, boost=MATTER_BOOST * weight))
        if plan.code:
            parts.append(Q.Term("code", plan.code, boost=CODE_BOOST))
        return Q.Or(parts)

    def _terms(self, plan: QueryPlan) -> list[tuple[str, str, float]]:
        """(field group, term, weight); the group "text" is the four text fields."""
        terms: list[tuple[str, str, float]] = []
        for word, weight in plan.weights.items():
            terms.append((TEXT_GROUP, word, weight))
        for matter, weight in plan.matters.items():
            terms.append(("matter", matter, MATTER_BOOST * weight))
        if plan.code:
            terms.append(("code", plan.code, CODE_BOOST))
        return terms

    def _vector(self, group: str, word: str) -> dict[int, float]:
        """docnum -> score of one term (summed over the group's fields with their boosts):
        BM25-style idf x saturated term frequency, no length normalization (the short
        fields are all short). Read block by block straight from the Whoosh segment files
        and kept in a bounded cache until the searcher changes: Whoosh's own matcher tree
        costs 15-70 ms per query here, which is too slow for typing."""
        key = (group, word)
        cache = self._vectors
        vec = cache.get(key)
        if vec is not None:
            cache.move_to_end(key)
            return vec
        vec = {}
        get = vec.get
        total = max(1, self.searcher.doc_count_all())
        fields = FIELD_BOOSTS if group == TEXT_GROUP else {group: 1.0}
        for field, boost in fields.items():
            df = self.searcher.doc_frequency(field, word)
            if not df or df > total * MAX_DF_SHARE.get(field, 1.0):
                continue
            idf = math.log(1.0 + (total - df + 0.5) / (df + 0.5))
            contrib = _Contrib(idf * boost)
            for reader, base in self._leaves:
                for ids, weights, deleted in _blocks(reader, field, word):
                    for d, w in zip(ids, weights, strict=False):
                        if d not in deleted:
                            d += base
                            vec[d] = get(d, 0.0) + contrib[w]
        cache[key] = vec
        if len(cache) > VECTOR_CACHE_SIZE:
            cache.popitem(last=False)
        return vec

    def _accumulate(self, plan: QueryPlan) -> dict[int, float]:
        """Scores of every entry that matches any term of ``plan``."""
        acc: dict[int, float] = {}
        for group, word, weight in self._terms(plan):
            vec = self._vector(group, word)
            if not vec:
                continue
            if not acc:
                acc = {d: v * weight for d, v in vec.items()}
                continue
            get = acc.get
            for d, v in vec.items():
                acc[d] = get(d, 0.0) + v * weight
        return acc

    def _filter(self, filters: Mapping[str, str | None]) -> frozenset[int] | None:
        result: frozenset[int] | None = None
        for field, value in filters.items():
            if not value:
                continue
            key = (field, value)
            docs = self._filters.get(key)
            if docs is None:
                docs = frozenset(self.searcher.docs_for_query(Q.Term(field, value)))
                self._filters[key] = docs
            result = docs if result is None else result & docs
        return result

    # -- searching -----------------------------------------------------------------------
    def search(
        self,
        text: str,
        *,
        area: str | None = None,
        limit: int = 10,
        domain: str | None = None,
        only_area: str | None = None,
        unit: str | None = None,
        matter: str | None = None,
        maintainer: bool = False,
        today: date | None = None,
    ) -> list[Hit]:
        """Entries for ``text``, best first. ``area`` boosts the caller's area (and mildly
        the city level); ``domain``, ``only_area``, ``unit``, ``matter`` filter. Entries not
        valid on ``today`` (default: the day of the call) are left out unless ``maintainer``
        (see :mod:`kb_index.validity`)."""
        try:
            hidden = frozenset() if maintainer else self._validity.hidden(today or date.today())
            return self._search(text, area, max(0, int(limit)), domain, only_area, unit, matter,
                                hidden)
        except IndexUnavailable:
            raise
        except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError) as exc:
            # a read failure after opening: damaged files (not a query problem)
            raise IndexCorrupt(str(exc)) from exc

    def _search(self, text: Any, area: str | None, limit: int, domain: str | None,
                only_area: str | None, unit: str | None, matter: str | None,
                hidden: frozenset[int] = frozenset()) -> list[Hit]:
        if limit == 0 or not isinstance(text, str):
            return []
        plan = self.plan(text)
        if plan.empty:
            return []
        filt = self._filter({"domain": domain, "area": only_area, "unit": unit,
                             "matter": matter})
        if filt is not None and not filt:
            return []
        depth = max(limit * 3, 30)
        acc = self._accumulate(plan)
        if filt is not None:
            acc = {d: v for d, v in acc.items() if d in filt}
        if hidden:
            acc = {d: v for d, v in acc.items() if d not in hidden}
        ranked: list[tuple[float, int]] = []
        for docnum, score in heapq.nlargest(depth * 2, acc.items(), key=_second):
            factor = 1.0
            if area:
                doc_area = self._area[docnum]
                if doc_area == area:
                    factor = AREA_FACTOR
                elif doc_area == CITY_AREA:
                    factor = CITY_FACTOR
            if self._status[docnum] not in (PUBLISHED, ""):
                factor *= UNPUBLISHED_FACTOR
            ranked.append((score * factor, docnum))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        hits = []
        for score, docnum in ranked[:limit]:
            fields = self.searcher.stored_fields(docnum)
            hits.append(Hit(
                id=fields.get("id", ""), code=fields.get("code", ""),
                title=fields.get("title", ""), domain=fields.get("domain", ""),
                subcategory=fields.get("subcategory", ""), matter=fields.get("matter", ""),
                area=fields.get("area", ""), unit=fields.get("unit", ""),
                kind=fields.get("kind", ""), keywords=fields.get("keywords", ""),
                status=fields.get("status", ""), score=round(score, 4),
                snippet=snippet(fields.get("answer", ""), plan.highlight),
                valid_from=fields.get("valid_from", ""), valid_to=fields.get("valid_to", ""),
            ))
        return hits


def snippet(text: str, terms: list[str], width: int = 80) -> str:
    """The part of ``text`` with the most distinct query terms, terms in ``<b>...</b>``,
    HTML-escaped; the start of the text when nothing matches."""
    if not text:
        return ""
    terms = sorted({t for t in terms if t and t in text}, key=len, reverse=True)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = text.find(term, end)
    spans.sort()
    lo = 0
    if spans:
        best, best_count = spans[0][0], 0
        for s, _ in spans:
            count = len({text[a:b] for a, b in spans if s <= a and b <= s + width})
            if count > best_count:
                best, best_count = s, count
        lo = max(0, min(best - 10, len(text) - width))
    hi = min(len(text), lo + width)
    out: list[str] = ["…" if lo > 0 else ""]
    pos = lo
    for s, e in spans:
        if s < lo or e > hi:
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<b>" + html.escape(text[s:e]) + "</b>")
        pos = e
    out.append(html.escape(text[pos:hi]))
    if hi < len(text):
        out.append("…")
    return "".join(out)


def open_searcher(root: Path | str, **kwargs: Any) -> KBSearcher:
    return KBSearcher(root, **kwargs)
