"""Translations: Chinese is the source language; English comes from resources/i18n/seat_en.qm.

``Translations().apply("en")`` installs the English translator for the whole application;
every widget then gets ``QEvent.LanguageChange`` and retranslates itself. ``current_language()``
is the language the UI shows now, and ``notifier().language_changed`` tells non-widget objects
(the shell) that the language switched.

One translation path: every English text lives in resources/i18n/seat_en.ts (refreshed by
``packaging/update_translations.py``, which keeps existing translations; checked by
``packaging/check_translations.py``). Texts in static tables are marked with
``QT_TRANSLATE_NOOP`` so lupdate sees them; placeholders are Qt's ``%1``, ``%2``, filled by
``fill``. Errors that reach the user (``seat_app.domain.messages.UserMessage``) are shown with
``error_text``; seat states with ``seat_state_name``.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from seat_app.domain.messages import UserMessage
from seat_app.domain.queue import SEAT_STATE_LABELS, SeatState
from seat_app.services.config import resources_dir

LANGUAGES = ("zh", "en")

_state = {"language": "zh"}


def qm_path(lang: str) -> Path:
    return resources_dir() / "i18n" / f"seat_{lang}.qm"


def current_language() -> str:
    """The UI language now: "zh" (the default) or "en"."""
    return _state["language"]


def is_english(language: str | None = None) -> bool:
    return (language or current_language()).startswith("en")


def pick(zh: str, en: str, language: str | None = None) -> str:
    """``en`` when the UI (or ``language``) is English, else ``zh``."""
    return en if is_english(language) else zh


_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(text: str, *args: object) -> str:
    """``text`` with ``%1``, ``%2``, ... replaced by ``args`` in one pass (a ``%2`` inside the
    first value stays as it is). The one placeholder style of translated texts."""
    values = [str(a) for a in args]

    def one(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return values[n - 1] if n <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(one, text)


def error_text(error: BaseException, language: str | None = None, *, bare: bool = False) -> str:
    """The one way an error reaches the user: a ``UserMessage`` (a rule refusal, a sign-in
    refusal, a damaged file, ...) in the UI language (or ``language``); any other error as
    "操作失败：<its text>" ("Failed: ..."), or only its first line when ``bare`` (for a
    sentence that already says what failed)."""
    if isinstance(error, UserMessage) and (error.zh or error.en):
        return error.text(language or current_language())
    zh, en = getattr(error, "zh", None), getattr(error, "en", None)
    if isinstance(zh, str) and zh:  # an error class not (yet) based on UserMessage
        return en if is_english(language) and isinstance(en, str) and en else zh
    if bare:
        first = str(error).splitlines()[0] if str(error) else ""
        return first or type(error).__name__
    if is_english(language):
        return "Failed: " + str(error)
    return fill(QCoreApplication.translate("UserMessage", "操作失败：%1"), error)


SEAT_STATE_NAMES: dict[SeatState, str] = {
    SeatState.OFFLINE: QT_TRANSLATE_NOOP("SeatState", "离线"),
    SeatState.READY: QT_TRANSLATE_NOOP("SeatState", "就绪"),
    SeatState.RINGING: QT_TRANSLATE_NOOP("SeatState", "振铃"),
    SeatState.ON_CALL: QT_TRANSLATE_NOOP("SeatState", "通话中"),
    SeatState.AFTER_CALL_WORK: QT_TRANSLATE_NOOP("SeatState", "话后处理"),
    SeatState.BREAK: QT_TRANSLATE_NOOP("SeatState", "小休"),
    SeatState.TRAINING: QT_TRANSLATE_NOOP("SeatState", "培训"),
}
"""The one seat-state table of the UI (the Chinese is ``domain.queue.SEAT_STATE_LABELS``,
checked by a test; the English is in seat_en.ts, context SeatState)."""


def seat_state_name(state: SeatState | str) -> str:
    """A seat state's name in the UI language."""
    state = SeatState(state)
    return QCoreApplication.translate("SeatState", SEAT_STATE_NAMES.get(state, SEAT_STATE_LABELS[state]))


class LanguageNotifier(QObject):
    language_changed = Signal(str)


_notifier: list[LanguageNotifier] = []


def notifier() -> LanguageNotifier:
    """The application's one notifier (created on first use, after the application)."""
    if not _notifier:
        _notifier.append(LanguageNotifier())
    return _notifier[0]


class Translations:
    """Installs the app's translator (and Qt's own for standard buttons) for one language."""

    def __init__(self) -> None:
        self.language = "zh"
        self._installed: list[QTranslator] = []

    def apply(self, lang: str) -> bool:
        """Switch the whole application to ``lang``; widgets retranslate on LanguageChange."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("no application")
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        ok = True
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        _state["language"] = lang  # before the LanguageChange events: retranslate reads it
        if lang == "en":
            own = QTranslator(app)
            ok = own.load(str(qm_path("en")))
            if ok:
                app.installTranslator(own)
                self._installed.append(own)
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        else:
            qt = QTranslator(app)
            if qt.load("qtbase_zh_CN", qt_dir):
                app.installTranslator(qt)
                self._installed.append(qt)
            QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.language = lang
        if not self._installed:
            # nothing installed means no LanguageChange event: send one so views refresh
            for widget in _top_level_widgets():
                QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
        notifier().language_changed.emit(lang)
        return ok


def _top_level_widgets() -> list:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return list(app.allWidgets()) if isinstance(app, QApplication) else []
