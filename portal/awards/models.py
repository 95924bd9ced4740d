"""Awards and certificates the centre has received."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import (
    Mapped,
    attribute_keyed_dict,
    joinedload,
    mapped_column,
    relationship,
    selectinload,
)

from ..content import Publishable, SluggedTranslation, SlugLookup, Translatable, nothing_else
from ..extensions import db
from ..images.models import Image
from ..news.models import Article


class Award(SlugLookup, Translatable, Publishable, db.Model):
    __tablename__ = "awards"

    id: Mapped[int] = mapped_column(primary_key=True)
    awarded_on: Mapped[date] = mapped_column(sa.Date, index=True)
    certificate_image_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("images.id", ondelete="SET NULL")
    )
    article_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="SET NULL")
    )
    certificate_image: Mapped[Image | None] = relationship(lazy="selectin")
    article: Mapped[Article | None] = relationship(lazy="selectin")
    translations: Mapped[dict[str, AwardTranslation]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @classmethod
    def page_options(cls) -> tuple:
        """An award's page: its texts, its certificate picture with the picture's texts, and
        the article about it with that article's texts (for the link), nothing else."""
        return (
            selectinload(cls.translations),
            joinedload(cls.certificate_image).options(joinedload(Image.translations),
                                                      nothing_else()),
            joinedload(cls.article).options(selectinload(Article.translations),
                                            nothing_else()),
            nothing_else(),
        )

    @classmethod
    def newest(cls, limit: int | None = None) -> list[Award]:
        query = (sa.select(cls).where(cls.visible())
                 .order_by(cls.awarded_on.desc(), cls.id.desc()).options(*cls.with_texts()))
        if limit:
            query = query.limit(limit)
        return list(db.session.scalars(query))


class AwardTranslation(SluggedTranslation, db.Model):
    __tablename__ = "award_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(sa.ForeignKey("awards.id", ondelete="CASCADE"))
    organiser: Mapped[str] = mapped_column(sa.String(300), default="")
    edition: Mapped[str] = mapped_column(sa.String(200), default="")
    place: Mapped[str] = mapped_column(sa.String(300), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")


Award.translation_class = AwardTranslation
