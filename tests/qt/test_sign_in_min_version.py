"""Sign-in with a Seat older than the central database allows (issue 20)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.deploy


def test_sign_in_with_a_too_old_client_is_refused_with_what_to_do(qtbot, demo_home):
    """The central database requires a newer Seat: the sign-in dialog says so; no window."""
    from PySide6.QtWidgets import QDialogButtonBox

    from seat_app.demo.home import DEMO_PASSWORD
    from seat_app.qt.shell import Shell
    from seat_app.services.deploy import publish_minimum_client_version
    from seat_app.services.store.engine import make_engine

    engine = make_engine(demo_home.central_url)
    try:
        publish_minimum_client_version(engine, "99.0")
    finally:
        engine.dispose()
    shell = Shell(demo_home, demo=False)
    try:
        shell.begin()
        dialog = shell.dialog
        dialog.work_no.setText("1001")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: shell.dialog is not None and "99.0" in shell.dialog.message.text(),
                        timeout=5000)
        assert shell.window is None and shell.session is None
        assert "升级" in shell.dialog.message.text()
    finally:
        shell.shutdown()
