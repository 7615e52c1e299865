"""Recompile the Qt Designer forms (ui/*.ui) into seat_app/qt/forms/ and the translations.

Run from anywhere: ``.venv/bin/python packaging/compile_forms.py`` (``--no-i18n`` skips the
translations). Needs pyside6-uic / pyside6-lrelease next to the Python that runs it, or on
PATH. The compiled files are committed, so users never need these tools.

``--check`` (CI) compiles into a temporary folder and exits 1 when seat_app/qt/forms/ differs
from ui/: a form edited in Designer but not compiled, a compiled form edited by hand, or a
compiled form whose .ui is gone. The compiler's version line is not compared.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
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


INIT_TEXT = '"""Compiled from ui/*.ui by packaging/compile_forms.py; do not edit."""\n'


def compile_forms(folder: Path = FORMS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "__init__.py").write_text(INIT_TEXT)
    out = []
    for ui in sorted((ROOT / "ui").glob("*.ui")):
        target = folder / f"ui_{ui.stem}.py"
        subprocess.run([tool("pyside6-uic"), "--from-imports", str(ui), "-o", str(target)], check=True)
        out.append(target)
    return out


def _comparable(path: Path) -> list[str]:
    """The compiled form without the compiler's banner (its version changes with PySide6)."""
    return [line for line in path.read_text("utf-8").splitlines()
            if not line.startswith("## Created by: Qt User Interface Compiler")]


def check_forms(folder: Path = FORMS) -> list[str]:
    """How ``folder`` differs from what ui/*.ui compiles to (empty when it matches)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = {p.name: p for p in compile_forms(Path(tmp))}
        fresh["__init__.py"] = Path(tmp) / "__init__.py"
        have = {p.name: p for p in folder.glob("*.py")} if folder.exists() else {}
        for name, path in sorted(fresh.items()):
            if name not in have:
                problems.append(f"not compiled: {name} (from ui/{name[3:-3]}.ui)")
            elif _comparable(have[name]) != _comparable(path):
                problems.append(f"differs from its .ui: {name}")
        for name in sorted(set(have) - set(fresh)):
            problems.append(f"no .ui for {name} (remove it or restore the form)")
    return problems


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
    parser.add_argument("--check", action="store_true",
                        help="only compare seat_app/qt/forms with ui/ (exit 1 when they differ)")
    args = parser.parse_args()
    if args.check:
        problems = check_forms()
        for line in problems:
            print(line)
        if problems:
            print("run packaging/compile_forms.py and commit seat_app/qt/forms/")
            return 1
        print(f"{FORMS.relative_to(ROOT)} matches ui/")
        return 0
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
