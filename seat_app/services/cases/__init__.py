"""Cases on the seat: create, edit and save through the seat-local store (one local
transaction per save, works offline; sync carries it to the central database).

Typical use::

    from seat_app.services.cases import CaseService
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seat_app.services.cases.service import (
        CaseService,
        deadline_after,
        form_to_fields,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "CaseService": "service",
    "deadline_after": "service",
    "form_to_fields": "service",
}

__all__ = [
    "CaseService",
    "deadline_after",
    "form_to_fields",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
