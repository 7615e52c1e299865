"""The CI checks of the one translation path and of the Designer forms catch what they say:
an unfinished, vanished or badly placeholdered entry in a .ts, a text in the code that never
reached the .ts, a .qm that is not the compiled .ts, and compiled forms that differ from ui/.
The committed files pass them."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import check_translations  # noqa: E402
import compile_forms  # noqa: E402
import update_translations  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which(update_translations.tool("pyside6-lupdate")) is None,
                                reason="pyside6-lupdate not installed")

TS_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="en_US" sourcelanguage="zh_CN">\n'


def _ts(path: Path, *messages: tuple[str, str, str, str | None]) -> Path:
    """A .ts with (context, source, translation, type) messages."""
    body = []
    for context, source, translation, kind in messages:
        attr = f' type="{kind}"' if kind else ""
        body.append(f"<context><name>{context}</name><message><source>{source}</source>"
                    f"<translation{attr}>{translation}</translation></message></context>")
    path.write_text(TS_HEAD + "\n".join(body) + "\n</TS>\n", "utf-8")
    return path


def test_the_committed_translation_file_has_no_problem() -> None:
    assert check_translations.problems(update_translations.TS) == []


def test_problems_names_each_kind(tmp_path) -> None:
    ts = _ts(tmp_path / "x.ts",
             ("A", "好", "Good", None),
             ("A", "新的一句", "", "unfinished"),
             ("A", "旧的一句", "Old", "vanished"),
             ("A", "工单 %1", "Case", None),
             ("A", "座席 {0}", "Seat {0}", None),
             ("A", "就绪", "就绪", None))
    found = check_translations.problems(ts)
    assert len(found) == 5, found
    assert found[0].startswith("unfinished: A: '新的一句'")
    assert found[1].startswith("vanished")
    assert found[2].startswith("placeholders differ")
    assert found[3].startswith("placeholder style")
    assert found[4].startswith("Chinese in the English")


def test_a_text_in_the_code_missing_from_the_ts_and_a_stale_qm_fail(tmp_path) -> None:
    qt = tmp_path / "seat_app" / "qt"
    qt.mkdir(parents=True)
    (tmp_path / "ui").mkdir()
    (qt / "view.py").write_text(
        "from PySide6.QtWidgets import QWidget\n\n\nclass View(QWidget):\n"
        "    def texts(self):\n        return self.tr('好'), self.tr('新的一句')\n", "utf-8")
    ts = _ts(tmp_path / "seat_en.ts", ("View", "好", "Good", None))
    update_translations.lrelease(ts, ts.with_suffix(".qm"))
    found = check_translations.check(ts, root=tmp_path)
    assert found == ["unfinished: View: '新的一句'"]
    _ts(ts, ("View", "好", "Good", None), ("View", "新的一句", "A new line", None))
    found = check_translations.check(ts, root=tmp_path)
    assert found == ["seat_en.qm is not the compiled seat_en.ts (older or edited)"]
    update_translations.lrelease(ts, ts.with_suffix(".qm"))
    assert check_translations.check(ts, root=tmp_path) == []


def test_reuse_keeps_the_english_of_a_text_that_moved_to_another_class(tmp_path) -> None:
    ts = _ts(tmp_path / "x.ts",
             ("Old", "保存工单", "Save case", "vanished"),
             ("New", "保存工单", "", "unfinished"),
             ("New", "从未翻译", "", "unfinished"))
    assert update_translations.reuse(ts) == 1
    found = check_translations.problems(ts)
    assert found[0].startswith("vanished") and found[1] == "unfinished: New: '从未翻译'"
    assert len(found) == 2


def test_the_compiled_forms_match_ui_and_an_edit_is_found(tmp_path) -> None:
    assert compile_forms.check_forms() == []
    copy = tmp_path / "forms"
    shutil.copytree(compile_forms.FORMS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    edited = copy / "ui_sign_in.py"
    edited.write_text(edited.read_text("utf-8").replace("workNoEdit", "workNumberEdit"), "utf-8")
    (copy / "ui_gone.py").write_text("# a form whose .ui was deleted\n", "utf-8")
    (copy / "ui_lock_panel.py").unlink()
    assert compile_forms.check_forms(copy) == [
        "not compiled: ui_lock_panel.py (from ui/lock_panel.ui)",
        "differs from its .ui: ui_sign_in.py",
        "no .ui for ui_gone.py (remove it or restore the form)",
    ]
