"""The self-test's Qt-free checks and the ``seat-admin self-test`` command (issue 20).

Each check passes on this install and fails when the thing it guards is broken (the jieba
fallback instead of rjieba, psycopg's pure-Python build, no keyring, a folder without the
call script). The command runs as a real subprocess, also with PySide6 made unimportable,
as in the Qt-free CI job.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from seat_app.services import selftest
from seat_app.services.selftest import CORE_CHECKS, Check, CheckFailed, run_check

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("check", CORE_CHECKS, ids=lambda c: c.name)
def test_every_core_check_passes_on_this_install(check: Check) -> None:
    result = run_check(check, "en")
    assert result.ok, result.detail
    assert result.detail and not result.skipped


def test_a_check_that_raises_anything_becomes_a_failed_line_not_a_traceback() -> None:
    def broken(_tmp: Path) -> str:
        raise RuntimeError("boom\nsecond line")

    result = run_check(Check("x", "x", "x", broken))
    assert not result.ok
    assert result.detail == "RuntimeError: boom second line"  # one line


def test_check_failed_speaks_the_chosen_language() -> None:
    def refuse(_tmp: Path) -> str:
        raise CheckFailed("坏了", "broken")

    check = Check("x", "x", "x", refuse)
    assert run_check(check, "zh").detail == "坏了"
    assert run_check(check, "en").detail == "broken"


def test_segmenter_check_refuses_the_jieba_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    from kb_index import analysis

    monkeypatch.setattr(analysis, "SEGMENTER", "jieba")
    result = run_check(Check("segmenter", "", "", selftest.check_segmenter), "en")
    assert not result.ok and "fallback" in result.detail


def test_numpy_check_fails_when_the_linear_algebra_is_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy

    monkeypatch.setattr(numpy.linalg, "norm", lambda a: 0.0)  # as a damaged BLAS answers
    result = run_check(Check("numpy", "", "", selftest.check_numpy), "en")
    assert not result.ok and "numpy computed wrongly" in result.detail


def test_psycopg_check_refuses_the_python_implementation(monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    monkeypatch.setattr(psycopg.pq, "__impl__", "python")
    result = run_check(Check("psycopg", "", "", selftest.check_psycopg), "en")
    assert not result.ok and "binary" in result.detail


def test_keyring_check_refuses_the_fail_backend() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        result = run_check(Check("keyring", "", "", selftest.check_keyring), "en")
    finally:
        keyring.set_keyring(previous)
    assert not result.ok and "no usable keyring" in result.detail


def test_call_script_check_refuses_a_folder_without_call_toml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import seat_app.services.config as config

    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "notes.txt").write_text("x", "utf-8")
    monkeypatch.setattr(config, "resources_dir", lambda: tmp_path)
    result = run_check(Check("call-scripts", "", "", selftest.check_call_scripts), "en")
    assert not result.ok and "call.toml" in result.detail


def _admin(args: list[str], *, block_qt: bool, home: Path) -> subprocess.CompletedProcess:
    """``seat-admin`` in a fresh interpreter; with ``block_qt`` PySide6 cannot be imported
    (what the Qt-free install sees). The plaintext test keyring stands in for the OS one."""
    code = ("import sys\n"
            + ("sys.modules['PySide6'] = None\n" if block_qt else "")
            + "import keyring\nfrom keyrings.alt.file import PlaintextKeyring\n"
            "keyring.set_keyring(PlaintextKeyring())\n"
            "from seat_app.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    env = dict(os.environ, SEAT_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               XDG_DATA_HOME=str(home / "xdg"))
    return subprocess.run([sys.executable, "-c", code, *args], env=env, text=True,
                          capture_output=True, timeout=120)


def test_without_pyside6_the_qt_checks_fail_unless_no_qt(tmp_path: Path) -> None:
    failed = _admin(["--lang", "en", "self-test", "--json", "--skip", "migrations",
                     "--skip", "kb-index"], block_qt=True, home=tmp_path)
    assert failed.returncode == 1, failed.stderr
    report = json.loads(failed.stdout)
    assert report["failed"] == ["qt"]
    assert [c["detail"] for c in report["checks"] if c["name"] == "qt"] == ["PySide6 not installed"]

    passed = _admin(["--lang", "en", "self-test", "--no-qt"], block_qt=True, home=tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    lines = passed.stdout.strip().splitlines()
    assert len(lines) == len(CORE_CHECKS) + 2  # one per check, the skipped qt line, the summary
    assert lines[-2].startswith("skip  qt") and "--no-qt" in lines[-2]
    assert all(line.startswith("ok ") for line in lines[: len(CORE_CHECKS)])
    assert lines[-1].startswith(f"self-test: {len(CORE_CHECKS)} passed, 0 failed, 1 skipped")
    assert "Traceback" not in passed.stderr + failed.stderr


def test_an_unknown_check_name_is_refused_clearly(tmp_path: Path) -> None:
    proc = _admin(["self-test", "--skip", "nonsense"], block_qt=True, home=tmp_path)
    assert proc.returncode == 2
    assert "未知的检查项：nonsense" in proc.stderr and "Traceback" not in proc.stderr
