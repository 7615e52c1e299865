"""kb_upkeep tables: entry versions and their review events, agents' corrections, the
search log and its daily rollup (see store/models_kb_upkeep.py); published versions are
immutable (trigger)

Revision ID: 0405
Revises: 0404
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0405"
down_revision = "0404"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=False),
        sa.Column("changed_at", _TS, nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


_PG_GUARD = """
CREATE OR REPLACE FUNCTION kb_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'kb_versions rows are never deleted';
  END IF;
  IF OLD.state IN ('published', 'superseded') AND (
       NEW.fields IS DISTINCT FROM OLD.fields OR NEW.code IS DISTINCT FROM OLD.code
       OR NEW.number IS DISTINCT FROM OLD.number OR NEW.author IS DISTINCT FROM OLD.author
       OR NEW.editors IS DISTINCT FROM OLD.editors OR NEW.changes IS DISTINCT FROM OLD.changes
       OR NEW.reviewer IS DISTINCT FROM OLD.reviewer
       OR NOT (NEW.state = OLD.state OR (OLD.state = 'published' AND NEW.state = 'superseded')))
  THEN
    RAISE EXCEPTION 'a published version is never changed in place (make a new version)';
  END IF;
  RETURN NEW;
END $$;
"""

_SQLITE_GUARDS = (
    """CREATE TRIGGER kb_versions_published_guard BEFORE UPDATE ON kb_versions
       WHEN OLD.state IN ('published', 'superseded') AND (
         NEW.fields IS NOT OLD.fields OR NEW.code IS NOT OLD.code
         OR NEW.number IS NOT OLD.number OR NEW.author IS NOT OLD.author
         OR NEW.editors IS NOT OLD.editors OR NEW.changes IS NOT OLD.changes
         OR NEW.reviewer IS NOT OLD.reviewer
         OR NOT (NEW.state = OLD.state OR (OLD.state = 'published' AND NEW.state = 'superseded')))
       BEGIN SELECT RAISE(ABORT, 'a published version is never changed in place'); END""",
    """CREATE TRIGGER kb_versions_no_delete BEFORE DELETE ON kb_versions
       BEGIN SELECT RAISE(ABORT, 'kb_versions rows are never deleted'); END""",
)


def upgrade() -> None:
    op.create_table(
        "kb_versions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("author", sa.String(16), nullable=False),
        sa.Column("editors", sa.String(400), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("changed_at", _TS, nullable=False),
        sa.Column("base", sa.Integer(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(16), nullable=False),
        sa.Column("reviewed_at", _TS, nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("rollback_of", sa.Integer(), nullable=True),
        sa.UniqueConstraint("code", "number", name="uq_kb_versions_code_number"),
    )
    op.create_index("ix_kb_versions_state", "kb_versions", ["state"])
    op.create_table(
        "kb_version_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("who", sa.String(16), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_kb_version_events_code", "kb_version_events", ["code"])
    op.create_table(
        "kb_corrections",
        *_synced(),
        sa.Column("entry_code", sa.String(40), nullable=False),
        sa.Column("entry_version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("agent", sa.String(16), nullable=False),
        sa.Column("seat", sa.String(8), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("closed_by", sa.String(16), nullable=False),
        sa.Column("closed_at", _TS, nullable=True),
        sa.Column("fixed_in", sa.Integer(), nullable=True),
    )
    op.create_index("ix_kb_corrections_change_seq", "kb_corrections", ["change_seq"])
    op.create_index("ix_kb_corrections_entry_code", "kb_corrections", ["entry_code"])
    op.create_index("ix_kb_corrections_state", "kb_corrections", ["state", "entry_code"])
    op.create_table(
        "kb_search_log",
        *_synced(),
        sa.Column("at", _TS, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("query", sa.String(120), nullable=False),
        sa.Column("filters", sa.String(400), nullable=False),
        sa.Column("result_count", sa.Integer(), nullable=False),
        sa.Column("result_codes", sa.Text(), nullable=False),
        sa.Column("opened", sa.String(40), nullable=False),
        sa.Column("inserted", sa.String(40), nullable=False),
        sa.Column("ms_to_answer", sa.Integer(), nullable=True),
        sa.Column("matter", sa.String(40), nullable=False),
    )
    op.create_index("ix_kb_search_log_change_seq", "kb_search_log", ["change_seq"])
    op.create_index("ix_kb_search_log_day", "kb_search_log", ["day"])
    op.create_table(
        "kb_search_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("query", sa.String(120), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("with_results", sa.Integer(), nullable=False),
        sa.Column("opened", sa.Integer(), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "query"),
    )
    op.create_table(
        "kb_entry_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("shown", sa.Integer(), nullable=False),
        sa.Column("opened", sa.Integer(), nullable=False),
        sa.Column("inserted", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "code"),
    )
    op.create_table(
        "kb_rollup_marks",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        op.execute("CREATE TRIGGER kb_versions_guard BEFORE UPDATE OR DELETE ON kb_versions "
                   "FOR EACH ROW EXECUTE FUNCTION kb_versions_guard()")
    else:
        for statement in _SQLITE_GUARDS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS kb_versions_guard ON kb_versions")
        op.execute("DROP FUNCTION IF EXISTS kb_versions_guard()")
    for table in ("kb_rollup_marks", "kb_entry_daily", "kb_search_daily", "kb_search_log", "kb_corrections",
                  "kb_version_events", "kb_versions"):
        op.drop_table(table)
