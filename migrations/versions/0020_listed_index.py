"""listed index: the readers' news list and its count read one index, however many articles

The index holds every column the list filters and sorts on (published_at, id, expires_at,
deleted_at), so SQLite and PostgreSQL count the visible articles and skip to a page without
reading the table. It leads with published_at and replaces that column's own index.

Revision ID: 0020_listed_index
Revises: 0019_content_version
"""

from alembic import op

revision = "0020_listed_index"
down_revision = "0019_content_version"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_articles_listed", "articles",
                    ["published_at", "id", "expires_at", "deleted_at"], unique=False)
    op.drop_index("ix_articles_published_at", table_name="articles")


def downgrade():
    op.create_index("ix_articles_published_at", "articles", ["published_at"], unique=False)
    op.drop_index("ix_articles_listed", table_name="articles")
