"""deploy tables (filled by the deploy capability; see store/models_deploy.py)

Revision ID: 0408
Revises: 0407
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0408"
down_revision = "0407"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
