"""The seat window reports its state to the central seats table, so the team lead's console
shows each seat's agent, state and time in state."""

from __future__ import annotations

from sqlalchemy import text

from seat_app.domain.case import Channel
from seat_app.domain.queue import SeatState
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import build_services
from seat_app.qt.workers import SeatRunners
from seat_app.services.queue.service import QueueService
from seat_app.services.reports.console import ConsolePoller
from seat_app.services.store.engine import make_engine


def _seat(central, code: str):
    with central.connect() as conn:
        return conn.execute(text("SELECT state, agent FROM seats WHERE code = :c"),
                            {"c": code}).first()


def test_the_lead_sees_the_seat_go_ready_on_call_and_offline(qtbot, demo_home) -> None:
    services, closers = build_services(demo_home, demo=False, work_no="1002")
    central = make_engine(demo_home.central_url)
    code = services.seat_code
    try:
        assert services.presence is not None
        window = SeatWindow(services, runners=SeatRunners.inline(), queue_poll_ms=50)
        qtbot.addWidget(window)
        window.start()
        qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=3000)
        assert tuple(_seat(central, code)) == ("ready", "1002")

        QueueService(central).enqueue(Channel.PHONE.value, {"area": "盐湖区"},
                                      caller_phone="13835900123")
        qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
        window.accept_call()
        assert _seat(central, code)[0] == "on_call"
        snapshot = ConsolePoller(central).poll()  # what the lead's console reads
        row = next(s for s in snapshot.seats if s.code == code)
        assert row.agent == "1002" and row.state == SeatState.ON_CALL

        window.close()
        assert _seat(central, code)[0] == "offline"
        with central.connect() as conn:
            states = [r[0] for r in conn.execute(text(
                "SELECT state FROM seat_state_history WHERE seat_code = :c ORDER BY started_at"),
                {"c": code})]
        assert states[-4:] == ["ready", "ringing", "on_call", "offline"], states
    finally:
        central.dispose()
        for close in closers:
            close()


def test_the_seat_follows_a_state_the_lead_forced(qtbot, demo_home) -> None:
    from seat_app.services.queue.service import SeatService

    services, closers = build_services(demo_home, demo=False, work_no="1002")
    central = make_engine(demo_home.central_url)
    code = services.seat_code
    try:
        window = SeatWindow(services, runners=SeatRunners.inline(), queue_poll_ms=50)
        qtbot.addWidget(window)
        window.start()
        qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=3000)
        window.poll_forced_state()
        assert window.seat_state == SeatState.READY  # nothing forced yet

        SeatService(central).change_state(code, "break", by="2001", forced=True)
        window.poll_forced_state()  # what the next sync tick does
        assert window.seat_state == SeatState.BREAK
        assert "小休" in window.notice.text()
        assert _seat(central, code)[0] == "break"

        window.toggle_break()  # the agent is back: its own report wins again
        assert window.seat_state == SeatState.READY and _seat(central, code)[0] == "ready"
        window.poll_forced_state()
        assert window.seat_state == SeatState.READY
        window.close()
    finally:
        central.dispose()
        for close in closers:
            close()
