"""Benchmarks (services never import them): the sync benchmark is seat_app.bench.sync
(``seat-admin sync bench``); the report benchmark is ``seat-admin report bench``; the Qt
keystroke benchmark is seat_app.qt.bench (it needs Qt); the index benchmark is kb_index.bench.

Typical use::

    from seat_app import bench
    result = bench.run_bench(central_url, workdir, rounds=3)   # bench.sync loads here
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.bench.sync import run_bench

# Public names load on first use (start-up: the sync benchmark loads SQLAlchemy).
_EXPORTS = {"run_bench": "sync"}

__all__ = ["run_bench"]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
