"""Information pages: the centre's standing texts (services, contact, documents)."""

from __future__ import annotations

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
from ..documents.models import Document
from ..extensions import db


class PageKey:
    """The stable keys of the information pages a public body's site must have."""

    EASY_TO_READ = "easy-to-read"
    SIGN_LANGUAGE = "sign-language"
    PRIVACY = "privacy"
    COOKIES = "cookies"
    CONTACT = "contact"


class Page(SlugLookup, Translatable, Publishable, db.Model):
    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Order in the site's navigation; pages with no position stay out of the menu.
    menu_position: Mapped[int | None] = mapped_column()
    # The pages the law requires (easy-to-read text, sign language, privacy, cookies, contact)
    # carry a stable key, so the footer and header can link to them whatever their slugs.
    key: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    # A film shown on the page (the sign-language page): a file name under MEDIA_ROOT.
    video: Mapped[str | None] = mapped_column(sa.String(300))
    translations: Mapped[dict[str, PageTranslation]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    documents: Mapped[list[Document]] = relationship(
        order_by=Document.position, cascade="all, delete-orphan", lazy="selectin",
        backref="page",
    )

    @classmethod
    def page_options(cls) -> tuple:
        """A page: its texts and its documents (with their titles and files)."""
        return (
            selectinload(cls.translations),
            selectinload(cls.documents).options(*Document.shown_options()),
            nothing_else(),
        )

    @classmethod
    def in_menu(cls) -> list[Page]:
        return cls.navigation()[0]

    @classmethod
    def navigation(cls) -> tuple[list[Page], dict[str, Page]]:
        """In one query: the menu's pages in order, and the visible required pages by key (with
        their texts joined: every page shows them)."""
        pages = db.session.scalars(
            sa.select(cls).where(cls.visible(),
                                 sa.or_(cls.menu_position.is_not(None), cls.key.is_not(None)))
            .order_by(cls.menu_position, cls.id)
            .options(joinedload(cls.translations), nothing_else())
        ).unique().all()
        menu = [p for p in pages if p.menu_position is not None]
        return menu, {p.key: p for p in pages if p.key}


class PageTranslation(SluggedTranslation, db.Model):
    __tablename__ = "page_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(sa.ForeignKey("pages.id", ondelete="CASCADE"))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    # The text alternative of the page's film: what is signed or said in it (sanitised HTML).
    video_text: Mapped[str] = mapped_column(sa.Text, default="")


Page.translation_class = PageTranslation
