"""live tables: seat heartbeats (seat_beats, see store/models_live.py)

Revision ID: 0407
Revises: 0406
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0407"
down_revision = "0406"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seat_beats",
        sa.Column("seat_code", sa.String(8), nullable=False),
        sa.Column("agent", sa.String(16), nullable=False, server_default=""),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seat_code"),
    )
    op.create_index("ix_queue_items_enqueued_at", "queue_items", ["enqueued_at"])


def downgrade() -> None:
    op.drop_index("ix_queue_items_enqueued_at", table_name="queue_items")
    op.drop_table("seat_beats")
