"""The description templates are narrowed at the boundary: a malformed field is a
TemplateError naming the field (zh and en), never a half-read template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seat_app.domain.analysis.errors import TemplateError
from seat_app.domain.analysis.synthetic import Templates

RESOURCES = Path(__file__).resolve().parents[3] / "resources" / "analysis"


@pytest.fixture(scope="module")
def data() -> dict[str, object]:
    loaded: dict[str, object] = json.loads((RESOURCES / "templates.json").read_text("utf-8"))
    return loaded


def test_the_shipped_templates_read_as_typed_lists(templates: Templates) -> None:
    assert templates.openers and all(isinstance(s, str) for s in templates.openers)
    assert all(len(m) == 12 and all(isinstance(x, float | int) for x in m)
               for m in templates.seasonal.values())
    assert all({"phrase", "matter"} <= set(e) for e in templates.emerging)


@pytest.mark.parametrize(("field", "value", "zh", "en"), [
    ("openers", "您好", "openers 应为文字列表", "openers must be a list of text"),
    ("times", None, "times 应为文字列表", "times must be a list of text"),
    ("asks", ["请处理", 3], "asks 应为文字列表", "asks must be a list of text"),
    ("details", [], "details 应为对象", "details must be an object"),
    ("seasonal", {"供暖不热": ["一月"] * 12}, "seasonal.供暖不热 应为数字列表",
     "seasonal.供暖不热 must be a list of numbers"),
    ("emerging_phrases", ["充电桩"], "emerging_phrases 应为对象列表",
     "emerging_phrases must be a list of objects"),
])
def test_a_malformed_field_is_named(data: dict[str, object], field: str, value: object,
                                    zh: str, en: str) -> None:
    with pytest.raises(TemplateError) as err:
        Templates({**data, field: value})
    assert zh in err.value.zh
    assert en in err.value.en


def test_a_missing_field_is_named(data: dict[str, object]) -> None:
    with pytest.raises(TemplateError) as err:
        Templates({k: v for k, v in data.items() if k != "closers"})
    assert "closers" in err.value.zh and "closers" in err.value.en
