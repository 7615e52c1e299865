"""telephony: call records from the agents' phones (see store/models_telephony.py)

Revision ID: 0406
Revises: 0405
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0406"
down_revision = "0405"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "call_records",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("call_id", sa.String(80), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("caller_number", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("queue", sa.String(40), nullable=False),
        sa.Column("rang_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seat_code", sa.String(8), nullable=False),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("case_number", sa.String(32), nullable=True),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("end_reason", sa.String(40), nullable=False),
        sa.Column("transferred_to", sa.String(40), nullable=False),
        sa.Column("source", sa.String(12), nullable=False),
        sa.UniqueConstraint("call_id", name="uq_call_records_call_id"),
    )
    op.create_index("ix_call_records_change_seq", "call_records", ["change_seq"])
    op.create_index("ix_call_records_rang_at", "call_records", ["rang_at"])
    op.create_index("ix_call_records_caller", "call_records", ["caller_number", "rang_at"])


def downgrade() -> None:
    op.drop_index("ix_call_records_caller", table_name="call_records")
    op.drop_index("ix_call_records_rang_at", table_name="call_records")
    op.drop_index("ix_call_records_change_seq", table_name="call_records")
    op.drop_table("call_records")
