"""A whole practice call through the real seat window (pytest-qt, offscreen): the simulated
caller rings, the agent answers (F2), asks the caller, fills the form, searches and
inserts the KB answer, dispatches, saves (Ctrl+S), reads the number back, ends the call (F4)
and gets the scored review; Enter rings the next scenario. The seat-local store (cases,
drafts, outbox) stays untouched and presence only ever says "training"."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

from typing import Any

import pytest
from PySide6.QtCore import Qt

from seat_app.domain.queue import SeatState
from seat_app.qt.ports import SeatServices
from seat_app.qt.seat.practice import PracticeMode
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import LocalDrafts
from seat_app.qt.workers import InlineRunner, SeatRunners
from seat_app.services.cases.service import CaseService
from seat_app.services.config import open_home
from seat_app.services.local.store import LocalStore
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.training import library, results, sessions

pytestmark = [pytest.mark.training]


class _Queue:
    def __init__(self) -> None:
        self.asked = 0

    def next_item(self) -> dict[str, Any] | None:
        self.asked += 1
        return None

    def renew_item(self, item: dict[str, Any]) -> None:
        return None

    def complete_item(self, item: dict[str, Any], case_id: str | None) -> None:
        raise AssertionError("practice never completes a queue item")


class _Sync:
    def sync_state(self) -> dict[str, Any]:
        return {"state": "synced", "pending": 0, "error": None}

    def sync_once(self) -> dict[str, Any]:
        return self.sync_state()


class _Presence:
    def __init__(self) -> None:
        self.reported: list[str] = []

    def report(self, state: str) -> None:
        self.reported.append(state)

    def forced_state(self) -> str | None:
        return None


def _search(entries: list[dict[str, Any]]):
    def search(query: str, area: str | None, limit: int) -> list[dict[str, Any]]:
        return [dict(e, snippet=e["title"]) for e in entries
                if any(w in e["title"] + e["answer"] for w in query.split())][:limit] or entries
    return search


@pytest.fixture
def practice_window(qtbot, seat_home, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    library.ensure_starter(engine)
    s = library.scenario(engine, "S001")[0]
    entries = [{"id": "e1", "code": s.expected.accepted_kb[0], "title": "通信设施安装纠纷办理指引",
                "matter": s.matter, "area": "盐湖区", "unit": s.expected.units[0],
                "answer": "请联系盐湖区通信运营商联络处，工作日受理。"}]
    store = LocalStore.open(open_home(seat_home))
    presence = _Presence()
    queue = _Queue()
    services = SeatServices(search=_search(entries), history=lambda phone: [],
                            drafts=LocalDrafts(store),
                            cases=CaseService.for_seat(open_home(seat_home), store),
                            sync=_Sync(), queue=queue, entry=lambda _id: None,
                            work_no="1001", area="盐湖区", presence=presence)
    runner = InlineRunner()
    window = SeatWindow(services, runners=SeatRunners(local=runner, central=runner, search=runner,
                                                      sync=runner),
                        queue_poll_ms=20, search_delay_ms=10)
    qtbot.addWidget(window)
    info = sessions.create_session(engine, trainer="3001", title="课堂", trainees=("1001",),
                                   scenario_ids=("S001", "S004"))
    mode = PracticeMode(engine, "1001", session_id=info.id).install(window)
    window.show()
    window.start()
    yield window, mode, engine, store, presence, info
    mode.stop()
    window.close()
    store.close()
    engine.dispose()


def test_a_whole_practice_call_through_the_seat_window(qtbot, practice_window):
    window, mode, engine, store, presence, info = practice_window
    before = {t: store.count(t) for t in ("cases", "drafts")}
    outbox_before = store.outbox_count(None)
    assert mode.banner.isVisible() and "练习模式" in mode.banner.text()
    assert "练习模式" in mode.status_label.text()

    mode.start()  # the simulated caller rings
    assert window.seat_state == SeatState.RINGING and mode.scenario.id == "S001"
    assert "F2" in window.ring_banner.text()
    window.actions_by_name["accept"].trigger()  # F2
    assert window.seat_state == SeatState.ON_CALL
    assert mode.scenario.opening in mode.transcript.toPlainText()
    window.actions_by_name["next_step"].trigger()  # the script's "identify" step: name given
    assert "唐晓东" in mode.transcript.toPlainText()
    mode.question.setText("请问具体地址在哪里？")  # typed (keyClicks takes Latin keys only)
    qtbot.keyClick(mode.question, Qt.Key.Key_Return)
    assert "北城街24号金色家园" in mode.transcript.toPlainText()
    assert "address" in mode.caller.revealed

    s = mode.scenario
    form = window.case_form.ui
    form.callerEdit.setText(s.persona.name)
    form.addressEdit.setText(s.expected.address)
    form.matterEdit.setText(s.matter)
    window.case_form.matter_chosen.emit(s.matter)
    form.descriptionEdit.setPlainText(s.expected.description)
    window.knowledge.ui.searchEdit.setText("通信设施")
    window.knowledge._on_search_edit_text_edited("通信设施")
    qtbot.waitUntil(lambda: window.knowledge.model.rowCount() > 0, timeout=3000)
    window.knowledge.open_entry(window.knowledge.model.hits[0])
    window.choose_handling("转派")
    form.unitEdit.setText(s.expected.units[0])
    window.knowledge.insert_answer()
    form.replyEdit.setPlainText(s.expected.model_answer)
    window.actions_by_name["save"].trigger()  # Ctrl+S: a practice number, nothing stored locally
    assert window.case_number.startswith("LX") and mode.case_number == window.case_number
    assert mode.review is None  # the call is still on: read back, close, then the review
    window.actions_by_name["end_call"].trigger()  # F4
    qtbot.waitUntil(lambda: mode.review_dialog is not None, timeout=3000)
    review = mode.review
    dialog = mode.review_dialog
    assert review.evaluation.score == 100, review.evaluation.failed_items()
    assert dialog.items.rowCount() == len(review.evaluation.items)
    assert "100" in dialog.score_label.text()
    assert s.expected.model_answer in dialog.answer.toPlainText()
    assert s.expected.accepted_kb[0] in dialog.answer.toPlainText()

    # nothing of practice reached the seat-local store or the queue; the lead saw 'training'
    assert {t: store.count(t) for t in ("cases", "drafts")} == before
    assert store.outbox_count(None) == outbox_before
    assert set(presence.reported) == {"training"}
    grid = sessions.live_grid(engine, info.id)
    assert grid[0].done == 1 and grid[0].score_so_far == 100

    qtbot.keyClick(dialog.next_button, Qt.Key.Key_Return)  # next scenario rings
    assert window.seat_state == SeatState.RINGING and mode.scenario.id == "S004"
    window.actions_by_name["accept"].trigger()
    window.actions_by_name["save"].trigger()  # nothing filled: refused like a live save
    assert mode.saved_form is None
    # the caller hangs up (F4) before the case is saved: no number could be read back
    s4 = mode.scenario
    window.actions_by_name["end_call"].trigger()
    window.case_form.load({"channel": s4.channel, "caller_name": s4.persona.name,
                           "caller_phone": s4.persona.phone, "caller_area": s4.expected.area,
                           "caller_address": s4.expected.address, "matter": s4.matter,
                           "description": s4.expected.description, "handling": s4.expected.handling,
                           "handling_unit": (s4.expected.units or ("",))[0],
                           "reply_text": s4.expected.model_answer})
    window.actions_by_name["save"].trigger()
    qtbot.waitUntil(lambda: mode.review is not None, timeout=3000)
    assert mode.review.evaluation.item("readback").outcome == "fail"
    rows = results.session_results(engine, info.id).rows
    assert [r.scenario_id for r in rows] == ["S001", "S004"] and rows[0].score == 100


def test_an_emergency_is_transferred_with_the_emergency_script(qtbot, practice_window):
    window, mode, _engine, store, presence, _info = practice_window
    mode.session_id, mode.queue_ids = None, ["S182"]  # free practice: a fire (119)
    mode.start()
    assert mode.scenario.expected.transfer_to == "119"
    window.actions_by_name["accept"].trigger()
    window.actions_by_name["script_emergency"].trigger()   # the emergency script
    window.actions_by_name["next_step"].trigger()          # transfer-110: passed, not chosen
    window.actions_by_name["next_step"].trigger()          # transfer-119
    assert mode.caller.transferred_to == ""
    window.actions_by_name["end_call"].trigger()           # F4 on 119: transferred
    qtbot.waitUntil(lambda: mode.review is not None, timeout=3000)
    ev = mode.review.evaluation
    assert mode.caller.transferred_to == "119"
    assert ev.item("emergency_transfer").outcome == "pass" and not ev.fatal_failed
    assert store.outbox_count(None) == 0 and set(presence.reported) == {"training"}


def test_an_upset_caller_escalates_unless_calmed_with_the_upset_script(qtbot, practice_window):
    window, mode, _engine, _store, _presence, _info = practice_window
    mode.session_id, mode.queue_ids = None, ["S007", "S007"]
    mode.start()
    window.actions_by_name["accept"].trigger()
    for q in ("请问具体地址在哪里？", "请问您怎么称呼？"):  # questions before calming him
        mode.question.setText(q)
        mode.ask()
    assert mode.caller.escalated and "address" not in mode.caller.revealed
    assert "投诉" in mode.transcript.toPlainText() or "推来推去" in mode.transcript.toPlainText()
    window.actions_by_name["end_call"].trigger()
    mode.scenario = None  # the same scenario again, played right
    mode.start()
    window.actions_by_name["accept"].trigger()
    window.actions_by_name["script_upset_caller"].trigger()  # acknowledge first
    assert mode.caller.calmed and not mode.caller.escalated
    window.actions_by_name["back_to_call"].trigger()
    mode.question.setText("请问具体地址在哪里？")
    mode.ask()
    assert "address" in mode.caller.revealed
