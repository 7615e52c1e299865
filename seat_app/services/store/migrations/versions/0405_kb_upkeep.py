"""kb_upkeep tables (filled by the kb_upkeep capability; see store/models_kb_upkeep.py)

Revision ID: 0405
Revises: 0404
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0405"
down_revision = "0404"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
