"""Practice mode of the seat window (练习模式): the same window, shortcuts and panels as a
live call, with a simulated caller and nothing of practice reaching real cases, drafts,
the queue, the lead console or reports.

``PracticeMode(engine, work_no, session_id=...).install(window)`` turns a constructed
``SeatWindow`` into practice:

- the window's services are swapped for practice ones: the case save returns a practice
  case number (``LX…``) and stores nothing locally; drafts stay in memory; the queue gives
  nothing (the simulated caller rings instead); presence always reports 培训 (training), so
  the lead's console never sees a practice call as a live one; duplicate links are off;
- a coloured banner "练习模式", the status bar says so, an "ask the caller" panel
  (Ctrl+Shift+A) shows what the caller says and takes typed questions;
- script steps the agent goes through are said to the caller (the caller reveals facts tied
  to a step, an upset caller calms with the right one, an emergency is transferred by the
  emergency script's transfer step); KB entries opened or inserted are noted;
- the review comes when the case is saved and the call ended (F4) — at once for online
  requests and for a transfer: the score, every rubric item with its evidence, the model
  answer and the intended KB entry; Enter goes to the next scenario.

Everything that touches the database runs on the window's ``central`` runner.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.queue import SeatState
from seat_app.domain.training import PracticeAttempt, Scenario, SimulatedCaller
from seat_app.domain.training.attempt import FORM_FIELDS
from seat_app.domain.training.caller import CallerLine
from seat_app.qt.i18n import error_text, fill
from seat_app.qt.ports import NullDispatch
from seat_app.qt.seat.practice_review import PracticeReviewDialog
from seat_app.services.training import library, practice, sessions

PRACTICE_STYLE = ("QLabel#practiceBanner { background: #e8710a; color: white; font-weight: bold;"
                  " font-size: 16px; padding: 4px; }")


class _SavedPractice(dict):  # type: ignore[type-arg]
    """The save's answer, readable as a dict and as a ``SavedCase`` (case_number, case_id,
    status, warnings), so practice works with either form of the window's save callback."""

    @property
    def case_number(self) -> str:
        return str(self["case_number"])

    @property
    def case_id(self) -> str:
        return str(self["case_id"])

    @property
    def status(self) -> str:
        return "练习"

    @property
    def warnings(self) -> tuple[tuple[str, str], ...]:
        return ()


class _PracticeCases:
    """The case port in practice: a save reserves a practice number and keeps the form for
    the review; nothing is written to the seat-local store or its outbox."""

    def __init__(self, mode: PracticeMode, live: Any) -> None:
        self.mode, self.live = mode, live

    def save_case(self, data: dict[str, Any]) -> _SavedPractice:
        number = self.mode.case_number or practice.next_case_number(self.mode.engine,
                                                                     self.mode.work_no)
        self.mode.saved_form = dict(data)
        self.mode.case_number = number
        return _SavedPractice(case_number=number, case_id="", practice=True)

    def suggest_unit(self, matter: str, area: str) -> dict[str, Any]:
        return self.live.suggest_unit(matter, area)  # reads the grid only

    def queue_duplicate_link(self, case_id: str, earlier_case_id: str) -> None:
        return None

    def duplicate_links(self) -> list[dict[str, Any]]:
        return []

    def __getattr__(self, name: str) -> Any:  # reads of the live service (e.g. .service)
        return getattr(self.live, name)


class _MemoryDrafts:
    def save_draft(self, draft_id: str, data: dict[str, Any]) -> None:
        return None

    def pending_drafts(self) -> list[dict[str, Any]]:
        return []

    def discard_draft(self, draft_id: str) -> None:
        return None


class _NoQueue:
    def next_item(self) -> dict[str, Any] | None:
        return None

    def renew_item(self, item: dict[str, Any]) -> None:
        return None

    def complete_item(self, item: dict[str, Any], case_id: str | None) -> None:
        return None


class _TrainingPresence:
    """Whatever the practice call does, the seat is 'training' for the lead's console."""

    def __init__(self, live: Any) -> None:
        self.live = live

    def report(self, state: str) -> None:
        self.live.report(SeatState.TRAINING.value)

    def forced_state(self) -> str | None:
        return None


class PracticeMode(QObject):
    review_ready = Signal(object)
    """A PracticeReview, after the attempt was stored and scored."""
    scenario_started = Signal(object)
    finished = Signal()

    def __init__(self, engine: Any, work_no: str, *, session_id: str | None = None,
                 scenario_ids: Sequence[str] = (), hint_poll_ms: int = 3000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine, self.work_no, self.session_id = engine, work_no, session_id
        self.queue_ids = list(scenario_ids)
        self.window: Any = None
        self.scenario: Scenario | None = None
        self.version: int | None = None
        self.caller: SimulatedCaller | None = None
        self.steps: list[str] = []
        self.kb_opened: list[str] = []
        self.kb_inserted: list[str] = []
        self.case_number = ""
        self.saved_form: dict[str, Any] | None = None
        self.call_ended = False
        self.saved_on_call = False
        """Saved while the caller was still on the line: the number could be read back."""
        self.started = 0.0
        self.review: Any = None
        self.review_dialog: PracticeReviewDialog | None = None
        self.busy = False
        self.hint_timer = QTimer(self)
        self.hint_timer.setInterval(hint_poll_ms)
        self.hint_timer.timeout.connect(self.poll_hints)

    # ------------------------------------------------------------------ install
    def install(self, window: Any) -> PracticeMode:
        self.window = w = window
        self.live_services = w.services
        w.services = dataclasses.replace(
            w.services, cases=_PracticeCases(self, w.services.cases), drafts=_MemoryDrafts(),
            queue=_NoQueue(), presence=_TrainingPresence(w.services.presence),
            callbacks=None, dispatch=NullDispatch())  # no duplicate advice or links
        self.banner = QLabel()
        self.banner.setObjectName("practiceBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(PRACTICE_STYLE)
        w.centralWidget().layout().insertWidget(0, self.banner)
        self.status_label = QLabel()
        self.status_label.setObjectName("practiceStatus")
        w.statusBar().addPermanentWidget(self.status_label)
        self._build_dock(w)
        w.script_panel.step_changed.connect(self.on_step)
        w.call_accepted.connect(self.on_accepted)
        w.case_saved.connect(self.on_saved)
        w.knowledge.entry_opened.connect(self.on_entry_opened)
        w.knowledge.answer_inserted.connect(self.on_answer_inserted)
        w.actions_by_name["end_call"].triggered.connect(self.on_call_ended)
        self.retranslate()
        w.calls.set_state(SeatState.TRAINING)
        return self

    def _build_dock(self, w: Any) -> None:
        self.dock = QDockWidget(w)
        self.dock.setObjectName("askCallerDock")
        body = QWidget()
        lay = QVBoxLayout(body)
        self.transcript = QTextBrowser()
        self.transcript.setObjectName("callerTranscript")
        self.question = QLineEdit()
        self.question.setObjectName("askCallerEdit")
        self.question.returnPressed.connect(self.ask)
        self.ask_button = QPushButton()
        self.ask_button.clicked.connect(self.ask)
        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        row.addWidget(self.ask_button)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("practiceHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setVisible(False)
        lay.addWidget(self.hint_label)
        lay.addWidget(self.transcript, 1)
        lay.addLayout(row)
        self.dock.setWidget(body)
        w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.ask_action = QAction(w)
        self.ask_action.setObjectName("action_practice_ask")
        self.ask_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.ask_action.triggered.connect(lambda: self.question.setFocus())
        w.addAction(self.ask_action)

    def retranslate(self) -> None:
        self.banner.setText(self.tr("练习模式 — 练习数据不进入正式工单、队列和报表"))
        self.dock.setWindowTitle(self.tr("询问来电人（Ctrl+Shift+A）"))
        self.ask_button.setText(self.tr("提问"))
        self.question.setPlaceholderText(self.tr("输入要问来电人的问题，回车发送"))
        self.ask_action.setText(self.tr("询问来电人"))
        self._show_status()

    def _show_status(self) -> None:
        s = self.scenario
        text = self.tr("练习模式") if s is None else fill(
            self.tr("练习模式：场景 %1 %2 — 练习工单不计入正式工单"), s.id, s.title)
        self.status_label.setText(text)

    # ------------------------------------------------------------------ scenarios
    def start(self) -> None:
        """Ring the next scenario (the session's next one, or the next of the list)."""
        if self.busy:
            return
        self.busy = True
        sid = self.queue_ids.pop(0) if self.queue_ids and not self.session_id else None
        if self.session_id:
            def job() -> Any:
                return sessions.begin_scenario(self.engine, self.session_id, self.work_no)
            self.hint_timer.start()
        elif sid is not None:
            def job() -> Any:
                return library.scenario(self.engine, sid)
        else:
            self.busy = False
            self._add_line(self.tr("练习结束：没有更多场景。"), "system")
            self.finished.emit()
            return
        self.window.runners.central.submit(job, self._on_scenario)

    def _on_scenario(self, found: Any, error: BaseException | None) -> None:
        self.busy = False
        if error is not None:
            self.window.show_notice(fill(self.tr("练习场景无法开始：%1"), error_text(error)), "error")
            return
        if found is None:
            self._add_line(self.tr("本场次的场景已全部完成。"), "system")
            self.hint_timer.stop()
            self.finished.emit()
            return
        s, version = found
        self.scenario, self.version = s, version
        self.caller = SimulatedCaller(s)
        self.steps, self.kb_opened, self.kb_inserted = [], [], []
        self.case_number, self.saved_form, self.call_ended, self.review = "", None, False, None
        self.saved_on_call = False
        w = self.window
        w.reset_call()
        w.calls.set_state(SeatState.TRAINING)
        self.transcript.clear()
        self._show_status()
        self.caller.ring()
        w.ring({"phone": s.persona.phone, "channel": s.channel, "area": s.persona.area,
                "practice": s.id})
        self.scenario_started.emit(s)

    # ------------------------------------------------------------------ the call
    def _add_line(self, text: str, who: str = "caller") -> None:
        if not text:
            return
        label = {"caller": self.tr("来电人"), "agent": self.tr("我"), "system": self.tr("提示")}[who]
        self.transcript.append(f"<b>{label}：</b>{_html(text)}")

    def _show_line(self, line: CallerLine | None) -> None:
        if line is None:
            return
        self._add_line(line.text)
        if line.kind in ("opening", "fact", "escalation", "calmed") and self.window.calls.item:
            self.window.calls.item["spoken"] = line.text
            self.window.calls.show_banner()

    def on_accepted(self, _item: Any) -> None:
        if self.caller is None:
            return
        self.started = time.monotonic()
        self._show_line(self.caller.answer())
        self._progress(self.tr("接听"))

    def on_step(self, step_id: str) -> None:
        if self.caller is None or self.window is None:
            return
        if self.window.seat_state not in (SeatState.ON_CALL, SeatState.AFTER_CALL_WORK):
            return
        key = f"{self.window.script_panel.flow.script.id}/{step_id}"
        if self.steps and self.steps[-1] == key:
            return
        self.steps.append(key)
        if key.startswith("emergency/transfer-"):
            # a transfer step is the one chosen when the agent ends the call (F4) on it:
            # stepping past 110 on the way to 119 transfers nowhere
            self._add_line(fill(self.tr("选定转接：%1（按 F4 转出）"), key.rsplit("-", 1)[1]), "system")
            return
        self._show_line(self.caller.use_step(key))

    def ask(self) -> None:
        q = self.question.text().strip()
        if not q or self.caller is None or self.window.seat_state != SeatState.ON_CALL:
            return
        self.question.clear()
        self._add_line(q, "agent")
        self._show_line(self.caller.ask(q))
        self._progress(fill(self.tr("询问：%1"), q[:40]))

    def on_entry_opened(self, hit: Any) -> None:
        code = str((hit or {}).get("code") or "")
        if code and code not in self.kb_opened:
            self.kb_opened.append(code)

    def on_answer_inserted(self, _text: str) -> None:
        code = str((self.window.knowledge.current_entry or {}).get("code") or "")
        if code and code not in self.kb_inserted:
            self.kb_inserted.append(code)

    def on_saved(self, payload: dict[str, Any]) -> None:
        if self.scenario is None:
            return
        self._progress(self.tr("已保存练习工单"))
        self.saved_on_call = not self.call_ended
        if not self.scenario.is_phone or self.call_ended:
            self.finish()

    def on_call_ended(self) -> None:
        if self.scenario is None or self.caller is None or self.call_ended:
            return
        self.call_ended = True
        panel = self.window.script_panel
        key = f"{panel.flow.script.id}/{panel.flow.current.id}"
        if key.startswith("emergency/transfer-"):
            line = self.caller.use_step(key)
            self._show_line(line)
            self._add_line(fill(self.tr("已转接 %1"), self.caller.transferred_to), "system")
            self.finish()
            return
        self.caller.hang_up()
        if self.saved_form is not None:
            self.finish()

    def _progress(self, what: str) -> None:
        if self.session_id:
            sid, who = self.session_id, self.work_no
            self.window.runners.central.submit(
                lambda: sessions.note_progress(self.engine, sid, who, what))

    def poll_hints(self) -> None:
        if not self.session_id:
            return
        sid, who = self.session_id, self.work_no
        self.window.runners.central.submit(lambda: sessions.take_hints(self.engine, sid, who),
                                           self._on_hints)

    def _on_hints(self, hints: Any, error: BaseException | None) -> None:
        if error is not None or not hints:
            return
        text = "；".join(h.text for h in hints)
        self.hint_label.setText(fill(self.tr("培训师提示：%1"), text))
        self.hint_label.setVisible(True)
        self._add_line(text, "system")

    # ------------------------------------------------------------------ review
    def attempt(self) -> PracticeAttempt:
        assert self.scenario is not None and self.caller is not None
        data = self.saved_form or self.window.case_form.data()
        form = {k: str(getattr(data.get(k), "value", data.get(k)) or "") for k in FORM_FIELDS}
        # the read-back prompt shows when the case is saved; it was said only when the caller
        # was still on the line (saved before F4)
        readback = "call/readback" in self.steps and bool(self.case_number) and self.saved_on_call
        return PracticeAttempt(
            scenario_id=self.scenario.id, form=form, steps_used=tuple(self.steps),
            questions=tuple(self.caller.questions), revealed=tuple(self.caller.revealed),
            kb_opened=tuple(self.kb_opened), kb_inserted=tuple(self.kb_inserted),
            case_number=self.case_number if self.saved_form is not None else "",
            read_back=self.case_number if readback else "",
            transferred_to=self.caller.transferred_to,
            elapsed_s=round(time.monotonic() - self.started, 1) if self.started else 0.0,
            calmed=self.caller.calmed, escalated=self.caller.escalated)

    def finish(self) -> None:
        """Store and score the attempt (once), then show the review."""
        if self.scenario is None or self.review is not None or self.busy:
            return
        self.busy = True
        a, s, v, sid = self.attempt(), self.scenario, self.version, self.session_id

        def job() -> Any:
            return practice.save_practice(self.engine, work_no=self.work_no, scenario_id=s.id,
                                          attempt=a, session_id=sid, scenario_version=v)
        self.window.runners.central.submit(job, self._on_reviewed)

    def _on_reviewed(self, review: Any, error: BaseException | None) -> None:
        self.busy = False
        if error is not None:
            self.window.show_notice(fill(self.tr("练习结果保存失败：%1"), error_text(error)), "error")
            return
        self.review = review
        if self.window.seat_state == SeatState.ON_CALL:
            self.window.end_call()
        dialog = self.review_dialog = PracticeReviewDialog(review, self.window)
        dialog.next_requested.connect(self.next_scenario)
        dialog.open()
        self.review_ready.emit(review)

    def next_scenario(self) -> None:
        if self.review_dialog is not None:
            self.review_dialog.close()
        self.scenario = None
        self.start()

    def stop(self) -> None:
        self.hint_timer.stop()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def enter_practice(window: Any, engine: Any, work_no: str, *, count: int = 10,
                   seed: int | None = None) -> PracticeMode:
    """The seat window goes into practice (menu action or the trainer's forced 培训 state):
    the agent's newest open session when the trainer put it into one, otherwise free
    practice on ``count`` random scenarios of the library. Returns the started mode."""
    open_sessions = sessions.list_sessions(engine, work_no=work_no, open_only=True)
    if open_sessions:
        mode = PracticeMode(engine, work_no, session_id=open_sessions[0].id, parent=window)
    else:
        rows = library.list_scenarios(engine)
        ids = sessions.pick_random(rows, sessions.RandomPick((), 3, count, seed))
        mode = PracticeMode(engine, work_no, scenario_ids=ids, parent=window)
    mode.install(window)
    mode.start()
    return mode
