"""Bulk actions on a filtered set of entries: retire, extend validity, move to another unit.

Planners are pure: they take the entries (as stored) and a filter, and return a
:class:`BulkPlan` with one :class:`PlannedChange` per selected entry — the fields before and
after, the field-level diff, and every problem (field, reason) found by the same check as an
import row. Nothing is applied here: services turn the ready changes into drafts (one new
version each, through review like any change); refused ones are shown with their reasons,
and entries the action would not change are listed as skipped with why.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from seat_app.domain.kb_upkeep.entry import RETIRED, FieldError, comparable, validate_entry
from seat_app.domain.kb_upkeep.errors import UpkeepError
from seat_app.domain.kb_upkeep.versions import FieldChange, diff
from seat_app.domain.text import text_problem


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """Which entries a bulk action is for (every given criterion must hold)."""

    domain: str = ""
    subcategory: str = ""
    matter: str = ""
    area: str = ""
    unit: str = ""
    kind: str = ""
    status: str = ""
    text: str = ""
    """Found in the title or the keywords."""
    valid_to_before: date | None = None
    """Only entries whose last day is before this date."""
    codes: frozenset[str] | None = None

    def matches(self, entry: Mapping[str, Any]) -> bool:
        for name in ("domain", "subcategory", "matter", "area", "unit", "kind", "status"):
            wanted = getattr(self, name)
            if wanted and entry.get(name) != wanted:
                return False
        if self.text and self.text not in f"{entry.get('title', '')} {entry.get('keywords', '')}":
            return False
        if self.valid_to_before is not None:
            end = comparable(entry)["valid_to"]
            if not isinstance(end, date) or end >= self.valid_to_before:
                return False
        return self.codes is None or entry.get("code") in self.codes

    @property
    def empty(self) -> bool:
        return not any((self.domain, self.subcategory, self.matter, self.area, self.unit,
                        self.kind, self.status, self.text, self.valid_to_before,
                        self.codes is not None))


class BulkAction(StrEnum):
    RETIRE = "retire"
    EXTEND = "extend"
    MOVE_UNIT = "move_unit"


@dataclass(frozen=True, slots=True)
class PlannedChange:
    code: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    changes: tuple[FieldChange, ...]
    errors: tuple[FieldError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class Skipped:
    code: str
    zh: str
    en: str


@dataclass(slots=True)
class BulkPlan:
    action: BulkAction
    changes: list[PlannedChange] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def ready(self) -> list[PlannedChange]:
        return [c for c in self.changes if c.ok]

    @property
    def refused(self) -> list[PlannedChange]:
        return [c for c in self.changes if not c.ok]

    @property
    def ok(self) -> bool:
        return not self.refused


def _selected(entries: Iterable[Mapping[str, Any]], flt: EntryFilter) -> list[Mapping[str, Any]]:
    if flt.empty:
        raise UpkeepError("批量操作必须先设置筛选条件。",
                          "A bulk action needs a filter (it never applies to everything).")
    return sorted((e for e in entries if flt.matches(e)), key=lambda e: str(e.get("code", "")))


def _plan(action: BulkAction, entries: Iterable[Mapping[str, Any]], flt: EntryFilter,
          change: Any) -> BulkPlan:
    plan = BulkPlan(action)
    for entry in _selected(entries, flt):
        code = str(entry.get("code", ""))
        before = comparable(entry)
        outcome = change(before)
        if isinstance(outcome, Skipped):
            plan.skipped.append(Skipped(code, outcome.zh, outcome.en))
            continue
        row, errors = validate_entry(outcome)
        plan.changes.append(PlannedChange(code, before, comparable(row) if not errors else
                                          outcome, diff(before, outcome), tuple(errors)))
    return plan


def plan_retire(entries: Iterable[Mapping[str, Any]], flt: EntryFilter) -> BulkPlan:
    """Status 已下线 for every selected entry (already retired ones are skipped)."""
    def change(before: dict[str, Any]) -> dict[str, Any] | Skipped:
        if before["status"] == RETIRED:
            return Skipped("", "已经是已下线", "already retired")
        return {**before, "status": RETIRED}
    return _plan(BulkAction.RETIRE, entries, flt, change)


def plan_extend(entries: Iterable[Mapping[str, Any]], flt: EntryFilter, *,
                valid_to: date | None = None, days: int | None = None) -> BulkPlan:
    """A new last day: ``valid_to`` for all, or each entry's own last day plus ``days``.
    Entries without a last day are skipped (they never expire)."""
    if (valid_to is None) == (days is None):
        raise UpkeepError("请给出新的失效日期，或延长的天数（二选一）。",
                          "Give either a new end date or a number of days, not both.")
    if days is not None and days <= 0:
        raise UpkeepError("延长的天数应为正数。", "The number of days must be positive.")

    def change(before: dict[str, Any]) -> dict[str, Any] | Skipped:
        end = before["valid_to"]
        if not isinstance(end, date):
            return Skipped("", "没有失效日期（长期有效），无需延期",
                           "no end date (valid without limit): nothing to extend")
        new_end = valid_to if valid_to is not None else end + timedelta(days=days or 0)
        if new_end == end:
            return Skipped("", "失效日期已是该日期", "the end date is that date already")
        return {**before, "valid_to": new_end}
    return _plan(BulkAction.EXTEND, entries, flt, change)


def plan_move_unit(entries: Iterable[Mapping[str, Any]], flt: EntryFilter, unit: str, *,
                   known_units: Collection[str] | None = None) -> BulkPlan:
    """Handling unit ``unit`` for every selected entry; ``known_units`` (the grid's unit
    names) refuses a unit that is not in the grid."""
    unit = unit.strip()
    problem = text_problem("承办单位", "The unit", unit)
    if problem is not None:
        raise UpkeepError(*problem)
    if not unit:
        raise UpkeepError("请选择新的承办单位。", "Choose the new handling unit.")
    if known_units is not None and unit not in known_units:
        raise UpkeepError(f"网格中没有承办单位「{unit}」。",
                          f"There is no unit {unit!r} in the grid.")

    def change(before: dict[str, Any]) -> dict[str, Any] | Skipped:
        if before["unit"] == unit:
            return Skipped("", "已经是该承办单位", "already that unit")
        return {**before, "unit": unit}
    return _plan(BulkAction.MOVE_UNIT, entries, flt, change)
