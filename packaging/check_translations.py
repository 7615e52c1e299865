"""CI: the translation files are complete and compiled.

``.venv/bin/python packaging/check_translations.py`` exits 1 (and says what to do) when

* a text in the code (``tr()``, ``translate()``, ``QT_TRANSLATE_NOOP``, ui/*.ui) has no
  finished English in resources/i18n/seat_en.ts (lupdate runs on a copy, so a new text that
  was never put into the .ts counts too),
* an entry of the .ts is vanished or obsolete (its text left the code),
* a translation's placeholders (``%1``, ``%2``) differ from its source's, a source uses the
  other placeholder style (``{0}``), or an English text holds Chinese,
* seat_en.qm is not what pyside6-lrelease makes of seat_en.ts (older or different).

The fix is ``packaging/update_translations.py`` (and translating what it lists in the .ts).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from update_translations import ROOT, TS, lrelease, lupdate

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"%\d")
OTHER_STYLE = re.compile(r"\{\d*(?::[^}]*)?\}")
CHINESE_ON_PURPOSE = {"中文"}  # the language menu names Chinese in Chinese


def _translation_texts(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def problems(ts: Path) -> list[str]:
    """What is wrong with ``ts``, one line each (empty when it is complete)."""
    found = []
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            where = f"{name}: {source!r}"
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            texts = _translation_texts(message)
            if kind in ("vanished", "obsolete"):
                found.append(f"vanished (no longer in the code; --drop-vanished): {where}")
                continue
            if kind == "unfinished" or not texts or not all(texts):
                found.append(f"unfinished: {where}")
                continue
            if OTHER_STYLE.search(source):
                found.append(f"placeholder style {{0}} (use %1): {where}")
            for text in texts:
                if sorted(set(PLACEHOLDER.findall(text))) != sorted(set(PLACEHOLDER.findall(source))):
                    found.append(f"placeholders differ ({text!r}): {where}")
                if source not in CHINESE_ON_PURPOSE and CJK.search(text):
                    found.append(f"Chinese in the English ({text!r}): {where}")
    return found


def check(ts: Path = TS, *, root: Path = ROOT) -> list[str]:
    """Every problem of the committed .ts against the code, and of its .qm."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts.name
        shutil.copyfile(ts, copy)
        lupdate(copy, root=root, quiet=True)
        found = problems(copy)
        qm = ts.with_suffix(".qm")
        fresh = Path(tmp) / qm.name
        lrelease(ts, fresh)
        if not qm.exists():
            found.append(f"missing: {qm.relative_to(root)}")
        elif qm.read_bytes() != fresh.read_bytes():
            found.append(f"{qm.relative_to(root)} is not the compiled {ts.name} (older or edited)")
    return found


def main() -> int:
    found = check()
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} translation problem(s): run packaging/update_translations.py, "
              f"translate what it lists in {TS.relative_to(ROOT)}, and commit the .ts and .qm")
        return 1
    print(f"{TS.relative_to(ROOT)}: complete, .qm up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
