"""Issue 10 (the same fault class, in the seat window): a local store found emptied at start
is said in the window itself, for the whole session, not only in the About box. The store
with a saved case is truncated to 0 bytes, the real wiring opens it, and the window's
notice bar names the file and where the damaged copy is kept, also after the agent
becomes ready (which clears ordinary notices)."""

from __future__ import annotations

import pytest

from seat_app.domain.queue import SeatState
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import build_services
from seat_app.qt.workers import InlineRunner, SeatRunners
from seat_app.services.cases.service import CaseService
from seat_app.services.config import open_home
from seat_app.services.local.store import LocalStore

pytestmark = pytest.mark.integrity


def test_an_emptied_local_store_is_said_in_the_window_all_session(qtbot, seat_home):
    home = open_home(seat_home)
    home.ensure()
    store = LocalStore.open(home)
    CaseService(store, agent="1001").create({
        "channel": "电话", "caller_phone": "13800001234", "matter": "公积金提取",
        "description": "提取公积金需要什么材料", "handling": "直接办理",
        "reply_text": "带身份证和购房合同到公积金中心办理。"})
    store.close()
    home.local_db_path.write_bytes(b"")  # truncated to 0 bytes

    services, closers = build_services(home, work_no="1001")
    try:
        assert services.warnings and str(home.local_db_path) in services.warnings[0]
        runner = InlineRunner()
        window = SeatWindow(services, runners=SeatRunners(runner, runner, runner, runner),
                            sync_poll_ms=60_000, queue_poll_ms=60_000)
        qtbot.addWidget(window)
        window.show()
        window.start()
        if window.recover_box is not None:
            window.drafts.later_button.click()
        qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=2000)
        notice = window.notice
        assert notice.isVisible() and notice.property("kind") == "error"
        assert str(home.local_db_path) in notice.text() and ".corrupt-" in notice.text()
        window.show_notice("")  # an ordinary notice cleared: the damage is still said
        assert notice.isVisible() and ".corrupt-" in notice.text()
        window.close()
    finally:
        for close in closers:
            close()
