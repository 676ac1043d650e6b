"""Activity log (append-only) and roster snapshots.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False, index=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False, index=True),
        sa.Column("school", sa.String(50), nullable=False, server_default=""),
        sa.Column("target", sa.String(200), nullable=False, server_default=""),
        sa.Column("result", sa.String(20), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "roster_snapshot",
        sa.Column("kind", sa.String(30), primary_key=True),
        sa.Column("school", sa.String(50), primary_key=True),
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("json", sa.Text, nullable=False),
        sa.Column("fetched_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("kind", sa.String(30), primary_key=True),
        sa.Column("school", sa.String(50), primary_key=True),
        sa.Column("synced_at", sa.String(32), nullable=False),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER activity_log_no_{verb.lower()} BEFORE {verb} ON activity_log "
                "BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END")
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION activity_log_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'the activity log is append-only'; END $$ LANGUAGE plpgsql")
        op.execute(
            "CREATE TRIGGER activity_log_append_only BEFORE UPDATE OR DELETE ON activity_log "
            "FOR EACH ROW EXECUTE FUNCTION activity_log_append_only()")


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_table("roster_snapshot")
    op.drop_table("activity_log")  # its triggers go with it; the function is left behind
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS activity_log_append_only()")
