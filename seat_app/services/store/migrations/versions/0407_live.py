"""live tables (filled by the live capability; see store/models_live.py)

Revision ID: 0407
Revises: 0406
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0407"
down_revision = "0406"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
