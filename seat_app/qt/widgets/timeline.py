"""The case timeline (工单时间线): every step of a case, oldest first. Reusable: the unit
view, the callback work list and the seat window embed it.

``CaseTimeline(load=service.timeline, runner=db_runner)``; ``show_case(case_id)`` loads the
events off the UI thread (through ``runner``) and fills the table; ``set_events(rows)`` fills
it from rows already at hand ({at, kind, actor, unit, note}).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.i18n import error_text
from seat_app.qt.workers import Runner


def format_time(at: Any) -> str:
    """Local time, to the minute."""
    if isinstance(at, datetime):
        return at.astimezone().strftime("%Y-%m-%d %H:%M")
    return str(at or "")


class CaseTimeline(QWidget):
    """A read-only table of a case's events."""

    events_loaded = Signal(int)
    """Emitted with the number of events shown after each load."""

    COLUMNS = ("at", "kind", "actor", "unit", "note")

    def __init__(
        self,
        load: Callable[[str], list[dict[str, Any]]] | None = None,
        *,
        runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        if load is not None and runner is None:
            raise TypeError("CaseTimeline(load=...) needs its runner (no work on the UI thread)")
        super().__init__(parent)
        self._load = load
        self._runner = runner
        self._case_id: str | None = None
        self._error: BaseException | None = None
        self.title = QLabel()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("timelineTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for i in range(len(self.COLUMNS) - 1):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.error = QLabel("")
        self.error.setObjectName("timelineError")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        self.retranslate()

    def headers(self) -> list[str]:
        return [self.tr("时间"), self.tr("环节"), self.tr("办理人"), self.tr("单位"), self.tr("说明")]

    def retranslate(self) -> None:
        self.title.setText(self.tr("工单时间线"))
        self.table.setHorizontalHeaderLabels(self.headers())
        if self._error is not None:
            self.error.setText(self.tr("时间线加载失败：") + error_text(self._error, bare=True))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def show_case(self, case_id: str | None) -> None:
        """Load and show ``case_id``'s timeline (empty for None)."""
        self._case_id = case_id
        if not case_id or self._load is None or self._runner is None:
            self.set_events([])  # no loader: rows come through set_events
            return
        load = self._load
        self._runner.submit(lambda: load(case_id), lambda rows, err: self._on_loaded(case_id, rows, err))

    def refresh(self) -> None:
        self.show_case(self._case_id)

    def _on_loaded(self, case_id: str, rows: list[dict[str, Any]] | None, error: BaseException | None) -> None:
        if case_id != self._case_id:  # a newer request won
            return
        if error is not None:
            self._error = error
            self.retranslate()
            self.error.setVisible(True)
            return
        self.set_events(rows or [])

    def set_events(self, rows: list[dict[str, Any]]) -> None:
        self._error = None
        self.error.setVisible(False)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (format_time(row.get("at")), row.get("kind", ""), row.get("actor", ""),
                      row.get("unit", ""), row.get("note", ""))
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.events_loaded.emit(len(rows))

    def kinds(self) -> list[str]:
        """The steps shown, top to bottom (for tests and accessibility)."""
        return [self.table.item(r, 1).text() for r in range(self.table.rowCount())]
