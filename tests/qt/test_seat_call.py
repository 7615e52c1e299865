"""A whole call through the seat window, keyboard first."""

from __future__ import annotations

from PySide6.QtCore import Qt

from seat_app.domain.queue import SeatState


def test_a_call_from_ring_to_ready_by_keyboard(qtbot, make_window, list_queue, local_store) -> None:
    window = make_window()
    assert window.seat_state == SeatState.READY
    list_queue.push(channel="电话", phone="13835912345", area="盐湖区")
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=2000)
    assert window.ring_banner.isVisible() and "F2" in window.ring_banner.text()

    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.seat_state == SeatState.ON_CALL
    assert window.script_panel.current_text() == "您好，运城12345，有什么可以帮您？"

    form = window.case_form.ui
    form.callerEdit.setFocus()
    form.callerEdit.insert("王女士")  # QTest cannot type CJK; insert() is what an IME does
    assert "王女士" in window.script_panel.current_text()
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert form.matterEdit.hasFocus()
    qtbot.keyClicks(form.matterEdit, "gjj")
    qtbot.keyClick(form.matterEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.matterEdit.text() == "公积金提取", timeout=2000)
    assert window.script_panel.flow.current.id == "gjj-kind"
    form.descriptionEdit.setPlainText("想提取公积金装修房子，问需要什么材料")
    qtbot.waitUntil(lambda: window.knowledge.model.rowCount() > 0, timeout=2000)
    window.knowledge.open_entry(window.knowledge.model.hits[0])
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert "答复口径" in form.replyEdit.toPlainText()
    assert window.script_panel.flow.current.stage == "handling"

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.saved or "失败" in window.notice.text(), timeout=2000)
    assert window.saved, window.notice.text()
    assert window.case_number and window.case_number in window.script_panel.current_text()
    assert window.script_panel.flow.current.stage == "readback"
    assert local_store.list_drafts() == []

    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert window.seat_state == SeatState.AFTER_CALL_WORK
    assert window.script_panel.flow.current.stage == "closing"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.seat_state == SeatState.READY
