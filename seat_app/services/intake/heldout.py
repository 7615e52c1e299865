"""Which closed cases a model never learns from, so that its accuracy can be measured on them.

``seat-admin intake train`` holds out one case in ten, chosen by a hash of the case id
(deterministic: the same case is held out in every training, on every machine), and writes
the rule and the training time into the model's meta. ``seat-admin intake report`` then
re-scores with the current model only the cases it did not learn from: the held-out ones,
and those created after it was trained. A model without that record (trained before the
rule, or by hand) re-scores nothing: its figures would be measured on its own training data.

    cases = closed_cases(engine, exclude=is_held_out)        # training
    model.meta[META_KEY] = held_out_meta(trained_at)
    unseen = unseen_by(model.meta)                           # report: None = unknown
    unseen(case_id, created_at)                              # True: never learned from
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

META_KEY = "held_out"
SCHEME = "sha256-case-id-mod-1000-below-100"
"""The rule's name in the model file: a model trained under another rule is not trusted."""
BUCKETS = 1000
HELD_OUT_BELOW = 100
"""Buckets 0-99 of 1000: one case in ten is never trained on."""
RULE = (
    "工单编号（id）的 SHA-256 取模 1000 小于 100（十分之一）",
    "SHA-256 of the case id mod 1000 below 100 (one case in ten)",
)

Unseen = Callable[[str, datetime | None], bool]


def bucket(case_id: str) -> int:
    """0..999, from the case id alone (the bench's held-out split uses the same buckets)."""
    return int.from_bytes(hashlib.sha256(str(case_id).encode()).digest()[:4], "big") % BUCKETS


def is_held_out(case_id: str) -> bool:
    return bucket(case_id) < HELD_OUT_BELOW


def held_out_meta(trained_at: datetime) -> dict[str, Any]:
    """What a model trained with the held-out rule records about it."""
    return {"scheme": SCHEME, "trained_at": trained_at.astimezone(UTC).isoformat()}


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def unseen_by(meta: dict[str, Any]) -> Unseen | None:
    """For a model's meta: a test "this case was never learned from" (held out, or created
    after the training), or None when the model does not record how it was trained."""
    record = meta.get(META_KEY)
    if not isinstance(record, dict) or record.get("scheme") != SCHEME:
        return None
    try:
        trained_at = datetime.fromisoformat(str(record["trained_at"]))
    except (KeyError, ValueError):
        return None
    trained_at = _aware(trained_at) or trained_at

    def unseen(case_id: str, created_at: datetime | None) -> bool:
        created = _aware(created_at)
        return is_held_out(case_id) or (created is not None and created > trained_at)

    return unseen


def never_trained(_case_id: str, _created_at: datetime | None) -> bool:
    """KB-search routing learned from no case: every case is unseen."""
    return True
