"""Daily, monthly and annual reports, counted from the central records.

Every figure is a count (or sum) from stored rows fed to the formulas of
``seat_app.domain.kpi``; nothing is typed in. Periods are local days (China Standard Time,
UTC+8); timestamps are stored in UTC. A case's handling is one of ``Handling`` (直接办理 /
转派, enforced by the case validation) and a call's outcome one of offered / answered /
abandoned: the counts are range counts per value. Case-derived figures (dispatched, closed on time,
handling time, callback surveys, supervision) count the cases *accepted* in the period,
wherever their later steps fell; calls, ratings and commendations count by their own time.
When the seats' telephones recorded calls in the period (``call_records``), the call figures
(offered, answered at the first attempt, missed, returned) come from those records
(``reports.calls.call_figures``); otherwise from the queue's ``calls`` rows (the demo plan).

Speed: the queries read covering indexes made for them (migration 0101): with two full
years (about 1.35 million cases) the annual report takes well under 3 s on SQLite and on
PostgreSQL (``seat-admin report bench`` prints the figures).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, text

from seat_app.domain import kpi
from seat_app.domain.case import Channel, Handling
from seat_app.domain.supervision import SupervisionLevel
from seat_app.services.reports.calls import call_figures, has_call_records
from seat_app.services.store.models import UTCDateTime

LOCAL_OFFSET = timedelta(hours=8)


@dataclass(frozen=True, slots=True)
class Period:
    kind: str
    """day, month, year"""
    start: date
    end: date
    """exclusive"""

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.start.year}年"
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start:%Y-%m-%d}"

    def previous_year(self) -> Period:
        return Period(self.kind, _shift_year(self.start), _shift_year(self.end))

    @property
    def utc_bounds(self) -> tuple[datetime, datetime]:
        def b(d: date) -> datetime:
            return datetime(d.year, d.month, d.day, tzinfo=UTC) - LOCAL_OFFSET

        return b(self.start), b(self.end)


def _shift_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def year_period(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year + 1, 1, 1))


def month_period(year: int, month: int) -> Period:
    end = date(year + (month == 12), month % 12 + 1, 1)
    return Period("month", date(year, month, 1), end)


def day_period(day: date) -> Period:
    return Period("day", day, day + timedelta(days=1))


def _ts(name: str):
    return bindparam(name, type_=UTCDateTime())


def _sql(conn: Connection, pg_sql: str, lite_sql: str, params: dict):
    sql = pg_sql if conn.dialect.name == "postgresql" else lite_sql
    return conn.execute(text(sql).bindparams(_ts("s"), _ts("e")), params)


DIRECT = Handling.DIRECT.value
DISPATCH = Handling.DISPATCH.value
_LOCAL_DAY_PG = "((closed_at AT TIME ZONE 'UTC') + interval '8 hours')::date"


def _count_cases(conn: Connection, p: dict) -> tuple[int, int, int]:
    """(accepted, direct, dispatched) between p["s"] and p["e"] (UTC)."""
    sql = text(
        "SELECT COUNT(*) FROM cases WHERE handling = :h AND accepted_at >= :s"
        " AND accepted_at < :e AND NOT deleted"
    ).bindparams(_ts("s"), _ts("e"))
    direct = int(conn.execute(sql, {**p, "h": DIRECT}).scalar_one())
    dispatched = int(conn.execute(sql, {**p, "h": DISPATCH}).scalar_one())
    return direct + dispatched, direct, dispatched


def count_period(conn: Connection, period: Period,
                 grouped: list[tuple[str, str, str, int]] | None = None) -> kpi.PeriodCounts:
    """All counts of ``period`` (and the accepted count a year earlier).

    ``grouped``: the period's cases already counted by (bucket, channel, handling) (one scan
    for the report's figures and its series); without it the cases are counted here.
    """
    s, e = period.utc_bounds
    p = {"s": s, "e": e, "direct": DIRECT, "disp": DISPATCH}
    if grouped is not None:
        accepted = sum(n for *_k, n in grouped)
        direct = sum(n for _b, _c, h, n in grouped if h == DIRECT)
        dispatched = sum(n for _b, _c, h, n in grouped if h == DISPATCH)
    else:
        accepted, direct, dispatched = _count_cases(conn, p)
    closed, on_time, seconds = _sql(
        conn,
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE"
        f" {_LOCAL_DAY_PG} <= deadline),"
        " COALESCE(SUM(EXTRACT(EPOCH FROM closed_at - dispatched_at)), 0) FROM cases"
        " WHERE handling = :disp AND accepted_at >= :s AND accepted_at < :e"
        " AND closed_at IS NOT NULL AND dispatched_at IS NOT NULL AND NOT deleted",
        "SELECT COUNT(*), COALESCE(SUM(date(closed_at, '+8 hours') <= deadline), 0),"
        " COALESCE(SUM((julianday(closed_at) - julianday(dispatched_at)) * 86400.0), 0)"
        " FROM cases WHERE handling = :disp AND accepted_at >= :s AND accepted_at < :e"
        " AND closed_at IS NOT NULL AND dispatched_at IS NOT NULL AND NOT deleted",
        p,
    ).one()
    call_count = text(
        "SELECT COUNT(*) FROM calls WHERE outcome = :o AND offered_at >= :s AND offered_at < :e"
    ).bindparams(_ts("s"), _ts("e"))
    by_outcome = {o: int(conn.execute(call_count, {**p, "o": o}).scalar_one())
                  for o in ("offered", "answered", "abandoned")}
    first = conn.execute(
        text("SELECT COUNT(*) FROM calls WHERE outcome = 'answered' AND offered_at >= :s"
             " AND offered_at < :e AND attempt = 1").bindparams(_ts("s"), _ts("e")), p,
    ).scalar_one()
    returns = conn.execute(
        text("SELECT COUNT(*) FROM calls WHERE outcome = 'abandoned' AND offered_at >= :s"
             " AND offered_at < :e AND called_back_at IS NOT NULL"
             ).bindparams(_ts("s"), _ts("e")), p,
    ).scalar_one()
    offered = sum(by_outcome.values())
    missed = by_outcome["abandoned"]
    if has_call_records(conn, s, e):
        # the seats' telephones reported calls in the period: their records are the truth
        # (without any, e.g. the demo plan's year, the queue's ``calls`` rows stay the source)
        phone = call_figures(conn, s, e)
        offered, first = phone.offered, phone.answered_first
        missed, returns = phone.missed, phone.returned
    rating_count = text(
        "SELECT COUNT(*) FROM ratings WHERE result = :r AND rated_at >= :s AND rated_at < :e"
    ).bindparams(_ts("s"), _ts("e"))
    ratings = {r: int(conn.execute(rating_count, {**p, "r": r}).scalar_one())
               for r in ("满意", "基本满意", "不满意")}
    cb_done, cb_sat = _sql(
        conn,
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE s.result = '满意') FROM callback_surveys s"
        " JOIN cases c ON c.id = s.case_id WHERE s.completed AND c.handling = :disp"
        " AND c.accepted_at >= :s"
        " AND c.accepted_at < :e AND NOT c.deleted",
        "SELECT COUNT(*), COALESCE(SUM(s.result = '满意'), 0) FROM callback_surveys s"
        " JOIN cases c ON c.id = s.case_id WHERE s.completed AND c.handling = :disp"
        " AND c.accepted_at >= :s"
        " AND c.accepted_at < :e AND NOT c.deleted",
        p,
    ).one()
    sup, joint = _sql(
        conn,
        *(["SELECT COUNT(DISTINCT s.case_id), COUNT(DISTINCT CASE WHEN s.level = :joint"
           " THEN s.case_id END) FROM supervisions s JOIN cases c ON c.id = s.case_id"
           " WHERE c.handling = :disp AND c.accepted_at >= :s AND c.accepted_at < :e"
           " AND NOT c.deleted"] * 2),
        {**p, "joint": int(SupervisionLevel.JOINT)},
    ).one()
    thanks = dict(
        _sql(conn, *(["SELECT kind, COUNT(*) FROM commendations WHERE received_at >= :s"
                      " AND received_at < :e GROUP BY kind"] * 2), p).all()
    )
    previous = _count_cases(conn, dict(zip(("s", "e"), period.previous_year().utc_bounds,
                                           strict=True)))[0]
    return kpi.PeriodCounts(
        accepted=int(accepted), direct=int(direct), dispatched=int(dispatched),
        calls_offered=int(offered), calls_answered_first=int(first), missed_calls=int(missed),
        missed_call_returns=int(returns), rated=int(sum(ratings.values())),
        rated_satisfied=int(ratings.get("满意", 0)),
        rated_basically_satisfied=int(ratings.get("基本满意", 0)),
        dispatched_closed=int(closed), dispatched_closed_on_time=int(on_time),
        handling_seconds=round(float(seconds)), callback_completed=int(cb_done),
        callback_satisfied=int(cb_sat), supervised=int(sup), supervised_joint=int(joint),
        thanks_calls=int(thanks.get("电话", 0)), thanks_letters=int(thanks.get("来信", 0)),
        thanks_banners=int(thanks.get("锦旗", 0)), accepted_previous=int(previous),
    )


def _sub_periods(period: Period, bucket: str) -> list[tuple[str, Period]]:
    out: list[tuple[str, Period]] = []
    if bucket == "month":
        d = period.start
        while d < period.end:
            nxt = month_period(d.year, d.month)
            out.append((f"{d:%Y-%m}", nxt))
            d = nxt.end
    elif bucket == "day":
        d = period.start
        while d < period.end:
            out.append((f"{d:%Y-%m-%d}", day_period(d)))
            d += timedelta(days=1)
    else:
        raise ValueError(bucket)
    return out


def _grouped(conn: Connection, period: Period, bucket: str) -> list[tuple[str, str, str, int]]:
    """The period's cases counted by (local month/day/hour, channel, handling).

    A day (a few thousand cases) is grouped in one statement. A month or a year is counted
    as plain range counts per (handling, channel, sub-period) on the covering index
    ix_cases_report_accepted (handling, channel, accepted_at, deleted): each count is a seek
    and a walk over exactly its own entries, with no per-row function and no sorting.
    """
    if bucket == "hour":
        s, e = period.utc_bounds
        if conn.dialect.name == "postgresql":
            key = "to_char((accepted_at AT TIME ZONE 'UTC') + interval '8 hours', 'HH24')"
        else:
            key = "strftime('%H', accepted_at, '+8 hours')"
        rows = conn.execute(
            text(f"SELECT {key} AS k, channel, handling, COUNT(*) FROM cases"
                 " WHERE accepted_at >= :s AND accepted_at < :e AND NOT deleted"
                 " GROUP BY 1, 2, 3").bindparams(_ts("s"), _ts("e")),
            {"s": s, "e": e},
        ).all()
        return [(str(k), str(c), str(h), int(n)) for k, c, h, n in rows]
    sql = text(
        "SELECT COUNT(*) FROM cases WHERE handling = :h AND channel = :c"
        " AND accepted_at >= :s AND accepted_at < :e AND NOT deleted"
    ).bindparams(_ts("s"), _ts("e"))
    out: list[tuple[str, str, str, int]] = []
    for label, sub in _sub_periods(period, bucket):
        s, e = sub.utc_bounds
        for h in (DIRECT, DISPATCH):
            for ch in Channel:
                n = int(conn.execute(sql, {"h": h, "c": ch.value, "s": s, "e": e}).scalar_one())
                if n:
                    out.append((label, ch.value, h, n))
    return out


def _series(grouped: list[tuple[str, str, str, int]], by_channel: bool
            ) -> list[tuple[str, int, int]]:
    acc: dict[str, list[int]] = {}
    for bucket, channel, handling, n in grouped:
        slot = acc.setdefault(channel if by_channel else bucket, [0, 0])
        slot[0] += n
        if handling == DISPATCH:
            slot[1] += n
    return [(k, v[0], v[1]) for k, v in sorted(acc.items())]


def grouped_counts(conn: Connection, period: Period, bucket: str
                   ) -> list[tuple[str, str, str, int]]:
    """Public form of the one-scan grouping (the console's hourly chart uses it)."""
    return _grouped(conn, period, bucket)


def series(grouped: list[tuple[str, str, str, int]], *, by_channel: bool = False
           ) -> list[tuple[str, int, int]]:
    """(bucket or channel, accepted, dispatched) from ``grouped_counts``."""
    return _series(grouped, by_channel)


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    counts: kpi.PeriodCounts
    figures: dict[str, object]
    series: dict[str, list[tuple[str, int, int]]]
    seconds: float

    def as_json(self) -> dict[str, object]:
        return {
            "period": self.period.kind,
            "label": self.period.label,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            **self.figures,
            "elapsed_s": round(self.seconds, 3),
        }


def build_report(engine: Engine, period: Period, *, series: bool = True) -> Report:
    """The report of ``period`` (figures and, for charts, volume series)."""
    t0 = time.perf_counter()
    with engine.connect() as conn:
        out: dict[str, list[tuple[str, int, int]]] = {}
        grouped = None
        if series:
            sub = {"year": "month", "month": "day", "day": "hour"}[period.kind]
            grouped = _grouped(conn, period, sub)
            out[sub] = _series(grouped, by_channel=False)
            out["channel"] = _series(grouped, by_channel=True)
        counts = count_period(conn, period, grouped)
    return Report(period, counts, kpi.figures(counts), out, time.perf_counter() - t0)


FIGURE_LABELS: tuple[tuple[str, str], ...] = (
    ("accepted_total", "受理量"),
    ("accepted_previous_total", "上年同期受理量"),
    ("yoy_growth_pct", "同比增长 %"),
    ("direct_total", "直接办理"),
    ("direct_pct", "直接办理率 %"),
    ("dispatched_total", "转派"),
    ("dispatched_pct", "转派率 %"),
    ("calls_offered", "呼入量"),
    ("calls_answered_first", "首次接通"),
    ("first_answer_rate_pct", "热线首接通率 %"),
    ("missed_calls", "未接来电"),
    ("missed_call_returns", "回拨"),
    ("rated_total", "参评数"),
    ("overall_satisfaction_pct", "综合满意率 %"),
    ("dispatched_closed_total", "转派已办结"),
    ("dispatched_on_time_pct", "按期办结率 %"),
    ("callback_completed_total", "回访完成"),
    ("callback_survey_satisfaction_pct", "回访满意率 %"),
    ("avg_handling_days", "平均办理时长（天）"),
    ("supervised_total", "督办件"),
    ("supervised_joint_total", "联合政府督查室督办"),
    ("thanks_calls", "感谢电话"),
    ("thanks_letters", "感谢信"),
    ("thanks_banners", "锦旗"),
)


def export_xlsx(report: Report, path: Path | str) -> Path:
    """Write the report to an .xlsx file (figures sheet, series sheets with a bar chart)."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append([f"运城12345热线 {report.period.label}报表", ""])
    ws.append(["指标", "数值"])
    for key, label in FIGURE_LABELS:
        value = report.figures.get(key)
        ws.append([label, "—" if value is None else value])
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 16
    names = {"month": "按月", "day": "按日", "hour": "按时段", "channel": "按渠道"}
    for key, rows in report.series.items():
        sheet = wb.create_sheet(names.get(key, key))
        sheet.append([names.get(key, key), "受理量", "转派"])
        for r in rows:
            sheet.append(list(r))
        if rows:
            chart = BarChart()
            chart.title = f"受理量（{names.get(key, key)}）"
            data = Reference(sheet, min_col=2, min_row=1, max_row=len(rows) + 1, max_col=3)
            cats = Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1)
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(cats)
            sheet.add_chart(chart, "E2")
    for sheet in wb.worksheets:  # labels are data, never formulas (OWASP CSV injection)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        wb.save(tmp)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
