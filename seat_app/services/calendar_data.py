"""Loading working-day calendar files (``holidays-YYYY.json``) for the domain calendar.

Files ship in ``resources/calendar``; an admin can drop official files into
``SEAT_HOME/calendar`` and those override the shipped ones for the same year (and any
built-in ``chinesecalendar`` year). The domain calendar reads no files: this module builds
:class:`~seat_app.domain.calendar.YearSchedule` values and injects them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from seat_app.domain.calendar import CalendarError, WorkingDayCalendar, YearSchedule
from seat_app.domain.text import text_problem
from seat_app.services.config import default_home, resources_dir

FILE_PATTERN = re.compile(r"^holidays-(\d{4})\.json$")
FORMAT = "seat-holidays/1"


def shipped_calendar_dir() -> Path:
    return resources_dir() / "calendar"


def home_calendar_dir(home_root: Path | None = None) -> Path:
    return (home_root or default_home()) / "calendar"


def parse_year_file(path: Path) -> YearSchedule:
    """One ``holidays-YYYY.json`` file; CalendarError naming the file and the problem."""
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except RecursionError:
        raise CalendarError(f"无法读取节假日文件 {where}：JSON 嵌套层数过深",
                            f"Cannot read holiday file {where}: the JSON is nested too deeply") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CalendarError(
            f"无法读取节假日文件 {where}：{exc}", f"Cannot read holiday file {where}: {exc}"
        ) from None
    if not isinstance(data, dict):
        raise CalendarError(f"{where}：顶层应为 JSON 对象。", f"{where}: top level must be an object.")
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise CalendarError(
            f"{where}：不支持的格式 {fmt!r}（应为 {FORMAT}）。",
            f"{where}: unsupported format {fmt!r} (expected {FORMAT}).",
        )
    year = data.get("year")
    if not isinstance(year, int) or not 1990 <= year <= 2100:
        raise CalendarError(f"{where}：year 字段缺失或无效。", f"{where}: missing or bad 'year'.")
    match = FILE_PATTERN.match(Path(path).name)
    if match and int(match.group(1)) != year:
        raise CalendarError(
            f"{where}：文件名年份与 year 字段 {year} 不一致。",
            f"{where}: the file name's year differs from 'year' {year}.",
        )
    source = data.get("source")
    if not isinstance(source, str) or not source.strip():
        raise CalendarError(
            f"{where}：缺少 source（数据来源说明）。", f"{where}: missing 'source' (where the dates come from)."
        )
    provisional = data.get("provisional", False)
    if not isinstance(provisional, bool):
        raise CalendarError(
            f"{where}：provisional 应为 true 或 false。", f"{where}: 'provisional' must be true or false."
        )
    holidays, names = _dates(data, "holidays", where)
    workdays, _ = _dates(data, "workdays", where)
    try:
        return YearSchedule(
            year=year,
            holidays=frozenset(holidays),
            workdays=frozenset(workdays),
            source=f"{Path(path).name}: {source.strip()}",
            provisional=provisional,
            names=names,
        )
    except CalendarError as exc:
        raise CalendarError(f"{where}：{exc.zh}", f"{where}: {exc.en}") from None


def _dates(data: dict, key: str, where: str) -> tuple[set[date], dict[date, str]]:
    groups = data.get(key, [])
    if not isinstance(groups, list):
        raise CalendarError(f"{where}：{key} 应为列表。", f"{where}: '{key}' must be a list.")
    days: set[date] = set()
    names: dict[date, str] = {}
    for i, group in enumerate(groups, start=1):
        if not isinstance(group, dict) or not isinstance(group.get("dates"), list):
            raise CalendarError(
                f"{where}：{key} 第 {i} 项应为含 dates 列表的对象。",
                f"{where}: item {i} of '{key}' must be an object with a 'dates' list.",
            )
        name = str(group.get("name") or "")
        problem = text_problem("name", "name", name)
        if problem is not None:
            raise CalendarError(f"{where}：{key} 第 {i} 项的 {problem[0]}",
                                f"{where}: item {i} of '{key}': {problem[1]}")
        for text in group["dates"]:
            try:
                day = date.fromisoformat(str(text))
            except ValueError:
                raise CalendarError(
                    f"{where}：{key} 第 {i} 项中的日期 {text!r} 无效（应为 YYYY-MM-DD）。",
                    f"{where}: bad date {text!r} in item {i} of '{key}' (expected YYYY-MM-DD).",
                ) from None
            days.add(day)
            if name:
                names[day] = name
    return days, names


def load_year_files(folders: Iterable[Path]) -> list[YearSchedule]:
    """Every ``holidays-YYYY.json`` in ``folders``; a later folder wins for the same year."""
    by_year: dict[int, YearSchedule] = {}
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if FILE_PATTERN.match(path.name):
                schedule = parse_year_file(path)
                by_year[schedule.year] = schedule
    return [by_year[y] for y in sorted(by_year)]


def load_calendar(home_root: Path | None = None, *, strict: bool = True) -> WorkingDayCalendar:
    """The calendar the application uses: built-in years + shipped files + the home's files."""
    schedules = load_year_files([shipped_calendar_dir(), home_calendar_dir(home_root)])
    return WorkingDayCalendar(schedules, strict=strict)
