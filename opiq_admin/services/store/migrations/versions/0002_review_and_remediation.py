"""Review decisions and remediation plans with their write-ahead step log.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_decision",
        sa.Column("old", sa.String(100), primary_key=True),
        sa.Column("new", sa.String(100), primary_key=True),
        sa.Column("school", sa.String(50), nullable=False, server_default=""),
        sa.Column("kind", sa.String(20), nullable=False, server_default="student"),
        sa.Column("score", sa.Float, nullable=False, server_default="0"),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("decided_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("decided_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "remediation_plan",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("json", sa.Text, nullable=False),
    )
    op.create_table(
        "remediation_step",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_id", sa.String(64), nullable=False, index=True),
        sa.Column("pair_index", sa.Integer, nullable=False),
        sa.Column("step", sa.String(30), nullable=False),
        sa.Column("idempotency_key", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=False, server_default=""),
        sa.Column("answered_at", sa.String(32), nullable=False, server_default=""),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("plan_id", "idempotency_key"),
    )


def downgrade() -> None:
    op.drop_table("remediation_step")
    op.drop_table("remediation_plan")
    op.drop_table("review_decision")
