"""Pinyin: full spelling and initials of words, and the vocabulary that maps spellings
back to the index's Chinese words.

- ``gongjijin`` and ``gjj`` both spell 公积金: the searcher looks pinyin and initials up in
  the vocabulary and searches the words they spell, so an agent who types ``gjj tq`` or
  ``sfz`` finds the entry (no pinyin postings are indexed: they doubled the build).
- A query word that is not in the index but sounds like one that is (公基金 -> 公积金) is
  replaced through the vocabulary's full-spelling map: the near-miss fallback.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kb_index.analysis import CJK_RE, plain_words

ASCII_RE = re.compile(r"^[a-z]+$")


def lazy_pinyin(text: str, errors: str = "ignore") -> list[str]:
    """pypinyin's lazy_pinyin, imported at first use: loading its phrase tables takes a
    third of a second, and a searcher that opens a saved vocabulary (spellings included)
    and gets correctly written queries never needs them."""
    from pypinyin import lazy_pinyin as _lazy

    return _lazy(text, errors=errors)


@lru_cache(maxsize=200_000)
def spell(word: str) -> tuple[str, str]:
    """(full spelling, initials) of ``word``: 公积金 -> ("gongjijin", "gjj")."""
    syllables = lazy_pinyin(word, errors="ignore")
    full = "".join(syllables).lower()
    initials = "".join(s[0] for s in syllables if s).lower()
    return full, initials


@lru_cache(maxsize=200_000)
def char_spellings(run: str) -> tuple[str, ...]:
    """One syllable per character of a Chinese run ("" where there is none)."""
    out = []
    for ch in run:
        s = lazy_pinyin(ch, errors="ignore")
        out.append(s[0].lower() if s else "")
    return tuple(out)


class Vocabulary:
    """Chinese words of the short fields (title, matter, keywords) with their document
    frequency and spellings; persisted beside the index as ``vocab.json``."""

    FILE = "vocab.json"

    def __init__(self, df: dict[str, int] | None = None,
                 spellings: dict[str, tuple[str, str]] | None = None) -> None:
        self.df: dict[str, int] = dict(df or {})
        self.spellings: dict[str, tuple[str, str]] = dict(spellings or {})
        """word -> (full spelling, initials); saved with the vocabulary, computed when missing."""
        self.by_full: dict[str, list[str]] = {}
        self.by_initials: dict[str, list[str]] = {}
        self._index()

    def _index(self) -> None:
        self.by_full.clear()
        self.by_initials.clear()
        for word in self.df:
            self._add_spelling(word)
        for table in (self.by_full, self.by_initials):
            for _key, items in table.items():
                items.sort(key=lambda w: -self.df.get(w, 0))

    def _add_spelling(self, word: str) -> None:
        known = self.spellings.get(word)
        if known is None:
            known = self.spellings[word] = spell(word)
        full, initials = known
        if full:
            self.by_full.setdefault(full, []).append(word)
        if len(initials) > 1:
            self.by_initials.setdefault(initials, []).append(word)

    @staticmethod
    def words_of(texts: Iterable[str]) -> set[str]:
        return {w for text in texts for w in plain_words(text) if CJK_RE.search(w)}

    def add_document(self, texts: Iterable[str], sign: int = 1) -> None:
        for word in self.words_of(texts):
            count = self.df.get(word, 0) + sign
            if count > 0:
                if word not in self.df:
                    self.df[word] = count
                    self._add_spelling(word)
                else:
                    self.df[word] = count
            elif word in self.df:
                self.df[word] = 0  # kept (cheap); a rebuild drops it

    @classmethod
    def from_counter(cls, counter: Counter[str]) -> Vocabulary:
        return cls(dict(counter))

    def save(self, folder: Path) -> None:
        tmp = folder / (self.FILE + ".tmp")
        data = {"df": self.df,
                "spell": {w: list(sp) for w, sp in self.spellings.items() if w in self.df}}
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        tmp.replace(folder / self.FILE)

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        data = json.loads((folder / cls.FILE).read_text("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("vocab.json is not an object")
        if not isinstance(data.get("df"), dict):  # the first format: df only
            return cls({str(k): int(v) for k, v in data.items()})
        spellings = {str(w): (str(sp[0]), str(sp[1])) for w, sp in data.get("spell", {}).items()}
        return cls({str(k): int(v) for k, v in data["df"].items()}, spellings)

    def __contains__(self, word: str) -> bool:
        return self.df.get(word, 0) > 0

    def segment_ascii(self, text: str) -> list[str]:
        """Split a run of letters into known spellings: ``gjjtq`` -> [gjj, tq],
        ``gongjijintiqu`` -> [gongjijin, tiqu]. Unknown text comes back whole."""
        if text in self.by_full or text in self.by_initials:
            return [text]
        n = len(text)
        if n > 40:
            return [text]
        # fewest pieces; full spellings preferred over initials (cost 1 vs 1.5)
        best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
        best[0] = (0.0, [])
        for i in range(n):
            if best[i] is None:
                continue
            cost_i, pieces = best[i]  # type: ignore[misc]
            for j in range(i + 2, n + 1):
                piece = text[i:j]
                if piece in self.by_full:
                    cost = 1.0
                elif piece in self.by_initials:
                    cost = 1.5
                else:
                    continue
                cand = (cost_i + cost, [*pieces, piece])
                if best[j] is None or cand[0] < best[j][0]:  # type: ignore[index]
                    best[j] = cand
        return best[n][1] if best[n] else [text]

    def near_misses(self, run: str, known: set[str]) -> list[str]:
        """Index words that sound like a part of ``run`` written differently (公基金 ->
        公积金). Windows of 2..5 characters that are not themselves index words."""
        found: list[str] = []
        n = len(run)
        df = self.df
        known_spans = [(i, i + size) for size in range(2, 7) for i in range(0, n - size + 1)
                       if df.get(run[i : i + size], 0) > 0]
        covered = set()
        for a, b in known_spans:
            covered.update(range(a, b))
        if len(covered) == n:
            return []  # every character belongs to a correctly written index word
        syll = char_spellings(run)
        for size in (5, 4, 3, 2):
            for i in range(0, n - size + 1):
                j = i + size
                if any(a <= i and j <= b for a, b in known_spans):
                    continue  # part of a correctly written word
                window = run[i:j]
                key = "".join(syll[i:j])
                for word in self.by_full.get(key, ())[:2]:
                    if word != window and word not in known and self.df.get(word, 0) > 0:
                        # at least one character in common: a typo, not a different word
                        if size >= 3 or any(c in word for c in window):
                            found.append(word)
        return list(dict.fromkeys(found))
