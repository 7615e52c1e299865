"""quality tables (filled by the quality capability; see store/models_quality.py)

Revision ID: 0402
Revises: 0401
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0402"
down_revision = "0401"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
