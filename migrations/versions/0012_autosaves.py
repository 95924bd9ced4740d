"""Text kept while typing in the editor, per person and page, until the item is saved.

Revision ID: 0012_autosaves
Revises: 0011_dates
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_autosaves"
down_revision = "0011_dates"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "autosaves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.String(length=20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_autosaves_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_autosaves")),
        sa.UniqueConstraint("user_id", "content_type", "item_id", "page",
                            name=op.f("uq_autosaves_user_id_content_type_item_id_page")),
    )
    op.create_index(op.f("ix_autosaves_user_id"), "autosaves", ["user_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_autosaves_user_id"), table_name="autosaves")
    op.drop_table("autosaves")
