"""Build the seat window's ``SeatServices`` from the real services of a SeatHome.

Each adapter is thin: it turns a service's API into the small interface of
``seat_app.qt.ports``. Nothing here runs on the UI thread except construction.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from seat_app.domain.case import SavedCase
from seat_app.domain.queue import IllegalTransition
from seat_app.qt import callback
from seat_app.qt.ports import CaseView, SeatServices
from seat_app.services import dispatch as dispatch_services
from seat_app.services import intake, kb
from seat_app.services import queue as queue_services
from seat_app.services.cases.service import CaseService
from seat_app.services.config import SeatHome
from seat_app.services.dispatch.seat_view import case_exists, case_header
from seat_app.services.local.store import LocalStore
from seat_app.services.queue.seat_view import forced_state, mark_messages_read
from seat_app.services.queue.service import QueueService, SeatService
from seat_app.services.store.engine import make_engine
from seat_app.services.store.ops import LINK_DUPLICATE, ActionLater, Op
from seat_app.services.sync.conflicts import SeatConflicts
from seat_app.services.sync.engine import SyncEngine, pull_tables
from seat_app.services.telephony.simulator import SimulatedTelephony

log = logging.getLogger(__name__)


class Unavailable:
    """A service that is not installed or failed to start: every call raises its reason."""

    def __init__(self, what: str, reason: str) -> None:
        self.what, self.reason = what, reason

    def _fail(self, *_a: object, **_k: object) -> Any:
        raise RuntimeError(f"{self.what}不可用 ({self.what} unavailable): {self.reason}")

    save_draft = pending_drafts = discard_draft = save_case = suggest_unit = _fail
    queue_duplicate_link = duplicate_links = drop_duplicate_link = _fail
    next_item = renew_item = complete_item = history = search = entry = _fail

    def sync_state(self) -> dict[str, Any]:
        return {"state": "unavailable", "pending": 0, "error": self.reason}

    sync_once = sync_state


# ----------------------------------------------------------------------------- drafts
class LocalDrafts:
    """Drafts in the seat-local store (one durable write per autosave)."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def save_draft(self, draft_id: str, data: dict[str, Any]) -> None:
        self.store.save_draft(draft_id, data)

    def pending_drafts(self) -> list[dict[str, Any]]:
        return [
            {"draft_id": d.form_id, "data": d.fields, "updated_at": d.updated_at.isoformat()}
            for d in self.store.list_drafts()
        ]

    def discard_draft(self, draft_id: str) -> None:
        self.store.delete_draft(draft_id)


# ----------------------------------------------------------------------------- sync
class SyncAdapter:
    """One push + pull per call on the sync thread; the state as the status bar shows it.

    With a ``home``, every ``kb_every_s`` seconds (while online; 0: every tick, the pull is
    one count against the watermark when nothing changed) it also pulls knowledge-base
    changes into the local copy and updates the search index incrementally, so an entry
    published centrally reaches the agent's search within one sync tick, and fetches a newer
    published intake model (the suggestion chips reload it). With a ``search_log`` it first
    writes the finished KB searches into the outbox, so this push sends them."""

    def __init__(
        self,
        engine: Any,
        home: SeatHome | None = None,
        *,
        kb_every_s: float = 0.0,
        search_log: Any = None,
    ) -> None:
        self.engine = engine
        self.home = home
        self.kb_every_s = kb_every_s
        self.search_log = search_log
        self._kb_due_at = 0.0
        self.kb_received = 0

    def flush_search_log(self, *, all_: bool = False) -> int:
        """Finished searches -> outbox (sync thread, or at close with ``all_``); a failed
        write keeps them in the buffer for the next flush."""
        if self.search_log is None:
            return 0
        try:
            return int(self.search_log.flush(self.engine.store, all_=all_))
        except Exception as exc:  # noqa: BLE001 - kept in the buffer; the next tick retries
            log.warning("search log not written: %s", exc)
            return 0

    def sync_state(self) -> dict[str, Any]:
        status = self.engine.status()
        return _sync_dict(status)

    def sync_once(self) -> dict[str, Any]:
        self.flush_search_log()
        if self.engine.due():
            report = self.engine.run_once()
            if self.home is not None and report.error is None:
                self._refresh_kb()
        return self.sync_state()

    def _refresh_kb(self) -> None:
        now = time.monotonic()
        if now < self._kb_due_at:
            return
        self._kb_due_at = now + self.kb_every_s
        try:
            received = pull_tables(self.engine.store, self.engine.engine, ("kb_entries",)).received
            if received and self.home is not None:
                # the KB index (whoosh, jieba) loads here, on the sync thread
                kb.update_index(self.home, self.engine.store)
                self.kb_received += received
        except Exception as exc:  # noqa: BLE001 - the next sync tries again; search keeps working
            log.warning("knowledge-base refresh failed: %s", exc)
            self._kb_due_at = 0.0
        if self.home is None:
            return
        try:
            # a newer published intake model: checked, then written atomically; a damaged
            # central copy is refused and the seat keeps its model
            intake.refresh_model(self.home, self.engine.engine)
        except Exception as exc:  # noqa: BLE001 - the chips keep the model they have
            log.warning("intake model refresh failed: %s", exc)


def _sync_dict(status: Any) -> dict[str, Any]:
    pending = int(status.pending_ops)
    if status.state in ("offline", "error"):
        state = "offline"
    elif pending:
        state = "pending"
    elif status.state == "online":
        state = "synced"
    else:
        state = "unknown"
    return {"state": state, "pending": pending, "error": status.last_error}


class _KBRouter:
    """The seat's KB search (``SearchFn``) in the shape ``Suggester`` routes with when no
    intake model is there (objects with matter, score, title)."""

    def __init__(self, search: Callable[[str, str | None, int], list[dict[str, Any]]]) -> None:
        self._search = search

    def search(self, text: str, *, area: str | None = None, limit: int = 10) -> list[Any]:
        from types import SimpleNamespace

        return [
            SimpleNamespace(
                matter=h.get("matter", ""),
                score=float(h.get("score", 0.0)),
                title=h.get("title", ""),
            )
            for h in self._search(text, area, limit)
        ]


class LazySuggester:
    """The intake chips' Suggester, made at its first use on the search runner (the model
    and its text features load there, not on the UI thread at start-up). A Suggester that
    cannot be made answers nothing and says why once (the form works without chips)."""

    def __init__(
        self, home: SeatHome, search: Callable[[str, str | None, int], list[dict[str, Any]]]
    ) -> None:
        self.home, self._search = home, search
        self._made: Any = None
        self._failed: str | None = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._made is None and self._failed is None:
                try:
                    self._made = intake.Suggester(
                        intake.model_path(self.home), searcher=_KBRouter(self._search)
                    )
                except Exception as exc:  # noqa: BLE001 - no chips; the form works on
                    log.warning("intake suggestions unavailable: %s", exc)
                    self._failed = str(exc)
            return self._made

    def suggest(self, text: str, area: str | None = None) -> list[Any]:
        made = self._get()
        return list(made.suggest(text, area)) if made is not None else []

    def take_notice(self) -> Any:
        made = self._get()
        return made.take_notice() if made is not None else None

    def maybe_reload(self) -> bool:
        made = self._get()
        return bool(made.maybe_reload()) if made is not None else False

    @property
    def model_version(self) -> int:
        made = self._made
        return int(made.model_version) if made is not None else 0


# ----------------------------------------------------------------------------- queue
def _claim_item(claim: Any) -> dict[str, Any]:
    payload = dict(claim.payload or {})
    item = {
        "item_id": claim.item_id,
        "channel": claim.channel,
        "phone": payload.get("phone") or payload.get("caller_phone", ""),
        "claim": claim,
    }
    for key in ("caller_name", "area", "description", "spoken", "hint_matter"):
        if payload.get(key):
            item[key] = payload[key]
    return item


class CentralQueue:
    """The central queue: claim for this seat, renew the lease on a long call, complete."""

    def __init__(
        self, queue: Any, seat_code: str, feeder: Callable[[], dict[str, Any] | None] | None = None
    ) -> None:
        self.queue, self.seat_code, self.feeder = queue, seat_code, feeder

    def next_item(self) -> dict[str, Any] | None:
        if self.feeder is not None:
            fed = self.feeder()
            if fed is not None:
                channel = fed.pop("channel", "电话")
                self.queue.enqueue(channel, fed, caller_phone=fed.get("phone", ""))
        claim = self.queue.claim(self.seat_code)
        return _claim_item(claim) if claim is not None else None

    def renew_item(self, item: dict[str, Any]) -> None:
        claim = item.get("claim")
        if claim is not None:
            item["claim"] = self.queue.renew(claim)

    def complete_item(self, item: dict[str, Any], case_id: str | None) -> None:
        claim = item.get("claim")
        if claim is not None:
            self.queue.complete(claim, case_id=case_id)


# ----------------------------------------------------------------------------- cases
class CaseAdapter:
    """Cases through ``seat_app.services.cases.service`` (filled in when that service is present)."""

    def __init__(self, service: CaseService) -> None:
        self.service = service

    def save_case(self, data: dict[str, Any]) -> SavedCase:
        return self.service.save_case(data)

    def suggest_unit(self, matter: str, area: str) -> dict[str, Any]:
        return self.service.suggest_unit(matter, area)

    def history(self, phone: str) -> list[dict[str, Any]]:
        return self.service.history(phone)

    def queue_duplicate_link(self, case_id: str, earlier_case_id: str) -> None:
        self.service.queue_duplicate_link(case_id, earlier_case_id)

    def duplicate_links(self) -> list[dict[str, Any]]:
        return self.service.duplicate_links()

    def drop_duplicate_link(self, case_id: str, earlier_case_id: str) -> bool:
        return bool(self.service.drop_duplicate_link(case_id, earlier_case_id))


# ----------------------------------------------------------------------------- after the call
class CentralDispatch:
    """Timeline, duplicate suggestions and linking on the central database, as ``actor``.

    The DispatchService (working-day calendar and all) is made at the first call, on the
    runner's thread, so the window opens without waiting for it.
    """

    def __init__(self, engine: Any, actor: str) -> None:
        self.engine, self.actor = engine, actor
        self._service: dispatch_services.DispatchService | None = None

    @property
    def service(self) -> dispatch_services.DispatchService:
        if self._service is None:
            # the dispatch service (working-day calendar) loads at the first call
            self._service = dispatch_services.DispatchService(self.engine)
        return self._service

    def case_view(self, case_id: str) -> CaseView:
        head = case_header(self.engine, case_id)
        if head is None:
            raise LookupError(
                f"中心库中还没有这张工单（尚未同步？） (not in the central database yet): {case_id}"
            )
        view = CaseView(
            str(head["case_number"]),
            str(head["status"]),
            str(head["unit"]),
            head["deadline"],
            events=tuple(self.service.timeline(case_id)),
        )
        flow = self.service.case_summary(case_id)
        if flow is not None:  # in the dispatch flow: its status, unit and deadline are the truth
            view = replace(
                view,
                status=flow["status"],
                unit=flow["unit_name"] or view.unit,
                deadline=flow["deadline"] or view.deadline,
                working_days_left=flow["working_days_left"],
                overdue=flow["overdue"],
            )
        return view

    def suggest_duplicates(
        self, phone: str, address: str, matter: str, area: str, received_at: Any, case_id: str = ""
    ) -> list[dict[str, Any]]:
        return self.service.suggest_duplicates(
            phone=phone,
            address=address,
            matter=matter,
            area=area,
            received_at=received_at,
            case_id=case_id,
        )

    def apply_link_op(self, op: Op) -> None:
        """Sync's applier of a duplicate link op (``LINK_DUPLICATE``) on the central database.

        ActionLater while the case has not reached the central database; a link found made
        already (the seat's acknowledgement was lost) counts as applied; a refusal of the
        dispatch rules raises its zh/en error (the op is kept as refused, with the reason)."""
        case_id, earlier = op.entity_id, str(op.changes["duplicate_of"][1])
        if not case_exists(self.engine, case_id):
            raise ActionLater(f"工单尚未同步到中心库 (not synced yet): {case_id}")
        state = self.service.state(case_id)
        if state is not None and state.duplicate_of == earlier:
            return
        self.service.link_duplicate(case_id, earlier, actor=op.actor or self.actor)


class SeatPresence:
    """The seat's state in the central seats table (with history), for the lead's console.

    The seat is the source of its own state: a change the domain rules refuse (the central
    row was moved by a lead meanwhile) is recorded anyway, as the seat's own report."""

    def __init__(self, engine: Any, seat_code: str, agent: str) -> None:
        self.engine, self.seat_code, self.agent = engine, seat_code, agent
        self._known = False

    def forced_state(self) -> str | None:
        """The seat's central state when someone else (a team lead) set it last; else None."""
        return forced_state(self.engine, self.seat_code, (self.agent, self.seat_code, "admin"))

    def report(self, state: str) -> None:

        seats = SeatService(self.engine)
        if not self._known:
            seats.ensure_seat(self.seat_code, agent=self.agent)
            self._known = True
        try:
            seats.change_state(self.seat_code, state, by=self.agent, agent=self.agent)
        except IllegalTransition:
            try:
                seats.change_state(
                    self.seat_code, state, by=self.agent, agent=self.agent, forced=True
                )
            except IllegalTransition as exc:  # e.g. ringing straight from offline
                log.info("seat state %s not recorded: %s", state, exc)

    def beat(self) -> None:
        """The seat's heartbeat (every 5 s while the window is on duty)."""
        queue_services.heartbeat.beat(self.engine, self.seat_code, agent=self.agent)

    def sign_out(self) -> None:
        """Held items back to the queue, the seat offline, its beat row removed."""
        queue_services.heartbeat.sign_out(self.engine, self.seat_code, by=self.agent)


class SeatMessages:
    """The team lead's messages to seat ``seat_code`` (SeatService) and marking them read."""

    def __init__(self, engine: Any, seat_code: str) -> None:
        self.engine, self.seat_code = engine, seat_code

    def unread(self) -> list[dict[str, Any]]:

        return SeatService(self.engine).unread_messages(self.seat_code)

    def mark_read(self, ids: list[int]) -> None:
        mark_messages_read(self.engine, self.seat_code, ids)


def build_services(
    home: SeatHome,
    *,
    demo: bool = False,
    work_no: str = "1001",
    central_engine: Any = None,
) -> tuple[SeatServices, list[Callable[[], None]]]:
    """SeatServices for ``home``; the second value closes what was opened.

    ``work_no`` is the signed-in agent's work number (the script variable 工号, the case's
    agent); ``central_engine`` the signed-in user's central connection (on PostgreSQL it
    logs in as that user), used for the queue; None: a new engine for ``home.central_url``.
    """
    home.ensure()
    notes: list[str] = []
    warnings: list[str] = []
    closers: list[Callable[[], None]] = []
    settings = home.settings

    # local store: drafts, KB entries
    store: LocalStore | None = None
    try:
        store = LocalStore.open(home)
        closers.append(store.close)
        drafts: Any = LocalDrafts(store)
        if store.open_report.recovered:
            message = store.open_report.message(settings.language[:2])
            notes.append(message)
            warnings.append(message)
            log.warning("local store: %s", message)
    except Exception as exc:
        log.exception("local store")
        notes.append(f"本地库 local store: {exc}")
        warnings.append(f"本地库无法打开，工单和草稿暂时不能保存 (local store unavailable): {exc}")
        drafts = Unavailable("本地草稿", str(exc))

    def entry(entry_id: str) -> dict[str, Any] | None:
        if store is None:
            return None
        return store.get("kb_entries", entry_id)

    # KB search
    if importlib.util.find_spec("seat_app.services.kb.index") is not None:

        def search(query: str, area: str | None, limit: int) -> list[dict[str, Any]]:
            # imported on the search thread at the first query: the window shows sooner
            kb_search = importlib.import_module("seat_app.services.kb.index")
            hits: list[dict[str, Any]] = kb_search.search(home, query, area=area, limit=limit)
            return hits

    else:
        notes.append("知识库搜索 kb_search: not installed")
        search = Unavailable("知识库搜索", "seat_app.services.kb.index not installed").search

    # the knowledge panel's corrections (纠错) and search log: both through the outbox
    correct: Callable[[str, int, str, str], Any] | None = None
    search_log: Any = None
    if store is not None:
        search_log = kb.searchlog.SearchLogBuffer()
        seat_store = store

        def file_correction(code: str, version: int, kind: str, comment: str) -> Any:
            return kb.corrections.file_correction(
                seat_store, code, version, kind, comment, agent=work_no
            )

        correct = file_correction

    # intake: suggestion chips over the seat's copy of the published model (the sync tick
    # fetches newer ones), KB search as the fallback
    intake_suggester = LazySuggester(home, search)

    # sync
    sync: Any
    sync_engine: SyncEngine | None = None
    try:
        if store is None:
            raise RuntimeError("no local store")
        if central_engine is not None:
            # the signed-in user's own login: on PostgreSQL the database's rules apply to
            # what this seat pushes and pulls
            engine = SyncEngine(store, engine=central_engine)
        else:
            engine = SyncEngine.for_home(home, store)
        closers.insert(0, engine.close)
        sync = SyncAdapter(engine, home, search_log=search_log)
        sync_engine = engine
        # at close: the current search too (before the engine and store close)
        adapter = sync

        def flush_searches() -> None:
            adapter.flush_search_log(all_=True)

        closers.insert(0, flush_searches)
    except Exception as exc:  # noqa: BLE001
        notes.append(f"同步 sync: {exc}")
        sync = Unavailable("同步", str(exc))

    # cases and caller history; the agent's conflicts and refused ops
    conflicts: Any = None
    cases: Any
    history: Callable[[str], list[dict[str, Any]]]
    try:
        if store is None:
            raise RuntimeError("no local store")
        service = CaseService.for_seat(home, store, agent=work_no)
        if service.adopt_legacy_links():  # links queued by an older seat: outbox ops now
            log.info("duplicate links moved into the outbox")
        cases = CaseAdapter(service)
        history = cases.history
        conflicts = SeatConflicts(store, service)
    except Exception as exc:  # noqa: BLE001
        notes.append(f"工单服务 cases: {exc}")
        if store is not None:
            warnings.append(f"工单服务无法启动，工单暂时不能保存 (cases unavailable): {exc}")
        cases = Unavailable("工单服务", str(exc))
        history = Unavailable("来电历史", str(exc)).history

    # queue: the central queue; in demo the built-in simulator feeds it
    queue: Any
    try:
        if central_engine is not None:
            central = central_engine  # the session owns it
        else:
            central = make_engine(home.central_url)
            closers.append(central.dispose)
        feeder = None
        if demo:
            feeder = SimulatedTelephony().next_item
        queue = CentralQueue(QueueService(central), settings.seat_code, feeder)
    except Exception as exc:  # noqa: BLE001
        notes.append(f"队列 queue: {exc}")
        queue = Unavailable("队列", str(exc))
        central = None

    # after the call: timeline, duplicates, the lead's messages, callback surveys
    dispatch: Any = None
    messages: Any = None
    presence: Any = None
    callbacks: Callable[[Any], Any] | None = None
    if central is not None:
        dispatch = CentralDispatch(central, work_no)
        if sync_engine is not None:  # duplicate links queued in the outbox reach central
            sync_engine.actions[LINK_DUPLICATE] = dispatch.apply_link_op
        messages = SeatMessages(central, settings.seat_code)
        presence = SeatPresence(central, settings.seat_code, work_no)

        def callbacks(runner: Any, _engine: Any = central) -> Any:
            # the callback work list loads when the agent first opens it
            return callback.open_callback_worklist(
                _engine, actor=work_no, runner=runner, language=settings.language[:2]
            )

    record_suggestions: Callable[[str, list[str], int], None] | None = None
    if central is not None:
        central_db = central

        def record_shown(case_id: str, matters: list[str], model_version: int) -> None:
            with central_db.begin() as conn:
                intake.record_suggestion(
                    conn,
                    case_id=case_id,
                    matters=matters,
                    model_version=model_version,
                    work_no=work_no,
                )

        record_suggestions = record_shown

    for note in notes:
        log.warning("not wired: %s", note)
    services = SeatServices(
        search=search,
        history=history,
        drafts=drafts,
        cases=cases,
        sync=sync,
        queue=queue,
        entry=entry,
        work_no=work_no,
        seat_code=settings.seat_code,
        area=settings.area,
        dispatch=dispatch,
        messages=messages,
        callbacks=callbacks,
        presence=presence,
        conflicts=conflicts,
        correct=correct,
        search_log=search_log,
        intake_suggester=intake_suggester,
        record_suggestions=record_suggestions,
        practice_engine=central,
        notes=notes,
        warnings=warnings,
    )
    return services, closers
