"""Issue 10, row 14: working-day arithmetic at the edges of the representable dates, with
huge or negative counts and past the covered years, gives one clear range error (zh/en, a
non-zero exit through seat-admin), never an OverflowError or an endless loop."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from seat_app.domain.calendar import (
    MAX_SPAN_DAYS,
    MAX_WORKING_DAYS,
    CalendarError,
    CalendarOverflowError,
    CalendarRangeError,
    WorkingDayCalendar,
    YearSchedule,
)

pytestmark = pytest.mark.integrity

LAX = WorkingDayCalendar(use_builtin=False, strict=False)  # weekends alone: reaches the edges
STRICT = WorkingDayCalendar()


@pytest.mark.parametrize(("start", "n"), [
    (date.max, 5), (date(9999, 12, 30), 3), (date.min, -1), (date(1, 1, 2), -5),
])
def test_counting_past_the_last_or_first_date_is_a_range_error(start, n):
    with pytest.raises(CalendarOverflowError) as info:
        LAX.add_working_days(start, n)
    assert start.isoformat() in info.value.zh and "9999-12-31" in info.value.en


def test_next_working_day_at_the_end_of_time():
    assert date.max.weekday() == 4 and LAX.next_working_day(date.max) == date.max
    # the last representable day a holiday: its next working day cannot be represented
    last = YearSchedule(year=9999, holidays=frozenset({date.max}), workdays=frozenset(),
                        source="test")
    cal = WorkingDayCalendar([last], use_builtin=False, strict=False)
    with pytest.raises(CalendarOverflowError) as info:
        cal.next_working_day(date.max)
    assert "9999-12-31" in info.value.zh


@pytest.mark.parametrize("n", [MAX_WORKING_DAYS + 1, -(MAX_WORKING_DAYS + 1), 10**18, -10**30])
def test_huge_counts_are_refused_at_once(n):
    with pytest.raises(CalendarOverflowError) as info:
        LAX.add_working_days(date(2025, 1, 1), n)
    assert str(MAX_WORKING_DAYS) in info.value.zh and str(n) in info.value.en


def test_the_largest_allowed_count_still_works():
    start = date(2000, 1, 3)
    end = LAX.add_working_days(start, MAX_WORKING_DAYS)
    assert LAX.working_days_between(start, end) == MAX_WORKING_DAYS
    assert LAX.add_working_days(end, -MAX_WORKING_DAYS) == start


def test_a_span_too_long_is_refused_both_ways():
    for a, b in ((date.min, date.max), (date.max, date.min)):
        with pytest.raises(CalendarOverflowError) as info:
            LAX.working_days_between(a, b)
        assert str(MAX_SPAN_DAYS) in info.value.en


def test_past_the_covered_years_is_a_range_error_not_a_guess():
    last = STRICT.covered_years[-1]
    with pytest.raises(CalendarRangeError) as info:
        STRICT.add_working_days(date(last, 12, 20), 30)
    assert info.value.year == last + 1 and str(last + 1) in info.value.zh
    assert isinstance(info.value, CalendarError) and isinstance(info.value, ValueError)


def run_cli(*args: str, home) -> subprocess.CompletedProcess:
    env = {**os.environ, "SEAT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "seat_app.cli", *args], capture_output=True,
                          text=True, env=env, timeout=60)


@pytest.mark.parametrize(("args", "zh", "en"), [
    (("9999-12-31", "5"), "超出可表示的日期范围", "goes past the dates"),
    (("0001-01-01", "-1"), "超出可表示的日期范围", "goes past the dates"),
    (("2025-01-01", "99999999999999999999"), "超出范围", "out of range"),
    (("2025-01-01", "-3661"), "超出范围", "out of range"),
    (("9999-12-31", "0"), None, None),
    (("2025-01-01", "五"), "整数", "integer"),
    (("10000-01-01", "1"), "日期格式不对", "Bad date"),
])
def test_seat_admin_add_working_days_edges(tmp_path, args, zh, en):
    for lang, want in (("zh", zh), ("en", en)):
        done = run_cli("--lang", lang, "calendar", "add-working-days", *args, home=tmp_path)
        assert "Traceback" not in done.stderr + done.stdout
        if want is None:
            assert done.returncode == 0 and done.stdout.strip() == args[0]
        else:
            assert done.returncode == 2 and want in done.stderr, done.stderr


def test_seat_admin_is_working_day_far_future(tmp_path):
    done = run_cli("--lang", "en", "calendar", "is-working-day", "9999-12-31", home=tmp_path)
    assert done.returncode == 2 and "No holiday schedule loaded for 9999" in done.stderr
    assert "Traceback" not in done.stderr
