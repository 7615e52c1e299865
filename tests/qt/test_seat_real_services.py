"""The seat window on the real services of a (small) demo home, with real threads.

Central SQLite + seat-local store + the real knowledge index + queue + case service + sync:
a call goes from the central queue to a saved case in the local store, then to the central
database by sync; the caller's next call shows it in the history panel.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from seat_app.domain.case import Channel, Handling
from seat_app.domain.queue import SeatState
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import build_services
from seat_app.qt.workers import SeatRunners
from seat_app.services.queue.service import QueueService
from seat_app.services.store.engine import make_engine


def test_a_call_on_real_services_is_saved_synced_and_in_history(qtbot, demo_home) -> None:
    services, closers = build_services(demo_home, demo=False)
    assert services.notes == [], services.notes  # everything is the real service
    runners = SeatRunners.threads()
    window = SeatWindow(
        services,
        runners=runners,
        queue_poll_ms=50,
        sync_poll_ms=200,
        search_delay_ms=20,
    )
    qtbot.addWidget(window)
    central = make_engine(demo_home.central_url)
    try:
        window.show()
        window.start()
        qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=5000)
        queue = QueueService(central)
        queue.enqueue(Channel.PHONE.value, {"area": "盐湖区"}, caller_phone="13835912345")
        qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
        window.accept_call()
        form = window.case_form.ui
        assert form.phoneEdit.text() == "13835912345"
        form.callerEdit.insert("王女士")
        window.case_form.picker.choose("公积金提取")
        form.descriptionEdit.setPlainText("想把公积金取出来装修房子，需要什么材料")
        # the knowledge panel searched the real index off the UI thread
        qtbot.waitUntil(lambda: window.knowledge.model.rowCount() > 0, timeout=5000)
        hits = window.knowledge.model.hits
        assert any(h["matter"] == "公积金提取" for h in hits[:3])
        assert "<b>" in hits[0]["snippet"]
        window.knowledge.open_entry(hits[0])
        qtbot.waitUntil(lambda: bool(window.knowledge.answer_text()), timeout=5000)
        window.choose_handling(Handling.DIRECT)
        window.knowledge.insert_answer()
        assert window.knowledge.answer_text() in form.replyEdit.toPlainText()
        window.save_case()
        qtbot.waitUntil(lambda: window.saved or "失败" in window.notice.text(), timeout=5000)
        assert window.saved, window.notice.text()
        assert re.fullmatch(r"\d{8}-S01-\d{4}", window.case_number)
        case_number = window.case_number

        # synced to the central database
        def in_central() -> bool:
            with central.connect() as conn:
                return bool(
                    conn.execute(
                        text("SELECT count(*) FROM cases WHERE case_number = :n"), {"n": case_number}
                    ).scalar()
                )

        window.sync_now()
        qtbot.waitUntil(in_central, timeout=8000)
        qtbot.waitUntil(lambda: window.status.sync.get("state") == "synced", timeout=8000)
        with central.connect() as conn:
            row = conn.execute(
                text("SELECT matter, handling, caller_phone FROM cases WHERE case_number = :n"),
                {"n": case_number},
            ).one()
        assert tuple(row) == ("公积金提取", "直接办理", "13835912345")
        window.end_call()
        window.become_ready()
        assert window.seat_state == SeatState.READY

        # the same caller again: the history panel shows the saved case
        queue.enqueue(Channel.PHONE.value, {"area": "盐湖区"}, caller_phone="13835912345")
        qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
        window.accept_call()
        qtbot.waitUntil(lambda: len(window.history_panel.cases) == 1, timeout=5000)
        assert window.history_panel.cases[0]["case_number"] == case_number
        assert window.history_panel.tree.topLevelItem(0).text(0) == case_number
    finally:
        window.close()
        for runner in (runners.local, runners.central, runners.search, runners.sync):
            runner.wait(5000)
        central.dispose()
        for close in closers:
            close()
