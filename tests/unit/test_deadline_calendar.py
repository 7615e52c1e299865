"""Working-day calendar and deadlines across holidays and make-up working days."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from seat_app.cli import main
from seat_app.domain.calendar import (
    CalendarError,
    CalendarRangeError,
    WorkingDayCalendar,
    YearSchedule,
    parse_iso_date,
)
from seat_app.services.calendar_data import (
    home_calendar_dir,
    load_calendar,
    load_year_files,
    parse_year_file,
    shipped_calendar_dir,
)

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkingDayCalendar:
    return load_calendar()


# -- the 2025 National Day week: Oct 1-8 off, Sun Sep 28 and Sat Oct 11 worked ---------------

@pytest.mark.parametrize(
    "day, working",
    [
        ("2025-09-26", True),  # Friday
        ("2025-09-27", False),  # Saturday
        ("2025-09-28", True),  # Sunday, make-up working day
        ("2025-09-30", True),
        ("2025-10-01", False),
        ("2025-10-06", False),  # Mid-Autumn inside the week
        ("2025-10-08", False),  # Wednesday, still off
        ("2025-10-09", True),
        ("2025-10-11", True),  # Saturday, make-up working day
        ("2025-10-12", False),  # Sunday
    ],
)
def test_deadline_calendar_national_day_2025_days(cal, day, working):
    assert cal.is_working_day(D(day)) is working


@pytest.mark.parametrize(
    "start, n, expected",
    [
        ("2025-09-26", 1, "2025-09-28"),  # Fri + 1 skips Sat, lands on make-up Sunday
        ("2025-09-28", 1, "2025-09-29"),
        ("2025-09-30", 1, "2025-10-09"),  # the whole holiday skipped
        ("2025-09-30", 2, "2025-10-10"),
        ("2025-09-30", 3, "2025-10-11"),  # make-up Saturday counts
        ("2025-09-30", 4, "2025-10-13"),
        ("2025-10-01", 1, "2025-10-09"),  # starting inside the holiday
        ("2025-09-25", 10, "2025-10-15"),  # 26, 28, 29, 30, 9, 10, 11, 13, 14, 15
        ("2025-10-09", 0, "2025-10-09"),
        ("2025-10-09", -1, "2025-09-30"),
    ],
)
def test_deadline_calendar_national_day_2025_add(cal, start, n, expected):
    assert cal.add_working_days(D(start), n) == D(expected)


# -- the 2026 Spring Festival: Feb 15-23 off, Sat Feb 14 and Sat Feb 28 worked ----------------

@pytest.mark.parametrize(
    "start, n, expected",
    [
        ("2026-02-12", 1, "2026-02-13"),
        ("2026-02-13", 1, "2026-02-14"),  # make-up Saturday before the festival
        ("2026-02-14", 1, "2026-02-24"),  # Feb 15-23 skipped
        ("2026-02-13", 5, "2026-02-27"),  # 14, 24, 25, 26, 27
        ("2026-02-13", 6, "2026-02-28"),  # make-up Saturday after the festival
        ("2026-02-13", 7, "2026-03-02"),
        ("2026-02-10", 15, "2026-03-09"),  # 11-14, 24-28, Mar 2-6, 9
    ],
)
def test_deadline_calendar_spring_festival_2026(cal, start, n, expected):
    assert cal.add_working_days(D(start), n) == D(expected)


def test_deadline_calendar_spring_festival_2026_names_and_makeup(cal):
    assert cal.holiday_name(D("2026-02-17")) == "春节"
    assert cal.is_makeup_working_day(D("2026-02-14"))
    assert not cal.is_working_day(D("2026-02-23"))
    assert cal.working_days_between(D("2026-02-13"), D("2026-02-28")) == 6
    assert cal.working_days_between(D("2026-02-28"), D("2026-02-13")) == -6


def test_deadline_calendar_add_and_between_agree_everywhere(cal):
    # Property over two years: adding n then counting back gives n, and the result is a
    # working day; this covers every holiday period of 2025 and 2026.
    day = D("2025-01-01")
    while day < D("2026-12-15"):
        for n in (1, 3, 10):
            end = cal.add_working_days(day, n)
            assert cal.is_working_day(end)
            assert cal.working_days_between(day, end) == n
        day += timedelta(days=3)


def test_deadline_calendar_2027_provisional_file_follows_the_rules(cal):
    schedule = cal.schedule(2027)
    assert schedule is not None and schedule.provisional
    assert "PROVISIONAL" in schedule.source
    # make-up days are weekend days, and net weekdays off equal the 13 statutory days
    assert all(d.weekday() >= 5 for d in schedule.workdays)
    weekdays_off = [d for d in schedule.holidays if d.weekday() < 5]
    assert len(weekdays_off) - len(schedule.workdays) == 13
    assert cal.holiday_name(D("2027-02-06")) == "春节"
    assert cal.add_working_days(D("2027-09-30"), 1) == D("2027-10-08")
    assert cal.add_working_days(D("2027-02-04"), 1) == D("2027-02-15")


def test_deadline_calendar_uncovered_year_is_refused_not_guessed(cal):
    with pytest.raises(CalendarRangeError) as err:
        cal.add_working_days(D("2028-03-01"), 2)
    assert "2028" in err.value.zh and "2028" in err.value.en
    lenient = WorkingDayCalendar(strict=False)
    assert lenient.add_working_days(D("2028-03-03"), 1) == D("2028-03-06")  # Fri -> Mon


def test_deadline_calendar_injected_year_overrides_builtin():
    # An admin's official file for a built-in year replaces the library's data.
    official = YearSchedule(
        year=2026,
        holidays=frozenset({D("2026-03-02")}),
        workdays=frozenset({D("2026-03-07")}),
        source="test",
    )
    cal = WorkingDayCalendar([official])
    assert not cal.is_working_day(D("2026-03-02"))
    assert cal.is_working_day(D("2026-03-07"))
    assert cal.is_working_day(D("2026-02-17"))  # library's Spring Festival is gone
    assert WorkingDayCalendar().with_years([official]).is_working_day(D("2026-02-17"))


def test_deadline_calendar_schedule_rejects_inconsistent_data():
    with pytest.raises(CalendarError):
        YearSchedule(2027, frozenset({D("2026-01-01")}), frozenset(), "x")
    with pytest.raises(CalendarError):
        YearSchedule(2027, frozenset({D("2027-05-08")}), frozenset({D("2027-05-08")}), "x")


def _write(folder, year, **data):
    folder.mkdir(parents=True, exist_ok=True)
    body = {"year": year, "source": "test official", "holidays": [], "workdays": []} | data
    path = folder / f"holidays-{year}.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path


def test_deadline_calendar_home_file_adds_a_further_year(tmp_path):
    home = tmp_path / "home"
    _write(
        home_calendar_dir(home),
        2028,
        holidays=[{"name": "元旦", "dates": ["2028-01-03"]}],
        workdays=[{"name": "调休", "dates": ["2028-01-08"]}],
    )
    cal = load_calendar(home)
    assert 2028 in cal.covered_years and 2027 in cal.covered_years
    assert cal.add_working_days(D("2027-12-31"), 1) == D("2028-01-04")
    assert cal.is_working_day(D("2028-01-08"))
    assert not cal.schedule(2028).provisional


def test_deadline_calendar_home_file_overrides_shipped_provisional(tmp_path):
    home = tmp_path / "home"
    _write(home_calendar_dir(home), 2027, provisional=False)
    cal = load_calendar(home)
    assert not cal.schedule(2027).provisional
    assert cal.is_working_day(D("2027-10-04"))  # the test "official" file has no holidays


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"holidays": [{"dates": ["2029-02-30"]}]}, "2029-02-30"),
        ({"holidays": "nope"}, "holidays"),
        ({"source": ""}, "source"),
        ({"provisional": "yes"}, "provisional"),
        ({"format": "other/9"}, "other/9"),
        ({"workdays": [{"dates": ["2030-01-05"]}]}, "2030-01-05"),  # wrong year
    ],
)
def test_deadline_calendar_bad_file_is_refused_with_clear_message(tmp_path, data, fragment):
    path = _write(tmp_path, 2029, **data)
    with pytest.raises(CalendarError) as err:
        parse_year_file(path)
    assert fragment in err.value.zh and fragment in err.value.en
    assert str(path) in err.value.zh


def test_deadline_calendar_shipped_files_all_parse():
    schedules = load_year_files([shipped_calendar_dir()])
    assert [s.year for s in schedules] == [2027]


def test_deadline_calendar_parse_iso_date():
    assert parse_iso_date("2025-10-09") == D("2025-10-09")
    for bad in ("2025-1-9", "20251009", "2025-02-30", "tomorrow"):
        with pytest.raises(CalendarError):
            parse_iso_date(bad)


# -- the CLI ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "start, n, expected",
    [("2025-09-30", "1", "2025-10-09"), ("2026-02-13", "6", "2026-02-28"),
     ("2025-10-09", "-1", "2025-09-30"), ("2027-09-30", "1", "2027-10-08")],
)
def test_deadline_cli_add_working_days(capsys, start, n, expected):
    assert main(["calendar", "add-working-days", start, n]) == 0
    out = capsys.readouterr().out
    assert out == expected + "\n"


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["2025-13-01", "3"], "YYYY-MM-DD"),
        (["2025-10-01", "three"], "three"),
        (["2029-03-01", "3"], "2029"),
        (["2025-10-01", "99999"], "99999"),
    ],
)
def test_deadline_cli_bad_input_exits_2_with_message(capsys, args, fragment):
    assert main(["--lang", "en", "calendar", "add-working-days", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert fragment in captured.err


def test_deadline_cli_is_working_day(capsys):
    assert main(["calendar", "is-working-day", "2025-09-28"]) == 0
    assert "是工作日" in capsys.readouterr().out
    assert main(["--lang", "en", "calendar", "is-working-day", "2025-10-01"]) == 0
    out = capsys.readouterr().out
    assert "not a working day" in out and "国庆节" in out
    assert main(["calendar", "is-working-day", "2025/10/01"]) == 2


def test_deadline_cli_years_marks_provisional(capsys):
    assert main(["--lang", "en", "calendar", "years"]) == 0
    lines = capsys.readouterr().out.splitlines()
    line_2027 = next(line for line in lines if line.startswith("2027"))
    assert "[provisional]" in line_2027
    assert not any("[provisional]" in line for line in lines if line.startswith("2025"))
