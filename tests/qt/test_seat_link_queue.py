"""A duplicate link typed while the new case has not reached the central database yet is
kept in the seat-local store: a restart (or a crash) of the window does not lose it."""

from __future__ import annotations

from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import build_services
from seat_app.qt.workers import SeatRunners


def test_queued_duplicate_links_survive_a_restart(qtbot, demo_home) -> None:
    link = {"case_id": "case-not-synced-yet", "case_number": "20261129-S01-0042",
            "earlier_case_id": "earlier-case", "earlier_case_number": "20261120-S02-0007"}
    services, closers = build_services(demo_home, demo=False)
    try:
        assert services.dispatch.queued_links() == []
        services.dispatch.keep_queued_links([link])
    finally:
        for close in closers:
            close()

    # the next start of the seat: the window takes the kept link back into its queue
    services, closers = build_services(demo_home, demo=False)
    try:
        window = SeatWindow(services, runners=SeatRunners.inline())
        qtbot.addWidget(window)
        window.start()
        qtbot.waitUntil(lambda: link in window.pending_links, timeout=3000)
        # the case never reached the central database: the link stays queued, and kept
        window.apply_pending_links()
        qtbot.waitUntil(lambda: not window.duplicates.link_flight.busy, timeout=3000)
        assert window.pending_links == [link]
        assert services.dispatch.queued_links() == [link]
        # once it is applied or refused it leaves the queue, here and in the store
        window.pending_links.remove(link)
        window.duplicates.keep_links()
        assert services.dispatch.queued_links() == []
        window.close()
    finally:
        for close in closers:
            close()
