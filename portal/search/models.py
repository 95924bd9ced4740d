"""The search index: one row per item and language (``search_entries``: what it is, its state)
with its texts (``search_texts``: as shown, and the words as indexed).

The tables are plain and the same on every engine; what finds words is the engine's own:

- SQLite: the FTS5 table ``search_fts`` (rowid = the entry's id; its columns are the entry's
  title and body words, already folded and lemmatised by :mod:`.text`);
- PostgreSQL: a GIN index on ``search_texts`` over ``setweight(to_tsvector('portal_search',
  title_terms), 'A') || setweight(…body_terms, 'B')``, where ``portal_search`` is the
  ``simple`` configuration with ``unaccent``.

Both are made by the migration ``0016_search`` and, for a database made from the models (the
tests), by the DDL below, run after the table is created.

Each row keeps the publication state of its item (for a photo, of the article or award that
shows it): readers' searches filter on it at query time, so an item scheduled for later appears
by itself when its time comes and one that expires goes, with no job to run.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..content import UTCDateTime, utcnow
from ..extensions import db

FTS_TABLE = "search_fts"
PG_CONFIG = "portal_search"
PG_INDEX = "ix_search_texts_document"
# The document PostgreSQL searches, written once for the index and the queries.
PG_DOCUMENT = (f"(setweight(to_tsvector('{PG_CONFIG}'::regconfig, title_terms), 'A') || "
               f"setweight(to_tsvector('{PG_CONFIG}'::regconfig, body_terms), 'B'))")

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, body, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    # Its rank: bm25 with a word in the title counting ten times one in the body.
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
)
SQLITE_DROP = (f"DROP TABLE IF EXISTS {FTS_TABLE}",)
POSTGRESQL_DDL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{PG_CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON search_texts USING gin ({PG_DOCUMENT})",
)
POSTGRESQL_DROP = (f"DROP INDEX IF EXISTS {PG_INDEX}",
                   f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG}")


class SearchEntry(db.Model):
    __tablename__ = "search_entries"
    __table_args__ = (sa.UniqueConstraint("kind", "item_id", "lang"),
                      sa.Index("ix_search_entries_owner", "owner_kind", "owner_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    item_id: Mapped[int]
    lang: Mapped[str] = mapped_column(sa.String(12))
    # A photo's article or award (whose page shows it, and whose state it has).
    owner_kind: Mapped[str | None] = mapped_column(sa.String(40))
    owner_id: Mapped[int | None]
    # What searches filter on (the texts are in a table of their own, so that this one stays
    # small enough to be read from memory for every match).
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @classmethod
    def visible(cls, now: datetime) -> sa.ColumnElement[bool]:
        """What a reader may find at ``now`` (the same rule as ``Publishable.visible``)."""
        return sa.and_(cls.published_at.is_not(None), cls.published_at <= now,
                       sa.or_(cls.expires_at.is_(None), cls.expires_at > now),
                       cls.deleted_at.is_(None))


class SearchText(db.Model):
    """An entry's texts: as shown, and as searched."""

    __tablename__ = "search_texts"

    entry_id: Mapped[int] = mapped_column(
        sa.ForeignKey("search_entries.id", ondelete="CASCADE"), primary_key=True)
    # As shown: the title and the plain text the snippet is cut from.
    title: Mapped[str] = mapped_column(sa.Text, default="")
    text: Mapped[str] = mapped_column(sa.Text, default="")
    # As searched: folded words and their lemmas (see portal.search.text).
    title_terms: Mapped[str] = mapped_column(sa.Text, default="")
    body_terms: Mapped[str] = mapped_column(sa.Text, default="")


def _run(statements: tuple[str, ...], dialect: str):
    def run(_target, connection, **_kw) -> None:
        if connection.dialect.name == dialect:
            for statement in statements:
                connection.exec_driver_sql(statement)
    return run


sa.event.listen(SearchEntry.__table__, "after_create", _run(SQLITE_DDL, "sqlite"))
sa.event.listen(SearchText.__table__, "after_create", _run(POSTGRESQL_DDL, "postgresql"))
sa.event.listen(SearchEntry.__table__, "before_drop", _run(SQLITE_DROP, "sqlite"))
sa.event.listen(SearchText.__table__, "before_drop", _run(POSTGRESQL_DROP, "postgresql"))


def is_engine_object(name: str | None, type_: str) -> bool:
    """Whether a schema object is the engine's search machinery, made outside the models (so
    comparing the models with a database leaves it out)."""
    if not name:
        return False
    return (type_ == "table" and name.startswith(FTS_TABLE)) or (
        type_ == "index" and name == PG_INDEX)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's filter: compare and autogenerate everything but :func:`is_engine_object`."""
    return not is_engine_object(name, type_)
