"""The Qt runtime Seat is installed with does not break the interpreter: PySide6 6.12.0 on
Python 3.11 dropped a reference to ``None`` on every C++ call returning void, so a seat window
that paints and updates all day aborted the process ("none_dealloc") after some thousands of
calls — a typed case would survive only as its last draft. pyproject excludes that release."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QWidget


def test_void_calls_leave_none_alone(qtbot) -> None:
    label, widget = QLabel(), QWidget()
    qtbot.addWidget(label)
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        widget.update()
        label.setVisible(False)
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references in 6000 void calls"
