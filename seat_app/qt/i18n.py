"""Translations: Chinese is the source language; English comes from resources/i18n/seat_en.qm.

``Translations().apply("en")`` installs the English translator for the whole application;
every widget then gets ``QEvent.LanguageChange`` and retranslates itself. ``current_language()``
is the language the UI shows now (for messages that come from services with a ``zh`` and an
``en`` variant: ``localized(error)``, ``pick(zh, en)``), and ``notifier().language_changed``
tells non-widget objects (the shell) that the language switched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

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


def localized(error: BaseException, language: str | None = None) -> str | None:
    """The user-facing text of an error carrying ``zh``/``en`` (rule refusals, sign-in
    errors) in the UI language; None for an error without them."""
    zh, en = getattr(error, "zh", None), getattr(error, "en", None)
    if zh is None:
        return None
    return en if is_english(language) and en else zh


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
