"""analysis: alerts, their cases and actions, topics, runs, case imports
(see store/models_analysis.py)

Revision ID: 0404
Revises: 0403
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0404"
down_revision = "0403"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "analysis_alerts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("scope", sa.String(300), nullable=False),
        sa.Column("observed", sa.Float(), nullable=False),
        sa.Column("expected", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("first_case_at", _TS, nullable=False),
        sa.Column("last_case_at", _TS, nullable=False),
        sa.Column("raised_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_analysis_alerts_raised_at", "analysis_alerts", ["raised_at"])
    op.create_index("ix_analysis_alerts_kind_scope", "analysis_alerts", ["kind", "scope"])
    op.create_table(
        "analysis_alert_cases",
        sa.Column("alert_id", sa.String(36), sa.ForeignKey("analysis_alerts.id"),
                  primary_key=True),
        sa.Column("case_number", sa.String(32), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "analysis_alert_actions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("alert_id", sa.String(36), sa.ForeignKey("analysis_alerts.id"),
                  nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("at", _TS, nullable=False),
    )
    op.create_index("ix_analysis_alert_actions_alert_id", "analysis_alert_actions",
                    ["alert_id"])
    op.create_table(
        "analysis_topics",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("phrase", sa.String(80), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("previous_share", sa.Float(), nullable=False),
        sa.Column("alert_id", sa.String(36), nullable=False),
    )
    op.create_index("ux_analysis_topics_phrase_week", "analysis_topics",
                    ["phrase", "week_start"], unique=True)
    op.create_table(
        "analysis_runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("since", _TS, nullable=False),
        sa.Column("until", _TS, nullable=False),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("cases_read", sa.Integer(), nullable=False),
        sa.Column("alerts_new", sa.Integer(), nullable=False),
        sa.Column("alerts_grown", sa.Integer(), nullable=False),
        sa.Column("work_no", sa.String(16), nullable=False),
    )
    op.create_index("ix_analysis_runs_kind_until", "analysis_runs", ["kind", "until"])
    op.create_table(
        "case_imports",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("file_name", sa.String(260), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("already", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.String(64), nullable=False),
        sa.Column("imported_at", _TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_imports")
    op.drop_index("ix_analysis_runs_kind_until", table_name="analysis_runs")
    op.drop_table("analysis_runs")
    op.drop_index("ux_analysis_topics_phrase_week", table_name="analysis_topics")
    op.drop_table("analysis_topics")
    op.drop_index("ix_analysis_alert_actions_alert_id", table_name="analysis_alert_actions")
    op.drop_table("analysis_alert_actions")
    op.drop_table("analysis_alert_cases")
    op.drop_index("ix_analysis_alerts_kind_scope", table_name="analysis_alerts")
    op.drop_index("ix_analysis_alerts_raised_at", table_name="analysis_alerts")
    op.drop_table("analysis_alerts")
