"""The synonym layer: caller language -> official terms (太吵 -> 噪声, 没给工资 -> 拖欠工资).

The table is an editable resource (``kb_index/data/synonyms.tsv``: ``caller phrase<TAB>
official term``, ``#`` comments). It is applied to queries, not to documents, so editing it
needs no rebuild. ``load(path)`` takes another file instead of the shipped one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kb_index.analysis import normalize

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "synonyms.tsv"
ENV_VAR = "KB_SYNONYMS"
"""Environment variable naming an override file (used when no path is given)."""


class SynonymFileError(ValueError):
    """The synonym file has a bad line (message says which)."""


@dataclass
class Synonyms:
    table: dict[str, list[str]] = field(default_factory=dict)
    longest: int = 0
    source: str = ""

    def add(self, phrase: str, term: str) -> None:
        phrase = normalize(phrase.strip())
        term = term.strip()
        if not phrase or not term:
            return
        terms = self.table.setdefault(phrase, [])
        if term not in terms:
            terms.append(term)
        self.longest = max(self.longest, len(phrase))

    def __len__(self) -> int:
        return sum(len(v) for v in self.table.values())

    def expand(self, text: str) -> list[tuple[str, str]]:
        """(caller phrase, official term) for every phrase found in ``text``; a phrase
        inside a longer matched phrase is skipped (煤气味 wins over 气味)."""
        text = normalize(text)
        n = len(text)
        matches: list[tuple[int, int, str]] = []
        for i in range(n):
            for j in range(min(n, i + self.longest), i, -1):
                phrase = text[i:j]
                if phrase in self.table:
                    matches.append((i, j, phrase))
                    break
        kept = [
            m for m in matches
            if not any(o[0] <= m[0] and m[1] <= o[1] and o != m for o in matches)
        ]
        out: list[tuple[str, str]] = []
        for _, _, phrase in kept:
            for term in self.table[phrase]:
                pair = (phrase, term)
                if pair not in out:
                    out.append(pair)
        return out


def load(path: str | os.PathLike[str] | None = None) -> Synonyms:
    """Read a synonym file (default: $KB_SYNONYMS or the shipped table)."""
    chosen = Path(path) if path else Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)
    syn = Synonyms(source=str(chosen))
    with open(chosen, encoding="utf-8-sig") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
                raise SynonymFileError(
                    f"{chosen}:{lineno}: 应为“来电说法<TAB>规范用语” / expected 'phrase<TAB>term'"
                )
            for term in parts[1:]:
                syn.add(parts[0], term)
    return syn
