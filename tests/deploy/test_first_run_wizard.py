"""The first-run wizard, page by page, on real widgets; connection failures from real servers."""

from __future__ import annotations

import json
import os
import socket

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from seat_app.qt.setup import FirstRunWizard
from seat_app.qt.setup.wizard import (
    PAGE_DATA,
    PAGE_FOLDER,
    PAGE_LANGUAGE,
    PAGE_PHONE,
    PAGE_SEAT,
)
from seat_app.qt.workers import InlineRunner
from seat_app.services.config import open_home
from seat_app.services.deploy import load_preset

pytestmark = pytest.mark.deploy


def _wizard(qtbot, tmp_path, preset=None) -> FirstRunWizard:
    wizard = FirstRunWizard(preset=preset, folder=tmp_path / "data", runner=InlineRunner())
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_every_page_in_order_then_embedded_settings_are_written(qtbot, tmp_path):
    w = _wizard(qtbot, tmp_path)
    assert w.pageIds() == [PAGE_LANGUAGE, PAGE_DATA, PAGE_SEAT, PAGE_PHONE, PAGE_FOLDER]
    w.language_page.english.setChecked(True)
    w.next()
    assert w.currentId() == PAGE_DATA and w.data_page.isComplete()  # embedded: no test needed
    w.next()
    w.seat_page.seat.setText("")
    assert not w.seat_page.isComplete()
    w.seat_page.seat.setText("S-9")  # not a code a case number can carry
    assert not w.seat_page.isComplete()
    w.seat_page.seat.setText("S09")
    w.seat_page.area.setCurrentText("永济市")
    w.next()
    assert w.currentId() == PAGE_PHONE and w.phone_page.isComplete()
    assert not w.phone_page.host.isEnabled()  # a desk phone needs no address
    w.phone_page.kind.setCurrentIndex(w.phone_page.kind.findData("baresip"))
    w.phone_page.port.setText("70000")
    assert not w.phone_page.isComplete()
    w.phone_page.port.setText("4444")
    w.phone_page.dial_domain.setText("pbx.example:5060")
    w.next()
    assert w.currentId() == PAGE_FOLDER
    assert not (tmp_path / "data" / "settings.json").exists()  # nothing before Finish
    w.accept()
    s = open_home(tmp_path / "data").settings
    assert (s.central_url, s.seat_code, s.area, s.language) == ("", "S09", "永济市", "en_US")
    assert (s.telephony.adapter, s.telephony.port, s.telephony.dial_domain) == (
        "baresip", 4444, "pbx.example:5060")


def test_a_central_server_must_pass_the_test_and_each_failure_is_named(qtbot, tmp_path,
                                                                       pg_migrated_url):
    w = _wizard(qtbot, tmp_path)
    w.next()
    page = w.data_page
    page.central.setChecked(True)
    assert not page.isComplete()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for url, words in ((f"postgresql://seat@127.0.0.1:{port}/seat", "无法连接"),
                       (pg_migrated_url.rsplit("/", 1)[0] + "/seat_nope_db", "没有这个数据库"),
                       ("nonsense://", "PostgreSQL")):
        page.url.setText(url)
        page.test.click()
        assert page.result is not None and not page.result.ok
        assert words in page.status.text() and not page.isComplete()
    page.url.setText(pg_migrated_url)
    page.test.click()
    assert page.result.ok and page.isComplete() and "✔" in page.status.text()
    page.url.setText(pg_migrated_url + "x")  # edited after the test: test again
    assert not page.isComplete()
    page.url.setText(pg_migrated_url)
    page.test.click()
    w.next()
    w.next()
    w.accept()
    assert open_home(tmp_path / "data").settings.central_url == pg_migrated_url


def test_pages_a_preset_decides_are_skipped(qtbot, tmp_path):
    path = tmp_path / "preset.json"
    path.write_text(json.dumps({"central_url": "postgresql://seat@db.example/seat",
                                "language": "en_US", "area": "盐湖区",
                                "locked": ["central_url", "area"]}), encoding="utf-8")
    w = _wizard(qtbot, tmp_path, load_preset(path))
    assert w.pageIds() == [PAGE_SEAT, PAGE_PHONE, PAGE_FOLDER]
    assert not w.seat_page.area.isEnabled() and w.seat_page.area.currentText() == "盐湖区"
    w.seat_page.seat.setText("S31")
    w.next()
    w.accept()
    s = open_home(tmp_path / "data").settings
    assert (s.central_url, s.area, s.language, s.seat_code) == (
        "postgresql://seat@db.example/seat", "盐湖区", "en_US", "S31")


def test_a_folder_that_cannot_be_written_keeps_the_wizard_open(qtbot, tmp_path):
    w = _wizard(qtbot, tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    w.folder_page.folder.setText(str(blocker / "data"))  # under a file: cannot be created
    w.accept()
    assert w.home is None and w.error is not None and w.isVisible()
    assert w.folder_page.subTitle()



def test_a_chosen_folder_is_found_next_time_and_a_vanished_one_is_not_replaced(
        qtbot, tmp_path, monkeypatch):
    from seat_app.services.config import default_home, home_pointer_path

    monkeypatch.delenv("SEAT_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert not home_pointer_path().exists()
    w = _wizard(qtbot, tmp_path)
    assert w.folder_page.folder.isEnabled()
    chosen = tmp_path / "D" / "seat-data"
    w.folder_page.folder.setText(str(chosen))
    w.accept()
    assert w.home is not None and default_home() == chosen.resolve()
    assert home_pointer_path().is_relative_to(tmp_path / "config")
    import shutil

    from seat_app.services.config import open_home
    from seat_app.services.deploy.setup import remembered_home_missing

    assert not remembered_home_missing(open_home())
    shutil.rmtree(chosen)  # the remembered folder is gone (an unplugged drive)
    assert default_home() == chosen.resolve()  # still that folder: never another one
    assert remembered_home_missing(open_home())  # and the app refuses it (seat_app.qt.app)
