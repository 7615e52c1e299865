"""The app's bridge to the knowledge-base index (kb_index).

The index lives in ``home.index_dir`` and is derived from the seat-local store's KB copy
(``LocalStore.iter_kb_entries``); it can always be rebuilt. ``search`` keeps one warm
searcher per home and rebuilds a missing, corrupt or outdated index instead of failing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import kb_index
from kb_index import store as kb_store
from seat_app.services.config import SeatHome
from seat_app.services.local.store import LocalStore

Progress = Callable[[str, int, int], None]

RESULT_KEYS = ("id", "code", "title", "domain", "subcategory", "matter", "area", "unit",
               "kind", "status", "keywords", "score", "snippet")

_lock = threading.RLock()
_searchers: dict[Path, kb_index.KBSearcher] = {}


def _entries(home: SeatHome, seq: list[int]) -> Iterator[dict[str, Any]]:
    """The local KB copy (tombstones excluded); records the highest change sequence."""
    local = LocalStore.open(home)
    try:
        for entry in local.iter_kb_entries():
            seq[0] = max(seq[0], int(entry.get("change_seq") or 0))
            yield entry
    finally:
        local.close()


def _kb_total(home: SeatHome) -> int:
    local = LocalStore.open(home)
    try:
        return local.kb_count()
    finally:
        local.close()


def build_index(home: SeatHome, progress: Progress | None = None) -> dict[str, Any]:
    """Full, atomic rebuild from the seat-local KB copy. Returns a summary dict."""
    with _lock:
        seq = [0]
        total = _kb_total(home)
        result = kb_index.build(home.index_dir, _entries(home, seq), total=total,
                                progress=progress, extra={"kb_seq": 0})
        # record the watermark of what the index now holds
        kb_index.update(home.index_dir, extra={"kb_seq": seq[0]})
        _drop(home)
        return {**result.as_dict(), "kb_seq": seq[0]}


def update_index(home: SeatHome, store: LocalStore | None = None) -> dict[str, Any]:
    """Apply KB changes of the local copy made since the index's watermark (incremental);
    rebuilds when there is no usable index. ``store``: the seat's open local store (the sync
    tick has one), so the file is not opened and checked again for one change."""
    with _lock:
        try:
            folder = kb_store.active_generation(home.index_dir)
            stamp = kb_store.check_generation(folder, verify_files=False)
        except kb_index.IndexUnavailable:
            return {"rebuilt": True, **build_index(home)}
        after = int(stamp.get("kb_seq", 0))
        changed: list[dict[str, Any]] = []
        deleted: list[str] = []
        top = after
        local = store if store is not None else LocalStore.open(home)
        try:
            for entry in local.iter_kb_changes(after):
                top = max(top, int(entry.get("change_seq") or 0))
                if entry.get("deleted"):
                    deleted.append(str(entry["id"]))
                else:
                    changed.append(entry)
        finally:
            if store is None:
                local.close()
        summary = kb_index.update(home.index_dir, changed, deleted, extra={"kb_seq": top})
        searcher = _searchers.get(home.index_dir)
        if searcher is not None:
            searcher.refresh()
        return {"rebuilt": False, **summary, "kb_seq": top}


def update_index_if_built(home: SeatHome) -> bool:
    """Apply KB changes of the local copy to the index, but only when an index exists (a
    missing one is built by the first search, as always). Returns whether it was updated."""
    try:
        kb_store.active_generation(home.index_dir)
    except kb_index.IndexUnavailable:
        return False
    update_index(home)
    return True


def _drop(home: SeatHome) -> None:
    searcher = _searchers.pop(home.index_dir, None)
    if searcher is not None:
        searcher.close()


def open_searcher(home: SeatHome, progress: Progress | None = None,
                  on_rebuild: Callable[[Exception], None] | None = None) -> kb_index.KBSearcher:
    """The warm searcher of ``home`` (opened once; rebuilt from the local KB copy when the
    index is missing, corrupt or outdated)."""
    with _lock:
        searcher = _searchers.get(home.index_dir)
        if searcher is not None:
            return searcher
        try:
            searcher = kb_index.KBSearcher(home.index_dir)
        except kb_index.IndexUnavailable as exc:
            if on_rebuild is not None:
                on_rebuild(exc)
            build_index(home, progress)
            searcher = kb_index.KBSearcher(home.index_dir)
        _searchers[home.index_dir] = searcher
        return searcher


def open(home: SeatHome, **kwargs: Any) -> kb_index.KBSearcher:  # the contract name (shadows the builtin on purpose)
    return open_searcher(home, **kwargs)


def close_all() -> None:
    with _lock:
        for path in list(_searchers):
            _searchers.pop(path).close()


def search(home: SeatHome, query: str, area: str | None = None, limit: int = 10,
           **filters: str | None) -> list[dict[str, Any]]:
    """Results as dicts (RESULT_KEYS). ``area`` boosts the caller's area; ``domain``,
    ``only_area``, ``unit``, ``matter`` filter. Never raises on odd query text."""
    searcher = open_searcher(home)
    with _lock:
        try:
            hits = searcher.search(query, area=area, limit=limit, **filters)
        except kb_index.IndexUnavailable:
            _drop(home)
            hits = open_searcher(home).search(query, area=area, limit=limit, **filters)
    return [h.as_dict() for h in hits]
