"""The seat window's controllers: typed against SeatHost (no window import), one mask_phone."""

from __future__ import annotations

import grimp
import pytest
from PySide6.QtCore import QObject

from seat_app.domain.queue import SeatState
from seat_app.qt.seat.host import SeatPart


def test_nothing_the_window_imports_imports_the_window():
    """Not even under TYPE_CHECKING: the controllers know the window only as SeatHost, so
    the seat package has no import cycle counting every import."""
    graph = grimp.build_graph("seat_app")
    window = "seat_app.qt.seat.window"
    below = graph.find_upstream_modules(window)
    assert below, "the window imports its controllers"
    back = sorted(m for m in below if graph.chain_exists(importer=m, imported=window))
    assert back == []


def test_a_seat_part_refuses_a_host_that_is_not_a_widget():
    with pytest.raises(TypeError, match="QWidget"):
        SeatPart(QObject())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("phone", "shown", "hidden"),
    [
        ("13835912345", "138****2345", "13835912345"),
        ("0359-2123456", "0359-***3456", "2123456"),  # a landline keeps its area code
    ],
)
def test_the_ring_banner_and_history_mask_the_number_like_everywhere_else(
    qtbot, make_window, list_queue, phone, shown, hidden
):
    window = make_window()
    list_queue.push(channel="电话", phone=phone, area="盐湖区")
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=2000)
    assert shown in window.ring_banner.text() and hidden not in window.ring_banner.text()
    window.accept_call()
    qtbot.waitUntil(lambda: shown in window.history_panel.title.text(), timeout=2000)
