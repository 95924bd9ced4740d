"""The media library's files, and documents attached to articles and pages.

A :class:`MediaFile` is a file uploaded once: a photo (its renditions, named by the hash of the
photo, as the image pipeline wrote them) or a document (one file under a name the server made).
It is not content: it belongs to no item, and it is listed in the media library.

A use of a file is content: a photo in a gallery is an :class:`~portal.images.models.Image`
(found by the file's key), a document attached to an article or a page is a :class:`Document`
with its title per language. Uses are written through :class:`portal.service.Change` as part of
their item, so they have the item's revisions, audit events and ``content-changed`` signal.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, attribute_keyed_dict, joinedload, mapped_column, relationship

from ..content import (
    Timestamped,
    Translatable,
    TranslationRow,
    UTCDateTime,
    nothing_else,
    utcnow,
)
from ..extensions import db
from ..staff.models import User

IMAGE, DOCUMENT = "image", "document"


class MediaFile(db.Model):
    __tablename__ = "media_files"
    __table_args__ = (sa.UniqueConstraint("type", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(20))  # "image" or "document"
    # The hash of the file as it was sent: the same file sent twice is one file here.
    key: Mapped[str] = mapped_column(sa.String(64))
    # The name it had on the sender's computer: shown to staff and searched, never a path.
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    # "pdf", "docx", "odt", "xlsx", "ods"; "webp" for photos (their renditions).
    format: Mapped[str] = mapped_column(sa.String(10))
    mime: Mapped[str] = mapped_column(sa.String(100))
    # Bytes on disk (a photo: all its renditions); None for photos from before the library.
    size: Mapped[int | None] = mapped_column()
    # A document's file under MEDIA_ROOT, named by the server ("documents/ab/<key>.pdf").
    path: Mapped[str | None] = mapped_column(sa.String(300))
    width: Mapped[int | None] = mapped_column()
    height: Mapped[int | None] = mapped_column()
    pages: Mapped[int | None] = mapped_column()
    # A PDF none of whose pages has text: a scan, which screen readers cannot read.
    scanned: Mapped[bool] = mapped_column(default=False)
    # A PDF's text layer, its first 100,000 characters (files.pdf_text), which the search
    # indexes; None for other files.
    text: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship(lazy="selectin")

    @property
    def is_image(self) -> bool:
        return self.type == IMAGE


class Document(Translatable, Timestamped, db.Model):
    """A file attached to an article or a page, with its title in each language."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    page_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("pages.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    # A file in use cannot be deleted from the library (RESTRICT keeps that true in the database).
    file_id: Mapped[int] = mapped_column(
        sa.ForeignKey("media_files.id", ondelete="RESTRICT"), index=True
    )
    # The accessible alternative: another file of the library, or the address of an HTML page.
    alternative_file_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("media_files.id", ondelete="RESTRICT"), index=True
    )
    alternative_url: Mapped[str] = mapped_column(sa.String(500), default="")
    version: Mapped[int] = mapped_column(default=1)

    file: Mapped[MediaFile] = relationship(foreign_keys=[file_id], lazy="selectin")
    alternative_file: Mapped[MediaFile | None] = relationship(
        foreign_keys=[alternative_file_id], lazy="selectin"
    )
    translations: Mapped[dict[str, DocumentTranslation]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @classmethod
    def shown_options(cls) -> tuple:
        """A document as readers get it (a download in an item's list, or the file itself):
        its titles and its files joined to it, nothing else (not who uploaded the file)."""
        return (
            joinedload(cls.translations),
            joinedload(cls.file).options(nothing_else()),
            joinedload(cls.alternative_file).options(nothing_else()),
            nothing_else(),
        )

    @property
    def owner(self):
        """The article or page the document is attached to."""
        return self.article if self.article_id is not None else self.page


class DocumentTranslation(TranslationRow, db.Model):
    __tablename__ = "document_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(sa.String(300), default="")
