"""The seat's knowledge panel (issue 18): validity of a time-bound entry, Ctrl+Shift+J
opens the correction form that saves into the seat's outbox (a refusal keeps the text),
and searches, opens and inserts are noted for analytics."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from seat_app.domain import kb_upkeep as ku
from seat_app.qt.seat.knowledge_panel import KnowledgePanel
from seat_app.qt.workers import InlineRunner
from seat_app.services.kb import corrections, searchlog
from seat_app.services.local.store import LocalStore

pytestmark = pytest.mark.kb_upkeep

TODAY = date(2026, 7, 27)
ENTRY = {"id": "e1", "code": "KB-P-1", "title": "盐湖区停水通知", "matter": "停水",
         "area": "盐湖区", "unit": "盐湖区供水公司", "answer": "7月30日恢复供水。",
         "valid_from": "2026-05-01", "valid_to": "2026-07-30", "version": 4}


def _type(panel, text: str) -> None:
    """What typing does (QTest cannot send CJK key events): the box's text and its signal."""
    panel.ui.searchEdit.setText(text)
    panel.ui.searchEdit.textEdited.emit(text)


@pytest.fixture
def panel(qtbot, tmp_path):
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S05")
    log = searchlog.SearchLogBuffer(merge_s=60)

    def correct(code, version, kind, comment):
        return corrections.file_correction(store, code, version, kind, comment, agent="1001")

    p = KnowledgePanel(lambda q, a, n: [ENTRY] if "停水" in q else [], lambda i: ENTRY,
                       InlineRunner(), entry_runner=InlineRunner(), delay_ms=0,
                       correct_fn=correct, search_log=log, today=lambda: TODAY)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    p.activateWindow()
    p.store, p.log = store, log
    yield p
    store.close()


def test_validity_line_and_search_log(panel, qtbot):
    _type(panel, "停水")
    qtbot.waitUntil(lambda: panel.current_entry is not None)
    assert panel.validity_text == "有效期 2026-05-01 至 2026-07-30（还剩 3 天）"
    assert "还剩 3 天" in panel.ui.entryView.toPlainText()
    panel._on_result_list_activated(panel.model.index(0))
    panel.insert_answer()
    records = panel.log.take(all_=True)
    assert [(r.query, r.opened, r.inserted) for r in records] == [("停水", "KB-P-1", "KB-P-1")]
    assert records[0].ms_to_answer is not None and records[0].matter == "停水"


def test_ctrl_shift_j_files_a_correction_and_a_refusal_keeps_the_text(panel, qtbot):
    assert panel.open_correction() is None  # nothing open yet: says so, no form
    _type(panel, "停水")
    qtbot.waitUntil(lambda: panel.current_entry is not None)
    qtbot.keyClick(panel.ui.searchEdit, Qt.Key.Key_J,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = panel.correction_dialog
    assert dialog is not None and dialog.isVisible() and "KB-P-1" in dialog.entry_label.text()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("wrong_unit"))
    dialog.comment_edit.setPlainText("   ")
    dialog.submit()  # "wrong unit" needs a comment: refused in the form, text kept
    assert dialog.isVisible() and "说明" in dialog.error_label.text()
    assert corrections.unsent_corrections(panel.store) == 0
    dialog.comment_edit.setPlainText("应由市水务局答复\u202e")  # a bidi override: refused
    dialog.submit()
    assert dialog.isVisible() and dialog.comment_edit.toPlainText().startswith("应由市水务局")
    dialog.comment_edit.setPlainText("应由市水务局答复")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.comment_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert corrections.unsent_corrections(panel.store) == 1
    assert "纠错已保存" in panel.ui.statusLabel.text()


def test_a_correction_refused_by_the_service_keeps_the_form(qtbot):
    def refuse(*_a):
        raise ku.CorrectionRefused("本地存储暂不可用。", "The local store is unavailable.")

    p = KnowledgePanel(lambda q, a, n: [ENTRY], lambda i: ENTRY, InlineRunner(),
                       entry_runner=InlineRunner(), delay_ms=0, correct_fn=refuse,
                       today=lambda: TODAY)
    qtbot.addWidget(p)
    p.open_entry(ENTRY)
    dialog = p.open_correction()
    dialog.comment_edit.setPlainText("电话号码已经变了")
    dialog.submit()
    assert dialog.isVisible() and "本地存储暂不可用" in dialog.error_label.text()
    assert dialog.comment_edit.toPlainText() == "电话号码已经变了"
    QApplication.processEvents()
