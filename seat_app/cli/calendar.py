"""``seat-admin calendar ...``: the working-day calendar."""

from __future__ import annotations

import argparse
import sys

from seat_app.cli import say
from seat_app.domain.calendar import CalendarError, parse_iso_date
from seat_app.services import calendar_data


def register(sub: argparse._SubParsersAction) -> None:
    cal = sub.add_parser("calendar", help="工作日日历 working-day calendar")
    cal_sub = cal.add_subparsers(dest="calendar_command", metavar="CALENDAR_COMMAND", required=True)
    add = cal_sub.add_parser(
        "add-working-days",
        help="给定日期之后第 N 个工作日（当天不计） the date N working days after DATE",
    )
    add.add_argument("date", help="YYYY-MM-DD")
    add.add_argument("n", help="number of working days (integer, may be negative)")
    add.set_defaults(func=_add_working_days)
    check = cal_sub.add_parser("is-working-day", help="是否工作日 is DATE a working day")
    check.add_argument("date", help="YYYY-MM-DD")
    check.set_defaults(func=_is_working_day)
    years = cal_sub.add_parser("years", help="已载入的年份及来源 covered years and their sources")
    years.set_defaults(func=_years)


def _fail(zh: str, en: str) -> int:
    print(say(zh, en), file=sys.stderr)
    return 2


def _calendar():
    return calendar_data.load_calendar()


def _add_working_days(args: argparse.Namespace) -> int:
    try:
        start = parse_iso_date(args.date)
    except CalendarError as exc:
        return _fail(exc.zh, exc.en)
    try:
        n = int(args.n.strip())
        if not args.n.strip().lstrip("+-").isascii():
            raise ValueError(args.n)
    except ValueError:
        return _fail(f"天数应为整数：{args.n!r}", f"N must be an integer: {args.n!r}")
    try:
        result = _calendar().add_working_days(start, n)
    except CalendarError as exc:
        return _fail(exc.zh, exc.en)
    print(result.isoformat())
    return 0


def _is_working_day(args: argparse.Namespace) -> int:
    try:
        day = parse_iso_date(args.date)
        cal = _calendar()
        working = cal.is_working_day(day)
    except CalendarError as exc:
        return _fail(exc.zh, exc.en)
    if working:
        extra = say("（调休上班）", " (make-up working day)") if cal.is_makeup_working_day(day) else ""
        print(say(f"{day.isoformat()} 是工作日{extra}", f"{day.isoformat()} is a working day{extra}"))
    else:
        name = cal.holiday_name(day)
        why = say(f"（{name}）", f" (holiday: {name})") if name else say("（周末）", " (weekend)")
        print(say(f"{day.isoformat()} 不是工作日{why}", f"{day.isoformat()} is not a working day{why}"))
    return 0


def _years(args: argparse.Namespace) -> int:
    try:
        cal = _calendar()
    except CalendarError as exc:
        return _fail(exc.zh, exc.en)
    for year in cal.covered_years:
        schedule = cal.schedule(year)
        assert schedule is not None
        mark = say(" [暂定]", " [provisional]") if schedule.provisional else ""
        print(f"{year}{mark}  {schedule.source}")
    return 0
