"""The duplicate advisor: earlier cases that may be the same request (debounced, newest
question wins) and the link the agent chose. A link is business state: it is queued as an
op in the seat-local outbox (``cases.queue_duplicate_link``), so it survives a restart and
works offline, and sync applies it on the central database once the case is there; after
each sync the advisor says which links were applied or refused. Owns its timer and guards."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QTimer

from seat_app.domain.taxonomy import is_matter
from seat_app.qt.ports import is_wired
from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import LatestWins, SingleFlight

log = logging.getLogger(__name__)


class DuplicateAdvisor(SeatPart):
    def __init__(self, host: SeatHost, *, delay_ms: int) -> None:
        super().__init__(host)
        self.suggestions: list[dict[str, Any]] = []
        self.key: tuple[str, ...] | None = None
        self.ignored: set[str] = set()
        self.target: dict[str, Any] | None = None
        self.pending_links: list[dict[str, Any]] = []
        """Links in the local outbox not applied centrally yet (as ``cases.duplicate_links``)."""
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
        """Links queued before a restart or a crash (the seat-local outbox)."""
        self.check_links(report=False)

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
        """Link this call's case to the suggested earlier case: queued in the local outbox at
        once if the case is saved, else at its save; sync applies it on central."""
        w, banner = self.w, self.w.duplicate_banner
        suggestion = banner.suggestion
        if not banner.isVisible() or suggestion is None or self.target is not None or not w.calls.on_case:
            return
        self.target = dict(suggestion)
        self.show()
        if w.drafts.saved and w.drafts.case_id:
            self.queue_link()  # then syncs
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
            case_id, cases = self.w.drafts.case_id, self.w.services.cases
            if case_id:  # queued already: take it back (central has not applied it yet)
                self.pending_links = [p for p in self.pending_links
                                      if not (p["case_id"] == case_id and p["earlier_case_id"] == earlier)]
                self.w.op(self.w.runners.local,
                          lambda: cases.drop_duplicate_link(case_id, earlier)).run()
        self.suggestions = [d for d in self.suggestions if str(d.get("earlier_case_id")) != earlier]
        self.show()

    def queue_link(self) -> None:
        """The case is saved: queue its link in the local outbox, then sync."""
        drafts, cases = self.w.drafts, self.w.services.cases
        if self.target is None or not drafts.case_id:
            return
        case_id, earlier = drafts.case_id, str(self.target.get("earlier_case_id", ""))
        link = {"case_id": case_id, "case_number": drafts.case_number, "earlier_case_id": earlier,
                "earlier_case_number": str(self.target.get("case_number", "")), "state": "pending"}
        (self.w.op(self.w.runners.local, lambda: cases.queue_duplicate_link(case_id, earlier))
         .success(lambda _r: self._on_link_queued(link)).run())

    def _on_link_queued(self, link: dict[str, Any]) -> None:
        if not any(p["case_id"] == link["case_id"] for p in self.pending_links):
            self.pending_links.append(link)
        self.w.sync_now()

    def apply_pending(self) -> None:
        """After a successful sync: which queued links did central apply or refuse?"""
        self.check_links(report=True)

    def check_links(self, *, report: bool) -> None:
        cases = self.w.services.cases
        self.link_flight.run(self.w.runners.local, lambda: cases.duplicate_links(),
                             lambda r, e: self._on_links(r, e, report))

    def _on_links(self, links: Any, error: Any, report: bool) -> None:
        if error is not None:
            log.info("queued duplicate links unreadable: %s", error)
            return
        now = {(str(p["case_id"]), str(p["earlier_case_id"])): dict(p) for p in links or []}
        for before in list(self.pending_links) if report else []:
            key = (str(before["case_id"]), str(before["earlier_case_id"]))
            after = now.get(key)
            number = str(before.get("case_number") or (after or {}).get("case_number", ""))
            if after is None:  # left the outbox: applied on the central database
                earlier_no = str(before.get("earlier_case_number") or before["earlier_case_id"])
                self.w.show_notice(self.tr("工单 %1 已关联为工单 %2 的重复件（并案）。")
                                   .replace("%1", number).replace("%2", earlier_no), "info")
                self.w.duplicate_linked.emit(key[0], key[1])
            elif after["state"] == "rejected":
                reason = after["error_en"] if self.w.language.startswith("en") else after["error"]
                self.w.show_notice(self.tr("工单 %1 未能关联为重复件：%2").replace("%1", number)
                                   .replace("%2", str(reason)), "warn")
        self.pending_links = [p for p in now.values() if p.get("state") == "pending"]
