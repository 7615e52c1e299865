"""The self-test's Qt checks: platform plugins, translations (ours and Qt's own zh_CN), icons
and the compiled forms. Run offscreen (``seat-admin self-test`` sets ``QT_QPA_PLATFORM``
before the application is made); combined with ``seat_app.services.selftest.CORE_CHECKS``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QSize, QTranslator
from PySide6.QtGui import QIcon, QImageReader
from PySide6.QtWidgets import QApplication

from seat_app.services.config import resources_dir
from seat_app.services.selftest import Check, CheckFailed

NATIVE_PLATFORM = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}


def application() -> QApplication:
    """The running application, or a new one (offscreen when the caller set it)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    return app  # type: ignore[return-value]


def _plugins_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def check_platforms(_tmp: Path) -> str:
    """The platform plugins: offscreen (this run) and the desktop's own (xcb on Linux)."""
    application()
    folder = _plugins_dir() / "platforms"
    found = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    native = NATIVE_PLATFORM.get(sys.platform, "")
    missing = [
        name for name in ("offscreen", native) if name and not any(f"q{name}" in f for f in found)
    ]
    if missing:
        raise CheckFailed(
            f"缺少 Qt 平台插件 {missing}（{folder}：{found}）",
            f"Qt platform plugins missing: {missing} (in {folder}: {found})",
        )
    return f"{QApplication.platformName()} now; {', '.join(found)}"


def _finished_messages(ts: Path) -> list[tuple[str, str, str]]:
    """(context, source, translation) of the finished, non-plural messages of a .ts file."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            if message.get("numerus") == "yes" or tr is None or tr.get("type") or not tr.text:
                continue
            out.append((name, message.findtext("source") or "", tr.text))
    return out


def check_translations(_tmp: Path) -> str:
    """seat_en.qm answers the finished messages of seat_en.ts; Qt's own qtbase_zh_CN.qm
    (standard buttons in Chinese) is found where QLibraryInfo says."""
    application()
    folder = resources_dir() / "i18n"
    own = QTranslator()
    if not own.load(str(folder / "seat_en.qm")):
        raise CheckFailed(
            f"无法载入 {folder / 'seat_en.qm'}", f"cannot load {folder / 'seat_en.qm'}"
        )
    messages = _finished_messages(folder / "seat_en.ts")
    answered = sum(1 for ctx, src, tr in messages if own.translate(ctx, src) == tr)
    if not messages or answered < len(messages):
        raise CheckFailed(
            f"seat_en.qm 只译出 {answered}/{len(messages)} 条（请运行 packaging/update_translations.py）",
            f"seat_en.qm translates {answered} of {len(messages)} messages "
            "(run packaging/update_translations.py)",
        )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    if not qt.load("qtbase_zh_CN", qt_dir) or qt.translate("QPlatformTheme", "Cancel") != "取消":
        raise CheckFailed(
            f"Qt 自带的中文翻译 qtbase_zh_CN.qm 不可用（{qt_dir}）",
            f"Qt's own qtbase_zh_CN.qm is not usable (in {qt_dir})",
        )
    return f"seat_en {answered}/{len(messages)}, qtbase_zh_CN ok"


def check_icons(_tmp: Path) -> str:
    """Every shipped SVG icon renders (needs the svg image-format plugin and QtSvg)."""
    application()
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise CheckFailed(
            "缺少 SVG 图像插件（imageformats/qsvg）",
            "the SVG image-format plugin (imageformats/qsvg) is missing",
        )
    icons = sorted((resources_dir() / "icons").glob("*.svg"))
    if not icons:
        raise CheckFailed(
            f"没有图标：{resources_dir() / 'icons'}", f"no icons in {resources_dir() / 'icons'}"
        )
    bad = [p.name for p in icons if QIcon(str(p)).pixmap(QSize(48, 48)).isNull()]
    if bad:
        raise CheckFailed(f"图标无法显示：{bad}", f"icons do not render: {bad}")
    return f"{len(icons)} svg icons render"


def check_forms(_tmp: Path) -> str:
    """The compiled Designer forms import (they are code: a bundle must collect them)."""
    # lazy: self-test: imported inside the check, so missing forms fail this check only
    import seat_app.qt.forms as forms

    names = [m.name for m in pkgutil.iter_modules(forms.__path__) if m.name.startswith("ui_")]
    if not names:
        raise CheckFailed(
            "找不到已编译的界面表单 seat_app.qt.forms.ui_*",
            "no compiled forms seat_app.qt.forms.ui_* found",
        )
    for name in names:
        importlib.import_module(f"{forms.__name__}.{name}")
    return ", ".join(names)


QT_CHECKS: tuple[Check, ...] = (
    Check("qt-platforms", "Qt 平台插件", "Qt platform plugins", check_platforms),
    Check("translations", "界面翻译", "translations", check_translations),
    Check("icons", "图标", "icons", check_icons),
    Check("forms", "界面表单", "forms", check_forms),
)
