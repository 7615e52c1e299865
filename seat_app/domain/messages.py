"""What a refusal or a problem says to the user: Chinese, English and a stable code.

``UserMessage`` is the one base every error that reaches a person shares (dispatch rule
refusals, sign-in refusals, damaged files, conflicts, ...). The Qt layer shows any of them
with one function (``seat_app.qt.i18n.error_text``); services and the command line pick a
language with ``text(language)``. ``code`` is stable for logs and tests (default: the class
name in snake case), the texts are for people.

Subclasses keep their own ``__init__(zh, en)`` and call ``super().__init__(one_text)`` in the
style of ``Exception``: a single argument is only the exception's text and leaves ``zh``/``en``
to the subclass. ``UserMessage(zh, en, code)`` with two or three arguments sets all three.
"""

from __future__ import annotations

import re
from typing import Any


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class UserMessage(Exception):
    """An error with a user-facing text in Chinese (``zh``) and English (``en``)."""

    zh: str = ""
    en: str = ""
    code: str = "user_message"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            cls.code = _snake(cls.__name__)

    def __init__(self, zh: str = "", en: str | None = None, code: str | None = None,
                 *args: object) -> None:
        super().__init__(zh, *args)
        if en is None and code is None:  # Exception style, from a subclass's __init__
            return
        self.zh = zh
        self.en = en or ""
        if code:
            self.code = code

    def text(self, language: str = "zh") -> str:
        """``en`` for an English ``language`` ("en", "en_US", ...) when there is one, else
        ``zh``; the exception's own text when neither is set."""
        if str(language).startswith("en") and self.en:
            return self.en
        return self.zh or self.en or str(self)


__all__ = ["UserMessage"]
