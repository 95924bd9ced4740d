"""Publication ends by itself (``expires_at``) and content has a review date (``review_due_on``).

Revision ID: 0011_dates
Revises: 0010_revision_via
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_dates"
down_revision = "0010_revision_via"
branch_labels = None
depends_on = None

TABLES = ("articles", "awards", "pages")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
            batch.add_column(sa.Column("review_due_on", sa.Date(), nullable=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("review_due_on")
            batch.drop_column("expires_at")
