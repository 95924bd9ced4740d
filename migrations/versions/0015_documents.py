"""documents: the media library's files, and documents attached to articles and pages

Revision ID: 0015_documents
Revises: 0014_slug_index

The photos there are already get their library rows (their name is not known: the key is shown;
their size is counted from the files when the list shows them).
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_documents"
down_revision = "0014_slug_index"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "media_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("path", sa.String(length=300), nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("scanned", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_media_files_user_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_files")),
        sa.UniqueConstraint("type", "key", name=op.f("uq_media_files_type_key")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("page_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("alternative_file_id", sa.Integer(), nullable=True),
        sa.Column("alternative_url", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_documents_article_id_articles"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["page_id"], ["pages.id"],
                                name=op.f("fk_documents_page_id_pages"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["file_id"], ["media_files.id"],
                                name=op.f("fk_documents_file_id_media_files"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["alternative_file_id"], ["media_files.id"],
                                name=op.f("fk_documents_alternative_file_id_media_files"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    for column in ("article_id", "page_id", "file_id", "alternative_file_id"):
        op.create_index(op.f(f"ix_documents_{column}"), "documents", [column], unique=False)
    op.create_table(
        "document_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("locale", sa.String(length=12), nullable=False),
        sa.Column("source_version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["documents.id"],
                                name=op.f("fk_document_translations_parent_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_translations")),
        sa.UniqueConstraint("parent_id", "locale",
                            name=op.f("uq_document_translations_parent_id_locale")),
    )
    # The photos already shown join the library, one row per file.
    op.execute(
        "INSERT INTO media_files (type, key, name, format, mime, width, height, scanned, "
        "created_at) SELECT 'image', key, key, 'webp', 'image/webp', MAX(width), MAX(height), "
        "false, MIN(created_at) FROM images GROUP BY key"
    )


def downgrade():
    op.drop_table("document_translations")
    for column in ("article_id", "page_id", "file_id", "alternative_file_id"):
        op.drop_index(op.f(f"ix_documents_{column}"), table_name="documents")
    op.drop_table("documents")
    op.drop_table("media_files")
