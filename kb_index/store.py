"""On-disk layout, version stamp and integrity manifest of the index.

::

    <root>/CURRENT            name of the active generation (replaced atomically)
    <root>/gen-<stamp>/       one complete Whoosh index + vocab.json + STAMP.json

A build writes a new generation beside the active one and then swaps ``CURRENT`` with
``os.replace``: readers see the old index or the new one, never half of one. ``STAMP.json``
records the schema and analyzer versions and a manifest (size and CRC-32 of every file), so
opening detects an outdated index, a deleted file or flipped bytes before any search.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
import zlib
from pathlib import Path
from typing import Any

from kb_index import analysis
from kb_index.analysis import ANALYZER_VERSION
from kb_index.errors import IndexCorrupt, IndexMissing, IndexOutdated
from kb_index.schema import SCHEMA_VERSION

CURRENT = "CURRENT"
STAMP = "STAMP.json"
GEN_PREFIX = "gen-"
GEN_NAME_RE = re.compile(r"gen-[0-9A-Za-z_.-]{1,80}")
"""What CURRENT may hold (``new_generation`` names: gen-<date>-<time>-<pid>-<ns>)."""


def file_crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def manifest(folder: Path, previous: dict[str, Any] | None = None) -> dict[str, list[int]]:
    """Size and CRC of every index file (STAMP itself excluded). Whoosh never rewrites a
    file in place, so entries of ``previous`` with the same size are reused."""
    previous = previous or {}
    out: dict[str, list[int]] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name == STAMP or path.name.endswith((".tmp", ".lock")):
            continue
        size = path.stat().st_size
        old = previous.get(path.name)
        if old and old[0] == size and path.name != "vocab.json":
            out[path.name] = list(old)
        else:
            out[path.name] = [size, file_crc(path)]
    return out


def write_stamp(
    folder: Path,
    docs: int,
    extra: dict[str, Any] | None = None,
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    stamp = {
        "schema_version": SCHEMA_VERSION,
        "analyzer_version": ANALYZER_VERSION,
        "segmenter": analysis.SEGMENTER,
        "docs": docs,
        "written_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        **(extra or {}),
    }
    stamp["files"] = manifest(folder, (previous or {}).get("files"))
    tmp = folder / (STAMP + ".tmp")
    tmp.write_text(json.dumps(stamp, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, folder / STAMP)
    return stamp


def active_generation(root: Path) -> Path:
    """The folder of the active generation; IndexMissing when there is none."""
    pointer = root / CURRENT
    try:
        raw = pointer.read_bytes()
    except FileNotFoundError:
        raise IndexMissing(f"no index at {root}") from None
    except OSError as exc:
        raise IndexCorrupt(f"{pointer}: {exc}") from exc
    try:
        # strict ASCII: a generation name is gen-<digits and dashes>; anything else in the
        # pointer (non-UTF-8 bytes, NUL, an empty file) is damage, rebuilt like any other
        name = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        raise IndexCorrupt(f"{pointer}: not a generation name ({raw[:40]!r})") from None
    if not GEN_NAME_RE.fullmatch(name):
        raise IndexCorrupt(f"{pointer}: bad generation name {name!r}")
    folder = root / name
    if not folder.is_dir():
        raise IndexCorrupt(f"{folder} is missing")
    return folder


def check_generation(folder: Path, *, verify_files: bool = True) -> dict[str, Any]:
    """Read and check STAMP.json; raise IndexOutdated / IndexCorrupt."""
    try:
        stamp = json.loads((folder / STAMP).read_text("utf-8"))
    except FileNotFoundError:
        raise IndexCorrupt(f"{folder / STAMP} is missing") from None
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{folder / STAMP}: {exc}") from exc
    if not isinstance(stamp, dict):
        raise IndexCorrupt(f"{folder / STAMP} is not an object")
    if stamp.get("schema_version") != SCHEMA_VERSION:
        raise IndexOutdated(
            f"schema version {stamp.get('schema_version')!r}, expected {SCHEMA_VERSION}"
        )
    if stamp.get("analyzer_version") != ANALYZER_VERSION:
        raise IndexOutdated(
            f"analyzer version {stamp.get('analyzer_version')!r}, expected {ANALYZER_VERSION}"
        )
    files = stamp.get("files")
    if not isinstance(files, dict) or not files:
        raise IndexCorrupt(f"{folder / STAMP} has no file manifest")
    if verify_files:
        for name, expected in files.items():
            path = folder / name
            try:
                size = path.stat().st_size
            except FileNotFoundError:
                raise IndexCorrupt(f"{path} is missing") from None
            if size != expected[0]:
                raise IndexCorrupt(f"{path}: size {size}, expected {expected[0]}")
            if file_crc(path) != expected[1]:
                raise IndexCorrupt(f"{path}: checksum mismatch")
    return stamp


def make_private(path: Path) -> None:
    """Owner-only access to an index folder (0700): entries may hold callers' words. On
    systems without POSIX modes this is a no-op."""
    if os.name == "posix":
        with contextlib.suppress(OSError):  # not ours (e.g. a shared folder): leave it
            os.chmod(path, 0o700)


def new_generation(root: Path) -> Path:
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(root)
    name = (
        f"{GEN_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    )
    folder = root / name
    folder.mkdir(mode=0o700)
    return folder


def activate(root: Path, folder: Path) -> None:
    """Point CURRENT at ``folder`` atomically, then remove other generations."""
    tmp = root / (CURRENT + ".tmp")
    tmp.write_text(folder.name, "utf-8")
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, root / CURRENT)
    remove_stale(root, keep=folder.name)


def remove_stale(root: Path, keep: str) -> None:
    """Delete generations other than ``keep`` (ignored while another process holds them
    open on systems that refuse; a later build cleans up)."""
    now = time.time()
    for path in root.iterdir():
        if not (path.is_dir() and path.name.startswith(GEN_PREFIX)) or path.name == keep:
            continue
        finished = (path / STAMP).exists()
        if finished or now - path.stat().st_mtime > 3600:  # an unfinished one may be building
            shutil.rmtree(path, ignore_errors=True)
