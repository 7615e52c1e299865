"""Typed errors of quality inspection. Every error a user can meet carries ``zh`` and ``en``."""

from __future__ import annotations

from datetime import date

from seat_app.domain.messages import UserMessage


class QualityError(UserMessage, ValueError):
    """A quality-inspection problem with a Chinese (``zh``) and an English (``en``) message."""

    code = "quality"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en


class FormInvalid(QualityError):
    """An inspection form (as data) is malformed; ``problems`` lists every one."""

    code = "form_invalid"

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("；".join(p[0] for p in problems), "; ".join(p[1] for p in problems))
        self.problems = problems


class OverrideNeedsReason(QualityError):
    """An inspector overrode a machine pre-check without saying why."""

    code = "override_needs_reason"

    def __init__(self, check: str) -> None:
        super().__init__(f"推翻自动预检“{check}”的结论时必须填写理由。",
                         f"Overriding the automatic pre-check {check!r} needs a reason.")
        self.check = check


class DisputeRefused(QualityError):
    """A dispute (申诉) or a decision was refused. ``window_closed`` is the last day a
    dispute could be raised, when the refusal is about the window or the round count."""

    code = "dispute_refused"

    def __init__(self, zh: str, en: str, *, reason: str, window_closed: date | None = None
                 ) -> None:
        super().__init__(zh, en)
        self.reason = reason
        self.window_closed = window_closed


class SamplingPlanInvalid(QualityError):
    code = "sampling_plan_invalid"


class CalibrationError(QualityError):
    code = "calibration"
