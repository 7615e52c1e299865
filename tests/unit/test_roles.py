"""The permission matrix, phone masking and input validation (pure domain rules)."""

from __future__ import annotations

import pytest

from seat_app.domain.roles import (
    LIMITS,
    PERMISSIONS,
    CaseFacts,
    InputRefused,
    Op,
    Role,
    allowed,
    forbidden_ops,
    mask_phone,
    may_touch_case,
    phone_masked_for,
    printable,
    validate_password,
    validate_text,
    validate_work_no,
)

pytestmark = pytest.mark.security


def test_every_role_has_a_row_and_forbidden_ops_complement_it():
    assert set(PERMISSIONS) == set(Role)
    for role in Role:
        forbidden = set(forbidden_ops(role))
        assert forbidden.isdisjoint(PERMISSIONS[role])
        assert forbidden | PERMISSIONS[role] == set(Op)


@pytest.mark.parametrize(
    ("role", "op", "expected"),
    [
        (Role.AGENT, Op.AUDIT_READ, False),
        (Role.AGENT, Op.KB_EDIT, False),
        (Role.AGENT, Op.UNIT_EDIT, False),
        (Role.AGENT, Op.CASE_EDIT_CLOSED_OTHERS, False),
        (Role.AGENT, Op.CASE_EDIT, True),
        (Role.LEAD, Op.AUDIT_READ, True),
        (Role.LEAD, Op.KB_EDIT, False),
        (Role.TRAINER, Op.CASE_EDIT, False),
        (Role.UNIT, Op.CASE_REPLY, True),
        (Role.UNIT, Op.CASE_VIEW_ALL, False),
        (Role.ADMIN, Op.KB_EDIT, True),
        (Role.ADMIN, Op.USER_MANAGE, True),
    ],
)
def test_matrix_cells(role, op, expected):
    assert allowed(role, op) is expected
    assert allowed(role.value, op.value) is expected


def test_only_agents_see_phones_unmasked_by_default():
    assert [r for r in Role if not phone_masked_for(r)] == [Role.AGENT]


def test_row_rules_for_cases():
    mine_closed = CaseFacts(recorded_by="1001", closed=True, unit_id=None)
    theirs_closed = CaseFacts(recorded_by="1002", closed=True, unit_id=None)
    theirs_open = CaseFacts(recorded_by="1002", closed=False, unit_id="水务局")
    kw = {"work_no": "1001", "unit_id": None}
    assert may_touch_case(Role.AGENT, Op.CASE_EDIT, mine_closed, **kw)
    assert not may_touch_case(Role.AGENT, Op.CASE_EDIT, theirs_closed, **kw)
    assert may_touch_case(Role.AGENT, Op.CASE_EDIT, theirs_open, **kw)
    assert may_touch_case(Role.LEAD, Op.CASE_EDIT, theirs_closed, **kw)
    assert may_touch_case(Role.UNIT, Op.CASE_VIEW, theirs_open, work_no="7", unit_id="水务局")
    assert not may_touch_case(Role.UNIT, Op.CASE_VIEW, theirs_open, work_no="7", unit_id="电力")
    assert not may_touch_case(Role.UNIT, Op.CASE_VIEW, mine_closed, work_no="7", unit_id="电力")
    assert not may_touch_case(Role.UNIT, Op.CASE_VIEW, theirs_open, work_no="7", unit_id=None)


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812341234", "138****1234"),
        ("+8613812341234", "+86138****1234"),
        ("138 1234 5678", "138 **** 5678"),
        ("0359-2123456", "0359-***3456"),
        ("2123456", "***3456"),
        ("12345", "***45"),
        ("", ""),
        ("未留电话", "未留电话"),
    ],
)
def test_mask_phone(raw, masked):
    assert mask_phone(raw) == masked


def test_masking_never_shows_the_hidden_middle_of_a_mobile():
    for i in range(200):
        phone = f"1{(3 + i % 7)}{i:09d}"
        out = mask_phone(phone)
        assert out[3:7] == "****" and out[:3] == phone[:3] and out[-4:] == phone[-4:]
        assert len(out) == len(phone)


INJECTIONS = [
    "'; DROP TABLE cases; --",
    "1' OR '1'='1",
    "\"; DELETE FROM users WHERE \"\"=\"",
    "Robert'); DROP TABLE students;--",
    "%_\\' UNION SELECT password_hash FROM users --",
    "tab\there\nnewline\rcr\x1b[31mred\x07bell\x7f\x85",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_and_control_characters_pass_validation_verbatim(text):
    assert validate_text("content", text) == text


def test_overlong_text_is_refused_with_a_clear_message():
    limit = LIMITS["caller_name"]
    assert validate_text("caller_name", "张" * limit) == "张" * limit
    with pytest.raises(InputRefused) as info:
        validate_text("caller_name", "张" * (limit + 1))
    err = info.value
    assert err.field == "caller_name"
    assert "来电人过长" in err.zh and str(limit + 1) in err.zh and str(limit) in err.zh
    assert "too long" in err.en and err.message("en") == err.en and err.message() == err.zh


def test_nul_and_lone_surrogates_are_refused():
    with pytest.raises(InputRefused, match="NUL"):
        validate_text("content", "a\x00b")
    with pytest.raises(InputRefused, match="invalid character at position 2"):
        validate_text("content", "a\ud800b")
    with pytest.raises(InputRefused):
        validate_text("content", 42)  # type: ignore[arg-type]


def test_work_numbers_and_passwords():
    assert validate_work_no("A1001") == "A1001"
    for bad in ("", "10 01", "1001;", "x" * 17, "工号"):
        with pytest.raises(InputRefused):
            validate_work_no(bad)
    assert validate_password("correct horse") == "correct horse"
    for bad in ("short", "has\nnewline", "x" * 129):
        with pytest.raises(InputRefused):
            validate_password(bad)


def test_printable_escapes_control_characters_only():
    assert printable("ok 中文\tand\n") == "ok 中文\tand\n"
    assert printable("\x1b[31m\x07") == "\\x1b[31m\\x07"
