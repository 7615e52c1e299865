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


class WatchedSynonyms:
    """A synonym table that follows its file: when the file changes (time, size or inode),
    the next ``expand`` reads it again, so a line added by a maintainer (a missed query
    turned into a synonym) is used by the very next search, without a restart. A file made
    bad meanwhile keeps the last good table (``error`` says why); a removed file too."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path else Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)
        self.current = Synonyms(source=str(self.path))
        self.error: Exception | None = None
        self._signature: tuple[int, int, int] | None = None
        self.reload()

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def reload(self) -> bool:
        """Read the file now; True when a new table is in use."""
        signature = self._stat()
        try:
            table = load(self.path)
        except (OSError, UnicodeDecodeError, SynonymFileError) as exc:
            self.error = exc
            self._signature = signature
            return False
        self.current, self.error, self._signature = table, None, signature
        return True

    def check(self) -> bool:
        """Reload when the file changed since it was last read; True when reloaded."""
        if self._stat() != self._signature:
            return self.reload()
        return False

    def expand(self, text: str) -> list[tuple[str, str]]:
        self.check()
        return self.current.expand(text)

    @property
    def table(self) -> dict[str, list[str]]:
        return self.current.table

    @property
    def source(self) -> str:
        return self.current.source

    def __len__(self) -> int:
        return len(self.current)


def watch(path: str | os.PathLike[str] | None = None) -> WatchedSynonyms:
    """A :class:`WatchedSynonyms` over ``path`` (default: $KB_SYNONYMS or the shipped table)."""
    return WatchedSynonyms(path)


def line_problem(phrase: str, term: str) -> str | None:
    """Why ``phrase``/``term`` cannot be one line of the table (zh / en), or None."""
    for value in (phrase, term):
        if not value.strip():
            return "来电说法和规范用语都不能为空 / phrase and term are both required"
        if any(ch in value for ch in "\t\r\n") or any(ord(ch) < 32 for ch in value):
            return "不能含换行、制表符或控制字符 / no line breaks, tabs or control characters"
    return None


def append(path: str | os.PathLike[str], phrase: str, term: str) -> None:
    """Add ``phrase<TAB>term`` to the synonym file at ``path`` (written beside, then swapped
    in, so a searcher never reads half a file). Raises :class:`SynonymFileError` when the
    pair cannot be a line."""
    problem = line_problem(phrase, term)
    if problem:
        raise SynonymFileError(problem)
    target = Path(path)
    old = target.read_text(encoding="utf-8-sig") if target.exists() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(f"{old}{phrase.strip()}\t{term.strip()}\n", encoding="utf-8")
    os.replace(tmp, target)
