"""What the seat window needs from the services, as small injected interfaces.

The window never imports a service module: ``seat_app.qt.wiring`` builds a ``SeatServices``
from the real services (local store, case service, sync, KB search) and tests build one from
whatever they drive. Every call here may block (database, index): the window runs them on its
runners, never on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from seat_app.domain.case import SavedCase

SearchFn = Callable[[str, str | None, int], list[dict[str, Any]]]
"""search(query, area, limit) -> hits (id, code, title, matter, area, unit, score, snippet)."""

HistoryFn = Callable[[str], list[dict[str, Any]]]
"""history(phone) -> earlier cases (case_number, created_at, matter, status, summary, open)."""

EntryFn = Callable[[str], dict[str, Any] | None]
"""entry(kb id) -> the whole entry (title, answer, procedure, materials, ...) or None."""


class DraftPort(Protocol):
    def save_draft(self, draft_id: str, data: dict[str, Any]) -> None: ...

    def pending_drafts(self) -> list[dict[str, Any]]:
        """Unsaved drafts, each {"draft_id", "data", "updated_at"}."""
        ...

    def discard_draft(self, draft_id: str) -> None: ...


class CasePort(Protocol):
    def save_case(self, data: dict[str, Any]) -> SavedCase:
        """Save the form (keys = the cases table's columns) locally in one transaction
        (row + outbox)."""
        ...

    def suggest_unit(self, matter: str, area: str) -> dict[str, Any]:
        """{"unit": name, "deadline_days": int, "deadline_text": str} for a dispatch."""
        ...

    def queue_duplicate_link(self, case_id: str, earlier_case_id: str) -> None:
        """Queue "close ``case_id`` as a duplicate of ``earlier_case_id``" in the local outbox
        (one local write; sync applies it centrally once the case is there)."""
        ...

    def duplicate_links(self) -> list[dict[str, Any]]:
        """Links not applied centrally yet: {case_id, case_number, earlier_case_id, state
        ("pending" | "rejected"), error, error_en}."""
        ...

    def drop_duplicate_link(self, case_id: str, earlier_case_id: str) -> bool:
        """Take back a queued link (the agent ignored the suggestion after all)."""
        ...


class SyncPort(Protocol):
    def sync_state(self) -> dict[str, Any]:
        """{"state": "synced" | "pending" | "offline", "pending": int, "error": str | None}."""
        ...

    def sync_once(self) -> dict[str, Any]:
        """Push the outbox and pull once; returns the same shape as ``sync_state``."""
        ...


class QueuePort(Protocol):
    def next_item(self) -> dict[str, Any] | None:
        """Claim the next waiting call or online request for this seat, or None."""
        ...

    def renew_item(self, item: dict[str, Any]) -> None:
        """Renew the lease of a claimed item (every 10 s while ringing, on call, after call)."""
        ...

    def complete_item(self, item: dict[str, Any], case_id: str | None) -> None:
        """The claimed item became case ``case_id``: it leaves the queue."""
        ...


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case on the central database as the seat's timeline dialog shows it."""

    case_number: str
    status: str
    unit: str
    deadline: date | None = None
    working_days_left: int | None = None
    overdue: bool = False
    events: tuple[Mapping[str, Any], ...] = ()
    """The timeline, oldest first: {at, kind, actor, unit, note}."""


class DispatchPort(Protocol):
    """The central dispatch workflow as the seat needs it after (and during) a call."""

    def case_view(self, case_id: str) -> CaseView:
        """A case in the central database (raises when it is not there)."""
        ...

    def suggest_duplicates(
        self, phone: str, address: str, matter: str, area: str, received_at: Any, case_id: str = ""
    ) -> list[dict[str, Any]]:
        """Earlier cases that may be the same request, best first (earlier_case_id,
        case_number, received_at, status, matter, address, summary, score)."""
        ...



class PresencePort(Protocol):
    """This seat's state as the team lead's console sees it (the central seats table)."""

    def report(self, state: str) -> None:
        """Record that the seat is now in ``state`` (with its agent and the time)."""
        ...

    def forced_state(self) -> str | None:
        """The state a team lead forced on this seat since its own last report, or None."""
        ...


class HeartbeatPort(Protocol):
    """A presence that also beats (services.queue.heartbeat): every 5 s while the window is
    on duty, so a seat whose process died goes offline on the console after 15 s; signing
    out gives the items the seat held back to the queue before the seat goes offline."""

    def beat(self) -> None: ...

    def sign_out(self) -> None: ...


class MessagePort(Protocol):
    """The team lead's messages to this seat."""

    def unread(self) -> list[dict[str, Any]]:
        """Unread messages, oldest first: {id, sender, text, sent_at}."""
        ...

    def mark_read(self, ids: list[int]) -> None: ...


class ConflictPort(Protocol):
    """The agent's own open conflicts and this seat's refused ops (seat-local store)."""

    def open_items(self) -> dict[str, list[dict[str, Any]]]:
        """{"conflicts": [{id, case_number, field, label, label_en, local, central, ...}],
        "rejected": [{op_id, case_number, kind, fields, fields_en, error, ...}]}."""
        ...

    def resolve(self, conflict_id: str, choice: str) -> dict[str, Any]:
        """Keep the seat's value ("local") or central's ("central"); synced like any edit.
        Raises an error with ``zh``/``en`` when it cannot (gone, already resolved)."""
        ...


class CallbackView(Protocol):
    """The callback work list widget (回访) that ``SeatServices.callbacks(runner)`` makes."""

    def refresh(self) -> None: ...

    def show(self) -> None: ...


class NullPort:
    """A port that is not wired: reads answer empty, writes do nothing (``wired`` is False)."""

    wired = False


class NullDispatch(NullPort):
    def case_view(self, case_id: str) -> CaseView:
        raise LookupError(f"未连接中心库 (central database not wired): {case_id}")

    def suggest_duplicates(
        self, phone: str, address: str, matter: str, area: str, received_at: Any, case_id: str = ""
    ) -> list[dict[str, Any]]:
        return []



class NullMessages(NullPort):
    def unread(self) -> list[dict[str, Any]]:
        return []

    def mark_read(self, ids: list[int]) -> None:
        return None


class NullPresence(NullPort):
    def report(self, state: str) -> None:
        return None

    def forced_state(self) -> str | None:
        return None

    def beat(self) -> None:
        return None

    def sign_out(self) -> None:
        return None


class NullConflicts(NullPort):
    def open_items(self) -> dict[str, list[dict[str, Any]]]:
        return {"conflicts": [], "rejected": []}

    def resolve(self, conflict_id: str, choice: str) -> dict[str, Any]:
        raise LookupError(f"冲突列表未连接本地库 (conflicts not wired): {conflict_id}")


def is_wired(port: object) -> bool:
    """False for a null object (the port is not wired), True for anything real."""
    return not isinstance(port, NullPort)


@dataclass(slots=True)
class SeatServices:
    search: SearchFn
    history: HistoryFn
    drafts: DraftPort
    cases: CasePort
    sync: SyncPort
    queue: QueuePort
    entry: EntryFn = field(default=lambda _id: None)
    work_no: str = "1001"
    """The signed-in agent's work number (工号)."""
    seat_code: str = "S01"
    area: str = "市直"
    dispatch: DispatchPort = field(default_factory=NullDispatch)
    """Central dispatch (timeline, duplicate suggestions); NullDispatch: not wired. A link
    the agent makes is a local outbox op (``cases.queue_duplicate_link``), applied by sync."""
    messages: MessagePort = field(default_factory=NullMessages)
    """The team lead's messages to this seat; NullMessages: not wired."""
    callbacks: Callable[[Any], CallbackView] | None = None
    """callbacks(runner) -> a callback work list widget (回访); None: not wired."""
    presence: PresencePort = field(default_factory=NullPresence)
    """Where the seat reports its state for the lead's console; NullPresence: not wired."""
    conflicts: ConflictPort = field(default_factory=NullConflicts)
    """The agent's conflicts and refused ops (status bar count, Ctrl+Shift+R); NullConflicts:
    not wired."""
    correct: Callable[[str, int, str, str], Any] | None = None
    """correct(entry code, entry version, kind, comment): file a KB correction (纠错) at the
    seat (one outbox op); None: not wired (the knowledge panel offers no correction)."""
    search_log: Any = None
    """services.kb.searchlog.SearchLogBuffer (searched / opened / inserted), flushed into the
    outbox by the sync tick and at close; None: searches are not logged."""
    intake_suggester: Any = None
    """services.intake.Suggester for the suggestion chips under the description (the seat's
    copy of the published model, KB search as the fallback); None: no chips."""
    record_suggestions: Callable[[str, list[str], int], None] | None = None
    """record_suggestions(case id, matters the chips showed best first, model version): kept
    centrally for ``seat-admin intake report``; None: not recorded (the report re-scores)."""
    practice_engine: Any = None
    """The signed-in agent's central engine for practice mode (Ctrl+Shift+P; a lead or
    trainer putting the seat into "training"); None: practice is not available."""
    notes: list[str] = field(default_factory=list)
    """What is not wired (shown in the About box and logged), empty when all is real."""
    warnings: list[str] = field(default_factory=list)
    """What the agent must read at start (a damaged local store moved aside and what was
    recovered or lost; a store or case service that could not open): shown in the window's
    notice bar whenever no other notice is up, never only in the About box."""

    def __post_init__(self) -> None:
        # None (older callers and tests) means "not wired": the null object answers instead
        if self.dispatch is None:
            self.dispatch = NullDispatch()
        if self.messages is None:
            self.messages = NullMessages()
        if self.presence is None:
            self.presence = NullPresence()
        if self.conflicts is None:
            self.conflicts = NullConflicts()
