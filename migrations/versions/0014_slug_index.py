"""slug index: readers' addresses are found by the slug alone, without reading the whole table

Revision ID: 0014_slug_index
Revises: 0013_redirects
"""

from alembic import op

revision = "0014_slug_index"
down_revision = "0013_redirects"
branch_labels = None
depends_on = None

TABLES = ("article_translations", "award_translations", "page_translations")


def upgrade():
    for table in TABLES:
        op.create_index(f"ix_{table}_slug", table, ["slug"], unique=False)


def downgrade():
    for table in TABLES:
        op.drop_index(f"ix_{table}_slug", table_name=table)
