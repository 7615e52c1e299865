"""Lazy public names for a package ``__init__`` (PEP 562), written once.

A package lists its public names and the submodule defining each; importing the package
stays cheap (start-up: a name's module loads at its first use) and adds no import cycle.
Type checkers and import graphs read the same names from an ``if TYPE_CHECKING:`` block.

Typical use, at the end of a package's ``__init__.py``::

    from seat_app._lazy import lazy_exports

    _EXPORTS = {"SyncEngine": "engine", "sync_status": "engine"}   # name -> submodule
    __all__ = ["SyncEngine", "sync_status"]
    __getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, modules=("bench",))

``modules`` are submodules that also load on first attribute use (``pkg.bench.run``)
without being public names (``__all__`` never lists a submodule: no shadowing). A
submodule path may be dotted (``"lead.console"``) for a name defined deeper down.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping


def lazy_exports(
    package: str, exports: Mapping[str, str], *, modules: Iterable[str] = ()
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for the package named ``package`` (its ``__name__``).

    ``exports`` maps each public name to the submodule (relative to ``package``) defining
    it; the value found is kept in the package's namespace, so a name loads once."""
    namespace = sys.modules[package].__dict__
    table = dict(exports)
    submodules = frozenset(modules)

    def load(name: str) -> object:
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted(set(namespace) | set(table) | submodules)

    return load, names
