"""Units and the grid (网格) as data, and the dispatch suggestion.

Two trees share one list of units: the geographic one (city -> 13 county-level areas ->
townships, each township a unit of type 乡镇 under its county government) and the
organizational one (a government -> its departments -> their sub-units). Every unit has an
area (市直 for city level) and a unit type (住建, 城管, ... as in the matter table; 政府 for
governments, 乡镇 for township/street offices).

Dispatch suggestion: for the case's matter take its default unit types in order
(``seat_app.domain.taxonomy.MATTERS[i].unit_types``); for each, the area's department of that
type, else the city-level one; 乡镇 means the township's own office when the township is
known, else the area's township offices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from seat_app.domain.taxonomy import AREAS, CITY_AREA, MATTERS, is_area, matter_by_name

GOVERNMENT = "政府"
TOWNSHIP = "乡镇"
UNIT_TYPES: frozenset[str] = frozenset(
    {t for m in MATTERS for t in m.unit_types} | {GOVERNMENT, TOWNSHIP}
)
"""Unit types a grid may use."""


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: str
    area: str
    unit_type: str
    parent: str | None = None
    township: str = ""
    """For 乡镇 units: the township (乡/镇/街道) it governs."""
    active: bool = True


@dataclass(frozen=True, slots=True)
class GridProblem:
    code: str
    """The unit the problem is about ('' for the grid as a whole)."""
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class UnitSuggestion:
    unit: Unit
    rank: int
    reason: str


@dataclass
class Grid:
    units: tuple[Unit, ...]
    townships: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """area -> township names."""

    def __post_init__(self) -> None:
        self.units = tuple(self.units)
        self._by_code = {u.code: u for u in self.units}
        self._children: dict[str, list[Unit]] = {}
        for u in self.units:
            if u.parent:
                self._children.setdefault(u.parent, []).append(u)

    def unit(self, code: str) -> Unit:
        return self._by_code[code]

    def get(self, code: str) -> Unit | None:
        return self._by_code.get(code)

    def children(self, code: str) -> list[Unit]:
        return list(self._children.get(code, ()))

    def path(self, code: str) -> list[Unit]:
        """From the root down to ``code``."""
        out: list[Unit] = []
        seen: set[str] = set()
        unit = self._by_code.get(code)
        while unit is not None and unit.code not in seen:
            out.append(unit)
            seen.add(unit.code)
            unit = self._by_code.get(unit.parent) if unit.parent else None
        return out[::-1]

    def units_in_area(self, area: str, unit_type: str | None = None) -> list[Unit]:
        return [
            u for u in self.units
            if u.area == area and u.active and (unit_type is None or u.unit_type == unit_type)
        ]

    def validate(self) -> list[GridProblem]:
        """Grid-wide problems: duplicate codes, unknown parents, cycles, bad areas/types,
        townships outside their area's list, areas without a government."""
        problems: list[GridProblem] = []
        seen: set[str] = set()
        for u in self.units:
            if u.code in seen:
                problems.append(GridProblem(u.code, f"单位编码 {u.code} 重复。", f"Duplicate unit code {u.code}."))
            seen.add(u.code)
            if not is_area(u.area):
                problems.append(GridProblem(u.code, f"{u.code}：未知区域「{u.area}」。", f"{u.code}: unknown area {u.area!r}."))
            if u.unit_type not in UNIT_TYPES:
                problems.append(GridProblem(
                    u.code, f"{u.code}：未知单位类型「{u.unit_type}」。", f"{u.code}: unknown unit type {u.unit_type!r}."))
            if u.parent and u.parent not in self._by_code:
                problems.append(GridProblem(
                    u.code, f"{u.code}：上级单位 {u.parent} 不存在。", f"{u.code}: parent unit {u.parent} does not exist."))
            if u.unit_type == TOWNSHIP:
                if not u.township:
                    problems.append(GridProblem(u.code, f"{u.code}：乡镇单位缺少乡镇名称。", f"{u.code}: township unit without a township name."))
                elif u.township not in self.townships.get(u.area, ()):
                    problems.append(GridProblem(
                        u.code, f"{u.code}：乡镇「{u.township}」不在{u.area}的乡镇列表中。",
                        f"{u.code}: township {u.township!r} is not listed under {u.area}."))
        for u in self.units:
            node: Unit | None = u
            steps = 0
            while node is not None and node.parent and steps <= len(self.units):
                node = self._by_code.get(node.parent)
                steps += 1
            if steps > len(self.units):
                problems.append(GridProblem(u.code, f"{u.code}：上级关系成环。", f"{u.code}: the parent chain loops."))
        for area in self.townships:
            if not is_area(area):
                problems.append(GridProblem("", f"乡镇列表中有未知区域「{area}」。", f"Unknown area {area!r} in the township lists."))
        for area in AREAS:
            if self.units and not self.units_in_area(area, GOVERNMENT):
                problems.append(GridProblem("", f"{area} 没有政府（根）单位。", f"{area} has no government (root) unit."))
        return problems


def suggest_units(grid: Grid, matter: str, area: str, township: str = "") -> list[UnitSuggestion]:
    """Handling units for a case of ``matter`` in ``area`` (and ``township``), best first.

    Empty for matters outside the hotline's scope (no unit types) or unknown matters.
    """
    try:
        unit_types = matter_by_name(matter).unit_types
    except KeyError:
        return []
    found: list[UnitSuggestion] = []
    seen: set[str] = set()

    def add(unit: Unit, reason: str) -> None:
        if unit.code not in seen:
            seen.add(unit.code)
            found.append(UnitSuggestion(unit, len(found) + 1, reason))

    for unit_type in unit_types:
        if unit_type == TOWNSHIP:
            offices = grid.units_in_area(area, TOWNSHIP)
            exact = [u for u in offices if township and u.township == township]
            for u in exact or offices:
                add(u, f"{u.township}（{area}）乡镇属地" if exact else f"{area}乡镇属地")
            continue
        local = [u for u in grid.units_in_area(area, unit_type) if _is_department(grid, u)]
        for u in local:
            add(u, f"{area}{unit_type}主管单位")
        if not local and area != CITY_AREA:
            for u in grid.units_in_area(CITY_AREA, unit_type):
                if _is_department(grid, u):
                    add(u, f"{area}无{unit_type}单位，由市级承办")
    return found


def _is_department(grid: Grid, unit: Unit) -> bool:
    """Not a sub-unit of a unit of the same type (sub-units are chosen by their department)."""
    parent = grid.get(unit.parent) if unit.parent else None
    return parent is None or parent.unit_type != unit.unit_type

