"""Conflicts and refused ops, as the windows show and resolve them (no Qt).

A field changed differently at a seat and centrally is a stored ``conflicts`` row (see
``central.apply_ops``): central keeps its value, the seat's value waits in the row until
someone chooses. Two places choose:

* ``SeatConflicts``: the agent's own open conflicts (conflicts raised by ops of this seat,
  pulled into the seat-local store) and the seat's refused ops (the outbox entries central
  rejected, with central's reason). Resolving goes through ``CaseService.resolve_conflict``:
  one local transaction that syncs like any edit.
* ``CentralConflicts``: every open conflict on the central database (the team lead's
  console). Resolving is one central transaction: the chosen value goes on the case with a
  new revision and change number (``central.next_change_seq``, so every seat pulls it), the
  conflict row becomes resolved, and the audit log records who chose what (no values).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, update

from seat_app.domain.case import CASE_FIELD_RULES
from seat_app.domain.messages import UserMessage
from seat_app.services.local.outbox import split_error
from seat_app.services.security import audit
from seat_app.services.store import central
from seat_app.services.store.models import Base, utcnow

LOCAL, CENTRAL = "local", "central"
CHOICES = (LOCAL, CENTRAL)
RESOLVE_ACTION = "conflict_resolve"
"""The audit action of a conflict resolved on the central database."""

FIELD_LABELS_EN: dict[str, str] = {
    "channel": "Channel", "caller_name": "Caller", "caller_phone": "Phone",
    "caller_area": "Area", "caller_address": "Address", "matter": "Matter",
    "domain": "Domain", "subcategory": "Subcategory", "description": "Request",
    "reply_text": "Reply", "handling": "Handling", "handling_unit": "Handling unit",
    "status": "Status", "kb_code": "KB entry", "deadline": "Deadline",
    "deleted": "Deleted centrally", "duplicate_of": "Duplicate of (link)",
}


def field_label(name: str, language: str = "zh") -> str:
    """A case field's name for people (Chinese, or English with ``language='en'``)."""
    if language.startswith("en"):
        return FIELD_LABELS_EN.get(name, name)
    if name == "deadline":
        return "办理时限"
    if name == "deleted":
        return "中心已删除"
    if name == "duplicate_of":
        return "重复件关联"
    rule = CASE_FIELD_RULES.get(name)
    return rule.label if rule is not None else name


def show_value(raw: str | None) -> str:
    """A stored JSON value as text for the windows ('' for none)."""
    if raw is None:
        return ""
    try:
        value = json.loads(raw)
    except ValueError:
        return str(raw)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(f"{field_label(k)}：{show_value(json.dumps(v))}" for k, v in value.items())
    return str(value)


class ConflictError(UserMessage):
    """A conflict that cannot be resolved as asked (gone, already resolved, bad choice)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


def _check_choice(choice: str) -> None:
    if choice not in CHOICES:
        raise ConflictError(f"无效的选择：{choice}（应为 local 或 central）",
                            f"invalid choice: {choice} (local or central)")


def _item(row: dict[str, Any], case_number: str) -> dict[str, Any]:
    return {
        "id": row["id"],
        "case_id": row["entity_id"],
        "case_number": case_number or "",
        "field": row["field"],
        "label": field_label(row["field"]),
        "label_en": field_label(row["field"], "en"),
        "local": show_value(row["local_value"]),
        "central": show_value(row["central_value"]),
        "base": show_value(row["base_value"]),
        "seat_code": row.get("seat_code") or "",
        "by": row.get("changed_by") or "",
        "at": row["changed_at"].isoformat() if row.get("changed_at") else "",
    }


# ----------------------------------------------------------------------------- the seat


class SeatConflicts:
    """The agent's own open conflicts and the seat's refused ops (seat-local store)."""

    def __init__(self, store: Any, cases: Any) -> None:
        self.store = store
        self.cases = cases
        """The seat's ``CaseService`` (its ``resolve_conflict`` does the local work)."""

    @property
    def seat_code(self) -> str:
        return str(self.cases.seat_code)

    def open_items(self) -> dict[str, list[dict[str, Any]]]:
        """{"conflicts": [...], "rejected": [...]}: both values side by side, and each
        refused op with central's reason. Only this seat's conflicts (or the agent's own)."""
        t = self.store.table("conflicts")
        rows = self.store.rows(
            "conflicts",
            t.c.status == "open",
            t.c.deleted.is_(False),
            t.c.entity == "cases",
            (t.c.seat_code == self.seat_code) | (t.c.changed_by == self.cases.agent),
            order_by=t.c.changed_at,
        )
        numbers = self._case_numbers({r["entity_id"] for r in rows})
        conflicts = [_item(r, numbers.get(r["entity_id"], "")) for r in rows]
        rejected = []
        ops = self.store.outbox_ops("rejected")
        numbers.update(self._case_numbers({o.op.entity_id for o in ops} - set(numbers)))
        for o in ops:
            reason, reason_en = split_error(o.last_error)
            case_id = o.op.entity_id if o.op.entity == "cases" else str(
                (o.op.changes.get("case_id") or [None, ""])[1] or ""
            )
            if case_id and case_id not in numbers:
                numbers.update(self._case_numbers({case_id}))
            rejected.append({
                "op_id": o.op_id,
                "entity": o.op.entity,
                "entity_id": o.op.entity_id,
                "kind": o.op.kind,
                "case_number": numbers.get(case_id, ""),
                "fields": [field_label(f) for f in o.op.changes],
                "fields_en": [field_label(f, "en") for f in o.op.changes],
                "error": reason,
                "error_en": reason_en,
                "at": o.created_at.isoformat() if o.created_at else "",
            })
        return {"conflicts": conflicts, "rejected": rejected}

    def _case_numbers(self, ids: set[str]) -> dict[str, str]:
        if not ids:
            return {}
        t = self.store.table("cases")
        return {
            r["id"]: r["case_number"]
            for r in self.store.rows("cases", t.c.id.in_(sorted(ids)))
        }

    def resolve(self, conflict_id: str, choice: str) -> dict[str, Any]:
        """Keep the seat's value (``local``) or central's (``central``): one local
        transaction (case field + conflict row), pushed by the next sync."""
        _check_choice(choice)
        row = self.store.get("conflicts", conflict_id)
        if row is not None and row["field"] == "deleted" and choice == LOCAL:
            raise ConflictError(
                "这张工单已在中心删除：保留本座席的修改需由班长在监控台恢复（Alt+L）。",
                "This case was deleted centrally: keeping the seat's edit needs a team lead "
                "(console, Alt+L).",
            )
        try:
            return self.cases.resolve_conflict(conflict_id, choice)
        except KeyError as exc:
            raise ConflictError("冲突不存在或已解决。", "The conflict is gone or already resolved."
                                ) from exc


# ----------------------------------------------------------------------------- central


@dataclass(slots=True)
class Resolution:
    conflict_id: str
    case_id: str
    field: str
    choice: str
    change_seq: int
    revision: int


class CentralConflicts:
    """Every open case conflict on the central database, resolved by a lead (or admin)."""

    def __init__(self, engine: Engine, *, actor: str = "", role: str = "lead") -> None:
        self.engine, self.actor, self.role = engine, actor, role

    def open_conflicts(self, limit: int = 500) -> list[dict[str, Any]]:
        c = Base.metadata.tables["conflicts"]
        cases = Base.metadata.tables["cases"]
        stmt = (
            select(c, cases.c.case_number)
            .select_from(c.outerjoin(cases, cases.c.id == c.c.entity_id))
            .where(c.c.status == "open", c.c.deleted.is_(False), c.c.entity == "cases")
            .order_by(c.c.changed_at, c.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_item(dict(r), r["case_number"]) for r in conn.execute(stmt).mappings()]

    def count_open(self) -> int:
        from sqlalchemy import func

        c = Base.metadata.tables["conflicts"]
        with self.engine.connect() as conn:
            return int(conn.execute(
                select(func.count()).select_from(c)
                .where(c.c.status == "open", c.c.deleted.is_(False), c.c.entity == "cases")
            ).scalar_one())

    def resolve(self, conflict_id: str, choice: str) -> Resolution:
        """Apply the chosen value (the seat's: ``local``; central's: ``central``) in one
        transaction: the case row gets it with a new revision and change number, the
        conflict row is resolved (and pulled by every seat), the audit log records it."""
        _check_choice(choice)
        conflicts = Base.metadata.tables["conflicts"]
        with self.engine.begin() as conn:
            row = conn.execute(
                select(conflicts).where(conflicts.c.id == conflict_id).with_for_update()
            ).mappings().first()
            if row is None or row["status"] != "open" or row["deleted"]:
                raise ConflictError("冲突不存在或已解决。",
                                    "The conflict is gone or already resolved.")
            table = central.synced_table(row["entity"])
            case = conn.execute(
                select(table).where(table.c.id == row["entity_id"]).with_for_update()
            ).mappings().first()
            if case is None:
                raise ConflictError("冲突所属的工单不存在。", "The conflict's case does not exist.")
            seq = central.next_change_seq(conn)
            now = utcnow()
            stamp = {"change_seq": seq, "changed_by": self.actor[:64], "changed_at": now}
            field = row["field"]
            chosen_raw = row["local_value"] if choice == LOCAL else row["central_value"]
            chosen = json.loads(chosen_raw) if chosen_raw is not None else None
            values: dict[str, Any] = {}
            if field == "deleted":
                # edited at the seat, deleted centrally: keeping the seat's side restores
                # the case with the seat's edit
                if choice == LOCAL:
                    values["deleted"] = False
                    for name, value in (chosen or {}).items():
                        if name in table.c and name not in central.SYSTEM_FIELDS:
                            values[name] = central.decode_value(table, name, value)
            elif choice == LOCAL:
                if field not in table.c or field in central.SYSTEM_FIELDS:
                    raise ConflictError(f"字段不可修改：{field}", f"field not editable: {field}")
                value = central.decode_value(table, field, chosen)
                if central.encode_value(case[field]) != central.encode_value(value):
                    values[field] = value
            revision = int(case["revision"])
            if values:
                revision += 1
                conn.execute(
                    update(table).where(table.c.id == case["id"])
                    .values(**values, revision=revision, **stamp)
                )
            conn.execute(
                update(conflicts).where(conflicts.c.id == conflict_id).values(
                    status="resolved",
                    resolution=json.dumps(chosen, ensure_ascii=False, default=str),
                    resolved_by=self.actor[:16],
                    resolved_at=now,
                    revision=int(row["revision"]) + 1,
                    **stamp,
                )
            )
            audit.record(
                conn, work_no=self.actor, role=self.role, action=RESOLVE_ACTION,
                entity=row["entity"], entity_id=row["entity_id"],
                detail={"conflict": conflict_id, "field": field, "choice": choice},
            )
        return Resolution(conflict_id, row["entity_id"], field, choice, seq, revision)
