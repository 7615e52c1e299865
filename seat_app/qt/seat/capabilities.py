"""The seat window's wired capabilities, each a part that owns its timers and flags:

- ``Presence``: the 5 s heartbeat on the central runner (``services.presence``) and the
  sign-out through it when the window closes;
- ``SuggestionRecorder``: what the matter chips showed for a saved case, kept centrally once
  per case (``services.record_suggestions``);
- ``PracticeSwitch``: practice mode entered and left on this very window (Ctrl+Shift+P,
  ``services.practice_engine``; the mode itself is ``seat_app.qt.seat.practice``).

Typed against ``SeatHost``; none of them imports the window.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from seat_app.domain.queue import SeatState
from seat_app.qt.ports import is_wired
from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import SingleFlight

log = logging.getLogger(__name__)

# practice may be entered or left in these states (a practice call that only rings may be left)
_IDLE = (SeatState.READY, SeatState.BREAK, SeatState.TRAINING, SeatState.OFFLINE)


def log_unsent(what: str) -> Callable[[Any, BaseException | None], None]:
    """A runner callback that only logs a failure (the central database is away: the next
    beat or save tries again)."""

    def done(_result: Any, error: BaseException | None) -> None:
        if error is not None:
            log.info("%s not written: %s", what, error)

    return done


class Presence(SeatPart):
    """The heartbeat (services.queue.heartbeat): a seat whose process died shows offline on
    the lead's console after 3 missed beats and its held items go back to the queue."""

    def __init__(self, host: SeatHost, *, beat_ms: int) -> None:
        super().__init__(host)
        self.heartbeat: Any = host.services.presence
        """Where the beats and the sign-out go (kept when practice wraps presence)."""
        self.flight = SingleFlight()
        self.timer = QTimer(self)
        self.timer.setInterval(beat_ms)
        self.timer.timeout.connect(self.beat)

    def start(self) -> None:
        self.timer.start()
        self.beat()

    def beat(self) -> None:
        """One heartbeat on the central runner (a hung one is not stacked up)."""
        beat = getattr(self.heartbeat, "beat", None)
        if beat is not None and is_wired(self.heartbeat):
            self.flight.run(self.w.runners.central, beat, log_unsent("heartbeat"))

    def sign_out(self) -> None:
        """On close: signed out through the heartbeat (held items back to the queue, then
        offline), else the seat reports itself offline."""
        self.timer.stop()
        w = self.w
        sign_out = getattr(self.heartbeat, "sign_out", None)
        if sign_out is not None and is_wired(self.heartbeat):
            w.runners.central.submit(sign_out, log_unsent("sign-out"))
            w.runners.central.wait(3000)
        elif is_wired(w.services.presence) and w.seat_state != SeatState.OFFLINE:
            w.calls.report_presence(SeatState.OFFLINE)
            w.runners.central.wait(3000)


class SuggestionRecorder(SeatPart):
    """What the chips showed for a saved case, kept centrally (once per case) so the intake
    report measures the suggestions really shown."""

    def __init__(self, host: SeatHost) -> None:
        super().__init__(host)
        self.recorded: set[str] = set()

    def record(self, saved: dict[str, Any]) -> None:
        w = self.w
        record, chips = w.services.record_suggestions, w.intake_chips
        case_id = str(saved.get("case_id") or "")
        if (
            record is None
            or chips is None
            or not case_id
            or case_id in self.recorded
            or w.practice is not None
        ):  # practice cases are not real cases
            return
        matters = [s.matter for s in chips.suggestions]
        if not matters:
            return
        self.recorded.add(case_id)
        version = int(getattr(w.intake_suggester, "model_version", 0) or 0)
        w.runners.central.submit(
            lambda: record(case_id, matters, version), log_unsent("intake suggestions")
        )


class PracticeSwitch(SeatPart):
    """Practice mode on and off; the installed mode is ``host.practice`` (None: real work)."""

    def __init__(self, host: SeatHost) -> None:
        super().__init__(host)
        self.engine: Any = host.services.practice_engine
        """The central engine practice mode reads scenarios from (None: no practice)."""

    def toggle(self) -> None:
        """Ctrl+Shift+P: enter practice mode, or leave it again."""
        if self.w.practice is None:
            self.enter()
        else:
            self.leave()

    def enter(self) -> None:
        """Ctrl+Shift+P (or a trainer / lead setting the seat to 培训): practice mode on this
        very window; practice cases never reach the real cases, queue or reports."""
        w = self.w
        if w.practice is not None:
            return
        if self.engine is None:
            w.show_notice(self.tr("练习模式不可用：未连接中心数据库。"), "warn")
            return
        if w.seat_state not in _IDLE:
            w.show_notice(self.tr("请先结束当前通话再进入练习模式。"), "warn")
            return
        if w.drafts.has_unsaved_case():
            w.show_notice(self.tr("工单尚未保存：请先保存（Ctrl+S），草稿已自动保留。"), "warn")
            return
        # lazy: start-up: practice (scenarios, the simulated caller) loads when first entered
        from seat_app.qt.seat.practice import enter_practice

        try:
            w.practice = enter_practice(w, self.engine, w.services.work_no)
        except Exception as exc:  # noqa: BLE001 - e.g. no scenario library on this database
            log.warning("practice mode not entered: %s", exc)
            w.show_notice(self.tr("无法进入练习模式：%1").replace("%1", str(exc)), "error")
            return
        w.actions_by_name["practice"].setText(w.action_texts()["practice"])

    def leave(self) -> None:
        """Back to real work (Ctrl+Shift+P again, or a lead setting the seat to 就绪): the
        live services return, the practice banner and dock go, the seat is ready."""
        w, mode = self.w, self.w.practice
        if mode is None:
            return
        # a practice call that only rings may be left; an answered one is finished first
        if w.seat_state not in (*_IDLE, SeatState.RINGING) or getattr(mode, "busy", False):
            w.show_notice(self.tr("请先结束当前练习通话再退出练习模式。"), "warn")
            return
        mode.stop()
        for signal, slot in (
            (w.script_panel.step_changed, mode.on_step),
            (w.call_accepted, mode.on_accepted),
            (w.case_saved, mode.on_saved),
            (w.knowledge.entry_opened, mode.on_entry_opened),
            (w.knowledge.answer_inserted, mode.on_answer_inserted),
            (w.actions_by_name["end_call"].triggered, mode.on_call_ended),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # not connected: nothing to undo
                signal.disconnect(slot)
        if mode.review_dialog is not None:
            mode.review_dialog.close()
        window = self.view
        window.removeAction(mode.ask_action)
        if isinstance(window, QMainWindow):
            window.removeDockWidget(mode.dock)
        for widget in (mode.banner, mode.status_label, mode.dock):
            widget.hide()
            widget.deleteLater()
        w.services = mode.live_services
        w.practice = None
        mode.deleteLater()
        w.reset_call()
        w.calls.set_state(SeatState.READY)
        w.actions_by_name["practice"].setText(w.action_texts()["practice"])
        w.show_notice(self.tr("已退出练习模式，座席已就绪。"), "info")
