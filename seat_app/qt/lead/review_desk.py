"""The lead's review desk (审核台): the center's work lists of the dispatch flow and the
actions on them.

Lists (one ``DeskPoller.poll`` job fills all of them, on the console's runner, on the
desk's own slow timer and when the tab is shown): cases awaiting pre-review (待预审),
replies awaiting review (已回复), extension requests, cases seats recorded as 转派 that are
not in the flow yet, and overdue / near-deadline cases at units.

Actions go through ``DispatchService`` on the same runner: approve / reject a pre-review,
approve / return a reply, grant / refuse an extension, dispatch the seat cases, raise
supervision at a level or escalate. A refused action shows the rule's message (Chinese, or
English after the language switch) and keeps what was typed; the selected case's timeline
(``CaseTimeline``) is shown below.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.duplicates import UnreasonableCategory
from seat_app.domain.supervision import SupervisionLevel
from seat_app.qt.forms.ui_review_actions import Ui_ReviewActions
from seat_app.qt.i18n import error_text, fill
from seat_app.qt.widgets.style import set_style_property
from seat_app.qt.widgets.timeline import CaseTimeline
from seat_app.qt.workers import Runner
from seat_app.services.reports.console import DESK_LISTS, DeskPoller, DeskSnapshot

LIST_KEYS = tuple(key for key, _zh, _en in DESK_LISTS)


def _day(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")


class ReviewDesk(QWidget):
    """``service``: a ``DispatchService``-like object; ``poll``: returns a ``DeskSnapshot``
    (default ``DeskPoller(service).poll``). Every database call runs on ``runner``."""

    snapshot_applied = Signal(object)
    action_finished = Signal(str, bool)
    """(message, ok) after every action."""

    COLUMNS = ("工单编号", "事项", "状态", "承办单位", "时限", "剩余工作日", "说明")

    def __init__(
        self,
        service: Any,
        *,
        actor: str,
        runner: Runner,
        poll: Callable[[], DeskSnapshot] | None = None,
        language: str = "zh",
        refresh_ms: int = 15000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.actor = actor
        self.language = language
        self._poll = poll or DeskPoller(service).poll
        self._runner = runner  # required: the shell passes its thread; tests an InlineRunner
        self._busy = False
        self._again = False
        self._rows: dict[str, list[dict[str, Any]]] = {k: [] for k in LIST_KEYS}
        self._selected: str | None = None
        self._last_error: BaseException | None = None
        self._last_message: tuple[str, bool] = ("", False)
        self.snapshot: DeskSnapshot | None = None
        self.last_loaded = 0.0
        self.setObjectName("reviewDesk")
        self._build()
        self._retranslate()
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self._on_timer)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.lists = QTabWidget()
        self.lists.setObjectName("deskLists")
        self.tables: dict[str, QTableWidget] = {}
        for key in LIST_KEYS:
            table = QTableWidget(0, len(self.COLUMNS))
            table.setObjectName(f"desk_{key}")
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.verticalHeader().setVisible(False)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            table.itemSelectionChanged.connect(lambda k=key: self._on_selection(k))
            self.tables[key] = table
            self.lists.addTab(table, "")
        self.lists.currentChanged.connect(lambda _i: self._on_selection(self.current_list()))

        self.details = QLabel("")
        self.details.setObjectName("deskDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # review (pre-review, reply, extension, unreasonable) and supervision:
        # ui/review_actions.ui
        self.action_forms = QWidget()
        self.ui = Ui_ReviewActions()
        self.ui.setupUi(self.action_forms)
        self.review_box = self.ui.reviewBox
        self.reason_label = self.ui.reasonLabel
        self.reason_edit = self.ui.deskReasonEdit
        self.approve_pre_button = self.ui.approvePreButton
        self.reject_pre_button = self.ui.rejectPreButton
        self.approve_reply_button = self.ui.approveReplyButton
        self.return_reply_button = self.ui.returnReplyButton
        self.grant_ext_button = self.ui.grantExtButton
        self.refuse_ext_button = self.ui.refuseExtButton
        self.approve_pre_button.clicked.connect(self.approve_pre_review)
        self.reject_pre_button.clicked.connect(self.reject_pre_review)
        self.approve_reply_button.clicked.connect(self.approve_reply)
        self.return_reply_button.clicked.connect(self.return_reply)
        self.grant_ext_button.clicked.connect(lambda: self.decide_extension(True))
        self.refuse_ext_button.clicked.connect(lambda: self.decide_extension(False))
        # 不合理诉求: closed by the center with a category and the reason, no unit burdened
        self.unreasonable_box = self.ui.deskUnreasonableCategory
        for category in UnreasonableCategory:
            self.unreasonable_box.addItem(category.value, category.value)
        self.unreasonable_button = self.ui.deskUnreasonable
        self.unreasonable_button.clicked.connect(self.flag_unreasonable)
        self.supervise_box = self.ui.superviseBox
        self.level_label = self.ui.levelLabel
        self.level_box = self.ui.deskLevel
        for level in SupervisionLevel:
            self.level_box.addItem("", int(level))
        self.sup_reason_edit = self.ui.deskSupervisionReason
        self.supervise_button = self.ui.superviseButton
        self.escalate_button = self.ui.escalateButton
        self.supervise_button.clicked.connect(self.supervise)
        self.escalate_button.clicked.connect(self.escalate)

        # seat dispatches -----------------------------------------------------------------
        self.dispatch_seat_button = QPushButton()
        self.dispatch_seat_button.setObjectName("deskDispatchSeat")
        self.dispatch_seat_button.clicked.connect(self.dispatch_seat_cases)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)

        self.message = QLabel("")
        self.message.setObjectName("deskMessage")
        self.message.setWordWrap(True)
        self.status = QLabel("")

        self.timeline = CaseTimeline(self.service.timeline, runner=self._runner)

        top_bar = QHBoxLayout()
        top_bar.addWidget(self.status, 1)
        top_bar.addWidget(self.dispatch_seat_button)
        top_bar.addWidget(self.refresh_button)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(top_bar)
        lv.addWidget(self.lists, 3)
        lv.addWidget(self.timeline, 2)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.details)
        rv.addWidget(self.action_forms)
        rv.addWidget(self.message)
        rv.addStretch(1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(split)
        self._update_buttons()

    def _retranslate(self) -> None:
        for i, (key, zh, en) in enumerate(DESK_LISTS):
            title = en if self.language == "en" else zh
            self.lists.setTabText(i, f"{title} ({len(self._rows[key])})")
            self.tables[key].setHorizontalHeaderLabels(self._headers())
        self.ui.retranslateUi(self.action_forms)
        for i, level in enumerate(SupervisionLevel):
            self.level_box.setItemText(i, level.en if self.language == "en" else level.zh)
        self.dispatch_seat_button.setText(self.tr("派发座席转派工单"))
        self.refresh_button.setText(self.tr("刷新"))
        self._show_details()
        if self._last_error is not None:  # the refusal, again in the new language
            self._show_error(self._last_error, emit=False)

    def _headers(self) -> list[str]:
        """The lists' column headers (``COLUMNS``), as literals so lupdate finds them."""
        return [self.tr("工单编号"), self.tr("事项"), self.tr("状态"), self.tr("承办单位"),
                self.tr("时限"), self.tr("剩余工作日"), self.tr("说明")]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_language("en" if QLocale().language() == QLocale.Language.English else "zh")
        super().changeEvent(event)

    def set_language(self, language: str) -> None:
        """Show the rules' messages and the desk's own texts in ``language`` ("zh"/"en")."""
        self.language = "en" if language.startswith("en") else "zh"
        self._retranslate()

    # -- loading ---------------------------------------------------------------------------

    def start(self) -> None:
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _on_timer(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Load every list in one job (one more after the running one, if asked meanwhile)."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._runner.submit(self._poll, self._on_loaded)

    def _on_loaded(self, snap: DeskSnapshot | None, error: BaseException | None) -> None:
        self._busy = False
        if error is not None or snap is None:
            self.status.setText(self.tr("无法读取审核列表：") + str(error))
        else:
            self.apply(snap)
        if self._again:
            self._again = False
            self.refresh()

    def apply(self, snap: DeskSnapshot) -> None:
        self.snapshot = snap
        self.last_loaded = time.monotonic()
        keep = self._selected
        for key in LIST_KEYS:
            rows = list(snap.lists.get(key, ()))
            self._rows[key] = rows
            self._fill(self.tables[key], rows)
        self._retranslate()
        self.status.setText(fill(self.tr("已刷新 %1（%2 ms）"),
                                 snap.at.astimezone().strftime("%H:%M:%S"), f"{snap.poll_ms:.0f}"))
        if keep is not None and not self.select_case(keep, self.current_list()):
            self._selected = keep  # keep showing its timeline even if it left the list
        self._show_details()
        self._update_buttons()
        self.snapshot_applied.emit(snap)

    def _fill(self, table: QTableWidget, rows: list[dict[str, Any]]) -> None:
        table.blockSignals(True)
        table.clearSelection()
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            left = row.get("working_days_left")
            left_text = (self.tr("超期") if row.get("overdue")
                         else "" if left is None else str(left))
            for c, value in enumerate((
                row.get("case_number", ""), row.get("matter", ""), row.get("status", ""),
                row.get("unit_name") or row.get("unit_code") or "", _day(row.get("deadline")),
                left_text, self._note(row),
            )):
                item = QTableWidgetItem(str(value))
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, row["case_id"])
                if c == 5 and row.get("overdue"):
                    item.setForeground(Qt.GlobalColor.red)
                table.setItem(r, c, item)
        table.blockSignals(False)

    def _note(self, row: dict[str, Any]) -> str:
        ext = row.get("pending_extension")
        if ext is not None:
            return fill(self.tr("申请延期 %1 个工作日：%2"), ext.days, ext.reason)
        reply = row.get("reply")
        if reply is not None and row.get("status") == "已回复":
            return f"{reply.truth}，{reply.resolution}：{reply.public_reply}"
        if row.get("received_at") is not None and row.get("deadline") is None:
            return fill(self.tr("受理于 %1"), _day(row["received_at"]))
        return row.get("description") or ""

    # -- selection -------------------------------------------------------------------------

    def current_list(self) -> str:
        return LIST_KEYS[self.lists.currentIndex()]

    def case_ids(self, key: str) -> list[str]:
        return [r["case_id"] for r in self._rows[key]]

    def select_case(self, case_id: str, key: str | None = None) -> bool:
        """Select ``case_id`` in list ``key`` (default: the first list holding it)."""
        keys = [key] if key else list(LIST_KEYS)
        for k in keys:
            for i, row in enumerate(self._rows[k]):
                if row["case_id"] == case_id:
                    self.lists.setCurrentIndex(LIST_KEYS.index(k))
                    self.tables[k].selectRow(i)
                    self._on_selection(k)
                    return True
        return False

    def selected_row(self) -> dict[str, Any] | None:
        key = self.current_list()
        rows = self.tables[key].selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._rows[key]):
            return None
        return self._rows[key][rows[0].row()]

    def current_case_id(self) -> str | None:
        row = self.selected_row()
        return row["case_id"] if row else None

    def _on_selection(self, key: str) -> None:
        if key != self.current_list():
            return
        row = self.selected_row()
        if row is not None and row["case_id"] != self._selected:
            self._selected = row["case_id"]
            self.timeline.show_case(row["case_id"])
        self._show_details()
        self._update_buttons()

    def _show_details(self) -> None:
        row = self.selected_row()
        if row is None:
            self.details.setText(self.tr("请选择一张工单。"))
            return
        lines = [
            f"<b>{row['case_number']}</b>　{row.get('matter', '')}　{row.get('status', '')}",
            self.tr("承办单位：") + str(row.get("unit_name") or row.get("unit_code") or "—"),
        ]
        if row.get("deadline"):
            lines.append(self.tr("办理时限：") + _day(row["deadline"]))
        if row.get("description"):
            lines.append(_escape(str(row["description"])))
        note = self._note(row)
        if note and note != row.get("description"):
            lines.append(_escape(note))
        self.details.setText("<br>".join(lines))

    def _update_buttons(self) -> None:
        row = self.selected_row()
        status = row.get("status") if row else None
        in_flow = row is not None and self.current_list() != "seat"
        self.approve_pre_button.setEnabled(status == "待预审")
        self.reject_pre_button.setEnabled(status == "待预审")
        self.approve_reply_button.setEnabled(status == "已回复")
        self.return_reply_button.setEnabled(status == "已回复")
        has_ext = row is not None and row.get("pending_extension") is not None
        self.grant_ext_button.setEnabled(has_ext)
        self.refuse_ext_button.setEnabled(has_ext)
        can_supervise = in_flow and status not in (None, "办结", "待预审", "待派")
        self.supervise_button.setEnabled(can_supervise)
        self.escalate_button.setEnabled(can_supervise)
        self.dispatch_seat_button.setEnabled(bool(self._rows["seat"]))
        # before a unit is burdened: a seat's dispatch request or a pre-review
        self.unreasonable_button.setEnabled(
            row is not None and (self.current_list() == "seat" or status in ("待派", "待预审")))

    # -- actions ---------------------------------------------------------------------------

    def approve_pre_review(self) -> None:
        self._act(lambda cid: self.service.approve_pre_review(cid, actor=self.actor),
                  self.tr("预审通过，已派发承办单位。"))

    def reject_pre_review(self) -> None:
        reason = self.reason_edit.toPlainText()
        self._act(lambda cid: self.service.reject_pre_review(cid, reason, actor=self.actor),
                  self.tr("已驳回预审，工单退回待派。"), clear=(self.reason_edit,))

    def approve_reply(self) -> None:
        self._act(lambda cid: self.service.approve_reply(cid, actor=self.actor),
                  self.tr("回复已审核通过，进入回访。"))

    def return_reply(self) -> None:
        reason = self.reason_edit.toPlainText()
        self._act(lambda cid: self.service.return_reply(cid, reason, actor=self.actor),
                  self.tr("回复已退回承办单位重办。"), clear=(self.reason_edit,))

    def decide_extension(self, approve: bool) -> None:
        reason = self.reason_edit.toPlainText()
        done = self.tr("已批准延期，时限已顺延。") if approve else self.tr("已驳回延期申请。")
        self._act(lambda cid: self.service.decide_extension(cid, approve, actor=self.actor,
                                                            reason=reason),
                  done, clear=(self.reason_edit,))

    def supervise(self) -> None:
        level = int(self.level_box.currentData())
        reason = self.sup_reason_edit.toPlainText()
        self._act(lambda cid: self.service.supervise(cid, level, reason, actor=self.actor),
                  self.tr("已督办。"), clear=(self.sup_reason_edit,))

    def escalate(self) -> None:
        reason = self.sup_reason_edit.toPlainText()
        self._act(lambda cid: self.service.escalate(cid, reason, actor=self.actor),
                  self.tr("已升级督办。"), clear=(self.sup_reason_edit,))

    def flag_unreasonable(self) -> None:
        category = str(self.unreasonable_box.currentData())
        detail = self.reason_edit.toPlainText()
        self._act(lambda cid: self.service.flag_unreasonable(cid, category, detail,
                                                             actor=self.actor),
                  self.tr("已标记为不合理诉求并办结，不派发承办单位。"), clear=(self.reason_edit,))

    def dispatch_seat_cases(self) -> None:
        def done(result: dict[str, list[Any]] | None, error: BaseException | None) -> None:
            if error is not None:
                self._show_error(error)
                return
            assert result is not None
            left = result["left"]
            text_ = fill(self.tr("已派发 %1 件，送预审 %2 件，未派 %3 件。"),
                         len(result["dispatched"]), len(result["pre_review"]), len(left))
            if left:
                first = left[0]
                text_ += " " + (first[2] if self.language == "en" else first[1])
            self._show_message(text_, ok=not left)
            self.refresh()

        self._runner.submit(lambda: self.service.dispatch_seat_cases(actor=self.actor), done)

    def _act(self, call: Callable[[str], Any], done_text: str,
             clear: tuple[QPlainTextEdit, ...] = ()) -> None:
        case_id = self.current_case_id()
        if case_id is None:
            self._show_message(self.tr("请先选择一张工单。"), ok=False)
            return

        def finished(_result: Any, error: BaseException | None) -> None:
            if error is not None:  # keep what was typed; say why
                self._show_error(error)
                return
            for edit in clear:
                edit.clear()
            self._show_message(done_text, ok=True)
            self._selected = case_id
            self.timeline.show_case(case_id)
            self.refresh()

        self._runner.submit(lambda: call(case_id), finished)

    def _show_error(self, error: BaseException, *, emit: bool = True) -> None:
        text_ = error_text(error, self.language)
        self._show_message(text_, ok=False, emit=emit)
        self._last_error = error

    def _show_message(self, text_: str, *, ok: bool, emit: bool = True) -> None:
        self._last_error = None
        self._last_message = (text_, ok)
        set_style_property(self.message, "error", not ok)  # its colour: QLabel[error] in seat.qss
        self.message.setText(text_)
        if emit:
            self.action_finished.emit(text_, ok)


def _escape(text_: str) -> str:
    return text_.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["LIST_KEYS", "ReviewDesk"]
