"""Which unit to suggest on dispatch: the grid's rule (matter + area -> responsible units,
``domain.grid.suggest_units``) combined with where similar past cases were FINALLY handled.

A case returned (退件) by unit A and re-dispatched to unit B counts as handled by B; the
return counts against A. A unit that keeps returning a kind of case (at least
:data:`MIN_RETURNS` returns and more returns than finished cases of that matter in that area)
stops being suggested for it; one that keeps finishing it is suggested even when the grid does
not name it (the grid is out of date).

The dispatch service is a higher layer: callers pass the grid's suggestion in
(``[(unit name, reason), ...]`` best first) and this module reads the history from ``cases``
and ``case_events``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from seat_app.domain.case import CaseStatus
from seat_app.services.store.models import Case, CaseEvent

CASES = Case.__table__
EVENTS = CaseEvent.__table__
RETURN_KIND = "退件"
"""``case_events.kind`` of a unit's return (dispatch.core.EVENT_KIND)."""
MIN_RETURNS = 3
GRID_WEIGHT = 0.5
HISTORY_WEIGHT = 0.5


@dataclass(frozen=True)
class UnitRecord:
    unit: str
    finished: int
    """Closed cases of the matter (and area) this unit handled last."""
    returned: int
    """Returns (退件) of such cases by this unit."""


@dataclass(frozen=True)
class UnitChoice:
    unit: str
    score: float
    grid_rank: int | None
    finished: int
    returned: int
    zh: str
    en: str


def unit_history(engine: Engine, matter: str, area: str | None = None, *,
                 since: datetime | None = None) -> dict[str, UnitRecord]:
    """Unit name -> how often it finally handled / returned cases of ``matter`` (in ``area``)."""
    conds = [CASES.c.matter == matter, CASES.c.deleted.is_(False)]
    if area:
        conds.append(CASES.c.caller_area == area)
    if since is not None:
        conds.append(CASES.c.created_at >= since)
    finished_q = (select(CASES.c.handling_unit, func.count())
                  .where(*conds, CASES.c.status == CaseStatus.CLOSED.value,
                         CASES.c.handling_unit != "")
                  .group_by(CASES.c.handling_unit))
    returned_q = (select(EVENTS.c.unit, func.count())
                  .join(CASES, CASES.c.id == EVENTS.c.case_id)
                  .where(*conds, EVENTS.c.kind == RETURN_KIND, EVENTS.c.unit != "")
                  .group_by(EVENTS.c.unit))
    with engine.connect() as conn:
        finished = {u: int(n) for u, n in conn.execute(finished_q)}
        returned = {u: int(n) for u, n in conn.execute(returned_q)}
    return {u: UnitRecord(u, finished.get(u, 0), returned.get(u, 0))
            for u in set(finished) | set(returned)}


def keeps_returning(r: UnitRecord) -> bool:
    return r.returned >= MIN_RETURNS and r.returned > r.finished


def combine(grid: Sequence[tuple[str, str]], history: dict[str, UnitRecord], *,
            top: int = 3) -> list[UnitChoice]:
    """Units best first: the grid's rank and the share of finished cases, each unit damped by
    its return rate; units that keep returning the kind of case are left out."""
    total = sum(r.finished for r in history.values()) or 1
    names = [name for name, _ in grid]
    names += sorted((u for u in history if u not in names and history[u].finished),
                    key=lambda u: -history[u].finished)
    reasons = dict(grid)
    out: list[UnitChoice] = []
    for name in names:
        rec = history.get(name, UnitRecord(name, 0, 0))
        if keeps_returning(rec):
            continue
        rank = names.index(name) + 1 if name in reasons else None
        grid_score = 1.0 / rank if rank else 0.0
        share = rec.finished / total
        seen = rec.finished + rec.returned
        kept = (rec.finished / seen) if seen else 1.0
        score = (GRID_WEIGHT * grid_score + HISTORY_WEIGHT * share) * kept
        zh = "；".join(p for p in (
            reasons.get(name, ""),
            f"同类工单最终办结 {rec.finished} 件" if rec.finished else "",
            f"退件 {rec.returned} 次" if rec.returned else "") if p)
        en = "; ".join(p for p in (
            "grid" if name in reasons else "",
            f"finally handled {rec.finished} similar cases" if rec.finished else "",
            f"returned {rec.returned}" if rec.returned else "") if p)
        out.append(UnitChoice(name, round(score, 4), rank, rec.finished, rec.returned, zh, en))
    out.sort(key=lambda c: (-c.score, c.grid_rank or 99, c.unit))
    return out[:top]


def dropped_units(history: dict[str, UnitRecord]) -> list[str]:
    """Units no longer suggested for this kind of case (they keep returning it)."""
    return sorted(u for u, r in history.items() if keeps_returning(r))
