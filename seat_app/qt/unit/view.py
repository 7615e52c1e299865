"""The handling unit's view (承办单位): cases dispatched to the unit, most urgent first; sign
for a case, reply (属实/不属实, 已解决/未解决, how it was handled, the public reply), ask for an
extension, return a wrong dispatch with a reason; the case's timeline.

Every database call goes through ``runner`` (never on the UI thread in the app; tests pass
an ``InlineRunner``). A refused action shows the rule's message and keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.forms.ui_unit_reply_form import Ui_UnitReplyForm
from seat_app.qt.i18n import error_text
from seat_app.qt.widgets.case_list import CaseListMixin
from seat_app.qt.widgets.timeline import CaseTimeline
from seat_app.qt.workers import Runner
from seat_app.services import dispatch

TRUTH = ("属实", "不属实")
RESOLUTION = ("已解决", "未解决")
"""The values the dispatch service stores (Chinese); the combo boxes show them translated."""


class UnitView(CaseListMixin, QWidget):
    """Cases at one handling unit, and what the unit can do with them."""

    case_signed = Signal(str)
    reply_sent = Signal(str)
    case_returned = Signal(str)
    extension_requested = Signal(str)

    COLUMNS = ("case_number", "matter", "status", "deadline", "working_days_left", "area")

    def __init__(
        self,
        service: Any,
        unit_code: str,
        *,
        actor: str,
        runner: Runner,
        language: str | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.unit_code = unit_code
        self.actor = actor
        self.language = language
        """Kept for callers that pass it; the UI language (seat_app.qt.i18n) decides."""
        self.today = today
        self._runner = runner  # required: the shell passes its thread; tests an InlineRunner
        self._rows: list[dict[str, Any]] = []
        self._loaded = False
        self._message: Callable[[], str] = lambda: ""
        self.setObjectName("unitView")

        # list ------------------------------------------------------------------
        self.header = QLabel()
        self.include_done = QCheckBox()
        self.include_done.toggled.connect(lambda _on: self.refresh())
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("unitCaseTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)

        # details and actions -----------------------------------------------------
        self.details = QLabel()
        self.details.setObjectName("caseDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("signButton")
        self.sign_button.clicked.connect(self.sign)

        # the reply, extension and return forms: ui/unit_reply_form.ui
        self.action_forms = QWidget()
        self.ui = Ui_UnitReplyForm()
        self.ui.setupUi(self.action_forms)
        self.reply_box = self.ui.replyBox
        self.truth = self.ui.truthCombo
        for value in TRUTH:
            self.truth.addItem(value, value)
        self.resolution = self.ui.resolutionCombo
        for value in RESOLUTION:
            self.resolution.addItem(value, value)
        self.reason_edit = self.ui.replyReasonEdit
        self.public_edit = self.ui.publicReplyEdit
        self.reply_button = self.ui.replyButton
        self.reply_button.clicked.connect(self.send_reply)
        self.truth_label, self.reason_label = self.ui.truthLabel, self.ui.reasonLabel
        self.public_label = self.ui.publicLabel
        self.ext_box = self.ui.extensionBox
        self.ext_days = self.ui.extDaysSpin
        self.ext_reason = self.ui.extensionReasonEdit
        self.ext_button = self.ui.extensionButton
        self.ext_button.clicked.connect(self.request_extension)
        self.ext_days_label, self.ext_reason_label = self.ui.extDaysLabel, self.ui.extReasonLabel
        self.ret_box = self.ui.returnBox
        self.return_reason = self.ui.returnReasonEdit
        self.return_button = self.ui.returnButton
        self.return_button.clicked.connect(self.return_case)

        self.message = QLabel("")
        self.message.setObjectName("unitMessage")
        self.message.setWordWrap(True)
        self.timeline = CaseTimeline(service.timeline, runner=self._runner)

        left = QWidget()
        lv = QVBoxLayout(left)
        top = QHBoxLayout()
        top.addWidget(self.header)
        top.addStretch(1)
        top.addWidget(self.include_done)
        top.addWidget(self.refresh_button)
        lv.addLayout(top)
        lv.addWidget(self.table)
        lv.addWidget(self.timeline)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.details)
        rv.addWidget(self.sign_button)
        rv.addWidget(self.action_forms)
        rv.addWidget(self.message)
        rv.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate()
        self._update_actions()

    # -- language ----------------------------------------------------------------------
    def headers(self) -> list[str]:
        return [
            self.tr("工单号"),
            self.tr("事项"),
            self.tr("状态"),
            self.tr("办理时限"),
            self.tr("剩余工作日"),
            self.tr("区域"),
        ]

    def _value_text(self, value: str) -> str:
        return {
            "属实": self.tr("属实"),
            "不属实": self.tr("不属实"),
            "已解决": self.tr("已解决"),
            "未解决": self.tr("未解决"),
        }.get(value, value)

    def retranslate(self) -> None:
        """Every visible text in the UI language (on LanguageChange)."""
        self.setWindowTitle(self.tr("承办单位工作台"))
        self._show_header()
        self.include_done.setText(self.tr("显示已回复的工单"))
        self.refresh_button.setText(self.tr("刷新"))
        self.table.setHorizontalHeaderLabels(self.headers())
        self.sign_button.setText(self.tr("签收"))
        self.ui.retranslateUi(self.action_forms)
        for combo in (self.truth, self.resolution):
            for i in range(combo.count()):
                combo.setItemText(i, self._value_text(combo.itemData(i)))
        self._show_details()
        self.message.setText(self._message())

    def _show_header(self) -> None:
        if self._loaded:
            self.header.setText(self.tr("本单位待办工单（%1）").replace("%1", str(len(self._rows))))
        else:
            self.header.setText(self.tr("本单位待办工单"))

    # -- loading ---------------------------------------------------------------------
    def refresh(self) -> None:
        include = self.include_done.isChecked()

        def job() -> Any:
            return self.service.unit_cases(self.unit_code, include_done=include, today=self.today)

        self._runner.submit(job, self._on_loaded)

    def _on_loaded(self, rows: list[dict[str, Any]] | None, error: BaseException | None) -> None:
        if error is not None:
            self._show_message(lambda: error_text(error), error=True)
            return
        keep = self.current_case_id()
        self._rows = rows or []
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            left = row.get("working_days_left")
            values = (
                row["case_number"],
                row["matter"],
                row["status"],
                row["deadline"].isoformat() if row.get("deadline") else "",
                "" if left is None else str(left),
                row.get("area", ""),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if row.get("overdue"):
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self._loaded = True
        self._show_header()
        ids = [r["case_id"] for r in self._rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        elif self._rows:
            self.table.selectRow(0)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        row = self.current_row()
        self._show_details()
        self.timeline.show_case(None if row is None else row["case_id"])
        self._update_actions()

    def _show_details(self) -> None:
        row = self.current_row()
        if row is None:
            self.details.setText(self.tr("请选择一张工单。"))
            return
        ext = row.get("pending_extension")
        head = (
            f"<b>{_escape(row['case_number'])}</b>　{_escape(row['matter'])}"
            f"　{_escape(row['status'])}"
        )
        lines = [
            self.tr("地址：") + (row.get("address") or ""),
            self.tr("来电人：")
            + f"{row.get('caller_name') or ''} {row.get('caller_phone_masked') or ''}",
            self.tr("诉求：") + (row.get("description") or ""),
        ]
        if ext is not None:
            lines.append(self.tr("延期申请待审批：%1 个工作日").replace("%1", str(ext.days)))
        self.details.setText("<br>".join([head, *(_escape(x) for x in lines)]))

    def _update_actions(self) -> None:
        row = self.current_row()
        legal = set(row["legal_actions"]) if row else set()
        self.sign_button.setEnabled("sign" in legal)
        self.reply_button.setEnabled("reply" in legal)
        self.return_button.setEnabled("unit_return" in legal)
        self.ext_button.setEnabled(
            row is not None
            and row["status"] in ("已派", "已签收", "退回")
            and row.get("pending_extension") is None
        )

    # -- actions -----------------------------------------------------------------------
    def sign(self) -> None:
        self._act(
            lambda cid: self.service.sign(cid, actor=self.actor, unit_code=self.unit_code),
            lambda: self.tr("已签收。"),
            self.case_signed,
        )

    def send_reply(self) -> None:
        truth, resolution = self.truth.currentData(), self.resolution.currentData()
        reason, public = self.reason_edit.toPlainText(), self.public_edit.toPlainText()
        self._act(
            lambda cid: self.service.reply(
                cid,
                truth=truth,
                resolution=resolution,
                reason=reason,
                public_reply=public,
                actor=self.actor,
                unit_code=self.unit_code,
            ),
            lambda: self.tr("回复已提交，等待热线中心审核。"),
            self.reply_sent,
            clear=(self.reason_edit, self.public_edit),
        )

    def request_extension(self) -> None:
        days, reason = self.ext_days.value(), self.ext_reason.toPlainText()
        self._act(
            lambda cid: self.service.request_extension(
                cid, days, reason, actor=self.actor, unit_code=self.unit_code
            ),
            lambda: self.tr("延期申请已提交，等待热线中心审批。"),
            self.extension_requested,
            clear=(self.ext_reason,),
        )

    def return_case(self) -> None:
        reason = self.return_reason.toPlainText()
        self._act(
            lambda cid: self.service.unit_return(
                cid, reason, actor=self.actor, unit_code=self.unit_code
            ),
            lambda: self.tr("已退件，热线中心将重新派单。"),
            self.case_returned,
            clear=(self.return_reason,),
        )

    def _act(
        self, call, done_text: Callable[[], str], signal, clear: tuple[QPlainTextEdit, ...] = ()
    ) -> None:
        case_id = self.current_case_id()
        if case_id is None:
            self._show_message(lambda: self.tr("请先选择一张工单。"), error=True)
            return

        def finished(_result, error) -> None:
            if error is not None:  # keep what was typed; say why
                self._show_message(lambda: error_text(error), error=True)
                return
            for edit in clear:
                edit.clear()
            self._show_message(done_text)
            signal.emit(case_id)
            self.refresh()

        self._runner.submit(lambda: call(case_id), finished)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def open_unit_view(
    engine, unit_code: str, *, actor: str, runner: Runner, language: str | None = None
) -> UnitView:
    """A unit view on the central database ``engine`` (the app shell's entry point);
    ``unit_code`` may also be the unit's name (a unit user's ``users.unit``)."""
    service = dispatch.DispatchService(engine)
    code = service.unit_code(unit_code) or unit_code
    view = UnitView(service, code, actor=actor, runner=runner, language=language)
    view.refresh()
    return view
