"""What the remedy needs to stay safe: the accounts as a person reviewed them, which school
and account each step touched (the mass-change guard counts across runs), and the lease that
lets one runner at a time carry out a plan.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_decision") as batch:
        batch.add_column(sa.Column("reviewed", sa.Text, nullable=False, server_default=""))
    with op.batch_alter_table("remediation_step") as batch:
        batch.add_column(sa.Column("school_id", sa.String(100), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("account_id", sa.String(100), nullable=False,
                                   server_default=""))
    op.create_index("ix_remediation_step_removals", "remediation_step",
                    ["step", "status", "answered_at"])
    with op.batch_alter_table("remediation_plan") as batch:
        batch.add_column(sa.Column("lease_owner", sa.String(200), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.Float, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("remediation_plan") as batch:
        batch.drop_column("lease_until")
        batch.drop_column("lease_owner")
    op.drop_index("ix_remediation_step_removals", "remediation_step")
    with op.batch_alter_table("remediation_step") as batch:
        batch.drop_column("account_id")
        batch.drop_column("school_id")
    with op.batch_alter_table("review_decision") as batch:
        batch.drop_column("reviewed")
