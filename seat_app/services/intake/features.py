"""Text features of a request: rjieba words and character bigrams, read the way
:mod:`kb_index.request` reads written requests (places, dates and numbers cut out, the
subject line counted twice, message-board filler dropped).

Words carry meaning (自来水, 废气); character bigrams catch what segmentation splits
differently or the KB spells otherwise (行医 in 非法行医/无证行医). Bigrams are prefixed
with ``#`` so ``why`` can tell them from words.
"""

from __future__ import annotations

import re

from kb_index.analysis import CJK, STOPWORDS, normalize, words
from kb_index.request import FILLER, split_subject, strip_incidentals

_CJK_RUN = re.compile(f"[{CJK}]+")
SUBJECT_REPEAT = 2
GRAM = "#"
MIN_TEXT_CHARS = 2
"""Descriptions shorter than this (after trimming) suggest nothing."""


def _part_tokens(part: str) -> list[str]:
    out = [w for w in words(part) if w not in FILLER and w not in STOPWORDS and not w.isdigit()]
    for run in _CJK_RUN.findall(part):
        out.extend(GRAM + run[i:i + 2] for i in range(len(run) - 1))
    return out


def tokens(text: str) -> list[str]:
    """The features of ``text`` (words, then ``#``-prefixed character bigrams)."""
    if not isinstance(text, str):
        return []
    raw = normalize(text).strip()
    if len(raw) < MIN_TEXT_CHARS:
        return []
    subject, body = split_subject(raw)
    out: list[str] = []
    if subject:
        sub_tokens = _part_tokens(strip_incidentals(subject)[0])
        out.extend(sub_tokens * SUBJECT_REPEAT)
    out.extend(_part_tokens(strip_incidentals(body)[0]))
    return out


def readable(feature: str) -> str:
    return feature[len(GRAM):] if feature.startswith(GRAM) else feature
