"""After-the-call widgets of the seat window: a case's timeline dialog, the duplicate
suggestion banner and the team lead's message panel.

They only show what the window hands them; the window does every service call on its
runners (never on the UI thread).
"""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.ports import CaseView
from seat_app.qt.widgets.timeline import CaseTimeline


def short_date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value:
        try:
            return short_date(datetime.fromisoformat(value))
        except ValueError:
            return value[:10]
    return ""


class TimelineDialog(QDialog):
    """A case's status, handling unit, deadline and timeline (non-modal; Esc closes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTimelineDialog")
        self.case_id: str | None = None
        self.header = QLabel()
        self.header.setObjectName("timelineHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("timelineMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.timeline = CaseTimeline()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.message)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(buttons)
        self.resize(760, 440)

    def show_loading(self, case_id: str, case: dict[str, Any]) -> None:
        self.case_id = case_id
        self.setWindowTitle(self.tr("工单时间线 — %1").replace("%1", str(case.get("case_number", ""))))
        self._header(case.get("case_number", ""), case.get("status", ""), case.get("unit", ""),
                     case.get("deadline"))
        self.timeline.set_events([])
        self.message.setText(self.tr("正在从中心库读取时间线…"))
        self.message.setVisible(True)

    def show_view(self, view: CaseView) -> None:
        self._header(view.case_number, view.status, view.unit, view.deadline,
                     view.working_days_left, view.overdue)
        self.message.setVisible(False)
        self.timeline.set_events([dict(event) for event in view.events])
        self.timeline.table.setFocus()

    def show_failed(self, reason: str) -> None:
        self.message.setText(
            self.tr("暂时无法读取中心库的时间线（%1）。工单已保存在本机，同步后可再查看。").replace("%1", reason)
        )
        self.message.setVisible(True)

    def _header(self, case_number: Any, status: Any, unit: Any, deadline: Any,
                days_left: Any = None, overdue: bool = False) -> None:
        parts = [
            self.tr("工单 %1").replace("%1", html.escape(str(case_number or ""))),
            self.tr("状态：%1").replace("%1", html.escape(str(status or "—"))),
            self.tr("承办单位：%1").replace("%1", html.escape(str(unit or "—"))),
            self.tr("办理时限：%1").replace("%1", html.escape(short_date(deadline) or "—")),
        ]
        if overdue:
            parts.append("<span style='color:#b3261e'>" + html.escape(self.tr("已超期")) + "</span>")
        elif days_left is not None:
            parts.append(self.tr("剩余 %1 个工作日").replace("%1", str(days_left)))
        self.header.setText("<b>" + "　".join(parts) + "</b>")

    def header_text(self) -> str:
        return self.header.text()


class DuplicateBanner(QFrame):
    """"疑似重复件：工单 X（日期，状态）" with 关联为重复件 / 忽略; never modal."""

    link_requested = Signal()
    ignore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#duplicateBanner { background: #fff4e5; border: 1px solid #f0a020; }")
        self.suggestion: dict[str, Any] | None = None
        self.label = QLabel()
        self.label.setObjectName("duplicateText")
        self.label.setWordWrap(True)
        self.link_button = QPushButton()
        self.link_button.setObjectName("duplicateLink")
        self.link_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.link_button.clicked.connect(self.link_requested)
        self.ignore_button = QPushButton()
        self.ignore_button.setObjectName("duplicateIgnore")
        self.ignore_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.ignore_button.clicked.connect(self.ignore_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.link_button)
        layout.addWidget(self.ignore_button)
        self.linked_to = ""
        self.setVisible(False)

    def show_suggestion(self, suggestion: dict[str, Any] | None, *, linked: bool = False) -> None:
        self.suggestion = suggestion
        self.retranslate(linked=linked)
        self.setVisible(suggestion is not None)

    def retranslate(self, *, linked: bool | None = None) -> None:
        s = self.suggestion or {}
        if linked is not None:
            self.linked_to = str(s.get("case_number", "")) if linked else ""
        text = (
            self.tr("疑似重复件：工单 %1（%2，%3）")
            .replace("%1", str(s.get("case_number", "")))
            .replace("%2", short_date(s.get("received_at")))
            .replace("%3", str(s.get("status", "")))
        )
        if s.get("matter"):
            text += " " + str(s["matter"])
        if s.get("address"):
            text += " · " + str(s["address"])
        if self.linked_to:
            text += " — " + self.tr("将在保存并同步后关联为重复件")
        self.label.setText(text)
        self.label.setToolTip(str(s.get("summary", "")))
        self.link_button.setText(self.tr("关联为重复件 (Ctrl+Shift+D)"))
        self.link_button.setEnabled(not self.linked_to)
        self.ignore_button.setText(self.tr("忽略 (Ctrl+Shift+X)"))

    def text(self) -> str:
        return self.label.text()


class MessagePanel(QFrame):
    """The team lead's unread messages; 知道了 marks them read."""

    acknowledge_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadMessages")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#leadMessages { background: #e8f0fe; border: 1px solid #4a7bd0; }")
        self.messages: list[dict[str, Any]] = []
        self.label = QLabel()
        self.label.setObjectName("leadMessagesText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.ok_button = QPushButton()
        self.ok_button.setObjectName("leadMessagesRead")
        self.ok_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.ok_button.clicked.connect(self.acknowledge_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.ok_button)
        self.setVisible(False)

    def show_messages(self, messages: list[dict[str, Any]]) -> None:
        self.messages = list(messages)
        self.retranslate()
        self.setVisible(bool(self.messages))

    def retranslate(self) -> None:
        lines = []
        for m in self.messages:
            sent = m.get("sent_at")
            when = sent.astimezone().strftime("%H:%M") if isinstance(sent, datetime) else ""
            who = self.tr("组长 %1").replace("%1", str(m.get("sender", "")))
            lines.append(f"<b>{html.escape(who)}</b> {html.escape(when)}：{html.escape(str(m.get('text', '')))}")
        self.label.setText("<br>".join(lines))
        self.ok_button.setText(self.tr("知道了 (Ctrl+Shift+M)"))

    def text(self) -> str:
        return "\n".join(str(m.get("text", "")) for m in self.messages)
