"""What the seat window's controllers may use of the window: the ``SeatHost`` protocol.

The controllers (calls, drafts, duplicates, lead messages, conflicts, the form follower) and
the action table are typed against this protocol, not against ``SeatWindow``, so none of them
imports the window (not even for type checking) and the window imports them without a cycle.
``SeatWindow`` satisfies it; a test may pass any QWidget that does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:  # annotations only; none of these imports a controller or the window
    from seat_app.domain.queue import SeatState
    from seat_app.qt.ports import SeatServices
    from seat_app.qt.seat.after_call import DuplicateBanner, MessagePanel
    from seat_app.qt.seat.case_form import CaseForm
    from seat_app.qt.seat.history_panel import HistoryPanel
    from seat_app.qt.seat.knowledge_panel import KnowledgePanel
    from seat_app.qt.seat.script_panel import ScriptPanel
    from seat_app.qt.seat.status_bar import SeatStatusBar
    from seat_app.qt.workers import Op, Runner, SeatRunners, SingleFlight


class CallsPart(Protocol):
    """What other controllers read of the call controller."""

    item: dict[str, Any] | None
    started_at: datetime

    @property
    def on_case(self) -> bool: ...

    def complete(self, case_id: Any) -> None: ...

    def set_state(self, state: SeatState, *, report: bool = True) -> None: ...

    def report_presence(self, state: SeatState) -> None: ...

    def poll_forced_state(self) -> None: ...


class DraftsPart(Protocol):
    """What other controllers read of the draft keeper."""

    draft_id: str | None
    case_number: str
    case_id: str
    saved: bool
    kb_used: dict[str, Any]

    def changed(self) -> None: ...

    def has_unsaved_case(self) -> bool: ...


class DuplicatesPart(Protocol):
    """What other controllers ask of the duplicate advisor."""

    def schedule(self, data: dict[str, Any]) -> None: ...

    def queue_link(self) -> None: ...

    def apply_pending(self) -> None: ...

    @property
    def wired(self) -> bool: ...


class LoaderPart(Protocol):
    """A part the sync tick refreshes (the conflict badge, the lead messages)."""

    def load(self) -> None: ...


class PollerPart(Protocol):
    def poll(self) -> None: ...


class SeatHost(Protocol):
    """The seat window as its controllers and its action table see it."""

    services: SeatServices
    runners: SeatRunners
    language: str
    offline: str | None
    practice: Any
    intake_chips: Any
    intake_suggester: Any
    actions_by_name: dict[str, QAction]
    case_form: CaseForm
    script_panel: ScriptPanel
    knowledge: KnowledgePanel
    history_panel: HistoryPanel
    duplicate_banner: DuplicateBanner
    message_panel: MessagePanel
    ring_banner: QLabel
    status: SeatStatusBar
    calls: CallsPart
    drafts: DraftsPart
    duplicates: DuplicatesPart
    conflicts: LoaderPart
    lead_messages: PollerPart
    case_saved: SignalInstance
    draft_saved: SignalInstance
    call_accepted: SignalInstance
    duplicate_linked: SignalInstance
    messages_shown: SignalInstance
    language_change_requested: SignalInstance

    @property
    def seat_state(self) -> SeatState: ...

    @property
    def case_number(self) -> str: ...

    @property
    def case_id(self) -> str: ...

    # what the controllers call
    def show_notice(self, text: str, kind: str = "info") -> None: ...

    def refresh_notice(self) -> None: ...

    def op(self, runner: Runner, job: Callable[[], Any], flight: SingleFlight | None = None) -> Op: ...

    def update_actions(self) -> None: ...

    def update_script_variables(self) -> None: ...

    def load_history(self, phone: str) -> None: ...

    def action_texts(self) -> dict[str, str]: ...

    def sync_now(self) -> None: ...

    def become_ready(self) -> None: ...

    def reset_call(self) -> None: ...

    def restore_draft(self, draft: dict[str, Any]) -> None: ...

    # the action table's slots (seat_app.qt.seat.actions.action_spec)
    def accept_call(self) -> None: ...

    def end_call(self) -> None: ...

    def toggle_break(self) -> None: ...

    def enter_practice(self) -> None: ...

    def leave_practice(self) -> None: ...

    def toggle_practice(self) -> None: ...

    def save_case(self) -> None: ...

    def choose_handling(self, handling: str) -> None: ...

    def close(self) -> bool: ...

    def show_timeline(self, item: Any = None) -> None: ...

    def link_duplicate(self) -> None: ...

    def ignore_duplicate(self) -> None: ...

    def acknowledge_messages(self) -> None: ...

    def open_callbacks(self) -> QWidget | None: ...

    def show_conflicts(self) -> Any: ...

    def show_shortcuts(self) -> Any: ...

    def show_about(self) -> None: ...


class SeatPart(QObject):
    """A part of the seat window: ``w`` is its host (the protocol above), ``view`` the same
    object as the widget that parents its dialogs. Its texts translate in its own class's
    context."""

    def __init__(self, host: SeatHost) -> None:
        if not isinstance(host, QWidget):
            raise TypeError(f"a seat part's host is the seat window (a QWidget), not {host!r}")
        super().__init__(host)
        self.w = host
        self.view: QWidget = host
