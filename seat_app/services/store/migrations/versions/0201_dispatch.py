"""dispatch: case_dispatch (the dispatch state of a case), units.township; index for the
supervision sweep and the unit's work list

Revision ID: 0201
Revises: security_0001
Create Date: 2026-11-29 12:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0201"
down_revision = "security_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_dispatch",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False, unique=True),
        sa.Column("matter", sa.String(40), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("unit_code", sa.String(40), nullable=True),
        sa.Column("dispatched_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("reply_truth", sa.String(8), nullable=True),
        sa.Column("reply_resolution", sa.String(8), nullable=True),
        sa.Column("reply_reason", sa.Text(), nullable=True),
        sa.Column("reply_public", sa.Text(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("close_kind", sa.String(16), nullable=True),
        sa.Column("ext_days", sa.Integer(), nullable=True),
        sa.Column("ext_reason", sa.Text(), nullable=True),
        sa.Column("ext_requested_on", sa.Date(), nullable=True),
        sa.Column("extensions_granted", sa.Integer(), nullable=False),
        sa.Column("unit_return_count", sa.Integer(), nullable=False),
        sa.Column("reply_return_count", sa.Integer(), nullable=False),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("callback_result", sa.String(8), nullable=True),
        sa.Column("callback_attempts", sa.Integer(), nullable=False),
        sa.Column("last_callback_on", sa.Date(), nullable=True),
        sa.Column("caller_consents", sa.Boolean(), nullable=False),
        sa.Column("duplicate_of", sa.String(36), nullable=True),
        sa.Column("unreasonable_reason", sa.Text(), nullable=True),
        sa.Column("review_approved", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_case_dispatch_change_seq", "case_dispatch", ["change_seq"])
    op.create_index("ix_case_dispatch_unit_code", "case_dispatch", ["unit_code"])
    op.create_index("ix_case_dispatch_status_deadline", "case_dispatch", ["status", "deadline"])
    op.create_index("ix_case_dispatch_unit_status", "case_dispatch", ["unit_code", "status"])
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("township", sa.String(40), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.drop_column("township")
    op.drop_table("case_dispatch")
