"""Caller-history panel: the caller's earlier cases, open ones and the last 30 days first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

CASE_ROLE = Qt.ItemDataRole.UserRole + 1


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def order_history(cases: list[dict[str, Any]], now: datetime | None = None) -> list[dict[str, Any]]:
    """Open cases first, then the last 30 days, then older; newest first within each group."""
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=30)
    oldest = datetime.min.replace(tzinfo=UTC)

    def key(case: dict[str, Any]) -> tuple[int, float]:
        created = _when(case.get("created_at")) or oldest
        group = 0 if case.get("open") else (1 if created >= cutoff else 2)
        return (group, -created.timestamp() if created != oldest else 0.0)

    return sorted(cases, key=key)


class HistoryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.tree)
        self.phone = ""
        self.cases: list[dict[str, Any]] = []
        self._state = "idle"
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("工单号"), self.tr("日期"), self.tr("事项"), self.tr("状态")])
        self._show_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_title(self) -> None:
        if self._state == "loading":
            text = self.tr("来电历史：正在查询 %1…").replace("%1", self.phone)
        elif self._state == "failed":
            text = self.tr("来电历史：暂时无法查询（%1）").replace("%1", self.phone)
        elif self.phone:
            text = self.tr("来电历史：%1，共 %2 件").replace("%1", self.phone).replace("%2", str(len(self.cases)))
        else:
            text = self.tr("来电历史")
        self.title.setText(text)

    def show_loading(self, phone: str) -> None:
        self.phone, self._state, self.cases = phone, "loading", []
        self.tree.clear()
        self._show_title()

    def show_failed(self, phone: str) -> None:
        self.phone, self._state = phone, "failed"
        self._show_title()

    def clear(self) -> None:
        self.phone, self._state, self.cases = "", "idle", []
        self.tree.clear()
        self._show_title()

    def show_cases(self, phone: str, cases: list[dict[str, Any]]) -> None:
        self.phone, self._state = phone, "shown"
        self.cases = order_history(cases)
        self.tree.clear()
        for case in self.cases:
            created = _when(case.get("created_at"))
            item = QTreeWidgetItem(
                [
                    str(case.get("case_number", "")),
                    created.astimezone().strftime("%Y-%m-%d") if created else "",
                    str(case.get("matter", "")),
                    str(case.get("status", "")),
                ]
            )
            item.setToolTip(2, str(case.get("summary") or case.get("description") or ""))
            item.setData(0, CASE_ROLE, case)
            if case.get("open"):
                for col in range(4):
                    item.setForeground(col, QBrush(QColor("#b3261e")))
            self.tree.addTopLevelItem(item)
        for col in range(4):
            self.tree.resizeColumnToContents(col)
        self._show_title()
