"""The central database: engines (PostgreSQL or the embedded SQLite file), the
SQLAlchemy ORM of every central table, the Alembic migrations, the change sequence every
writer stamps, and the op format seats push.

Typical use::

    from seat_app.services.store import make_engine, upgrade, next_change_seq
    engine = make_engine(url)
    upgrade(engine)                      # migrations shipped in store/migrations
    with engine.begin() as conn:
        seq = next_change_seq(conn)      # orders writers; pulls follow commit order
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.store.central import (
        Op,
        PushResponse,
        apply_ops,
        current_change_seq,
        next_change_seq,
    )
    from seat_app.services.store.engine import (
        MIGRATIONS_DIR,
        check_central_file,
        check_home_central,
        current_revision,
        head_revision,
        is_connection_error,
        make_engine,
        normalize_url,
        table_names,
        upgrade,
    )
    from seat_app.services.store.models import Base, SyncedMixin, UTCDateTime, new_uuid, utcnow
    from seat_app.services.store.models_analysis import AnalysisAlert
    from seat_app.services.store.models_dispatch import CASES

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "AnalysisAlert": "models_analysis",
    "CASES": "models_dispatch",
    "Base": "models",
    "MIGRATIONS_DIR": "engine",
    "Op": "central",
    "PushResponse": "central",
    "SyncedMixin": "models",
    "UTCDateTime": "models",
    "apply_ops": "central",
    "check_central_file": "engine",
    "check_home_central": "engine",
    "current_change_seq": "central",
    "current_revision": "engine",
    "head_revision": "engine",
    "is_connection_error": "engine",
    "make_engine": "engine",
    "new_uuid": "models",
    "next_change_seq": "central",
    "normalize_url": "engine",
    "table_names": "engine",
    "upgrade": "engine",
    "utcnow": "models",
}

__all__ = [
    "CASES",
    "MIGRATIONS_DIR",
    "AnalysisAlert",
    "Base",
    "Op",
    "PushResponse",
    "SyncedMixin",
    "UTCDateTime",
    "apply_ops",
    "check_central_file",
    "check_home_central",
    "current_change_seq",
    "current_revision",
    "head_revision",
    "is_connection_error",
    "make_engine",
    "new_uuid",
    "next_change_seq",
    "normalize_url",
    "table_names",
    "upgrade",
    "utcnow",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
