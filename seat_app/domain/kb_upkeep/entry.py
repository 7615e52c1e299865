"""The fields of a knowledge entry and the check every edit goes through.

The same rules as an import row (``services/kb_io``): required fields, known kind, area and
matter (domain and subcategory filled from the matter, refused when they disagree), status,
dates (``valid_to`` not before ``valid_from``), lengths, and the text rules of
:mod:`seat_app.domain.text` (control characters, lone surrogates, bidi overrides; line
breaks only in long texts). Problems come back as :class:`FieldError` (field, reason in
Chinese and English); the values typed are never changed by a refusal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from seat_app.domain.taxonomy import AREAS, is_area, is_matter, matter_by_name
from seat_app.domain.text import text_problem

FIELDS: tuple[str, ...] = (
    "code", "kind", "title", "domain", "subcategory", "matter", "area", "unit", "answer",
    "procedure", "materials", "place", "hours", "fees", "time_limit", "phone", "keywords",
    "valid_from", "valid_to", "status",
)
"""The fields a maintainer edits (``version`` is the workflow's, not typed)."""

LABELS: dict[str, str] = {
    "code": "编号", "kind": "类别", "title": "标题", "domain": "领域", "subcategory": "子类",
    "matter": "事项", "area": "区域", "unit": "承办单位", "answer": "答复口径",
    "procedure": "办理流程", "materials": "所需材料", "place": "办理地点", "hours": "办理时间",
    "fees": "收费标准", "time_limit": "办理时限", "phone": "联系电话", "keywords": "关键词",
    "valid_from": "生效日期", "valid_to": "失效日期", "status": "状态", "version": "版本",
}
KINDS: tuple[str, ...] = ("办事指南", "政策解答", "单位职责", "常见问题", "热点通知")
PUBLISHED, DRAFT, RETIRED = "已发布", "草稿", "已下线"
STATUSES: tuple[str, ...] = (PUBLISHED, DRAFT, RETIRED)
REQUIRED: tuple[str, ...] = ("code", "kind", "title", "matter", "area", "answer")
ONE_LINE: frozenset[str] = frozenset(
    {"code", "kind", "title", "domain", "subcategory", "matter", "area", "unit", "phone",
     "status", "valid_from", "valid_to"}
)
TEXT_LIMIT = 20_000
LIMITS: dict[str, int] = {
    "code": 40, "kind": 16, "title": 200, "domain": 40, "subcategory": 40, "matter": 40,
    "area": 16, "unit": 80, "place": 200, "hours": 120, "fees": 200, "time_limit": 120,
    "phone": 40, "status": 16, "answer": TEXT_LIMIT, "procedure": TEXT_LIMIT,
    "materials": TEXT_LIMIT, "keywords": TEXT_LIMIT,
}
"""The column lengths of ``kb_entries`` (services/models.KBEntry)."""
_KEYWORD_SPLIT = re.compile(r"[、,，;；\n\r\t]+")
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem of one field: what a form shows beside the field."""

    field: str
    zh: str
    en: str

    @property
    def label(self) -> str:
        return LABELS.get(self.field, self.field)

    def line(self, lang: str = "zh") -> str:
        return f"[{self.label}] {self.zh}" if lang == "zh" else f"[{self.field}] {self.en}"


def parse_date(value: Any) -> date | None:
    """A date from a date, datetime or text in the import formats; None when empty.
    Raises ValueError for a text that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().split(" ", 1)[0].split("T", 1)[0]
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def normalize_keywords(text: str) -> str:
    """Keywords joined by '、', duplicates and blanks removed (as imports store them)."""
    return "、".join(dict.fromkeys(p.strip() for p in _KEYWORD_SPLIT.split(text) if p.strip()))


def validate_entry(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """(the entry as it would be stored, every problem). The stored form fills domain and
    subcategory from the matter, status 已发布 when empty, keywords normalised, dates as
    dates. With problems, the first element must not be saved (show the typed values)."""
    errors: list[FieldError] = []

    def err(name: str, zh: str, en: str) -> None:
        errors.append(FieldError(name, zh, en))

    row: dict[str, Any] = {}
    for name in FIELDS:
        value = values.get(name)
        if name in ("valid_from", "valid_to") and isinstance(value, date):
            row[name] = value
            continue
        text = "" if value is None else str(value)
        problem = text_problem("内容", "The value", text, multiline=name not in ONE_LINE)
        if problem is not None:
            err(name, *problem)
        row[name] = text.strip() if name in ONE_LINE else text
    for name in REQUIRED:
        if not row[name].strip():
            err(name, "必填项为空", "required value is missing")
    check_classification(row, err, LABELS)
    row["status"] = row["status"] or PUBLISHED
    if row["status"] not in STATUSES:
        err("status", f"未知状态「{row['status']}」，应为：{'、'.join(STATUSES)}",
            f"unknown status '{row['status']}'; expected one of {', '.join(STATUSES)}")
    for name in ("valid_from", "valid_to"):
        try:
            row[name] = parse_date(row[name])
        except ValueError:
            err(name, f"日期格式不对「{row[name]}」，应为 YYYY-MM-DD",
                f"bad date '{row[name]}'; expected YYYY-MM-DD")
            row[name] = None
    if row["valid_from"] and row["valid_to"] and row["valid_to"] < row["valid_from"]:
        err("valid_to", "失效日期早于生效日期", "the end date is before the start date")
    row["keywords"] = normalize_keywords(row["keywords"])
    for name, limit in LIMITS.items():
        value = row[name]
        if isinstance(value, str) and len(value) > limit:
            err(name, f"内容过长（{len(value)} 字，最多 {limit} 字）",
                f"too long ({len(value)} characters, at most {limit})")
    return row, errors


def comparable(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The edited fields of ``entry`` with dates as dates and missing text as "" (for
    diffs and equality: a stored row and a form's values compare alike)."""
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = entry.get(name)
        if name in ("valid_from", "valid_to"):
            try:
                out[name] = parse_date(value)
            except ValueError:
                out[name] = value
        else:
            out[name] = "" if value is None else value
    return out


def check_classification(
    row: dict[str, Any], err: Callable[[str, str, str], None], labels: Mapping[str, str]
) -> None:
    """The kind, area and matter of an entry against the taxonomy (one rule set for the
    maintainer's edits and for imports): unknown values are reported through ``err(field,
    zh, en)``; an empty domain or subcategory is filled from the matter, a different one is
    reported. ``labels`` names the fields in the Chinese messages."""
    if row["kind"] and row["kind"] not in KINDS:
        err("kind", f"未知类别「{row['kind']}」，应为：{'、'.join(KINDS)}",
            f"unknown kind '{row['kind']}'; expected one of {', '.join(KINDS)}")
    if row["area"] and not is_area(row["area"]):
        err("area", f"未知区域「{row['area']}」，应为：{'、'.join(AREAS)}",
            f"unknown area '{row['area']}'")
    if row["matter"]:
        if not is_matter(row["matter"]):
            err("matter", f"未知事项「{row['matter']}」", f"unknown matter '{row['matter']}'")
        else:
            m = matter_by_name(row["matter"])
            for name, expected in (("domain", m.domain), ("subcategory", m.subcategory)):
                given = row[name]
                if not given:
                    row[name] = expected
                elif given != expected:
                    err(name,
                        f"事项「{m.name}」不属于{labels[name]}「{given}」（应为「{expected}」）",
                        f"matter '{m.name}' is not under {name} '{given}' (it is under "
                        f"'{expected}')")
