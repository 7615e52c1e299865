"""Issue 10, row 10 on screen: the lock screen and the sign-in dialog go through the sign-in
guard and say the lock (Qt, offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QMainWindow

from seat_app.domain.roles import Role
from seat_app.qt.lock import IdleLock, SignInDialog
from seat_app.services.security import auth

from .conftest import password_of

pytestmark = [pytest.mark.security, pytest.mark.integrity]


@pytest.fixture
def clock():
    now = [datetime(2026, 12, 3, 9, 0, tzinfo=UTC)]
    previous = auth.use_clock(lambda: now[0])
    yield now
    auth.use_clock(previous)


def test_lock_screen_says_the_lock_and_stays_locked(qtbot, sqlite_world, clock):
    session = sqlite_world.sign_in(Role.AGENT, seat="host:pc-1")
    window = QMainWindow()
    qtbot.addWidget(window)
    lock = IdleLock(window, 10, session.check_password, who="1001", install=False)
    lock.lock_now()
    for i in range(30):
        assert not lock.try_unlock(f"Wrong-unlock-{i}")
        clock[0] += timedelta(seconds=2)
    assert "已临时锁定" in lock.panel.message.text()
    assert not lock.try_unlock(password_of("1001")) and lock.is_locked
    auth.unlock(sqlite_world.engine, work_no="1001")
    assert lock.try_unlock(password_of("1001")) and not lock.is_locked


def test_sign_in_dialog_says_the_lock(qtbot, sqlite_world, clock):
    dialog = SignInDialog(sqlite_world.url)
    qtbot.addWidget(dialog)
    for i in range(30):
        dialog.work_no.setText("1001")
        dialog.password.setText(f"Wrong-dialog-{i}")
        assert not dialog.try_sign_in()
        clock[0] += timedelta(seconds=2)
    dialog.password.setText(password_of("1001"))
    assert not dialog.try_sign_in() and dialog.session is None
    assert "已临时锁定" in dialog.message.text()


def test_sign_in_dialog_does_not_offer_remember_me_on_an_insecure_keyring(
    qtbot, sqlite_world, tmp_path
):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        dialog = SignInDialog(sqlite_world.url)
        qtbot.addWidget(dialog)
        assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
        assert dialog.remember.toolTip().startswith("记住我不可用：系统钥匙串不安全")
    finally:
        keyring.set_keyring(previous)
