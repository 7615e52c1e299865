"""The self-test's Qt checks, offscreen, and the whole ``seat-admin self-test`` in the venv
(issue 20): they pass on this install and fail on a stale translation or a broken icon."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from seat_app.qt import selftest as qt_selftest
from seat_app.services.config import resources_dir
from seat_app.services.selftest import CORE_CHECKS, Check, run_check


@pytest.mark.parametrize("check", qt_selftest.QT_CHECKS, ids=lambda c: c.name)
def test_every_qt_check_passes_offscreen(qapp, check: Check) -> None:
    result = run_check(check, "en")
    assert result.ok, result.detail


def _resources_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    monkeypatch.setattr(qt_selftest, "resources_dir", lambda: copy)
    return copy


def test_translations_check_finds_a_qm_older_than_its_ts(qapp, tmp_path, monkeypatch) -> None:
    ts = _resources_copy(tmp_path, monkeypatch) / "i18n" / "seat_en.ts"
    text = ts.read_text("utf-8")
    extra = ("<context><name>SelfTestOnly</name><message><source>新的一句</source>"
             "<translation>A new line</translation></message></context></TS>")
    ts.write_text(text.replace("</TS>", extra), "utf-8")
    result = run_check(Check("translations", "", "", qt_selftest.check_translations), "en")
    assert not result.ok
    assert "update_translations" in result.detail


def test_icons_check_finds_an_icon_that_does_not_render(qapp, tmp_path, monkeypatch) -> None:
    icons = _resources_copy(tmp_path, monkeypatch) / "icons"
    (icons / "broken.svg").write_text("<svg this is not", "utf-8")
    result = run_check(Check("icons", "", "", qt_selftest.check_icons), "en")
    assert not result.ok and "broken.svg" in result.detail


def test_seat_admin_self_test_passes_in_the_venv(qapp, capsys) -> None:
    from seat_app.cli import main

    code = main(["--lang", "en", "self-test", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report["failed"]
    names = [c["name"] for c in report["checks"]]
    assert names == [c.name for c in CORE_CHECKS] + [c.name for c in qt_selftest.QT_CHECKS]
    assert report["ok"] and report["environment"]["frozen"] == "false"
