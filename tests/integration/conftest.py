"""Central databases with the demo grid for the after-call (dispatch) tests.

``engine`` runs a test twice: on a SQLite central file and on a fresh real PostgreSQL
database (``pg_url``). The SQLite file is migrated once per module and copied per test.
"""

from __future__ import annotations

import shutil

import pytest

from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.store.engine import make_engine, upgrade


def central_with_grid(url: str):
    """A migrated central database at ``url`` with the demo grid imported."""
    engine = make_engine(url)
    upgrade(engine)
    outcome = import_grid(engine, demo_grid_path())
    assert outcome.ok, outcome.errors
    return engine


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    """A migrated SQLite central file with the demo grid, copied for each test (fast)."""
    path = tmp_path_factory.mktemp("central") / "template.sqlite3"
    central_with_grid(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def sqlite_engine(tmp_path, sqlite_template):
    shutil.copy(sqlite_template, tmp_path / "central.sqlite3")
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def engine(request):
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_engine")
        return
    engine = central_with_grid(request.getfixturevalue("pg_migrated_url"))
    yield engine
    engine.dispose()
