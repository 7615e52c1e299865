"""Importing a grid file (units and townships) for admins: CSV or JSON, per-row errors.

JSON (format ``seat-grid/1``, see resources/grid/demo-grid.json)::

    {"format": "seat-grid/1", "townships": {"盐湖区": ["解州镇", ...]},
     "units": [{"code", "name", "area", "unit_type", "parent", "township"}, ...]}

CSV: a header row with ``code,name,area,unit_type,parent,township`` (UTF-8, a BOM is fine);
townships are taken from the 乡镇 rows. Nothing is imported unless the whole file is valid:
``parse_grid_file`` returns either a grid or the list of problems, each with its row.

Every value is one line of safe text (``seat_app.domain.text``: no control characters, lone
surrogates or bidi overrides) no longer than its column (``LIMITS``); a CSV cell longer than
the csv module's limit is reported with its row, not as a broken file.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from seat_app.domain.grid import TOWNSHIP, UNIT_TYPES, Grid, Unit
from seat_app.domain.taxonomy import is_area
from seat_app.domain.text import text_problem
from seat_app.services.config import resources_dir

FORMAT = "seat-grid/1"
COLUMNS = ("code", "name", "area", "unit_type", "parent", "township")
REQUIRED = ("code", "name", "area", "unit_type")
LIMITS = {"code": 40, "name": 80, "area": 16, "unit_type": 20, "parent": 40, "township": 80}
"""Longest value per column (the ``units`` table's columns; a township is a unit name)."""


@dataclass(frozen=True, slots=True)
class RowError:
    row: int | None
    """1-based data row (CSV: the line number in the file; JSON: position in ``units``)."""
    field: str
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        where = "" if self.row is None else (f"第 {self.row} 行：" if lang == "zh" else f"row {self.row}: ")
        return where + (self.zh if lang == "zh" else self.en)


@dataclass
class GridImportResult:
    grid: Grid | None
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.grid is not None and not self.errors


def demo_grid_path() -> Path:
    return resources_dir() / "grid" / "demo-grid.json"


def load_demo_grid() -> Grid:
    result = parse_grid_file(demo_grid_path())
    if not result.ok:  # pragma: no cover - the shipped file is tested
        raise ValueError("; ".join(e.message("en") for e in result.errors))
    assert result.grid is not None
    return result.grid


def parse_grid_file(path: Path) -> GridImportResult:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return GridImportResult(None, [RowError(None, "", f"无法读取文件 {path}：{exc}", f"Cannot read {path}: {exc}")])
    if path.suffix.lower() == ".json":
        return parse_grid_json(text)
    if path.suffix.lower() == ".csv":
        return parse_grid_csv(text)
    return GridImportResult(None, [RowError(
        None, "", f"不支持的文件类型 {path.suffix}（应为 .csv 或 .json）。",
        f"Unsupported file type {path.suffix!r} (expected .csv or .json).")])


def parse_grid_json(text: str) -> GridImportResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return GridImportResult(None, [RowError(None, "", f"JSON 格式错误：{exc}", f"Bad JSON: {exc}")])
    except RecursionError:
        return GridImportResult(None, [RowError(None, "", "JSON 嵌套层数过深。",
                                                "The JSON is nested too deeply.")])
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        return GridImportResult(None, [RowError(None, "units", "缺少 units 列表。", "Missing the 'units' list.")])
    if data.get("format", FORMAT) != FORMAT:
        return GridImportResult(None, [RowError(
            None, "format", f"不支持的格式 {data.get('format')!r}。", f"Unsupported format {data.get('format')!r}.")])
    townships_raw = data.get("townships", {})
    errors: list[RowError] = []
    townships: dict[str, tuple[str, ...]] = {}
    if not isinstance(townships_raw, dict):
        errors.append(RowError(None, "townships", "townships 应为 区域→乡镇列表 的对象。",
                               "'townships' must map areas to lists of townships."))
    else:
        for area, names in townships_raw.items():
            if not is_area(area):
                errors.append(RowError(None, "townships", f"乡镇列表中有未知区域「{area}」。",
                                       f"Unknown area {area!r} in 'townships'."))
            elif not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
                errors.append(RowError(None, "townships", f"{area} 的乡镇应为非空名称列表。",
                                       f"Townships of {area} must be a list of names."))
            else:
                problems = [p for p in (_value_problem("township", n) for n in names) if p]
                for zh, en in problems:
                    errors.append(RowError(None, "townships", f"{area} 的乡镇：{zh}",
                                           f"Townships of {area}: {en}"))
                if not problems:
                    townships[area] = tuple(names)
    rows = []
    for i, item in enumerate(data["units"], start=1):
        if not isinstance(item, dict):
            errors.append(RowError(i, "", "单位应为对象。", "A unit must be an object."))
            continue
        rows.append((i, {k: "" if item.get(k) is None else _trim(str(item.get(k))) for k in COLUMNS}))
    return _build(rows, townships, errors, derive_townships=False)


def parse_grid_csv(text: str) -> GridImportResult:
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))  # long cells: our own check, per row
    try:
        return _parse_grid_csv(text)
    except csv.Error as exc:
        return GridImportResult(None, [RowError(None, "", f"CSV 格式错误：{exc}",
                                                f"Malformed CSV: {exc}")])
    finally:
        csv.field_size_limit(old_limit)


def _parse_grid_csv(text: str) -> GridImportResult:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return GridImportResult(None, [RowError(
            1, ",".join(missing), f"表头缺少列：{', '.join(missing)}（应有 {', '.join(COLUMNS)}）。",
            f"Header lacks column(s): {', '.join(missing)} (expected {', '.join(COLUMNS)}).")])
    rows = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip(): _trim(v or "") for k, v in raw.items() if k is not None}
        if not any(row.values()):
            continue
        rows.append((line, {k: row.get(k, "") for k in COLUMNS}))
    return _build(rows, {}, [], derive_townships=True)


def _trim(value: str) -> str:
    """Spaces and line ends around a value go; control characters stay, to be refused
    (``str.strip`` would silently drop U+001C–U+001F and U+0085)."""
    return value.strip(" \t\r\n\u3000\xa0")


def _value_problem(key: str, value: str) -> tuple[str, str] | None:
    """What is wrong with ``value`` in column ``key`` (zh, en), or None."""
    problem = text_problem(key, key, value)
    if problem is not None:
        return problem
    if len(value) > LIMITS[key]:
        return (f"{key} 过长（{len(value)} 字，最多 {LIMITS[key]} 字）。",
                f"{key} is too long ({len(value)} characters, at most {LIMITS[key]}).")
    return None


def _build(rows, townships, errors, *, derive_townships: bool) -> GridImportResult:
    units: list[Unit] = []
    row_of: dict[str, int] = {}
    derived: dict[str, list[str]] = {}
    for line, row in rows:
        bad = False
        for key in COLUMNS:
            problem = _value_problem(key, row[key])
            if problem is not None:
                errors.append(RowError(line, key, *problem))
                bad = True
        if bad:
            continue
        for key in REQUIRED:
            if not row[key]:
                errors.append(RowError(line, key, f"{key} 不能为空。", f"{key} is empty."))
                bad = True
        if row["area"] and not is_area(row["area"]):
            errors.append(RowError(line, "area", f"未知区域「{row['area']}」。", f"Unknown area {row['area']!r}."))
            bad = True
        if row["unit_type"] and row["unit_type"] not in UNIT_TYPES:
            errors.append(RowError(line, "unit_type", f"未知单位类型「{row['unit_type']}」。",
                                   f"Unknown unit type {row['unit_type']!r}."))
            bad = True
        if row["code"] in row_of:
            errors.append(RowError(line, "code", f"单位编码 {row['code']} 与第 {row_of[row['code']]} 行重复。",
                                   f"Unit code {row['code']} repeats row {row_of[row['code']]}."))
            bad = True
        if bad:
            continue
        row_of[row["code"]] = line
        if derive_townships and row["unit_type"] == TOWNSHIP and row["township"]:
            derived.setdefault(row["area"], []).append(row["township"])
        units.append(Unit(row["code"], row["name"], row["area"], row["unit_type"],
                          row["parent"] or None, row["township"]))
    if derive_townships:
        townships = {a: tuple(dict.fromkeys(t)) for a, t in derived.items()}
    if not units and not errors:
        errors.append(RowError(None, "", "文件中没有单位。", "The file holds no units."))
    grid = Grid(tuple(units), townships)
    if not errors:
        for problem in grid.validate():
            errors.append(RowError(row_of.get(problem.code), "", problem.zh, problem.en))
    return GridImportResult(None if errors else grid, errors)
