"""Errors of the live floor: each carries its message in Chinese and English."""

from __future__ import annotations

from seat_app.domain.messages import UserMessage


class LiveError(UserMessage):
    """Base of the live floor's errors."""


class BadFloorOption(LiveError):
    """An option of the live floor is out of range (seats, minutes, speed)."""

    def __init__(self, name: str, value: object, zh_rule: str, en_rule: str) -> None:
        super().__init__(
            f"参数 {name} 的值 {value!r} 无效：{zh_rule}。",
            f"Option {name} = {value!r} is not valid: {en_rule}.",
        )
        self.name = name
