"""Engines for the central database (PostgreSQL or the embedded SQLite file).

``make_engine`` sets the SQLite pragmas every Seat SQLite file needs; ``upgrade`` brings a
database to the newest schema with the Alembic migrations shipped in
``seat_app/services/migrations`` (configured here in code: no alembic.ini at run time).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
    # Python's sqlite3 must not manage transactions itself: SQLAlchemy's "begin" event
    # below emits BEGIN IMMEDIATE, so a transaction that reads then writes never meets
    # SQLITE_BUSY on lock upgrade (busy_timeout covers waiting for the write lock).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _sqlite_begin(conn) -> None:  # pragma: no cover - trivial
    # ``conn.execution_options(seat_read_only=True)``: a plain (deferred) BEGIN, a
    # consistent WAL snapshot that does not hold the write lock (long reads, pulls).
    if conn.get_execution_options().get("seat_read_only"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def normalize_url(url: str) -> str:
    """``postgresql://`` URLs use psycopg 3."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.removeprefix("postgres://")
    return url


def make_engine(url: str, *, password: str | None = None, **kwargs) -> Engine:
    """An engine for ``url``; SQLite files get WAL, synchronous=FULL, a busy timeout and
    immediate transactions.

    ``password`` (from the keyring, never from config) is added to a URL that has none.
    """
    sa_url = make_url(normalize_url(url))
    if password is not None and not sa_url.password:
        sa_url = sa_url.set(password=password)
    if sa_url.get_backend_name() == "postgresql":
        kwargs.setdefault("pool_pre_ping", True)
        connect_args = kwargs.setdefault("connect_args", {})
        connect_args.setdefault("connect_timeout", 5)
    engine = create_engine(sa_url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def alembic_config(engine: Engine | None = None):
    """An Alembic ``Config`` pointing at the packaged migrations (no alembic.ini)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the central schema to ``revision`` (default: the newest)."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None: never migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this version of Seat."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
