"""Alembic migrations of the central database (configured in code, see db.alembic_config)."""
