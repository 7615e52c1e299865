"""training tables: scenarios and rubrics (versioned), settings, sessions and their
trainees, practice attempts, results with item-level evidence, hints
(see store/models_training.py; practice data lives only here and never syncs)

Revision ID: 0401
Revises: 0301
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0401"
down_revision = "0301"
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "training_scenarios",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("scenario_id", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("domain", sa.String(40), nullable=False),
        sa.Column("matter", sa.String(40), nullable=False),
        sa.Column("skill", sa.String(20), nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(16), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("scenario_id", "version", name="uq_training_scenarios_version"),
    )
    op.create_index("ix_training_scenarios_current_domain", "training_scenarios",
                    ["current", "domain"])
    op.create_table(
        "training_rubrics",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("rubric_id", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(16), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("rubric_id", "version", name="uq_training_rubrics_version"),
    )
    op.create_table(
        "training_settings",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(16), nullable=False),
        _ts("changed_at"),
    )
    op.create_table(
        "training_sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("trainer", sa.String(16), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("pass_mark", sa.Float(), nullable=False),
        sa.Column("time_per_scenario_s", sa.Integer(), nullable=False),
        sa.Column("stuck_after_s", sa.Integer(), nullable=False),
        sa.Column("rubric_id", sa.String(40), nullable=False),
        sa.Column("rubric_version", sa.Integer(), nullable=False),
        sa.Column("scenarios", sa.Text(), nullable=False),
        sa.Column("selection", sa.Text(), nullable=False),
        _ts("created_at"),
        _ts("closed_at", nullable=True),
    )
    op.create_table(
        "training_session_trainees",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("session_id", sa.String(36), sa.ForeignKey("training_sessions.id"),
                  nullable=False),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(40), nullable=False),
        _ts("started_at", nullable=True),
        _ts("last_progress_at", nullable=True),
        sa.Column("progress", sa.String(200), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.UniqueConstraint("session_id", "work_no",
                            name="uq_training_session_trainees_work_no"),
    )
    op.create_table(
        "training_attempts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("session_id", sa.String(36), nullable=True),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("scenario_id", sa.String(40), nullable=False),
        sa.Column("scenario_version", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(40), nullable=False, unique=True),
        _ts("started_at", nullable=True),
        _ts("saved_at"),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.create_index("ix_training_attempts_session_id", "training_attempts", ["session_id"])
    op.create_index("ix_training_attempts_work_no", "training_attempts", ["work_no"])
    op.create_table(
        "training_results",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("attempt_id", sa.String(36), sa.ForeignKey("training_attempts.id"),
                  nullable=False, unique=True),
        sa.Column("session_id", sa.String(36), nullable=True),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("scenario_id", sa.String(40), nullable=False),
        sa.Column("scenario_version", sa.Integer(), nullable=False),
        sa.Column("rubric_id", sa.String(40), nullable=False),
        sa.Column("rubric_version", sa.Integer(), nullable=False),
        sa.Column("rubric_fingerprint", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("raw_score", sa.Float(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("pass_mark", sa.Float(), nullable=False),
        sa.Column("fatal_failed", sa.String(200), nullable=False),
        sa.Column("evaluation", sa.Text(), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_training_results_session_id", "training_results", ["session_id"])
    op.create_index("ix_training_results_work_no", "training_results", ["work_no"])
    op.create_table(
        "training_result_items",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("result_id", sa.String(36), sa.ForeignKey("training_results.id"),
                  nullable=False),
        sa.Column("session_id", sa.String(36), nullable=True),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("item_id", sa.String(40), nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("earned", sa.Float(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("fatal", sa.Boolean(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=False),
        sa.Column("entered", sa.Text(), nullable=False),
    )
    op.create_index("ix_training_result_items_result_id", "training_result_items",
                    ["result_id"])
    op.create_index("ix_training_result_items_session_item", "training_result_items",
                    ["session_id", "item_id"])
    op.create_table(
        "training_hints",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("session_id", sa.String(36), sa.ForeignKey("training_sessions.id"),
                  nullable=False),
        sa.Column("work_no", sa.String(16), nullable=False),
        sa.Column("sent_by", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _ts("sent_at"),
        _ts("read_at", nullable=True),
    )
    op.create_index("ix_training_hints_trainee", "training_hints", ["session_id", "work_no"])


def downgrade() -> None:
    for table in ("training_hints", "training_result_items", "training_results",
                  "training_attempts", "training_session_trainees", "training_sessions",
                  "training_settings", "training_rubrics", "training_scenarios"):
        op.drop_table(table)
