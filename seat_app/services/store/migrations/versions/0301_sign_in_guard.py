"""sign-in guard: failed sign-ins per work number and per seat (backoff and temporary lock)

Revision ID: 0301
Revises: 0201
Create Date: 2026-12-03 08:10:00

One row per (scope, key): scope ``user`` (key: the work number typed, known or not, so a
lock says nothing about whether a work number exists) or ``seat`` (key: the seat code).
``failures`` counts the wrong passwords since ``window_start``; ``locked_until`` is set when
the count reaches the lock threshold. Kept centrally so it holds across seats and restarts.
The policy (thresholds, delays) is ``seat_app.services.security.auth.GuardPolicy``. On PostgreSQL the
grants are applied by ``pg_security.apply_pg_security`` (the ``{prefix}_gate`` group).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0301"
down_revision = "0201"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_guard",
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("scope", "key"),
    )


def downgrade() -> None:
    op.drop_table("sign_in_guard")
