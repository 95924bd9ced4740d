"""News articles and their galleries."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import (
    Mapped,
    attribute_keyed_dict,
    mapped_column,
    relationship,
    selectinload,
)

from ..content import (
    NewestFirst,
    Publishable,
    SluggedTranslation,
    SlugLookup,
    Translatable,
    UTCDateTime,
    nothing_else,
    utcnow,
)
from ..documents.models import Document
from ..extensions import db
from ..images.models import Image


class Article(SlugLookup, Translatable, Publishable, db.Model):
    __tablename__ = "articles"
    # The readers' list, newest first, and its count read this index alone (it holds every
    # column of ``visible()``): without it the count reads every published row and a deep page
    # every row before it. It leads with ``published_at``, so it serves that column's other
    # uses too, and takes the place of its index of its own.
    __table_args__ = (
        sa.Index("ix_articles_listed", "published_at", "id", "expires_at", "deleted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    translations: Mapped[dict[str, ArticleTranslation]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    images: Mapped[list[Image]] = relationship(
        order_by=Image.position, cascade="all, delete-orphan", lazy="selectin"
    )
    documents: Mapped[list[Document]] = relationship(
        order_by=Document.position, cascade="all, delete-orphan", lazy="selectin",
        backref="article",
    )

    @classmethod
    def page_options(cls) -> tuple:
        """An article's page (and its photos' pages): its texts, its gallery with the photos'
        texts, its documents with their titles and files; a query each."""
        return (
            selectinload(cls.translations),
            selectinload(cls.images).joinedload(Image.translations),
            selectinload(cls.documents).options(*Document.shown_options()),
            nothing_else(),
        )

    @classmethod
    def latest(cls, limit: int) -> list[Article]:
        return list(
            db.session.scalars(
                sa.select(cls)
                .where(cls.visible())
                .order_by(cls.published_at.desc(), cls.id.desc())
                .limit(limit)
                .options(*cls.with_texts())
            )
        )

    @classmethod
    def for_choosing(cls) -> list[Article]:
        """Every article, newest first: what staff choose from to link one (from an award)."""
        return list(db.session.scalars(sa.select(cls).order_by(cls.id.desc())))

    @classmethod
    def paginate_visible(cls, per_page: int, bound: int) -> NewestFirst:
        """The readers' list: a page of the newest ``bound`` visible articles, and how many
        there are up to ``bound`` (both read ``ix_articles_listed`` alone)."""
        now = utcnow()
        return NewestFirst(
            per_page=per_page, max_per_page=per_page, session=db.session, bound=bound,
            select=sa.select(cls).where(cls.visible(now)).options(*cls.with_texts()),
            order=(cls.published_at, cls.id), counting=cls.listed_ids(now))

    @classmethod
    def listed_ids(cls, now: datetime | None = None) -> sa.Select:
        """The visible articles' ids, unordered: what the list's count counts."""
        return sa.select(cls.id).where(cls.visible(now))


class ArticleTranslation(SluggedTranslation, db.Model):
    __tablename__ = "article_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    # Sanitised HTML (nh3) at the moment it is stored.
    body: Mapped[str] = mapped_column(sa.Text, default="")


Article.translation_class = ArticleTranslation
