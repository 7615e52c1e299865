"""The case (工单): channels, handling, status, the readable case number and field validation.

Pure Python. The case service (seat_app/services/cases/service.py) validates with these rules before
anything is stored; the case form shows the same messages next to the fields.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from seat_app.domain.taxonomy import AREAS, is_area, is_matter, matter_by_name
from seat_app.domain.text import is_blank, text_problem


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

    @classmethod
    def of(cls, value: str) -> Handling:
        """The handling named by its value (直接办理, 转派) or its script mode (direct,
        dispatch); ValueError for anything else."""
        for handling in cls:
            if value in (handling.value, handling.mode):
                return handling
        raise ValueError(f"not a handling: {value!r}")

    @property
    def mode(self) -> str:
        """The script's name for it (``when = "direct"`` in resources/scripts/call.toml)."""
        return self.name.lower()


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


@dataclass(frozen=True, slots=True)
class SavedCase:
    """A case saved on the seat (one local transaction), as the case form gets it back."""

    case_number: str
    """Read back to the caller."""
    case_id: str
    status: str
    warnings: tuple[tuple[str, str], ...] = ()
    """(zh, en) of what the save accepted with a caveat (e.g. a unit not checked here)."""

    def __getitem__(self, key: str) -> str:
        """TRANSITIONAL: ``saved["case_id"]`` for a caller written against the old dict
        (services/live/agent.py); remove once it reads the attributes."""
        return {"case_number": self.case_number, "case_id": self.case_id,
                "status": self.status}[key]


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

LONG_TEXT_FIELDS = frozenset({"description", "reply_text"})
"""Fields that may hold line breaks and tabs (every other case field is one line)."""



@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str
    """A clear message in Chinese, naming the field."""
    en: str = ""
    """The same message in English (``seat-admin --lang en``, the English window)."""


class CaseValidationError(ValueError):
    """The case form has errors; nothing was stored. ``errors`` lists them per field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        self.zh = "；".join(e.message for e in errors)
        self.en = "; ".join(e.en or e.message for e in errors)
        super().__init__(self.zh)

    @property
    def fields(self) -> list[str]:
        return [e.field for e in self.errors]


FIELD_LABELS_EN: dict[str, str] = {
    "channel": "Channel", "caller_name": "Caller name", "caller_phone": "Phone",
    "caller_area": "Area", "caller_address": "Address", "matter": "Matter",
    "domain": "Domain", "subcategory": "Subcategory", "description": "Request",
    "reply_text": "Reply", "handling": "Handling", "handling_unit": "Handling unit",
    "status": "Status", "kb_code": "Knowledge entry", "deadline": "Deadline",
}


def _err(name: str, zh: str, en: str) -> FieldError:
    return FieldError(name, zh, en)


def validate_case_fields(
    values: dict[str, object],
    *,
    partial: bool = False,
    units: Collection[str] | None = None,
) -> list[FieldError]:
    """Check case fields; returns the errors (empty when valid).

    ``partial`` checks only the fields present (an edit); otherwise required fields must
    be there (a new case). Matter and area are checked against the taxonomy; the handling
    unit against ``units`` (names of the active units) when given — ``None`` means the
    caller could not check units (it must say so; central checks again).
    """
    errors: list[FieldError] = []
    for name in values:
        if name not in CASE_EDITABLE_FIELDS:
            errors.append(_err(name, f"未知字段：{name}", f"Unknown field: {name}"))
    bad_text: set[str] = set()
    for name, rule in CASE_FIELD_RULES.items():
        if partial and name not in values:
            continue
        label_en = FIELD_LABELS_EN.get(name, name)
        raw = values.get(name)
        text = "" if raw is None else raw
        if not isinstance(text, str):
            errors.append(_err(name, f"{rule.label}应为文字。", f"{label_en} must be text."))
            bad_text.add(name)
            continue
        problem = text_problem(rule.label, label_en, text, multiline=name in LONG_TEXT_FIELDS)
        if problem:
            errors.append(_err(name, *problem))
            bad_text.add(name)
            continue
        if rule.required and is_blank(text):
            errors.append(_err(name, f"请填写{rule.label}。", f"{label_en} is required."))
            bad_text.add(name)
            continue
        if text and is_blank(text):
            errors.append(_err(name, f"{rule.label}只有空格或不可见字符，请填写内容或留空。",
                               f"{label_en} holds only spaces or invisible characters; type "
                               "it or leave it empty."))
            bad_text.add(name)
            continue
        if len(text) > rule.max_len:
            errors.append(_err(
                name, f"{rule.label}最多 {rule.max_len} 个字，现在 {len(text)} 个字。",
                f"{label_en} takes at most {rule.max_len} characters; it has {len(text)}."))
            bad_text.add(name)

    def given(name: str) -> str | None:
        v = values.get(name)
        return v if isinstance(v, str) and v and name not in bad_text else None

    if given("channel") and values["channel"] not in set(Channel):
        allowed = "、".join(c.value for c in Channel)
        errors.append(_err("channel", f"受理渠道只能是：{allowed}。",
                           f"Channel must be one of: {', '.join(c.value for c in Channel)}."))
    if given("handling") and values["handling"] not in set(Handling):
        errors.append(_err("handling", "办理方式只能是：直接办理 或 转派。",
                           "Handling must be 直接办理 (direct) or 转派 (dispatch)."))
    if given("status") and values["status"] not in set(CaseStatus):
        errors.append(_err("status", f"工单状态只能是：{'、'.join(s.value for s in CaseStatus)}。",
                           f"Status must be one of: {', '.join(s.value for s in CaseStatus)}."))
    matter = given("matter")
    if matter is not None:
        if not is_matter(matter.strip()):
            errors.append(_err("matter", f"事项“{matter}”不在事项目录中，请从事项列表中选择。",
                               f"Matter {matter!r} is not in the matter list; pick one from "
                               "the list."))
        else:
            m = matter_by_name(matter.strip())
            for name, expected in (("domain", m.domain), ("subcategory", m.subcategory)):
                got = given(name)
                if got is not None and got.strip() != expected:
                    rule = CASE_FIELD_RULES[name]
                    errors.append(_err(
                        name, f"{rule.label}“{got}”与事项“{m.name}”不符，应为“{expected}”。",
                        f"{FIELD_LABELS_EN[name]} {got!r} does not match matter {m.name!r}; "
                        f"it is {expected!r}."))
    area = given("caller_area")
    if area is not None and not is_area(area.strip()):
        errors.append(_err("caller_area", f"所属区域“{area}”不存在，只能是：{'、'.join(AREAS)}。",
                           f"Area {area!r} does not exist; it must be one of: "
                           f"{', '.join(AREAS)}."))
    unit = given("handling_unit")
    if unit is not None and units is not None and unit.strip() not in units:
        errors.append(_err("handling_unit", f"承办单位“{unit}”不在单位目录中，请从单位列表中选择。",
                           f"Handling unit {unit!r} is not in the unit list; pick one from "
                           "the list."))
    phone = given("caller_phone")
    if phone is not None and phone.strip() and not PHONE_RE.match(phone.strip()):
        errors.append(_err("caller_phone", "联系电话只能是数字（可含 - 或开头的 +），3–20 位。",
                           "Phone must be digits (with - or a leading +), 3 to 20 long."))
    if not partial or "handling" in values or "handling_unit" in values:
        if values.get("handling") == Handling.DISPATCH and is_blank(
            str(values.get("handling_unit") or "")
        ) and "handling_unit" not in bad_text:
            errors.append(_err("handling_unit", "转派的工单请选择承办单位。",
                               "A dispatched case needs a handling unit."))
    if not partial and values.get("channel") == Channel.PHONE:
        if is_blank(str(values.get("caller_phone") or "")) and "caller_phone" not in bad_text:
            errors.append(_err("caller_phone", "电话来件请填写联系电话。",
                               "A phone case needs the caller's phone number."))
    deadline = values.get("deadline")
    if deadline is not None and not isinstance(deadline, date):
        errors.append(_err("deadline", "办理时限应为日期。", "Deadline must be a date."))
    return errors


# ----------------------------------------------------------------------------- life cycle

CREATION_STATUSES: dict[str, frozenset[str]] = {
    Handling.DIRECT: frozenset({CaseStatus.ACCEPTED, CaseStatus.CLOSED}),
    Handling.DISPATCH: frozenset({CaseStatus.ACCEPTED, CaseStatus.DISPATCHED}),
}
"""The statuses a new case may have, by handling: a dispatched case is closed only after
the unit's reply (已回复 → 已办结), and nothing is created already withdrawn (已撤销)."""

STATUS_CHANGES: dict[str, frozenset[str]] = {
    CaseStatus.ACCEPTED: frozenset({CaseStatus.DISPATCHED, CaseStatus.CLOSED,
                                    CaseStatus.CANCELLED}),
    CaseStatus.DISPATCHED: frozenset({CaseStatus.ACCEPTED, CaseStatus.REPLIED,
                                      CaseStatus.CANCELLED}),
    CaseStatus.REPLIED: frozenset({CaseStatus.DISPATCHED, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.ACCEPTED, CaseStatus.DISPATCHED}),
    CaseStatus.CANCELLED: frozenset(),
}
"""Status changes a case may make (reopening a closed case included; 已撤销 is final)."""

DISPATCH_ONLY = frozenset({CaseStatus.DISPATCHED, CaseStatus.REPLIED})


def lifecycle_errors(before: dict[str, object] | None, after: dict[str, object]
                     ) -> list[FieldError]:
    """Check a new case (``before`` None) or an edit (``before`` -> ``after``, whole rows
    or at least handling and status) against the case life cycle."""
    errors: list[FieldError] = []
    status, handling = after.get("status"), after.get("handling")
    if status not in set(CaseStatus) or handling not in set(Handling):
        return errors  # reported by validate_case_fields
    status, handling = CaseStatus(str(status)), Handling(str(handling))
    if before is None:
        allowed = CREATION_STATUSES[handling]
        if status not in allowed:
            names = "、".join(s.value for s in CaseStatus if s in allowed)
            errors.append(_err(
                "status", f"新工单（{handling.value}）的状态不能是“{status.value}”，只能是：{names}。",
                f"A new case ({handling.value}) cannot have status {status.value}; it may be: "
                f"{', '.join(s.value for s in CaseStatus if s in allowed)}."))
        return errors
    old_status = before.get("status")
    old_handling = before.get("handling")
    if status in DISPATCH_ONLY and handling != Handling.DISPATCH:
        errors.append(_err("status", f"只有转派的工单才能是“{status.value}”。",
                           f"Only a dispatched case can have status {status.value}."))
    if old_status in set(CaseStatus) and old_status != status:
        old = CaseStatus(str(old_status))
        if status == CaseStatus.CLOSED and handling == Handling.DISPATCH and (
            old in (CaseStatus.ACCEPTED, CaseStatus.DISPATCHED)
        ):
            errors.append(_err("status", "转派的工单要等承办单位答复（已回复）后才能办结。",
                               "A dispatched case is closed only after the unit's reply."))
        elif status not in STATUS_CHANGES[old]:
            errors.append(_err("status", f"工单状态不能从“{old.value}”改为“{status.value}”。",
                               f"Status cannot change from {old.value} to {status.value}."))
    elif old_handling != handling and old_status in set(CaseStatus) and (
        CaseStatus(str(old_status)) not in (CaseStatus.ACCEPTED,)
    ):
        errors.append(_err("handling", f"工单已是“{old_status}”，不能再改办理方式。",
                           f"The case is already {old_status}; its handling cannot change."))
    if old_status == CaseStatus.CANCELLED and before != after:
        errors.append(_err("status", "已撤销的工单不能再修改。", "A withdrawn case cannot change."))
    return errors


def check_case_fields(
    values: dict[str, object], *, partial: bool = False, units: Collection[str] | None = None
) -> None:
    """Raise ``CaseValidationError`` when ``validate_case_fields`` finds errors."""
    errors = validate_case_fields(values, partial=partial, units=units)
    if errors:
        raise CaseValidationError(errors)
