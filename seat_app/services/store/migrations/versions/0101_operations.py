"""operations: ratings, callback surveys, supervisions, commendations, seat messages;
cases.dispatched_at, queue_items.claim_count (lease fencing token); report indexes

Revision ID: 0101
Revises: 0001
Create Date: 2026-11-29 12:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0101"
down_revision = "0001"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("call_id", sa.String(36), nullable=True),
        sa.Column("case_id", sa.String(36), nullable=True),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result", sa.String(8), nullable=False),
    )
    op.create_index("ix_ratings_rated_at_result", "ratings", ["rated_at", "result"])
    op.create_table(
        "callback_surveys",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("surveyed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("result", sa.String(8), nullable=False),
        sa.Column("agent", sa.String(16), nullable=False),
    )
    op.create_index(
        "ix_callback_surveys_case", "callback_surveys", ["case_id", "completed", "result"]
    )
    op.create_table(
        "supervisions",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("raised_by", sa.String(16), nullable=False),
    )
    op.create_index("ix_supervisions_case", "supervisions", ["case_id", "level"])
    op.create_table(
        "commendations",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(4), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=True),
        sa.Column("unit", sa.String(80), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_commendations_received_at", "commendations", ["received_at"])
    op.create_table(
        "seat_messages",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("seat_code", sa.String(8), nullable=False),
        sa.Column("sender", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_seat_messages_seat", "seat_messages", ["seat_code", "sent_at"])
    # columns on the case store's tables (owned by the store; added here, see models_ops)
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("queue_items") as batch:
        batch.add_column(
            sa.Column("claim_count", sa.Integer(), nullable=False, server_default="0")
        )
    # report indexes: the annual report reads only these (covering) indexes
    op.create_index(
        "ix_cases_report_accepted", "cases", ["handling", "channel", "accepted_at", "deleted"]
    )
    op.create_index(
        "ix_cases_report_day", "cases", ["accepted_at", "handling", "channel", "deleted"]
    )
    op.create_index(
        "ix_cases_report_dispatched",
        "cases",
        ["handling", "accepted_at", "dispatched_at", "closed_at", "deadline", "deleted", "id"],
    )
    op.create_index(
        "ix_calls_report", "calls", ["outcome", "offered_at", "attempt", "called_back_at"]
    )
    op.create_index("ix_ratings_result_rated_at", "ratings", ["result", "rated_at"])
    op.create_index("ix_queue_items_lease", "queue_items", ["state", "lease_expires_at"])


def downgrade() -> None:
    op.drop_index("ix_queue_items_lease", "queue_items")
    op.drop_index("ix_ratings_result_rated_at", "ratings")
    op.drop_index("ix_calls_report", "calls")
    op.drop_index("ix_cases_report_dispatched", "cases")
    op.drop_index("ix_cases_report_day", "cases")
    op.drop_index("ix_cases_report_accepted", "cases")
    with op.batch_alter_table("queue_items") as batch:
        batch.drop_column("claim_count")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("dispatched_at")
    for table in ("seat_messages", "commendations", "supervisions", "callback_surveys", "ratings"):
        op.drop_table(table)
