"""intake: matter corrections, published intake models, suggestions shown at intake
(see store/models_intake.py)

Revision ID: 0403
Revises: 0402
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0403"
down_revision = "0402"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_corrections",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("case_number", sa.String(32), nullable=False),
        sa.Column("from_matter", sa.String(40), nullable=False),
        sa.Column("to_matter", sa.String(40), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_intake_corrections_case_id", "intake_corrections", ["case_id"])
    op.create_index("ix_intake_corrections_at", "intake_corrections", ["at"])
    op.create_table(
        "intake_models",
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("meta", sa.Text(), nullable=False),
        sa.Column("published_by", sa.String(16), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "intake_suggestions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("matters", sa.Text(), nullable=False),
        sa.Column("model_version", sa.Integer(), nullable=False),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_intake_suggestions_case_id", "intake_suggestions", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_intake_suggestions_case_id", table_name="intake_suggestions")
    op.drop_table("intake_suggestions")
    op.drop_table("intake_models")
    op.drop_index("ix_intake_corrections_at", table_name="intake_corrections")
    op.drop_index("ix_intake_corrections_case_id", table_name="intake_corrections")
    op.drop_table("intake_corrections")
