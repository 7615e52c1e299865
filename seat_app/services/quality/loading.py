"""Reading central records as the quality core sees them (``domain.quality.records``).

- ``cases`` give the record; ``calls`` (answered -> ended) the handling time;
- ``case_dispatch`` the returns, re-dispatches, callback result and duplicate link;
- ``callback_surveys`` (不满意) and ``supervisions`` the targeted sampling signals;
- ``case_events`` of kind ``转接`` (unit = 110/119/120) a transfer of an emergency;
- ``kb_entries`` the entry a case cites; ``units`` the dispatch grid.

Months are the center's local months (UTC+8).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from seat_app.domain.grid import Grid, Unit
from seat_app.domain.quality.errors import QualityError
from seat_app.domain.quality.prechecks import (
    FORBIDDEN_PHRASES_PATH,
    PRECHECK_RULES_PATH,
    PrecheckContext,
    PrecheckRules,
    parse_phrases,
)
from seat_app.domain.quality.records import AgentInfo, CaseRecord, KBFacts
from seat_app.domain.quality.sampling import parse_month
from seat_app.domain.queue import LOCAL_TZ
from seat_app.services import config
from seat_app.services.store import registry  # noqa: F401  (every table declared)
from seat_app.services.store.models import Base

TRANSFER_EVENT = "转接"
"""``case_events.kind`` of a call transferred to another line; ``unit`` holds the line."""
COMPLAINT_EVENT = "投诉话务员"
"""``case_events.kind`` of a complaint about the agent who recorded the case."""

_CASE_COLS = (
    "id", "case_number", "agent", "created_at", "channel", "caller_name", "caller_phone",
    "caller_area", "caller_address", "matter", "domain", "subcategory", "description",
    "reply_text", "handling", "handling_unit", "status", "kb_code", "closed_at", "call_id",
)


def month_bounds_utc(month: str) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight on the month's first day and the next month's."""
    first, nxt = parse_month(month)
    return (_local_midnight(first), _local_midnight(nxt))


def _local_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ).astimezone(UTC)


_OFFSET = timedelta(hours=8)


def local(at: datetime | str) -> datetime:
    """A stored (UTC) instant as the center's local time (UTC+8), without zone (for the
    core); SQLite's text form is read directly."""
    if isinstance(at, str):
        return datetime.fromisoformat(at) + _OFFSET
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at + _OFFSET


def _t(name: str) -> sa.Table:
    return Base.metadata.tables[name]


def _ids_in(conn: Connection, sql: str, params: Mapping[str, Any]) -> set[str]:
    return {r[0] for r in conn.execute(sa.text(sql), dict(params))}


def load_cases(engine_or_conn: Engine | Connection, *, month: str | None = None,
               case_ids: Iterable[str] | None = None, case_number: str | None = None,
               light: bool = False, days: tuple[date, date] | None = None
               ) -> list[CaseRecord]:
    """Case records of a local month (or local ``days`` [first, last)), of given ids, or
    one case number (``light``: only what sampling needs, no texts)."""
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return load_cases(conn, month=month, case_ids=case_ids, case_number=case_number,
                              light=light, days=days)
    conn = engine_or_conn
    cases = _t("cases")
    cols = ("id", "case_number", "agent", "created_at", "caller_phone", "call_id") if light \
        else _CASE_COLS
    q = sa.select(*(cases.c[c] for c in cols)).where(cases.c.deleted.is_(False))
    where_sql = ""
    params: dict[str, Any] = {}
    if month is not None or days is not None:
        lo, hi = month_bounds_utc(month) if month is not None else (
            _local_midnight(days[0]), _local_midnight(days[1]))  # type: ignore[index]
        q = q.where(cases.c.created_at >= lo, cases.c.created_at < hi)
        where_sql = "c.created_at >= :lo AND c.created_at < :hi AND NOT c.deleted"
        params = {"lo": _bind(conn, lo), "hi": _bind(conn, hi)}
    elif case_number is not None:
        q = q.where(cases.c.case_number == case_number)
    elif case_ids is not None:
        ids = list(case_ids)
        q = q.where(cases.c.id.in_(ids))
    if conn.dialect.name == "sqlite":  # raw text: 60k timestamps parse fast, no tz dance
        q = q.with_only_columns(*(sa.func.datetime(cases.c[c]).label(c) if c in (
            "created_at", "closed_at") else cases.c[c] for c in cols))
    rows = [r._mapping for r in conn.execute(q)]
    if not rows:
        return []
    if month is None and days is None:
        ids = [r["id"] for r in rows]
        where_sql = "c.id IN :ids"
        params = {"ids": ids}

    def sub(sql: str) -> sa.TextClause:
        t = sa.text(sql.replace("{W}", where_sql))
        if "ids" in params:
            t = t.bindparams(sa.bindparam("ids", expanding=True))
        return t

    unsatisfied = {r[0] for r in conn.execute(sub(
        "SELECT s.case_id FROM callback_surveys s JOIN cases c ON c.id = s.case_id "
        "WHERE {W} AND s.completed AND s.result = '不满意'"), params)}
    supervised = {r[0] for r in conn.execute(sub(
        "SELECT DISTINCT s.case_id FROM supervisions s JOIN cases c ON c.id = s.case_id "
        "WHERE {W}"), params)}
    dispatch = {r[0]: r for r in conn.execute(sub(
        "SELECT d.case_id, d.unit_return_count, d.reply_return_count, d.reopen_count, "
        "d.callback_result, d.duplicate_of FROM case_dispatch d JOIN cases c "
        "ON c.id = d.case_id WHERE {W}"), params)}
    if conn.dialect.name == "sqlite":
        secs = "(julianday(k.ended_at) - julianday(k.answered_at)) * 86400.0"
    else:
        secs = "EXTRACT(EPOCH FROM (k.ended_at - k.answered_at))"
    talk = {cid: (float(v) if v is not None else None) for cid, v in conn.execute(sub(
        f"SELECT c.id, {secs} FROM calls k JOIN cases c ON c.call_id = k.id "
        "WHERE {W} AND k.answered_at IS NOT NULL AND k.ended_at IS NOT NULL"), params)}
    events: dict[str, dict[str, str]] = {}
    for cid, kind, unit in conn.execute(sub(
            "SELECT e.case_id, e.kind, e.unit FROM case_events e JOIN cases c "
            "ON c.id = e.case_id WHERE {W} AND e.kind IN ('" + TRANSFER_EVENT + "', '"
            + COMPLAINT_EVENT + "') AND NOT e.deleted"), params):
        events.setdefault(cid, {})[kind] = unit or "1"
    suggested: dict[str, str] = {}
    if not light:  # the matter intake suggested first (the latest suggestion shown)
        for cid, matters in conn.execute(sub(
                "SELECT s.case_id, s.matters FROM intake_suggestions s JOIN cases c "
                "ON c.id = s.case_id WHERE {W} ORDER BY s.at"), params):
            try:
                first = (json.loads(matters or "[]") or [""])[0]
            except (ValueError, TypeError, IndexError):
                continue  # a damaged log row suggests nothing
            if isinstance(first, str):
                suggested[cid] = first
    out = []
    for r in rows:
        d = dispatch.get(r["id"])
        ev = events.get(r["id"], {})
        cb = (d[4] or "") if d is not None else ""
        if r["id"] in unsatisfied:
            cb = "不满意"
        base: dict[str, Any] = {
            "case_id": r["id"], "case_number": r["case_number"], "agent": r["agent"],
            "created_at": local(r["created_at"]), "caller_phone": r["caller_phone"] or "",
            "handling_seconds": talk.get(r["id"]), "callback_result": cb,
            "unit_return_count": int(d[1] or 0) if d is not None else 0,
            "redispatch_count": int((d[2] or 0) + (d[3] or 0)) if d is not None else 0,
            "supervised": r["id"] in supervised,
            "complaint_about_agent": COMPLAINT_EVENT in ev,
        }
        if not light:
            base.update({k: (r[k] or "") for k in (
                "channel", "caller_name", "caller_area", "caller_address", "matter", "domain",
                "subcategory", "description", "reply_text", "handling", "handling_unit",
                "status", "kb_code")})
            base["closed_at"] = local(r["closed_at"]) if r["closed_at"] else None
            base["transferred_to"] = ev.get(TRANSFER_EVENT, "")
            base["duplicate_of"] = (d[5] or "") if d is not None else ""
            base["intake_matter"] = suggested.get(r["id"], "")
        out.append(CaseRecord(**base))
    return out


def _bind(conn: Connection, at: datetime) -> Any:
    if conn.dialect.name == "sqlite":
        return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    return at


def load_agents(engine_or_conn: Engine | Connection, *, default_hired: date | None = None
                ) -> list[AgentInfo]:
    """Agents from ``users`` (role agent). The hire date is the user row's first
    ``changed_at`` when no better one is known."""
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return load_agents(conn, default_hired=default_hired)
    users = _t("users")
    rows = engine_or_conn.execute(sa.select(users.c.work_number, users.c.team,
                                            users.c.changed_at)
                                  .where(users.c.role == "agent"))
    out = []
    for work_no, team, changed in rows:
        hired = default_hired or (local(changed).date() if changed else date(2000, 1, 1))
        out.append(AgentInfo(work_no, hired, team or ""))
    return out


def load_teams(engine_or_conn: Engine | Connection) -> dict[str, str]:
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return load_teams(conn)
    users = _t("users")
    return {w: t or "" for w, t in engine_or_conn.execute(
        sa.select(users.c.work_number, users.c.team))}


def load_grid(engine_or_conn: Engine | Connection) -> Grid | None:
    """The dispatch grid from ``units`` (None when the central has no units)."""
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return load_grid(conn)
    conn = engine_or_conn
    units = _t("units")
    cols = {c.name for c in units.columns}
    wanted = [c for c in ("code", "name", "area", "unit_type", "parent", "township", "active")
              if c in cols]
    rows = conn.execute(sa.select(*(units.c[c] for c in wanted))
                        .where(units.c.deleted.is_(False))).mappings().all()
    if not rows:
        return None
    out = tuple(Unit(r["code"], r["name"], r.get("area") or "", r.get("unit_type") or "",
                     r.get("parent") or None, r.get("township") or "",
                     bool(r.get("active", True))) for r in rows)
    return Grid(out, {})


class KBLookup:
    """KB entries by code, read on demand and kept (a case cites one entry)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: dict[str, KBFacts | None] = {}

    def preload(self, codes: Iterable[str]) -> None:
        want = sorted({c for c in codes if c and c not in self._cache})
        kb = _t("kb_entries")
        with self.engine.connect() as conn:
            for i in range(0, len(want), 500):
                chunk = want[i:i + 500]
                for c in chunk:
                    self._cache[c] = None
                for code, matter, answer, area in conn.execute(
                        sa.select(kb.c.code, kb.c.matter, kb.c.answer, kb.c.area)
                        .where(kb.c.code.in_(chunk), kb.c.deleted.is_(False))):
                    self._cache[code] = KBFacts(code, matter, answer or "", area or "")

    def __call__(self, code: str) -> KBFacts | None:
        if code not in self._cache:
            self.preload([code])
        return self._cache.get(code)


@lru_cache(maxsize=4)
def _rules_and_phrases(resources: str) -> tuple[PrecheckRules, tuple[str, ...]]:
    root = Path(resources)
    path = root.joinpath(*PRECHECK_RULES_PATH)
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        rules = PrecheckRules.from_data(data)
        path = root.joinpath(*FORBIDDEN_PHRASES_PATH)
        phrases = parse_phrases(path.read_text("utf-8"))
    except (OSError, ValueError, AssertionError, TypeError) as exc:
        raise QualityError(f"自动预检规则文件无法读取：{path}（{exc}）",
                           f"The pre-check rules cannot be read: {path} ({exc})") from None
    return rules, phrases


def precheck_context(engine: Engine, *, resources: Path | None = None) -> PrecheckContext:
    """Rules and phrases from the resources, KB entries and the grid from the central."""
    rules, phrases = _rules_and_phrases(str(resources or config.resources_dir()))
    return PrecheckContext(rules, phrases, KBLookup(engine), load_grid(engine))


def utc_day_start(day: date) -> datetime:
    return _local_midnight(day)


def today_local() -> date:
    return datetime.now(LOCAL_TZ).date()


def days_ago(n: int) -> date:
    return today_local() - timedelta(days=n)
