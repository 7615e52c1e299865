"""The duplicate advisor: earlier cases that may be the same request (debounced, newest
question wins), the link the agent chose, and the queue of links waiting for their case to
reach the central database. Owns its timer and guards."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QTimer

from seat_app.domain.taxonomy import is_matter
from seat_app.qt.i18n import error_text
from seat_app.qt.ports import is_wired
from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import LatestWins, SingleFlight

log = logging.getLogger(__name__)


def _retry_later(error: BaseException | None) -> bool:
    """Not synced yet (LookupError) or the central database went away: try at the next sync."""
    return isinstance(error, LookupError | OSError | TimeoutError)


class DuplicateAdvisor(SeatPart):
    def __init__(self, host: SeatHost, *, delay_ms: int) -> None:
        super().__init__(host)
        self.suggestions: list[dict[str, Any]] = []
        self.key: tuple[str, ...] | None = None
        self.ignored: set[str] = set()
        self.target: dict[str, Any] | None = None
        self.pending_links: list[dict[str, str]] = []
        self.question = LatestWins(host.runners.central)
        self.link_flight = SingleFlight()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.ask)

    @property
    def wired(self) -> bool:
        return is_wired(self.w.services.dispatch)

    def reset(self) -> None:
        self.timer.stop()
        self.question.cancel()
        self.key, self.ignored, self.target, self.suggestions = None, set(), None, []
        self.w.duplicate_banner.show_suggestion(None)

    def load_queued(self) -> None:
        """Duplicate links queued before a restart or a crash (seat-local)."""
        self.w.runners.local.submit(self.w.services.dispatch.queued_links, self._on_queued_loaded)

    def _on_queued_loaded(self, links: Any, error: Any) -> None:
        for link in ([] if error is not None else links or []):
            if link not in self.pending_links:
                self.pending_links.append(link)

    def schedule(self, data: dict[str, Any]) -> None:
        """Ask once phone or address and the matter are known (debounced)."""
        if not self.wired:
            return
        if not ((data["caller_phone"] or data["caller_address"]) and is_matter(data["matter"])):
            self.key = None
            self.timer.stop()
            return
        key = (data["caller_phone"], data["caller_address"], data["matter"], data["caller_area"])
        if key != self.key:
            self.key = key
            self.timer.start()

    def ask(self) -> None:
        w = self.w
        if not self.wired or self.key is None or w.drafts.draft_id is None or w.offline:
            return  # offline: the last sync found the central database down, no wait
        key, draft_id, case_id = self.key, w.drafts.draft_id, w.drafts.case_id
        phone, address, matter, area = key
        dispatch, received = w.services.dispatch, w.calls.started_at
        self.question.request(
            lambda: dispatch.suggest_duplicates(phone, address, matter, area, received, case_id),
            lambda r, e: self._on_answer(key, draft_id, r, e),
        )

    def _on_answer(self, key: tuple[str, ...], draft_id: str, found: Any, error: Any) -> None:
        if draft_id != self.w.drafts.draft_id or key != self.key:
            return  # another call, or the form changed since: a newer question is on its way
        if error is not None:
            # the central database is down: no suggestion, no dialog (the status bar says offline)
            log.info("duplicate suggestions unavailable: %s", error)
            return
        case_id = self.w.drafts.case_id
        self.suggestions = [d for d in (found or []) if str(d.get("earlier_case_id")) not in self.ignored
                            and str(d.get("earlier_case_id")) != case_id]
        self.show()

    def show(self) -> None:
        if self.target is not None:
            self.w.duplicate_banner.show_suggestion(self.target, linked=True)
        else:
            self.w.duplicate_banner.show_suggestion(self.suggestions[0] if self.suggestions else None,
                                                    linked=False)

    def link(self) -> None:
        """Link this call's case to the suggested earlier case: at once if the case is saved,
        else at its save; applied on the central database after the next successful sync."""
        w, banner = self.w, self.w.duplicate_banner
        suggestion = banner.suggestion
        if not banner.isVisible() or suggestion is None or self.target is not None or not w.calls.on_case:
            return
        self.target = dict(suggestion)
        self.show()
        if w.drafts.saved and w.drafts.case_id:
            self.queue_link()
            w.sync_now()
        else:
            w.show_notice(self.tr("保存工单后将关联为工单 %1 的重复件（同步到中心库后生效）。")
                          .replace("%1", str(suggestion.get("case_number", ""))), "info")

    def ignore(self) -> None:
        suggestion = self.w.duplicate_banner.suggestion
        if not self.w.duplicate_banner.isVisible() or suggestion is None:
            return
        earlier = str(suggestion.get("earlier_case_id", ""))
        self.ignored.add(earlier)
        if self.target is not None and str(self.target.get("earlier_case_id")) == earlier:
            self.target = None
            case_id = self.w.drafts.case_id
            self.pending_links = [p for p in self.pending_links
                                  if not (p["case_id"] == case_id and p["earlier_case_id"] == earlier)]
            self.keep_links()
        self.suggestions = [d for d in self.suggestions if str(d.get("earlier_case_id")) != earlier]
        self.show()

    def queue_link(self) -> None:
        drafts = self.w.drafts
        if self.target is None or not drafts.case_id:
            return
        link = {"case_id": drafts.case_id, "case_number": drafts.case_number,
                "earlier_case_id": str(self.target.get("earlier_case_id", "")),
                "earlier_case_number": str(self.target.get("case_number", ""))}
        if link not in self.pending_links:
            self.pending_links.append(link)
            self.keep_links()

    def keep_links(self) -> None:
        """Write the queue of links to the seat-local store (off the UI thread)."""
        dispatch, links = self.w.services.dispatch, [dict(link) for link in self.pending_links]
        self.w.runners.local.submit(lambda: dispatch.keep_queued_links(links))

    def apply_pending(self) -> None:
        """Apply queued links (after a successful sync); a case that has not reached the
        central database yet stays queued for the next sync."""
        if not self.wired or not self.pending_links:
            return
        dispatch, links = self.w.services.dispatch, list(self.pending_links)

        def job() -> list[tuple[dict[str, str], BaseException | None]]:
            out: list[tuple[dict[str, str], BaseException | None]] = []
            for link in links:
                try:
                    dispatch.link_duplicate(link["case_id"], link["earlier_case_id"])
                    out.append((link, None))
                except Exception as exc:  # noqa: BLE001 - each link reports its own outcome
                    out.append((link, exc))
            return out

        self.link_flight.run(self.w.runners.central, job, self._on_links_applied)

    def _on_links_applied(self, outcomes: Any, error: Any) -> None:
        if error is not None:
            return
        for link, exc in outcomes or []:
            if _retry_later(exc):
                continue
            if link in self.pending_links:
                self.pending_links.remove(link)
                self.keep_links()
            if exc is None:
                self.w.show_notice(self.tr("工单 %1 已关联为工单 %2 的重复件（并案）。")
                                   .replace("%1", link["case_number"]).replace("%2", link["earlier_case_number"]), "info")
                self.w.duplicate_linked.emit(link["case_id"], link["earlier_case_id"])
            else:
                self.w.show_notice(self.tr("工单 %1 未能关联为重复件：%2").replace("%1", link["case_number"])
                                   .replace("%2", error_text(exc, self.w.language, bare=True)), "warn")
