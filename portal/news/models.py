"""News articles and their galleries."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from ..content import Publishable, SluggedTranslation, SlugLookup, Translatable
from ..documents.models import Document
from ..extensions import db
from ..images.models import Image


class Article(SlugLookup, Translatable, Publishable, db.Model):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
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
    def latest(cls, limit: int) -> list[Article]:
        return list(
            db.session.scalars(
                sa.select(cls)
                .where(cls.visible())
                .order_by(cls.published_at.desc(), cls.id.desc())
                .limit(limit)
            )
        )

    @classmethod
    def for_choosing(cls) -> list[Article]:
        """Every article, newest first: what staff choose from to link one (from an award)."""
        return list(db.session.scalars(sa.select(cls).order_by(cls.id.desc())))

    @classmethod
    def paginate_visible(cls, per_page: int):
        query = sa.select(cls).where(cls.visible()).order_by(cls.published_at.desc(), cls.id.desc())
        return db.paginate(query, per_page=per_page, max_per_page=per_page)


class ArticleTranslation(SluggedTranslation, db.Model):
    __tablename__ = "article_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    # Sanitised HTML (nh3) at the moment it is stored.
    body: Mapped[str] = mapped_column(sa.Text, default="")


Article.translation_class = ArticleTranslation
