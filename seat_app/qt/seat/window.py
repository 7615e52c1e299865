"""The agent's seat window: script panel, case form, knowledge panel, caller history.

A call, keyboard first: ring (banner) -> F2 accept -> greeting -> caller history by phone ->
Ctrl+M matter (name or pinyin) -> fields -> knowledge panel follows the form (Ctrl+K own
search, Ctrl+I insert answer) -> Ctrl+1 direct / Ctrl+2 dispatch (unit suggested) -> Ctrl+S
save (off the UI thread) -> case number read back -> F4 end call (closing script, after-call
work timer) -> F5 ready. F1 shows every shortcut.

All service calls run on runners: ``db_runner`` (one serialized thread: drafts, cases,
history, queue), ``search_runner`` (KB search), ``sync_runner`` (talks to the central
database, which may hang or fail without touching the other two).
"""

from __future__ import annotations

import html
import logging
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.case import Channel
from seat_app.domain.queue import SeatState
from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.qt.conflicts_view import ConflictDialog
from seat_app.qt.i18n import current_language
from seat_app.qt.ports import SeatServices
from seat_app.qt.seat.after_call import DuplicateBanner, MessagePanel, TimelineDialog
from seat_app.qt.seat.case_form import CaseForm
from seat_app.qt.seat.history_panel import CASE_ROLE, HistoryPanel
from seat_app.qt.seat.knowledge_panel import KnowledgePanel
from seat_app.qt.seat.script_panel import ScriptPanel, load_scripts
from seat_app.qt.seat.status_bar import SeatStatusBar
from seat_app.qt.workers import Runner

log = logging.getLogger(__name__)


def case_channel(value: str) -> str:
    """The case's channel (电话, APP, 网站, 信箱, 窗口) for a queue item's channel value."""
    if value in {c.value for c in Channel}:
        return value
    legacy = {"phone": Channel.PHONE, "app": Channel.APP, "website": Channel.WEBSITE,
              "mailbox": Channel.MAILBOX, "window": Channel.WINDOW}
    found = legacy.get(str(value).lower())
    return found.value if found else value


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else phone


class ShortcutSheet(QDialog):
    """F1: every action of the window with its shortcut."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("快捷键一览"))
        self.view = QTextBrowser()
        rows = []
        for action in actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            label = action.text().replace("&", "")
            rows.append(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(label)}</td></tr>")
        keys_title = html.escape(self.tr("快捷键"))
        action_title = html.escape(self.tr("操作"))
        self.view.setHtml(
            f"<table cellspacing='0' cellpadding='4'>"
            f"<tr><th align='left'>{keys_title}</th>"
            f"<th align='left'>{action_title}</th></tr>{''.join(rows)}</table>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(460, 620)

    def text(self) -> str:
        return self.view.toPlainText()


class SeatWindow(QMainWindow):
    case_saved = Signal(dict)
    draft_saved = Signal(str)
    call_accepted = Signal(dict)
    language_change_requested = Signal(str)
    duplicate_linked = Signal(str, str)
    """(case id, earlier case id) once a duplicate link reached the central database."""
    messages_shown = Signal(int)

    def __init__(
        self,
        services: SeatServices,
        *,
        db_runner: Runner,
        search_runner: Runner,
        sync_runner: Runner | None = None,
        central_runner: Runner | None = None,
        scripts: dict | None = None,
        autosave_ms: int = 3000,
        change_save_ms: int = 400,
        queue_poll_ms: int = 1000,
        sync_poll_ms: int = 2000,
        search_delay_ms: int = 60,
        duplicate_delay_ms: int = 500,
        language: str = "zh",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("seatWindow")
        self.services = services
        self.db_runner, self.search_runner = db_runner, search_runner
        self.sync_runner = sync_runner or db_runner
        # central-database reads and writes of the window itself (timeline, duplicates,
        # messages); the db runner unless the caller gives one
        self.central_runner = central_runner or db_runner
        self.language = language
        self.seat_state = SeatState.OFFLINE
        self.current_item: dict[str, Any] | None = None
        self.draft_id: str | None = None
        self.case_no = ""
        self.saved = False
        self.pending_recovery: list[dict[str, Any]] = []
        self.recover_box: QMessageBox | None = None
        self._dirty = False
        self._draft_saving = False
        self._case_saving = False
        self._polling_queue = False
        self._syncing = False
        self._suggested_unit = ""
        self._blink = False
        # after the call
        self.case_id = ""
        self.timeline_dialog: TimelineDialog | None = None
        self.callback_window: QWidget | None = None
        self.duplicates: list[dict[str, Any]] = []
        self._dup_key: tuple[str, ...] | None = None
        self._dup_asking = False
        self._dup_again = False
        self._dup_ignored: set[str] = set()
        self._link_target: dict[str, Any] | None = None
        self.pending_links: list[dict[str, str]] = []
        self._linking = False
        self.lead_messages: list[dict[str, Any]] = []
        self._polling_messages = False
        self._marking_read = False
        # conflicts and refused ops (loaded on each sync tick, resolved in the dialog)
        self.conflict_items: dict[str, list[dict[str, Any]]] = {"conflicts": [], "rejected": []}
        self._loading_conflicts = False
        self._resolving_conflict = False
        self.conflict_dialog = ConflictDialog(self)
        self.conflict_dialog.conflicts.resolve_requested.connect(self.resolve_conflict)

        # ---- panels
        self.script_panel = ScriptPanel(scripts or load_scripts())
        self.history_panel = HistoryPanel()
        self.case_form = CaseForm()
        self.knowledge = KnowledgePanel(
            services.search,
            services.entry,
            search_runner,
            entry_runner=db_runner,
            delay_ms=search_delay_ms,
        )
        self.knowledge.set_area(services.area)
        self.ring_banner = QLabel()
        self.ring_banner.setObjectName("ringBanner")
        self.ring_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ring_banner.setVisible(False)
        self.notice = QLabel()
        self.notice.setObjectName("noticeBar")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.duplicate_banner = DuplicateBanner()
        self.duplicate_banner.link_requested.connect(self.link_duplicate)
        self.duplicate_banner.ignore_requested.connect(self.ignore_duplicate)
        self.message_panel = MessagePanel()
        self.message_panel.acknowledge_requested.connect(self.acknowledge_messages)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.script_panel)
        left.addWidget(self.history_panel)
        left.setSizes([520, 240])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(self.case_form)
        main.addWidget(self.knowledge)
        main.setSizes([360, 560, 480])
        main.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.ring_banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.message_panel)
        layout.addWidget(self.duplicate_banner)
        layout.addWidget(main, 1)
        self.setCentralWidget(central)
        self.status = SeatStatusBar()
        self.setStatusBar(self.status)
        self.status.conflicts_label.linkActivated.connect(lambda _link: self.show_conflicts())

        self._build_actions()

        # ---- signals
        self.case_form.changed.connect(self._on_case_form_changed)
        self.case_form.matter_chosen.connect(self._on_case_form_matter_chosen)
        self.case_form.mode_chosen.connect(self._on_case_form_mode_chosen)
        self.case_form.save_requested.connect(self.save_case)
        self.knowledge.answer_inserted.connect(self._on_knowledge_answer_inserted)
        self.history_panel.tree.itemActivated.connect(lambda item, _col: self.show_timeline(item))

        # ---- timers
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(autosave_ms)
        self._autosave_timer.timeout.connect(self.autosave)
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(change_save_ms)
        self._change_timer.timeout.connect(self.autosave)
        self._queue_timer = QTimer(self)
        self._queue_timer.setInterval(queue_poll_ms)
        self._queue_timer.timeout.connect(self.poll_queue)
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(sync_poll_ms)
        self._sync_timer.timeout.connect(self.sync_now)
        self._lease_timer = QTimer(self)
        self._lease_timer.setInterval(10_000)
        self._lease_timer.timeout.connect(self._renew_lease)
        self._blink_timer = QTimer(self)
        self._blink_timer.setInterval(500)
        self._blink_timer.timeout.connect(self._on_blink_timer_timeout)
        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(duplicate_delay_ms)
        self._dup_timer.timeout.connect(self.ask_duplicates)

        self.case_form.clear(services.area)
        self._dirty = False
        self.resize(1400, 860)
        self.retranslate()
        self._update_actions()

    # ================================================================== actions
    def _build_actions(self) -> None:
        spec: list[tuple[str, str, Callable[[], Any], str]] = [
            # name, shortcut, slot, menu
            ("accept", "F2", self.accept_call, "call"),
            ("end_call", "F4", self.end_call, "call"),
            ("ready", "F5", self.become_ready, "call"),
            ("break", "F9", self.toggle_break, "call"),
            ("save", "Ctrl+S", self.save_case, "call"),
            ("direct", "Ctrl+1", lambda: self.choose_mode("direct"), "call"),
            ("dispatch", "Ctrl+2", lambda: self.choose_mode("dispatch"), "call"),
            ("sync", "Ctrl+Shift+Y", self.sync_now, "call"),
            ("quit", "Ctrl+Q", self.close, "call"),
            ("matter", "Ctrl+M", self.case_form.focus_matter, "go"),
            ("description", "Ctrl+D", self.case_form.focus_description, "go"),
            ("kb_search", "Ctrl+K", self.knowledge.focus_search, "go"),
            ("kb_results", "Ctrl+J", self._focus_results, "go"),
            ("insert_answer", "Ctrl+I", self.knowledge.insert_answer, "go"),
            ("history", "Ctrl+H", self.history_panel.tree.setFocus, "go"),
            ("next_step", "F6", self.script_panel.next_step, "script"),
            ("previous_step", "Shift+F6", self.script_panel.previous_step, "script"),
            ("back_to_call", "Ctrl+Shift+C", self.script_panel.back_to_call, "script"),
        ]
        for script in self.script_panel.scripts.values():
            if script.kind == "special" and script.hotkey:
                spec.append(
                    (
                        f"script_{script.id}",
                        script.hotkey,
                        lambda sid=script.id: self.script_panel.show_special(sid),
                        "script",
                    )
                )
        spec += [
            ("timeline", "Ctrl+T", self.show_timeline, "after"),
            ("dup_link", "Ctrl+Shift+D", self.link_duplicate, "after"),
            ("dup_ignore", "Ctrl+Shift+X", self.ignore_duplicate, "after"),
            ("messages", "Ctrl+Shift+M", self.acknowledge_messages, "after"),
            ("callbacks", "Ctrl+Shift+H", self.open_callbacks, "after"),
            ("conflicts", "Ctrl+Shift+R", self.show_conflicts, "after"),
        ]
        spec += [
            ("lang_en", "Ctrl+Shift+L", lambda: self.language_change_requested.emit("en"), "view"),
            ("lang_zh", "Ctrl+Shift+K", lambda: self.language_change_requested.emit("zh"), "view"),
            ("shortcuts", "F1", self.show_shortcuts, "help"),
            ("about", "Ctrl+F1", self.show_about, "help"),
        ]
        self.actions_by_name: dict[str, QAction] = {}
        self.menus = {key: self.menuBar().addMenu("") for key in ("call", "go", "script", "after", "view", "help")}
        for name, keys, slot, menu in spec:
            action = QAction(self)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            self.menus[menu].addAction(action)
            self.addAction(action)
            self.actions_by_name[name] = action

    def _action_texts(self) -> dict[str, str]:
        texts = {
            "accept": self.tr("接听 / 受理"),
            "end_call": self.tr("结束通话（进入话后处理）"),
            "ready": self.tr("整理完毕，就绪"),
            "break": self.tr("小休 / 恢复就绪"),
            "save": self.tr("保存工单"),
            "direct": self.tr("直接办理"),
            "dispatch": self.tr("转派"),
            "sync": self.tr("立即同步"),
            "quit": self.tr("退出"),
            "matter": self.tr("选择事项"),
            "description": self.tr("填写诉求内容"),
            "kb_search": self.tr("搜索知识库"),
            "kb_results": self.tr("知识库结果列表"),
            "insert_answer": self.tr("插入答复口径"),
            "history": self.tr("来电历史"),
            "next_step": self.tr("下一步话术"),
            "previous_step": self.tr("上一步话术"),
            "back_to_call": self.tr("返回通话话术"),
            "timeline": self.tr("查看工单时间线（来电历史中选中的工单）"),
            "dup_link": self.tr("关联为重复件"),
            "dup_ignore": self.tr("忽略重复件提示"),
            "messages": self.tr("组长消息：知道了（标为已读）"),
            "callbacks": self.tr("回访工作台"),
            "conflicts": self.tr("冲突与被拒收的修改（Alt+L 保留座席的值，Alt+C 保留中心的值）"),
            "lang_en": self.tr("English"),
            "lang_zh": self.tr("中文"),
            "shortcuts": self.tr("快捷键一览"),
            "about": self.tr("关于"),
        }
        for script in self.script_panel.scripts.values():
            if script.kind == "special":
                texts[f"script_{script.id}"] = self.tr("特殊话术：%1").replace("%1", script.title)
        return texts

    def all_actions(self) -> list[QAction]:
        """The window's actions and the conflict dialog's one-key choices (for F1)."""
        table = self.conflict_dialog.conflicts
        return [*self.actions_by_name.values(), table.keep_local_action, table.keep_central_action]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("运城12345 座席 — %1号").replace("%1", self.services.agent_no))
        titles = {
            "call": self.tr("通话(&C)"),
            "go": self.tr("导航(&G)"),
            "script": self.tr("话术(&S)"),
            "after": self.tr("话后(&A)"),
            "view": self.tr("语言(&L)"),
            "help": self.tr("帮助(&H)"),
        }
        for key, menu in self.menus.items():
            menu.setTitle(titles[key])
        for name, text in self._action_texts().items():
            self.actions_by_name[name].setText(text)
        self._show_banner()
        self._show_notice()
        self.duplicate_banner.retranslate()
        self.message_panel.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_actions(self) -> None:
        s = self.seat_state
        on_case = s in (SeatState.ON_CALL, SeatState.AFTER_CALL_WORK)
        self.actions_by_name["accept"].setEnabled(s == SeatState.RINGING)
        self.actions_by_name["end_call"].setEnabled(s == SeatState.ON_CALL)
        self.actions_by_name["ready"].setEnabled(s in (SeatState.AFTER_CALL_WORK, SeatState.OFFLINE))
        self.actions_by_name["break"].setEnabled(s in (SeatState.READY, SeatState.BREAK))
        for name in ("save", "direct", "dispatch"):
            self.actions_by_name[name].setEnabled(on_case)
        for name in ("dup_link", "dup_ignore"):
            self.actions_by_name[name].setEnabled(on_case and self.services.dispatch is not None)
        self.case_form.setEnabled(on_case)

    # ================================================================== seat state
    def start(self) -> None:
        """Go on duty: offer unsaved drafts back, then become ready and start the timers."""
        self._sync_timer.start()
        self.sync_now()
        drafts = self.services.drafts
        self.db_runner.submit(drafts.pending_drafts, self._on_pending_drafts_loaded)
        dispatch = self.services.dispatch
        if dispatch is not None and hasattr(dispatch, "queued_links"):
            # duplicate links queued before a restart or a crash
            self.db_runner.submit(dispatch.queued_links, self._on_queued_links_loaded)

    def _on_queued_links_loaded(self, links: Any, error: Any) -> None:
        if error is not None or not links:
            return
        for link in links:
            if link not in self.pending_links:
                self.pending_links.append(link)

    def _set_state(self, state: SeatState, *, report: bool = True) -> None:
        self.seat_state = state
        self.status.set_seat_state(state)
        if report:
            self._report_presence(state)
        if state == SeatState.RINGING:
            self._blink_timer.start()
        else:
            self._blink_timer.stop()
        if state == SeatState.READY:
            self._queue_timer.start()
        else:
            self._queue_timer.stop()
        if state in (SeatState.RINGING, SeatState.ON_CALL, SeatState.AFTER_CALL_WORK):
            self._lease_timer.start()
        else:
            self._lease_timer.stop()
        self._show_banner()
        self._update_actions()

    def become_ready(self) -> None:
        if self.seat_state in (SeatState.ON_CALL, SeatState.RINGING):
            return
        if self.seat_state == SeatState.AFTER_CALL_WORK and self._has_unsaved_case():
            self.show_notice(self.tr("工单尚未保存：请先保存（Ctrl+S），草稿已自动保留。"), "warn")
            return
        if self.draft_id and not self.saved:
            # an empty or abandoned call: nothing worth keeping
            self.db_runner.submit(lambda d=self.draft_id: self.services.drafts.discard_draft(d))
        self._reset_call()
        self._set_state(SeatState.READY)
        self.show_notice("")
        if self.pending_recovery:
            self._offer_recovery()

    def toggle_break(self) -> None:
        if self.seat_state == SeatState.READY:
            self._set_state(SeatState.BREAK)
        elif self.seat_state == SeatState.BREAK:
            self._set_state(SeatState.READY)

    def _reset_call(self) -> None:
        self.current_item = None
        self.draft_id = None
        self.case_no = ""
        self.case_id = ""
        self.saved = False
        self.kb_used = None
        self._reset_duplicates()
        self._suggested_unit = ""
        self.case_form.clear(self.services.area)
        self.case_form.set_draft_state("")
        self._dirty = False
        self._autosave_timer.stop()
        self.history_panel.clear()

    def _has_unsaved_case(self) -> bool:
        if self.saved:
            return False
        d = self.case_form.data()
        return bool(d["description"].strip() or is_matter(d["matter"]) or d["reply"].strip())

    # ================================================================== queue and ringing
    def poll_queue(self) -> None:
        if self.seat_state != SeatState.READY or self._polling_queue:
            return
        self._polling_queue = True
        self.db_runner.submit(self.services.queue.next_item, self._on_queue_item)

    def _on_queue_item(self, item: Any, error: Any) -> None:
        self._polling_queue = False
        if error is not None:
            self.show_notice(self.tr("队列暂不可用：%1").replace("%1", str(error)), "warn")
            return
        if item and self.seat_state == SeatState.READY:
            self.ring(item)

    def ring(self, item: dict[str, Any]) -> None:
        self.current_item = dict(item)
        self._set_state(SeatState.RINGING)
        QApplicationBeep()

    def _renew_lease(self) -> None:
        renew = getattr(self.services.queue, "renew_item", None)
        item = self.current_item
        if renew is not None and item and item.get("claim") is not None:
            self.db_runner.submit(lambda: renew(item))

    def _on_blink_timer_timeout(self) -> None:
        self._blink = not self._blink
        self.ring_banner.setProperty("blink", self._blink)
        self.ring_banner.style().unpolish(self.ring_banner)
        self.ring_banner.style().polish(self.ring_banner)

    def _show_banner(self) -> None:
        item = self.current_item or {}
        state = self.seat_state
        if state == SeatState.RINGING:
            phone = mask_phone(str(item.get("phone", "")))
            if case_channel(item.get("channel", Channel.PHONE.value)) == Channel.PHONE.value:
                text = self.tr("来电 %1（%2）— 按 F2 接听").replace("%1", phone)
            else:
                text = self.tr("网上诉求 %1（%2）— 按 F2 受理").replace("%1", phone)
            text = text.replace("%2", str(item.get("area", "")))
            self.ring_banner.setText(text)
        elif state == SeatState.ON_CALL and item.get("spoken"):
            self.ring_banner.setText(self.tr("来电人说：%1").replace("%1", str(item["spoken"])))
        elif state == SeatState.AFTER_CALL_WORK:
            self.ring_banner.setText(self.tr("话后处理：完成工单后按 F5 就绪"))
        self.ring_banner.setProperty("callState", state.value)
        self.ring_banner.style().unpolish(self.ring_banner)
        self.ring_banner.style().polish(self.ring_banner)
        self.ring_banner.setVisible(
            state in (SeatState.RINGING, SeatState.AFTER_CALL_WORK)
            or (state == SeatState.ON_CALL and bool(item.get("spoken")))
        )

    def accept_call(self) -> None:
        if self.seat_state != SeatState.RINGING or self.current_item is None:
            return
        item = self.current_item
        self.draft_id = str(uuid.uuid4())
        self.call_started_at = datetime.now(UTC)
        self.saved = False
        self.case_no = ""
        self._set_state(SeatState.ON_CALL)
        online = case_channel(item.get("channel", Channel.PHONE.value)) != Channel.PHONE.value
        form = {
            "channel": case_channel(item.get("channel", Channel.PHONE.value)),
            "phone": item.get("phone", ""),
            "area": item.get("area") or self.services.area,
            "caller_name": item.get("caller_name", "") if online else "",
            "description": item.get("description", ""),
        }
        self.case_form.load(form)
        self.script_panel.start_call({"工号": self.services.agent_no})
        self._update_script_variables()
        self._autosave_timer.start()
        self.load_history(str(item.get("phone", "")))
        if online:
            self.case_form.focus_matter()
        else:
            self.case_form.ui.callerEdit.setFocus()
        self.call_accepted.emit(item)
        self.autosave()

    def end_call(self) -> None:
        if self.seat_state != SeatState.ON_CALL:
            return
        self.script_panel.follow_stage("closing")
        self._set_state(SeatState.AFTER_CALL_WORK)
        self.autosave()

    # ================================================================== history
    def load_history(self, phone: str) -> None:
        if not phone:
            self.history_panel.clear()
            return
        self.history_panel.show_loading(mask_phone(phone))
        fn = self.services.history
        self.db_runner.submit(lambda: fn(phone), lambda r, e: self._on_history_loaded(phone, r, e))

    def _on_history_loaded(self, phone: str, cases: Any, error: Any) -> None:
        if self.current_item is None or str(self.current_item.get("phone", "")) != phone:
            return
        if error is not None:
            self.history_panel.show_failed(mask_phone(phone))
            return
        self.history_panel.show_cases(mask_phone(phone), list(cases or []))

    # ================================================================== the form
    def _on_case_form_changed(self) -> None:
        if self.seat_state not in (SeatState.ON_CALL, SeatState.AFTER_CALL_WORK):
            return
        self._dirty = True
        self.saved = False if not self.case_no else self.saved
        self._change_timer.start()
        self._update_script_variables()
        data = self.case_form.data()
        if data["caller_name"]:
            self.script_panel.follow_stage("request")
        self.knowledge.search_from_form(
            data["matter"] if is_matter(data["matter"]) else "", data["description"], data["area"]
        )
        self._schedule_duplicates(data)

    def _update_script_variables(self) -> None:
        d = self.case_form.data()
        self.script_panel.set_variables(
            工号=self.services.agent_no,
            来电人=d["caller_name"],
            工单号=self.case_no,
            承办单位=d["unit"] if d["resolution"] == "dispatch" else "",
            时限=self.tr("%1个工作日").replace("%1", str(d["deadline_days"]))
            if d["resolution"] == "dispatch"
            else "",
        )

    def _on_case_form_matter_chosen(self, name: str) -> None:
        if not is_matter(name):
            return
        m = matter_by_name(name)
        self.script_panel.follow_matter(m.name, m.subcategory, m.domain)
        self._suggest_unit()

    def _suggest_unit(self) -> None:
        d = self.case_form.data()
        if not is_matter(d["matter"]):
            return
        matter, area = d["matter"], d["area"]
        fn = self.services.cases.suggest_unit
        self.db_runner.submit(lambda: fn(matter, area), self._on_unit_suggested)

    def _on_unit_suggested(self, suggestion: Any, error: Any) -> None:
        if error is not None or not suggestion:
            return
        current = self.case_form.ui.unitEdit.text().strip()
        if current and current != self._suggested_unit:
            return  # the agent typed a unit: keep it
        unit = str(suggestion.get("unit", ""))
        self._suggested_unit = unit
        self.case_form.ui.unitEdit.setText(unit)
        days = suggestion.get("deadline_days")
        if days:
            self.case_form.ui.deadlineSpin.setValue(int(days))

    def choose_mode(self, mode: str) -> None:
        if self.seat_state not in (SeatState.ON_CALL, SeatState.AFTER_CALL_WORK):
            return
        self.case_form.set_resolution(mode)
        self._on_case_form_mode_chosen(mode)
        self.case_form.changed.emit()
        if mode == "dispatch":
            self.case_form.ui.unitEdit.setFocus()
        else:
            self.case_form.ui.replyEdit.setFocus()

    def _on_case_form_mode_chosen(self, mode: str) -> None:
        self.script_panel.follow_mode(mode)
        self.script_panel.follow_stage("resolution")
        self._update_script_variables()
        if mode == "dispatch" and not self.case_form.ui.unitEdit.text().strip():
            self._suggest_unit()

    def _on_knowledge_answer_inserted(self, text: str) -> None:
        if self.seat_state not in (SeatState.ON_CALL, SeatState.AFTER_CALL_WORK):
            return
        self.case_form.insert_reply(text)
        self.kb_used = dict(self.knowledge.current_entry or {})

    def _focus_results(self) -> None:
        self.knowledge.ui.resultList.setFocus()

    # ================================================================== drafts
    def draft_payload(self) -> dict[str, Any]:
        return {
            **self.case_form.data(),
            "case_no": self.case_no,
            "item": {k: v for k, v in (self.current_item or {}).items() if k != "claim"},
            "agent_no": self.services.agent_no,
            "seat_code": self.services.seat_code,
            "started_at": getattr(self, "call_started_at", datetime.now(UTC)).isoformat(),
        }

    def autosave(self) -> None:
        """Save the draft if anything changed; one save at a time, never on the UI thread."""
        if self.draft_id is None or self.saved or self._draft_saving:
            return
        if not self._dirty and self.case_form.ui.draftState.text():
            return
        self._dirty = False
        self._draft_saving = True
        draft_id, payload = self.draft_id, self.draft_payload()
        fn = self.services.drafts.save_draft
        self.db_runner.submit(lambda: fn(draft_id, payload), lambda r, e: self._on_draft_saved(draft_id, e))

    def _on_draft_saved(self, draft_id: str, error: Any) -> None:
        self._draft_saving = False
        if error is not None:
            self._dirty = True
            self.case_form.set_draft_state(self.tr("草稿保存失败，稍后重试：%1").replace("%1", str(error)))
            return
        if draft_id == self.draft_id and not self.saved:
            self.case_form.set_draft_state(
                self.tr("草稿已自动保存 %1").replace("%1", time.strftime("%H:%M:%S"))
            )
        self.draft_saved.emit(draft_id)
        if self._dirty and draft_id == self.draft_id:
            self._change_timer.start()

    def _on_pending_drafts_loaded(self, drafts: Any, error: Any) -> None:
        if error is not None:
            self.show_notice(self.tr("无法读取本地草稿：%1").replace("%1", str(error)), "error")
        self.pending_recovery = sorted(
            list(drafts or []), key=lambda d: str(d.get("updated_at", "")), reverse=True
        )
        if self.pending_recovery:
            self._offer_recovery()
        elif self.seat_state == SeatState.OFFLINE:
            self.become_ready()

    def _offer_recovery(self) -> None:
        count = len(self.pending_recovery)
        box = QMessageBox(self)
        box.setObjectName("recoverDrafts")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("恢复未保存的工单"))
        first = self.pending_recovery[0].get("data", {})
        box.setText(
            self.tr("发现 %1 份上次未保存的工单草稿。是否恢复最近一份？").replace("%1", str(count))
        )
        box.setInformativeText(
            f"{first.get('phone', '')} {first.get('matter', '')}\n{str(first.get('description', ''))[:80]}"
        )
        self.restore_button = box.addButton(self.tr("恢复 (&R)"), QMessageBox.ButtonRole.AcceptRole)
        self.discard_button = box.addButton(self.tr("放弃 (&D)"), QMessageBox.ButtonRole.DestructiveRole)
        self.later_button = box.addButton(self.tr("稍后 (&L)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.restore_button)
        box.finished.connect(lambda _r, b=box: self._on_recover_box_finished(b))
        self.recover_box = box
        box.open()

    def _on_recover_box_finished(self, box: QMessageBox) -> None:
        clicked = box.clickedButton()
        self.recover_box = None
        if not self.pending_recovery:
            return
        draft = self.pending_recovery[0]
        if clicked is self.restore_button:
            self.pending_recovery.pop(0)
            self.restore_draft(draft)
        elif clicked is self.discard_button:
            self.pending_recovery.pop(0)
            self.db_runner.submit(lambda d=draft["draft_id"]: self.services.drafts.discard_draft(d))
            if self.pending_recovery:
                self._offer_recovery()
                return
            if self.seat_state == SeatState.OFFLINE:
                self.become_ready()
        elif self.seat_state == SeatState.OFFLINE:
            self.become_ready()

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Open a recovered draft in after-call work; the agent completes and saves it."""
        data = dict(draft.get("data") or {})
        self.draft_id = str(draft["draft_id"])
        self.current_item = dict(data.get("item") or {"phone": data.get("phone", "")})
        self.current_item.pop("spoken", None)
        self.case_no = str(data.get("case_no") or "")
        self.saved = False
        self._set_state(SeatState.AFTER_CALL_WORK)
        self.case_form.load(data)
        self.script_panel.start_call({"工号": self.services.agent_no})
        if is_matter(data.get("matter", "")):
            m = matter_by_name(data["matter"])
            self.script_panel.follow_matter(m.name, m.subcategory, m.domain)
        if data.get("resolution"):
            self.script_panel.follow_mode(data["resolution"])
        self._update_script_variables()
        self.load_history(str(data.get("phone", "")))
        self._autosave_timer.start()
        self._dirty = False
        self.show_notice(self.tr("已恢复未保存的工单草稿，请核对后保存（Ctrl+S）。"), "info")

    # ================================================================== saving
    def save_case(self) -> None:
        if self.seat_state not in (SeatState.ON_CALL, SeatState.AFTER_CALL_WORK):
            return
        if self._case_saving:
            return
        missing = self.case_form.missing_fields()
        if missing:
            self.show_notice(self.tr("还不能保存，请填写：%1").replace("%1", "、".join(missing)), "warn")
            return
        self._case_saving = True
        payload = {**self.draft_payload(), "draft_id": self.draft_id}
        payload["channel"] = case_channel(payload.get("channel", ""))
        used = getattr(self, "kb_used", None) or {}
        if used.get("code"):
            payload["kb_entry_code"] = used["code"]
        claim = (self.current_item or {}).get("claim")
        if getattr(claim, "call_id", None):
            payload["call_id"] = claim.call_id
        if self.case_no:
            payload["case_no"] = self.case_no
        self.case_form.set_draft_state(self.tr("正在保存…"))
        fn = self.services.cases.save_case
        self.db_runner.submit(lambda: fn(payload), lambda r, e: self._on_case_saved(payload, r, e))

    def _on_case_saved(self, payload: dict[str, Any], result: Any, error: Any) -> None:
        self._case_saving = False
        if error is not None:
            self._dirty = True
            self.case_form.set_draft_state(self.tr("保存失败，草稿已保留"))
            self.show_notice(self.tr("工单保存失败（草稿已保留，可重试 Ctrl+S）：%1").replace("%1", str(error)), "error")
            self.autosave()
            return
        case_no = str((result or {}).get("case_no", ""))
        self.case_no = case_no
        self.case_id = str((result or {}).get("case_id") or (result or {}).get("id") or "")
        self._queue_link()
        self.saved = True
        self._dirty = False
        self.case_form.set_case_no(case_no)
        self.case_form.set_draft_state(self.tr("工单已保存"))
        self._update_script_variables()
        self.script_panel.follow_stage("readback")
        self.show_notice(self.tr("工单 %1 已保存，请向来电人复述工单号。").replace("%1", case_no), "info")
        draft_id = payload.get("draft_id")
        if draft_id:
            self.db_runner.submit(lambda: self.services.drafts.discard_draft(str(draft_id)))
        complete = getattr(self.services.queue, "complete_item", None)
        item = self.current_item
        if complete is not None and item and item.get("claim") is not None:
            case_id = (result or {}).get("case_id") or (result or {}).get("id")
            self.db_runner.submit(lambda: complete(item, case_id))
        self.case_saved.emit({**payload, **(result or {})})
        self.sync_now()

    # ================================================================== sync
    def sync_now(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        self.sync_runner.submit(self.services.sync.sync_once, self._on_synced)

    def _on_synced(self, state: Any, error: Any) -> None:
        self._syncing = False
        if error is not None:
            state = {"state": "offline", "pending": self.status.sync.get("pending", 0), "error": str(error)}
        self.status.set_sync(state or {})
        if (state or {}).get("state") == "offline":
            self._central_error = (state or {}).get("error") or ""
            self._show_notice()
        elif getattr(self, "_central_error", None) is not None:
            self._central_error = None
            self._show_notice()
        self.load_conflicts()  # the local store's view: also offline
        if (state or {}).get("state") != "offline":
            self.apply_pending_links()
            self.poll_messages()
            self.poll_forced_state()

    # ================================================================== conflicts and refused ops
    def load_conflicts(self) -> None:
        """The agent's open conflicts and the refused ops (on the sync tick, off the UI thread)."""
        port = self.services.conflicts
        if port is None or self._loading_conflicts:
            return
        self._loading_conflicts = True
        self.db_runner.submit(port.open_items, self._on_conflicts_loaded)

    def _on_conflicts_loaded(self, items: Any, error: Any) -> None:
        self._loading_conflicts = False
        if error is not None:
            log.warning("conflicts not readable: %s", error)
            return
        items = dict(items or {})
        self.conflict_items = {"conflicts": list(items.get("conflicts") or []),
                               "rejected": list(items.get("rejected") or [])}
        self.status.set_conflicts(len(self.conflict_items["conflicts"]),
                                  len(self.conflict_items["rejected"]))
        if not self._resolving_conflict:
            self.conflict_dialog.show_items(self.conflict_items)

    def show_conflicts(self) -> ConflictDialog | None:
        """Ctrl+Shift+R (or the status bar badge): both values side by side; Alt+L keeps the
        seat's value, Alt+C central's; the refused ops with central's reason."""
        if self.services.conflicts is None:
            self.show_notice(self.tr("冲突列表未连接本地库，暂不可用。"), "warn")
            return None
        dialog = self.conflict_dialog
        dialog.show_items(self.conflict_items)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.conflicts.table.setFocus()
        self.load_conflicts()
        return dialog

    def resolve_conflict(self, conflict_id: str, choice: str) -> None:
        port = self.services.conflicts
        if port is None or self._resolving_conflict:
            return
        self._resolving_conflict = True
        table = self.conflict_dialog.conflicts
        table.set_busy(True)
        table.show_message(self.tr("正在保存选择…"))
        self.db_runner.submit(lambda: port.resolve(conflict_id, choice),
                              lambda r, e: self._on_conflict_resolved(conflict_id, e))

    def _on_conflict_resolved(self, conflict_id: str, error: Any) -> None:
        self._resolving_conflict = False
        table = self.conflict_dialog.conflicts
        table.set_busy(False)
        if error is not None:
            table.show_message(self.tr("未能解决冲突：%1").replace("%1", _reason(error, current_language())))
            self.load_conflicts()
            return
        table.show_message(self.tr("已保存选择，正在同步到中心库。"))
        # shown at once without the resolved row; the store's view follows on the next load
        self.conflict_items["conflicts"] = [
            c for c in self.conflict_items["conflicts"] if c.get("id") != conflict_id
        ]
        self.conflict_dialog.show_items(self.conflict_items)
        self.status.set_conflicts(len(self.conflict_items["conflicts"]),
                                  len(self.conflict_items["rejected"]))
        self.sync_now()

    # ================================================================== after the call: timeline
    def show_timeline(self, item: Any = None) -> None:
        """The timeline of the case chosen in the caller history (Enter, double click, Ctrl+T),
        else of the case of this call once saved."""
        case: dict[str, Any] | None = None
        if item is None or isinstance(item, bool):
            item = self.history_panel.tree.currentItem()
        if item is not None:
            case = item.data(0, CASE_ROLE)
        if not case and self.case_id:
            case = {"id": self.case_id, "case_no": self.case_no, "status": ""}
        if not case or not case.get("id"):
            self.show_notice(self.tr("请先在来电历史中选择一张工单（Ctrl+H，上下键选择，回车查看）。"), "info")
            return
        dialog = self.timeline_dialog
        if dialog is None:
            dialog = self.timeline_dialog = TimelineDialog(self)
        case_id = str(case["id"])
        dialog.show_loading(case_id, case)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dispatch = self.services.dispatch
        if dispatch is None:
            dialog.show_failed(self.tr("未连接中心库"))
            return
        self.central_runner.submit(
            lambda: dispatch.case_view(case_id), lambda r, e: self._on_timeline_loaded(case_id, r, e)
        )

    def _on_timeline_loaded(self, case_id: str, view: Any, error: Any) -> None:
        dialog = self.timeline_dialog
        if dialog is None or dialog.case_id != case_id:
            return
        if error is not None:
            log.info("timeline of %s: %s", case_id, error)
            dialog.show_failed(_reason(error))
            return
        dialog.show_view(dict(view or {}))

    # ================================================================== after the call: duplicates
    def _reset_duplicates(self) -> None:
        self._dup_timer.stop()
        self._dup_key = None
        self._dup_again = False
        self._dup_ignored = set()
        self._link_target = None
        self.duplicates = []
        self.duplicate_banner.show_suggestion(None)

    def _schedule_duplicates(self, data: dict[str, Any]) -> None:
        """Ask for earlier duplicates once phone or address and the matter are known (debounced)."""
        if self.services.dispatch is None:
            return
        key = (data["phone"], data["address"], data["matter"], data["area"])
        if not ((data["phone"] or data["address"]) and is_matter(data["matter"])):
            self._dup_key = None
            self._dup_timer.stop()
            return
        if key == self._dup_key:
            return
        self._dup_key = key
        self._dup_timer.start()

    def ask_duplicates(self) -> None:
        dispatch = self.services.dispatch
        if dispatch is None or self._dup_key is None or self.draft_id is None:
            return
        if getattr(self, "_central_error", None) is not None:
            return  # the last sync found the central database down: no suggestion, no wait
        if self._dup_asking:
            self._dup_again = True
            return
        self._dup_asking = True
        key, draft_id, case_id = self._dup_key, self.draft_id, self.case_id
        phone, address, matter, area = key
        received = getattr(self, "call_started_at", None) or datetime.now(UTC)
        self.central_runner.submit(
            lambda: dispatch.suggest_duplicates(phone, address, matter, area, received, case_id),
            lambda r, e: self._on_duplicates(key, draft_id, r, e),
        )

    def _on_duplicates(self, key: tuple[str, ...], draft_id: str, found: Any, error: Any) -> None:
        self._dup_asking = False
        if self._dup_again:
            self._dup_again = False
            if key != self._dup_key:
                self.ask_duplicates()
                return
        if draft_id != self.draft_id or key != self._dup_key:
            return  # another call, or the form changed since: a newer question is on its way
        if error is not None:
            # the central database is down: no suggestion, no dialog (the status bar says offline)
            log.info("duplicate suggestions unavailable: %s", error)
            return
        self.duplicates = [
            d for d in (found or [])
            if str(d.get("earlier_case_id")) not in self._dup_ignored
            and str(d.get("earlier_case_id")) != self.case_id
        ]
        self._show_duplicate()

    def _show_duplicate(self) -> None:
        target = self._link_target
        if target is not None:
            self.duplicate_banner.show_suggestion(target, linked=True)
            return
        self.duplicate_banner.show_suggestion(self.duplicates[0] if self.duplicates else None, linked=False)

    def link_duplicate(self) -> None:
        """Link this call's case to the suggested earlier case: at once if the case is saved,
        else at its save; applied on the central database after the next successful sync."""
        suggestion = self.duplicate_banner.suggestion
        if not self.duplicate_banner.isVisible() or suggestion is None or self._link_target is not None:
            return
        if self.seat_state not in (SeatState.ON_CALL, SeatState.AFTER_CALL_WORK):
            return
        self._link_target = dict(suggestion)
        self._show_duplicate()
        if self.saved and self.case_id:
            self._queue_link()
            self.sync_now()
        else:
            self.show_notice(
                self.tr("保存工单后将关联为工单 %1 的重复件（同步到中心库后生效）。")
                .replace("%1", str(suggestion.get("case_number", ""))),
                "info",
            )

    def ignore_duplicate(self) -> None:
        suggestion = self.duplicate_banner.suggestion
        if not self.duplicate_banner.isVisible() or suggestion is None:
            return
        earlier = str(suggestion.get("earlier_case_id", ""))
        self._dup_ignored.add(earlier)
        if self._link_target is not None and str(self._link_target.get("earlier_case_id")) == earlier:
            self._link_target = None
            self.pending_links = [
                p for p in self.pending_links
                if not (p["case_id"] == self.case_id and p["earlier_case_id"] == earlier)
            ]
            self._keep_links()
        self.duplicates = [d for d in self.duplicates if str(d.get("earlier_case_id")) != earlier]
        self._show_duplicate()

    def _queue_link(self) -> None:
        target = self._link_target
        if target is None or not self.case_id:
            return
        link = {
            "case_id": self.case_id,
            "case_no": self.case_no,
            "earlier_case_id": str(target.get("earlier_case_id", "")),
            "earlier_case_no": str(target.get("case_number", "")),
        }
        if link not in self.pending_links:
            self.pending_links.append(link)
            self._keep_links()

    def _keep_links(self) -> None:
        """Write the queue of links to the seat-local store (off the UI thread)."""
        dispatch = self.services.dispatch
        if dispatch is None or not hasattr(dispatch, "keep_queued_links"):
            return
        links = [dict(link) for link in self.pending_links]
        self.db_runner.submit(lambda: dispatch.keep_queued_links(links))

    def apply_pending_links(self) -> None:
        """Apply queued duplicate links (after a successful sync); a case that has not
        reached the central database yet stays queued for the next sync."""
        dispatch = self.services.dispatch
        if dispatch is None or self._linking or not self.pending_links:
            return
        self._linking = True
        links = list(self.pending_links)

        def job() -> list[tuple[dict[str, str], BaseException | None]]:
            out: list[tuple[dict[str, str], BaseException | None]] = []
            for link in links:
                try:
                    dispatch.link_duplicate(link["case_id"], link["earlier_case_id"])
                    out.append((link, None))
                except Exception as exc:  # noqa: BLE001 - each link reports its own outcome
                    out.append((link, exc))
            return out

        self.central_runner.submit(job, self._on_links_applied)

    def _on_links_applied(self, outcomes: Any, error: Any) -> None:
        self._linking = False
        if error is not None:
            return
        for link, exc in outcomes or []:
            if isinstance(exc, LookupError) or _is_connection_error(exc):
                continue  # not synced yet, or the central database went away: next sync
            if link in self.pending_links:
                self.pending_links.remove(link)
                self._keep_links()
            if exc is None:
                self.show_notice(
                    self.tr("工单 %1 已关联为工单 %2 的重复件（并案）。")
                    .replace("%1", link["case_no"]).replace("%2", link["earlier_case_no"]),
                    "info",
                )
                self.duplicate_linked.emit(link["case_id"], link["earlier_case_id"])
            else:
                self.show_notice(
                    self.tr("工单 %1 未能关联为重复件：%2")
                    .replace("%1", link["case_no"]).replace("%2", _reason(exc, self.language)),
                    "warn",
                )

    # ================================================================== after the call: lead messages
    def poll_forced_state(self) -> None:
        """A state the team lead forced on this seat (on the sync tick)."""
        presence = self.services.presence
        if presence is None or not hasattr(presence, "forced_state"):
            return
        self.central_runner.submit(presence.forced_state, self._on_forced_state)

    def _on_forced_state(self, state: Any, error: Any) -> None:
        if error is not None or not state:
            return
        try:
            forced = SeatState(state)
        except ValueError:
            return
        # never in the middle of a call: the lead's change waits for the agent's next one
        if forced == self.seat_state or self.seat_state not in (
            SeatState.READY, SeatState.BREAK, SeatState.TRAINING, SeatState.OFFLINE
        ):
            return
        if forced == SeatState.READY:
            self._reset_call()
        self._set_state(forced, report=False)
        self.show_notice(self.tr("班长已将座席状态改为「%1」。")
                         .replace("%1", self.status.state_names().get(forced, forced.value)), "info")

    def poll_messages(self) -> None:
        """Unread messages of the team lead (on the sync tick, not a timer of its own)."""
        messages = self.services.messages
        if messages is None or self._polling_messages or self._marking_read:
            return
        self._polling_messages = True
        self.central_runner.submit(messages.unread, self._on_messages)

    def _on_messages(self, rows: Any, error: Any) -> None:
        self._polling_messages = False
        if error is not None:
            log.info("lead messages unavailable: %s", error)
            return
        rows = list(rows or [])
        known = {m.get("id") for m in self.lead_messages}
        fresh = [m for m in rows if m.get("id") not in known]
        self.lead_messages = rows
        self.message_panel.show_messages(rows)
        self.status.set_unread_messages(len(rows))
        if fresh:
            QApplicationAlert(self)
            self.messages_shown.emit(len(fresh))

    def acknowledge_messages(self) -> None:
        """知道了: mark the shown messages read (on the central database)."""
        messages = self.services.messages
        ids = [int(m["id"]) for m in self.lead_messages if m.get("id") is not None]
        if messages is None or not ids or self._marking_read:
            return
        self._marking_read = True
        self.central_runner.submit(lambda: messages.mark_read(ids), lambda _r, e: self._on_marked_read(ids, e))

    def _on_marked_read(self, ids: list[int], error: Any) -> None:
        self._marking_read = False
        if error is not None:
            self.show_notice(self.tr("暂时无法把组长消息标为已读，稍后再试（Ctrl+Shift+M）。"), "warn")
            return
        self.lead_messages = [m for m in self.lead_messages if m.get("id") not in set(ids)]
        self.message_panel.show_messages(self.lead_messages)
        self.status.set_unread_messages(len(self.lead_messages))

    # ================================================================== after the call: callbacks
    def open_callbacks(self) -> QWidget | None:
        """The callback work list (回访) in its own window."""
        factory = self.services.callbacks
        if factory is None:
            self.show_notice(self.tr("回访工作台未连接中心库，暂不可用。"), "warn")
            return None
        window = self.callback_window
        if window is None:
            window = factory(self.central_runner)
            window.setParent(self, Qt.WindowType.Window)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            window.resize(1200, 720)
            self.callback_window = window
        else:
            refresh = getattr(window, "refresh", None)
            if refresh is not None:
                refresh()
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # ================================================================== notices, dialogs
    def show_notice(self, text: str, kind: str = "info") -> None:
        self._notice = (text, kind)
        self._show_notice()

    def _show_notice(self) -> None:
        text, kind = getattr(self, "_notice", ("", "info"))
        offline = getattr(self, "_central_error", None)
        if not text and self.services.warnings:
            # a damaged local store (what was recovered, what was lost) or a service that
            # could not start: said in the window for the whole session, not only in About
            text = "\n".join(self.services.warnings)
            kind = "error"
            if offline is not None:
                text = self.tr("中心数据库暂不可用：工单照常保存在本机，恢复后自动同步。") + "\n" + text
        if offline is not None and not text:
            text = self.tr("中心数据库暂不可用：工单照常保存在本机，恢复后自动同步。")
            kind = "warn"
        self.notice.setText(text)
        self.notice.setProperty("kind", kind)
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice.setVisible(bool(text))

    def show_shortcuts(self) -> ShortcutSheet:
        sheet = ShortcutSheet(self.all_actions(), self)
        self.shortcut_sheet = sheet
        sheet.open()
        return sheet

    def show_about(self) -> None:
        notes = "\n".join(self.services.notes) or self.tr("所有服务均已连接。")
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("关于"))
        box.setText(self.tr("Seat 运城12345 座席系统") + "\n\n" + notes)
        box.open()

    def _report_presence(self, state: SeatState) -> None:
        """Tell the central seats table (the lead's console); never blocks, never fails loud."""
        presence = self.services.presence
        if presence is None:
            return
        value = state.value
        self.central_runner.submit(lambda: presence.report(value), _ignore_result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.draft_id and not self.saved:
            # one last draft save, on the database thread, waited for: nothing typed is lost
            draft_id, payload, services = self.draft_id, self.draft_payload(), self.services
            self.db_runner.submit(lambda: services.drafts.save_draft(draft_id, payload))
            self.db_runner.wait(5000)
        if self.services.presence is not None and self.seat_state != SeatState.OFFLINE:
            self._report_presence(SeatState.OFFLINE)
            self.central_runner.wait(3000)
        for timer in (
            self._autosave_timer,
            self._queue_timer,
            self._sync_timer,
            self._blink_timer,
            self._lease_timer,
            self._dup_timer,
        ):
            timer.stop()
        for child in (self.timeline_dialog, self.callback_window, self.conflict_dialog):
            if child is not None:
                child.close()
        super().closeEvent(event)


def _reason(error: BaseException, language: str = "zh") -> str:
    """A refused rule's own text (zh/en), else the error's first line."""
    zh, en = getattr(error, "zh", None), getattr(error, "en", None)
    if zh is not None:
        return en if language == "en" and en else zh
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _is_connection_error(error: BaseException | None) -> bool:
    """The central database could not be reached (try again after the next sync)."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError | OSError | TimeoutError)


def QApplicationAlert(window: QWidget) -> None:  # noqa: N802 - mirrors QApplication.alert
    from PySide6.QtWidgets import QApplication

    QApplication.alert(window)


def QApplicationBeep() -> None:  # noqa: N802 - mirrors QApplication.beep
    from PySide6.QtWidgets import QApplication

    QApplication.beep()


def _ignore_result(_result: object, error: BaseException | None) -> None:
    if error is not None:  # the central database is away: the next change reports again
        logging.getLogger(__name__).info("seat state not reported: %s", error)
