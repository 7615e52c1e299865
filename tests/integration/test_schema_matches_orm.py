"""The ORM and the migrated schema agree, both ways (the `alembic check` of Seat), on SQLite
and PostgreSQL: every table, column and index the migrations create is declared in the ORM
metadata, and everything the ORM declares exists after ``upgrade``.

``WAITING`` lists the differences known today, each with why it waits; the test fails on
any difference not listed AND on a listed one that has disappeared (delete its line).
"""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import seat_app.services.store.registry  # noqa: F401
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Base

# Nothing waits: every migrated column is mapped (central-only columns carry
# ``store.models.CENTRAL_ONLY``). Add a line here only with the reason it waits.
WAITING: set[tuple[str, str, str]] = set()


def _differences(url: str) -> set[tuple[str, str, str]]:
    engine = make_engine(url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            diffs = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    found: set[tuple[str, str, str]] = set()
    for diff in diffs:
        if isinstance(diff, list):  # column modifications come as a list of tuples
            for change in diff:
                found.add((change[0], change[2], change[3]))
            continue
        kind, obj = diff[0], diff[-1] if diff[0].endswith("column") else diff[1]
        if kind.endswith("column"):
            found.add((kind, diff[2], obj.name))
        elif kind.endswith("index") or kind.endswith("constraint"):
            found.add((kind, obj.table.name, obj.name))
        elif kind.endswith("table"):
            found.add((kind, obj.name, ""))
        else:
            found.add((kind, str(diff[1]), ""))
    return found


@pytest.mark.parametrize("dialect", ["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def test_orm_and_migrations_agree_both_ways(dialect, tmp_path, request):
    url = (f"sqlite:///{tmp_path / 'central.sqlite3'}" if dialect == "sqlite"
           else request.getfixturevalue("pg_migrated_url"))
    found = _differences(url)
    assert found - WAITING == set(), "ORM and migrations disagree (new difference)"
    assert WAITING - found == set(), "a waiting difference is gone: delete it from WAITING"
