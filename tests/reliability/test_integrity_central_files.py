"""Issue 10, rows 1, 2 and 9: damaged settings and central files are said loudly, never
replaced, and nothing is lost.

A real demo home (``init_demo``, 300 entries) is built once and copied for each test; the
damage is done to the real files, the commands run through ``seat_app.cli.main`` (and once as
a real subprocess) and must print one clear message naming the file, exit non-zero, print no
traceback, and keep every byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from seat_app.cli import main
from seat_app.services.config import SETTINGS_FILE, open_home

pytestmark = pytest.mark.integrity

COMMANDS = (
    ["kb", "stats"],
    ["kb", "export", "{tmp}/kb.csv"],
    ["report", "annual", "--year", "2025"],
    ["user", "list"],
    ["sync", "run"],
    ["grid", "show", "YHQ-CG"],
    ["dispatch", "supervise-sweep", "--date", "2025-10-15"],
)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    from seat_app.demo.home import init_demo

    root = tmp_path_factory.mktemp("demo-template") / "home"
    init_demo(open_home(root), entries=300)
    return root


@pytest.fixture
def home(demo_template, seat_home) -> Path:
    """A fresh copy of the demo home as this test's SEAT_HOME."""
    shutil.rmtree(seat_home)
    shutil.copytree(demo_template, seat_home)
    return seat_home


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _damaged_copies(home: Path) -> list[Path]:
    return sorted(home.glob("central.sqlite3.damaged-*"))


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "empty":
        data = bytearray()
    elif how == "half":
        data = data[: len(data) // 2]
    elif how == "header":
        data[0:16] = b"\xff" * 16
    elif how == "middle":
        mid = len(data) // 2
        data[mid: mid + 16384] = bytes((i * 37 + 11) % 256 for i in range(16384))
    path.write_bytes(bytes(data))


# ----------------------------------------------------------------------------- row 1


def test_damaged_settings_of_a_postgresql_seat_refuse_and_never_fall_back(home, capsys):
    settings = home / SETTINGS_FILE
    settings.write_text(
        '{"central_url": "postgresql://seat:hunter2@db.example:5432/seat", "seat_code": "S07",',
        "utf-8",
    )
    before = settings.read_bytes()
    (home / "central.sqlite3").unlink()  # a PostgreSQL seat has no embedded central file
    local_before = _sha(home / "seat-local.sqlite3")
    for argv in (["sync", "run"], ["kb", "stats"], ["user", "list"], ["db", "upgrade"]):
        code, out, err = _run(capsys, "--lang", "en", *argv)
        assert code == 1, argv
        assert "Traceback" not in out + err
        assert str(settings) in err and "not valid JSON" in err
        assert "S07" in err  # what it held, readable
        assert "hunter2" not in err  # but never a password
        assert "embedded" in err  # says it will not switch databases
    assert settings.read_bytes() == before  # kept as it was
    assert not (home / "central.sqlite3").exists()  # never fell back to the embedded file
    assert _sha(home / "seat-local.sqlite3") == local_before
    log = (home / "logs" / "seat.log").read_text("utf-8")
    assert "SettingsDamaged" in log and "hunter2" not in log


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ("[1, 2]", "not a JSON object"),
        ('{"central_url": 5}', "central_url has the wrong type"),
        ('{"idle_lock_minutes": "15"}', "idle_lock_minutes has the wrong type"),
        ('{"sync_interval_s": true}', "sync_interval_s has the wrong type"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_settings_not_an_object_or_wrong_types_are_refused(home, capsys, content, what):
    settings = home / SETTINGS_FILE
    raw = content if isinstance(content, bytes) else content.encode()
    settings.write_bytes(raw)
    code, out, err = _run(capsys, "--lang", "en", "kb", "stats")
    assert code == 1 and "Traceback" not in out + err
    assert what in err and str(settings) in err
    assert settings.read_bytes() == raw


def test_a_damaged_settings_file_is_never_overwritten_on_save(home):
    from seat_app.services.config import SeatHome
    from seat_app.services.integrity import SettingsDamaged

    settings = home / SETTINGS_FILE
    settings.write_text("{not json", "utf-8")
    with pytest.raises(SettingsDamaged):
        open_home(home)
    with pytest.raises(SettingsDamaged):
        SeatHome(home).save_settings()
    assert settings.read_text("utf-8") == "{not json"


def test_missing_settings_with_a_history_and_no_central_file_is_refused(home, capsys):
    """Decision: a missing settings.json means defaults (the embedded file), but that file is
    never created implicitly, so a PostgreSQL seat that lost its settings cannot sync into a
    new embedded database; it is told to restore."""
    (home / SETTINGS_FILE).unlink()
    (home / "central.sqlite3").unlink()
    code, out, err = _run(capsys, "--lang", "en", "sync", "run")
    assert code == 1 and "Traceback" not in out + err
    assert "Central database file missing" in err and "has a history" in err
    assert not (home / "central.sqlite3").exists()


# ----------------------------------------------------------------------------- row 2


def test_an_emptied_central_file_is_moved_aside_and_never_recreated(home, capsys):
    central = home / "central.sqlite3"
    local_before = _sha(home / "seat-local.sqlite3")
    _damage(central, "empty")
    code, out, err = _run(capsys, "--lang", "en", "kb", "stats")
    assert code == 1 and "Traceback" not in out + err
    assert str(central) in err and "empty (0 bytes)" in err
    moved = _damaged_copies(home)
    assert len(moved) == 1 and str(moved[0]) in err
    assert "db upgrade" in err
    for argv in COMMANDS:
        argv = [a.replace("{tmp}", str(home)) for a in argv]
        code, out, err = _run(capsys, "--lang", "en", *argv)
        assert code != 0, argv
        assert "Traceback" not in out + err, argv
        assert not central.exists(), f"{argv} created a new central file"
    assert _sha(home / "seat-local.sqlite3") == local_before
    assert "[recovery] central database file damaged" in (home / "logs" / "seat.log").read_text()
    # db upgrade is the one way to create a new one, on purpose
    code, out, err = _run(capsys, "--lang", "en", "db", "upgrade")
    assert code == 0 and central.exists()
    assert _damaged_copies(home) == moved  # the damaged copy stays


def test_db_upgrade_never_migrates_over_a_damaged_file(home, capsys):
    central = home / "central.sqlite3"
    _damage(central, "half")
    damaged = _sha(central)
    code, out, err = _run(capsys, "--lang", "en", "db", "upgrade")
    assert code == 1 and "Traceback" not in out + err
    assert "truncated" in err
    (moved,) = _damaged_copies(home)
    assert _sha(moved) == damaged  # every byte kept
    assert not central.exists()


def test_the_moved_aside_file_restores_everything(home, capsys):
    """Nothing is lost: a damaged header moved aside and put back by hand (as the message
    says) holds every user and every KB entry again."""
    central = home / "central.sqlite3"
    original = central.read_bytes()
    head = original[:16]
    _damage(central, "header")
    code, _out, err = _run(capsys, "--lang", "en", "user", "list")
    assert code == 1 and "header is not a SQLite" in err
    (moved,) = _damaged_copies(home)
    repaired = head + moved.read_bytes()[16:]
    assert repaired == original
    central.write_bytes(repaired)
    code, out, _err = _run(capsys, "user", "list")
    assert code == 0 and "9001" in out and "1001" in out
    code, out, _err = _run(capsys, "--lang", "en", "kb", "stats")
    assert code == 0 and "300" in out


# ----------------------------------------------------------------------------- row 9


@pytest.mark.parametrize("how", ["half", "header", "middle"])
def test_a_corrupt_central_file_gives_one_message_per_command(home, capsys, how):
    central = home / "central.sqlite3"
    _damage(central, how)
    damaged_bytes = central.read_bytes()
    for argv in COMMANDS:
        argv = [a.replace("{tmp}", str(home)) for a in argv]
        code, out, err = _run(capsys, "--lang", "en", *argv)
        text = out + err
        assert "Traceback" not in text, (argv, text)
        assert "sqlalchemy" not in text.lower(), (argv, text)
        if code != 0:
            assert "central.sqlite3" in err, (argv, err)
    if how == "middle":  # a sound header: left in place (never moved, never re-created)
        assert central.exists() and not _damaged_copies(home)
        assert central.stat().st_size >= len(damaged_bytes)
        code, out, err = _run(capsys, "--lang", "en", "kb", "stats")
        assert code == 1
        assert f"cannot be read (it may be damaged): {central}" in err
        assert "restore it from a backup" in err
    else:  # a damaged header or length: moved aside whole, every byte kept
        assert not central.exists()
        (moved,) = _damaged_copies(home)
        assert moved.read_bytes() == damaged_bytes


def test_no_traceback_from_a_real_process(home):
    _damage(home / "central.sqlite3", "empty")
    env = dict(os.environ, SEAT_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-m", "seat_app.cli", "kb", "stats"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "central.sqlite3" in done.stderr and "数据文件已损坏" in done.stderr


# ----------------------------------------------------------------------------- smaller


def test_report_xlsx_refuses_a_missing_folder(home, capsys):
    target = home / "no-such-folder" / "sub" / "r.xlsx"
    code, out, err = _run(capsys, "--lang", "en", "report", "annual", "--year", "2025",
                          "--xlsx", str(target))
    assert code == 2 and "Traceback" not in out + err
    assert str(target.parent) in err
    assert not (home / "no-such-folder").exists()
    code, out, err = _run(capsys, "report", "annual", "--year", "2025", "--xlsx",
                          str(home / "r.xlsx"))
    assert code == 0 and (home / "r.xlsx").stat().st_size > 0


def test_grid_suggest_refuses_an_unknown_area(home, capsys):
    code, out, err = _run(capsys, "--lang", "en", "grid", "suggest", "路灯不亮", "火星区")
    assert code == 2 and not out
    assert "Unknown area: 火星区" in err and "盐湖区" in err
    code, out, _err = _run(capsys, "grid", "suggest", "路灯不亮", "盐湖区")
    assert code == 0 and "YHQ-CG" in out


def test_settings_round_trip_is_strict_but_keeps_unknown_keys_out(home):
    settings = home / SETTINGS_FILE
    data = json.loads(settings.read_text("utf-8"))
    data["future_key"] = {"anything": 1}
    data["sync_interval_s"] = 3
    settings.write_text(json.dumps(data), "utf-8")
    loaded = open_home(home).settings
    assert loaded.sync_interval_s == 3.0 and isinstance(loaded.sync_interval_s, float)
