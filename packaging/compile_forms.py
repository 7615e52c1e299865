"""Recompile the Qt Designer forms (ui/*.ui) into seat_app/qt/forms/ and the translations.

Run from anywhere: ``.venv/bin/python packaging/compile_forms.py`` (``--no-i18n`` skips the
translations). Needs pyside6-uic / pyside6-lrelease next to the Python that runs it, or on
PATH. The compiled files are committed, so users never need these tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FORMS = ROOT / "seat_app" / "qt" / "forms"
I18N = ROOT / "resources" / "i18n"


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (install PySide6 into this environment)")
    return found


def compile_forms() -> list[Path]:
    FORMS.mkdir(parents=True, exist_ok=True)
    (FORMS / "__init__.py").write_text('"""Compiled from ui/*.ui by packaging/compile_forms.py; do not edit."""\n')
    out = []
    for ui in sorted((ROOT / "ui").glob("*.ui")):
        target = FORMS / f"ui_{ui.stem}.py"
        subprocess.run([tool("pyside6-uic"), "--from-imports", str(ui), "-o", str(target)], check=True)
        out.append(target)
    return out


def compile_translations() -> list[Path]:
    out = []
    for ts in sorted(I18N.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-i18n", action="store_true")
    args = parser.parse_args()
    for path in compile_forms():
        print("form", path.relative_to(ROOT))
    from seat_app.qt.seat.matter_picker import KEYS_FILE, write_keys

    print("matter pinyin keys", write_keys(), KEYS_FILE.relative_to(ROOT))
    if not args.no_i18n:
        for path in compile_translations():
            print("translation", path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
