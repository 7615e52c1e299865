"""A central database that hangs must not delay the seat-local work: the draft autosave and
the case save run on the local runner while every central call waits (issue 12)."""

from __future__ import annotations

import threading
from typing import Any

from seat_app.domain.case import Handling
from seat_app.domain.queue import SeatState


class HungCentral:
    """Queue, presence and dispatch ports whose every call blocks until ``release`` is set
    (a central statement that hangs, e.g. behind a row lock held by someone else)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.waiting: list[str] = []

    def _hang(self, what: str) -> None:
        with self.lock:
            self.waiting.append(what)
        self.release.wait(30)

    # queue
    def next_item(self) -> dict[str, Any] | None:
        self._hang("next_item")
        return None

    def renew_item(self, item: dict[str, Any]) -> None:
        self._hang("renew_item")

    def complete_item(self, item: dict[str, Any], case_id: str | None) -> None:
        self._hang("complete_item")

    # presence
    def report(self, state: str) -> None:
        self._hang("report")

    def forced_state(self) -> str | None:
        self._hang("forced_state")
        return None

    # dispatch
    def case_view(self, case_id: str) -> dict[str, Any]:
        self._hang("case_view")
        return {}

    def suggest_duplicates(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        self._hang("suggest_duplicates")
        return []



def test_draft_autosave_and_case_save_complete_while_the_central_database_hangs(
    qtbot, seat_home, local_store, switchable_sync
):
    from seat_app.qt.ports import SeatServices
    from seat_app.qt.seat.window import SeatWindow
    from seat_app.qt.wiring import LocalDrafts
    from seat_app.qt.workers import SeatRunners
    from seat_app.services.cases.service import CaseService
    from seat_app.services.config import open_home

    central = HungCentral()
    services = SeatServices(
        search=lambda q, a, n: [], history=lambda phone: [], drafts=LocalDrafts(local_store),
        cases=CaseService.for_seat(open_home(seat_home), local_store), sync=switchable_sync,
        queue=central, presence=central, dispatch=central, work_no="1001", area="盐湖区",
    )
    runners = SeatRunners.threads()
    window = SeatWindow(services, runners=runners, autosave_ms=200, change_save_ms=50,
                        queue_poll_ms=20, sync_poll_ms=60_000, duplicate_delay_ms=10)
    qtbot.addWidget(window)
    window.show()
    saved: list[dict] = []
    window.case_saved.connect(saved.append)
    try:
        window.start()
        qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=3000)
        # the central runner is stuck in its first call (the lead's forced state asked on the
        # first sync tick, or the presence report of "ready"); the others queue behind it
        qtbot.waitUntil(lambda: bool(central.waiting), timeout=5000)
        first = list(central.waiting)
        assert len(first) == 1 and first[0] in ("forced_state", "report")
        window.ring({"channel": "phone", "phone": "13835900001", "area": "盐湖区", "claim": object()})
        window.accept_call()
        assert window.seat_state == SeatState.ON_CALL
        form = window.case_form
        form.ui.callerEdit.insert("王先生")
        form.ui.addressEdit.setText("盐湖区解放路1号")
        form.picker.choose("拖欠工资")  # asks for duplicates: one more central call in line
        form.ui.descriptionEdit.setPlainText("工地欠薪三个月，central 挂起时输入")
        qtbot.waitUntil(
            lambda: any("central 挂起时输入" in d.fields.get("description", "")
                        for d in local_store.list_drafts()),
            timeout=5000,
        )
        qtbot.waitUntil(lambda: "草稿已自动保存" in form.ui.draftState.text(), timeout=5000)
        # the case itself is saved locally (row + outbox) while central still hangs
        window.choose_handling(Handling.DIRECT)
        form.ui.replyEdit.setPlainText("已告知可向劳动监察大队投诉。")
        window.save_case()
        qtbot.waitUntil(lambda: bool(saved), timeout=5000)
        assert window.saved and window.case_number
        assert not central.release.is_set()
        assert central.waiting == first  # still the first central call: nothing got past it
    finally:
        central.release.set()
        window.close()
        runners.wait(5000)
