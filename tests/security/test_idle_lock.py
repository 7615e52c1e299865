"""The sign-in dialog and the idle lock (Qt, offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMainWindow

from seat_app.domain.roles import Role
from seat_app.qt.lock import IdleLock, SignInDialog
from seat_app.services.security import auth

pytestmark = pytest.mark.security


def _window(qtbot):
    window = QMainWindow()
    edit = QLineEdit()
    edit.setText("来电人 13812345678")
    window.setCentralWidget(edit)
    window.resize(640, 400)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, edit


def test_window_locks_when_idle_and_only_the_password_unlocks(qtbot):
    window, edit = _window(qtbot)
    lock = IdleLock(window, 0.002, lambda p: p == "Right-pass-1", who="1001 王话务")
    with qtbot.waitSignal(lock.locked, timeout=5000):
        pass
    assert lock.is_locked and lock.panel.isVisible()
    assert lock.panel.geometry() == window.rect()  # covers everything, the phone included
    QTest.keyClicks(edit, "typed while locked")
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert edit.text() == "来电人 13812345678"
    window.resize(800, 500)
    qtbot.waitUntil(lambda: lock.panel.geometry() == window.rect(), timeout=2000)
    QTest.keyClicks(lock.panel.password, "wrong-pass")
    QTest.keyClick(lock.panel.password, Qt.Key.Key_Return)
    assert lock.is_locked and lock.failures == 1
    assert lock.panel.message.text() == "密码不正确，请重试。"
    assert lock.panel.password.text() == ""
    lock.set_minutes(10)  # keep it from relocking while we type
    QTest.keyClicks(lock.panel.password, "Right-pass-1")
    with qtbot.waitSignal(lock.unlocked, timeout=2000):
        QTest.mouseClick(lock.panel.button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked and not lock.panel.isVisible()
    edit.clear()
    QTest.keyClicks(edit, "ok")
    assert edit.text() == "ok"


def test_input_restarts_the_idle_countdown_and_ctrl_l_locks(qtbot):
    window, edit = _window(qtbot)
    lock = IdleLock(window, 1, lambda p: False)
    assert lock.timer.isActive() and lock.timer.interval() == 60_000
    qtbot.wait(50)
    before = lock.last_input
    QTest.keyClicks(edit, "x")
    assert lock.last_input > before and lock.timer.isActive()
    QTest.mouseMove(edit)
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert not lock.is_locked
    lock.set_minutes(0)
    assert not lock.timer.isActive()
    window.activateWindow()
    lock.lock_now()
    assert lock.is_locked
    lock.uninstall()


@pytest.fixture
def dialog_world(sqlite_world):
    return sqlite_world


def test_sign_in_dialog(qtbot, dialog_world, memory_keyring):
    world = dialog_world
    work_no = world.work_no(Role.AGENT)
    password = f"Pw-{work_no}-x'q\"9%"  # tests/security/conftest.password_of
    dialog = SignInDialog(world.url)
    qtbot.addWidget(dialog)
    dialog.work_no.setText(work_no)
    dialog.password.setText("not-the-password")
    assert not dialog.try_sign_in()
    assert dialog.message.text() == "工号或密码错误，或账号已停用。"
    assert dialog.password.text() == "" and dialog.session is None
    dialog.password.setText(password)
    dialog.remember.setChecked(True)
    assert dialog.try_sign_in()
    session = dialog.session
    assert session is not None and session.role is Role.AGENT
    world.sessions.append(session)
    assert password in memory_keyring.store.values()
    again = SignInDialog(world.url)
    qtbot.addWidget(again)
    assert again.work_no.text() == work_no and again.remember.isChecked()
    assert again.password.text() == ""  # the password is never put back into a widget
    remembered = SignInDialog.run(world.url)
    assert remembered is not None and remembered.work_no == work_no
    world.sessions.append(remembered)
    window, _ = _window(qtbot)
    lock = IdleLock(window, 10, session.check_password)
    lock.lock_now()
    assert not lock.try_unlock("wrong")
    assert lock.try_unlock(password) and not lock.is_locked
    auth.sign_out(session)
