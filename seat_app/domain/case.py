"""The case (工单): channels, handling, status, the readable case number and field validation.

Pure Python. The case service (seat_app/services/cases.py) validates with these rules before
anything is stored; the case form shows the same messages next to the fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Channel(StrEnum):
    """Where the request came in (受理渠道)."""

    PHONE = "电话"
    APP = "APP"
    WEBSITE = "网站"
    MAILBOX = "信箱"
    WINDOW = "窗口"


class Handling(StrEnum):
    """How the seat handles the case."""

    DIRECT = "直接办理"
    """Direct resolution: answered and closed by the seat."""
    DISPATCH = "转派"
    """Dispatched to a handling unit (承办单位)."""


class CaseStatus(StrEnum):
    """Life cycle of a case (工单状态)."""

    ACCEPTED = "已受理"
    DISPATCHED = "已转派"
    REPLIED = "已回复"
    CLOSED = "已办结"
    CANCELLED = "已撤销"


OPEN_STATUSES = frozenset({CaseStatus.ACCEPTED, CaseStatus.DISPATCHED, CaseStatus.REPLIED})

# ----------------------------------------------------------------------------- case number

CASE_NUMBER_RE = re.compile(r"^(?P<day>\d{8})-(?P<seat>[A-Za-z0-9]{1,8})-(?P<seq>\d{4,6})$")
SEAT_CODE_RE = re.compile(r"^[A-Za-z0-9]{1,8}$")


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """A readable case number: ``YYYYMMDD-SEAT-NNNN`` (e.g. 20261129-S01-0007).

    Unique without the network: the day, the seat code (unique per workstation) and the
    seat's own sequence for that day, kept in the seat-local store.
    """

    day: date
    seat_code: str
    seq: int

    def __post_init__(self) -> None:
        if not SEAT_CODE_RE.match(self.seat_code):
            raise ValueError(f"座席编号只能是 1–8 位字母或数字：{self.seat_code!r}")
        if not 1 <= self.seq <= 999_999:
            raise ValueError(f"工单序号超出范围：{self.seq}")

    def __str__(self) -> str:
        return f"{self.day:%Y%m%d}-{self.seat_code}-{self.seq:04d}"

    @classmethod
    def parse(cls, text: str) -> CaseNumber:
        m = CASE_NUMBER_RE.match(text.strip())
        if not m:
            raise ValueError(f"工单号格式不正确：{text!r}（应为 日期-座席-序号，如 20261129-S01-0007）")
        d = m.group("day")
        return cls(date(int(d[:4]), int(d[4:6]), int(d[6:])), m.group("seat"), int(m.group("seq")))


def format_case_number(day: date, seat_code: str, seq: int) -> str:
    return str(CaseNumber(day, seat_code, seq))


# ----------------------------------------------------------------------------- validation


@dataclass(frozen=True, slots=True)
class FieldRule:
    name: str
    label: str
    max_len: int
    required: bool = False


CASE_FIELD_RULES: dict[str, FieldRule] = {
    r.name: r
    for r in (
        FieldRule("channel", "受理渠道", 8, True),
        FieldRule("caller_name", "来电人", 40),
        FieldRule("caller_phone", "联系电话", 20),
        FieldRule("caller_area", "所属区域", 16),
        FieldRule("caller_address", "地址", 200),
        FieldRule("matter", "事项", 40, True),
        FieldRule("domain", "领域", 40),
        FieldRule("subcategory", "分类", 40),
        FieldRule("description", "诉求内容", 4000, True),
        FieldRule("reply_text", "答复内容", 4000),
        FieldRule("handling", "办理方式", 8, True),
        FieldRule("handling_unit", "承办单位", 80),
        FieldRule("status", "工单状态", 8),
        FieldRule("kb_code", "知识条目", 40),
    )
}
"""Editable case fields with their Chinese label and maximum length (characters)."""

CASE_EDITABLE_FIELDS: tuple[str, ...] = (*CASE_FIELD_RULES, "deadline")

PHONE_RE = re.compile(r"^\+?[0-9][0-9\-]{2,19}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str
    """A clear message in Chinese, naming the field."""


class CaseValidationError(ValueError):
    """The case form has errors; nothing was stored. ``errors`` lists them per field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("；".join(e.message for e in errors))

    @property
    def fields(self) -> list[str]:
        return [e.field for e in self.errors]


def validate_case_fields(values: dict[str, object], *, partial: bool = False) -> list[FieldError]:
    """Check case fields; returns the errors (empty when valid).

    ``partial`` checks only the fields present (an edit); otherwise required fields must
    be there (a new case).
    """
    errors: list[FieldError] = []
    for name in values:
        if name not in CASE_EDITABLE_FIELDS:
            errors.append(FieldError(name, f"未知字段：{name}"))
    for name, rule in CASE_FIELD_RULES.items():
        if partial and name not in values:
            continue
        raw = values.get(name)
        text = "" if raw is None else raw
        if not isinstance(text, str):
            errors.append(FieldError(name, f"{rule.label}应为文字。"))
            continue
        stripped = text.strip()
        if rule.required and not stripped:
            errors.append(FieldError(name, f"请填写{rule.label}。"))
            continue
        if len(text) > rule.max_len:
            errors.append(
                FieldError(name, f"{rule.label}最多 {rule.max_len} 个字，现在 {len(text)} 个字。")
            )
        if _CONTROL.search(text):
            errors.append(FieldError(name, f"{rule.label}含有不可见的控制字符。"))
    if "channel" in values and values["channel"] and values["channel"] not in set(Channel):
        errors.append(
            FieldError("channel", f"受理渠道只能是：{'、'.join(c.value for c in Channel)}。")
        )
    if "handling" in values and values["handling"] and values["handling"] not in set(Handling):
        errors.append(FieldError("handling", "办理方式只能是：直接办理 或 转派。"))
    if "status" in values and values["status"] and values["status"] not in set(CaseStatus):
        errors.append(
            FieldError("status", f"工单状态只能是：{'、'.join(s.value for s in CaseStatus)}。")
        )
    phone = values.get("caller_phone")
    if isinstance(phone, str) and phone.strip() and not PHONE_RE.match(phone.strip()):
        errors.append(FieldError("caller_phone", "联系电话只能是数字（可含 - 或开头的 +），3–20 位。"))
    if not partial or "handling" in values or "handling_unit" in values:
        if values.get("handling") == Handling.DISPATCH and not str(
            values.get("handling_unit") or ""
        ).strip():
            errors.append(FieldError("handling_unit", "转派的工单请选择承办单位。"))
    if not partial and values.get("channel") == Channel.PHONE:
        if not str(values.get("caller_phone") or "").strip():
            errors.append(FieldError("caller_phone", "电话来件请填写联系电话。"))
    deadline = values.get("deadline")
    if deadline is not None and not isinstance(deadline, date):
        errors.append(FieldError("deadline", "办理时限应为日期。"))
    return errors


def check_case_fields(values: dict[str, object], *, partial: bool = False) -> None:
    """Raise ``CaseValidationError`` when ``validate_case_fields`` finds errors."""
    errors = validate_case_fields(values, partial=partial)
    if errors:
        raise CaseValidationError(errors)
