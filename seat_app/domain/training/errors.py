"""Errors of the training core. Each carries a Chinese (``zh``) and an English (``en``) message;
``str(error)`` is the Chinese one."""

from __future__ import annotations

from dataclasses import dataclass

from seat_app.domain.messages import UserMessage


class TrainingError(UserMessage, ValueError):
    """Base class: something in training data or an evaluation is wrong."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class RubricError(TrainingError):
    """A rubric is malformed, or an evaluation does not fit its rubric."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One bad value in imported data: the row (1-based, as the file shows it), the field
    (column) and the reason in both languages."""

    row: int
    field: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"第 {self.row} 行「{self.field}」：{self.zh}"


class ScenarioImportError(TrainingError):
    """Scenario data has errors; nothing was loaded. ``problems`` lists every bad row."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = "; ".join(str(p) for p in self.problems[:3])
        head_en = "; ".join(f"row {p.row} {p.field}: {p.en}" for p in self.problems[:3])
        more = f" 等 {n} 处" if n > 3 else ""
        more_en = f" and {n - 3} more" if n > 3 else ""
        super().__init__(f"场景数据有 {n} 处错误，未导入任何场景：{head}{more}",
                         f"The scenario data has {n} error(s); nothing was imported: "
                         f"{head_en}{more_en}")


class CaseNotUsable(TrainingError):
    """A case cannot become a scenario (not closed, or missing what a scenario needs)."""
