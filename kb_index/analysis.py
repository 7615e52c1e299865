"""Chinese word analysis: rjieba search-mode segmentation, jieba as the fallback.

The same function segments documents at index time and queries at search time, so both
sides agree on words. Search mode (``cut_for_search``) emits a long word and its shorter
words (公积金 -> 公积, 积金, 公积金), which gives recall without n-gram bloat.

Single Chinese characters and common function words are dropped: they match thousands of
entries and say little. Caller phrases made of single characters (太吵, 没水) are bridged by
the synonym layer instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer

try:  # the fast Rust segmenter
    import rjieba as _seg

    SEGMENTER = "rjieba"
except ImportError:  # pragma: no cover - exercised only where rjieba has no wheel
    import jieba as _seg  # type: ignore[no-redef]

    _seg.setLogLevel(60)
    SEGMENTER = "jieba"

ANALYZER_VERSION = 3
"""Bump whenever tokens change (segmentation rules, stopwords, pinyin tokens): an index
built with another analyzer version is outdated and gets rebuilt."""

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN_RE = re.compile(f"[{CJK}]+|[a-z0-9]+")
CJK_RE = re.compile(f"[{CJK}]")

STOPWORDS = frozenset(
    """
    我们 你们 他们 她们 自己 什么 怎么 怎样 怎么办 如何 为什么 为啥 咋办 咋样 哪里 哪儿 那个 这个 这样
    那样 一个 一下 一些 可以 能否 能不能 是不是 有没有 还是 或者 以及 因为 所以 但是 然后 就是 已经
    没有 不是 还有 需要 应该 请问 你好 您好 谢谢 麻烦 一直 现在 时候 问题 情况 反映 咨询 投诉 举报
    了解 知道 想问 请问 这里 那里 这边 那边 我家 我想 我要 的话 之后 之前 以后 以前 进行 相关 有关
    """.split()
)
"""Function words and the hotline's filler verbs (咨询, 反映, 投诉 appear in every call)."""


def normalize(text: str) -> str:
    """NFKC (full-width to half-width) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=65536)
def _cut_run(run: str) -> tuple[str, ...]:
    return tuple(_seg.cut_for_search(run))


@lru_cache(maxsize=65536)
def _cut_run_plain(run: str) -> tuple[str, ...]:
    return tuple(_seg.cut(run))


def words(text: str, *, search_mode: bool = True) -> list[str]:
    """The index words of ``text``: Chinese words (2+ characters) and ASCII runs."""
    out: list[str] = []
    cut = _cut_run if search_mode else _cut_run_plain
    for run in RUN_RE.findall(normalize(text)):
        if run[0] < "\u3400":  # ASCII letters/digits
            out.append(run)
            continue
        if len(run) == 1:
            continue
        for word in (cut(run) if len(run) > 2 else (run,)):
            if len(word) > 1 and word not in STOPWORDS:
                out.append(word)
    return out


def plain_words(text: str) -> list[str]:
    """Non-overlapping words (accurate mode), used for pinyin tokens and the vocabulary."""
    return words(text, search_mode=False)


def is_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text))


class ChineseTokenizer(Tokenizer):
    """Whoosh tokenizer over :func:`words`. Positions are sequential word numbers."""

    def __init__(self, search_mode: bool = True) -> None:
        self.search_mode = search_mode

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.search_mode == self.search_mode  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.search_mode))

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        items = words(value, search_mode=self.search_mode) if tokenize else [value]
        for pos, word in enumerate(items):
            t.text = word
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = word
            if positions:
                t.pos = start_pos + pos
            yield t


def chinese_analyzer(search_mode: bool = True) -> ChineseTokenizer:
    return ChineseTokenizer(search_mode)
