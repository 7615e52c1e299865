"""Chinese by default, English with a switch, in every view: under English the sign-in
dialog, the idle lock, the unit view (with its case timeline), the callback work list and
the lead console show no Chinese in their labels, buttons, menus, headers, group boxes and
window titles (data cells such as names and addresses may stay Chinese), messages from the
services (sign-in refusals, dispatch rule refusals) come in English, and switching back
restores Chinese. Everything runs on the real .qm and real central SQLite stores."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from seat_app.qt.callback import CallbackWorklist
from seat_app.qt.i18n import Translations, current_language
from seat_app.qt.lock import IdleLock, SignInDialog
from seat_app.qt.unit import UnitView
from seat_app.qt.workers import InlineRunner
from seat_app.services.dispatch.service import DispatchService, record_central_case
from seat_app.services.store.engine import make_engine, upgrade

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def visible_texts(root: QWidget, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Labels, buttons, actions, menus, headers, group boxes, placeholders and window
    titles of ``root`` and its children -> their texts (keyed by where they were found).
    Widgets whose objectName is in ``skip`` hold data and are left out."""
    texts: dict[str, str] = {}
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        name = w.objectName() or type(w).__name__
        if name in skip or (w.parent() is not None and w.parent().objectName() in skip):
            continue
        if w.isWindow() or w is root:
            texts[f"{name}.windowTitle"] = w.windowTitle()
        if isinstance(w, QLabel):
            texts[f"{name}.label"] = w.text()
        if isinstance(w, QAbstractButton):
            texts[f"{name}.button"] = w.text()
        if isinstance(w, QGroupBox):
            texts[f"{name}.group"] = w.title()
        if isinstance(w, QMenu):
            texts[f"{name}.menu"] = w.title()
        if isinstance(w, QLineEdit | QPlainTextEdit):
            texts[f"{name}.placeholder"] = w.placeholderText()
        for i, action in enumerate(w.actions()):
            texts[f"{name}.action{i}:{action.objectName()}"] = action.text()
        if isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal and w.model():
            owner = w.parent().objectName() if w.parent() is not None else ""
            for c in range(w.count()):
                texts[f"{owner}.header{c}"] = str(w.model().headerData(c, w.orientation()) or "")
    return texts


def chinese_texts(root: QWidget, *, skip: tuple[str, ...] = (), data: tuple[str, ...] = ()) -> dict[str, str]:
    """The visible texts that hold Chinese once the ``data`` strings (names, units) are
    taken out."""
    found = {}
    for key, value in visible_texts(root, skip=skip).items():
        rest = value
        for d in data:
            rest = rest.replace(d, "")
        if CJK.search(rest):
            found[key] = value
    return found


@pytest.fixture
def english() -> Iterator[Translations]:
    """The application in English; Chinese again afterwards."""
    translations = Translations()
    assert translations.apply("en"), "resources/i18n/seat_en.qm did not load"
    QApplication.processEvents()
    yield translations
    translations.apply("zh")
    QApplication.processEvents()


def _switch(translations: Translations, lang: str) -> None:
    translations.apply(lang)
    QApplication.processEvents()  # LanguageChange is posted to the top-level widgets


def _dispatched(svc: DispatchService, n: int) -> str:
    case_id = record_central_case(svc.engine, {
        "channel": "电话", "caller_name": "李女士", "caller_phone": f"1383593{n:04d}",
        "caller_area": "盐湖区", "caller_address": f"盐湖区解放北路{n}号", "matter": "路灯不亮",
        "description": f"解放北路{n}号门口路灯不亮已经三天。",
    })
    svc.dispatch(case_id, "YHQ-CG", actor="1001")
    return case_id


def test_chinese_is_the_default(qtbot, service):
    assert current_language() == "zh"
    view = UnitView(service, "YHQ-CG", actor="u-cg", runner=InlineRunner())
    qtbot.addWidget(view)
    assert view.windowTitle() == "承办单位工作台"
    assert view.sign_button.text() == "签收"


def test_sign_in_dialog_in_english_with_the_services_refusal_and_back(qtbot, english, tmp_path):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    dialog = SignInDialog(url)
    qtbot.addWidget(dialog)
    dialog.show()
    assert chinese_texts(dialog) == {}
    assert dialog.windowTitle() == "Sign in to Seat 12345"
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Sign in"
    ok.click()  # nothing typed
    assert dialog.message.text() == "Enter your work number and password."
    dialog.work_no.setText("1001")
    dialog.password.setText("not-the-password")
    ok.click()  # refused by the real sign-in service (no such user)
    assert dialog.session is None
    refusal = dialog.message.text()
    assert refusal and not CJK.search(refusal) and "password" in refusal.lower()
    _switch(english, "zh")
    assert dialog.windowTitle() == "登录 Seat 12345" and ok.text() == "登录"
    assert CJK.search(dialog.message.text()), "the refusal follows the language back"
    assert dialog.work_no.text() == "1001"  # typed input survives the switch


def test_idle_lock_panel_in_english_and_back(qtbot, english):
    window = QMainWindow()
    window.setCentralWidget(QLabel("x"))
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, 0, lambda p: p == "right", who="No. 1001", install=False)
    lock.lock_now()
    assert not lock.try_unlock("wrong")
    assert chinese_texts(lock.panel) == {}
    assert lock.panel.button.text() == "Unlock"
    assert lock.panel.message.text() == "Wrong password, try again."
    _switch(english, "zh")
    assert lock.panel.button.text() == "解锁"
    assert lock.panel.message.text() == "密码不正确，请重试。"
    assert lock.try_unlock("right") and lock.panel.message.text() == ""
    lock.uninstall()


def test_unit_view_and_timeline_in_english_with_rule_refusal_and_back(qtbot, english, service):
    cases = [_dispatched(service, n) for n in (1, 2)]
    view = UnitView(service, "YHQ-CG", actor="u-cg", runner=InlineRunner())
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    view.select_case(cases[0])
    view.sign()
    assert view.message.text() == "Signed for."
    assert view.timeline.table.rowCount() >= 2  # the timeline has rows (its cells are data)
    found = chinese_texts(view, skip=("caseDetails",))
    assert found == {}, found
    assert view.header.text() == "Open cases at this unit (2)"
    details = view.details.text()
    assert "Address: " in details and "Request: " in details
    # a refusal from the dispatch rules, in English, and nothing typed is lost
    view.reason_edit.setPlainText("太短")
    view.public_edit.setPlainText("好")
    view.send_reply()
    refusal = view.message.text()
    assert refusal and not CJK.search(refusal)
    assert view.reason_edit.toPlainText() == "太短"
    assert [view.truth.itemText(i) for i in range(view.truth.count())] == ["True", "Not true"]
    _switch(english, "zh")
    assert view.windowTitle() == "承办单位工作台"
    assert view.header.text() == "本单位待办工单（2）"
    assert view.timeline.table.horizontalHeaderItem(1).text() == "环节"
    assert view.truth.currentText() == "属实"
    assert CJK.search(view.message.text()), "the refusal follows the language back"
    # the stored values stay Chinese whatever the UI shows
    view.reason_edit.setPlainText("已到现场核查，更换了损坏的灯泡并检修线路。")
    view.public_edit.setPlainText("您反映的路灯不亮问题已修复，感谢支持。")
    _switch(english, "en")
    view.truth.setCurrentIndex(1)
    view.send_reply()
    assert view.message.text() == "Reply sent; the hotline center will review it."
    assert service.state(cases[0]).reply.truth == "不属实"


def _reviewed(svc: DispatchService, n: int) -> str:
    case_id = _dispatched(svc, n)
    svc.sign(case_id, actor="u-cg")
    svc.reply(case_id, truth="属实", resolution="已解决", reason="已更换灯泡并检修线路，恢复照明。",
              public_reply="您反映的路灯不亮问题已修复，感谢您对城市管理工作的支持。", actor="u-cg")
    svc.approve_reply(case_id, actor="2001")
    return case_id


def test_callback_worklist_in_english_and_back(qtbot, english, service):
    first, _second = _reviewed(service, 1), _reviewed(service, 2)
    view = CallbackWorklist(service, actor="1002", runner=InlineRunner())
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    found = chinese_texts(view)
    assert found == {}, found
    assert view.satisfied_button.text() == "Satisfied"
    assert view.header.text() == "Callback surveys today (2)"
    view.select_case(first)
    view.dissatisfied_button.click()  # reopen not asked: stored as 不满意, closed
    assert view.message.text() == "Survey recorded: Dissatisfied; the case is closed."
    _switch(english, "zh")
    assert view.windowTitle() == "回访工作台" and view.satisfied_button.text() == "满意"
    assert view.message.text() == "已记录回访结果：不满意；工单已办结。"
    assert view.table.horizontalHeaderItem(0).text() == "工单号"


def test_lead_console_in_english_and_back(qtbot, english, tmp_path):
    from seat_app.qt.lead.console import LeadConsole
    from seat_app.services.queue.service import SeatService
    from seat_app.services.reports.console import ConsolePoller

    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    try:
        seats = SeatService(engine)
        for i in range(1, 4):
            seats.ensure_seat(f"S{i:03d}", agent=f"{1000 + i}")
        console = LeadConsole(ConsolePoller(engine).poll, seats, runner=InlineRunner(), lead="9001")
        qtbot.addWidget(console)
        console.show()
        console.refresh()
        found = chinese_texts(console)
        assert found == {}, found
        assert console.seats_model.headerData(0, Qt.Orientation.Horizontal) == "Seat"
        assert console.force_button.text() == "Force state"
        # the state cells, the force-state choices and the state chart speak English too
        model = console.seats_model
        states = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
        assert states == ["Offline"] * 3
        choices = [console.state_box.itemText(i) for i in range(console.state_box.count())]
        assert choices == ["Offline", "Ready", "After-call work", "Break", "Training"]
        assert not [c for c in console.mix_chart.labels if CJK.search(c)]
        console.select_seat("S001")
        console.state_box.setCurrentIndex(1)
        said: list[str] = []
        console.action_finished.connect(said.append)
        console.force_button.click()
        assert said == ["Seat S001 switched to “Ready”"]
        assert console.seats_model.data(console.seats_model.index(0, 2)) == "Ready"
        _switch(english, "zh")  # and back, while it is open
        assert console.seats_model.data(console.seats_model.index(0, 2)) == "就绪"
        assert console.state_box.itemText(0) == "离线"
        assert console.force_button.text() == "强制切换状态"
        assert console.windowTitle() == "班长监控台 — Seat 12345"
        assert console.seats_model.headerData(0, Qt.Orientation.Horizontal) == "座席"
        assert console.boxes[0].title() == "排队"
    finally:
        engine.dispose()


def test_every_entry_of_the_translation_file_is_finished() -> None:
    import xml.etree.ElementTree as ET

    from seat_app.services.config import resources_dir

    root = ET.parse(resources_dir() / "i18n" / "seat_en.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 250
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert unfinished == []
    english = [m.findtext("translation") for m in messages if m.findtext("source") != "中文"]
    assert [t for t in english if CJK.search(t)] == []


def test_shell_role_window_switches_language_from_the_account_menu(qtbot, demo_home):
    from seat_app.demo.home import DEMO_PASSWORD
    from seat_app.qt.shell import RoleWindow, Shell

    translations = Translations()
    shell = Shell(demo_home, demo=True, translations=translations)
    try:
        shell.begin(use_remembered=False)
        assert shell.dialog.findChild(QLabel, "demoHint").text().startswith("演示环境")
        _switch(translations, "en")
        dialog = shell.dialog
        assert dialog.findChild(QLabel, "demoHint").text().startswith("Demo: every demo user's password")
        assert dialog.windowTitle() == "Sign in to Seat 12345"
        _switch(translations, "zh")
        dialog.work_no.setText("4001")  # the demo handling unit user
        dialog.password.setText(DEMO_PASSWORD)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        window = shell.window
        assert isinstance(window, RoleWindow) and window.windowTitle().startswith("承办单位工作台")
        assert shell.account_menu.title() == "账户(&A)"
        shell.account_actions["lang_en"].trigger()
        QApplication.processEvents()
        assert current_language() == "en"
        assert window.windowTitle().startswith("Handling unit — ")
        assert shell.account_menu.title() == "&Account"
        assert shell.account_actions["sign_out"].text() == "Sign out"
        assert shell.user_label.text() == "No. 4001 刘洋 (Handling unit)"
        found = chinese_texts(window, skip=("caseDetails",), data=("刘洋", "盐湖区城市管理局", "中文 (Chinese)"))
        assert found == {}, found
        shell.lock.lock_now()
        assert shell.lock.panel.title.text() == "Seat locked"
        assert shell.lock.panel.who.text() == "No. 4001 刘洋 (Handling unit)"
        shell.lock.try_unlock(DEMO_PASSWORD)
        shell.account_actions["lang_zh"].trigger()
        QApplication.processEvents()
        assert window.windowTitle().startswith("承办单位工作台")
        assert shell.account_actions["sign_out"].text() == "退出登录"
        assert shell.user_label.text() == "工号 4001 刘洋（承办单位）"
        assert window.view.sign_button.text() == "签收"
    finally:
        shell.shutdown()
        translations.apply("zh")
