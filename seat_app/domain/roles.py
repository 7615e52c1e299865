"""Who may do what: roles, the permission matrix, phone masking and input limits.

Pure Python (no imports beyond the standard library). The permission matrix is data:
``PERMISSIONS[role]`` is the set of operations a role may perform. Services check it on
every store (``seat_app.services.security.auth.require``); on PostgreSQL the database enforces the
same rules with GRANTs and row-level security (``seat_app.services.security.pg_roles``).

Row-level rules that depend on the case, not only on the role, are in ``may_touch_case``:
an agent may not change another agent's closed case; a unit user sees and answers only
cases dispatched to its own unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    LEAD = "lead"
    TRAINER = "trainer"
    UNIT = "unit"
    ADMIN = "admin"
    INSPECTOR = "inspector"
    """质检员: samples and scores recorded cases (quality inspection)."""
    KB_EDITOR = "kb_editor"
    """知识库编辑: drafts knowledge-base changes; publishing needs a second person."""

    @property
    def label_zh(self) -> str:
        return ROLE_LABELS_ZH[self]


ROLE_LABELS_ZH: dict[Role, str] = {
    Role.AGENT: "话务员",
    Role.LEAD: "班长",
    Role.TRAINER: "培训师",
    Role.UNIT: "承办单位",
    Role.ADMIN: "管理员",
    Role.INSPECTOR: "质检员",
    Role.KB_EDITOR: "知识库编辑",
}


class Op(StrEnum):
    """Operations a role may be allowed to perform."""

    CASE_CREATE = "case.create"
    CASE_VIEW = "case.view"
    """View cases the row rules let the user see (see ``may_touch_case``)."""
    CASE_VIEW_ALL = "case.view_all"
    """View every case, whoever recorded it and wherever it was dispatched (an agent sees
    the caller's earlier cases)."""
    CASE_EDIT = "case.edit"
    """Change open cases (an agent: also its own closed ones)."""
    CASE_EDIT_CLOSED_OTHERS = "case.edit_closed_others"
    """Change a closed case recorded by someone else."""
    CASE_REPLY = "case.reply"
    """A handling unit's reply to a case dispatched to it."""
    CASE_EXPORT = "case.export"
    PHONE_VIEW = "phone.view"
    """See callers' phone numbers unmasked without asking (the agent on the call)."""
    PHONE_UNMASK = "phone.unmask"
    """Reveal a masked phone number (an audited action)."""
    KB_EDIT = "kb.edit"
    UNIT_EDIT = "unit.edit"
    AUDIT_READ = "audit.read"
    USER_MANAGE = "user.manage"
    QUEUE_MONITOR = "queue.monitor"
    REPORT_PRODUCE = "report.produce"
    CASE_SUPERVISE = "case.supervise"
    TRAINING_MANAGE = "training.manage"
    QA_INSPECT = "qa.inspect"
    """Score sampled cases and decide disputes (quality inspection)."""
    QA_MANAGE = "qa.manage"
    """Set sampling plans, run calibrations, read every evaluation."""
    KB_DRAFT = "kb.draft"
    """Write a draft change of a knowledge-base entry."""
    KB_PUBLISH = "kb.publish"
    """Approve and publish another person's draft."""


ALL_OPS: frozenset[Op] = frozenset(Op)

PERMISSIONS: dict[Role, frozenset[Op]] = {
    Role.AGENT: frozenset(
        {Op.CASE_CREATE, Op.CASE_VIEW, Op.CASE_VIEW_ALL, Op.CASE_EDIT, Op.PHONE_VIEW,
         Op.PHONE_UNMASK}
    ),
    Role.LEAD: frozenset(
        {
            Op.CASE_CREATE, Op.CASE_VIEW, Op.CASE_VIEW_ALL, Op.CASE_EDIT,
            Op.CASE_EDIT_CLOSED_OTHERS, Op.CASE_EXPORT, Op.PHONE_UNMASK, Op.AUDIT_READ,
            Op.QUEUE_MONITOR, Op.REPORT_PRODUCE, Op.CASE_SUPERVISE, Op.QA_INSPECT,
            Op.QA_MANAGE, Op.KB_PUBLISH,
        }
    ),
    Role.TRAINER: frozenset({Op.CASE_VIEW, Op.CASE_VIEW_ALL, Op.TRAINING_MANAGE}),
    Role.UNIT: frozenset({Op.CASE_VIEW, Op.CASE_REPLY}),
    Role.ADMIN: frozenset(ALL_OPS - {Op.PHONE_VIEW}),
    Role.INSPECTOR: frozenset({Op.CASE_VIEW, Op.CASE_VIEW_ALL, Op.QA_INSPECT}),
    Role.KB_EDITOR: frozenset({Op.KB_DRAFT, Op.KB_PUBLISH}),
}
"""The permission matrix: which role may do which operation."""


def allowed(role: Role | str, op: Op | str) -> bool:
    return Op(op) in PERMISSIONS[Role(role)]


def forbidden_ops(role: Role | str) -> tuple[Op, ...]:
    """The operations ``role`` may not perform, in a stable order."""
    granted = PERMISSIONS[Role(role)]
    return tuple(op for op in Op if op not in granted)


def phone_masked_for(role: Role | str) -> bool:
    """Whether ``role`` sees callers' phone numbers masked by default."""
    return not allowed(role, Op.PHONE_VIEW)


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the row rules need to know about a case."""

    recorded_by: str
    """Work number of the agent who recorded the case."""
    closed: bool
    unit_id: str | None
    """The handling unit the case is dispatched to (None: not dispatched)."""


def may_touch_case(
    role: Role | str, op: Op | str, case: CaseFacts, *, work_no: str, unit_id: str | None
) -> bool:
    """Row rule: may this user perform ``op`` on this particular case?"""
    role, op = Role(role), Op(op)
    if not allowed(role, op):
        return False
    if not allowed(role, Op.CASE_VIEW_ALL):
        return unit_id is not None and case.unit_id == unit_id
    if op is Op.CASE_EDIT and case.closed and case.recorded_by != work_no:
        return allowed(role, Op.CASE_EDIT_CLOSED_OTHERS)
    return True


# --- phone masking -----------------------------------------------------------------------

def mask_phone(phone: str) -> str:
    """Mask a phone number for display: ``13812341234`` → ``138****1234``.

    Mobile numbers (11 digits or more, country code included) hide the four digits before
    the last four; a landline written with its area code (``0359-2123456``) keeps the area
    code and the last four digits; other numbers of seven digits or more keep the last
    four; shorter ones keep the last two. Separators stay as typed; empty stays empty.
    """
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    n = len(digits)
    if n == 0:
        return phone
    head, sep, _rest = phone.partition("-")
    head_digits = sum(ch.isdigit() for ch in head)
    if sep and 3 <= head_digits <= 4 and n - head_digits >= 7:
        hidden = set(digits[head_digits:-4])
    elif n >= 11:
        hidden = set(digits[-8:-4])
    elif n >= 7:
        hidden = set(digits[:-4])
    else:
        hidden = set(digits[:-2])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(phone))


# --- input limits and validation ---------------------------------------------------------


class InputRefused(ValueError):
    """A value a user typed cannot be stored; ``zh``/``en`` say why in plain words."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(f"{field}: {en}")
        self.field = field
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


LIMITS: dict[str, int] = {
    "work_no": 16,
    "name": 40,
    "password": 128,
    "caller_name": 40,
    "phone": 40,
    "address": 200,
    "title": 200,
    "content": 4000,
    "reply": 4000,
    "search": 200,
    "kb_text": 20000,
    "unit_name": 80,
    "note": 1000,
}
"""Maximum length (characters) per kind of field; every text a user types has one."""

FIELD_LABELS_ZH: dict[str, str] = {
    "work_no": "工号", "name": "姓名", "password": "密码", "caller_name": "来电人",
    "phone": "电话", "address": "地址", "title": "标题", "content": "诉求内容",
    "reply": "答复", "search": "搜索词", "kb_text": "知识内容", "unit_name": "单位名称",
    "note": "备注",
}

PASSWORD_MIN = 8
WORK_NO_PATTERN = re.compile(r"^[0-9A-Za-z]{1,16}$")


def validate_text(field: str, value: str, *, max_len: int | None = None) -> str:
    """Return ``value`` unchanged if it can be stored, else raise ``InputRefused``.

    Everything a person can type is stored verbatim, SQL-looking text and control
    characters included (they are data, always bound as parameters). Refused: text longer
    than the field's limit, the NUL character (no database text column can hold it) and
    unpaired surrogates (not valid Unicode).
    """
    if not isinstance(value, str):
        raise InputRefused(field, f"{_label(field)}必须是文字。", f"{field} must be text.")
    limit = max_len if max_len is not None else LIMITS.get(field, 4000)
    if len(value) > limit:
        raise InputRefused(
            field,
            f"{_label(field)}过长：{len(value)} 个字符，最多 {limit} 个。请删减后再保存，已输入的内容不会丢失。",
            f"{field} is too long: {len(value)} characters, at most {limit}. "
            "Shorten it and save again; nothing typed is lost.",
        )
    if "\x00" in value:
        raise InputRefused(
            field,
            f"{_label(field)}含有空字符（NUL, \\x00），无法保存，请删除该字符。",
            f"{field} contains the NUL character (\\x00), which cannot be stored; remove it.",
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputRefused(
            field,
            f"{_label(field)}含有无效字符（第 {exc.start + 1} 个字符），请删除后再保存。",
            f"{field} contains an invalid character at position {exc.start + 1}; remove it.",
        ) from None
    return value


def validate_work_no(value: str) -> str:
    if not isinstance(value, str) or not WORK_NO_PATTERN.fullmatch(value):
        raise InputRefused(
            "work_no",
            "工号只能由 1 到 16 个字母或数字组成。",
            "A work number is 1 to 16 letters or digits.",
        )
    return value


def validate_password(value: str) -> str:
    validate_text("password", value)
    if len(value) < PASSWORD_MIN:
        raise InputRefused(
            "password",
            f"密码至少 {PASSWORD_MIN} 个字符。",
            f"A password has at least {PASSWORD_MIN} characters.",
        )
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise InputRefused(
            "password", "密码不能包含控制字符。", "A password cannot contain control characters."
        )
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: str) -> str:
    """``value`` with control characters shown as escapes, for logs and terminals only."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def _label(field: str) -> str:
    return FIELD_LABELS_ZH.get(field, field)
