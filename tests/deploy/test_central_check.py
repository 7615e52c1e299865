"""The connection test names each way a central database can fail, on real servers."""

from __future__ import annotations

import socket

import pytest
import sqlalchemy as sa

from seat_app.services.deploy import check_central
from seat_app.services.store.engine import make_engine, upgrade

pytestmark = [pytest.mark.deploy, pytest.mark.pg]


def test_a_current_database_is_ok(pg_migrated_url):
    result = check_central(pg_migrated_url)
    assert result.ok and result.kind == "ok" and result.revision


def test_an_unreachable_server(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    result = check_central(f"postgresql://seat@127.0.0.1:{port}/seat", timeout_s=2)
    assert result.kind == "unreachable" and "127.0.0.1" in result.zh


def test_a_missing_database(pg_url):
    missing = pg_url.rsplit("/", 1)[0] + "/seat_no_such_db_x1"
    result = check_central(missing)
    assert result.kind == "database_missing"
    assert "db upgrade" in result.en


def test_an_empty_database_is_not_set_up(pg_url):
    assert check_central(pg_url).kind == "not_set_up"


def test_an_older_schema_and_a_newer_one(pg_url):
    engine = make_engine(pg_url)
    try:
        upgrade(engine, "0301")
        old = check_central(pg_url)
        assert old.kind == "schema_too_old" and old.revision == "0301"
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
        new = check_central(pg_url)
        assert new.kind == "schema_too_new" and "update Seat" in new.en
    finally:
        engine.dispose()


def test_a_wrong_password_on_a_server_that_checks_them(scram_server):
    url, password = scram_server
    wrong = check_central(url, "not-the-password")
    assert wrong.kind == "auth_failed", wrong
    right = check_central(url, password)
    assert right.kind == "not_set_up"  # the server let us in: an empty database


def test_a_bad_url_and_a_missing_file(tmp_path):
    assert check_central("nonsense://").kind == "bad_url"
    assert check_central(f"sqlite:///{tmp_path}/none.sqlite3").kind == "database_missing"


def test_nothing_is_created_by_a_check(tmp_path):
    target = tmp_path / "central.sqlite3"
    check_central(f"sqlite:///{target}")
    assert not target.exists()
