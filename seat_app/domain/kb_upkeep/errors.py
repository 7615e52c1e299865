"""Typed errors of knowledge-base upkeep. Every error a user can meet carries ``zh`` and ``en``."""

from __future__ import annotations

from seat_app.domain.kb_upkeep.entry import FieldError


class UpkeepError(ValueError):
    """A refused upkeep action, with a Chinese (``zh``) and an English (``en``) message."""

    code = "kb_upkeep"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


class EntryInvalid(UpkeepError):
    """An edited entry has field problems; ``errors`` lists every (field, reason). The
    values typed are kept by the caller: this error never carries a cleaned copy."""

    code = "entry_invalid"

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("；".join(f"{e.label}：{e.zh}" for e in errors),
                         "; ".join(f"{e.field}: {e.en}" for e in errors))
        self.errors = errors


class TransitionRefused(UpkeepError):
    """A version cannot move that way (wrong state, wrong person, stale base)."""

    code = "transition_refused"


class SelfApproval(TransitionRefused):
    """The author (or an editor) of a change tried to approve it."""

    code = "self_approval"

    def __init__(self, who: str) -> None:
        super().__init__(f"不能审核通过自己编辑的修改（{who}），请由另一位审核人审核。",
                         f"You cannot approve a change you edited ({who}); another approver must.")
        self.who = who


class PublishedImmutable(TransitionRefused):
    """Someone tried to change a published (or superseded) version in place."""

    code = "published_immutable"

    def __init__(self, number: int) -> None:
        super().__init__(f"第 {number} 版已发布，不能直接修改；请新建一个版本。",
                         f"Version {number} is published and cannot be changed; make a new version.")
        self.number = number


class CorrectionRefused(UpkeepError):
    """A correction (纠错) cannot be saved or closed as asked."""

    code = "correction_refused"
