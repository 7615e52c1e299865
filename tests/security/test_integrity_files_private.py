"""Issue 10 (smaller items): data files 0600, the data folder 0700, and logs/ written
(every refusal and recovery, without secrets)."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from seat_app.cli import main
from seat_app.services.config import open_home

pytestmark = [
    pytest.mark.integrity,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits"),
]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_db_upgrade_and_settings_are_private_even_with_a_lax_umask(seat_home, capsys):
    old = os.umask(0o022)
    try:
        assert main(["db", "upgrade"]) == 0
        home = open_home()
        home.settings.seat_code = "S09"
        home.save_settings()
    finally:
        os.umask(old)
    capsys.readouterr()
    assert _mode(seat_home) == 0o700
    assert _mode(seat_home / "logs") == 0o700
    for name in ("central.sqlite3", "settings.json"):
        assert _mode(seat_home / name) == 0o600, name
    for extra in seat_home.glob("central.sqlite3-*"):  # -wal/-shm while open
        assert _mode(extra) & 0o077 == 0, extra


def test_an_existing_lax_database_file_is_made_private_on_open(seat_home, capsys):
    assert main(["db", "upgrade"]) == 0
    central = seat_home / "central.sqlite3"
    os.chmod(central, 0o644)
    os.chmod(seat_home, 0o755)
    assert main(["user", "list"]) == 0
    capsys.readouterr()
    assert _mode(central) == 0o600
    assert _mode(seat_home) == 0o700


def test_refusals_are_logged_to_a_private_rotating_file_without_secrets(seat_home, capsys):
    (seat_home / "settings.json").write_text(
        '{"central_url": "postgresql://seat:s3cr3t-pw@db/seat"', "utf-8")
    assert main(["sync", "run"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "s3cr3t-pw" not in err
    log = seat_home / "logs" / "seat.log"
    assert _mode(log) == 0o600
    text = log.read_text("utf-8")
    assert "[refusal] seat-admin sync failed: SettingsDamaged" in text
    assert "Traceback" in text  # the details go to the log, not the terminal
    assert "s3cr3t-pw" not in text


def test_log_event_reaches_the_file_and_rotates(tmp_path):
    from seat_app.services import logs

    file = logs.setup_logging(tmp_path)
    try:
        handler = logs._handlers[file]
        handler.maxBytes = 2000
        for i in range(60):
            logs.log_event("sign-in-failed", "work number %s attempt %d password=%s",
                           "1001", i, "hunter2", level=logging.INFO)
        handler.flush()
    finally:
        logs.close_logging(file)
    rotated = sorted(tmp_path.glob("logs/seat.log*"))
    assert len(rotated) >= 2
    joined = "".join(p.read_text("utf-8") for p in rotated)
    assert "[sign-in-failed] work number 1001 attempt 59" in joined
    assert "hunter2" not in joined
    assert all(_mode(p) == 0o600 for p in rotated)
