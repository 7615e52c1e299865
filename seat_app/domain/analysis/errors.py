"""Typed errors of the analysis core; each carries a Chinese (``zh``) and English (``en``) text."""

from __future__ import annotations


class AnalysisError(ValueError):
    """An analysis problem a user can meet, with a Chinese and an English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class GazetteerError(AnalysisError):
    """The gazetteer data (areas, townships, places) is malformed."""


class TemplateError(AnalysisError):
    """The description templates are malformed (unknown matter, unknown slot)."""


class ParameterError(AnalysisError):
    """A detector parameter is out of range."""


def bad_parameter(name: str, value: object, rule_zh: str, rule_en: str) -> ParameterError:
    return ParameterError(
        f"参数 {name} 的取值 {value!r} 不合法：{rule_zh}。",
        f"Parameter {name}={value!r} is invalid: {rule_en}.",
    )
