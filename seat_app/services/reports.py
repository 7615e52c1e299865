"""Daily, monthly and annual reports, counted from the central records.

Every figure is a count (or sum) from stored rows fed to the formulas of
``seat_app.domain.kpi``; nothing is typed in. Periods are local days (China Standard Time,
UTC+8); timestamps are stored in UTC. Case-derived figures (dispatched, closed on time,
handling time, callback surveys, supervision) count the cases *accepted* in the period,
wherever their later steps fell; calls, ratings and commendations count by their own time.

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
from seat_app.domain.case import Handling
from seat_app.domain.supervision import SupervisionLevel
from seat_app.services.models import UTCDateTime

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


def count_period(conn: Connection, period: Period) -> kpi.PeriodCounts:
    """All counts of ``period`` (and the accepted count a year earlier)."""
    s, e = period.utc_bounds
    p = {"s": s, "e": e, "direct": DIRECT, "disp": DISPATCH}
    accepted, direct, dispatched = _sql(
        conn,
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE handling = :direct),"
        " COUNT(*) FILTER (WHERE handling = :disp) FROM cases"
        " WHERE accepted_at >= :s AND accepted_at < :e AND NOT deleted",
        "SELECT COUNT(*), COALESCE(SUM(handling = :direct), 0),"
        " COALESCE(SUM(handling = :disp), 0) FROM cases"
        " WHERE accepted_at >= :s AND accepted_at < :e AND NOT deleted",
        p,
    ).one()
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
    offered, first, missed, returns = _sql(
        conn,
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE outcome = 'answered' AND attempt = 1),"
        " COUNT(*) FILTER (WHERE outcome = 'abandoned'),"
        " COUNT(*) FILTER (WHERE outcome = 'abandoned' AND called_back_at IS NOT NULL)"
        " FROM calls WHERE offered_at >= :s AND offered_at < :e",
        "SELECT COUNT(*), COALESCE(SUM(outcome = 'answered' AND attempt = 1), 0),"
        " COALESCE(SUM(outcome = 'abandoned'), 0),"
        " COALESCE(SUM(outcome = 'abandoned' AND called_back_at IS NOT NULL), 0)"
        " FROM calls WHERE offered_at >= :s AND offered_at < :e",
        p,
    ).one()
    ratings = dict(
        _sql(conn, *(["SELECT result, COUNT(*) FROM ratings WHERE rated_at >= :s"
                      " AND rated_at < :e GROUP BY result"] * 2), p).all()
    )
    cb_done, cb_sat = _sql(
        conn,
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE s.result = '满意') FROM callback_surveys s"
        " JOIN cases c ON c.id = s.case_id WHERE s.completed AND c.accepted_at >= :s"
        " AND c.accepted_at < :e AND NOT c.deleted",
        "SELECT COUNT(*), COALESCE(SUM(s.result = '满意'), 0) FROM callback_surveys s"
        " JOIN cases c ON c.id = s.case_id WHERE s.completed AND c.accepted_at >= :s"
        " AND c.accepted_at < :e AND NOT c.deleted",
        p,
    ).one()
    sup, joint = _sql(
        conn,
        *(["SELECT COUNT(DISTINCT s.case_id), COUNT(DISTINCT CASE WHEN s.level = :joint"
           " THEN s.case_id END) FROM supervisions s JOIN cases c ON c.id = s.case_id"
           " WHERE c.accepted_at >= :s AND c.accepted_at < :e AND NOT c.deleted"] * 2),
        {**p, "joint": int(SupervisionLevel.JOINT)},
    ).one()
    thanks = dict(
        _sql(conn, *(["SELECT kind, COUNT(*) FROM commendations WHERE received_at >= :s"
                      " AND received_at < :e GROUP BY kind"] * 2), p).all()
    )
    ps, pe = period.previous_year().utc_bounds
    previous = _sql(
        conn,
        *(["SELECT COUNT(*) FROM cases WHERE accepted_at >= :s AND accepted_at < :e"
           " AND NOT deleted"] * 2),
        {"s": ps, "e": pe},
    ).scalar_one()
    return kpi.PeriodCounts(
        accepted=int(accepted), direct=int(direct), dispatched=int(dispatched),
        calls_offered=int(offered), calls_answered_first=int(first), missed_calls=int(missed),
        missed_call_returns=int(returns), rated=int(sum(ratings.values())),
        rated_satisfied=int(ratings.get("满意", 0)),
        rated_basically_satisfied=int(ratings.get("基本满意", 0)),
        dispatched_closed=int(closed), dispatched_closed_on_time=int(on_time),
        handling_seconds=int(round(float(seconds))), callback_completed=int(cb_done),
        callback_satisfied=int(cb_sat), supervised=int(sup), supervised_joint=int(joint),
        thanks_calls=int(thanks.get("电话", 0)), thanks_letters=int(thanks.get("来信", 0)),
        thanks_banners=int(thanks.get("锦旗", 0)), accepted_previous=int(previous),
    )


def _breakdown(conn: Connection, period: Period, bucket: str) -> list[tuple[str, int, int]]:
    """(bucket, accepted, dispatched) by local month, day or hour, or by channel."""
    s, e = period.utc_bounds
    pg = conn.dialect.name == "postgresql"
    local = "(accepted_at AT TIME ZONE 'UTC') + interval '8 hours'" if pg else None
    if bucket == "channel":
        key = "channel"
    elif pg:
        fmt = {"month": "YYYY-MM", "day": "YYYY-MM-DD", "hour": "HH24"}[bucket]
        key = f"to_char({local}, '{fmt}')"
    else:
        fmt = {"month": "%Y-%m", "day": "%Y-%m-%d", "hour": "%H"}[bucket]
        key = f"strftime('{fmt}', accepted_at, '+8 hours')"
    disp = "COUNT(*) FILTER (WHERE handling = :disp)" if pg else "SUM(handling = :disp)"
    rows = conn.execute(
        text(f"SELECT {key} AS k, COUNT(*), {disp} FROM cases WHERE accepted_at >= :s"
             " AND accepted_at < :e AND NOT deleted GROUP BY k ORDER BY k"
             ).bindparams(_ts("s"), _ts("e")),
        {"s": s, "e": e, "disp": DISPATCH},
    ).all()
    return [(str(k), int(n), int(d or 0)) for k, n, d in rows]


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
        counts = count_period(conn, period)
        out: dict[str, list[tuple[str, int, int]]] = {}
        if series:
            sub = {"year": "month", "month": "day", "day": "hour"}[period.kind]
            out[sub] = _breakdown(conn, period, sub)
            out["channel"] = _breakdown(conn, period, "channel")
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
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    tmp.replace(path)
    return path
