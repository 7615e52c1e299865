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
from kb_index.request import FILLER, SENTENCE_RE, is_side_issue, split_subject, strip_incidentals

_CJK_RUN = re.compile(f"[{CJK}]+")
SUBJECT_REPEAT = 2
GRAM = "#"
MIN_TEXT_CHARS = 2
"""Descriptions shorter than this (after trimming) suggest nothing."""
MAX_TEXT_CHARS = 4000
"""Only the start of a longer text is read (a letter states its request early; a pasted
megabyte must not stall a keystroke)."""


def _part_tokens(part: str) -> list[str]:
    out = [w for w in words(part) if w not in FILLER and w not in STOPWORDS and not w.isdigit()]
    for run in _CJK_RUN.findall(part):
        out.extend(GRAM + run[i:i + 2] for i in range(len(run) - 1))
    return out


def tokens(text: str) -> list[str]:
    """The features of ``text`` (words, then ``#``-prefixed character bigrams)."""
    if not isinstance(text, str):
        return []
    raw = normalize(text[:MAX_TEXT_CHARS * 2])[:MAX_TEXT_CHARS].strip()
    if len(raw) < MIN_TEXT_CHARS:
        return []
    subject, body = split_subject(raw)
    out: list[str] = []
    if subject:
        sub_tokens = _part_tokens(strip_incidentals(subject)[0])
        out.extend(sub_tokens * SUBJECT_REPEAT)
    out.extend(_part_tokens(strip_incidentals(body)[0]))
    return out


SIDE_FACTOR = 0.3
"""Sentences that open with a side-issue marker (另外, 此外, 顺便说一下 ...) count this much: a
letter that mentions a second, smaller problem is still about its first."""


def weighted_tokens(text: str) -> dict[str, float]:
    """Features of ``text`` with weights: like :func:`tokens` (the subject counts twice), and
    sentences that raise a side issue count :data:`SIDE_FACTOR`. Used when scoring."""
    if not isinstance(text, str):
        return {}
    raw = normalize(text[:MAX_TEXT_CHARS * 2])[:MAX_TEXT_CHARS].strip()
    if len(raw) < MIN_TEXT_CHARS:
        return {}
    subject, body = split_subject(raw)
    out: dict[str, float] = {}
    parts = [(subject, float(SUBJECT_REPEAT))] if subject else []
    parts += [(sentence, SIDE_FACTOR if is_side_issue(sentence) else 1.0)
              for sentence in SENTENCE_RE.split(body)]
    for part, weight in parts:
        if not part:
            continue
        for t in _part_tokens(strip_incidentals(part)[0]):
            out[t] = out.get(t, 0.0) + weight
    return out


def readable(feature: str) -> str:
    return feature[len(GRAM):] if feature.startswith(GRAM) else feature
