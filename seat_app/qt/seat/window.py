"""The agent's seat window: script panel, case form, knowledge panel, caller history.

A call, keyboard first: ring (banner) -> F2 accept -> greeting -> caller history by phone ->
Ctrl+M matter (name or pinyin) -> fields -> knowledge panel follows the form (Ctrl+K own
search, Ctrl+I insert answer) -> Ctrl+1 direct / Ctrl+2 dispatch (unit suggested) -> Ctrl+S
save (off the UI thread) -> case number read back -> F4 end call (closing script, after-call
work timer) -> F5 ready. F1 shows every shortcut.

The window is the layout (``layout``); controllers own the behaviour with their timers and
guards: ``calls`` (state, queue, ring/answer/end, lease, presence, forced state), ``drafts``
(autosave, recovery, save), ``duplicates`` (advisor and queued links), ``lead_messages``,
``conflicts`` (the badge and dialog), ``sync_tick`` and, in ``capabilities``, ``presence``
(heartbeat, sign-out), ``suggestions`` and ``practice_switch``. Service calls run on ``runners``:
``local`` (seat-local store), ``central`` (central database), ``search``, ``sync``, so a
hung central statement never delays a draft save.

Wired capabilities: the 5 s heartbeat and sign-out through it (``services.presence``), the
matter chips under the description (``services.intake_suggester``), KB corrections and the
search log (``services.correct``, ``services.search_log``), practice mode (Ctrl+Shift+P,
``services.practice_engine``) and, once the shell installs a phone (``window.phone``),
dialing from the knowledge panel and the callback work list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from seat_app.domain.queue import SeatState
from seat_app.qt.ports import SeatServices
from seat_app.qt.seat import intake_chips
from seat_app.qt.seat.actions import ShortcutSheet, install_actions, listed_keys, update_enabled
from seat_app.qt.seat.after_call import DuplicateBanner, MessagePanel, TimelineDialog
from seat_app.qt.seat.calls import CallController
from seat_app.qt.seat.capabilities import PracticeSwitch, Presence, SuggestionRecorder
from seat_app.qt.seat.case_form import CaseForm
from seat_app.qt.seat.conflicts import ConflictBadge
from seat_app.qt.seat.drafts import DraftKeeper
from seat_app.qt.seat.duplicates import DuplicateAdvisor
from seat_app.qt.seat.follow import FormFollower
from seat_app.qt.seat.history_panel import HistoryPanel
from seat_app.qt.seat.knowledge_panel import KnowledgePanel
from seat_app.qt.seat.layout import line_label, seat_layout
from seat_app.qt.seat.lead_messages import LeadMessages
from seat_app.qt.seat.script_panel import ScriptPanel, load_scripts
from seat_app.qt.seat.status_bar import SeatStatusBar
from seat_app.qt.seat.sync_tick import SyncTicker
from seat_app.qt.workers import Op, Runner, SeatRunners, SingleFlight

__all__ = ["SeatWindow", "ShortcutSheet"]


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
        runners: SeatRunners,
        scripts: dict | None = None,
        autosave_ms: int = 3000,
        change_save_ms: int = 400,
        queue_poll_ms: int = 1000,
        sync_poll_ms: int = 2000,
        search_delay_ms: int = 60,
        duplicate_delay_ms: int = 500,
        beat_ms: int = 5000,
        language: str = "zh",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("seatWindow")
        self.services, self.runners, self.language = services, runners, language
        self.offline: str | None = None
        """The last sync's error while the central database is down, else None."""
        self.notice_text: tuple[str, str] = ("", "info")
        self.shortcut_sheet: ShortcutSheet | None = None
        self.practice: Any = None
        """The installed practice mode (seat_app.qt.seat.practice.PracticeMode), else None."""
        self.intake_chips: Any = None  # both set by intake_chips.install
        self.intake_suggester: Any = None
        self._phone: Any = None
        self._listed_keys: dict[str, QAction] = {}

        # ---- panels
        self.script_panel = ScriptPanel(scripts or load_scripts())
        self.history_panel = HistoryPanel()
        self.case_form = CaseForm()
        self.knowledge = KnowledgePanel(
            services.search,
            services.entry,
            runners.search,
            entry_runner=runners.local,
            delay_ms=search_delay_ms,
            correct_fn=services.correct,
            search_log=services.search_log,
        )
        self.knowledge.set_area(services.area)
        self.ring_banner = line_label("ringBanner", centered=True)
        self.notice = line_label("noticeBar", wrap=True)
        self.duplicate_banner = DuplicateBanner()
        self.message_panel = MessagePanel()
        self.setCentralWidget(
            seat_layout(
                [self.ring_banner, self.notice, self.message_panel, self.duplicate_banner],
                self.script_panel,
                self.history_panel,
                self.case_form,
                self.knowledge,
            )
        )
        self.status = SeatStatusBar()
        self.setStatusBar(self.status)

        # ---- controllers (each owns its timers and in-flight guards)
        self.calls = CallController(self, queue_poll_ms=queue_poll_ms)
        self.drafts = DraftKeeper(self, autosave_ms=autosave_ms, change_save_ms=change_save_ms)
        self.duplicates = DuplicateAdvisor(self, delay_ms=duplicate_delay_ms)
        self.lead_messages = LeadMessages(self)
        self.conflicts = ConflictBadge(self)
        self.follow = FormFollower(self)
        self.presence = Presence(self, beat_ms=beat_ms)
        self.suggestions = SuggestionRecorder(self)
        self.practice_switch = PracticeSwitch(self)
        self.sync_tick = SyncTicker(self, sync_poll_ms=sync_poll_ms)

        self.menus, self.actions_by_name = install_actions(self, self)

        # ---- signals
        self.duplicate_banner.link_requested.connect(self.link_duplicate)
        self.duplicate_banner.ignore_requested.connect(self.ignore_duplicate)
        self.message_panel.acknowledge_requested.connect(self.acknowledge_messages)
        self.case_form.changed.connect(self.follow.on_changed)
        self.case_form.matter_chosen.connect(self.follow.on_matter_chosen)
        self.case_form.handling_chosen.connect(self.follow.on_handling_chosen)
        self.case_form.save_requested.connect(self.save_case)
        if services.intake_suggester is not None:  # matter chips under the description
            intake_chips.install(self, services.intake_suggester)
            self.case_saved.connect(self.suggestions.record)
        self.knowledge.answer_inserted.connect(self.follow.on_answer_inserted)
        self.history_panel.tree.itemActivated.connect(lambda item, _col: self.show_timeline(item))

        self.case_form.clear(services.area)
        self.resize(1400, 860)
        self.retranslate()
        self.update_actions()

    # ------------------------------------------------------------------ what tests and the shell read
    @property
    def seat_state(self) -> SeatState:
        return self.calls.state

    @property
    def saved(self) -> bool:
        return self.drafts.saved

    @property
    def case_number(self) -> str:
        return self.drafts.case_number

    @property
    def case_id(self) -> str:
        return self.drafts.case_id

    @property
    def pending_links(self) -> list[dict[str, Any]]:
        return self.duplicates.pending_links

    @property
    def recover_box(self) -> QMessageBox | None:
        return self.drafts.recover_box

    @property
    def conflict_dialog(self) -> Any:
        return self.conflicts.dialog

    @property
    def timeline_dialog(self) -> TimelineDialog | None:
        return self.follow.timeline_dialog

    @property
    def callback_window(self) -> QWidget | None:
        return self.follow.callback_window

    @property
    def heartbeat(self) -> Any:
        return self.presence.heartbeat

    @property
    def beat_timer(self) -> QTimer:
        return self.presence.timer

    @property
    def sync_timer(self) -> QTimer:
        return self.sync_tick.timer

    @property
    def phone(self) -> Any:
        """The seat's telephone (seat_app.qt.seat.phone, installed by the shell), or None."""
        return self._phone

    @phone.setter
    def phone(self, phone: Any) -> None:
        self._phone = phone
        if phone is not None:  # the knowledge panel calls the entry's unit through it
            self.knowledge.enable_dial(phone.dial)

    # ------------------------------------------------------------------ actions and language
    def all_actions(self) -> list[QAction]:
        """The window's actions, the conflict dialog's one-key choices and the keys of the
        panels' own shortcuts (KB correction, the matter chips), for F1."""
        table = self.conflicts.dialog.conflicts
        own = [*self.actions_by_name.values(), table.keep_local_action, table.keep_central_action]
        return own + listed_keys(self, self._panel_keys(), self._listed_keys)

    def _panel_keys(self) -> list[tuple[str, str]]:
        keys = []
        if self.services.correct is not None:
            keys.append(("Ctrl+Shift+J", self.tr("知识纠错（当前打开的知识条目）")))
        if self.intake_chips is not None:
            keys.append(("Alt+1", self.tr("接受推荐事项（Alt+1 / Alt+2 / Alt+3）")))
        return keys

    def action_texts(self) -> dict[str, str]:
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
            "practice": self.tr("进入练习模式")
            if self.practice is None
            else self.tr("退出练习模式"),
            "shortcuts": self.tr("快捷键一览"),
            "about": self.tr("关于"),
        }
        for script in self.script_panel.scripts.values():
            if script.kind == "special":
                texts[f"script_{script.id}"] = self.tr("特殊话术：%1").replace("%1", script.title)
        return texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("运城12345 座席 — %1号").replace("%1", self.services.work_no))
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
        for name, text in self.action_texts().items():
            self.actions_by_name[name].setText(text)
        self.calls.show_banner()
        self.refresh_notice()
        self.duplicate_banner.retranslate()
        self.message_panel.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def update_actions(self) -> None:
        update_enabled(self)

    # ------------------------------------------------------------------ seat state and the call
    def start(self) -> None:
        """Go on duty: offer unsaved drafts back, then become ready and start the timers."""
        self.duplicates.load_queued()  # before the first sync, which may apply them
        self.sync_tick.timer.start()
        self.presence.start()
        self.sync_now()
        self.drafts.load_pending()

    def become_ready(self) -> None:
        if self.seat_state in (SeatState.ON_CALL, SeatState.RINGING):
            return
        if self.seat_state == SeatState.AFTER_CALL_WORK and self.drafts.has_unsaved_case():
            self.show_notice(self.tr("工单尚未保存：请先保存（Ctrl+S），草稿已自动保留。"), "warn")
            return
        if self.drafts.draft_id and not self.saved:
            self.drafts.discard(self.drafts.draft_id)  # an empty or abandoned call
        self.reset_call()
        self.calls.set_state(SeatState.READY)
        self.show_notice("")
        if self.drafts.pending_recovery:
            self.drafts.offer_recovery()

    def beat(self) -> None:
        self.presence.beat()

    def enter_practice(self) -> None:
        self.practice_switch.enter()

    def toggle_practice(self) -> None:
        self.practice_switch.toggle()

    def leave_practice(self) -> None:
        self.practice_switch.leave()

    def toggle_break(self) -> None:
        if self.seat_state in (SeatState.READY, SeatState.BREAK):
            self.calls.set_state(
                SeatState.BREAK if self.seat_state == SeatState.READY else SeatState.READY
            )

    def reset_call(self) -> None:
        self.calls.item = None
        self.drafts.reset()
        self.duplicates.reset()
        self.follow.suggested_unit = ""
        self.case_form.clear(self.services.area)
        self.case_form.set_draft_state("")
        self.drafts.dirty = False
        self.history_panel.clear()

    def ring(self, item: dict[str, Any]) -> None:
        self.calls.ring(item)

    def poll_queue(self) -> None:
        self.calls.poll_queue()

    def poll_forced_state(self) -> None:
        self.calls.poll_forced_state()

    def accept_call(self) -> None:
        item = self.calls.accept()
        if item is not None:
            self.drafts.begin(self.calls.new_draft_id())
            self.follow.start_call(item)
            self.call_accepted.emit(item)
            self.autosave()

    def end_call(self) -> None:
        if self.seat_state == SeatState.ON_CALL:
            self.script_panel.follow_stage("closing")
            self.calls.set_state(SeatState.AFTER_CALL_WORK)
            self.autosave()

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.drafts.restore(draft)

    def load_history(self, phone: str) -> None:
        self.follow.load_history(phone)

    def update_script_variables(self) -> None:
        self.follow.update_script_variables()

    def choose_handling(self, handling: str) -> None:
        self.follow.choose_handling(handling)

    def show_timeline(self, item: Any = None) -> None:
        self.follow.show_timeline(item)

    def open_callbacks(self) -> QWidget | None:
        return self.follow.open_callbacks()

    # ------------------------------------------------------------------ drafts, save, sync
    def draft_payload(self) -> dict[str, Any]:
        return self.drafts.payload()

    def autosave(self) -> None:
        self.drafts.autosave()

    def save_case(self) -> None:
        self.drafts.save_case()

    def sync_now(self) -> None:
        self.sync_tick.sync_now()

    # ------------------------------------------------------------------ after the call
    def link_duplicate(self) -> None:
        self.duplicates.link()

    def ignore_duplicate(self) -> None:
        self.duplicates.ignore()

    def apply_pending_links(self) -> None:
        self.duplicates.apply_pending()

    def acknowledge_messages(self) -> None:
        self.lead_messages.acknowledge()

    def show_conflicts(self) -> Any:
        return self.conflicts.show()

    # ------------------------------------------------------------------ notices, dialogs
    def op(self, runner: Runner, job: Callable[[], Any], flight: SingleFlight | None = None) -> Op:
        """An op on ``runner`` whose unhandled failure is shown in the notice line."""
        return Op(runner, job, notice=self.show_notice, flight=flight)

    def show_notice(self, text: str, kind: str = "info") -> None:
        self.notice_text = (text, kind)
        self.refresh_notice()

    def refresh_notice(self) -> None:
        text, kind = self.notice_text
        away = self.tr("中心数据库暂不可用：工单照常保存在本机，恢复后自动同步。")
        if not text and self.services.warnings:
            # a damaged local store or a service that could not start: said for the whole
            # session, not only in About
            text, kind = "\n".join(self.services.warnings), "error"
            if self.offline is not None:
                text = away + "\n" + text
        if self.offline is not None and not text:
            text, kind = away, "warn"
        self.notice.setText(text)
        self.notice.setProperty("kind", kind)
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice.setVisible(bool(text))

    def show_shortcuts(self) -> ShortcutSheet:
        sheet = self.shortcut_sheet = ShortcutSheet(self.all_actions(), self)
        sheet.open()
        return sheet

    def show_about(self) -> None:
        notes = "\n".join(self.services.notes) or self.tr("所有服务均已连接。")
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("关于"))
        box.setText(self.tr("Seat 运城12345 座席系统") + "\n\n" + notes)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.drafts.save_last()  # nothing typed is lost
        if self.practice is not None:
            self.practice.stop()
        self.presence.sign_out()
        for part in (self.drafts, self.calls):
            part.stop()
        self.sync_tick.timer.stop()
        self.duplicates.timer.stop()
        for child in (
            self.follow.timeline_dialog,
            self.follow.callback_window,
            self.conflicts.dialog,
        ):
            if child is not None:
                child.close()
        super().closeEvent(event)
