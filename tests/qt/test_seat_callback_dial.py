"""With a phone on the seat, the callback work list dials the selected caller (Ctrl+Alt+D) and
an outbound call's result fills the survey note; the call controller says each state."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from seat_app.domain.queue import SeatState

pytestmark = pytest.mark.telephony


class FakePhone(QObject):
    recorded = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.dialed: list[str] = []

    def dial(self, number: str) -> None:
        self.dialed.append(number)


class FakeWorklist(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.note_edit = QLineEdit(self)
        self.row: dict[str, Any] | None = {"case_id": "c1", "caller_phone": "13835900001"}

    def current_row(self) -> dict[str, Any] | None:
        return self.row

    def refresh(self) -> None:
        return None


def test_the_callback_list_dials_through_the_phone_and_notes_the_result(make_window) -> None:
    window = make_window()
    phone = window.phone = FakePhone()
    worklist = FakeWorklist()
    window.services.callbacks = lambda runner: worklist
    assert window.open_callbacks() is worklist
    [dial] = [a for a in worklist.actions() if a.objectName() == "action_dial"]
    assert dial.shortcut().toString() == "Ctrl+Alt+D" and dial.isEnabled()
    dial.trigger()
    assert phone.dialed == ["13835900001"]

    phone.recorded.emit(SimpleNamespace(direction="inbound", answered_at=None, talk_seconds=0))
    assert worklist.note_edit.text() == ""  # a caller ringing in is not the survey call
    phone.recorded.emit(SimpleNamespace(direction="outbound", answered_at=datetime.now(UTC),
                                        talk_seconds=65))
    assert worklist.note_edit.text() == "电话已接通，通话 1 分 5 秒"
    window.open_callbacks()  # opened again: one dial action, not two
    assert len([a for a in worklist.actions() if a.objectName() == "action_dial"]) == 1


def test_the_call_controller_says_each_state(make_window) -> None:
    window = make_window()
    seen: list[SeatState] = []
    window.calls.state_changed.connect(seen.append)
    window.toggle_break()
    window.toggle_break()
    assert seen[-2:] == [SeatState.BREAK, SeatState.READY]


def test_the_knowledge_panel_calls_the_entrys_unit_through_the_phone(make_window) -> None:
    window = make_window()
    assert window.phone is None and getattr(window.knowledge, "dial_action", None) is None
    phone = window.phone = FakePhone()  # what install_phone does
    action = window.knowledge.dial_action
    window.knowledge.current_entry = {"id": "k1", "phone": "0359-2123456"}
    action.trigger()
    window.knowledge.current_entry = None  # nothing shown: nothing dialed
    action.trigger()
    assert phone.dialed == ["0359-2123456"]
