"""packaging/seat.spec carries what the app reads at run time (issue 20).

The spec is read as Python source (its lists are literals), so a new resource folder, a
migration file type the spec does not copy, or an exclusion of a Qt module the app imports
fails here, before anyone waits for a freeze.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "seat.spec"


def spec_literals() -> dict[str, object]:
    out = {}
    for node in ast.parse(SPEC.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name):
            try:
                out[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return out


def test_the_spec_names_every_resource_folder() -> None:
    lits = spec_literals()
    listed = set(lits["RESOURCE_FOLDERS"]) | set(lits["LEFT_OUT_RESOURCE_FOLDERS"])
    present = {p.name for p in (ROOT / "resources").iterdir()
               if p.is_dir() and not p.name.startswith((".", "__"))}
    assert present - listed == set(), "add the new folder to RESOURCE_FOLDERS in seat.spec"
    assert listed - present == set(), "seat.spec lists folders that no longer exist"


def test_the_spec_copies_every_kind_of_migration_file() -> None:
    source = SPEC.read_text("utf-8")
    patterns = re.search(r'MIGRATIONS_DIR, "seat_app/services/store/migrations", \(([^)]*)\)', source)
    assert patterns, "seat.spec no longer copies the migrations"
    suffixes = {p.strip().strip('"').removeprefix("*") for p in patterns.group(1).split(",") if p.strip()}
    folder = ROOT / "seat_app" / "services" / "migrations"
    kinds = {p.suffix for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert kinds <= suffixes, f"migration files of kinds {kinds - suffixes} would be left out"


def test_no_qt_module_the_app_imports_is_excluded() -> None:
    excluded = set(spec_literals()["QT_EXCLUDES"])
    used = set()
    for path in (ROOT / "seat_app").rglob("*.py"):
        used.update(re.findall(r"PySide6\.(Qt\w+)", path.read_text("utf-8")))
    assert used, "found no Qt imports at all: the scan is broken"
    assert {f"PySide6.{m}" for m in used} & excluded == set()
    assert "PySide6.QtSvg" not in excluded  # the icons are SVG


def test_the_fallback_segmenter_and_test_keyring_stay_out() -> None:
    other = set(spec_literals()["OTHER_EXCLUDES"])
    assert {"jieba", "keyrings.alt"} <= other


def test_entry_scripts_and_desktop_file_match_the_installed_commands() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    source = SPEC.read_text("utf-8")
    for entry, name in (("entry_seat_app", "seat-app"), ("entry_seat_admin", "seat-admin")):
        assert (ROOT / "packaging" / f"{entry}.py").is_file()
        assert f'name="{name}"' in source
    assert "seat-app" in project["gui-scripts"] and "seat-admin" in project["scripts"]
    desktop = (ROOT / "packaging" / "linux" / "seat-app.desktop").read_text("utf-8")
    assert "\nExec=seat-app\n" in desktop and "\nIcon=seat-app\n" in desktop
    assert (ROOT / "resources" / "icons" / "seat-app.svg").is_file()
