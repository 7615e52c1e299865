"""Alembic migrations: the same scripts on SQLite and PostgreSQL, from nothing to head."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from seat_app.services.store.engine import current_revision, head_revision, make_engine, upgrade
from seat_app.services.store.models import Base

MINE = {
    "cases", "case_events", "calls", "units", "seats", "seat_state_history", "queue_items",
    "users", "kb_entries", "applied_ops", "change_counter", "conflicts",
}


def _check(engine) -> None:
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    names = set(inspect(engine).get_table_names())
    assert names >= MINE
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, value FROM change_counter")).all() == [(1, 0)]
    # every column the models declare exists (migrations and models agree)
    insp = inspect(engine)
    for table in MINE:
        declared = set(Base.metadata.tables[table].c.keys())
        assert declared <= {c["name"] for c in insp.get_columns(table)}, table
    upgrade(engine)  # a second upgrade is a no-op
    assert current_revision(engine) == head_revision()


def test_upgrade_on_sqlite(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        _check(engine)
    finally:
        engine.dispose()


@pytest.mark.pg
def test_upgrade_on_postgresql(pg_url):
    engine = make_engine(pg_url)
    try:
        _check(engine)
        with engine.connect() as conn:
            kind = conn.execute(
                text(
                    "SELECT data_type FROM information_schema.columns "
                    "WHERE table_name = 'cases' AND column_name = 'changed_at'"
                )
            ).scalar()
        assert kind == "timestamp with time zone"
    finally:
        engine.dispose()


def test_cli_db_upgrade(seat_home, capsys):
    from seat_app.cli import main

    assert main(["--lang", "en", "db", "upgrade"]) == 0
    assert "upgraded from empty" in capsys.readouterr().out
    assert main(["--lang", "en", "db", "upgrade"]) == 0
    assert "already at the newest" in capsys.readouterr().out
