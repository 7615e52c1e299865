"""Engines for the central database (PostgreSQL or the embedded SQLite file).

``make_engine`` sets the SQLite pragmas every Seat SQLite file needs; ``upgrade`` brings a
database to the newest schema (Alembic migrations; see seat_app/services/migrations).
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str, **kwargs) -> Engine:
    """An engine for ``url``; SQLite files get WAL, synchronous=FULL and a busy timeout."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def upgrade(engine: Engine) -> None:
    """Bring the central schema to the newest version."""
    from seat_app.services.models import Base

    Base.metadata.create_all(engine)
