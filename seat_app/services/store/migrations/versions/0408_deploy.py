"""site settings: the minimum client version (and later other site-wide settings)

Revision ID: 0408
Revises: 0407
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0408"
down_revision = "0407"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("site_settings")
