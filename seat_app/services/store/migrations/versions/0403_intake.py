"""intake tables (filled by the intake capability; see store/models_intake.py)

Revision ID: 0403
Revises: 0402
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0403"
down_revision = "0402"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
