"""Knowledge-base import files: reading (.xlsx, .csv, .json) and checking every row.

``validate_file`` returns the rows as field dicts and every problem as a ``RowError`` (row
number as the user sees it: the spreadsheet row with the header as row 1; for JSON the
object's position, first = 1). Column names are the field names of ``models.KB_FIELDS`` or
their Chinese headers (``HEADERS``). Every value is checked with ``seat_app.domain.text``; no
cell may be longer than ``CELL_LIMIT`` characters. See ``kb.io`` for the whole contract.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from seat_app.domain.kb_upkeep.entry import KINDS as KINDS  # declared once, in the domain
from seat_app.domain.kb_upkeep.entry import check_classification
from seat_app.domain.text import sheet_unescape, text_problem
from seat_app.services.kb.textfile import TextFileRefused, decode
from seat_app.services.store.models import KB_FIELDS, KBEntry

HEADERS: dict[str, str] = {
    "code": "编号", "kind": "类别", "title": "标题", "domain": "领域", "subcategory": "子类",
    "matter": "事项", "area": "区域", "unit": "承办单位", "answer": "答复口径",
    "procedure": "办理流程", "materials": "所需材料", "place": "办理地点", "hours": "办理时间",
    "fees": "收费标准", "time_limit": "办理时限", "phone": "联系电话", "keywords": "关键词",
    "valid_from": "生效日期", "valid_to": "失效日期", "status": "状态", "version": "版本",
}
"""Field name -> the Chinese column header used by export (and accepted by import)."""

STATUSES: tuple[str, ...] = ("已发布", "草稿", "已下线")
REQUIRED: tuple[str, ...] = ("code", "kind", "title", "matter", "area", "answer")
TEXT_LIMIT = 20_000
"""Longest accepted value of the unbounded text fields (answer, procedure, ...)."""
CELL_LIMIT = 131_072
"""Longest accepted cell of an import file, in any column (also the ignored ones)."""
ONE_LINE: frozenset[str] = frozenset(
    {"code", "kind", "title", "domain", "subcategory", "matter", "area", "unit", "phone",
     "status", "version", "valid_from", "valid_to"}
)
"""Fields that must be one line (no line break or tab); the others are long texts."""
_TABLE = KBEntry.__table__
_LIMITS: dict[str, int] = {
    name: getattr(_TABLE.c[name].type, "length", None) or TEXT_LIMIT
    for name in KB_FIELDS
    if name not in ("valid_from", "valid_to", "version")
}
_ALIASES: dict[str, str] = {
    **{name.lower(): name for name in KB_FIELDS},
    **{zh: name for name, zh in HEADERS.items()},
}
_KEYWORD_SPLIT = re.compile(r"[、,，;；\n\r\t]+")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in an import file. ``row`` None means the file as a whole."""

    row: int | None
    column: str
    zh: str
    en: str

    def line(self, lang: str = "zh") -> str:
        col = self.column or "-"
        if self.row is None:
            return f"文件 [{col}]: {self.zh}" if lang == "zh" else f"File [{col}]: {self.en}"
        if lang == "zh":
            return f"第 {self.row} 行 [{col}]: {self.zh}"
        return f"Row {self.row} [{col}]: {self.en}"



# ─── reading files ────────────────────────────────────────────────────────────────────


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


class Formula(str):
    """An .xlsx cell holding a formula (its text, "=..."): refused where it is imported."""


def _file_error(zh: str, en: str, column: str = "") -> RowError:
    return RowError(None, column, zh, en)


def _read_table(path: Path) -> tuple[list[str], list[tuple[int, list[object]]], list[RowError]]:
    """(headers, [(row number, cells)], file errors) of a spreadsheet-like file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        return [], [], [_file_error(f"文件不存在：{path}", f"no such file: {path}")]
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".json":
        return _read_json(path)
    return [], [], [_file_error(
        f"不支持的文件类型「{suffix or path.name}」，请使用 .xlsx、.csv 或 .json",
        f"unsupported file type '{suffix or path.name}'; use .xlsx, .csv or .json",
    )]


def _read_xlsx(path: Path):
    from openpyxl import load_workbook

    try:
        # formulas as formulas: a cached value may be missing (then data_only reads None
        # and a value would vanish without a word); formula cells are refused per cell
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        return [], [], [_file_error(
            f"不是有效的 Excel (.xlsx) 文件（{type(exc).__name__}）",
            f"not a valid Excel (.xlsx) file ({type(exc).__name__})",
        )]
    try:
        ws = wb.worksheets[0]
        rows = [[Formula(c.value) if c.data_type == "f" else c.value for c in row]
                for row in ws.iter_rows()]
    except Exception as exc:  # noqa: BLE001 - as above: any failure is "cannot be read"
        return [], [], [_file_error(
            f"Excel 文件无法读取（{type(exc).__name__}）",
            f"the Excel file cannot be read ({type(exc).__name__})",
        )]
    finally:
        wb.close()
    if not rows:
        return [], [], [_file_error("文件是空的，没有表头", "the file is empty (no header row)")]
    headers = [_cell_text(v) for v in rows[0]]
    return headers, [(i, list(r)) for i, r in enumerate(rows[1:], start=2)], []


def _decode(path: Path) -> tuple[str | None, RowError | None]:
    """The text of ``path`` by the one policy of ``kb.textfile`` (UTF-8 with or without a
    BOM, UTF-16 with a BOM, unambiguous GBK/GB18030), or the file-level error saying why not.

    A NUL in the first line means a binary file or UTF-16 without a BOM; a NUL further down
    is a bad value, refused later with its row and column."""
    try:
        text, _encoding = decode(path.read_bytes(), path, nul_after_first_line=True)
    except TextFileRefused as exc:
        zh, en = exc.reason
        return None, _file_error(f"文件编码无法识别：{zh}", f"unrecognised text encoding: {en}")
    return text, None


def _read_csv(path: Path):
    text, problem = _decode(path)
    if problem is not None or text is None:
        return [], [], [problem] if problem else []
    # the csv module's own cell limit (131,072) would fail the whole file without saying
    # where; lift it to the file's size and check every cell against CELL_LIMIT ourselves
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        records = list(reader)
    except csv.Error as exc:
        return [], [], [_file_error(f"CSV 格式错误（约第 {reader.line_num} 行）：{exc}",
                                    f"malformed CSV (near line {reader.line_num}): {exc}")]
    finally:
        csv.field_size_limit(old_limit)
    if not records:
        return [], [], [_file_error("文件是空的，没有表头", "the file is empty (no header row)")]
    headers = [h.strip() for h in records[0]]
    # undo the formula neutralisation of our own CSV export (one leading ' before =+-@)
    rows = [(i, [sheet_unescape(cell) for cell in r]) for i, r in enumerate(records[1:], start=2)]
    return headers, rows, []


class KeyedObject(dict):
    """A JSON object that remembers the keys it was given more than once (``json`` keeps
    the last value silently; an import must say so)."""

    repeated: tuple[str, ...] = ()

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, object]]) -> KeyedObject:
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated: list[str] = []
            for key, _value in pairs:
                if key in seen and key not in repeated:
                    repeated.append(key)
                seen.add(key)
            obj.repeated = tuple(repeated)
        return obj


def _read_json(path: Path):
    text, problem = _decode(path)
    if problem is not None or text is None:
        return [], [], [problem] if problem else []
    if not text.strip():
        return [], [], [_file_error("文件是空的", "the file is empty")]
    try:
        data = json.loads(text, object_pairs_hook=KeyedObject.from_pairs)
    except json.JSONDecodeError as exc:
        return [], [], [_file_error(
            f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列（{exc.msg}）",
            f"bad JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
        )]
    except RecursionError:
        return [], [], [_file_error("JSON 嵌套层数过深，不是知识条目列表",
                                    "the JSON is nested too deeply to be a list of entries")]
    if not isinstance(data, list):
        return [], [], [_file_error("JSON 顶层应为对象列表 [ {...}, ... ]",
                                    "the JSON top level must be a list of objects")]
    headers: list[str] = []
    errors: list[RowError] = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            errors.append(RowError(i, "-", "这一条不是对象 {...}", "this item is not an object"))
            continue
        for key in getattr(item, "repeated", ()):
            errors.append(RowError(i, key, f"键「{key}」在这一条中出现了不止一次（只能有一个值）",
                                   f"the key '{key}' appears more than once in this item "
                                   "(it can have one value)"))
        for key in item:
            if str(key).strip() not in headers:
                headers.append(str(key).strip())
    rows = []
    for i, item in enumerate(data, start=1):
        if isinstance(item, dict):
            clean = {str(k).strip(): v for k, v in item.items()}
            rows.append((i, [clean.get(h) for h in headers]))
    if not data:
        errors.append(_file_error("文件中没有任何条目", "the file holds no entries"))
    return headers, rows, errors


# ─── validation ───────────────────────────────────────────────────────────────────────


def _parse_date(text: str) -> date | None:
    text = text.strip()
    if " " in text:
        text = text.split(" ", 1)[0]
    if "T" in text:
        text = text.split("T", 1)[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _keywords(text: str) -> str:
    return "、".join(dict.fromkeys(p.strip() for p in _KEYWORD_SPLIT.split(text) if p.strip()))


def validate_file(path: str | Path) -> tuple[list[dict], list[RowError]]:
    """Read and check an import file: (valid rows as field dicts, every error found).

    Rows come back only when the whole file is valid (with errors the list is empty, so a
    caller cannot import half a file by accident).
    """
    path = Path(path)
    headers, records, errors = _read_table(path)
    if not headers and errors:
        return [], errors
    columns: dict[str, int] = {}
    label: dict[str, str] = {name: HEADERS[name] for name in KB_FIELDS}
    for idx, header in enumerate(headers):
        name = _ALIASES.get(header) or _ALIASES.get(header.lower())
        if name is None:
            continue  # unknown columns (remarks etc.) are ignored
        if name in columns:
            errors.append(_file_error(
                f"列「{header}」与第 {columns[name] + 1} 列重复（都是{HEADERS[name]}）",
                f"column '{header}' repeats column {columns[name] + 1} (both are {name})",
                header,
            ))
            continue
        columns[name] = idx
        label[name] = header
    for name in REQUIRED:
        if name not in columns:
            errors.append(_file_error(
                f"缺少必填列「{HEADERS[name]}」（或 {name}）",
                f"required column '{HEADERS[name]}' ({name}) is missing",
                HEADERS[name],
            ))
    if errors and not columns:
        return [], errors
    if any(e.row is None for e in errors):
        return [], errors

    rows: list[dict] = []
    first_row_of_code: dict[str, int] = {}
    for number, cells in records:
        cell_errors = _check_cells(number, cells, headers, columns, label)
        if cell_errors:
            errors.extend(cell_errors)
            continue
        raw = {
            name: _cell_text(cells[idx]) if idx < len(cells) else ""
            for name, idx in columns.items()
        }
        original = {name: cells[idx] if idx < len(cells) else None for name, idx in columns.items()}
        if not any(raw.values()):
            continue  # blank spreadsheet rows
        row, row_errors = _check_row(number, raw, original, label)
        code = row.get("code") or ""
        if code:
            if code in first_row_of_code:
                row_errors.append(RowError(
                    number, label["code"],
                    f"编号「{code}」与第 {first_row_of_code[code]} 行重复",
                    f"code '{code}' duplicates row {first_row_of_code[code]}",
                ))
            else:
                first_row_of_code[code] = number
        errors.extend(row_errors)
        if not row_errors:
            rows.append(row)
    if not rows and not errors:
        errors.append(_file_error("文件中没有任何条目", "the file holds no entries"))
    return ([] if errors else rows), errors


def _column_name(headers: list[str], idx: int) -> str:
    return (headers[idx] if idx < len(headers) else "") or f"#{idx + 1}"


def _check_cells(number: int, cells: list[object], headers: list[str],
                 columns: dict[str, int], label: dict[str, str]) -> list[RowError]:
    """Cells too long (any column) and unsafe characters (the imported columns)."""
    errors: list[RowError] = []
    for idx, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > CELL_LIMIT:
            errors.append(RowError(
                number, _column_name(headers, idx),
                f"单元格过长（{len(cell)} 字，每格最多 {CELL_LIMIT} 字）",
                f"cell too long ({len(cell)} characters; at most {CELL_LIMIT} per cell)",
            ))
    if errors:
        return errors
    for name, idx in columns.items():
        cell = cells[idx] if idx < len(cells) else None
        if isinstance(cell, Formula):
            shown = cell if len(cell) <= 40 else cell[:40] + "…"
            errors.append(RowError(
                number, label[name],
                f"这一格是公式（{shown}），导入只接受文字：请在表格中复制后“选择性粘贴→数值”再导入",
                f"this cell is a formula ({shown}); the import takes text only: paste it as "
                "values in the spreadsheet, then import again",
            ))
            continue
        if cell is None or isinstance(cell, (bool, int, float, date)):
            continue
        text = cell if isinstance(cell, str) else str(cell)
        problem = text_problem("内容", "The value", text, multiline=True)
        if problem is None and name in ONE_LINE:
            problem = text_problem("内容", "The value", text.strip(), multiline=False)
        if problem is not None:
            errors.append(RowError(number, label[name], *problem))
    return errors


def _check_row(
    number: int, raw: dict[str, str], original: dict[str, object], label: dict[str, str]
) -> tuple[dict, list[RowError]]:
    errors: list[RowError] = []

    def err(name: str, zh: str, en: str) -> None:
        errors.append(RowError(number, label[name], zh, en))

    row: dict = {name: raw.get(name, "") for name in KB_FIELDS}
    for name in REQUIRED:
        if not row[name]:
            err(name, "必填项为空", "required value is missing")
    check_classification(row, err, HEADERS)
    status = row["status"] or "已发布"
    if status not in STATUSES:
        err("status", f"未知状态「{status}」，应为：{'、'.join(STATUSES)}",
            f"unknown status '{status}'; expected one of {', '.join(STATUSES)}")
    row["status"] = status
    version_text = row["version"]
    row["version"] = None
    if version_text:
        if re.fullmatch(r"\d{1,9}", version_text) and int(version_text) >= 1:
            row["version"] = int(version_text)
        else:
            err("version", f"版本应为正整数，而不是「{version_text}」",
                f"version must be a positive whole number, not '{version_text}'")
    for name in ("valid_from", "valid_to"):
        value = original.get(name)
        text = row[name]
        if isinstance(value, datetime):
            row[name] = value.date()
        elif isinstance(value, date):
            row[name] = value
        elif text:
            parsed = _parse_date(text)
            if parsed is None:
                err(name, f"日期格式不对「{text}」，应为 YYYY-MM-DD",
                    f"bad date '{text}'; expected YYYY-MM-DD")
            row[name] = parsed
        else:
            row[name] = None
    if row["valid_from"] and row["valid_to"] and row["valid_to"] < row["valid_from"]:
        err("valid_to", "失效日期早于生效日期", "the end date is before the start date")
    row["keywords"] = _keywords(row["keywords"])
    for name, limit in _LIMITS.items():
        value = row[name]
        if isinstance(value, str) and len(value) > limit:
            err(name, f"内容过长（{len(value)} 字，最多 {limit} 字）",
                f"too long ({len(value)} characters, at most {limit})")
    return row, errors
