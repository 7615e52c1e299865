"""User-facing texts of refused actions, shared by the role views."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from seat_app.qt.i18n import localized


def rule_message(error: BaseException, language: str | None = None) -> str:
    """The user-facing text of a refused action in the UI language (DispatchRuleError has
    zh/en; ``language`` overrides the UI language)."""
    text = localized(error, language)
    if text is not None:
        return text
    if language is not None and language.startswith("en"):
        return "Failed: " + str(error)
    return QCoreApplication.translate("UnitView", "操作失败：") + str(error)
