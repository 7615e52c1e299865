"""What the seat window and the shell read of central cases and units.

The Qt layer runs no SQL: seat_app/qt/wiring.py and seat_app/qt/shell.py call these.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, or_, select

from seat_app.services.store.engine import is_connection_error as store_is_connection_error
from seat_app.services.store.models import Base
from seat_app.services.store.models_dispatch import UNITS


def case_header(engine: Engine, case_id: str) -> dict[str, Any] | None:
    """{"case_number", "status", "unit", "deadline"} of a central case, None when absent."""
    cases = Base.metadata.tables["cases"]
    with engine.connect() as conn:
        row = conn.execute(
            select(cases.c.case_number, cases.c.status, cases.c.handling_unit, cases.c.deadline)
            .where(cases.c.id == case_id)
        ).mappings().first()
    if row is None:
        return None
    return {"case_number": row["case_number"], "status": row["status"],
            "unit": row["handling_unit"] or "", "deadline": row["deadline"]}


def case_exists(engine: Engine, case_id: str) -> bool:
    """Whether the case reached the central database (a sync carried it there)."""
    cases = Base.metadata.tables["cases"]
    with engine.connect() as conn:
        return conn.execute(select(cases.c.id).where(cases.c.id == case_id)).first() is not None


def unit_code_for(engine: Engine, unit: str) -> str | None:
    """The code of the handling unit a unit user is bound to (``users.unit`` holds the unit's
    name, as cases name their handling unit; a code is accepted too)."""
    if not unit.strip():
        return None
    with engine.connect() as conn:
        row = conn.execute(
            select(UNITS.c.code)
            .where(or_(UNITS.c.name == unit, UNITS.c.code == unit), UNITS.c.deleted.is_(False))
            .order_by(UNITS.c.active.desc())
            .limit(1)
        ).first()
    return row.code if row is not None else None


def is_connection_error(error: BaseException | None) -> bool:
    """The central database could not be reached (worth trying again after the next sync):
    ``store.is_connection_error``, the one test of it."""
    return store_is_connection_error(error)
