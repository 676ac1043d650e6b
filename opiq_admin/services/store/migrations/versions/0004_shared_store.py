"""A store a team can share: caches keyed by whose view they are, text that fits real data,
and an activity log that TRUNCATE cannot empty.

- roster_snapshot and sync_state gain `scope` (server profile and signed-in person) in their
  keys. They are caches, so they are made anew: they fill again on the next sync.
- Names, ids, paths and details become TEXT on PostgreSQL (SQLite never cut them).
- PostgreSQL: a statement trigger refuses TRUNCATE of activity_log, beside the row
  triggers that refuse UPDATE and DELETE.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# (table, column, length before) of every column that becomes TEXT.
WIDENED = (
    ("activity_log", "actor", 200), ("activity_log", "school", 50),
    ("activity_log", "target", 200),
    ("review_decision", "old", 100), ("review_decision", "new", 100),
    ("review_decision", "school", 50), ("review_decision", "decided_by", 200),
    ("remediation_plan", "lease_owner", 200),
    ("remediation_step", "school_id", 100), ("remediation_step", "account_id", 100),
)


def _caches(scoped: bool) -> None:
    op.drop_table("sync_state")
    op.drop_table("roster_snapshot")

    def scope() -> list[sa.Column[str]]:  # a column belongs to one table: one each
        return [sa.Column("scope", sa.Text, primary_key=True)] if scoped else []

    text = sa.Text if scoped else sa.String(50)
    op.create_table(
        "roster_snapshot", *scope(),
        sa.Column("kind", sa.String(30), primary_key=True),
        sa.Column("school", text, primary_key=True),
        sa.Column("key", sa.Text if scoped else sa.String(100), primary_key=True),
        sa.Column("json", sa.Text, nullable=False),
        sa.Column("fetched_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "sync_state", *scope(),
        sa.Column("kind", sa.String(30), primary_key=True),
        sa.Column("school", text, primary_key=True),
        sa.Column("synced_at", sa.String(32), nullable=False),
    )


def upgrade() -> None:
    _caches(scoped=True)
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in WIDENED:
        op.alter_column(table, column, type_=sa.Text, existing_type=sa.String(length))
    op.execute(
        "CREATE OR REPLACE FUNCTION activity_log_append_only() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'the activity log is append-only'; END $$ LANGUAGE plpgsql")
    op.execute(
        "CREATE TRIGGER activity_log_no_truncate BEFORE TRUNCATE ON activity_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION activity_log_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS activity_log_no_truncate ON activity_log")
        # The widened columns stay TEXT: narrowing them would refuse (or cut) the long
        # names they were widened for, and the older version reads TEXT as well.
    _caches(scoped=False)
