"""The op wire format between a seat and the central database: op kinds and result
statuses, ``Op`` (op UUID, entity, base revision, changed fields with old and new values),
``PushResponse``, value encoding, and the refusals (``OpRejected``, ``OpInvalid``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    Table,
)

from seat_app.domain.messages import UserMessage

SYSTEM_FIELDS = frozenset({"id", "revision", "change_seq", "changed_by", "changed_at", "deleted"})


"""Columns of SyncedMixin that only the central side sets (never carried by an op)."""


INSERT, UPDATE, DELETE = "insert", "update", "delete"


LINK_DUPLICATE = "link_duplicate"
"""An action op: close case ``entity_id`` (entity "cases") as a duplicate of the case in
``changes["duplicate_of"][1]`` (并案). It is business state the agent decided, kept in the
seat's outbox like any change (offline, across a restart) and applied on the central
database by sync, after the ops queued before it (the case's own insert), through the
dispatch workflow that the seat's wiring hands to sync (``SyncEngine(actions=...)``)."""

ACTION_KINDS = frozenset({LINK_DUPLICATE})
"""Op kinds that are workflow actions, not row changes: ``apply_ops`` never gets them."""


class ActionLater(Exception):
    """An action op cannot be applied yet (its case has not reached the central database,
    or no applier is wired in this process): it stays in the outbox for the next sync."""


APPLIED, MERGED, CONFLICT, REJECTED = "applied", "merged", "conflict", "rejected"


HELD = "held"


"""Not applied because an earlier op of the same row was rejected in this batch: the op
stays in the seat's outbox (not recorded centrally)."""


def encode_value(value: Any) -> Any:
    """A column value as JSON: timestamps as UTC ISO text, dates as ISO dates."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode_value(table: Table, column: str, value: Any) -> Any:
    """A JSON value back to the Python value of ``table.column``."""
    if value is None:
        return None
    col_type = table.c[column].type
    impl = getattr(col_type, "impl", col_type)
    if isinstance(impl, DateTime):
        if isinstance(value, datetime):
            return value
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if isinstance(impl, Date):
        return value if isinstance(value, date) else date.fromisoformat(value)
    if isinstance(impl, Boolean):
        return bool(value)
    if isinstance(impl, Integer):
        return int(value)
    return value


def encode_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: encode_value(v) for k, v in row.items()}


@dataclass(slots=True)
class Op:
    """One change a seat made, as pushed: ``changes`` maps a field to ``[old, new]``
    (JSON-encoded values; ``old`` is None for inserts)."""

    op_id: str
    entity: str
    entity_id: str
    kind: str
    base_revision: int
    changes: dict[str, list[Any]]
    actor: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "kind": self.kind,
            "base_revision": self.base_revision,
            "changes": self.changes,
            "actor": self.actor,
        }


@dataclass(slots=True)
class PushResponse:
    """What central answers to a batch: one result per op (in order) and the current
    central rows of the entities the ops touched, keyed by (entity, id)."""

    results: list[dict[str, Any]]
    rows: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


class OpRejected(Exception):
    pass


class OpInvalid(OpRejected, UserMessage):
    """The op's values break the case rules (taxonomy, grid, life cycle, text).

    Not recorded in ``applied_ops``: nothing was applied, and once the cause is fixed (the
    unit created centrally, the case corrected at the seat) a retry is judged afresh."""

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en
        super().__init__(f"{zh}\n{en}")
