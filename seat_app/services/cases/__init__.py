"""Cases on the seat: create, edit and save through the seat-local store (one local
transaction per save, works offline; sync carries it to the central database).

Typical use::

    from seat_app.services.cases import CaseService
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

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

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
