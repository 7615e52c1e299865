"""The seat window's suggestion chips (pytest-qt, offscreen, a real SeatWindow with the real
seat-local store): typing the description suggests the top three matters off the UI thread,
debounced; Alt+1..Alt+3 fills the matter; one character suggests nothing; a missing model
falls back to KB routing and says so once; a newly published model is picked up."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import pytest

from seat_app.services.intake import Suggester, train

pytestmark = pytest.mark.intake

NOISE, FUMES, WATER = "工业噪声", "工业废气", "水质问题"


@pytest.fixture(scope="module")
def small_model():
    cases = ([(f"厂房机器轰鸣声很大{i}", NOISE) for i in range(8)]
             + [(f"烟囱冒黑烟气味刺鼻{i}", FUMES) for i in range(8)]
             + [(f"自来水发黄浑浊{i}", WATER) for i in range(8)])
    model, _ = train(cases, kb=False, min_cases=10)
    return model


def kb_search(query, area, limit):
    """The window's search port: KB hits as dicts (the fallback routes by their matters)."""
    return [{"id": "e1", "code": "KB-1", "title": "自来水水质", "matter": WATER, "score": 9.0,
             "area": area or "市直", "unit": "", "snippet": "", "answer": ""},
            {"id": "e2", "code": "KB-2", "title": "停水通知", "matter": "停水", "score": 3.0,
             "area": area or "市直", "unit": "", "snippet": "", "answer": ""}]


@pytest.fixture
def window(qtbot, seat_home):
    from seat_app.qt.ports import SeatServices
    from seat_app.qt.seat.window import SeatWindow
    from seat_app.qt.wiring import LocalDrafts
    from seat_app.qt.workers import InlineRunner, SeatRunners, ThreadRunner
    from seat_app.services.cases.service import CaseService
    from seat_app.services.config import open_home
    from seat_app.services.local.store import LocalStore

    class NoQueue:
        def next_item(self):
            return None

        def renew_item(self, item):
            pass

        def complete_item(self, item, case_id):
            pass

    class NoSync:
        def sync_state(self):
            return {"pending": 0, "online": True}

        def sync_once(self):
            return {"pending": 0, "online": True}

    store = LocalStore.open(open_home(seat_home))
    services = SeatServices(
        search=kb_search, history=lambda phone: [], drafts=LocalDrafts(store),
        cases=CaseService.for_seat(open_home(seat_home), store), sync=NoSync(),
        queue=NoQueue(), entry=lambda _id: None, work_no="1001", area="盐湖区",
    )
    inline = InlineRunner()
    search_runner = ThreadRunner(1, "test-search")
    w = SeatWindow(services, runners=SeatRunners(local=inline, central=inline,
                                                 search=search_runner, sync=inline),
                   queue_poll_ms=50, search_delay_ms=10)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    yield w
    w.close()
    search_runner.wait(3000)
    store.close()


def type_description(qtbot, window, text):
    window.case_form.setEnabled(True)  # as during a call (the form is disabled between calls)
    edit = window.case_form.ui.descriptionEdit
    edit.setFocus()
    edit.clear()
    for ch in text:  # as typed: one change per character (keyClicks takes ASCII only)
        edit.insertPlainText(ch)


def test_chips_follow_the_description_and_alt_keys_accept(qtbot, window, small_model, tmp_path):
    from seat_app.qt.seat import intake_chips

    path = tmp_path / "model.bin"
    small_model.save(path)
    chips = intake_chips.install(window, Suggester(path), delay_ms=30)
    assert window.intake_chips is chips
    window.case_form.focus_description()
    type_description(qtbot, window, "烟囱冒黑烟")
    qtbot.waitUntil(lambda: bool(chips.suggestions) and not chips.pending, timeout=5000)
    assert chips.suggestions[0].matter == FUMES
    assert len(chips.suggestions) == 3 and chips.chips[0].isVisible()
    assert FUMES in chips.chips[0].text() and "Alt+1" in chips.chips[0].text()
    assert "烟囱" in chips.chips[0].toolTip() or "黑烟" in chips.chips[0].toolTip()
    confidences = [s.confidence for s in chips.suggestions]
    assert confidences == sorted(confidences, reverse=True)
    # the description kept the focus while chips appeared
    assert window.case_form.ui.descriptionEdit.hasFocus()
    qtbot.keyClick(window.case_form.ui.descriptionEdit, "1", _alt())
    assert window.case_form.ui.matterEdit.text() == FUMES
    assert window.case_form.ui.matterPath.text().endswith("大气污染")
    second = chips.suggestions[1].matter
    qtbot.keyClick(window.case_form.ui.descriptionEdit, "2", _alt())
    assert window.case_form.ui.matterEdit.text() == second

    # typing on: the newest text wins
    type_description(qtbot, window, "我家自来水发黄浑浊")
    qtbot.waitUntil(lambda: not chips.pending and chips.suggestions
                    and chips.suggestions[0].matter == WATER, timeout=5000)
    # one character: nothing suggested, no chip, Alt+1 does nothing
    type_description(qtbot, window, "水")
    assert chips.suggestions == [] and not any(c.isVisible() for c in chips.chips)
    window.case_form.ui.matterEdit.setText("")
    qtbot.keyClick(window.case_form.ui.descriptionEdit, "1", _alt())
    assert window.case_form.ui.matterEdit.text() == ""


def _alt():
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.AltModifier


def test_missing_model_falls_back_to_kb_and_says_so_once_then_hot_swaps(
        qtbot, window, small_model, tmp_path):
    from seat_app.qt.seat import intake_chips

    path = tmp_path / "model.bin"
    notices = []
    chips = intake_chips.install(window, Suggester(path, searcher=intake_chips._KBSearch(kb_search)),
                                 delay_ms=30)
    chips.notice.connect(lambda text, kind: notices.append((text, kind)))
    type_description(qtbot, window, "水龙头出来的水很浑")
    qtbot.waitUntil(lambda: bool(chips.suggestions) and not chips.pending, timeout=5000)
    assert chips.suggestions[0].matter == WATER  # from the KB hits
    assert len(notices) == 1 and notices[0][1] == "warn" and "知识库" in notices[0][0]
    assert "知识库" in window.notice_text[0]
    type_description(qtbot, window, "水龙头出来的水很浑浊发黄")
    qtbot.waitUntil(lambda: not chips.pending, timeout=5000)
    qtbot.wait(50)
    assert len(notices) == 1  # said once

    # the sync loop writes a published model; the chips pick it up
    small_model.meta["version"] = 7
    small_model.save(path)
    chips.reload_model()
    qtbot.waitUntil(lambda: window.intake_suggester.model_version == 7, timeout=5000)
    qtbot.waitUntil(lambda: len(notices) == 2, timeout=5000)
    assert notices[1][1] == "info"
    type_description(qtbot, window, "烟囱冒黑烟")
    qtbot.waitUntil(lambda: not chips.pending and chips.suggestions
                    and chips.suggestions[0].matter == FUMES, timeout=5000)

