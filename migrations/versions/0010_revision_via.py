"""Revisions say through what the change came (form, PO import, revert, demo, command line).

Revision ID: 0010_revision_via
Revises: 0009_accessibility
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_revision_via"
down_revision = "0009_accessibility"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("via", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("via")
