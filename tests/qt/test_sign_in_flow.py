"""The application shell on a (small) demo home: sign-in, the role's window, remember me,
sign-out, the idle lock. The users are the demo users made by ``init_demo`` (real argon2
hashes in the central SQLite database); the keyring is the in-memory test backend."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import text

from seat_app.demo.home import DEMO_AGENT, DEMO_PASSWORD
from seat_app.domain.case import Channel, Handling
from seat_app.domain.queue import SeatState
from seat_app.qt.lock import IdleLock
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.shell import ROLE_VIEWS, RoleWindow, Shell, open_seat_view
from seat_app.services.queue.service import QueueService
from seat_app.services.security import secrets
from seat_app.services.store.engine import make_engine


@pytest.fixture
def make_shell(qtbot, demo_home):
    made: list[Shell] = []

    def make(**kw) -> Shell:
        kw.setdefault("demo", True)
        shell = Shell(demo_home, **kw)
        made.append(shell)
        return shell

    yield make
    for shell in made:
        shell.shutdown()


def _submit(dialog, work_no: str, password: str, *, remember: bool = False) -> None:
    dialog.work_no.setText(work_no)
    dialog.password.setText(password)
    dialog.remember.setChecked(remember)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _audit_actions(home, work_no: str) -> list[str]:
    engine = make_engine(home.central_url)
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(
                text("SELECT action FROM audit_log WHERE work_no = :w ORDER BY id"),
                {"w": work_no},
            )]
    finally:
        engine.dispose()


def test_wrong_password_says_so_and_the_dialog_stays(qtbot, make_shell) -> None:
    shell = make_shell()
    shell.begin()
    dialog = shell.dialog
    assert dialog is not None and dialog.isVisible()
    # --demo: the demo agent is prefilled and the demo password is shown as a hint
    assert dialog.work_no.text() == DEMO_AGENT
    assert DEMO_PASSWORD in dialog.demo_hint.text()

    _submit(dialog, DEMO_AGENT, "not-the-password")
    assert dialog.isVisible()
    assert shell.window is None and shell.session is None
    assert "工号或密码错误" in dialog.message.text()
    assert dialog.password.text() == ""  # typed again, not kept
    assert dialog.work_no.text() == DEMO_AGENT  # the work number is not lost

    _submit(dialog, "", "")
    assert dialog.isVisible()
    assert "请输入工号和密码" in dialog.message.text()


def test_right_password_opens_the_seat_window_as_that_agent(qtbot, make_shell, demo_home) -> None:
    shell = make_shell(demo=False)
    shell.begin()
    dialog = shell.dialog
    assert dialog.work_no.text() == ""  # no demo prefill without --demo
    _submit(dialog, "1002", DEMO_PASSWORD)
    window = shell.window
    assert isinstance(window, SeatWindow)
    assert not dialog.isVisible()
    assert window.services.work_no == "1002"
    assert "1002" in window.windowTitle()
    assert "1002" in shell.user_label.text() and "李娜" in shell.user_label.text()
    assert shell.user_label.isVisibleTo(window)

    # a call: the script's 工号 and the saved case's agent are the signed-in agent's
    qtbot.waitUntil(lambda: window.seat_state == SeatState.READY, timeout=5000)
    central = make_engine(demo_home.central_url)
    try:
        QueueService(central).enqueue(Channel.PHONE.value, {"area": "盐湖区"}, caller_phone="13835900002")
        qtbot.waitUntil(lambda: window.seat_state == SeatState.RINGING, timeout=5000)
    finally:
        central.dispose()
    window.accept_call()
    assert window.script_panel.variables["工号"] == "1002"
    form = window.case_form.ui
    form.callerEdit.insert("张先生")
    window.case_form.picker.choose("公积金提取")
    form.descriptionEdit.setPlainText("咨询公积金提取材料")
    window.choose_handling(Handling.DIRECT)
    form.replyEdit.setPlainText("已告知所需材料。")
    window.save_case()
    qtbot.waitUntil(lambda: window.saved or "失败" in window.notice.text(), timeout=5000)
    assert window.saved, window.notice.text()
    case = window.services.cases.service.by_number(window.case_number)
    assert case["agent"] == "1002"
    assert _audit_actions(demo_home, "1002")[-1] == "sign_in"


def test_remember_me_signs_in_next_time_and_sign_out_asks_again(
    qtbot, make_shell, demo_home, memory_keyring
) -> None:
    first = make_shell()
    first.begin()
    _submit(first.dialog, DEMO_AGENT, DEMO_PASSWORD, remember=True)
    assert isinstance(first.window, SeatWindow)
    realm = secrets.realm_for(demo_home.central_url)
    assert secrets.recall(realm) == (DEMO_AGENT, DEMO_PASSWORD)
    first.shutdown()  # the application ends; the credential stays in the keyring

    second = make_shell()
    second.begin()
    assert second.dialog is None  # no dialog: signed in from the keyring
    window = second.window
    assert isinstance(window, SeatWindow)
    assert second.session.work_no == DEMO_AGENT
    assert window.services.work_no == DEMO_AGENT

    # sign out from the account menu: back to the dialog, the credential forgotten
    window.activateWindow()
    action = second.account_actions["sign_out"]
    assert action.shortcut().toString() == "Ctrl+Shift+Q"
    sheet = window.show_shortcuts().text()  # F1 lists the account actions too
    assert "Ctrl+Shift+Q" in sheet and "退出登录" in sheet and "Ctrl+L" in sheet
    keys = [a.shortcut().toString() for a in window.all_actions()]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"
    window.shortcut_sheet.close()
    action.trigger()
    assert second.window is None and second.session is None
    assert second.dialog is not None and second.dialog.isVisible()
    assert not window.isVisible()
    assert secrets.recall(realm) is None
    assert all(DEMO_PASSWORD not in v for v in memory_keyring.store.values())
    assert _audit_actions(demo_home, DEMO_AGENT)[-1] == "sign_out"

    # and the next person signs in at the same seat
    _submit(second.dialog, "1002", DEMO_PASSWORD)  # another agent (trainers have their own window now)
    assert isinstance(second.window, SeatWindow)
    assert second.window.services.work_no == "1002"

    third = make_shell()
    third.begin()
    assert third.dialog is not None  # nothing remembered any more


def test_idle_lock_locks_after_the_idle_time_and_needs_the_password(qtbot, make_shell, demo_home) -> None:
    shell = make_shell(idle_minutes=0.003)  # 180 ms
    shell.begin()
    _submit(shell.dialog, DEMO_AGENT, DEMO_PASSWORD)
    window = shell.window
    lock = shell.lock
    assert isinstance(lock, IdleLock) and not lock.is_locked
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    assert lock.panel.isVisible()
    assert lock.panel.geometry() == window.rect()  # covers the whole window
    assert DEMO_AGENT in lock.panel.who.text()

    assert not lock.try_unlock("wrong-password")
    assert lock.is_locked and "密码不正确" in lock.panel.message.text()
    assert not lock.try_unlock("")
    assert lock.try_unlock(DEMO_PASSWORD)
    assert not lock.is_locked and not lock.panel.isVisible()

    # Ctrl+L (the account menu's action) locks at once
    shell.idle_minutes = None
    lock.set_minutes(0)  # idle timer off: only the action can lock now
    action = shell.account_actions["lock"]
    assert action.shortcut().toString() == "Ctrl+L"
    action.trigger()
    assert lock.is_locked
    lock.panel.password.setText(DEMO_PASSWORD)
    lock.panel.button.click()
    assert not lock.is_locked


def test_idle_time_comes_from_the_settings(qtbot, make_shell, demo_home) -> None:
    demo_home.settings.idle_lock_minutes = 7
    shell = make_shell()
    shell.begin()
    _submit(shell.dialog, DEMO_AGENT, DEMO_PASSWORD)
    assert shell.lock.minutes == 7
    assert shell.lock.timer.interval() == 7 * 60_000


def test_role_decides_the_view(qtbot, make_shell) -> None:
    lead = make_shell(demo=False)
    lead.begin()
    _submit(lead.dialog, "2001", DEMO_PASSWORD)
    assert isinstance(lead.window, RoleWindow)
    assert type(lead.window.view).__name__ == "LeadConsole"
    assert "2001" in lead.user_label.text()
    lead.account_actions["sign_out"].trigger()

    _submit(lead.dialog, "4001", DEMO_PASSWORD)
    assert isinstance(lead.window, RoleWindow)
    assert type(lead.window.view).__name__ == "UnitView"
    assert lead.view.extra["unit_code"] == "YHQ-CG"  # 盐湖区城市管理局 in the demo grid
    assert lead.window.view.unit_code == "YHQ-CG"

    for role, opener in ROLE_VIEWS.items():
        if role.value in ("agent", "admin"):
            assert opener is open_seat_view


def test_trainer_inspector_and_maintainer_get_their_own_windows(qtbot, make_shell) -> None:
    shell = make_shell(demo=False)
    shell.begin()
    seen = {}
    for work_no, name in (("3001", "trainerWindow"), ("5001", "qualityWindow"),
                          ("6001", "kbEditorWindow")):
        _submit(shell.dialog, work_no, DEMO_PASSWORD)
        assert shell.window is not None, work_no
        seen[work_no] = shell.window.objectName()
        assert seen[work_no] == name, work_no
        assert work_no in shell.user_label.text()
        shell.account_actions["sign_out"].trigger()
    assert seen == {"3001": "trainerWindow", "5001": "qualityWindow", "6001": "kbEditorWindow"}


def test_the_lead_console_carries_the_alerts_inbox_and_qa_charts(qtbot, make_shell) -> None:
    shell = make_shell(demo=False)
    shell.begin()
    _submit(shell.dialog, "2001", DEMO_PASSWORD)
    console = shell.view.extra["console"]
    titles = [console.tabs.tabText(i) for i in range(console.tabs.count())]
    assert "预警" in titles and "质检" in titles
    assert type(shell.view.extra["alerts"]).__name__ == "AlertsInbox"
    assert type(shell.view.extra["qa_charts"]).__name__ == "QACharts"


def test_a_unit_user_whose_unit_is_not_in_the_grid_is_told_so(qtbot, make_shell, demo_home) -> None:
    from seat_app.services.security import auth

    engine = make_engine(demo_home.central_url)
    try:
        auth.add_user(engine, "4999", "无名", "unit", DEMO_PASSWORD, unit="不存在的单位",
                      allow_demo_password=True)
    finally:
        engine.dispose()
    shell = make_shell(demo=False)
    shell.begin()
    _submit(shell.dialog, "4999", DEMO_PASSWORD)
    assert shell.window is None and shell.session is None
    assert "不存在的单位" in shell.dialog.message.text()


def test_side_windows_from_the_account_menu_close_with_the_user(qtbot, make_shell) -> None:
    shell = make_shell(demo=False)
    shell.begin()
    _submit(shell.dialog, "1001", DEMO_PASSWORD)
    assert "my_evaluations" in shell.account_actions and "quality" not in shell.account_actions
    shell.account_actions["my_evaluations"].trigger()
    mine = shell._side_views[-1].window
    assert mine.objectName() == "qaMyEvaluationsWindow" and mine.isVisible()
    shell.account_actions["sign_out"].trigger()
    assert shell._side_views == [] and not mine.isVisible()
    _submit(shell.dialog, "2001", DEMO_PASSWORD)
    assert {"quality", "kb_editor"} <= set(shell.account_actions)
    shell.account_actions["kb_editor"].trigger()
    assert shell._side_views[-1].window.objectName() == "kbEditorWindow"
