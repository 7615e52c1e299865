"""analysis tables (filled by the analysis capability; see store/models_analysis.py)

Revision ID: 0404
Revises: 0403
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0404"
down_revision = "0403"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
