"""``seat-admin demo year``: a year of realistic center records (and the year before).

The counts come from ``demo_plan`` (fitted so the KPI formulas give the published figures);
this module spreads them over the year realistically -- hourly, weekday and seasonal volume,
matters, areas, channels, handling times -- and writes them with bulk inserts (SQLite
``executemany`` in one transaction, PostgreSQL ``COPY``). Everything is deterministic for a
given seed. Records are clearly demo data: every case's ``changed_by`` is ``demo-year``.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, text

from seat_app.demo.case_text import CaseTexts
from seat_app.demo.plan import YearPlan, plan_profile
from seat_app.domain.case import CaseStatus, Channel, Handling
from seat_app.domain.queue import HOURLY_PROFILE, MONTH_FACTOR, WEEKDAY_FACTOR
from seat_app.domain.supervision import SupervisionLevel
from seat_app.domain.taxonomy import AREAS, MATTERS
from seat_app.services.store.central import next_change_seq

Progress = Callable[[str, int, int], None]
LOCAL_OFFSET = 8 * 3600
TEST_SCALE = 0.015
"""A small scale at which every published percentage is reproduced exactly (proved in
tests/unit/test_kpi_demo_plan.py); the default test suite generates at this scale."""
DEMO_MARK = "demo-year"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass
class Rows:
    cases: list[tuple] = field(default_factory=list)
    calls: list[tuple] = field(default_factory=list)
    ratings: list[tuple] = field(default_factory=list)
    surveys: list[tuple] = field(default_factory=list)
    supervisions: list[tuple] = field(default_factory=list)
    commendations: list[tuple] = field(default_factory=list)


CASE_COLS = (
    "id", "revision", "change_seq", "changed_by", "changed_at", "deleted", "case_number",
    "channel", "caller_name", "caller_phone", "caller_area", "caller_address", "matter",
    "domain", "subcategory", "description", "reply_text", "handling", "handling_unit",
    "status", "kb_code", "agent", "seat_code", "call_id", "created_at", "accepted_at",
    "closed_at", "deadline", "dispatched_at",
)
CALL_COLS = (
    "id", "revision", "change_seq", "changed_by", "changed_at", "deleted", "caller_phone",
    "seat_code", "agent", "outcome", "attempt", "offered_at", "answered_at", "ended_at",
    "case_id", "called_back_at",
)
RATING_COLS = ("call_id", "case_id", "rated_at", "result")
SURVEY_COLS = ("case_id", "surveyed_at", "completed", "result", "agent")
SUPERVISION_COLS = ("case_id", "level", "trigger", "reason", "raised_at", "raised_by")
COMMENDATION_COLS = ("kind", "received_at", "case_id", "unit", "note")
TS = object()  # marker: an epoch-seconds timestamp column
DAY = object()  # marker: an epoch-day date column

_CASE_KINDS = {"changed_at": TS, "created_at": TS, "accepted_at": TS, "closed_at": TS,
               "dispatched_at": TS, "deadline": DAY}
_CALL_KINDS = {"changed_at": TS, "offered_at": TS, "answered_at": TS, "ended_at": TS,
               "called_back_at": TS}


def _year_start(year: int) -> int:
    """Epoch seconds of local midnight, 1 January ``year``."""
    return int((datetime(year, 1, 1, tzinfo=UTC) - _EPOCH).total_seconds()) - LOCAL_OFFSET


def _spread(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[:rest]:
        out[i] += 1
    return out


def _arrival_times(year: int, n: int, rng: random.Random, growth: float) -> list[int]:
    """``n`` local arrival times over the year (epoch seconds, sorted)."""
    start = _year_start(year)
    days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    weights = []
    for d in range(days):
        day = date(year, 1, 1) + timedelta(days=d)
        trend = 1.0 + growth * d / days  # volume grew through the year
        weights.append(WEEKDAY_FACTOR[day.weekday()] * MONTH_FACTOR[day.month - 1] * trend)
    per_day = _spread(n, weights)
    out: list[int] = []
    hourly = list(HOURLY_PROFILE)
    for d, k in enumerate(per_day):
        if not k:
            continue
        base = start + d * 86400
        for h, c in enumerate(_spread(k, hourly)):
            hb = base + h * 3600
            out.extend(hb + rng.randrange(3600) for _ in range(c))
    out.sort()
    return out


def _matter_weights(rng: random.Random) -> list[float]:
    # a long tail: a few matters (water, power, heating, wages, noise, property) dominate
    heavy = {"停水", "停电", "供暖不热", "拖欠工资", "农民工欠薪", "社会生活噪声", "物业服务质量",
             "公积金提取", "医保报销", "社保缴纳与补缴", "违章停车", "生活垃圾清运", "燃气费",
             "道路破损", "餐饮油烟", "入学报名与学区", "预付卡退费", "装修噪声", "路灯不亮"}
    return [(8.0 if m.name in heavy else 1.0) * rng.uniform(0.5, 1.5) for m in MATTERS]


_AREA_WEIGHTS = (30, 16, 7, 6, 6, 4, 5, 4, 5, 3, 3, 4, 3, 4)
"""市直 (city level, including the city proper) and the counties, roughly by population."""


def _choose_exact(rng: random.Random, population: int, k: int) -> list[int]:
    """``k`` distinct indices of ``range(population)``, sorted."""
    return sorted(rng.sample(range(population), k))


def _working_days_after(day: int, n: int) -> int:
    """Epoch-day ``n`` working days (Mon-Fri) after epoch-day ``day``."""
    d = day
    while n > 0:
        d += 1
        if (d + 3) % 7 < 5:  # 1970-01-01 was a Thursday: (d + 3) % 7 is Monday=0
            n -= 1
    return d


def _local_day(ts: int) -> int:
    return (ts + LOCAL_OFFSET) // 86400


def generate_year(plan: YearPlan, *, seed: int = 2024, seq: int = 1) -> Rows:
    """All records of one planned year (as tuples in the ``*_COLS`` orders)."""
    rng = random.Random(seed)
    c = plan.counts
    year = plan.year
    n = c.accepted
    times = _arrival_times(year, n, rng, growth=0.25)
    uid = uuid.UUID
    getrand = rng.getrandbits

    def new_id(at: int) -> str:
        """A time-ordered UUID (version 7: milliseconds first), so bulk inserts append to the
        primary-key index instead of scattering over it."""
        value = ((at * 1000 + getrand(10)) << 80) | (0x7 << 76) | (getrand(12) << 64) \
            | (0b10 << 62) | getrand(62)
        return str(uid(int=value))

    matters = MATTERS
    m_weights = _matter_weights(rng)
    matter_idx = rng.choices(range(len(matters)), m_weights, k=n)
    area_idx = rng.choices(range(len(AREAS)), _AREA_WEIGHTS, k=n)
    dispatched = set(_choose_exact(rng, n, c.dispatched))
    phone_set = set(_choose_exact(rng, n, plan.phone_cases))
    online_channels = (Channel.APP.value, Channel.WEBSITE.value, Channel.MAILBOX.value,
                       Channel.WINDOW.value)
    online_choice = rng.choices(online_channels, (0.45, 0.3, 0.15, 0.1), k=n)
    agents = [f"{1000 + i}" for i in range(1, 81)]
    seats = [f"S{i:02d}" for i in range(1, 61)]
    case_ids = [new_id(t) for t in times]
    texts = CaseTexts(seed)  # its own random stream: the records above and below are unchanged
    seq_per = {}
    rows = Rows()
    phone_cases: list[int] = []
    disp_list: list[int] = []
    for i in range(n):
        t = times[i]
        m = matters[matter_idx[i]]
        area = AREAS[area_idx[i]]
        seat = seats[i % 60]
        day = _local_day(t)
        key = (day, seat)
        k = seq_per.get(key, 0) + 1
        seq_per[key] = k
        dstr = (date(1970, 1, 1) + timedelta(days=day)).strftime("%Y%m%d")
        number = f"{dstr}-{seat}-{k:04d}"
        is_phone = i in phone_set
        channel = Channel.PHONE.value if is_phone else online_choice[i]
        handling = Handling.DISPATCH.value if i in dispatched else Handling.DIRECT.value
        unit = ""
        if handling == Handling.DISPATCH.value:
            disp_list.append(i)
            ut = m.unit_types[0] if m.unit_types else "热线"
            unit = f"{'运城市' if area == '市直' else area}{ut}"
        if is_phone:
            phone_cases.append(i)
        closed = t + 120 + rng.randrange(600) if handling == Handling.DIRECT.value else None
        address, description = texts.render(m.name, area)
        rows.cases.append([
            case_ids[i], 1, seq, DEMO_MARK, t, False, number, channel, "",
            f"1{rng.randrange(30, 99)}****{rng.randrange(10000):04d}", area, address,
            m.name, m.domain, m.subcategory, description,
            "已按知识库口径答复。" if closed else "", handling, unit,
            CaseStatus.CLOSED.value, "", agents[i % 80], seat, None, t, t, closed, None, None,
        ])
    # -- dispatched cases: dispatch, handling time, deadline, closure --------------------
    total_s = c.handling_seconds
    nd = len(disp_list)
    durations = [max(1800, int(rng.gammavariate(2.2, c.handling_seconds / nd / 2.2)))
                 for _ in range(nd)]
    durations = [min(d, 40 * 86400) for d in durations]
    late_set = set(rng.sample(range(nd), nd - c.dispatched_closed_on_time))
    for j in late_set:  # late cases took at least four days
        durations[j] = max(durations[j], 4 * 86400 + rng.randrange(86400))
    diff = total_s - sum(durations)
    adjustable = [j for j in range(nd) if j not in late_set]
    for _ in range(1000):
        if diff == 0 or not adjustable:
            break
        share = diff // len(adjustable) if abs(diff) >= len(adjustable) else (1 if diff > 0 else -1)
        for j in adjustable:
            if diff == 0:
                break
            new = durations[j] + share
            if new < 900:
                continue
            durations[j] = new
            diff -= share
    for j, i in enumerate(disp_list):
        row = rows.cases[i]
        t = row[25]
        disp_at = t + 300 + rng.randrange(1800)
        closed = disp_at + durations[j]
        cday = _local_day(closed)
        if j in late_set:
            deadline = max(_local_day(disp_at), cday - 1 - rng.randrange(3))
        else:
            limit = _working_days_after(_local_day(disp_at), rng.choice((5, 7, 10, 15)))
            deadline = max(cday, limit)
        row[26] = closed
        row[27] = deadline
        row[28] = disp_at
        row[16] = "承办单位已办理并答复来电人。"
    # -- calls ---------------------------------------------------------------------------
    retried = set(rng.sample(range(len(phone_cases)), plan.retried_calls))
    year_start = _year_start(year)
    call_ids_for_cases: dict[int, str] = {}
    for pos, i in enumerate(phone_cases):
        row = rows.cases[i]
        t = row[25]
        cid = new_id(t)
        call_ids_for_cases[i] = cid
        row[23] = cid
        ring = 5 + rng.randrange(25)
        end = t + ring + 60 + int(rng.expovariate(1 / 200))
        attempt = 1
        if pos in retried:
            attempt = 2
            first = max(year_start, t - 120 - rng.randrange(1800))
            rows.calls.append((new_id(first), 1, seq, DEMO_MARK, first, False, row[9], "", "",
                               "abandoned", 1, first, None, first + 20 + rng.randrange(90),
                               None, None))
        rows.calls.append((cid, 1, seq, DEMO_MARK, t, False, row[9], row[22], row[21],
                           "answered", attempt, t - ring, t, end, row[0], None))
    other_missed = c.missed_calls - plan.retried_calls
    missed_times = _arrival_times(year, other_missed, rng, growth=0.25)
    returned = set(rng.sample(range(other_missed), c.missed_call_returns))
    for k, t in enumerate(missed_times):
        back = t + 600 + rng.randrange(7200) if k in returned else None
        rows.calls.append((new_id(t), 1, seq, DEMO_MARK, t, False,
                           f"1{rng.randrange(30, 99)}****{rng.randrange(10000):04d}", "", "",
                           "abandoned", 1, t, None, t + 15 + rng.randrange(120), None, back))
    # -- post-call ratings ---------------------------------------------------------------
    rated = rng.sample(phone_cases, c.rated)
    results = (["满意"] * c.rated_satisfied + ["基本满意"] * c.rated_basically_satisfied
               + ["不满意"] * (c.rated - c.rated_satisfied - c.rated_basically_satisfied))
    rng.shuffle(results)
    year_end = _year_start(year + 1)
    for i, res in zip(rated, results, strict=True):
        row = rows.cases[i]
        at = min(row[25] + 240 + rng.randrange(300), year_end - 1)
        rows.ratings.append((call_ids_for_cases[i], row[0], at, res))
    # -- callback surveys ----------------------------------------------------------------
    surveyed = rng.sample(disp_list, c.callback_completed)
    sat = set(rng.sample(range(len(surveyed)), c.callback_satisfied))
    for k, i in enumerate(surveyed):
        row = rows.cases[i]
        at = row[26] + 86400 + rng.randrange(2 * 86400)
        res = "满意" if k in sat else rng.choice(("基本满意", "基本满意", "不满意"))
        rows.surveys.append((row[0], at, True, res, agents[k % 80]))
    unreached = rng.sample(disp_list, len(disp_list) // 12)
    for k, i in enumerate(unreached):
        at = rows.cases[i][26] + 86400 + rng.randrange(86400)
        rows.surveys.append((rows.cases[i][0], at, False, "", agents[k % 80]))
    # -- supervisions (late ones first) ----------------------------------------------------
    late_cases = [disp_list[j] for j in sorted(late_set)]
    rest = [i for i in disp_list if i not in set(late_cases)]
    rng.shuffle(rest)
    supervised = (late_cases + rest)[: c.supervised]
    joint = set(rng.sample(range(len(supervised)), c.supervised_joint))
    for k, i in enumerate(supervised):
        row = rows.cases[i]
        at = row[28] + 3 * 86400 + rng.randrange(86400)
        rows.supervisions.append((row[0], int(SupervisionLevel.WRITTEN), "overdue",
                                  "办理进度滞后（演示数据）", at, "rule"))
        if k in joint:
            rows.supervisions.append((row[0], int(SupervisionLevel.JOINT), "manual",
                                      "联合政府督查室督办（演示数据）", at + 86400, "1001"))
    # -- commendations ---------------------------------------------------------------------
    start = _year_start(year)
    for kind, count in (("电话", c.thanks_calls), ("来信", c.thanks_letters),
                        ("锦旗", c.thanks_banners)):
        for _ in range(count):
            i = rng.randrange(n)
            at = start + rng.randrange(year_end - start)
            rows.commendations.append((kind, at, rows.cases[i][0], rows.cases[i][18],
                                       "来电人致谢（演示数据）"))
    return rows


# -- writing ------------------------------------------------------------------------------


def _sqlite_ts(ts: int | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S.000000")


def _pg_ts(ts: int | None) -> datetime | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC)


def _day(d: int | None, pg: bool):
    if d is None:
        return None
    v = date(1970, 1, 1) + timedelta(days=d)
    return v if pg else v.isoformat()


def _converted(rows: list, cols: Sequence[str], kinds: dict, pg: bool) -> Iterator[tuple]:
    conv = []
    for idx, col in enumerate(cols):
        kind = kinds.get(col)
        if kind is TS:
            conv.append((idx, _pg_ts if pg else _sqlite_ts))
        elif kind is DAY:
            conv.append((idx, lambda d, _pg=pg: _day(d, _pg)))
    for r in rows:
        r = list(r)
        for idx, f in conv:
            r[idx] = f(r[idx])
        yield tuple(r)


_TABLES = (
    ("cases", CASE_COLS, _CASE_KINDS, "cases"),
    ("calls", CALL_COLS, _CALL_KINDS, "calls"),
    ("ratings", RATING_COLS, {"rated_at": TS}, "ratings"),
    ("callback_surveys", SURVEY_COLS, {"surveyed_at": TS}, "surveys"),
    ("supervisions", SUPERVISION_COLS, {"raised_at": TS}, "supervisions"),
    ("commendations", COMMENDATION_COLS, {"received_at": TS}, "commendations"),
)


def write_rows(engine: Engine, rows: Rows, progress: Progress = _no_progress) -> dict[str, int]:
    pg = engine.dialect.name == "postgresql"
    counts: dict[str, int] = {}
    if pg:
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            for table, cols, kinds, attr in _TABLES:
                data = getattr(rows, attr)
                with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                    for k, r in enumerate(_converted(data, cols, kinds, True)):
                        cp.write_row(r)
                        if k % 100_000 == 0:
                            progress(table, k, len(data))
                progress(table, len(data), len(data))
                counts[table] = len(data)
            raw.commit()
        finally:
            raw.close()
        return counts
    with engine.begin() as conn:
        dbapi = conn.connection.driver_connection
        cur = dbapi.cursor()
        cur.execute("PRAGMA cache_size = -1000000")  # 1 GB page cache for this load
        names = ", ".join(f"'{t}'" for t, *_ in _TABLES)
        indexes = cur.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            f" AND tbl_name IN ({names})").fetchall()
        # secondary indexes are rebuilt after the load (a sort each) rather than updated
        # row by row; the same transaction, so a failure leaves everything as it was
        for name, _sql in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        for table, cols, kinds, attr in _TABLES:
            data = getattr(rows, attr)
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            gen = _converted(data, cols, kinds, False)
            done = 0
            while True:
                chunk = [r for _, r in zip(range(50_000), gen, strict=False)]
                if not chunk:
                    break
                cur.executemany(sql, chunk)
                done += len(chunk)
                progress(table, done, len(data))
            counts[table] = len(data)
        for k, (_name, sql) in enumerate(indexes):
            cur.execute(sql)
            progress("indexes", k + 1, len(indexes))
        cur.execute("PRAGMA cache_size = -2000")
    return counts


def clear_demo_years(engine: Engine, years: Sequence[int]) -> None:
    """Remove earlier demo-year records (only rows marked as demo data)."""
    with engine.begin() as conn:
        for table, fk in (("ratings", "case_id"), ("callback_surveys", "case_id"),
                          ("supervisions", "case_id"), ("commendations", "case_id")):
            conn.execute(text(
                f"DELETE FROM {table} WHERE {fk} IN (SELECT id FROM cases"
                f" WHERE changed_by = '{DEMO_MARK}')"))
        conn.execute(text(f"DELETE FROM calls WHERE changed_by = '{DEMO_MARK}'"))
        conn.execute(text(f"DELETE FROM cases WHERE changed_by = '{DEMO_MARK}'"))


def generate_profile(engine: Engine, profile: str = "yuncheng-2024", *, scale: float = 1.0,
                     seed: int = 2024, progress: Progress = _no_progress,
                     replace: bool = True) -> dict[str, object]:
    """Generate the profile's year and the year before into the central database
    (schema must be current). Returns timings and counts."""
    year_plan, prev_plan = plan_profile(profile, scale)
    started = time.perf_counter()
    if replace:
        clear_demo_years(engine, (year_plan.year, prev_plan.year))
    with engine.begin() as conn:
        seq = next_change_seq(conn)
    out: dict[str, object] = {"profile": profile, "scale": scale}
    gen_s = 0.0
    write_s = 0.0
    for plan, s in ((prev_plan, seed - 1), (year_plan, seed)):
        t0 = time.perf_counter()
        rows = generate_year(plan, seed=s, seq=seq)
        t1 = time.perf_counter()
        counts = write_rows(engine, rows, progress)
        t2 = time.perf_counter()
        gen_s += t1 - t0
        write_s += t2 - t1
        out[str(plan.year)] = counts
        del rows
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            for table, *_ in _TABLES:
                # VACUUM sets the visibility map: the report's index-only scans need it
                conn.execute(text(f"VACUUM ANALYZE {table}"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    out["generate_s"] = round(gen_s, 1)
    out["write_s"] = round(write_s, 1)
    out["total_s"] = round(time.perf_counter() - started, 1)
    return out
