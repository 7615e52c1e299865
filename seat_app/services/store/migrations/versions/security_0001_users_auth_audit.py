"""security: sign-in columns on users (password hash, handling unit, database role) and the
append-only audit log (triggers refuse UPDATE, DELETE and TRUNCATE on every dialect)

Revision ID: security_0001
Revises: 0101
Create Date: 2026-11-29 12:05:00

PostgreSQL roles, GRANTs and row-level security are not DDL of one schema version: they
are applied by ``seat_app.services.security.pg_roles.apply_pg_security`` (``seat-admin user
secure``), which is idempotent and runs after every upgrade on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "security_0001"
down_revision = "0101"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("password_hash", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("unit", sa.String(length=80), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("db_role", sa.String(length=63), nullable=False, server_default="")
        )
    op.create_table(
        "audit_log",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("work_no", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("db_user", sa.String(length=63), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_index("ix_audit_log_work_no_at", "audit_log", ["work_no", "at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """CREATE FUNCTION seat_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN
                 RAISE EXCEPTION 'audit log is append-only (审计日志只能追加)'
                   USING ERRCODE = 'insufficient_privilege';
               END $$"""
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION seat_audit_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION seat_audit_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit log is append-only (审计日志只能追加)'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS seat_audit_append_only()")
    op.drop_index("ix_audit_log_work_no_at", table_name="audit_log")
    op.drop_index("ix_audit_log_action", table_name="audit_log")
    op.drop_table("audit_log")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("db_role")
        batch_op.drop_column("unit")
        batch_op.drop_column("password_hash")
