"""Typed errors of intake suggestions. Each carries a Chinese (``zh``) and an English
(``en``) message; ``str()`` is the Chinese one."""

from __future__ import annotations

from seat_app.domain.messages import UserMessage


class IntakeError(UserMessage):
    """Base of intake errors."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class TooFewCases(IntakeError):
    """Training refused: too few examples (overall or of closed cases)."""

    def __init__(self, have: int, need: int) -> None:
        super().__init__(
            f"训练数据太少：已结案工单 {have} 件，至少需要 {need} 件。请积累更多已结案工单后再训练。",
            f"Too few cases to train: {have} closed cases, at least {need} needed. "
            "Train again when more cases are closed.",
        )
        self.have = have
        self.need = need


class ModelUnavailable(IntakeError):
    """The model file cannot be used; callers fall back to KB-search routing."""

    reason = "unavailable"


class ModelMissing(ModelUnavailable):
    reason = "missing"

    def __init__(self, path: str) -> None:
        super().__init__(f"智能分类模型文件不存在（{path}），暂用知识库检索推荐事项。",
                         f"No intake model file ({path}); suggesting from knowledge-base search.")


class ModelCorrupt(ModelUnavailable):
    reason = "corrupt"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"智能分类模型文件已损坏（{path}：{detail}），暂用知识库检索推荐事项。",
                         f"The intake model file is damaged ({path}: {detail}); "
                         "suggesting from knowledge-base search.")
        self.detail = detail


class ModelOutdated(ModelUnavailable):
    reason = "outdated"

    def __init__(self, path: str, found: object, expected: object) -> None:
        super().__init__(
            f"智能分类模型版本不符（{path}：{found}，应为 {expected}），请重新训练；暂用知识库检索推荐事项。",
            f"The intake model has format {found}, expected {expected} ({path}); retrain it. "
            "Suggesting from knowledge-base search.")


class UnknownMatter(IntakeError):
    """A training example or correction names a matter the taxonomy does not have."""

    def __init__(self, name: str) -> None:
        super().__init__(f"未知事项：{name}", f"Unknown matter: {name}")
        self.name = name
