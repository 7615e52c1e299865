"""The grid (units and townships) for the dispatch service: reading, importing, counting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, or_, select, update

from seat_app.domain.grid import Grid, Unit, UnitSuggestion, suggest_units
from seat_app.services.dispatch.core import _no_case
from seat_app.services.dispatch.grid_import import RowError, parse_grid_file
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import new_uuid, utcnow
from seat_app.services.store.models_dispatch import CASES, UNITS


@dataclass(frozen=True, slots=True)
class GridImportOutcome:
    ok: bool
    errors: list[RowError]
    inserted: int = 0
    updated: int = 0
    deactivated: int = 0
    units: int = 0


def load_grid(conn: Connection, *, active_only: bool = True) -> Grid:
    """The grid from the central ``units`` table (townships derived from 乡镇 units)."""
    rows = conn.execute(
        select(UNITS).where(UNITS.c.deleted.is_(False)).order_by(UNITS.c.level, UNITS.c.code)
    ).mappings().all()
    code_of = {r["id"]: r["code"] for r in rows}
    units: list[Unit] = []
    townships: dict[str, list[str]] = {}
    for r in rows:
        if active_only and not r["active"]:
            continue
        units.append(Unit(r["code"], r["name"], r["area"], r["unit_type"],
                          code_of.get(r["parent_id"]) if r["parent_id"] else None,
                          r["township"] or "", bool(r["active"])))
        if r["unit_type"] == "乡镇" and r["township"]:
            townships.setdefault(r["area"], []).append(r["township"])
    return Grid(tuple(units), {a: tuple(dict.fromkeys(t)) for a, t in townships.items()})


def import_grid(engine: Engine, path: Path | str, *, actor: str = "admin",
                deactivate_missing: bool = True) -> GridImportOutcome:
    """Import units from a grid file (CSV or JSON, ``grid_import``) into ``units``.

    The whole file is validated first: with any error nothing changes and the errors (with
    their rows) come back. Otherwise one transaction upserts by unit code (parents resolved
    to row ids, level = depth in the tree) and marks units missing from the file inactive
    (never deleted: old cases keep their unit).
    """
    parsed = parse_grid_file(Path(path))
    if not parsed.ok:
        return GridImportOutcome(False, parsed.errors)
    grid = parsed.grid
    assert grid is not None
    now = utcnow()
    inserted = updated = deactivated = 0
    with engine.begin() as conn:
        seq = next_change_seq(conn)
        existing = {
            r["code"]: dict(r)
            for r in conn.execute(select(UNITS).where(UNITS.c.deleted.is_(False))).mappings()
        }
        ids = {code: row["id"] for code, row in existing.items()}
        for unit in grid.units:
            ids.setdefault(unit.code, new_uuid())
        stamp = {"change_seq": seq, "changed_by": actor[:64], "changed_at": now}
        new_rows, changes = [], []
        for unit in grid.units:
            values = {
                "code": unit.code, "name": unit.name, "area": unit.area, "unit_type": unit.unit_type,
                "parent_id": ids[unit.parent] if unit.parent else None,
                "level": len(grid.path(unit.code)), "township": unit.township or "",
                "active": unit.active,
            }
            old = existing.get(unit.code)
            if old is None:
                new_rows.append({"id": ids[unit.code], "revision": 1, "deleted": False, "phone": "",
                                 **stamp, **values})
            elif any(old[k] != v for k, v in values.items()):
                changes.append((old, values))
        if new_rows:
            conn.execute(insert(UNITS), new_rows)
            inserted = len(new_rows)
        for old, values in changes:
            conn.execute(update(UNITS).where(UNITS.c.id == old["id"])
                         .values(revision=old["revision"] + 1, **stamp, **values))
        updated = len(changes)
        if deactivate_missing:
            in_file = {u.code for u in grid.units}
            for code, old in existing.items():
                if code not in in_file and old["active"]:
                    conn.execute(update(UNITS).where(UNITS.c.id == old["id"])
                                 .values(revision=old["revision"] + 1, active=False, **stamp))
                    deactivated += 1
    return GridImportOutcome(True, [], inserted, updated, deactivated, len(grid.units))


def unit_counts(engine: Engine) -> dict[str, Any]:
    """For ``seat-admin grid show``: units by area and type, active and inactive."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(UNITS.c.area, UNITS.c.unit_type, UNITS.c.active, func.count())
            .where(UNITS.c.deleted.is_(False))
            .group_by(UNITS.c.area, UNITS.c.unit_type, UNITS.c.active)
        ).all()
    by_area: dict[str, int] = {}
    by_type: dict[str, int] = {}
    active = inactive = 0
    for area, unit_type, is_active, n in rows:
        if is_active:
            active += n
            by_area[area] = by_area.get(area, 0) + n
            by_type[unit_type] = by_type.get(unit_type, 0) + n
        else:
            inactive += n
    return {"active": active, "inactive": inactive, "by_area": by_area, "by_type": by_type}


class GridLookups:
    """The grid as the service sees it: unit codes, the grid, unit suggestions."""

    # -- units and the grid -----------------------------------------------------------------------
    def unit_code(self, code_or_name: str) -> str | None:
        """The unit code for a code or a unit name (users.unit and cases.handling_unit hold
        names); None when neither matches."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(UNITS.c.code).where(
                    UNITS.c.deleted.is_(False),
                    or_(UNITS.c.code == code_or_name, UNITS.c.name == code_or_name),
                ).order_by((UNITS.c.code == code_or_name).desc(), UNITS.c.active.desc())
            ).scalars().first()

    def load_grid(self) -> Grid:
        with self.engine.connect() as conn:
            return load_grid(conn)

    def suggest_units(self, case_id: str, township: str = "") -> list[UnitSuggestion]:
        """Handling units for the case's matter and area, best first."""
        with self.engine.connect() as conn:
            r = conn.execute(
                select(CASES.c.matter, CASES.c.caller_area).where(CASES.c.id == case_id)
            ).first()
            if r is None:
                raise _no_case(case_id)
            return suggest_units(load_grid(conn), r.matter, r.caller_area or "市直", township)
