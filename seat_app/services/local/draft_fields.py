"""Drafts written before the form's keys became the cases table's column names.

A draft is the only copy of what the agent typed until the case is saved, so a draft left
by an older Seat (a crash just before the upgrade) must still load with every field. This
module is the one place that knows the old keys; nothing writes them any more.
"""

from __future__ import annotations

import contextlib
from typing import Any

from seat_app.domain.case import Handling

_RENAMED = (
    ("phone", "caller_phone"),
    ("area", "caller_area"),
    ("address", "caller_address"),
    ("unit", "handling_unit"),
    ("reply", "reply_text"),
    ("kb_entry_code", "kb_code"),
    ("case_no", "case_number"),
    ("agent_no", "work_no"),
)
_OLD_HANDLING_KEY = "resolution"  # held "direct" / "dispatch", now ``handling``


def current_draft_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with any old key under its current name (a current key is never
    overwritten; the old ``direct``/``dispatch`` mode becomes the Handling value)."""
    if not any(old in fields for old, _new in _RENAMED) and _OLD_HANDLING_KEY not in fields:
        return fields
    out = dict(fields)
    for old, new in _RENAMED:
        if old in out:
            value = out.pop(old)
            out.setdefault(new, value)
    if _OLD_HANDLING_KEY in out:
        mode, handling = out.pop(_OLD_HANDLING_KEY), None
        with contextlib.suppress(ValueError):  # empty or unknown: no handling chosen yet
            handling = Handling.of(str(mode)).value if mode else None
        out.setdefault("handling", handling)
    return out
