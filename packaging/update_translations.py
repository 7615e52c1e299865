"""Refresh resources/i18n/seat_en.ts from the sources and compile the .qm.

``.venv/bin/python packaging/update_translations.py``: runs pyside6-lupdate over seat_app/qt and
ui/ into the .ts, which is the one source of the English: lupdate keeps every existing
translation, adds new source texts as unfinished and marks texts that left the code as
vanished. Translate the unfinished ones in the .ts (Qt Linguist: ``pyside6-linguist
resources/i18n/seat_en.ts``, or any editor), then run this again; it compiles the .qm with
pyside6-lrelease and lists what is still unfinished or vanished. ``--reuse`` fills an
unfinished entry whose exact source text already has one English translation elsewhere in
the file (a text that moved to another class keeps its English); ``--drop-vanished`` removes
the vanished entries once their texts are gone for good. Chinese is the source language.

Texts in static tables are marked with ``QT_TRANSLATE_NOOP(context, text)`` so lupdate sees
them; placeholders are ``%1``, ``%2`` (filled by ``seat_app.qt.i18n.fill``).
``packaging/check_translations.py`` (CI) fails on unfinished or vanished entries and on a
.qm that is not the compiled .ts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "seat_en.ts"
# not user interface text: the self-test asks Qt's own catalogue for "Cancel"
NOT_SCANNED = {"selftest.py"}


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def sources(root: Path = ROOT) -> list[str]:
    """The files lupdate reads: the Qt layer (not the compiled forms) and the Designer forms."""
    found = sorted(str(p) for p in (root / "seat_app" / "qt").rglob("*.py")
                   if "forms" not in p.parts and p.name not in NOT_SCANNED)
    return found + sorted(str(p) for p in (root / "ui").glob("*.ui"))


def lupdate(ts: Path, *, root: Path = ROOT, drop_vanished: bool = False, quiet: bool = False) -> None:
    """Merge the sources' texts into ``ts``, keeping its translations."""
    command = [tool("pyside6-lupdate"), *sources(root), "-source-language", "zh_CN",
               "-target-language", "en_US", "-ts", str(ts)]
    if drop_vanished:
        command.insert(-2, "-no-obsolete")
    subprocess.run(command, check=True, capture_output=quiet)


def reuse(ts: Path) -> int:
    """Fill unfinished entries from the same source text's one translation in another context
    (finished or vanished); returns how many were filled."""
    tree = ET.parse(ts)
    known: dict[str, set[str]] = {}
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.text and translation.get("type") != "unfinished":
            known.setdefault(message.findtext("source") or "", set()).add(translation.text)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        english = known.get(message.findtext("source") or "", set())
        if translation is not None and translation.get("type") == "unfinished" and len(english) == 1:
            translation.text = next(iter(english))
            del translation.attrib["type"]
            filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true",
                        help="fill unfinished entries from the same text's translation elsewhere")
    parser.add_argument("--drop-vanished", action="store_true",
                        help="remove entries whose source text left the code")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "packaging"))
    from check_translations import problems

    if args.reuse:
        lupdate(TS)  # first with every vanished entry, whose English may be reused
        print(f"reused {reuse(TS)} translation(s)")
    lupdate(TS, drop_vanished=args.drop_vanished)
    qm = TS.with_suffix(".qm")
    lrelease(TS, qm)
    found = problems(TS)
    for line in found:
        print(line)
    print(f"{TS.relative_to(ROOT)} -> {qm.name}: {len(found)} to do")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
