"""The knowledge workbench's entry form speaks the window's language: every field label goes
through ``self.tr`` (they were the domain's Chinese LABELS in English mode too). Checked the
way the release does it: ``pyside6-lupdate`` extracts the form's texts from the source, each
gets a translation, ``pyside6-lrelease`` compiles it, and with that translator installed no
label of the form holds Chinese; without it they are the Chinese ones."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QFormLayout, QLabel

from seat_app.qt.kb_editor.workbench import EDIT_FIELDS, EntryEditor

pytestmark = pytest.mark.kb_upkeep

SOURCE = Path(__file__).resolve().parents[2] / "seat_app" / "qt" / "kb_editor" / "workbench.py"
CJK = re.compile("[\u4e00-\u9fff]")


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    assert Path(found).exists(), f"{name} is part of PySide6's tools"
    return found


def _labels(editor: EntryEditor) -> dict[str, str]:
    form = editor.layout()
    assert isinstance(form, QFormLayout)
    out = {}
    for name, widget in editor.widgets.items():
        label = form.labelForField(widget)
        assert isinstance(label, QLabel)
        out[name] = label.text()
    return out


def test_every_field_label_is_translated(qtbot, tmp_path):
    ts, qm = tmp_path / "wb.ts", tmp_path / "wb.qm"
    subprocess.run(
        [_tool("pyside6-lupdate"), str(SOURCE), "-ts", str(ts)], check=True, capture_output=True
    )
    tree = ET.parse(ts)
    contexts = {c.findtext("name"): c for c in tree.getroot().iter("context")}
    assert "EntryEditor" in contexts, "the form's labels are not marked for translation"
    marked = 0
    for i, message in enumerate(contexts["EntryEditor"].iter("message")):
        translation = message.find("translation")
        translation.text = f"field-{i}"
        translation.attrib.pop("type", None)
        marked += 1
    assert marked >= len(EDIT_FIELDS)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )

    chinese = EntryEditor()
    qtbot.addWidget(chinese)
    assert _labels(chinese)["answer"] == "答复口径"
    assert all(CJK.search(text) for text in _labels(chinese).values())

    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        english = EntryEditor()
        qtbot.addWidget(english)
        labels = _labels(english)
    finally:
        app.removeTranslator(translator)
    assert set(labels) == set(EDIT_FIELDS)
    assert not {name: text for name, text in labels.items() if CJK.search(text)}
    assert all(text.startswith("field-") for text in labels.values())
