"""The agent's own evaluations (我的质检): released results with item-level feedback and a
dispute per item. A late or third dispute is refused with the date the window closed
(the refusal's text says it). Keys: Up/Down choose, Ctrl+D disputes the chosen item."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.i18n import error_text, fill
from seat_app.qt.quality.port import QualityPort
from seat_app.qt.workers import Runner


class MyEvaluations(QWidget):
    message = Signal(str)

    def __init__(self, port: QualityPort, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaMyEvaluations")
        self.port = port
        self.runner = runner  # required: the window passes its thread; tests an InlineRunner
        self.evaluations: list[Any] = []
        self.item_rows: list[Any] = []
        self.list = QListWidget()
        self.list.setObjectName("qaMyList")
        self.list.currentRowChanged.connect(self._chosen)
        self.items = QTableWidget(0, 4)
        self.items.setObjectName("qaMyItems")
        self.items.setHorizontalHeaderLabels(
            [self.tr("评分项"), self.tr("结果"), self.tr("得分"), self.tr("说明")])
        self.items.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reason = QLineEdit()
        self.reason.setObjectName("qaDisputeReason")
        self.reason.setPlaceholderText(self.tr("申诉理由（至少 4 个字）"))
        self.dispute_button = QPushButton(self.tr("申诉此项 (Ctrl+D)"))
        self.dispute_button.setObjectName("qaDisputeButton")
        self.dispute_button.clicked.connect(self.dispute)
        self.status = QLabel("")
        self.status.setObjectName("qaMyStatus")
        self.status.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.items, 1)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.dispute_button)
        rl.addLayout(row)
        rl.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([260, 700])
        QVBoxLayout(self).addWidget(split)
        sc = QShortcut(QKeySequence("Ctrl+D"), self)
        sc.activated.connect(self.dispute)

    def refresh(self) -> None:
        self.runner.submit(self.port.my_evaluations, self._loaded)

    def _loaded(self, evaluations: Any, error: BaseException | None) -> None:
        if error is not None:
            self._show_error(error)
            return
        self.evaluations = list(evaluations)
        self.list.clear()
        for e in self.evaluations:
            text = fill(self.tr("%1　%2 分 %3"), e.case_number, f"{e.score:g}", e.band)
            if e.version > 1:
                text += fill(self.tr("（第 %1 版）"), e.version)
            self.list.addItem(QListWidgetItem(text))
        self._show_message(fill(self.tr("已发布的质检结果 %1 件"), len(self.evaluations)))
        if self.evaluations:
            self.list.setCurrentRow(0)

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(self.evaluations):
            return
        eid = self.evaluations[row].id
        self.runner.submit(lambda: self.port.item_views(eid), self._items_loaded)

    def _items_loaded(self, rows: Any, error: BaseException | None) -> None:
        if error is not None:
            self._show_error(error)
            return
        self.item_rows = list(rows)
        self.items.setRowCount(len(self.item_rows))
        marks = {"pass": self.tr("通过"), "fail": self.tr("不通过"), "na": self.tr("不适用"),
                 "partial": self.tr("部分")}
        for r, it in enumerate(self.item_rows):
            note = it.evidence
            if it.overridden and it.override_reason:
                note += fill(self.tr("（质检员改判：%1）"), it.override_reason)
            for c, text in enumerate((it.title, marks.get(it.outcome, it.outcome),
                                      "—" if it.fatal else f"{it.earned:g}/{it.points:g}", note)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.items.setItem(r, c, cell)
        failed = next((i for i, it in enumerate(self.item_rows) if it.outcome == "fail"), 0)
        if self.item_rows:
            self.items.setCurrentCell(failed, 0)

    def dispute(self) -> None:
        row, item_row = self.list.currentRow(), self.items.currentRow()
        if not 0 <= row < len(self.evaluations) or not 0 <= item_row < len(self.item_rows):
            self._show_message(self.tr("请先选择要申诉的评分项。"))
            return
        eid = self.evaluations[row].id
        item = self.item_rows[item_row]
        reason = self.reason.text()
        self.runner.submit(lambda: self.port.dispute(eid, item.item_id, reason),
                           lambda d, error: self._disputed(d, error, item.title))

    def _disputed(self, d: Any, error: BaseException | None, title: str) -> None:
        if error is not None:
            self._show_error(error)  # late / third: says the date the window closed
            return
        self.reason.clear()
        self._show_message(fill(self.tr("已就“%1”提出第 %2 轮申诉，申诉期至 %3。"), title, d.round,
                       d.window_closes.isoformat()))

    def _show_message(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)

    def _show_error(self, error: BaseException) -> None:
        self._show_message(error_text(error))
