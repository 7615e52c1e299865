"""The case entity's rules: readable case numbers, field validation with Chinese messages."""

from __future__ import annotations

from datetime import date

import pytest

from seat_app.domain.case import (
    CASE_FIELD_RULES,
    CaseNumber,
    CaseValidationError,
    Channel,
    Handling,
    check_case_fields,
    format_case_number,
    validate_case_fields,
)

GOOD = {
    "channel": "电话",
    "caller_phone": "13800001234",
    "matter": "社会生活噪声",
    "description": "楼下工地夜间施工",
    "handling": "直接办理",
}


def test_case_number_format_and_parse_round_trip():
    number = format_case_number(date(2026, 11, 29), "S01", 7)
    assert number == "20261129-S01-0007"
    parsed = CaseNumber.parse(number)
    assert parsed == CaseNumber(date(2026, 11, 29), "S01", 7)
    assert str(CaseNumber(date(2026, 1, 2), "A9", 12345)) == "20260102-A9-12345"


@pytest.mark.parametrize("bad", ["2026112-S01-0001", "20261129-S 1-0001", "20261129-S01-1", ""])
def test_case_number_parse_refuses_garbage(bad):
    with pytest.raises(ValueError, match="工单号格式不正确"):
        CaseNumber.parse(bad)


def test_seat_code_must_be_short_alphanumeric():
    with pytest.raises(ValueError, match="座席编号"):
        CaseNumber(date(2026, 11, 29), "S-01", 1)


def test_valid_case_has_no_errors():
    assert validate_case_fields(GOOD) == []
    assert {c.value for c in Channel} == {"电话", "APP", "网站", "信箱", "窗口"}
    assert {h.value for h in Handling} == {"直接办理", "转派"}


def test_required_fields_named_in_chinese():
    errors = validate_case_fields({"channel": "网站", "handling": "直接办理"})
    by_field = {e.field: e.message for e in errors}
    assert by_field["matter"] == "请填写事项。"
    assert by_field["description"] == "请填写诉求内容。"


def test_length_limits_reported_with_counts():
    values = dict(GOOD, caller_name="张" * 41)
    errors = validate_case_fields(values)
    assert [e.field for e in errors] == ["caller_name"]
    assert errors[0].message == "来电人最多 40 个字，现在 41 个字。"
    assert CASE_FIELD_RULES["description"].max_len == 4000


def test_dispatch_needs_unit_and_phone_channel_needs_phone():
    errors = validate_case_fields(dict(GOOD, handling="转派", caller_phone=""))
    assert {e.field for e in errors} == {"handling_unit", "caller_phone"}


def test_enumerations_and_phone_format_checked():
    errors = validate_case_fields(dict(GOOD, channel="微信", handling="随便", caller_phone="abc"))
    assert {e.field for e in errors} == {"channel", "handling", "caller_phone"}


def test_partial_check_only_looks_at_given_fields():
    assert validate_case_fields({"caller_address": "盐湖区解放路 1 号"}, partial=True) == []
    with pytest.raises(CaseValidationError) as info:
        check_case_fields({"description": "   "}, partial=True)
    assert info.value.fields == ["description"]
    assert "请填写诉求内容" in str(info.value)


def test_control_characters_refused():
    errors = validate_case_fields(dict(GOOD, description="abc\x00def"))
    assert [e.field for e in errors] == ["description"]
