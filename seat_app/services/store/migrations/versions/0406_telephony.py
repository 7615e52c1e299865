"""telephony tables (filled by the telephony capability; see store/models_telephony.py)

Revision ID: 0406
Revises: 0405
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0406"
down_revision = "0405"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
