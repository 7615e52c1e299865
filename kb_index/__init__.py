"""The knowledge-base search engine: Whoosh schema, Chinese/pinyin analysis, synonyms,
build, incremental update, search and benchmark. No Qt, no seat_app imports.

Typical use::

    from kb_index import build, open_or_rebuild
    build(root, entries)                     # full, atomic
    searcher = open_or_rebuild(root, entries_factory)
    searcher.search("公基金怎么取", area="盐湖区")
    searcher.search(letter_text)             # > 30 characters: read as a written request
    request.analyse(letter_text, df, total=n)  # what carries it (kb_index.request)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from kb_index.build import BuildResult, Progress, build, update
from kb_index.errors import IndexCorrupt, IndexMissing, IndexOutdated, IndexUnavailable
from kb_index.request import RequestAnalysis, analyse, is_request
from kb_index.search import Hit, KBSearcher, open_searcher


def open_or_rebuild(
    root: Path | str,
    entries: Callable[[], Iterable[Mapping[str, Any]]],
    *,
    total: int | None = None,
    progress: Progress | None = None,
    on_rebuild: Callable[[IndexUnavailable], None] | None = None,
    **searcher_kwargs: Any,
) -> KBSearcher:
    """Open the index; when it is missing, corrupt or outdated, rebuild it from
    ``entries()`` (atomically) and open the new one. ``on_rebuild`` hears why."""
    try:
        return KBSearcher(root, **searcher_kwargs)
    except IndexUnavailable as exc:
        if on_rebuild is not None:
            on_rebuild(exc)
        build(root, entries(), total=total, progress=progress)
        return KBSearcher(root, **searcher_kwargs)


__all__ = [
    "BuildResult", "Hit", "IndexCorrupt", "IndexMissing", "IndexOutdated", "IndexUnavailable",
    "KBSearcher", "Progress", "RequestAnalysis", "analyse", "build", "is_request",
    "open_or_rebuild", "open_searcher", "update",
]
