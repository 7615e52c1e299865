"""quality tables: forms (versions), samples and picks, evaluations (immutable versions)
with item results, releases, disputes, calibration rounds and scores, practice
assignments, the demo generator's fault truth (see store/models_quality.py)

Revision ID: 0402
Revises: 0401
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0402"
down_revision = "0401"
branch_labels = None
depends_on = None

_IMMUTABLE = ("qa_evaluations", "qa_item_results")

_PG_GUARD = """
CREATE OR REPLACE FUNCTION qa_saved_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a saved evaluation is never changed or deleted (save a new version)';
END $$;
"""


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _id() -> sa.Column:
    return sa.Column("id", sa.String(36), primary_key=True)


def upgrade() -> None:
    op.create_table(
        "qa_forms", _id(),
        sa.Column("form_id", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(16), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("form_id", "version", name="uq_qa_forms_version"),
    )
    op.create_table(
        "qa_samples", _id(),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("plan", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(16), nullable=False),
        _ts("created_at"),
    )
    op.create_index("ix_qa_samples_month", "qa_samples", ["month"])
    op.create_table(
        "qa_sample_picks", _id(),
        sa.Column("sample_id", sa.String(36), sa.ForeignKey("qa_samples.id"), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("case_number", sa.String(32), nullable=False),
        sa.Column("agent", sa.String(16), nullable=False),
        sa.Column("rule", sa.String(24), nullable=False),
        sa.Column("inspector", sa.String(16), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.UniqueConstraint("sample_id", "case_id", name="uq_qa_sample_picks_case"),
    )
    op.create_index("ix_qa_sample_picks_inspector_day", "qa_sample_picks", ["inspector", "day"])
    op.create_table(
        "qa_evaluations", _id(),
        sa.Column("evaluation_key", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("case_number", sa.String(32), nullable=False),
        sa.Column("agent", sa.String(16), nullable=False),
        sa.Column("team", sa.String(40), nullable=False),
        sa.Column("inspector", sa.String(16), nullable=False),
        sa.Column("case_day", sa.Date(), nullable=False),
        sa.Column("form_id", sa.String(40), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("band", sa.String(16), nullable=False),
        sa.Column("fatal", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("correction_reason", sa.Text(), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("evaluation_key", "version", name="uq_qa_evaluations_version"),
    )
    op.create_index("ix_qa_evaluations_agent_day", "qa_evaluations", ["agent", "case_day"])
    op.create_index("ix_qa_evaluations_case", "qa_evaluations", ["case_id"])
    op.create_table(
        "qa_item_results", _id(),
        sa.Column("evaluation_id", sa.String(36), sa.ForeignKey("qa_evaluations.id"),
                  nullable=False),
        sa.Column("item_id", sa.String(40), nullable=False),
        sa.Column("section_id", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("earned", sa.Float(), nullable=False),
        sa.Column("fatal", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("machine_outcome", sa.String(8), nullable=False),
        sa.Column("overridden", sa.Boolean(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
    )
    op.create_index("ix_qa_item_results_evaluation_id", "qa_item_results", ["evaluation_id"])
    op.create_table(
        "qa_releases", _id(),
        sa.Column("evaluation_id", sa.String(36), sa.ForeignKey("qa_evaluations.id"),
                  nullable=False, unique=True),
        sa.Column("agent", sa.String(16), nullable=False),
        sa.Column("released_on", sa.Date(), nullable=False),
        sa.Column("released_by", sa.String(16), nullable=False),
        _ts("released_at"),
    )
    op.create_table(
        "qa_disputes", _id(),
        sa.Column("evaluation_id", sa.String(36), sa.ForeignKey("qa_evaluations.id"),
                  nullable=False),
        sa.Column("evaluation_key", sa.String(36), nullable=False),
        sa.Column("item_id", sa.String(40), nullable=False),
        sa.Column("agent", sa.String(16), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("window_closes", sa.Date(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("decided_by", sa.String(16), nullable=False),
        sa.Column("decider_role", sa.String(16), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=False),
        sa.Column("corrected_evaluation_id", sa.String(36), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("evaluation_key", "item_id", "round", name="uq_qa_disputes_round"),
    )
    op.create_index("ix_qa_disputes_evaluation_id", "qa_disputes", ["evaluation_id"])
    op.create_index("ix_qa_disputes_status", "qa_disputes", ["status"])
    op.create_table(
        "qa_calibration_rounds", _id(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("cases", sa.Text(), nullable=False),
        sa.Column("inspectors", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("alpha", sa.Float(), nullable=True),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(16), nullable=False),
        _ts("created_at"),
    )
    op.create_table(
        "qa_calibration_scores", _id(),
        sa.Column("round_id", sa.String(36), sa.ForeignKey("qa_calibration_rounds.id"),
                  nullable=False),
        sa.Column("inspector", sa.String(16), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("round_id", "inspector", "case_id", name="uq_qa_calibration_scores"),
    )
    op.create_table(
        "qa_practice_assignments", _id(),
        sa.Column("agent", sa.String(16), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("item_id", sa.String(40), nullable=False),
        sa.Column("item_title", sa.String(200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("case_numbers", sa.Text(), nullable=False),
        sa.Column("scenario_ids", sa.Text(), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("assigned_by", sa.String(16), nullable=False),
        _ts("created_at"),
        sa.UniqueConstraint("agent", "month", "item_id", name="uq_qa_practice_assignments"),
    )
    op.create_table(
        "qa_fault_truth",
        sa.Column("case_id", sa.String(36), primary_key=True),
        sa.Column("fault", sa.String(40), nullable=False),
        sa.Column("checks", sa.Text(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        for table in _IMMUTABLE:
            op.execute(f"CREATE TRIGGER {table}_saved_guard BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION qa_saved_guard()")
    else:
        for table in _IMMUTABLE:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'a saved evaluation is never changed or "
                    "deleted (save a new version)'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _IMMUTABLE:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_saved_guard ON {table}")
        op.execute("DROP FUNCTION IF EXISTS qa_saved_guard()")
    else:
        for table in _IMMUTABLE:
            for event in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")
    for table in ("qa_fault_truth", "qa_practice_assignments", "qa_calibration_scores",
                  "qa_calibration_rounds", "qa_disputes", "qa_releases", "qa_item_results",
                  "qa_evaluations", "qa_sample_picks", "qa_samples", "qa_forms"):
        op.drop_table(table)
