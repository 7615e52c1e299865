"""The callback work list (回访): reviewed dispatched cases to call back today, most urgent
first; the callback script filled for the selected case; result buttons 满意 / 基本满意 /
不满意 (optionally reopening the case with a reason) and 未接通; the case timeline.

Database calls go through ``runner``; a refused action shows the rule's message and keeps
what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.i18n import error_text
from seat_app.qt.widgets.case_list import CaseListMixin
from seat_app.qt.widgets.timeline import CaseTimeline
from seat_app.qt.workers import Runner
from seat_app.services import dispatch

CALLBACK_SCRIPT = (
    "开场：您好，我是运城12345热线{工号}号话务员，请问是{来电人}吗？",
    "说明：您在{受理日期}反映的「{事项}」问题（工单号 {工单号}），已由{承办单位}办理。",
    "答复：办理结果是：{答复}",
    "询问：请问您对这次办理结果是否满意？满意、基本满意，还是不满意？",
    "不满意时：请问您对哪方面不满意？我们会记录下来，必要时交承办单位重新办理。",
    "结束：感谢您对12345热线工作的支持，再见。",
)
"""The callback call script; {变量} are filled from the selected case. It is what the agent
says to the caller, so it stays Chinese under an English UI (like the knowledge base)."""


def fill_script(row: dict[str, Any], agent: str) -> list[str]:
    received = row.get("received_at")
    values = {
        "工号": agent,
        "来电人": row.get("caller_name") or "来电人",
        "受理日期": received.astimezone().strftime("%m月%d日") if received else "",
        "事项": row.get("matter", ""),
        "工单号": row.get("case_number", ""),
        "承办单位": row.get("unit_name") or "",
        "答复": row.get("public_reply") or "",
    }
    out = []
    for line in CALLBACK_SCRIPT:
        for key, value in values.items():
            line = line.replace("{" + key + "}", str(value))
        out.append(line)
    return out


class CallbackWorklist(CaseListMixin, QWidget):
    """Today's callback surveys for an agent."""

    callback_recorded = Signal(str, str)
    """(case id, result) after a survey was stored."""
    callback_unanswered = Signal(str)

    COLUMNS = (
        "case_number",
        "matter",
        "caller_name",
        "phone",
        "unit_name",
        "callback_attempts",
        "supervised",
    )

    def __init__(
        self,
        service: Any,
        *,
        actor: str,
        runner: Runner,
        language: str | None = None,
        today: date | None = None,
        show_phone: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.actor = actor
        self.language = language
        """Kept for callers that pass it; the UI language (seat_app.qt.i18n) decides."""
        self.today = today
        self.show_phone = show_phone
        self._runner = runner  # required: the shell passes its thread; tests an InlineRunner
        self._rows: list[dict[str, Any]] = []
        self._loaded = False
        self._message: Callable[[], str] = lambda: ""
        self.setObjectName("callbackWorklist")

        self.header = QLabel()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("callbackTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)

        self.script = QTextBrowser()
        self.script.setObjectName("callbackScript")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("callbackNoteEdit")
        self.satisfied_button = QPushButton()
        self.satisfied_button.setObjectName("satisfiedButton")
        self.basic_button = QPushButton()
        self.basic_button.setObjectName("basicallySatisfiedButton")
        self.dissatisfied_button = QPushButton()
        self.dissatisfied_button.setObjectName("dissatisfiedButton")
        self.unreachable_button = QPushButton()
        self.unreachable_button.setObjectName("unreachableButton")
        self.reopen_check = QCheckBox()
        self.reopen_check.setObjectName("reopenCheck")
        self.reopen_reason = QPlainTextEdit()
        self.reopen_reason.setObjectName("reopenReasonEdit")
        self.reopen_reason.setMaximumHeight(60)
        self.satisfied_button.clicked.connect(lambda: self.record("满意"))
        self.basic_button.clicked.connect(lambda: self.record("基本满意"))
        self.dissatisfied_button.clicked.connect(lambda: self.record("不满意"))
        self.unreachable_button.clicked.connect(self.unreachable)
        self.message = QLabel("")
        self.message.setObjectName("callbackMessage")
        self.message.setWordWrap(True)
        self.timeline = CaseTimeline(service.timeline, runner=self._runner)

        left = QWidget()
        lv = QVBoxLayout(left)
        top = QHBoxLayout()
        top.addWidget(self.header)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        lv.addLayout(top)
        lv.addWidget(self.table)
        lv.addWidget(self.timeline)
        right = QWidget()
        rv = QVBoxLayout(right)
        self.script_label = QLabel()
        rv.addWidget(self.script_label)
        rv.addWidget(self.script)
        rv.addWidget(self.note_edit)
        buttons = QHBoxLayout()
        for b in (
            self.satisfied_button,
            self.basic_button,
            self.dissatisfied_button,
            self.unreachable_button,
        ):
            buttons.addWidget(b)
        rv.addLayout(buttons)
        rv.addWidget(self.reopen_check)
        rv.addWidget(self.reopen_reason)
        rv.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate()
        self._update_actions()

    # -- language --------------------------------------------------------------------------
    def headers(self) -> list[str]:
        return [
            self.tr("工单号"),
            self.tr("事项"),
            self.tr("来电人"),
            self.tr("电话"),
            self.tr("承办单位"),
            self.tr("已拨次数"),
            self.tr("督办"),
        ]

    def result_text(self, result: str) -> str:
        """A callback result (stored in Chinese) in the UI language."""
        return {
            "满意": self.tr("满意"),
            "基本满意": self.tr("基本满意"),
            "不满意": self.tr("不满意"),
        }.get(result, result)

    def retranslate(self) -> None:
        """Every visible text in the UI language (on LanguageChange)."""
        self.setWindowTitle(self.tr("回访工作台"))
        self._show_header()
        self.refresh_button.setText(self.tr("刷新"))
        self.table.setHorizontalHeaderLabels(self.headers())
        self.note_edit.setPlaceholderText(self.tr("回访备注（可选）"))
        self.satisfied_button.setText(self.result_text("满意"))
        self.basic_button.setText(self.result_text("基本满意"))
        self.dissatisfied_button.setText(self.result_text("不满意"))
        self.unreachable_button.setText(self.tr("未接通"))
        self.reopen_check.setText(self.tr("不满意时交原承办单位重办"))
        self.reopen_reason.setPlaceholderText(
            self.tr("重办原因：来电人不满意的具体内容（至少 4 个字）")
        )
        self.script_label.setText(self.tr("回访话术"))
        for r, row in enumerate(self._rows):
            item = self.table.item(r, 6)
            if item is not None:
                item.setText(self.tr("是") if row.get("supervised") else "")
        if self.current_row() is None:
            self._show_script()
        self.message.setText(self._message())

    def _show_header(self) -> None:
        if self._loaded:
            self.header.setText(self.tr("今日待回访（%1）").replace("%1", str(len(self._rows))))
        else:
            self.header.setText(self.tr("今日待回访"))

    def _show_script(self) -> None:
        row = self.current_row()
        if row is None:
            self.script.setPlainText(self.tr("今日没有待回访的工单。") if not self._rows else "")
        else:
            self.script.setPlainText("\n\n".join(fill_script(row, self.actor)))

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        self._runner.submit(lambda: self.service.callback_worklist(self.today), self._on_loaded)

    def _on_loaded(self, rows: list[dict[str, Any]] | None, error: BaseException | None) -> None:
        if error is not None:
            self._show_message(lambda: error_text(error), error=True)
            return
        keep = self.current_case_id()
        self._rows = rows or []
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            phone = row["caller_phone"] if self.show_phone else row["caller_phone_masked"]
            values = (
                row["case_number"],
                row["matter"],
                row.get("caller_name") or "",
                phone or "",
                row.get("unit_name") or "",
                str(row.get("callback_attempts", 0)),
                self.tr("是") if row.get("supervised") else "",
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self._loaded = True
        self._show_header()
        ids = self.case_ids()
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        elif ids:
            self.table.selectRow(0)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        row = self.current_row()
        self._show_script()
        self.timeline.show_case(None if row is None else row["case_id"])
        self._update_actions()

    def _update_actions(self) -> None:
        has = self.current_row() is not None
        for b in (
            self.satisfied_button,
            self.basic_button,
            self.dissatisfied_button,
            self.unreachable_button,
        ):
            b.setEnabled(has)

    # -- actions ---------------------------------------------------------------------------
    def record(self, result: str) -> None:
        case_id = self.current_case_id()
        if case_id is None:
            self._show_message(lambda: self.tr("请先选择一张工单。"), error=True)
            return
        note = self.note_edit.text().strip()
        reopen = None
        if result == "不满意" and self.reopen_check.isChecked():
            reopen = self.reopen_reason.toPlainText()

        def finished(_state, error) -> None:
            if error is not None:
                self._show_message(lambda: error_text(error), error=True)
                return
            self.note_edit.clear()
            self.reopen_reason.clear()
            self.reopen_check.setChecked(False)
            reopened = reopen is not None
            self._show_message(
                lambda: (
                    self.tr("已记录回访结果：%1；工单已交原承办单位重办。")
                    if reopened
                    else self.tr("已记录回访结果：%1；工单已办结。")
                ).replace("%1", self.result_text(result))
            )
            self.callback_recorded.emit(case_id, result)
            self.refresh()

        self._runner.submit(
            lambda: self.service.record_callback(
                case_id, result, actor=self.actor, note=note, reopen_reason=reopen
            ),
            finished,
        )

    def unreachable(self) -> None:
        case_id = self.current_case_id()
        if case_id is None:
            self._show_message(lambda: self.tr("请先选择一张工单。"), error=True)
            return
        note = self.note_edit.text().strip()

        def finished(book, error) -> None:
            if error is not None:
                self._show_message(lambda: error_text(error), error=True)
                return
            self.note_edit.clear()
            attempts = book.attempts
            self._show_message(
                lambda: self.tr("已记录未接通（第 %1 次），明天再拨。").replace("%1", str(attempts))
            )
            self.callback_unanswered.emit(case_id)
            self.refresh()

        self._runner.submit(
            lambda: self.service.callback_unreachable(case_id, actor=self.actor, note=note),
            finished,
        )


def open_callback_worklist(
    engine, *, actor: str, runner: Runner, language: str | None = None
) -> CallbackWorklist:
    """A callback work list on the central database ``engine`` (the app shell's entry point)."""
    view = CallbackWorklist(
        dispatch.DispatchService(engine), actor=actor, runner=runner, language=language
    )
    view.refresh()
    return view
