"""redirects: old addresses of items and of the old site, leading on with a 301

Revision ID: 0013_redirects
Revises: 0012_autosaves
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_redirects"
down_revision = "0012_autosaves"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "redirects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("old_path", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("lang", sa.String(length=12), nullable=True),
        sa.Column("target_path", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(target_path IS NULL) = (kind IS NOT NULL AND item_id IS NOT NULL "
            "AND lang IS NOT NULL)",
            name=op.f("ck_redirects_one_target"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_redirects_user_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_redirects")),
        sa.UniqueConstraint("old_path", name=op.f("uq_redirects_old_path")),
    )
    op.create_index("ix_redirects_item", "redirects", ["kind", "item_id"], unique=False)


def downgrade():
    op.drop_index("ix_redirects_item", table_name="redirects")
    op.drop_table("redirects")
