"""Engines for the central database (PostgreSQL or the embedded SQLite file).

``make_engine`` sets the SQLite pragmas every Seat SQLite file needs; ``upgrade`` brings a
database to the newest schema with the Alembic migrations shipped in
``seat_app/services/store/migrations`` (configured here in code: no alembic.ini at run time).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from seat_app.services.integrity import (
    CentralDatabaseMissing,
    DataFileDamaged,
    move_aside,
    sqlite_header_problem,
)
from seat_app.services.logs import log_event, private_dir

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
    # Python's sqlite3 must not manage transactions itself: SQLAlchemy's "begin" event
    # below emits BEGIN IMMEDIATE, so a transaction that reads then writes never meets
    # SQLITE_BUSY on lock upgrade (busy_timeout covers waiting for the write lock).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    _make_private(cur)
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _make_private(cur) -> None:
    """Seat's SQLite files hold password hashes and callers' phones: 0600 (SQLite gives its
    -wal and -shm files the main file's permissions)."""
    for _seq, name, file in cur.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            try:
                if os.path.exists(file) and os.stat(file).st_mode & 0o077:
                    os.chmod(file, 0o600)
            except OSError:  # pragma: no cover - not the owner: leave it
                pass


def _sqlite_begin(conn) -> None:  # pragma: no cover - trivial
    # ``conn.execution_options(seat_read_only=True)``: a plain (deferred) BEGIN, a
    # consistent WAL snapshot that does not hold the write lock (long reads, pulls).
    if conn.get_execution_options().get("seat_read_only"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _tag_error(context) -> None:
    """Name the database on every error (file path, or server without password), so the
    command line can say which file is damaged or which server is unreachable."""
    exc = context.sqlalchemy_exception
    engine = context.engine
    if exc is None or engine is None:
        return
    try:
        if engine.dialect.name == "sqlite":
            exc.seat_where = engine.url.database or ":memory:"
            exc.seat_kind = "file"
        else:
            exc.seat_where = engine.url.render_as_string(hide_password=True)
            down = "connect" in str(context.original_exception).lower() or context.is_disconnect
            exc.seat_kind = "server-down" if down else "server-error"
    except Exception:  # noqa: BLE001 - naming must never hide the real error
        pass


_CONNECTION_ERRORS = (OperationalError, InterfaceError, OSError)


def is_connection_error(exc: BaseException | None) -> bool:
    """True when ``exc`` means the database could not be reached or the connection broke
    (server down, network, timeout, a backend terminated mid-transaction): worth trying
    again later, with the work kept. The one test of it for sync, the Qt layer and the CLI.

    An ``OperationalError`` also covers a missing table ("no such table"); callers that
    must tell an uninitialised central database apart check for that first."""
    if exc is None:
        return False
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, _CONNECTION_ERRORS)


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
    # statements in errors and logs never carry their parameters (callers' phones, texts)
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(sa_url, **kwargs)
    event.listen(engine, "handle_error", _tag_error)
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


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite engine (None: not SQLite, or in memory)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database.removeprefix("file:").split("?", 1)[0])


def _folder_has_history(path: Path) -> bool:
    folder = path.parent
    return any(
        (folder / name).exists() for name in ("seat-local.sqlite3", "settings.json")
    ) or any(folder.glob(path.name + ".damaged-*"))


def check_central_file(engine: Engine, *, create: bool | str = False) -> None:
    """Refuse an embedded central file that is damaged, emptied, missing or never created.

    A damaged file (empty, truncated, not SQLite) is moved aside with its -wal/-shm and
    ``DataFileDamaged`` is raised, even when ``create``: nothing is ever re-created over it.
    Without ``create`` a missing file, or a SQLite file without Seat's schema, raises
    ``CentralDatabaseMissing``; ``create="if-fresh"`` (first imports into a new folder)
    creates only in a folder without history (no local store, settings or moved-aside
    central file). PostgreSQL and in-memory engines pass.
    """
    path = sqlite_file(engine)
    if path is None:
        return
    if create == "if-fresh":
        create = not _folder_has_history(path)
    if not path.exists():
        if create:
            return
        log_event("refusal", "central database file missing: %s", path)
        raise CentralDatabaseMissing(path, history=_folder_has_history(path))
    problem = sqlite_header_problem(path)
    if problem is not None:
        engine.dispose()
        moved = move_aside(path)
        log_event("recovery", "central database file damaged (%s), moved to %s", problem[1], moved)
        raise DataFileDamaged(
            path, moved_to=moved, what_zh=problem[0], what_en=problem[1],
            todo_zh=(f"从备份恢复 {path.name}（放回原位置）；确认要新建空库时运行 "
                     "seat-admin db upgrade"),
            todo_en=(f"restore {path.name} from a backup (to the same place); to create an "
                     "empty one on purpose run `seat-admin db upgrade`"),
        )
    if not create and current_revision(engine) is None:
        log_event("refusal", "central database file without Seat's schema: %s", path)
        raise CentralDatabaseMissing(path, history=_folder_has_history(path))


def check_home_central(url: str) -> None:
    """``check_central_file`` for a central URL before a command or the app uses it
    (no connection is made to a server: PostgreSQL passes)."""
    if not url.startswith("sqlite"):
        return
    engine = make_engine(url)
    try:
        check_central_file(engine)
    finally:
        engine.dispose()


def upgrade(engine: Engine, revision: str = "head", *, create: bool | str = True) -> None:
    """Bring the central schema to ``revision`` (default: the newest).

    Run-time callers (commands, sync, the apps) pass ``create=False``: an embedded central
    file that is missing, never migrated or damaged is then refused (see
    ``check_central_file``), never silently created. ``create=True`` is for the explicit
    creators only: ``seat-admin db upgrade``, ``demo init`` and test fixtures; even then a
    damaged file is moved aside and refused, never migrated over. ``create="if-fresh"``:
    create only in a folder without history (a first ``kb import`` or ``grid import``).
    """
    from alembic import command

    check_central_file(engine, create=create)
    path = sqlite_file(engine)
    if path is not None and not path.parent.exists():
        private_dir(path.parent)
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
