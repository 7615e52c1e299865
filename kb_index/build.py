"""Full build (atomic) and incremental update of the index.

``build(root, entries)`` writes a fresh generation beside the active one (optionally with
two writer processes) and swaps it in. ``update(root, changed, deleted)`` applies KB
changes to the active generation in one Whoosh commit.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from kb_index import store
from kb_index.errors import IndexUnavailable
from kb_index.pinyin import Vocabulary
from kb_index.schema import document, make_schema, short_texts

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total); total is 0 when unknown."""

DEFAULT_PROCS = 2
"""Writer processes of a full build on a machine with two or more cores."""


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass
class BuildResult:
    docs: int
    seconds: float
    folder: Path
    procs: int

    def as_dict(self) -> dict[str, Any]:
        return {"docs": self.docs, "seconds": round(self.seconds, 2),
                "folder": str(self.folder), "procs": self.procs}


def _procs(requested: int | None, total: int | None) -> int:
    if requested is not None:
        return max(1, requested)
    if total is not None and total < 5000:
        return 1  # process start-up costs more than it saves
    return max(1, min(DEFAULT_PROCS, os.cpu_count() or 1))


def build(
    root: Path | str,
    entries: Iterable[Mapping[str, Any]],
    *,
    total: int | None = None,
    progress: Progress | None = None,
    procs: int | None = None,
    limitmb: int = 96,
    extra: dict[str, Any] | None = None,
) -> BuildResult:
    """Index ``entries`` into a new generation under ``root`` and make it the active one.

    Entries are dicts with ``id`` and the KB fields. Entries whose status is not published
    (``已发布``, or empty) are still indexed: filtering is the searcher's business."""
    root = Path(root)
    progress = progress or _no_progress
    started = time.perf_counter()
    folder = store.new_generation(root)
    nprocs = _procs(procs, total)
    try:
        ix = whoosh_index.create_in(str(folder), make_schema())
        if nprocs > 1:
            writer = ix.writer(procs=nprocs, limitmb=limitmb, multisegment=True, batchsize=256)
        else:
            writer = ix.writer(limitmb=limitmb)
        vocab_counter: Counter[str] = Counter()
        done = 0
        try:
            for entry in entries:
                writer.add_document(**document(entry))
                vocab_counter.update(Vocabulary.words_of(short_texts(entry)))
                done += 1
                if done % 500 == 0:
                    progress("index", done, total or 0)
            progress("index", done, total or done)
            progress("commit", 0, 1)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            ix.close()
        Vocabulary.from_counter(vocab_counter).save(folder)
        store.write_stamp(folder, done, {"built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                                         **(extra or {})})
        progress("commit", 1, 1)
    except BaseException:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        raise
    store.activate(root, folder)
    return BuildResult(done, time.perf_counter() - started, folder, nprocs)


def update(
    root: Path | str,
    changed: Iterable[Mapping[str, Any]] = (),
    deleted: Iterable[str] = (),
    *,
    extra: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Apply changed entries (added or edited) and deleted entry ids to the active index
    in one commit. Raises IndexUnavailable when there is no usable index (rebuild)."""
    root = Path(root)
    folder = store.active_generation(root)
    stamp = store.check_generation(folder, verify_files=False)
    changed = list(changed)
    deleted = [str(d) for d in deleted]
    if not changed and not deleted:
        if extra:
            store.write_stamp(folder, int(stamp.get("docs", 0)),
                              {k: v for k, v in {**stamp, **extra}.items()
                               if k not in ("files", "docs", "written_at")}, previous=stamp)
        return {"changed": 0, "deleted": 0, "docs": int(stamp.get("docs", 0))}
    try:
        ix = whoosh_index.open_dir(str(folder))
    except Exception as exc:  # noqa: BLE001 - any open failure means a damaged index
        raise store.IndexCorrupt(f"{folder}: {exc}") from exc
    vocab = Vocabulary.load(folder)
    try:
        writer = ix.writer(timeout=5.0)
        try:
            with ix.searcher() as searcher:
                for entry_id in [*deleted, *(str(e["id"]) for e in changed)]:
                    stored = searcher.document(id=entry_id)
                    if stored:
                        vocab.add_document(
                            (stored.get("title", ""), " ".join(
                                (stored.get("matter", ""), stored.get("subcategory", ""))),
                             stored.get("keywords", "")), sign=-1)
            for entry_id in deleted:
                writer.delete_by_term("id", entry_id)
            for entry in changed:
                writer.update_document(**document(entry))
                vocab.add_document(short_texts(entry))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        docs = ix.doc_count()
    finally:
        ix.close()
    vocab.save(folder)
    store.write_stamp(folder, docs, {k: v for k, v in {**stamp, **(extra or {})}.items()
                                     if k not in ("files", "docs", "written_at")},
                      previous=stamp)
    return {"changed": len(changed), "deleted": len(deleted), "docs": docs}


__all__ = ["BuildResult", "IndexUnavailable", "Progress", "build", "update"]
