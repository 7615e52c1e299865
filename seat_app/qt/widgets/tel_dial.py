"""Click-to-dial for any list of callers or units (the callback work list, the unit view):
one action (Ctrl+Alt+D, and in the context menu) that dials the selected number through the
seat's phone (``seat_app.qt.seat.phone.PhoneController.dial``), and the note that records
the call's result with the survey.

    action = dial_action(worklist, lambda: (worklist.current_row() or {}).get("caller_phone"),
                         seat_window.phone.dial)
    seat_window.phone.recorded.connect(
        lambda r: worklist.note_edit.setText(call_result_note(r)) if r.direction == "outbound"
        else None)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from seat_app.qt.i18n import fill
from seat_app.services.telephony.record import CallRecord

CONTEXT = "TelDial"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def dial_action(parent: QWidget, number: Callable[[], str | None],
                dial: Callable[[str], object] | None, *,
                shortcut: str = "Ctrl+Alt+D") -> QAction:
    """An action on ``parent`` that dials ``number()``; disabled without a phone."""
    action = QAction(_tr("拨打电话（通过话机）"), parent)
    action.setObjectName("action_dial")
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setEnabled(dial is not None)
    if dial is None:
        action.setToolTip(_tr("本座席未连接话机：请用座机拨打。"))

    def run() -> None:
        value = (number() or "").strip()
        if value and dial is not None:
            dial(value)

    action.triggered.connect(lambda _checked=False: run())
    parent.addAction(action)
    parent.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


def call_result_note(record: CallRecord) -> str:
    """The survey note of an outbound call: reached and for how long, or not reached."""
    if record.answered_at is None:
        return _tr("电话未接通")
    seconds = int(record.talk_seconds)
    return fill(_tr("电话已接通，通话 %1 分 %2 秒"), seconds // 60, seconds % 60)


__all__ = ["call_result_note", "dial_action"]
