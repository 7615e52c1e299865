"""Alembic environment, configured programmatically by ``seat_app.services.store.engine``.

Runs on the connection handed in ``config.attributes["connection"]`` (PostgreSQL or SQLite);
with none, on ``sqlalchemy.url`` of the config.
"""

from __future__ import annotations

from alembic import context

import seat_app.services.store.registry  # noqa: F401  (every models_* module: the full schema)
from seat_app.services.store.engine import make_engine
from seat_app.services.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():  # pragma: no cover - offline SQL scripts are not used
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
