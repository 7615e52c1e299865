"""training tables (filled by the training capability; see store/models_training.py)

Revision ID: 0401
Revises: 0301
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0401"
down_revision = "0301"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
