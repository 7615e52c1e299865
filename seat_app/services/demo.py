"""The embedded default with demo data: one machine, no server.

``init_demo`` creates, in the home folder: the central SQLite database (schema by
migrations) with the demo knowledge base, the seat-local store with its KB copy, and the
Whoosh index built from that copy.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from seat_app.services.config import SeatHome

Progress = Callable[[str, int, int], None]


class DemoExists(Exception):
    """The home already holds demo data (use force to regenerate)."""


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def init_demo(
    home: SeatHome, *, entries: int = 40_000, force: bool = False, progress: Progress | None = None
) -> dict[str, object]:
    from seat_app.services import kb_demo, kb_io, kb_search
    from seat_app.services.db import make_engine, upgrade
    from seat_app.services.local_store import LocalStore

    progress = progress or _no_progress
    home.ensure()
    if home.central_db_path.exists() and not force:
        raise DemoExists(str(home.root))
    if force:
        for path in (home.central_db_path, home.local_db_path):
            for suffix in ("", "-wal", "-shm"):
                candidate = path.with_name(path.name + suffix)
                if candidate.exists():
                    candidate.unlink()
    started = time.perf_counter()
    engine = make_engine(home.central_url)
    try:
        upgrade(engine)
        kb_io.load_entries(
            engine, kb_demo.generate_entries(entries), total=entries, progress=progress
        )
        stats = kb_io.kb_stats(engine)
    finally:
        engine.dispose()
    local = LocalStore.open(home)
    try:
        local.refresh_kb_from_central(home.central_url, progress=progress)
    finally:
        local.close()
    build = kb_search.build_index(home, progress=progress)
    home.save_settings()
    return {**stats, "index": build, "seconds": round(time.perf_counter() - started, 1)}
