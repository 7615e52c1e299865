"""Seat window: shortcuts, language switch, knowledge search, drafts, central failures."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from seat_app.domain.case import Handling
from seat_app.domain.queue import SeatState
from seat_app.qt.i18n import Translations
from seat_app.qt.seat.knowledge_panel import DebouncedSearch
from seat_app.qt.workers import InlineRunner, ThreadRunner


def _accept(qtbot, window, list_queue, **item) -> None:
    list_queue.push(channel="电话", phone="13900001111", area="盐湖区", **item)
    qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=2000)
    window.accept_call()


def test_every_action_has_a_unique_shortcut_and_is_on_the_f1_sheet(qtbot, make_window) -> None:
    window = make_window()
    actions = [a for a in window.findChildren(QAction) if a.text() and not a.menu()]
    assert len(actions) >= 20
    keys = [a.shortcut().toString() for a in actions]
    assert all(keys), [a.text() for a in actions if not a.shortcut().toString()]
    assert len(set(keys)) == len(keys), "two actions share a shortcut"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = window.shortcut_sheet
    assert sheet.isVisible()
    text = sheet.text()
    for action in actions:
        assert action.text().replace("&", "") in text
        assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in text
    # the special scripts come from the data files, with their own hotkeys
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.script_panel.special_active
    assert "110" in " ".join(s.text for s in window.script_panel.flow.steps)


def test_english_switch_changes_visible_strings_and_back(qtbot, make_window) -> None:
    window = make_window()
    translations = Translations()
    window.language_change_requested.connect(translations.apply)
    try:
        assert window.case_form.ui.saveButton.text() == "保存工单"
        assert window.menus["call"].title() == "通话(&C)"
        assert "就绪" in window.status.seat_label.text()
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        QApplication.processEvents()
        assert translations.language == "en"
        assert window.case_form.ui.saveButton.text() == "Save case"
        assert window.menus["call"].title() == "&Call"
        assert window.actions_by_name["accept"].text() == "Accept call / request"
        assert "Ready" in window.status.seat_label.text()
        assert window.knowledge.ui.insertButton.text() == "Insert answer"
        assert "Caller history" in window.history_panel.title.text()
        window.language_change_requested.emit("zh")
        QApplication.processEvents()
        assert window.case_form.ui.saveButton.text() == "保存工单"
    finally:
        translations.apply("zh")


def test_debounced_search_runs_off_thread_and_the_newest_query_wins(qtbot) -> None:
    threads: list[int] = []
    main = threading.get_ident()

    # a held query stays in flight until the test releases it (events, not sleeps)
    held = {"g": threading.Event(), "公积金": threading.Event()}
    started: list[str] = []

    def slow_search(query, area, limit):
        threads.append(threading.get_ident())
        started.append(query)
        if query in held:
            assert held[query].wait(10)
        return [{"id": query, "title": query}]

    runner = ThreadRunner(1)
    search = DebouncedSearch(slow_search, runner, delay_ms=30)
    got: list[str] = []
    search.results_ready.connect(lambda q, hits, s: got.append(q))
    for prefix in ("g", "gj", "gjj"):
        search.request(prefix)  # "g" starts at once; "gj", "gjj" coalesce into one search
    held["g"].set()
    qtbot.waitUntil(lambda: got == ["gjj"], timeout=3000)
    assert search.searches_run == 2 and search.results_dropped == 1
    qtbot.waitUntil(lambda: not search.busy, timeout=3000)  # no timer, nothing in flight
    assert search.searches_run == 2  # so nothing is searched twice
    search.request("公积金")
    qtbot.waitUntil(lambda: "公积金" in started, timeout=3000)  # now running
    search.request("公积金提取")  # typed while it runs: its result must be dropped
    held["公积金"].set()
    qtbot.waitUntil(lambda: got[-1:] == ["公积金提取"], timeout=3000)
    runner.wait(2000)
    qtbot.waitUntil(lambda: not search.busy, timeout=3000)
    assert got == ["gjj", "公积金提取"]
    assert search.results_dropped == 2
    assert threads and main not in threads


def test_knowledge_panel_follows_the_form_and_its_own_box(qtbot, make_window, list_queue) -> None:
    window = make_window()
    _accept(qtbot, window, list_queue)
    window.case_form.picker.choose("供暖不热")
    qtbot.waitUntil(lambda: window.knowledge.model.rowCount() == 1, timeout=2000)
    assert window.services.search.queries[-1] == "供暖不热"
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.knowledge.ui.searchEdit.hasFocus()
    qtbot.keyClicks(window.knowledge.ui.searchEdit, "gjj")
    qtbot.waitUntil(lambda: window.services.search.queries[-1] == "gjj", timeout=2000)
    qtbot.waitUntil(lambda: window.knowledge.model.hits[0]["id"] == "e-gjj", timeout=2000)
    shown = window.knowledge.model.index(0).data()
    assert '<b class="match term0">gjj</b>' in shown  # the highlight reaches the painted text
    assert "1 条结果" in window.knowledge.ui.statusLabel.text()
    # clearing the box goes back to following the form
    window.knowledge.ui.searchEdit.clear()
    window.knowledge._on_search_edit_text_edited("")
    qtbot.waitUntil(lambda: window.services.search.queries[-1] == "供暖不热", timeout=2000)


def test_drafts_autosave_and_come_back_after_a_crash(qtbot, make_window, list_queue, local_store) -> None:
    window = make_window()
    _accept(qtbot, window, list_queue)
    window.case_form.ui.callerEdit.insert("李先生")
    window.case_form.picker.choose("拖欠工资")
    window.case_form.ui.descriptionEdit.setPlainText("工地老板欠三个月工资两万多")
    qtbot.waitUntil(
        lambda: any("两万多" in d.fields.get("description", "") for d in local_store.list_drafts()),
        timeout=3000,
    )
    # a crash: the window stops dead, without saving or closing (nothing more reaches disk)
    for timer in (window.drafts.autosave_timer, window.drafts.change_timer, window.sync_timer):
        timer.stop()
    window.services.drafts = None  # a dead process writes nothing more
    window.hide()

    list_queue.items.clear()
    restarted = make_window()
    box = restarted.recover_box
    assert box is not None and "1" in box.text()
    restarted.drafts.restore_button.click()
    qtbot.waitUntil(lambda: restarted.case_form.ui.descriptionEdit.toPlainText() != "", timeout=2000)
    form = restarted.case_form.ui
    assert form.callerEdit.text() == "李先生"
    assert form.matterEdit.text() == "拖欠工资"
    assert form.descriptionEdit.toPlainText() == "工地老板欠三个月工资两万多"
    assert restarted.seat_state == SeatState.AFTER_CALL_WORK
    assert restarted.script_panel.flow.current.id.startswith("wage-")
    # the recovered case is saved like any other and its draft goes away (the unit comes
    # from the seat's unit list, as pulled: a suggestion is never a made-up name)
    from seat_app.services.store.models import new_uuid, utcnow

    local_store.apply_pulled("units", [{
        "id": new_uuid(), "revision": 1, "change_seq": 1, "changed_by": "", "changed_at": utcnow(),
        "deleted": False, "code": "YC-RS", "name": "运城市人力资源和社会保障局", "parent_id": None,
        "level": 2, "area": "市直", "unit_type": "人社", "phone": "", "active": True}])
    restarted.choose_handling(Handling.DISPATCH)
    qtbot.waitUntil(lambda: form.unitEdit.text() != "", timeout=2000)
    restarted.save_case()
    qtbot.waitUntil(lambda: restarted.saved, timeout=2000)
    assert local_store.list_drafts() == []


def test_a_failing_central_database_keeps_the_window_usable_and_says_so(
    qtbot, make_window, list_queue, switchable_sync
) -> None:
    switchable_sync.fail_with = ConnectionError("connection refused (127.0.0.1:5432)")
    switchable_sync.pending = 3
    window = make_window()
    qtbot.waitUntil(lambda: window.status.sync.get("state") == "offline", timeout=2000)
    assert "离线" in window.status.sync_label.text()
    assert window.notice.isVisible() and "中心数据库暂不可用" in window.notice.text()
    # the seat keeps working: a call is taken and saved locally
    _accept(qtbot, window, list_queue)
    window.case_form.picker.choose("停水")
    window.case_form.ui.descriptionEdit.setPlainText("小区停水没有通知")
    window.choose_handling(Handling.DIRECT)
    window.case_form.ui.replyEdit.setPlainText("已告知供水企业抢修电话。")
    window.save_case()
    qtbot.waitUntil(lambda: window.saved, timeout=2000)
    assert window.case_number
    # the central database comes back: the status bar says synced again
    switchable_sync.fail_with = None
    window.sync_now()
    qtbot.waitUntil(lambda: window.status.sync.get("state") == "synced", timeout=2000)
    assert "已同步" in window.status.sync_label.text()
    assert not ("中心数据库暂不可用" in window.notice.text() and window.notice.isVisible())


def test_a_save_that_fails_keeps_the_draft_and_the_form(qtbot, make_window, list_queue, local_store) -> None:
    class BrokenCases:
        def save_case(self, data):
            raise OSError("disk full")

        def suggest_unit(self, matter, area):
            return {"unit": "", "deadline_days": 5}

    window = make_window(cases=BrokenCases())
    _accept(qtbot, window, list_queue)
    window.case_form.picker.choose("路灯不亮")
    window.case_form.ui.descriptionEdit.setPlainText("路灯坏了一周")
    window.choose_handling(Handling.DIRECT)
    window.case_form.ui.replyEdit.setPlainText("已记录")
    window.save_case()
    assert not window.saved
    assert "disk full" in window.notice.text()
    assert window.case_form.ui.descriptionEdit.toPlainText() == "路灯坏了一周"
    qtbot.waitUntil(lambda: any("路灯坏了一周" in d.fields.get("description", "") for d in local_store.list_drafts()), timeout=2000)
    assert window.seat_state == SeatState.ON_CALL
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.seat_state == SeatState.AFTER_CALL_WORK, "unsaved case must not be dropped"


def test_inline_runner_hands_back_result_or_error() -> None:
    runner = InlineRunner()
    got = []
    runner.submit(lambda: 42, lambda r, e: got.append((r, e)))
    runner.submit(lambda: 1 / 0, lambda r, e: got.append((r, type(e))))
    assert got == [(42, None), (None, ZeroDivisionError)]


def test_matter_picker_finds_by_pinyin_and_its_precomputed_keys_are_current() -> None:
    from seat_app.domain.taxonomy import MATTERS
    from seat_app.qt.seat.matter_picker import _precomputed, compute_key, matching_matters

    assert next(m.name for m in matching_matters("gjj")) == "公积金提取"
    assert "装修噪声" in [m.name for m in matching_matters("zaosheng")]
    keys = _precomputed()
    for matter in MATTERS:
        assert keys.get(matter.name) == compute_key(matter.name), "run packaging/compile_forms.py"
