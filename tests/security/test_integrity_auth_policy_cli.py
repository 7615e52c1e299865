"""Issue 10, row 11 through ``seat-admin``: ``user add`` and ``user reset`` refuse each weak
password with its reason (exit 2, no traceback) and store nothing."""

from __future__ import annotations

import io

import pytest

from seat_app.cli import main
from seat_app.services.security import auth

from .conftest import password_of

pytestmark = [pytest.mark.security, pytest.mark.integrity]

CASES = [
    ("12345678", "at least 10 characters"),
    ("password", "at least 10 characters"),
    ("3003-3003!", "work number"),
    ("        ", "only spaces"),
    ("seat-demo-12345", "demo password"),
    ("iloveyou2026", "common or breached"),
]


def _cli(monkeypatch, stdin: str, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
    return main(["--lang", "en", *argv])


@pytest.mark.parametrize(("password", "reason"), CASES)
def test_user_add_refuses_weak_passwords(sqlite_world, monkeypatch, capsys, password, reason):
    code = _cli(monkeypatch, password, "user", "--url", sqlite_world.url, "add", "--work-no",
                "3003", "--name", "孙管理", "--role", "admin", "--password-stdin")
    err = capsys.readouterr().err
    assert code == 2 and reason in err and "Traceback" not in err
    assert "3003" not in {u.work_no for u in auth.list_users(sqlite_world.engine)}


def test_user_reset_refuses_weak_passwords_and_keeps_the_old_one(
    sqlite_world, monkeypatch, capsys
):
    for password, reason in CASES:
        if "3003" in password:
            password = "1001-1001!"
        code = _cli(monkeypatch, password, "user", "--url", sqlite_world.url, "reset",
                    "--work-no", "1001", "--password-stdin")
        err = capsys.readouterr().err
        assert code == 2 and reason in err, (password, err)
    session = auth.sign_in(sqlite_world.url, "1001", password_of("1001"))
    sqlite_world.sessions.append(session)
    code = _cli(monkeypatch, "Night-shift-river-7", "user", "--url", sqlite_world.url,
                "reset", "--work-no", "1001", "--password-stdin")
    assert code == 0


def test_user_add_with_bytes_that_are_not_utf8_says_so(sqlite_world, seat_home):
    """A real subprocess: undecodable bytes on standard input are a refusal, not a crash."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, SEAT_HOME=str(seat_home))
    proc = subprocess.run(
        [sys.executable, "-m", "seat_app.cli", "--lang", "en", "user", "--url",
         sqlite_world.url, "add", "--work-no", "3005", "--name", "测试", "--role", "agent",
         "--password-stdin"],
        input=b"\xff\xfeabcdefghijkl\n", capture_output=True, env=env, timeout=120,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "not valid text" in err and "Traceback" not in err
