"""The working-day calendar (工作日): Chinese public holidays and make-up working days.

A day is a working day when it is a Monday-Friday that is not a public holiday, or a
weekend day that the State Council's schedule declares a make-up working day (调休上班).

Sources, per year:

- built in: the ``chinesecalendar`` package (import ``chinese_calendar``), a well-kept data
  library that covers 2004 up to the last year whose official schedule it has shipped;
- injected: :class:`YearSchedule` values that services load from data files
  (``seat_app.services.calendar_data``); an injected year replaces the built-in one, so an
  admin can drop in an official file for a year the library does not know yet.

This module reads no files. A date in a year no source covers is refused with
:class:`CalendarRangeError` rather than guessed, unless the calendar was built with
``strict=False`` (then weekends alone decide, which is how such a calendar says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar import constants as _cc_constants

from seat_app.domain.messages import UserMessage

BUILTIN_SOURCE = f"chinesecalendar {getattr(chinese_calendar, '__version__', '?')}"


class CalendarError(UserMessage, ValueError):
    """A calendar problem, with a Chinese and an English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class CalendarRangeError(CalendarError):
    """The date falls in a year no calendar source covers."""

    def __init__(self, year: int, covered: tuple[int, ...]) -> None:
        span = f"{covered[0]}-{covered[-1]}" if covered else "-"
        super().__init__(
            f"{year} 年的节假日安排尚未载入（已载入年份：{span}）；请导入该年的节假日文件。",
            f"No holiday schedule loaded for {year} (covered years: {span}); "
            "import that year's holiday file.",
        )
        self.year = year


MAX_WORKING_DAYS = 3660
"""The most working days one ``add_working_days`` call counts (about 14 years)."""
MAX_SPAN_DAYS = 36_600
"""The longest span ``working_days_between`` counts (about 100 years)."""


class CalendarOverflowError(CalendarError):
    """A count or a span beyond what the calendar computes (never an OverflowError)."""


def _too_many(n: int) -> CalendarOverflowError:
    return CalendarOverflowError(
        f"工作日天数超出范围：{n}（绝对值最多 {MAX_WORKING_DAYS}）。",
        f"Number of working days out of range: {n} (at most {MAX_WORKING_DAYS} either way).",
    )


def _past_the_end(day: date, step: int) -> CalendarOverflowError:
    way_zh, way_en = ("向后", "forwards") if step > 0 else ("向前", "backwards")
    return CalendarOverflowError(
        f"从 {day.isoformat()} {way_zh}计算会超出可表示的日期范围（{date.min.isoformat()} 至 "
        f"{date.max.isoformat()}）。",
        f"Counting {way_en} from {day.isoformat()} goes past the dates the calendar can "
        f"represent ({date.min.isoformat()} to {date.max.isoformat()}).",
    )


def _step(day: date, step: int, start: date) -> date:
    try:
        return day + timedelta(days=step)
    except OverflowError:
        raise _past_the_end(start, step) from None


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """One year's official schedule.

    ``holidays`` are public-holiday days off (weekend days inside a holiday period may be
    listed too; they change nothing). ``workdays`` are make-up working days, normally
    weekend days. ``names`` optionally names holiday dates (元旦, 春节, ...).
    """

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str
    provisional: bool = False
    names: Mapping[date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for label, days in (("holidays", self.holidays), ("workdays", self.workdays)):
            for d in days:
                if d.year != self.year:
                    raise CalendarError(
                        f"{self.year} 年安排中的日期 {d.isoformat()} 不属于该年（{label}）。",
                        f"Date {d.isoformat()} in the {self.year} schedule is not in that year ({label}).",
                    )
        both = self.holidays & self.workdays
        if both:
            d = min(both).isoformat()
            raise CalendarError(
                f"{d} 同时被列为假日和调休上班日。",
                f"{d} is listed both as a holiday and as a make-up working day.",
            )


def builtin_schedules() -> dict[int, YearSchedule]:
    """The years the ``chinesecalendar`` package covers, as schedules."""
    holidays: dict[int, set[date]] = {}
    workdays: dict[int, set[date]] = {}
    names: dict[int, dict[date, str]] = {}
    for d, holiday in _cc_constants.holidays.items():
        holidays.setdefault(d.year, set()).add(d)
        names.setdefault(d.year, {})[d] = _chinese_name(holiday)
    for d in _cc_constants.workdays:
        workdays.setdefault(d.year, set()).add(d)
    years = sorted(holidays)
    return {
        y: YearSchedule(
            year=y,
            holidays=frozenset(holidays.get(y, ())),
            workdays=frozenset(workdays.get(y, ())),
            source=BUILTIN_SOURCE,
            names=names.get(y, {}),
        )
        for y in years
    }


_CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _chinese_name(holiday: object) -> str:
    text = str(getattr(holiday, "value", holiday))
    return _CHINESE_NAMES.get(text, text)


class WorkingDayCalendar:
    """Working-day arithmetic over the loaded years."""

    def __init__(
        self,
        extra_years: Iterable[YearSchedule] = (),
        *,
        use_builtin: bool = True,
        strict: bool = True,
    ) -> None:
        self._years: dict[int, YearSchedule] = builtin_schedules() if use_builtin else {}
        for schedule in extra_years:
            self._years[schedule.year] = schedule
        self.strict = strict

    # -- what is loaded ---------------------------------------------------------------
    @property
    def covered_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years))

    def schedule(self, year: int) -> YearSchedule | None:
        return self._years.get(year)

    def with_years(self, extra_years: Iterable[YearSchedule]) -> WorkingDayCalendar:
        """A copy with more (or replaced) years."""
        copy = WorkingDayCalendar(use_builtin=False, strict=self.strict)
        copy._years = dict(self._years)
        for schedule in extra_years:
            copy._years[schedule.year] = schedule
        return copy

    # -- single days -------------------------------------------------------------------
    def is_working_day(self, day: date) -> bool:
        schedule = self._years.get(day.year)
        if schedule is None:
            if self.strict:
                raise CalendarRangeError(day.year, self.covered_years)
            return day.weekday() < 5
        if day in schedule.workdays:
            return True
        if day in schedule.holidays:
            return False
        return day.weekday() < 5

    def is_makeup_working_day(self, day: date) -> bool:
        schedule = self._years.get(day.year)
        return schedule is not None and day in schedule.workdays

    def holiday_name(self, day: date) -> str | None:
        schedule = self._years.get(day.year)
        if schedule is None or day not in schedule.holidays:
            return None
        return schedule.names.get(day) or "节假日"

    # -- arithmetic --------------------------------------------------------------------
    def add_working_days(self, start: date, n: int) -> date:
        """The date ``n`` working days after ``start`` (``start`` itself not counted).

        ``n == 0`` gives ``start``; a negative ``n`` counts backwards. ``|n|`` above
        ``MAX_WORKING_DAYS`` or a count past the last (first) representable date raises
        ``CalendarOverflowError``; a day in a year no source covers ``CalendarRangeError``.
        """
        n = int(n)
        if abs(n) > MAX_WORKING_DAYS:
            raise _too_many(n)
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        day = start
        while remaining:
            day = _step(day, step, start)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def next_working_day(self, day: date) -> date:
        """``day`` when it is a working day, else the first working day after it."""
        start = day
        while not self.is_working_day(day):
            day = _step(day, 1, start)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``.

        A span over ``MAX_SPAN_DAYS`` raises ``CalendarOverflowError``."""
        if end < start:
            return -self.working_days_between(end, start)
        if (end - start).days > MAX_SPAN_DAYS:
            raise CalendarOverflowError(
                f"日期跨度过大：{start.isoformat()} 至 {end.isoformat()}（最多 {MAX_SPAN_DAYS} 天）。",
                f"Span too long: {start.isoformat()} to {end.isoformat()} "
                f"(at most {MAX_SPAN_DAYS} days).",
            )
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def parse_iso_date(text: str) -> date:
    """A strict ``YYYY-MM-DD`` date, or CalendarError with a clear message."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise CalendarError(
            f"日期格式不对：{text!r}，应为 YYYY-MM-DD（例如 2025-09-30）。",
            f"Bad date {text!r}: expected YYYY-MM-DD (for example 2025-09-30).",
        ) from None
