"""What the after-call case lists share (the unit's cases, the callback work list): rows
of a table with a ``case_id`` each, the selected case, and a message line that follows the
UI language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent

from seat_app.qt.widgets.style import set_style_property


class CaseListMixin:
    """For a QWidget with ``self.table`` (QTableWidget, one row per ``self._rows`` item),
    ``self.message`` (QLabel) and a ``retranslate()`` method."""

    _rows: list[dict[str, Any]]
    _message: Callable[[], str]

    def case_ids(self) -> list[str]:
        return [r["case_id"] for r in self._rows]

    def select_case(self, case_id: str) -> None:
        self.table.selectRow(self.case_ids().index(case_id))

    def current_row(self) -> dict[str, Any] | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        if not rows or rows[0].row() >= len(self._rows):
            return None
        return self._rows[rows[0].row()]

    def current_case_id(self) -> str | None:
        row = self.current_row()
        return row["case_id"] if row else None

    def _show_message(self, text: Callable[[], str], *, error: bool = False) -> None:
        """Show a message; ``text`` is asked again after a language switch."""
        self._message = text
        set_style_property(self.message, "error", error)  # its colour: QLabel[error] in seat.qss
        self.message.setText(text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
