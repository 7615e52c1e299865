"""What packaging/trim.py leaves out of the frozen bundle (issue 20: <= 200 MB unpacked).

The functions work on PyInstaller's TOC tuples, so these tests run without a freeze; the
real libraries' behaviour is checked by packaging/build.py (ICU probe, self-test, start-up
offscreen and under Xvfb) on every build.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import trim  # noqa: E402 - packaging/trim.py, not a package


def spec_literal(name: str) -> object:
    for node in ast.parse((ROOT / "packaging" / "seat.spec").read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"seat.spec has no literal {name}")


PLUGINS = "PySide6/Qt/plugins/"


def toc() -> list[tuple[str, str, str]]:
    return [
        ("PySide6/QtCore.abi3.so", "/venv/PySide6/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/venv/PySide6/Qt/lib/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/venv/PySide6/Qt/lib/libQt6Network.so.6", "BINARY"),
        (PLUGINS + "platforms/libqxcb.so", "/venv/xcb", "BINARY"),
        (PLUGINS + "platforms/libqeglfs.so", "/venv/eglfs", "BINARY"),
        (PLUGINS + "platformthemes/libqgtk3.so", "/venv/gtk3", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/x86_64-linux-gnu/libgtk-3.so.0", "BINARY"),
        ("libglib-2.0.so.0", "/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0", "BINARY"),
        ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"),
        ("libxcb-util.so.1", "/usr/lib/x86_64-linux-gnu/libxcb-util.so.1", "BINARY"),
        ("libpython3.11.so.1.0", "/opt/python/lib/libpython3.11.so.1.0", "BINARY"),
    ]


NEEDED = {
    "/venv/PySide6/QtCore.abi3.so": ["libQt6Core.so.6"],
    "/venv/PySide6/Qt/lib/libQt6Core.so.6": ["libglib-2.0.so.0", "libc.so.6"],
    "/venv/xcb": ["libQt6Core.so.6", "libX11.so.6", "libxcb-util.so.1"],
    "/venv/eglfs": ["libQt6Core.so.6"],
    "/venv/gtk3": ["libgtk-3.so.0", "libglib-2.0.so.0", "libQt6Core.so.6"],
    "/usr/lib/x86_64-linux-gnu/libgtk-3.so.0": ["libglib-2.0.so.0", "libX11.so.6"],
}


def trimmed(
    left_out: tuple[str, ...] = ("platformthemes/libqgtk3.so", "platforms/libqeglfs.so"),
    system: tuple[str, ...] = ("libX", "libxcb"),
) -> set[str]:
    kept = trim.trim_binaries(
        toc(),
        left_out,
        system,
        needed=lambda p: NEEDED.get(p, []),
        from_the_system=lambda src: src.startswith("/usr/lib/"),
    )
    return {dest for dest, _src, _kind in kept}


def test_a_left_out_plugin_takes_the_libraries_only_it_linked_with_it() -> None:
    kept = trimmed()
    assert PLUGINS + "platformthemes/libqgtk3.so" not in kept
    assert "libgtk-3.so.0" not in kept  # only the gtk3 theme linked it
    assert "libglib-2.0.so.0" in kept  # QtCore links it too
    assert PLUGINS + "platforms/libqeglfs.so" not in kept
    assert PLUGINS + "platforms/libqxcb.so" in kept


def test_extension_modules_and_libpython_stay_unlinked_libraries_go() -> None:
    kept = trimmed()
    assert {
        "PySide6/QtCore.abi3.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libpython3.11.so.1.0",
    } <= kept
    assert "PySide6/Qt/lib/libQt6Network.so.6" not in kept  # nothing kept links it


def test_the_build_hosts_display_libraries_are_left_to_the_system() -> None:
    assert not {"libX11.so.6", "libxcb-util.so.1"} & trimmed()
    # the same libraries from a wheel (not the system's folders) stay
    assert {"libX11.so.6", "libxcb-util.so.1"} <= trimmed(system=())


def test_the_spec_keeps_the_platforms_a_desktop_needs() -> None:
    left_out = spec_literal("LEFT_OUT_QT_PLUGINS")
    for needed in (
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "imageformats/libqsvg.so",
        "iconengines/libqsvgicon.so",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
    ):
        assert not trim.left_out_plugin(PLUGINS + needed, left_out), needed
    assert trim.left_out_plugin(PLUGINS + "platformthemes/libqgtk3.so", left_out)


def test_qt_translations_keep_what_the_app_loads() -> None:
    keep = spec_literal("QT_TRANSLATIONS")
    source = (ROOT / "seat_app" / "qt" / "i18n.py").read_text("utf-8")
    loaded = {f"{name}.qm" for name in ("qtbase_zh_CN",) if f'"{name}"' in source}
    assert loaded and loaded <= set(keep)
    datas = [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "a", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "b", "DATA"),
        ("PySide6/Qt/translations/qt_help_zh_CN.qm", "c", "DATA"),
        ("seat_app/resources/i18n/seat_en.qm", "d", "DATA"),
    ]
    assert [d[0] for d in trim.trim_datas(datas, keep)] == [
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "seat_app/resources/i18n/seat_en.qm",
    ]


def test_icu_keeps_chinese_english_and_the_locale_independent_data() -> None:
    locales = spec_literal("ICU_LOCALES")
    converters = spec_literal("ICU_CONVERTERS")
    items = [
        "icudt73l/root.res",
        "icudt73l/zh.res",
        "icudt73l/zh_Hans_CN.res",
        "icudt73l/en.res",
        "icudt73l/de.res",
        "icudt73l/ja_JP.res",
        "icudt73l/coll/zh.res",
        "icudt73l/coll/de_.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/zone/fr.res",
        "icudt73l/zone/pool.res",
        "icudt73l/res_index.res",
        "icudt73l/brkitr/cjdict.dict",
        "icudt73l/brkitr/line.brk",
        "icudt73l/supplementalData.res",
        "icudt73l/zoneinfo64.res",
        "icudt73l/gb18030.cnv",
        "icudt73l/ibm-943_P15A-2003.cnv",
        "icudt73l/cnvalias.icu",
        "icudt73l/nfkc.nrm",
    ]
    drop = set(trim.icu_items_to_drop(items, locales, converters))
    assert drop == {
        "icudt73l/de.res",
        "icudt73l/ja_JP.res",
        "icudt73l/coll/de_.res",
        "icudt73l/zone/fr.res",
        "icudt73l/ibm-943_P15A-2003.cnv",
    }
