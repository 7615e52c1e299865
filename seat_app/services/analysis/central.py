"""The detectors run centrally (``seat-admin analysis run``), their alerts stored for every
lead, and the lead's actions on them.

Times: the central database keeps UTC; the detectors read the center's local time (a
hotline's day is a local day), so cases are read as local naive times and alerts are
written back as local times (stored as UTC).

One run: the fast pass (same place, repeat callers) over the cases since the last run,
and -- once a day has ended since the last daily run -- the daily pass (every detector)
over the days not yet analysed. ``since`` backfills the daily pass from that day (used
after ``cases import``). Alerts are folded into the stored ones with ``merge_alerts``: a
pattern that continues grows its alert (more cases, a later last case) instead of adding
one.
"""

from __future__ import annotations

import json
import time as _time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update

from seat_app.domain.analysis import (
    Alert,
    AlertKind,
    AnalysisParams,
    CaseRecord,
    Gazetteer,
    PassResult,
    daily_pass,
    fast_pass,
    merge_alerts,
)
from seat_app.domain.analysis.bench import load_stopwords, rjieba_tokenizer
from seat_app.domain.analysis.topics import TermCache, Tokenizer
from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.messages import UserMessage
from seat_app.services.calendar_data import load_calendar
from seat_app.services.config import resources_dir
from seat_app.services.store.models import Base, Case, new_uuid, utcnow
from seat_app.services.store.models_analysis import (
    AnalysisAlert,
    AnalysisAlertAction,
    AnalysisAlertCase,
    AnalysisRun,
    AnalysisTopic,
)

LOCAL_TZ = timezone(timedelta(hours=8), "CST")
HISTORY_DAYS = 400
"""How far before the first analysed day the daily pass reads (last year's season + the
baseline)."""
FAST_LOOKBACK_DAYS = 31
Progress = Callable[[str], None]


class AnalysisRefused(UserMessage):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


ACTIONS: dict[str, str] = {
    "confirm": "confirmed",
    "dismiss": "dismissed",
    "supervise": "supervised",
    "candidate": "candidate",
    "reopen": "new",
}
"""An action on an alert and the status it leaves (dismiss needs a reason)."""
ACTION_LABELS_ZH = {
    "confirm": "确认",
    "dismiss": "排除",
    "supervise": "督办",
    "candidate": "列为月度问题候选",
    "reopen": "重新打开",
}
STATUS_LABELS_ZH = {
    "new": "待处理",
    "confirmed": "已确认",
    "dismissed": "已排除",
    "supervised": "已督办",
    "candidate": "月度问题候选",
}


# -- resources ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resources:
    gazetteer: Gazetteer
    stopwords: frozenset[str]
    tokenize: Tokenizer
    terms: TermCache
    """Each case text's terms, segmented once per process (runs in one process reuse them)."""


def default_resources() -> Path:
    """resources/analysis: the gazetteer, the description templates, the stop words."""
    return resources_dir() / "analysis"


@lru_cache(maxsize=2)
def load_resources(folder: Path | None = None) -> Resources:
    folder = folder or default_resources()
    gaz = Gazetteer.from_dict(json.loads((folder / "gazetteer.json").read_text("utf-8")))
    stop, tokenize = load_stopwords(folder / "stopwords.txt"), rjieba_tokenizer()
    return Resources(gaz, stop, tokenize, TermCache(tokenize, stop, max_texts=500_000))


# -- times ----------------------------------------------------------------------------------


def to_local(at: datetime) -> datetime:
    """An aware time as the center's local naive time (what the detectors read)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(LOCAL_TZ).replace(tzinfo=None)


def from_local(at: datetime) -> datetime:
    """A local naive time (the detectors' alerts) as an aware UTC time."""
    return at.replace(tzinfo=LOCAL_TZ).astimezone(UTC)


def local_midnight(day: date) -> datetime:
    return from_local(datetime.combine(day, datetime.min.time()))


# -- reading cases --------------------------------------------------------------------------

_SAT = {"满意", "基本满意", "不满意"}


def read_cases(
    conn: Connection, first: datetime, until: datetime, *, with_rating: bool = False
) -> list[CaseRecord]:
    """Cases received from ``first`` to before ``until`` (aware times), oldest first; with
    ``with_rating`` each carries the caller's rating (the lowest when rated twice)."""
    t = Case.__table__.c
    at = func.coalesce(t.accepted_at, t.created_at)
    columns = [
        t.case_number,
        at,
        t.caller_phone,
        t.caller_area,
        t.caller_address,
        t.matter,
        t.description,
        t.channel,
        t.handling,
        t.handling_unit,
        t.status,
    ]
    q = select(*columns)
    if with_rating:
        ratings = Base.metadata.tables["ratings"].c
        rated = (
            select(ratings.case_id, func.min(ratings.result).label("result"))
            .group_by(ratings.case_id)
            .subquery()
        )
        q = select(*columns, rated.c.result).select_from(
            Case.__table__.outerjoin(rated, rated.c.case_id == t.id)
        )
    rows = conn.execute(
        q.where(and_(t.deleted.is_(False), at >= first, at < until)).order_by(at, t.case_number)
    )
    out = []
    for row in rows:
        number, received, phone, area, address, matter, text_, channel, handling, unit, status = (
            row[:11]
        )
        if received.tzinfo is None:
            received = received.replace(tzinfo=UTC)
        out.append(
            CaseRecord(
                number=number,
                received_at=to_local(received),
                caller_phone=phone or "",
                area=area or "",
                address=address or "",
                matter=matter or "",
                text=text_ or "",
                channel=channel or "",
                handling=handling or "",
                unit=unit or "",
                status=status or "",
                satisfaction=(row[11] or "") if with_rating else "",
            )
        )
    return out


def case_span(conn: Connection) -> tuple[datetime, datetime] | None:
    t = Case.__table__.c
    at = func.coalesce(t.accepted_at, t.created_at)
    lo, hi = conn.execute(select(func.min(at), func.max(at)).where(t.deleted.is_(False))).one()
    if lo is None or hi is None:
        return None
    return (
        lo if lo.tzinfo else lo.replace(tzinfo=UTC),
        hi if hi.tzinfo else hi.replace(tzinfo=UTC),
    )


# -- stored alerts --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredAlert:
    """An alert as the lead's inbox and ``analysis alerts`` show it."""

    id: str
    alert: Alert
    status: str
    updated_at: datetime

    def to_json_dict(self) -> dict[str, object]:
        d = self.alert.to_json_dict()
        d["id"] = self.id
        d["status"] = self.status
        return d


def _to_alert(row: AnalysisAlert | object, numbers: Sequence[str]) -> Alert:
    r = row
    details = json.loads(r.details or "{}")  # type: ignore[attr-defined]
    return Alert(
        kind=AlertKind(r.kind),
        scope=r.scope,
        observed=r.observed,  # type: ignore[attr-defined]
        expected=r.expected,
        first_case_at=to_local(r.first_case_at),  # type: ignore[attr-defined]
        last_case_at=to_local(r.last_case_at),
        case_numbers=tuple(numbers),  # type: ignore[attr-defined]
        raised_at=to_local(r.raised_at),
        key=r.key,
        score=r.score,  # type: ignore[attr-defined]
        details=tuple(sorted((str(k), str(v)) for k, v in details.items())),
    )


def load_alerts(
    conn: Connection,
    *,
    since: datetime | None = None,
    kinds: Iterable[AlertKind] | None = None,
    statuses: Iterable[str] | None = None,
) -> list[StoredAlert]:
    """Stored alerts whose last case is at or after ``since`` (aware), oldest first."""
    a = AnalysisAlert.__table__.c
    q = select(AnalysisAlert.__table__)
    if since is not None:
        q = q.where(a.last_case_at >= since)
    if kinds is not None:
        q = q.where(a.kind.in_([k.value for k in kinds]))
    if statuses is not None:
        q = q.where(a.status.in_(list(statuses)))
    rows = conn.execute(q.order_by(a.raised_at, a.key)).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    numbers: dict[str, list[str]] = {i: [] for i in ids}
    c = AnalysisAlertCase.__table__.c
    for i in range(0, len(ids), 500):
        for alert_id, number in conn.execute(
            select(c.alert_id, c.case_number)
            .where(c.alert_id.in_(ids[i : i + 500]))
            .order_by(c.alert_id, c.position)
        ):
            numbers[alert_id].append(number)
    return [StoredAlert(r.id, _to_alert(r, numbers[r.id]), r.status, r.updated_at) for r in rows]


def _row_values(a: Alert) -> dict[str, object]:
    return {
        "kind": a.kind.value,
        "scope": a.scope[:300],
        "observed": float(a.observed),
        "expected": float(a.expected),
        "score": float(a.score),
        "first_case_at": from_local(a.first_case_at),
        "last_case_at": from_local(a.last_case_at),
        "raised_at": from_local(a.raised_at),
        "details": json.dumps(dict(a.details), ensure_ascii=False, sort_keys=True),
        "updated_at": utcnow(),
    }


@dataclass(frozen=True, slots=True)
class StoreResult:
    new: int
    grown: int


def store_alerts(conn: Connection, found: Sequence[Alert]) -> StoreResult:
    """Fold ``found`` into the stored alerts (an ongoing one grows) and write the changes."""
    if not found:
        return StoreResult(0, 0)
    earliest = min(a.first_case_at for a in found) - timedelta(days=2)
    kinds = {a.kind for a in found}
    stored = load_alerts(conn, since=from_local(earliest), kinds=kinds)
    by_key = {s.alert.key: s for s in stored}
    merged = merge_alerts([s.alert for s in stored], found)
    unique: dict[str, Alert] = {}
    for m in merged:  # two merged alerts with one key (never expected): one row
        if m.key in unique:
            old = unique[m.key]
            m = replace(
                old,
                case_numbers=tuple(dict.fromkeys(old.case_numbers + m.case_numbers)),
                last_case_at=max(old.last_case_at, m.last_case_at),
                observed=max(old.observed, m.observed),
            )
        unique[m.key] = m
    a_t, c_t = AnalysisAlert.__table__, AnalysisAlertCase.__table__
    new = grown = 0
    # keys stored before this run but outside the loaded window (a key reused): update them
    missing = [k for k in unique if k not in by_key]
    for i in range(0, len(missing), 500):
        for r in conn.execute(select(a_t).where(a_t.c.key.in_(missing[i : i + 500]))):
            numbers = (
                conn.execute(
                    select(c_t.c.case_number).where(c_t.c.alert_id == r.id).order_by(c_t.c.position)
                )
                .scalars()
                .all()
            )
            by_key[r.key] = StoredAlert(r.id, _to_alert(r, numbers), r.status, r.updated_at)
    for key, a in unique.items():
        old = by_key.get(key)
        if old is None:
            alert_id = _new_id()
            conn.execute(
                insert(a_t).values(id=alert_id, key=key[:300], status="new", **_row_values(a))
            )
            conn.execute(
                insert(c_t),
                [
                    {"alert_id": alert_id, "case_number": n[:32], "position": i}
                    for i, n in enumerate(a.case_numbers)
                ],
            )
            new += 1
            continue
        if (
            set(a.case_numbers) == set(old.alert.case_numbers)
            and a.last_case_at == old.alert.last_case_at
            and a.observed == old.alert.observed
        ):
            continue
        conn.execute(update(a_t).where(a_t.c.id == old.id).values(**_row_values(a)))
        have = set(old.alert.case_numbers)
        add = [n for n in a.case_numbers if n not in have]
        if add:
            conn.execute(
                insert(c_t),
                [
                    {"alert_id": old.id, "case_number": n[:32], "position": len(have) + i}
                    for i, n in enumerate(add)
                ],
            )
        grown += 1
    _store_topics(conn, [a for a in unique.values() if a.kind == AlertKind.EMERGING_TOPIC])
    return StoreResult(new, grown)


def _store_topics(conn: Connection, topics: Sequence[Alert]) -> None:
    t = AnalysisTopic.__table__
    a_t = AnalysisAlert.__table__
    for a in topics:
        week = a.raised_at.date() - timedelta(days=a.raised_at.date().weekday())
        phrase = a.detail("term", a.scope)[:80]
        alert_id = conn.execute(select(a_t.c.id).where(a_t.c.key == a.key)).scalar() or ""
        values = {
            "cases": len(a.case_numbers),
            "share": float(a.observed),
            "previous_share": float(a.expected),
            "alert_id": alert_id,
        }
        done = conn.execute(
            update(t).where(and_(t.c.phrase == phrase, t.c.week_start == week)).values(**values)
        ).rowcount
        if not done:
            conn.execute(insert(t).values(id=_new_id(), phrase=phrase, week_start=week, **values))


def _new_id() -> str:

    return new_uuid()


# -- runs -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunSummary:
    kind: str
    since: datetime
    until: datetime
    cases_read: int
    new: int
    grown: int
    held_back: int
    seconds: float
    detector_seconds: tuple[tuple[str, float], ...] = ()


def _last_run(conn: Connection, kind: str) -> datetime | None:
    r = AnalysisRun.__table__.c
    at = conn.execute(select(func.max(r.until)).where(r.kind == kind)).scalar()
    if at is None:
        return None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _record_run(
    conn: Connection,
    kind: str,
    since: datetime,
    until: datetime,
    seconds: float,
    cases: int,
    res: StoreResult,
    work_no: str,
) -> None:
    conn.execute(
        insert(AnalysisRun.__table__).values(
            id=_new_id(),
            kind=kind,
            since=since,
            until=until,
            started_at=utcnow(),
            seconds=seconds,
            cases_read=cases,
            alerts_new=res.new,
            alerts_grown=res.grown,
            work_no=work_no,
        )
    )


def run_analysis(
    engine: Engine,
    *,
    since: date | None = None,
    now: datetime | None = None,
    params: AnalysisParams | None = None,
    calendar: WorkingDayCalendar | None = None,
    work_no: str = "",
    progress: Progress = lambda s: None,
) -> list[RunSummary]:
    """One scheduled run (see the module's doc). ``now`` (aware) defaults to the present;
    with ``since`` the daily pass covers ``since`` up to the day of the newest case."""
    now = now or utcnow()
    params = params or AnalysisParams()
    res = load_resources()
    cal = calendar or load_calendar(strict=False)
    out: list[RunSummary] = []
    with engine.begin() as conn:
        span = case_span(conn)
        if span is None:
            return out
        today = to_local(now).date()
        last_daily = _last_run(conn, "daily")
        if since is not None:
            start = since
            end = min(to_local(span[1]).date(), today)
        else:
            start = to_local(last_daily).date() if last_daily else today - timedelta(days=1)
            end = today - timedelta(days=1)
        if since is not None or start <= end:
            start = max(start, to_local(span[0]).date())
            if start <= end:
                t0 = _time.perf_counter()
                progress(f"daily {start}..{end}")
                cases = read_cases(
                    conn,
                    local_midnight(start - timedelta(days=HISTORY_DAYS)),
                    local_midnight(end + timedelta(days=1)),
                )
                progress(f"read {len(cases)} cases")
                result: PassResult = daily_pass(
                    cases,
                    start,
                    end,
                    res.gazetteer,
                    cal,
                    tokenize=res.tokenize,
                    stopwords=res.stopwords,
                    params=params,
                    term_cache=res.terms,
                )
                stored = store_alerts(conn, result.alerts)
                secs = _time.perf_counter() - t0
                _record_run(
                    conn,
                    "daily",
                    local_midnight(start),
                    local_midnight(end + timedelta(days=1)),
                    secs,
                    len(cases),
                    stored,
                    work_no,
                )
                out.append(
                    RunSummary(
                        "daily",
                        local_midnight(start),
                        local_midnight(end + timedelta(days=1)),
                        len(cases),
                        stored.new,
                        stored.grown,
                        len(result.held_back),
                        secs,
                        tuple(sorted(result.seconds.items())),
                    )
                )
        # the fast pass: cases since the last fast run (at most a day back when there is none)
        last_fast = _last_run(conn, "fast")
        new_since = last_fast or (now - timedelta(hours=24))
        if since is None and new_since < now:
            t0 = _time.perf_counter()
            cases = read_cases(conn, new_since - timedelta(days=FAST_LOOKBACK_DAYS), now)
            fast = fast_pass(cases, to_local(new_since), res.gazetteer, params)
            stored = store_alerts(conn, fast.alerts)
            secs = _time.perf_counter() - t0
            _record_run(conn, "fast", new_since, now, secs, len(cases), stored, work_no)
            out.append(
                RunSummary(
                    "fast",
                    new_since,
                    now,
                    len(cases),
                    stored.new,
                    stored.grown,
                    0,
                    secs,
                    tuple(sorted(fast.seconds.items())),
                )
            )
    return out


# -- the lead's actions ---------------------------------------------------------------------


def act(engine: Engine, alert_id: str, action: str, *, reason: str = "", work_no: str = "") -> str:
    """Record ``action`` on an alert (confirm, dismiss with a reason, supervise, candidate,
    reopen); returns the alert's new status."""
    if action not in ACTIONS:
        raise AnalysisRefused(f"未知操作：{action}", f"Unknown action: {action}")
    reason = reason.strip()
    if action == "dismiss" and not reason:
        raise AnalysisRefused("排除预警请填写理由。", "Dismissing an alert needs a reason.")
    if len(reason) > 2000:
        raise AnalysisRefused("理由最多 2000 个字。", "The reason takes at most 2000 characters.")
    status = ACTIONS[action]
    a_t = AnalysisAlert.__table__
    with engine.begin() as conn:
        done = conn.execute(
            update(a_t).where(a_t.c.id == alert_id).values(status=status, updated_at=utcnow())
        ).rowcount
        if not done:
            raise AnalysisRefused("预警不存在（可能已被删除）。", "No such alert.")
        conn.execute(
            insert(AnalysisAlertAction.__table__).values(
                id=_new_id(),
                alert_id=alert_id,
                action=action,
                reason=reason,
                work_no=work_no,
                at=utcnow(),
            )
        )
    return status


@dataclass(frozen=True, slots=True)
class ActionRecord:
    action: str
    reason: str
    work_no: str
    at: datetime


def actions_of(engine: Engine, alert_id: str) -> list[ActionRecord]:
    t = AnalysisAlertAction.__table__.c
    with engine.connect() as conn:
        return [
            ActionRecord(r.action, r.reason, r.work_no, r.at)
            for r in conn.execute(
                select(t.action, t.reason, t.work_no, t.at)
                .where(t.alert_id == alert_id)
                .order_by(t.at)
            )
        ]


def forget_alerts(conn: Connection) -> None:
    """Remove every stored alert (tests and ``analysis run --rebuild``)."""
    for table in (AnalysisAlertAction, AnalysisAlertCase, AnalysisTopic):
        conn.execute(delete(table.__table__))
    conn.execute(delete(AnalysisAlert.__table__))
    conn.execute(delete(AnalysisRun.__table__))
