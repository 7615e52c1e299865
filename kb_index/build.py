"""Full build (atomic) and incremental update of the index.

``build(root, entries)`` writes a fresh generation beside the active one (optionally with
two writer processes) and swaps it in. ``update(root, changed, deleted)`` applies KB
changes to the active generation in one Whoosh commit.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from kb_index import store
from kb_index.errors import IndexUnavailable
from kb_index.pinyin import Vocabulary
from kb_index.schema import (
    DROPPED_FILE,
    MAX_DF_SHARE,
    analyze,
    document,
    drop_terms,
    make_schema,
    short_texts,
)

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


class _MemoryPool:
    """Postings grouped by term in memory, for a one-process full build.

    Whoosh's own pool keeps one tuple per posting and sorts them all at commit (with runs
    on disk past ``limitmb``); documents arrive in docnum order, so grouping by term and
    sorting only the distinct terms gives the same posting order for a fraction of the
    work. Used through the writer's ``pool`` attribute (add / iter_postings / cleanup)."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]] = {}
        self.fieldnames: set[str] = set()

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        key = (fieldname, tbytes)
        postings = self.terms.get(key)
        if postings is None:
            self.terms[key] = postings = []
            self.fieldnames.add(fieldname)
        postings.append((docnum, weight, vbytes))

    def iter_postings(self):  # noqa: ANN201 - Whoosh's interface
        terms = self.terms
        for key in sorted(terms):
            fieldname, tbytes = key
            for docnum, weight, vbytes in terms[key]:
                yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self) -> None:
        self.terms.clear()


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
    (``已发布``, or empty) are still indexed: filtering is the searcher's business.

    Two passes: every entry is analyzed once and document frequencies are counted, then
    the terms the searcher would skip anyway (``MAX_DF_SHARE``) are left out and the rest
    is written. With ``procs`` > 1 (where processes can fork) each process analyzes and
    writes one contiguous slice as its own segment; the slices' frequencies are merged
    between the passes so every segment leaves out the same terms."""
    del limitmb  # postings are grouped in memory (_MemoryPool), no sort runs on disk
    root = Path(root)
    progress = progress or _no_progress
    started = time.perf_counter()
    items = entries if isinstance(entries, list) else list(entries)
    count = len(items)
    folder = store.new_generation(root)
    nprocs = _procs(procs, count)
    if nprocs > 1 and "fork" not in mp.get_all_start_methods():
        nprocs = 1
    try:
        ix = whoosh_index.create_in(str(folder), make_schema())
        ix.close()
        if nprocs > 1:
            vocab_counter, dropped = _build_forked(folder, items, nprocs, progress)
        else:
            vocab_counter, dropped = _build_inline(folder, items, progress)
        del items
        Vocabulary.from_counter(vocab_counter).save(folder)
        _save_dropped(folder, dropped)
        store.write_stamp(folder, count, {"built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                                          **(extra or {})})
        progress("commit", 1, 1)
    except BaseException:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        raise
    store.activate(root, folder)
    return BuildResult(count, time.perf_counter() - started, folder, nprocs)


class _Slice:
    """One contiguous slice of the entries: analysis, then one Whoosh segment."""

    def __init__(self, folder: Path, entries: list[Mapping[str, Any]]) -> None:
        self.folder = folder
        self.entries = entries
        self.docs: list[dict[str, Any]] = []

    def analyze(self, tick: Callable[[int], None]) -> tuple[dict[str, Counter[str]], Counter[str]]:
        schema = make_schema()
        df: dict[str, Counter[str]] = {field: Counter() for field in MAX_DF_SHARE}
        vocab_counter: Counter[str] = Counter()
        for n, entry in enumerate(self.entries, 1):
            doc = analyze(document(entry), schema)
            for field, counter in df.items():
                counter.update(set(doc[field]))
            vocab_counter.update(Vocabulary.words_of(short_texts(entry)))
            self.docs.append(doc)
            if n % 1000 == 0:
                tick(1000)
        tick(len(self.entries) % 1000)
        self.entries = []
        return df, vocab_counter

    def write(self, dropped: Mapping[str, set[str]], tick: Callable[[int], None]) -> Any:
        """Write the analyzed documents as a new segment of the index in ``folder`` and
        return the segment (not yet in the index's table of contents)."""
        ix = whoosh_index.open_dir(str(self.folder))
        writer = SegmentWriter(ix, _lk=False)
        writer.pool = _MemoryPool()
        try:
            for n, doc in enumerate(self.docs, 1):
                drop_terms(doc, dropped)
                writer.add_document(**doc)
                if n % 1000 == 0:
                    tick(1000)
            tick(len(self.docs) % 1000)
            self.docs = []
            segment = writer._finalize_segment()
        except BaseException:
            writer.cancel()
            raise
        finally:
            writer._tempstorage.destroy()
            ix.close()
        return segment


def _dropped_terms(df: Mapping[str, Counter[str]], count: int) -> dict[str, set[str]]:
    return {field: {t for t, n in counter.items() if n > count * MAX_DF_SHARE[field]}
            for field, counter in df.items()}


def _commit_segments(folder: Path, segments: list[Any]) -> None:
    """Make ``segments`` the index's content (a new table of contents)."""
    from whoosh.index import TOC

    ix = whoosh_index.open_dir(str(folder))
    try:
        generation = ix.latest_generation() + 1
        TOC(ix.schema, segments, generation).write(ix.storage, ix.indexname)
    finally:
        ix.close()


def _build_inline(folder: Path, items: list[Mapping[str, Any]], progress: Progress
                  ) -> tuple[Counter[str], dict[str, set[str]]]:
    count = len(items)
    state = {"done": 0}

    def tick(stage: str) -> Callable[[int], None]:
        def inner(n: int) -> None:
            state["done"] += n
            progress(stage, state["done"], count)
        return inner

    part = _Slice(folder, items)
    df, vocab_counter = part.analyze(tick("analyze"))
    dropped = _dropped_terms(df, count)
    state["done"] = 0
    segment = part.write(dropped, tick("index"))
    progress("commit", 0, 1)
    _commit_segments(folder, [segment])
    return vocab_counter, dropped


_FORK_ITEMS: list[Mapping[str, Any]] = []
"""The entries of a forked build, inherited by the children (never pickled)."""


def _slice_worker(conn: Any, folder: str, lo: int, hi: int) -> None:
    try:
        part = _Slice(Path(folder), _FORK_ITEMS[lo:hi])

        def tick(stage: str) -> Callable[[int], None]:
            return lambda n: conn.send(("tick", stage, n))

        df, vocab_counter = part.analyze(tick("analyze"))
        conn.send(("analyzed", df, vocab_counter))
        dropped = conn.recv()
        segment = part.write(dropped, tick("index"))
        conn.send(("segment", segment))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        import traceback

        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def _build_forked(folder: Path, items: list[Mapping[str, Any]], nprocs: int,
                  progress: Progress) -> tuple[Counter[str], dict[str, set[str]]]:
    global _FORK_ITEMS
    count = len(items)
    bounds = [(count * i // nprocs, count * (i + 1) // nprocs) for i in range(nprocs)]
    ctx = mp.get_context("fork")
    _FORK_ITEMS = items
    workers = []
    try:
        for lo, hi in bounds:
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_slice_worker, args=(child, str(folder), lo, hi),
                               daemon=True)
            proc.start()
            child.close()
            workers.append((proc, parent))
    finally:
        _FORK_ITEMS = []

    done = {"analyze": 0, "index": 0}

    def receive(conn: Any, want: str) -> tuple[Any, ...]:
        while True:
            try:
                message = conn.recv()
            except EOFError as exc:
                raise RuntimeError("index build process ended without an answer") from exc
            kind = message[0]
            if kind == "tick":
                done[message[1]] += message[2]
                progress(message[1], done[message[1]], count)
            elif kind == "error":
                raise RuntimeError(f"index build process failed:\n{message[1]}")
            elif kind == want:
                return message

    try:
        df: dict[str, Counter[str]] = {field: Counter() for field in MAX_DF_SHARE}
        vocab_counter: Counter[str] = Counter()
        for _proc, conn in workers:
            _, part_df, part_vocab = receive(conn, "analyzed")
            for field, counter in part_df.items():
                df[field].update(counter)
            vocab_counter.update(part_vocab)
        dropped = _dropped_terms(df, count)
        for _proc, conn in workers:
            conn.send(dropped)
        segments = [receive(conn, "segment")[1] for _proc, conn in workers]
        progress("commit", 0, 1)
        _commit_segments(folder, segments)
    finally:
        for proc, conn in workers:
            conn.close()
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
    return vocab_counter, dropped


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
    dropped = _load_dropped(folder)
    schema = ix.schema
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
                doc = analyze(document(entry), schema)
                drop_terms(doc, dropped)
                writer.update_document(**doc)
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


def _save_dropped(folder: Path, dropped: dict[str, set[str]]) -> None:
    data = {field: sorted(terms) for field, terms in dropped.items()}
    (folder / DROPPED_FILE).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _load_dropped(folder: Path) -> dict[str, frozenset[str]]:
    path = folder / DROPPED_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as exc:
        raise store.IndexCorrupt(f"{path}: {exc}") from exc
    return {str(field): frozenset(map(str, terms)) for field, terms in data.items()}


__all__ = ["BuildResult", "IndexUnavailable", "Progress", "build", "update"]
