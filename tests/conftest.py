"""Fixtures shared by every test job.

No test touches the real user settings, data folder or keyring: SEAT_HOME points into a
temporary folder and keyring uses an in-memory backend. PostgreSQL tests get a fresh
database of their own on the machine's server (127.0.0.1:5432, trust auth); when the server
is not there they fail, they never skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

PG_ADMIN_URL = os.environ.get(
    "SEAT_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in memory (tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own SEAT_HOME and an in-memory keyring."""
    home = tmp_path_factory.mktemp("seat-home")
    monkeypatch.setenv("SEAT_HOME", str(home))
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def seat_home() -> Path:
    """The test's SEAT_HOME folder (created)."""
    path = Path(os.environ["SEAT_HOME"])
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend


def _create_pg_database(template: str | None = None, prefix: str = "seat_test_") -> tuple[str, str]:
    """A new database (a copy of ``template`` when given); its name and URL."""
    from sqlalchemy import create_engine, text

    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    finally:
        admin.dispose()
    return name, PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _drop_pg_database(name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database, dropped after the test."""
    name, url = _create_pg_database()
    try:
        yield url
    finally:
        _drop_pg_database(name)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """ONE PostgreSQL database per test session, migrated to the newest schema (made on first
    use, dropped at the end); ``pg_migrated_url`` copies it instead of migrating again."""
    from seat_app.services.store.engine import make_engine, upgrade

    name, url = _create_pg_database(prefix="seat_tpl_")
    try:
        engine = make_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()  # CREATE DATABASE ... TEMPLATE needs the template unused
        yield name
    finally:
        _drop_pg_database(name)


@pytest.fixture
def pg_migrated_url(pg_template: str) -> Iterator[str]:
    """URL of a fresh PostgreSQL database with the newest central schema, dropped after the
    test: ``CREATE DATABASE ... TEMPLATE`` of the session's migrated template."""
    name, url = _create_pg_database(template=pg_template)
    try:
        yield url
    finally:
        _drop_pg_database(name)
