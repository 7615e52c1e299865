"""The phone's dialogs in the seat window (used by ``seat_app.qt.seat.phone``): F3 desk-phone
intake (来电登记) and Ctrl+Alt+M the missed-call return list (回拨)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.i18n import fill
from seat_app.services.telephony.manual import ManualChannel
from seat_app.services.telephony.record import CallRecord


class DeskIntakeDialog(QDialog):
    """F3 来电登记: the number (typed or pasted) and the channel."""

    registered = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskIntakeDialog")
        self.setWindowTitle(self.tr("来电登记（座机 / 窗口 / 信件 / 信箱）"))
        self.number = QLineEdit()
        self.number.setObjectName("deskNumber")
        self.number.setPlaceholderText(self.tr("来电号码（电话必填）"))
        self.channel = QComboBox()
        self.channel.setObjectName("deskChannel")
        names = {ManualChannel.PHONE: self.tr("电话（座机）"), ManualChannel.WINDOW: self.tr("窗口来访"),
                 ManualChannel.LETTER: self.tr("信件"), ManualChannel.MAILBOX: self.tr("信箱")}
        for value, name in names.items():
            self.channel.addItem(name, value.value)
        self.error = QLabel()
        self.error.setObjectName("deskError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("号码(&N)"), self.number)
        form.addRow(self.tr("渠道(&C)"), self.channel)
        form.addRow(self.error)
        form.addRow(buttons)

    def _ok(self) -> None:
        self.registered.emit(self.number.text(), str(self.channel.currentData()))

    def show_error(self, text: str) -> None:
        self.error.setText(text)


class MissedCallsDialog(QDialog):
    """Ctrl+Alt+M 未接回拨: the missed calls of the last day nobody returned yet, oldest
    first; Enter (or a double click) calls the citizen back through the phone."""

    dial_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missedCallsDialog")
        self.setWindowTitle(self.tr("未接来电回拨"))
        self.title = QLabel()
        self.list = QListWidget()
        self.list.setObjectName("missedCallsList")
        self.list.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.list, buttons):
            layout.addWidget(widget)
        self.resize(520, 420)
        self.show_loading()

    def show_loading(self) -> None:
        self.title.setText(self.tr("正在查询未接来电…"))

    def show_failed(self, text: str) -> None:
        self.title.setText(fill(self.tr("暂时无法查询：%1"), text))

    def show_missed(self, missed: list[CallRecord]) -> None:
        self.list.clear()
        for r in missed:
            when = r.rang_at.astimezone().strftime("%m-%d %H:%M")
            item = QListWidgetItem(fill(self.tr("%1  %2  响铃 %3 秒"), when, r.caller_number,
                                        round(r.ring_seconds)))
            item.setData(Qt.ItemDataRole.UserRole, r.caller_number)
            self.list.addItem(item)
        self.title.setText(fill(self.tr("%1 个未接来电待回拨（回车拨打）"), len(missed)))
        if missed:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def _activated(self, item: QListWidgetItem) -> None:
        self.dial_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))


__all__ = ["DeskIntakeDialog", "MissedCallsDialog"]
