"""The minimum client version, and ``seat-admin setup`` (the wizard without a window)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from seat_app.cli import main
from seat_app.services.config import open_home
from seat_app.services.deploy import (
    ClientTooOld,
    minimum_client_version,
    publish_minimum_client_version,
    require_client_version,
)
from seat_app.services.security import pg_roles
from seat_app.services.store.engine import make_engine, upgrade

pytestmark = pytest.mark.deploy


@pytest.fixture
def central(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/central.sqlite3")
    upgrade(engine)
    yield engine
    engine.dispose()


def test_an_older_client_is_told_and_a_newer_one_passes(central):
    assert minimum_client_version(central) is None
    require_client_version(central, "0.1.0")  # nothing published: every client may sign in
    assert publish_minimum_client_version(central, "1.2", by="it") == "1.2"
    with pytest.raises(ClientTooOld) as err:
        require_client_version(central, "1.1.9")
    assert "1.1.9" in err.value.zh and "1.2" in err.value.en
    require_client_version(central, "1.2.0")
    require_client_version(central, "1.10.0")  # numeric, not text, comparison
    publish_minimum_client_version(central, "")
    require_client_version(central, "0.0.1")
    with pytest.raises(ValueError):
        publish_minimum_client_version(central, "latest")


def test_a_database_from_before_the_setting_asks_nothing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/old.sqlite3")
    try:
        upgrade(engine, "0301")
        assert minimum_client_version(engine) is None
        require_client_version(engine, "0.0.1")
    finally:
        engine.dispose()


def test_db_min_version_command(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/central.sqlite3"
    upgrade(make_engine(url))
    assert main(["db", "min-version", "--url", url, "2.0.1"]) == 0
    assert main(["--lang", "en", "db", "min-version", "--url", url]) == 0
    assert capsys.readouterr().out.strip().endswith("2.0.1")
    assert main(["db", "min-version", "--url", url, "two"]) == 2


@pytest.mark.pg
@pytest.mark.security
def test_on_postgresql_every_role_reads_it_and_only_admins_change_it(pg_migrated_url):
    owner = make_engine(pg_migrated_url)
    try:
        pg_roles.apply_pg_security(owner)
        publish_minimum_client_version(owner, "1.0")
        prefix = pg_roles.prefix_of(owner)
        for role, may_write in (("agent", False), ("inspector", False), ("admin", True)):
            group = pg_roles.group_role(prefix, role)
            with owner.begin() as conn:
                conn.execute(sa.text(f'SET LOCAL ROLE "{group}"'))
                assert conn.execute(sa.text("SELECT value FROM site_settings")).scalar() == "1.0"
            if may_write:
                with owner.begin() as conn:
                    conn.execute(sa.text(f'SET LOCAL ROLE "{group}"'))
                    conn.execute(sa.text("UPDATE site_settings SET value = '1.1'"))
            else:
                with pytest.raises(sa.exc.ProgrammingError), owner.begin() as conn:
                    conn.execute(sa.text(f'SET LOCAL ROLE "{group}"'))
                    conn.execute(sa.text("UPDATE site_settings SET value = '0.1'"))
        assert minimum_client_version(owner) == "1.1"
    finally:
        owner.dispose()


def test_setup_writes_settings_and_refuses_a_failing_server(tmp_path, pg_migrated_url, capsys):
    folder = tmp_path / "seat-data"
    assert main(["setup", "--central", pg_migrated_url, "--seat", "S17", "--area", "盐湖区",
                 "--language", "en_US", "--data-folder", str(folder), "--json"]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["check"] == "ok" and out["seat_code"] == "S17"
    settings = open_home(folder).settings
    assert (settings.central_url, settings.seat_code, settings.area, settings.language) == (
        pg_migrated_url, "S17", "盐湖区", "en_US")
    other = tmp_path / "other"
    missing = pg_migrated_url.rsplit("/", 1)[0] + "/seat_missing_db_q"
    assert main(["--lang", "en", "setup", "--central", missing, "--data-folder",
                 str(other)]) == 1
    said = capsys.readouterr().err  # refusals go to stderr
    assert "no such database" in said and "No settings were written" in said
    assert not (other / "settings.json").exists()


def test_setup_keeps_a_locked_preset_value(tmp_path, monkeypatch):
    preset = tmp_path / "preset.json"
    preset.write_text(json.dumps({"area": "永济市", "language": "zh_CN", "locked": ["area"]}),
                      encoding="utf-8")
    monkeypatch.setenv("SEAT_PRESET", str(preset))
    folder = tmp_path / "d"
    assert main(["setup", "--seat", "S02", "--data-folder", str(folder)]) == 0
    assert open_home(folder).settings.area == "永济市"
    assert main(["setup", "--area", "盐湖区", "--data-folder", str(folder)]) == 2  # locked
    assert open_home(folder).settings.area == "永济市"
    preset.write_text('{"central_url": "postgresql://u:pw@h/db"}', encoding="utf-8")
    assert main(["setup", "--data-folder", str(tmp_path / "e")]) == 1  # a password in it
    assert not (tmp_path / "e" / "settings.json").exists()


@pytest.mark.parametrize(("args", "code", "said"), [
    (["--central", "postgresql://seat:secret@127.0.0.1/seat"], 2, "password"),
    (["--central", "mysql://seat@127.0.0.1/seat"], 1, "PostgreSQL"),
    (["--seat", "S 0/7"], 2, "Seat code"),
    (["--seat", "S07", "--area", "火星区"], 2, "Unknown area"),
])
def test_setup_refuses_what_settings_may_not_hold(tmp_path, capsys, args, code, said):
    folder = tmp_path / "d"
    assert main(["--lang", "en", "setup", "--data-folder", str(folder), *args]) == code
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not (folder / "settings.json").exists()


def test_setup_central_embedded_goes_back_to_the_embedded_file(tmp_path, pg_migrated_url):
    folder = tmp_path / "d"
    assert main(["setup", "--central", pg_migrated_url, "--data-folder", str(folder)]) == 0
    assert main(["setup", "--seat", "S09", "--data-folder", str(folder)]) == 0
    assert open_home(folder).settings.central_url == pg_migrated_url  # omitted: kept
    assert main(["setup", "--central", "embedded", "--data-folder", str(folder)]) == 0
    assert open_home(folder).settings.central_url == ""


def test_setup_chooses_the_telephone(tmp_path, capsys):
    folder = tmp_path / "d"
    assert main(["setup", "--phone", "cti", "--phone-port", "7788", "--data-folder",
                 str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["phone"] == "cti"
    phone = open_home(folder).settings.telephony
    assert (phone.adapter, phone.port) == ("cti", 7788)
    assert main(["setup", "--phone", "baresip", "--phone-port", "99999", "--data-folder",
                 str(folder)]) == 2
    assert open_home(folder).settings.telephony.adapter == "cti"  # nothing written
