"""content_version: the number the page cache keeps readers' pages at, raised on every change

Revision ID: 0019_content_version
Revises: 0018_media_text
"""

import sqlalchemy as sa
from alembic import op

revision = "0019_content_version"
down_revision = "0018_media_text"
branch_labels = None
depends_on = None


def upgrade():
    # No row yet: the first change of content writes it (an instance just migrated is empty,
    # as `flask backup restore` requires).
    op.create_table(
        "content_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_version")),
    )


def downgrade():
    op.drop_table("content_version")
