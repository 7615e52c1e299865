"""Conflicts side by side, resolved with one key (Alt+L the seat's value, Alt+C central's).

``ConflictTable`` is the list the seat window's conflict dialog and the team lead's console
share: case number, field, (seat,) the seat's value and the central value; it only shows
what it is handed and emits ``resolve_requested(conflict id, "local" | "central")``; the
owner runs the service call on its runner. ``ConflictDialog`` is the seat's dialog: the
agent's own conflicts and the ops central refused, with central's reason.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.i18n import is_english

KEEP_LOCAL_KEYS = "Alt+L"
KEEP_CENTRAL_KEYS = "Alt+C"
ID_ROLE = Qt.ItemDataRole.UserRole


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text.replace("\n", " ")[:200])
    item.setToolTip(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class ConflictTable(QWidget):
    """Open conflicts with both values; Alt+L keeps the seat's value, Alt+C central's."""

    resolve_requested = Signal(str, str)

    def __init__(self, *, show_seat: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictTable")
        self.show_seat = show_seat
        self.items: list[dict[str, Any]] = []
        self.table = QTableWidget(0, 5 if show_seat else 4)
        self.table.setObjectName("conflictRows")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.keep_local_button = QPushButton()
        self.keep_local_button.setObjectName("keepLocal")
        self.keep_central_button = QPushButton()
        self.keep_central_button.setObjectName("keepCentral")
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.keep_local_action = QAction(self)
        self.keep_local_action.setShortcut(QKeySequence(KEEP_LOCAL_KEYS))
        self.keep_central_action = QAction(self)
        self.keep_central_action.setShortcut(QKeySequence(KEEP_CENTRAL_KEYS))
        for action, choice, button in (
            (self.keep_local_action, "local", self.keep_local_button),
            (self.keep_central_action, "central", self.keep_central_button),
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, ch=choice: self.resolve_current(ch))
            button.clicked.connect(lambda _c=False, ch=choice: self.resolve_current(ch))
            self.addAction(action)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_local_button)
        buttons.addWidget(self.keep_central_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        headers = [self.tr("工单号"), self.tr("字段")]
        if self.show_seat:
            headers.append(self.tr("座席"))
        headers += [self.tr("座席的值"), self.tr("中心的值")]
        self.table.setHorizontalHeaderLabels(headers)
        self.keep_local_button.setText(self.tr("保留座席的值 (Alt+L)"))
        self.keep_central_button.setText(self.tr("保留中心的值 (Alt+C)"))
        self.keep_local_action.setText(self.tr("冲突：保留座席的值"))
        self.keep_central_action.setText(self.tr("冲突：保留中心的值"))
        if self.items:
            self.set_items(self.items)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_items(self, items: list[dict[str, Any]]) -> None:
        """Show ``items`` (conflicts of ``seat_app.services.sync.conflicts``), keeping the
        selected conflict selected when it is still open."""
        current = self.current_id()
        self.items = list(items)
        english = is_english()
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = [item.get("case_number") or "—",
                     item.get("label_en" if english else "label") or item.get("field", "")]
            if self.show_seat:
                cells.append(item.get("seat_code") or item.get("by") or "—")
            cells += [item.get("local", ""), item.get("central", "")]
            for col, text in enumerate(cells):
                cell = _cell(str(text))
                cell.setData(ID_ROLE, item["id"])
                self.table.setItem(row, col, cell)
        ids = [i["id"] for i in self.items]
        if ids:
            self.table.selectRow(ids.index(current) if current in ids else 0)
        self._update_buttons()

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.items):
            return None
        return str(self.items[rows[0].row()]["id"])

    def select(self, conflict_id: str) -> None:
        for row, item in enumerate(self.items):
            if item["id"] == conflict_id:
                self.table.selectRow(row)

    def resolve_current(self, choice: str) -> None:
        conflict_id = self.current_id()
        if conflict_id is None or not self.isEnabled():
            return
        self.resolve_requested.emit(conflict_id, choice)

    def set_busy(self, busy: bool) -> None:
        self.keep_local_button.setEnabled(not busy and bool(self.items))
        self.keep_central_button.setEnabled(not busy and bool(self.items))
        self.keep_local_action.setEnabled(not busy)
        self.keep_central_action.setEnabled(not busy)

    def _update_buttons(self) -> None:
        self.set_busy(False)

    def show_message(self, text: str) -> None:
        self.message.setText(text)


class ConflictDialog(QDialog):
    """The agent's own conflicts (both values, one key each) and the refused ops (reason)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.summary = QLabel()
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        self.conflicts = ConflictTable()
        self.rejected_title = QLabel()
        self.rejected_title.setObjectName("rejectedTitle")
        self.rejected = QTableWidget(0, 4)
        self.rejected.setObjectName("rejectedOps")
        self.rejected.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rejected.verticalHeader().setVisible(False)
        self.rejected.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.conflicts, 3)
        layout.addWidget(self.rejected_title)
        layout.addWidget(self.rejected, 2)
        layout.addWidget(buttons)
        self.data: dict[str, list[dict[str, Any]]] = {"conflicts": [], "rejected": []}
        self.resize(900, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("冲突与被拒收的修改"))
        self.rejected_title.setText(self.tr("中心拒收的修改（保存在本机，未上传）"))
        self.rejected.setHorizontalHeaderLabels(
            [self.tr("工单号"), self.tr("操作"), self.tr("字段"), self.tr("拒收原因")])
        self.conflicts.retranslate()
        self.show_items(self.data)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def kind_label(self, kind: str) -> str:
        return {"insert": self.tr("新建"), "update": self.tr("修改"),
                "delete": self.tr("删除")}.get(kind, kind)

    def show_items(self, data: dict[str, list[dict[str, Any]]]) -> None:
        self.data = {"conflicts": list(data.get("conflicts") or []),
                     "rejected": list(data.get("rejected") or [])}
        conflicts, rejected = self.data["conflicts"], self.data["rejected"]
        self.conflicts.set_items(conflicts)
        english = is_english()
        self.rejected.setRowCount(len(rejected))
        for row, op in enumerate(rejected):
            fields = op.get("fields_en" if english else "fields") or []
            cells = [op.get("case_number") or "—", self.kind_label(str(op.get("kind", ""))),
                     ", ".join(fields) if english else "、".join(fields), (op.get("error_en") if english else op.get("error")) or ""]
            for col, text in enumerate(cells):
                self.rejected.setItem(row, col, _cell(str(text)))
        if conflicts or rejected:
            self.summary.setText(
                self.tr("%1 处冲突：中心保留了它的值，本座席的值在这里等待选择。%2 项修改被中心拒收。")
                .replace("%1", str(len(conflicts))).replace("%2", str(len(rejected))))
        else:
            self.summary.setText(self.tr("没有待解决的冲突，也没有被拒收的修改。"))
        self.rejected_title.setVisible(bool(rejected))
        self.rejected.setVisible(bool(rejected))
