"""Information pages: the centre's standing texts (services, contact, documents)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from ..content import Publishable, SluggedTranslation, SlugLookup, Translatable
from ..extensions import db


class Page(SlugLookup, Translatable, Publishable, db.Model):
    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Order in the site's navigation; pages with no position stay out of the menu.
    menu_position: Mapped[int | None] = mapped_column()
    translations: Mapped[dict[str, PageTranslation]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @classmethod
    def in_menu(cls) -> list[Page]:
        return list(
            db.session.scalars(
                sa.select(cls)
                .where(cls.visible(), cls.menu_position.is_not(None))
                .order_by(cls.menu_position, cls.id)
            )
        )


class PageTranslation(SluggedTranslation, db.Model):
    __tablename__ = "page_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(sa.ForeignKey("pages.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")


Page.translation_class = PageTranslation
