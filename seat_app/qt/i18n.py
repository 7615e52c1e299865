"""Translations: Chinese is the source language; English comes from resources/i18n/seat_en.qm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from seat_app.services.config import resources_dir

LANGUAGES = ("zh", "en")


def qm_path(lang: str) -> Path:
    return resources_dir() / "i18n" / f"seat_{lang}.qm"


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
            from PySide6.QtCore import QEvent

            for widget in _top_level_widgets():
                QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
        return ok


def _top_level_widgets() -> list:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return list(app.allWidgets()) if isinstance(app, QApplication) else []
