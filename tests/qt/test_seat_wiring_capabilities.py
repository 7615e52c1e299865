"""The capabilities wired into the real seat window (build_services on the demo home): the
heartbeat and sign-out through it, KB corrections and the search log through the outbox,
the intake chips under the description, practice mode (Ctrl+Shift+P or a forced 培训)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import text

from seat_app.domain.case import Channel
from seat_app.domain.queue import SeatState
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import build_services
from seat_app.qt.workers import SeatRunners
from seat_app.services.queue.service import QueueService, SeatService
from seat_app.services.store.engine import make_engine


@pytest.fixture
def seat(qtbot, demo_home):
    """(window, services, central engine) on the demo home's real services, inline runners."""
    services, closers = build_services(demo_home, demo=False, work_no="1002")
    central = make_engine(demo_home.central_url)
    window = SeatWindow(services, runners=SeatRunners.inline(), queue_poll_ms=50,
                        sync_poll_ms=60_000)
    qtbot.addWidget(window)
    try:
        yield window, services, central
    finally:
        window.close()
        central.dispose()
        for close in closers:
            close()


def _scalar(central, sql: str, **params):
    with central.connect() as conn:
        return conn.execute(text(sql), params).scalar()


@pytest.mark.live
def test_the_window_beats_and_signing_out_gives_the_held_call_back(qtbot, seat) -> None:
    window, services, central = seat
    code = services.seat_code
    window.start()
    qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=3000)
    assert _scalar(central, "SELECT agent FROM seat_beats WHERE seat_code = :c", c=code) == "1002"
    assert window.beat_timer.isActive() and window.beat_timer.interval() == 5000

    QueueService(central).enqueue(Channel.PHONE.value, {"area": "盐湖区"},
                                  caller_phone="13835900123")
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
    assert _scalar(central, "SELECT count(*) FROM queue_items WHERE state = 'claimed'"
                            " AND lease_holder = :c", c=code) == 1

    window.close()  # what the shell's sign-out does
    assert not window.beat_timer.isActive()
    assert _scalar(central, "SELECT count(*) FROM seat_beats WHERE seat_code = :c", c=code) == 0
    assert _scalar(central, "SELECT state FROM seats WHERE code = :c", c=code) == "offline"
    assert _scalar(central, "SELECT count(*) FROM queue_items WHERE state = 'waiting'") == 1


@pytest.mark.kb_upkeep
def test_kb_corrections_and_the_search_log_go_through_the_outbox(seat) -> None:
    window, services, _central = seat
    assert services.correct is not None and services.search_log is not None
    assert window.knowledge.search_log is services.search_log
    store = services.drafts.store
    before = store.outbox_count(None)

    services.search_log.searched("停水", ("KB-0001",))
    services.search_log.opened("KB-0001")
    assert services.sync.flush_search_log(all_=True) == 1  # what the sync tick does first
    services.correct("KB-0001", 1, "wrong", "电话号码已经换了")
    assert store.outbox_count(None) == before + 2
    entities = {o.op.entity for o in store.pending_ops()}
    assert {"kb_corrections", "kb_search_log"} <= entities, entities
    with pytest.raises(Exception) as bad:  # bad input: refused with zh/en, nothing written
        services.correct("KB-0001", 1, "wrong", "")
    assert getattr(bad.value, "zh", "") and getattr(bad.value, "en", "")
    assert store.outbox_count(None) == before + 2


@pytest.mark.intake
def test_the_intake_chips_sit_under_the_description_and_f1_lists_the_panel_keys(seat) -> None:
    window, services, _central = seat
    assert services.intake_suggester is not None
    assert window.intake_chips is not None and window.intake_suggester is services.intake_suggester
    form = window.case_form.ui.form
    row, _ = form.getWidgetPosition(window.case_form.ui.descriptionEdit)
    assert form.itemAt(row + 1, form.ItemRole.FieldRole).widget() is window.intake_chips
    sheet = window.show_shortcuts().text()
    for keys in ("Ctrl+Shift+J", "Alt+1", "Ctrl+Shift+P"):
        assert keys in sheet, keys
    listed = [a for a in window.all_actions() if a.shortcut().toString() == "Ctrl+Shift+J"]
    assert len(listed) == 1 and window.actions().count(listed[0]) == 0  # the panel owns the key
    window.show_shortcuts()
    assert len([a for a in window.all_actions() if a.shortcut().toString() == "Alt+1"]) == 1


@pytest.mark.intake
def test_typing_a_description_suggests_matters_through_the_wired_suggester(qtbot, seat) -> None:
    window, _services, central = seat
    window.start()
    qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=3000)
    QueueService(central).enqueue(Channel.PHONE.value, {"area": "盐湖区"},
                                  caller_phone="13835900125")
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
    window.accept_call()
    window.case_form.ui.descriptionEdit.setPlainText("小区门口的路灯连续三个晚上都不亮了，晚上走路看不清")
    qtbot.waitUntil(lambda: bool(window.intake_chips.suggestions), timeout=10_000)
    assert window.intake_chips.suggestions[0].matter  # model or KB routing: a real matter


@pytest.mark.intake
def test_the_suggestions_shown_for_a_saved_case_are_kept_centrally_once(seat) -> None:
    from types import SimpleNamespace

    window, _services, central = seat
    window.intake_chips.suggestions = [SimpleNamespace(matter="路灯不亮"),
                                       SimpleNamespace(matter="道路破损")]
    window.case_saved.emit({"case_id": "case-1", "case_number": "X"})
    window.case_saved.emit({"case_id": "case-1", "case_number": "X"})  # saved again: once
    with central.connect() as conn:
        rows = conn.execute(text("SELECT matters, work_no FROM intake_suggestions"
                                 " WHERE case_id = 'case-1'")).all()
    assert [(json.loads(m), w) for m, w in rows] == [(["路灯不亮", "道路破损"], "1002")]


@pytest.mark.training
def test_practice_mode_from_the_menu_and_from_a_forced_training_state(qtbot, seat) -> None:
    window, services, central = seat
    live_cases = services.cases
    window.start()
    qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=3000)

    SeatService(central).change_state(services.seat_code, "training", by="3001", forced=True)
    window.poll_forced_state()  # what the next sync tick does: the trainer put the agent in
    assert window.practice is not None
    # practice rings its first scenario at once (inline runners): a practice call, not a queue one
    assert window.seat_state in (SeatState.TRAINING, SeatState.RINGING)
    assert _scalar(central, "SELECT count(*) FROM queue_items WHERE lease_holder = :c",
                   c=services.seat_code) == 0
    assert window.services.cases is not live_cases  # practice cases never reach real cases
    assert window.actions_by_name["practice"].text() == "退出练习模式"
    window.enter_practice()  # once is enough
    assert window.practice is not None
    # the heartbeat keeps beating on the real presence while the window practises
    assert window.heartbeat is services.presence
    window.beat()
    assert _scalar(central, "SELECT count(*) FROM seat_beats WHERE seat_code = :c",
                   c=services.seat_code) == 1

    window.actions_by_name["practice"].trigger()  # Ctrl+Shift+P again: back to real work
    assert window.practice is None and window.services.cases is live_cases
    assert window.seat_state == SeatState.READY
    assert window.findChild(QLabel, "practiceBanner") is None or \
        not window.findChild(QLabel, "practiceBanner").isVisible()
    assert window.actions_by_name["practice"].text() == "进入练习模式"
    QueueService(central).enqueue(Channel.PHONE.value, {"area": "盐湖区"},
                                  caller_phone="13835900126")
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
    assert window.calls.item["phone"] == "13835900126"  # a real call rings again


@pytest.mark.training
def test_practice_waits_for_the_call_to_end(qtbot, seat) -> None:
    window, _services, central = seat
    window.start()
    qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=3000)
    QueueService(central).enqueue(Channel.PHONE.value, {"area": "盐湖区"},
                                  caller_phone="13835900124")
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
    window.accept_call()
    window.actions_by_name["practice"].trigger()
    assert window.practice is None and window.seat_state == SeatState.ON_CALL
    assert "练习" in window.notice.text()
