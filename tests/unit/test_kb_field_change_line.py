"""A version's field change reads in the user's language, empty values included."""

from seat_app.domain.kb_upkeep.versions import FieldChange


def test_empty_value_is_named_in_each_language() -> None:
    change = FieldChange("title", None, "公积金提取")
    assert change.line("zh") == "标题: （空） → 公积金提取"
    assert change.line("en") == "title: (empty) → 公积金提取"


def test_long_and_multiline_values_are_shortened() -> None:
    change = FieldChange("answer", "a\nb", "x" * 100)
    line = change.line("en")
    assert "a⏎b" in line
    assert line.endswith("x" * 60 + "…")
