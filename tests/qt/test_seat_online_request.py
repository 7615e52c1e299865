"""Online requests (app, website, mailbox, window) come through the same queue and open
the same case form with the request text filled in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from seat_app.domain.queue import SeatState


def test_a_website_request_opens_the_form_with_its_text(qtbot, make_window, list_queue,
                                                         local_store) -> None:
    window = make_window()
    text = "小区门口的路灯坏了一个星期，晚上出行很不方便，请尽快修理。"
    list_queue.push(channel="网站", phone="13835955555", area="永济市", caller_name="网友李先生",
                    description=text)
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert window.seat_state == SeatState.ON_CALL
    data = window.case_form.data()
    assert data["channel"] == "网站"
    assert data["description"] == text
    assert data["caller_name"] == "网友李先生" and data["caller_area"] == "永济市"
    assert window.case_form.ui.matterEdit.hasFocus()  # the agent classifies it next
    # the knowledge panel already searches with the request text, in the caller's area
    qtbot.waitUntil(lambda: window.knowledge.model.rowCount() > 0, timeout=3000)
    assert any("路灯坏了" in q for q in window.services.search.queries), \
        window.services.search.queries
