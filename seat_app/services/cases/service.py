"""The case service: create, edit and save cases through the seat-local store.

A save is one local transaction (the case row, its timeline event, the outbox ops and the
removal of the form's draft); when ``create`` or ``update`` returns, the case is stored
durably on this workstation and will reach the central database by sync. Works offline.
"""

from __future__ import annotations

import contextlib
import json
import threading
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, func, select

from seat_app.domain.case import (
    CASE_EDITABLE_FIELDS,
    OPEN_STATUSES,
    CaseStatus,
    CaseValidationError,
    FieldError,
    Handling,
    SavedCase,
    lifecycle_errors,
    validate_case_fields,
)
from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.services.calendar_data import load_calendar
from seat_app.services.config import SeatHome
from seat_app.services.local.outbox import (
    drop_action,
    queued_actions,
    rejected_changes,
    retry_rejected,
    split_error,
)
from seat_app.services.local.store import Draft, LocalStore, LocalTx
from seat_app.services.store.models import utcnow
from seat_app.services.store.ops import LINK_DUPLICATE

LONG_TEXT_FIELDS = frozenset({"description", "reply_text"})

# The active unit names of each seat-local store (by file), read once per change of its
# unit list: (units' row count, their largest change number) -> names. A pull brings every
# unit change with a change number above all it brought before (pulls go in change order),
# and units are written only by pulls, so the pair changes whenever the list does.
_UNIT_NAMES: dict[str, tuple[tuple[int, int], frozenset[str]]] = {}
_UNIT_NAMES_LOCK = threading.Lock()


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, str) and name not in LONG_TEXT_FIELDS:
            value = value.strip()
        out[name] = value
    return out


def _with_taxonomy(values: dict[str, Any]) -> None:
    """Fill domain and subcategory from a known matter (the form picks only the matter)."""
    matter = values.get("matter")
    if isinstance(matter, str) and is_matter(matter):
        m = matter_by_name(matter)
        if not values.get("domain"):
            values["domain"] = m.domain
        if not values.get("subcategory"):
            values["subcategory"] = m.subcategory


UNIT_UNVERIFIED = (
    "承办单位未能在本机核对（本机还没有单位目录，首次同步后才有），中心收到时会再核对；"
    "如被拒收，会在同步状态里列出原因。",
    "The handling unit could not be checked on this seat (no unit list yet: it comes with "
    "the first sync); the central database checks it, and a refusal is listed with its "
    "reason in the sync status.",
)
"""The warning of a dispatch saved before the seat's first pull of the unit list."""


class CaseService:
    """Cases of one seat (``store.seat_code``) and one signed-in agent (work number)."""

    def __init__(self, store: LocalStore, *, agent: str = "", seat_code: str | None = None):
        self.store = store
        self.agent = agent
        self.seat_code = seat_code or store.seat_code
        self.last_warnings: list[tuple[str, str]] = []
        """(zh, en) warnings of the last save (e.g. a unit that could not be checked)."""

    # checks -------------------------------------------------------------------------
    def unit_names(self, conn: Connection | None = None) -> frozenset[str] | None:
        """Names of the active handling units in the seat's unit list (pulled from the
        central database), or None when this seat has no unit list yet.

        None is not acceptance: the save says the unit was not checked here
        (``last_warnings``) and the central database checks it before applying; a refusal
        stays on the seat with its reason (``rejected_changes``).

        Cached per store until a pull changes the unit list (one small query per call
        instead of reading the ~500 names on every save)."""
        t = self.store.table("units")
        if conn is None:
            with self.store.engine.connect().execution_options(seat_read_only=True) as c:
                return self.unit_names(c)
        count, last = conn.execute(select(func.count(), func.max(t.c.change_seq))).one()
        if not count:
            return None
        version = (int(count), int(last or 0))
        where = str(self.store.path)
        with _UNIT_NAMES_LOCK:
            cached = _UNIT_NAMES.get(where)
        if cached is not None and cached[0] == version:
            return cached[1]
        names = frozenset(
            conn.execute(
                select(t.c.name).where(t.c.deleted.is_(False), t.c.active.is_(True))
            ).scalars()
        )
        with _UNIT_NAMES_LOCK:
            _UNIT_NAMES[where] = (version, names)
        return names

    # saving -------------------------------------------------------------------------
    def create(
        self,
        fields: dict[str, Any],
        *,
        form_id: str | None = None,
        call_id: str | None = None,
        now: datetime | None = None,
    ) -> dict[str, Any]:
        """Validate and store a new case; returns the stored row (with ``case_number``).

        Raises ``CaseValidationError`` (nothing stored, the draft kept) on bad input.
        Status defaults to 已办结 for direct resolution and 已转派 for a dispatch."""
        values = _clean(fields)
        values = {k: (v.value if isinstance(v, StrEnum) else v) for k, v in values.items()}
        _with_taxonomy(values)
        if values.get("handling") in set(Handling) and not values.get("status"):
            values["status"] = (
                CaseStatus.CLOSED
                if values["handling"] == Handling.DIRECT
                else CaseStatus.DISPATCHED
            ).value
        units = self.unit_names()
        errors = validate_case_fields(values, units=units)
        if not errors:
            errors = lifecycle_errors(None, values)
        if errors:
            raise CaseValidationError(errors)
        self.last_warnings = (
            [UNIT_UNVERIFIED] if units is None and values.get("handling_unit") else []
        )
        now = now or utcnow()
        values.update(agent=self.agent, seat_code=self.seat_code, created_at=now, accepted_at=now)
        if call_id:
            values["call_id"] = call_id
        if values["status"] == CaseStatus.CLOSED:
            values["closed_at"] = now
        with self.store.transaction() as tx:
            values["case_number"] = tx.next_case_number(self.seat_code, now.astimezone().date())
            row = tx.insert("cases", values, actor=self.agent)
            self._event(tx, row["id"], "受理", now)
            if values["status"] == CaseStatus.CLOSED:
                self._event(tx, row["id"], "办结", now, note="直接办理")
            elif values["status"] == CaseStatus.DISPATCHED:
                self._event(tx, row["id"], "转派", now, unit=values.get("handling_unit", ""))
            if form_id:
                tx.delete_draft(form_id)
        return row

    def update(
        self,
        case_id: str,
        changes: dict[str, Any],
        *,
        form_id: str | None = None,
        now: datetime | None = None,
    ) -> dict[str, Any]:
        """Validate and store changes to a case; returns the stored row.

        Only fields whose value changed go into the outbox op (with old and new value)."""
        values = _clean(changes)
        unknown = [k for k in values if k not in CASE_EDITABLE_FIELDS]
        if unknown:
            raise CaseValidationError([FieldError(k, f"未知字段：{k}") for k in unknown])
        now = now or utcnow()
        with self.store.transaction() as tx:
            current = tx.get("cases", case_id)
            if current is None or current["deleted"]:
                raise KeyError(f"工单不存在：{case_id}")
            if "matter" in values and values["matter"] != current.get("matter"):
                values.setdefault("domain", "")
                values.setdefault("subcategory", "")
                _with_taxonomy(values)
            values = {k: (v.value if isinstance(v, StrEnum) else v) for k, v in values.items()}
            changed = {k: v for k, v in values.items() if v != current.get(k)}
            merged = {k: current.get(k) for k in CASE_EDITABLE_FIELDS}
            merged.update(values)
            check = dict(changed)
            if {"handling", "handling_unit"} & set(changed):
                check.setdefault("handling", merged.get("handling"))
                check.setdefault("handling_unit", merged.get("handling_unit") or "")
            units = self.unit_names(tx.conn) if "handling_unit" in changed else None
            errors = validate_case_fields(check, partial=True, units=units)
            if not errors and changed:
                errors = lifecycle_errors(current, merged)
            if errors:
                raise CaseValidationError(errors)
            self.last_warnings = (
                [UNIT_UNVERIFIED]
                if ("handling_unit" in changed and units is None and changed["handling_unit"])
                else []
            )
            if values.get("status") == CaseStatus.CLOSED and not current.get("closed_at"):
                values["closed_at"] = now
            row = tx.update("cases", case_id, values, actor=self.agent)
            if row is not None and "status" in values and values["status"] != current["status"]:
                self._event(tx, case_id, str(values["status"]), now)
            if form_id:
                tx.delete_draft(form_id)
        if row is not None and self.rejected_changes(case_id):
            # the agent corrected a case the central database refused: send it again
            self.retry_rejected(case_id)
        return row if row is not None else current

    # changes the central database refused ---------------------------------------------
    def rejected_changes(self, case_id: str | None = None) -> list[dict[str, Any]]:
        """Changes central refused, kept on this seat with the reason (see
        ``seat_app.services.local.outbox.rejected_changes``)."""
        return rejected_changes(self.store, case_id)

    def retry_rejected(self, case_id: str | None = None) -> int:
        """Queue refused changes again as the rows are now (see
        ``seat_app.services.local.outbox.retry_rejected``); the next sync sends them."""
        return retry_rejected(self.store, case_id)

    def save(
        self, fields: dict[str, Any], *, case_id: str | None = None, form_id: str | None = None
    ) -> dict[str, Any]:
        """Create (no ``case_id``) or update; the form's draft goes in the same transaction."""
        if case_id:
            return self.update(case_id, fields, form_id=form_id)
        return self.create(fields, form_id=form_id)

    def delete(self, case_id: str) -> bool:
        """Tombstone a case (an entry made by mistake); synced as a delete."""
        with self.store.transaction() as tx:
            done = tx.delete("cases", case_id, actor=self.agent)
            if done:
                self._event(tx, case_id, "撤销", utcnow())
        return done

    def _event(
        self, tx: LocalTx, case_id: str, kind: str, at: datetime, *, unit: str = "", note: str = ""
    ) -> None:
        tx.insert(
            "case_events",
            {
                "case_id": case_id,
                "kind": kind,
                "at": at,
                "actor": self.agent,
                "unit": unit,
                "note": note,
            },
            actor=self.agent,
        )

    # drafts -------------------------------------------------------------------------
    def save_draft(self, form_id: str, fields: dict[str, Any], case_id: str | None = None) -> None:
        """Autosave the form while typing (no validation: a draft may be incomplete)."""
        self.store.save_draft(form_id, fields, case_id)

    def drafts(self) -> list[Draft]:
        return self.store.list_drafts()

    # reading ------------------------------------------------------------------------
    def get(self, case_id: str) -> dict[str, Any] | None:
        return self.store.get("cases", case_id)

    def by_number(self, case_number: str) -> dict[str, Any] | None:
        t = self.store.table("cases")
        rows = self.store.rows("cases", t.c.case_number == case_number.strip(), limit=1)
        return rows[0] if rows else None

    def recent(self, limit: int = 50) -> list[dict[str, Any]]:
        t = self.store.table("cases")
        return self.store.rows("cases", order_by=t.c.created_at.desc(), limit=limit)

    def by_phone(self, phone: str, limit: int = 20) -> list[dict[str, Any]]:
        """The caller's earlier cases known to this seat, newest first."""
        t = self.store.table("cases")
        return self.store.rows(
            "cases", t.c.caller_phone == phone.strip(), order_by=t.c.created_at.desc(), limit=limit
        )

    def events(self, case_id: str) -> list[dict[str, Any]]:
        t = self.store.table("case_events")
        return self.store.rows("case_events", t.c.case_id == case_id, order_by=t.c.at)

    def conflicts(self, case_id: str | None = None) -> list[dict[str, Any]]:
        """Open conflicts (both values kept) pulled from central."""
        t = self.store.table("conflicts")
        where = [t.c.status == "open", t.c.entity == "cases"]
        if case_id:
            where.append(t.c.entity_id == case_id)
        return self.store.rows("conflicts", *where, order_by=t.c.changed_at)

    def count(self) -> int:
        return self.store.count("cases")

    def resolve_conflict(self, conflict_id: str, choice: str, value: Any = None) -> dict:
        """Resolve a stored conflict: ``choice`` is "local" (the seat's value), "central"
        (keep central's) or "value" (``value``). The case field and the conflict's status
        change in one local transaction and sync like any edit."""
        with self.store.transaction() as tx:
            conflict = tx.get("conflicts", conflict_id)
            if conflict is None or conflict["status"] != "open":
                raise KeyError(f"冲突不存在或已解决：{conflict_id}")
            if choice == "local":
                chosen = json.loads(conflict["local_value"])
            elif choice == "central":
                chosen = json.loads(conflict["central_value"])
            elif choice == "value":
                chosen = value
            else:
                raise ValueError("choice must be local, central or value")
            field = conflict["field"]
            if conflict["entity"] == "cases" and field in CASE_EDITABLE_FIELDS:
                # a typed value (or a side's value) meets the same rules as any edit
                current = tx.get("cases", conflict["entity_id"])
                if isinstance(chosen, str) and field not in LONG_TEXT_FIELDS:
                    chosen = chosen.strip()
                if field == "deadline" and isinstance(chosen, str) and chosen:
                    try:
                        chosen = date.fromisoformat(chosen)
                    except ValueError:
                        raise CaseValidationError(
                            [FieldError(field, "办理时限应为日期。", "Deadline must be a date.")]
                        ) from None
                units = self.unit_names(tx.conn) if field == "handling_unit" else None
                errors = validate_case_fields({field: chosen}, partial=True, units=units)
                if not errors and current is not None and field in ("status", "handling"):
                    merged = {k: current.get(k) for k in CASE_EDITABLE_FIELDS}
                    errors = lifecycle_errors(current, {**merged, field: chosen})
                if errors:
                    raise CaseValidationError(errors)
                tx.update("cases", conflict["entity_id"], {field: chosen}, actor=self.agent)
            tx.update(
                "conflicts",
                conflict_id,
                {
                    "status": "resolved",
                    "resolution": json.dumps(chosen, ensure_ascii=False, default=str),
                    "resolved_by": self.agent,
                    "resolved_at": utcnow(),
                },
                actor=self.agent,
            )
        return {"field": field, "value": chosen}

    # the seat window's case port (seat_app.qt.ports.CasePort) ----------------------
    @classmethod
    def for_seat(cls, home: SeatHome, store: LocalStore, *, agent: str = "1001") -> CaseService:
        return cls(store, agent=agent, seat_code=home.settings.seat_code)

    def save_case(self, data: dict[str, Any]) -> SavedCase:
        """Save the case form's dict (the cases table's column names: caller_phone,
        caller_area, handling, handling_unit, reply_text, kb_code ...; plus deadline_days,
        draft_id, call_id and, for an edit, case_number).

        Returns the SavedCase (case number, id, status, (zh, en) warnings)."""
        fields = form_to_fields(data)
        days = data.get("deadline_days")
        if fields.get("handling") == Handling.DISPATCH and days:
            try:
                count = int(days)
                if not 1 <= count <= 365:
                    raise ValueError(count)
            except (TypeError, ValueError):
                raise CaseValidationError(
                    [
                        FieldError(
                            "deadline",
                            f"办理时限应为 1–365 个工作日：{days!r}。",
                            f"The deadline must be 1 to 365 working days: {days!r}.",
                        )
                    ]
                ) from None
            fields["deadline"] = deadline_after(count)
        form_id = data.get("draft_id") or None
        existing = self.by_number(str(data["case_number"])) if data.get("case_number") else None
        if existing is not None:
            row = self.update(existing["id"], fields, form_id=form_id)
        else:
            row = self.create(fields, form_id=form_id, call_id=data.get("call_id"))
        return SavedCase(row["case_number"], row["id"], row["status"], tuple(self.last_warnings))

    def suggest_unit(self, matter: str, area: str) -> dict[str, Any]:
        """The handling unit for a dispatch from the seat's unit list: for each of the
        matter's unit types in order, the area's unit of that type, else the city-level one;
        5 working days. ``unit`` is empty when the list has none (never a made-up name: the
        agent picks one, and central checks it)."""
        try:
            unit_types = matter_by_name(matter).unit_types
        except KeyError:
            unit_types = ()
        name = ""
        t = self.store.table("units")
        for unit_type in unit_types:
            for where in (area, "市直"):
                found = self.store.rows(
                    "units",
                    t.c.unit_type == unit_type,
                    t.c.area == where,
                    t.c.active.is_(True),
                    t.c.deleted.is_(False),
                    order_by=t.c.level,
                    limit=1,
                )
                if found:
                    name = found[0]["name"]
                    break
            if name:
                break
        days = 5
        due = deadline_after(days)
        return {
            "unit": name,
            "deadline_days": days,
            "deadline_text": f"{due:%Y-%m-%d}（{days} 个工作日）",
        }

    # duplicate links (并案): business state, an outbox op that sync applies centrally --
    def queue_duplicate_link(self, case_id: str, earlier_case_id: str) -> None:
        """Close ``case_id`` as a duplicate of ``earlier_case_id`` on the central database:
        one local transaction queues the link op behind the case's own ops, so it works
        offline and survives a restart; sync applies it once the case is central. The
        agent's latest choice for a case wins (an older pending link of it is replaced)."""
        if not earlier_case_id or earlier_case_id == case_id:
            raise CaseValidationError(
                [
                    FieldError(
                        "duplicate_of",
                        "重复件必须关联另一张工单。",
                        "A duplicate must link to another case.",
                    )
                ]
            )
        queued = [
            o for o in queued_actions(self.store, LINK_DUPLICATE, case_id) if o.state == "pending"
        ]
        if any(o.op.changes["duplicate_of"][1] == earlier_case_id for o in queued):
            return
        for o in queued:
            drop_action(self.store, o.op_id)
        with self.store.transaction() as tx:
            tx.action(
                "cases",
                case_id,
                LINK_DUPLICATE,
                {"duplicate_of": earlier_case_id},
                actor=self.agent,
            )

    LEGACY_LINKS_KEY = "pending_duplicate_links"
    """Where a seat before the outbox op kept its queued links (a JSON list in meta)."""

    def adopt_legacy_links(self) -> int:
        """Queue links an older seat kept in the store's meta as outbox ops, once (then the
        meta entry is cleared); links whose case is not in this store are left there."""
        raw = self.store.get_meta(self.LEGACY_LINKS_KEY)
        try:
            links = json.loads(raw) if raw else []
        except ValueError:
            return 0  # unreadable: left as it is, never thrown away
        left, adopted = [], 0
        for link in links if isinstance(links, list) else []:
            case_id = str(link.get("case_id", "")) if isinstance(link, dict) else ""
            earlier = str(link.get("earlier_case_id", "")) if isinstance(link, dict) else ""
            if case_id and earlier and self.store.get("cases", case_id) is not None:
                self.queue_duplicate_link(case_id, earlier)
                adopted += 1
            else:
                left.append(link)
        self.store.set_meta(
            self.LEGACY_LINKS_KEY, json.dumps(left, ensure_ascii=False) if left else None
        )
        return adopted

    def duplicate_links(self) -> list[dict[str, Any]]:
        """Links not applied centrally yet, oldest first: case_id, case_number,
        earlier_case_id, state ("pending", or "rejected" with error and error_en)."""
        out = []
        for o in queued_actions(self.store, LINK_DUPLICATE):
            row = self.store.get("cases", o.op.entity_id)
            zh, en = split_error(o.last_error) if o.state == "rejected" else ("", "")
            out.append(
                {
                    "op_id": o.op_id,
                    "case_id": o.op.entity_id,
                    "case_number": row["case_number"] if row else "",
                    "earlier_case_id": str(o.op.changes["duplicate_of"][1]),
                    "state": o.state,
                    "error": zh,
                    "error_en": en,
                }
            )
        return out

    def drop_duplicate_link(self, case_id: str, earlier_case_id: str) -> bool:
        """Take back a link central has not applied yet (the agent ignored the suggestion)."""
        dropped = False
        for o in queued_actions(self.store, LINK_DUPLICATE, case_id):
            if o.op.changes["duplicate_of"][1] == earlier_case_id:
                dropped = drop_action(self.store, o.op_id) or dropped
        return dropped

    def history(self, phone: str) -> list[dict[str, Any]]:
        """The caller's earlier cases for the history panel."""
        out = []
        for row in self.by_phone(phone) if phone.strip() else []:
            out.append(
                {
                    "case_number": row["case_number"],
                    "id": row["id"],
                    "caller_name": row["caller_name"] or "",
                    "created_at": row["created_at"].isoformat() if row["created_at"] else "",
                    "matter": row["matter"],
                    "status": row["status"],
                    "summary": (row["description"] or "")[:120],
                    "open": row["status"] in {s.value for s in OPEN_STATUSES},
                }
            )
        return out


def today() -> date:
    return datetime.now().date()


def form_to_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The seat window's form dict as case fields. The form's keys are the columns' names;
    keys that are not editable case fields (deadline_days, draft_id, call_id, case_number,
    item, work_no ...) are dropped. ``handling`` may also be given as its script mode
    (direct, dispatch); a direct case has no handling unit."""
    fields = {k: v for k, v in data.items() if k in CASE_EDITABLE_FIELDS}
    handling = fields.get("handling")
    if handling:
        with contextlib.suppress(ValueError):  # not a handling: validation names the field
            fields["handling"] = Handling.of(str(handling)).value
    if fields.get("handling") == Handling.DIRECT:
        fields.pop("handling_unit", None)
    return fields


def deadline_after(working_days: int, start: date | None = None) -> date:
    """The date ``working_days`` working days after ``start`` (holiday calendar; plain
    weekdays when the calendar does not cover the year)."""
    start = start or today()
    try:
        return load_calendar(strict=False).add_working_days(start, working_days)
    except Exception:  # noqa: BLE001 - any calendar problem (file missing or damaged, year not covered): Monday to Friday
        day, left = start, working_days
        while left > 0:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day
