"""search: the index tables, with SQLite FTS5 or a PostgreSQL GIN index over their words

Revision ID: 0016_search
Revises: 0015_documents

After upgrading, ``flask search reindex`` fills the index from the content already there.
On PostgreSQL the ``unaccent`` extension is created (a trusted extension: the database's owner
may create it).
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_search"
down_revision = "0015_documents"
branch_labels = None
depends_on = None

# Written here as they are in portal/search/models.py, so the migration stays as it was run.
SQLITE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
)
DOCUMENT = ("(setweight(to_tsvector('portal_search'::regconfig, title_terms), 'A') || "
            "setweight(to_tsvector('portal_search'::regconfig, body_terms), 'B'))")
POSTGRESQL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_search') THEN
            CREATE TEXT SEARCH CONFIGURATION portal_search (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION portal_search
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    f"CREATE INDEX IF NOT EXISTS ix_search_texts_document ON search_texts USING gin ({DOCUMENT})",
)


def upgrade():
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=12), nullable=False),
        sa.Column("owner_kind", sa.String(length=40), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_entries")),
        sa.UniqueConstraint("kind", "item_id", "lang",
                            name=op.f("uq_search_entries_kind_item_id_lang")),
    )
    op.create_index("ix_search_entries_owner", "search_entries", ["owner_kind", "owner_id"],
                    unique=False)
    op.create_table(
        "search_texts",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title_terms", sa.Text(), nullable=False),
        sa.Column("body_terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["search_entries.id"],
                                name=op.f("fk_search_texts_entry_id_search_entries"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_search_texts")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRESQL:
            op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_texts_document")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_search")
    op.drop_table("search_texts")
    op.drop_index("ix_search_entries_owner", table_name="search_entries")
    op.drop_table("search_entries")
