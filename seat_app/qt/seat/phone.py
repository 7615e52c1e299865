"""The agent's telephone in the seat window: screen pop, keys, agent state and failures.

``install_phone(window, make_adapter, ...)`` joins a ``services.telephony`` adapter (the
baresip softphone, a CTI bridge, desk-phone intake or the demo simulator) to a seat window:

* ringing pops the caller at once (number, name if known, open cases and earlier calls)
  before the agent answers; the caller history panel fills in the same step;
* F2 answers through the phone (the softphone really answers), F4 hangs up, F8 holds and
  resumes, Ctrl+Alt+1/9/2 transfer to 110/119/120 and Ctrl+Alt+T to another seat (the
  emergency script is one key away, Ctrl+Shift+E);
* the seat state follows the phone and the other way round: only a ready seat takes calls
  (do-not-disturb / queue pause otherwise); a pause set on the PBX puts the seat on break;
  the caller hanging up moves the seat to after-call work;
* F3 registers a call that rang on the desk phone (or a walk-in, letter or mailbox item): the
  one-key fallback when the softphone or bridge is down; Ctrl+Alt+R reconnects without a
  restart; a lost phone is said in the status bar at once and the typed case stays;
* every call becomes a central call record (``CallLog``), with the case number saved for it;
* ``dial(number)`` is click-to-dial (the callback work list and the unit view use
  ``seat_app.qt.widgets.tel_dial.dial_action``).

Adapter events arrive on the adapter's thread; a queued signal brings them to the UI thread.
Phone commands run on the controller's own worker, so a hung phone never blocks the window.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from seat_app.domain.case import Channel
from seat_app.domain.queue import SeatState
from seat_app.qt.i18n import error_text, fill
from seat_app.qt.workers import ThreadRunner
from seat_app.services.telephony.adapter import Capability, TelephonyAdapter
from seat_app.services.telephony.events import CallEvent, Direction, EventKind, EventSink
from seat_app.services.telephony.manual import ManualAdapter, ManualChannel
from seat_app.services.telephony.record import CallRecord, CallRecorder, with_case

if TYPE_CHECKING:
    from seat_app.qt.seat.window import SeatWindow
    from seat_app.services.telephony.calllog import CallLog

log = logging.getLogger(__name__)

EMERGENCY = (("transfer_110", "Ctrl+Alt+1", "110"), ("transfer_119", "Ctrl+Alt+9", "119"),
             ("transfer_120", "Ctrl+Alt+2", "120"))
SEAT_REASON = "seat:"
"""Prefix of the reason Seat gives the phone with a ready/not-ready change (its echo is not
a PBX-side pause)."""


def mask(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) >= 11 else number


class _StateLabel(QLabel):
    """The phone's status-bar label; tells the controller when the language changes."""

    def __init__(self, on_language: Callable[[], None]) -> None:
        super().__init__()
        self._on_language = on_language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._on_language()
        super().changeEvent(event)


class _Pump(QObject):
    """Carries events from the adapter's thread to the UI thread (queued signal)."""

    event = Signal(object)


class DeskIntakeDialog(QDialog):
    """F3 来电登记: the number (typed or pasted) and the channel."""

    registered = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskIntakeDialog")
        self.setWindowTitle(self.tr("来电登记（座机 / 窗口 / 信件 / 信箱）"))
        self.number = QLineEdit()
        self.number.setObjectName("deskNumber")
        self.number.setPlaceholderText(self.tr("来电号码（电话必填）"))
        self.channel = QComboBox()
        self.channel.setObjectName("deskChannel")
        names = {ManualChannel.PHONE: self.tr("电话（座机）"), ManualChannel.WINDOW: self.tr("窗口来访"),
                 ManualChannel.LETTER: self.tr("信件"), ManualChannel.MAILBOX: self.tr("信箱")}
        for value, name in names.items():
            self.channel.addItem(name, value.value)
        self.error = QLabel()
        self.error.setObjectName("deskError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("号码(&N)"), self.number)
        form.addRow(self.tr("渠道(&C)"), self.channel)
        form.addRow(self.error)
        form.addRow(buttons)

    def _ok(self) -> None:
        self.registered.emit(self.number.text(), str(self.channel.currentData()))

    def show_error(self, text: str) -> None:
        self.error.setText(text)


class PhoneController(QObject):
    """The phone side of one seat window (see the module docstring)."""

    popped = Signal(str, float)
    """(call id, milliseconds from the ring reaching Seat to the pop painted)."""
    established = Signal(str)
    ended = Signal(str)
    recorded = Signal(object)
    """A ``CallRecord`` written (centrally or into the local outbox)."""
    link_changed = Signal(bool, str)

    def __init__(self, window: SeatWindow, make_adapter: Callable[[EventSink], TelephonyAdapter],
                 *, call_log: CallLog | None = None, seat_code: str = "",
                 work_no: str = "") -> None:
        super().__init__(window)
        self.w = window
        self.call_log = call_log
        self.seat_code = seat_code or window.services.seat_code
        self.work_no = work_no or window.services.work_no
        self._pump = _Pump(self)
        self._pump.event.connect(self.on_event, Qt.ConnectionType.QueuedConnection)
        self._make_adapter = make_adapter
        self.adapter = make_adapter(self._sink)
        self.desk = (self.adapter if isinstance(self.adapter, ManualAdapter)
                     else ManualAdapter(self._direct_sink))
        self.recorder = CallRecorder(seat=self.seat_code, agent=self.work_no,
                                     on_record=None)
        self.runner = ThreadRunner(1, "seat-phone")
        self.current: CallEvent | None = None
        """The call at this seat (inbound or click-to-dial) until it ends."""
        self.case_call_id = ""
        """The inbound call the open case belongs to (its number goes to the call record)."""
        self.case_for_call: dict[str, str] = {}
        self.answered: set[str] = set()
        self.held = False
        self.link_up = False
        self.link_error = ""
        self.phone_ready: bool | None = None
        self.pop_ms: dict[str, float] = {}
        self.records: list[CallRecord] = []
        self.desk_dialog: DeskIntakeDialog | None = None

        self.state_label = _StateLabel(self.retranslate)
        self.state_label.setObjectName("phoneState")
        window.status.addPermanentWidget(self.state_label)
        self.pop = QLabel()
        self.pop.setObjectName("screenPop")
        self.pop.setWordWrap(True)
        self.pop.setTextFormat(Qt.TextFormat.PlainText)
        self.pop.setVisible(False)
        layout = window.centralWidget().layout()
        layout.insertWidget(1, self.pop)  # under the ring banner
        self.actions: dict[str, QAction] = {}
        self._add_actions()
        window.actions_by_name["accept"].triggered.connect(self.answer)
        window.actions_by_name["end_call"].triggered.connect(self.hangup)
        window.case_saved.connect(self._on_case_saved)
        window.destroyed.connect(lambda *_: self.stop())
        self._follow_seat_state()
        self._show_state()

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        self.adapter.start()
        if self.desk is not self.adapter:
            self.desk.start()
        self._command_ready(self.w.seat_state == SeatState.READY)

    def stop(self) -> None:
        for adapter in {id(self.adapter): self.adapter, id(self.desk): self.desk}.values():
            try:
                adapter.stop()
            except Exception:  # closing: nothing to tell
                log.debug("phone stop failed", exc_info=True)
        self.runner.wait(3000)

    def reconnect(self) -> None:
        """Ctrl+Alt+R: a fresh link to the phone or bridge, without restarting Seat."""
        old = self.adapter
        self.runner.submit(old.stop)
        self.adapter = self._make_adapter(self._sink)
        if isinstance(self.adapter, ManualAdapter):
            self.desk = self.adapter
        self._show_state(self.tr("正在重新连接话机…"))
        self.adapter.start()
        self.phone_ready = None
        self._command_ready(self.w.seat_state == SeatState.READY)

    # ------------------------------------------------------------------ events
    def _sink(self, event: CallEvent) -> None:
        """Adapter thread: hand over to the UI thread."""
        self._pump.event.emit(event)

    def _direct_sink(self, event: CallEvent) -> None:
        """The desk adapter reports on the UI thread (the agent's own key press)."""
        self.on_event(event)

    def on_event(self, ev: CallEvent) -> None:
        record = self.recorder.feed(ev)
        if record is not None:
            self._save_record(record)
        kind = ev.kind
        if kind == EventKind.CONNECTED:
            self.link_up, self.link_error = True, ""
            self._show_state()
            self.link_changed.emit(True, "")
        elif kind == EventKind.FAILURE:
            self._on_failure(ev)
        elif kind == EventKind.RINGING:
            self._on_ringing(ev)
        elif kind == EventKind.DIALING:
            self.current = ev
            self.answered.discard(ev.call_id)
            self._command_ready(False)
            self._pop_text(fill(self.tr("正在拨打 %1…"), mask(ev.caller)))
        elif kind == EventKind.ANSWERED:
            self._on_answered(ev)
        elif kind in (EventKind.HELD, EventKind.RESUMED):
            self.held = kind == EventKind.HELD
            self._show_state()
        elif kind == EventKind.TRANSFERRED:
            self.w.show_notice(fill(self.tr("已转接 %1。"), ev.target), "info")
        elif kind == EventKind.ENDED:
            self._on_ended(ev)
        elif kind == EventKind.READY:
            self._on_phone_ready(ev)

    def _is_current(self, ev: CallEvent) -> bool:
        return self.current is not None and self.current.call_id == ev.call_id

    def _on_ringing(self, ev: CallEvent) -> None:
        if self.w.seat_state != SeatState.READY or self.current is not None:
            return  # not offered here: the phone is set not-ready, the PBX routes on
        self.current = ev
        self.answered.discard(ev.call_id)
        letter = ev.channel == ManualChannel.LETTER.value
        item = {"phone": ev.caller, "channel": Channel.MAILBOX.value if letter else ev.channel,
                "call_id": ev.call_id, "queue": ev.queue, "telephony": ev.source,
                "area": self.w.services.area}
        if letter:
            item["letter"] = True
        self.w.ring(item)
        self._screen_pop(ev)

    def _screen_pop(self, ev: CallEvent) -> None:
        """Caller number at once; name, open cases and earlier calls as soon as read."""
        number = ev.caller
        self._pop_text(fill(self.tr("来电 %1 — 正在查询来电人历史…"), number or self.tr("（无号码）")))
        panel = self.w.history_panel
        if number:
            panel.show_loading(mask(number))
        history, call_log = self.w.services.history, self.call_log

        def read() -> tuple[list[dict[str, Any]], list[CallRecord]]:
            cases = list(history(number) or []) if number else []
            calls: list[CallRecord] = []
            if call_log is not None and number:
                try:
                    calls = call_log.for_number(number, limit=20)
                except Exception:  # the case history is the core of the pop
                    log.info("call history of %s not read", mask(number), exc_info=True)
            return cases, calls

        def shown(result: Any, error: BaseException | None) -> None:
            if not self._is_current(ev):
                return
            if error is not None:
                panel.show_failed(mask(number))
                self._pop_text(fill(self.tr("来电 %1 — 历史暂时无法查询（%2）"), number,
                                    error_text(error)))
            else:
                cases, calls = result
                if number:
                    panel.show_cases(mask(number), cases)
                self._pop_text(self._pop_summary(number, cases, calls))
            self.pop.repaint()
            panel.repaint()
            ms = (time.monotonic() - ev.mono) * 1000.0
            self.pop_ms[ev.call_id] = ms
            self.popped.emit(ev.call_id, ms)

        self.w.runners.local.submit(read, shown)

    def _pop_summary(self, number: str, cases: list[dict[str, Any]],
                     calls: list[CallRecord]) -> str:
        names = [str(c.get("caller_name") or "") for c in cases if c.get("caller_name")]
        name = names[0] if names else self.tr("未知来电人")
        open_cases = [c for c in cases if c.get("open")]
        parts = [fill(self.tr("来电 %1 · %2"), number or self.tr("（无号码）"), name),
                 fill(self.tr("历史工单 %1 件，未办结 %2 件"), len(cases), len(open_cases))]
        if open_cases:
            parts.append(fill(self.tr("未办结：%1"), "、".join(
                f"{c.get('case_number', '')} {c.get('matter', '')}".strip()
                for c in open_cases[:3])))
        if calls:
            missed = sum(1 for c in calls if not c.answered)
            parts.append(fill(self.tr("来电记录 %1 次（未接 %2 次）"), len(calls), missed))
        parts.append(self.tr("按 F2 接听"))
        return "  |  ".join(parts)

    def _on_answered(self, ev: CallEvent) -> None:
        if not self._is_current(ev):
            return
        self.answered.add(ev.call_id)
        if ev.direction == Direction.INBOUND:
            if self.w.seat_state == SeatState.RINGING:
                self.w.accept_call()  # answered on the phone itself (or a desk registration)
            self.case_call_id = ev.call_id
            self.pop.setVisible(False)
        else:
            self._pop_text(fill(self.tr("已接通 %1（F4 挂断）"), mask(ev.caller)))
        self._show_state()
        self.established.emit(ev.call_id)

    def _on_ended(self, ev: CallEvent) -> None:
        if not self._is_current(ev):
            return
        self.current = None
        self.held = False
        self.pop.setVisible(False)
        state = self.w.seat_state
        if ev.direction == Direction.INBOUND:
            if state == SeatState.RINGING:  # the caller gave up before the answer
                self.w.reset_call()
                self.w.calls.set_state(SeatState.READY)
                self.w.show_notice(fill(self.tr("来电 %1 未接听即挂断（已记入未接来电）。"),
                                        mask(ev.caller)), "warn")
            elif state == SeatState.ON_CALL:
                self.w.end_call()  # the caller hung up: after-call work, the form stays
                if ev.reason == "caller":
                    self.w.show_notice(self.tr("来电人已挂机：请完成工单并保存（Ctrl+S）。"), "info")
        else:
            self._command_ready(state == SeatState.READY)
        self._show_state()
        self.ended.emit(ev.call_id)

    def _on_failure(self, ev: CallEvent) -> None:
        self.link_up = False
        self.link_error = error_text(ev.error) if ev.error is not None else ev.reason
        self._show_state()
        self.link_changed.emit(False, self.link_error)
        self.w.show_notice(fill(self.tr("话机连接中断：%1 正在输入的工单已保留；按 F3 改用座机登记，"
                                        "Ctrl+Alt+R 重新连接。"), self.link_error), "error")
        # calls of the lost phone end here: their records say so, the typed case stays
        for call_id in self.recorder.open_calls:
            first = self.current if self.current and self.current.call_id == call_id else None
            if first is None or first.source != ev.source:
                continue
            self.on_event(CallEvent(EventKind.ENDED, call_id=call_id, direction=first.direction,
                                    caller=first.caller, source=first.source,
                                    reason="phone lost"))
        if self.w.seat_state == SeatState.ON_CALL:
            self.w.autosave()

    def _on_phone_ready(self, ev: CallEvent) -> None:
        if ev.ready is None or ev.reason.startswith(SEAT_REASON):
            return  # the echo of Seat's own change
        state = self.w.seat_state
        if not ev.ready and state == SeatState.READY:
            self.w.toggle_break()
            self.w.show_notice(self.tr("话机侧已置忙（暂停接听）：座席转为小休。"), "info")
        elif ev.ready and state == SeatState.BREAK:
            self.w.toggle_break()

    # ------------------------------------------------------------------ the agent's keys
    def answer(self) -> None:
        """F2 (after the window took the call): the phone answers it."""
        ev = self.current
        if (ev is None or ev.direction != Direction.INBOUND or ev.call_id in self.answered
                or ev.source == "manual"):
            return
        adapter = self._adapter_of(ev)
        self._command(lambda: adapter.answer(ev.call_id), self.tr("接听"))

    def hangup(self) -> None:
        """F4 (after the window moved to after-call work): the phone hangs up."""
        ev = self.current
        if ev is None:
            return
        adapter = self._adapter_of(ev)
        self._command(lambda: adapter.hangup(ev.call_id), self.tr("挂断"))

    def toggle_hold(self) -> None:
        ev = self.current
        if ev is None or ev.call_id not in self.answered:
            return
        adapter = self._adapter_of(ev)
        if self.held:
            self._command(lambda: adapter.resume(ev.call_id), self.tr("恢复通话"))
        else:
            self._command(lambda: adapter.hold(ev.call_id), self.tr("保持"))

    def transfer(self, target: str) -> None:
        """Blind transfer of the call (110/119/120, a unit's number, another seat)."""
        ev = self.current
        target = target.strip()
        if ev is None or not target:
            self.w.show_notice(self.tr("当前没有可转接的通话。"), "warn")
            return
        adapter = self._adapter_of(ev)
        if Capability.TRANSFER not in adapter.capabilities:
            self.w.show_notice(self.tr("此话机不支持转接：请在座机上转接。"), "warn")
            return
        if target in ("110", "119", "120"):
            self.w.script_panel.show_special("emergency")
        self._command(lambda: adapter.transfer(target, ev.call_id), fill(self.tr("转接 %1"), target))

    def ask_transfer_seat(self) -> None:
        dialog = QInputDialog(self.w)
        dialog.setObjectName("transferSeatDialog")
        dialog.setWindowTitle(self.tr("转接其他座席"))
        dialog.setLabelText(self.tr("座席号或分机号："))
        dialog.textValueSelected.connect(self.transfer)
        dialog.open()

    def dial(self, number: str) -> None:
        """Click-to-dial (回拨, 回访, calling a unit): the phone places the call."""
        adapter = self.adapter if self.link_up else self.desk
        self._command(lambda: adapter.dial(number), fill(self.tr("拨打 %1"), mask(number)))

    def dial_caller(self) -> None:
        """Ctrl+Alt+D: call back the number in the case form."""
        number = self.w.case_form.data().get("caller_phone", "")
        if number:
            self.dial(str(number))

    def open_desk_intake(self) -> DeskIntakeDialog:
        """F3: register a desk-phone call, a walk-in, a letter or a mailbox item."""
        dialog = self.desk_dialog = DeskIntakeDialog(self.w)
        dialog.registered.connect(lambda number, channel: self._desk_registered(dialog, number,
                                                                                channel))
        dialog.open()
        return dialog

    def _desk_registered(self, dialog: DeskIntakeDialog, number: str, channel: str) -> None:
        try:
            self.desk_intake(number, channel)
        except Exception as exc:  # noqa: BLE001 - said in the dialog, nothing lost
            dialog.show_error(error_text(exc))
            return
        dialog.accept()

    def desk_intake(self, number: str, channel: str = ManualChannel.PHONE.value) -> str:
        """Registers the item on the desk adapter; it rings and is taken at once."""
        if self.w.seat_state not in (SeatState.READY, SeatState.BREAK, SeatState.OFFLINE):
            raise RuntimeError(self.tr("请先完成当前工单再登记新的来电。"))
        if self.w.seat_state != SeatState.READY:
            self.w.calls.set_state(SeatState.READY)
        return self.desk.register(number, channel)

    # ------------------------------------------------------------------ commands and state
    def _adapter_of(self, ev: CallEvent) -> TelephonyAdapter:
        return self.desk if ev.source == "manual" and self.desk is not self.adapter else self.adapter

    def _command(self, job: Callable[[], Any], what: str) -> None:
        def done(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                text = fill(self.tr("话机操作失败（%1）：%2"), what, error_text(error))
                self._show_state(text)
                self.w.show_notice(text, "error")

        self.runner.submit(job, done)

    def _command_ready(self, ready: bool) -> None:
        if ready == self.phone_ready or Capability.READY not in self.adapter.capabilities:
            return
        self.phone_ready = ready
        adapter, reason = self.adapter, SEAT_REASON + self.w.seat_state.value
        self.runner.submit(lambda: adapter.set_ready(ready, reason), _log_ready)

    def _follow_seat_state(self) -> None:
        """The seat's state drives the phone's do-not-disturb / queue pause."""
        calls = self.w.calls
        original = calls.set_state

        def set_state(state: SeatState, *, report: bool = True) -> None:
            original(state, report=report)
            if self.current is None:
                self._command_ready(state == SeatState.READY)
            elif state != SeatState.READY:
                self._command_ready(False)

        calls.set_state = set_state  # type: ignore[method-assign]

    def _pop_text(self, text: str) -> None:
        self.pop.setText(text)
        self.pop.setVisible(True)

    def _show_state(self, override: str = "") -> None:
        if override:
            text = override
        elif not self.link_up:
            text = (fill(self.tr("话机断开：%1（F3 座机登记）"), self.link_error)
                    if self.link_error else self.tr("话机未连接"))
        elif self.current is not None and self.held:
            text = self.tr("话机：保持中（F8 恢复）")
        elif self.current is not None and self.current.call_id in self.answered:
            text = self.tr("话机：通话中")
        elif self.current is not None:
            text = self.tr("话机：振铃")
        else:
            text = self.tr("话机已连接")
        self.state_label.setText(text)
        self.state_label.setProperty("linkUp", self.link_up)
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)

    def _save_record(self, record: CallRecord) -> None:
        case_number = self.case_for_call.get(record.call_id)
        if case_number and not record.case_number:
            record = with_case(record, case_number)
        self.records.append(record)
        call_log = self.call_log
        if call_log is None:
            self.recorded.emit(record)
            return

        def saved(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.w.show_notice(fill(self.tr("通话记录未能保存：%1"), error_text(error)), "error")
            else:
                self.recorded.emit(record)

        self.w.runners.central.submit(lambda: call_log.save(record), saved)

    def _on_case_saved(self, payload: dict[str, Any]) -> None:
        call_id, case_number = self.case_call_id, str(payload.get("case_number") or "")
        if not call_id or not case_number:
            return
        self.case_for_call[call_id] = case_number
        if call_id in self.recorder.open_calls:
            self.recorder.attach_case(call_id, case_number)
        elif self.call_log is not None:
            call_log, who = self.call_log, self.work_no
            self.w.runners.central.submit(
                lambda: call_log.attach_case(call_id, case_number, work_no=who), _log_attach)

    # ------------------------------------------------------------------ actions
    def action_texts(self) -> dict[str, str]:
        texts = {
            "desk_intake": self.tr("来电登记（座机 / 窗口 / 信件 / 信箱）"),
            "hold": self.tr("保持 / 恢复通话"),
            "transfer_seat": self.tr("转接其他座席"),
            "dial_caller": self.tr("回拨来电人（拨打工单中的号码）"),
            "reconnect_phone": self.tr("重新连接话机"),
        }
        for name, _keys, target in EMERGENCY:
            texts[name] = fill(self.tr("一键转接 %1"), target)
        return texts

    def retranslate(self) -> None:
        for name, text in self.action_texts().items():
            self.actions[name].setText(text)
        self._show_state()

    def _add_actions(self) -> None:
        spec: list[tuple[str, str, Callable[[], Any]]] = [
            ("desk_intake", "F3", self.open_desk_intake),
            ("hold", "F8", self.toggle_hold),
            *[(name, keys, lambda t=target: self.transfer(t)) for name, keys, target in EMERGENCY],
            ("transfer_seat", "Ctrl+Alt+T", self.ask_transfer_seat),
            ("dial_caller", "Ctrl+Alt+D", self.dial_caller),
            ("reconnect_phone", "Ctrl+Alt+R", self.reconnect),
        ]
        menu = self.w.menus["call"]
        texts = self.action_texts()
        for name, keys, slot in spec:
            action = QAction(texts[name], self.w)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            self.w.addAction(action)
            self.w.actions_by_name[name] = action
            self.actions[name] = action


def _log_ready(_result: object, error: BaseException | None) -> None:
    if error is not None:
        log.info("phone ready state not set: %s", error)


def _log_attach(_result: object, error: BaseException | None) -> None:
    if error is not None:
        log.warning("case number not attached to the call record: %s", error)


def install_phone(window: SeatWindow, make_adapter: Callable[[EventSink], TelephonyAdapter], *,
                  call_log: CallLog | None = None, start: bool = True) -> PhoneController:
    """Join a telephone adapter to ``window`` (see the module docstring); the window keeps
    it as ``window.phone``."""
    phone = PhoneController(window, make_adapter, call_log=call_log)
    window.phone = phone  # type: ignore[attr-defined]
    if start:
        phone.start()
    return phone


__all__ = ["DeskIntakeDialog", "PhoneController", "install_phone"]
