"""What the lead's alerts inbox shows (``seat_app/qt/lead/alerts.py``), as frozen
dataclasses: the alerts with a 7-day sparkline, sample texts and distinct callers; an
alert's cases (the drill-down); the area x domain heat table with week-on-week change;
one series' trend with its expected band and the holidays.

``AlertInbox(engine, work_no)`` is the port the widget calls (on its runner, never on the
window's thread).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, Table, and_, func, select

from seat_app.domain.analysis import KIND_LABELS_ZH, SurgeParams, expected_series
from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.taxonomy import AREAS, DOMAINS, is_matter, matter_by_name
from seat_app.services.analysis.central import (
    StoredAlert,
    act,
    load_alerts,
    local_midnight,
    read_cases,
    to_local,
)
from seat_app.services.calendar_data import load_calendar
from seat_app.services.store.models import Case, utcnow
from seat_app.services.store.models_analysis import AnalysisAlert

# the trend band's expected counts use the surge detector's whole baseline before each day
_HISTORY = timedelta(days=SurgeParams().baseline_days + SurgeParams().gap_days)


@dataclass(frozen=True, slots=True)
class InboxItem:
    id: str
    kind: str
    kind_label: str
    scope: str
    observed: float
    expected: float
    first_case_at: datetime
    last_case_at: datetime
    """Local times."""
    status: str
    case_numbers: tuple[str, ...]
    sparkline: tuple[int, ...]
    """Cases of the alert on each of the 7 days up to its last case."""
    sample_texts: tuple[str, ...]
    distinct_callers: int


@dataclass(frozen=True, slots=True)
class CaseLine:
    case_number: str
    received_at: datetime
    area: str
    address: str
    matter: str
    text: str
    status: str


@dataclass(frozen=True, slots=True)
class HeatTable:
    week_start: date
    areas: tuple[str, ...]
    domains: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    """counts[area][domain] this week."""
    previous: tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    day: date
    observed: int
    expected: float
    """-1 when there is no baseline yet."""
    low: float
    high: float
    holiday: str


def _case_lines(engine: Engine, numbers: tuple[str, ...]) -> list[CaseLine]:
    t = Case.__table__.c
    at = func.coalesce(t.accepted_at, t.created_at)
    out: list[CaseLine] = []
    with engine.connect() as conn:
        for i in range(0, len(numbers), 500):
            for r in conn.execute(select(t.case_number, at, t.caller_area, t.caller_address,
                                         t.matter, t.description, t.status, t.caller_phone)
                                  .where(t.case_number.in_(numbers[i:i + 500]))):
                out.append(CaseLine(r[0], to_local(r[1]), r[2], r[3], r[4], r[5], r[6]))
    out.sort(key=lambda c: (c.received_at, c.case_number))
    return out


class AlertInbox:
    """The lead's alerts, their cases and the charts, from the central database."""

    def __init__(self, engine: Engine, work_no: str = "",
                 calendar: WorkingDayCalendar | None = None) -> None:
        self.engine = engine
        self.work_no = work_no
        self._calendar = calendar

    @property
    def calendar(self) -> WorkingDayCalendar:
        if self._calendar is None:
            self._calendar = load_calendar(strict=False)
        return self._calendar

    def items(self, since: date | None = None, *, limit: int = 500) -> list[InboxItem]:
        """Alerts whose last case is on or after ``since`` (default: 30 days before the
        newest alert), newest first."""
        with self.engine.connect() as conn:
            if since is None:
                newest = conn.execute(select(func.max(_alerts().c.last_case_at))).scalar()
                if newest is None:
                    return []
                since = to_local(newest).date() - timedelta(days=30)
            stored = load_alerts(conn, since=local_midnight(since))
        stored.sort(key=lambda s: (s.alert.last_case_at, s.alert.key), reverse=True)
        stored = stored[:limit]
        numbers = tuple({n for s in stored for n in s.alert.case_numbers})
        lines = {c.case_number: c for c in _case_lines(self.engine, numbers)}
        phones = self._phones(numbers)
        return [self._item(s, lines, phones) for s in stored]

    def _phones(self, numbers: tuple[str, ...]) -> dict[str, str]:
        t = Case.__table__.c
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(numbers), 500):
                out.update(conn.execute(select(t.case_number, t.caller_phone)
                                        .where(t.case_number.in_(numbers[i:i + 500]))).all())
        return out

    def _item(self, s: StoredAlert, lines: dict[str, CaseLine],
              phones: dict[str, str]) -> InboxItem:
        a = s.alert
        cases = [lines[n] for n in a.case_numbers if n in lines]
        last_day = a.last_case_at.date()
        per_day = Counter((last_day - c.received_at.date()).days for c in cases)
        spark = tuple(per_day.get(6 - i, 0) for i in range(7))
        texts = tuple(dict.fromkeys(c.text for c in cases))[:3]
        callers = len({phones.get(n, "") for n in a.case_numbers} - {""})
        return InboxItem(s.id, a.kind.value, KIND_LABELS_ZH[a.kind], a.scope, a.observed,
                         a.expected, a.first_case_at, a.last_case_at, s.status, a.case_numbers,
                         spark, texts, callers)

    def cases(self, item: InboxItem) -> list[CaseLine]:
        return _case_lines(self.engine, item.case_numbers)

    def act(self, alert_id: str, action: str, reason: str = "") -> str:
        return act(self.engine, alert_id, action, reason=reason, work_no=self.work_no)

    def heat(self, week_start: date | None = None) -> HeatTable:
        """Cases per area x domain in the week from ``week_start`` (default: the week of
        the newest case) and the week before."""
        t = Case.__table__.c
        at = func.coalesce(t.accepted_at, t.created_at)
        with self.engine.connect() as conn:
            if week_start is None:
                newest = conn.execute(select(func.max(at)).where(t.deleted.is_(False))).scalar()
                day = to_local(newest).date() if newest else to_local(utcnow()).date()
                week_start = day - timedelta(days=day.weekday())
            rows = conn.execute(
                select(t.caller_area, t.matter, at)
                .where(and_(t.deleted.is_(False),
                            at >= local_midnight(week_start - timedelta(days=7)),
                            at < local_midnight(week_start + timedelta(days=7))))).all()
        now: dict[tuple[str, str], int] = defaultdict(int)
        before: dict[tuple[str, str], int] = defaultdict(int)
        first = local_midnight(week_start)
        for area, matter, when in rows:
            dom = matter_by_name(matter).domain if is_matter(matter) else "未分类"
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            (now if when >= first else before)[(area or "未知", dom)] += 1
        areas = tuple(a for a in AREAS if any(k[0] == a for k in (*now, *before)))
        domains = tuple(d for d in DOMAINS if any(k[1] == d for k in (*now, *before)))
        return HeatTable(week_start, areas, domains,
                         tuple(tuple(now[(a, d)] for d in domains) for a in areas),
                         tuple(tuple(before[(a, d)] for d in domains) for a in areas))

    def trend(self, matter: str, area: str, end: date | None = None, days: int = 35
              ) -> list[TrendPoint]:
        """One series' daily counts with the expected band (expected ± 2√expected) and the
        holidays, over ``days`` days up to ``end``."""
        with self.engine.connect() as conn:
            if end is None:
                t = Case.__table__.c
                newest = conn.execute(select(func.max(func.coalesce(t.accepted_at, t.created_at)))
                                      ).scalar()
                end = to_local(newest).date() if newest else to_local(utcnow()).date()
            start = end - timedelta(days=days - 1)
            cases = [c for c in read_cases(conn, local_midnight(start - _HISTORY),
                                           local_midnight(end + timedelta(days=1)))
                     if c.matter == matter]
        series = expected_series(cases, matter, area, start, end, self.calendar)
        out = []
        for p in series:
            e = p.expected
            half = 2 * math.sqrt(e) if e > 0 else 0.0
            out.append(TrendPoint(p.day, p.observed, e, max(e - half, 0.0) if e >= 0 else -1,
                                  e + half if e >= 0 else -1,
                                  self.calendar.holiday_name(p.day) or ""))
        return out


def _alerts() -> Table:
    return AnalysisAlert.__table__

