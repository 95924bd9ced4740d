"""Images: the processed files on disk, and their alt text and caption per language."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from ..content import Timestamped, Translatable, TranslationRow
from ..extensions import db


class Image(Translatable, Timestamped, db.Model):
    __tablename__ = "images"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    # Content hash of the processed original: names the rendition files, so they cache forever.
    key: Mapped[str] = mapped_column(sa.String(64))
    width: Mapped[int]
    height: Mapped[int]
    # Rendition width (as a string, JSON keys are strings) -> file name under MEDIA_ROOT.
    renditions: Mapped[dict[str, str]] = mapped_column(sa.JSON)
    decorative: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    translations: Mapped[dict[str, ImageTranslation]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def widths(self) -> list[int]:
        return sorted(int(w) for w in self.renditions)

    def rendition(self, max_width: int) -> str:
        """The largest rendition no wider than ``max_width`` (or the smallest there is)."""
        fitting = [w for w in self.widths if w <= max_width] or self.widths[:1]
        return self.renditions[str(fitting[-1])]

    @property
    def largest(self) -> str:
        return self.renditions[str(self.widths[-1])]


class ImageTranslation(TranslationRow, db.Model):
    __tablename__ = "image_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(sa.ForeignKey("images.id", ondelete="CASCADE"))
    alt: Mapped[str] = mapped_column(sa.String(500), default="")
    caption: Mapped[str] = mapped_column(sa.String(500), default="")
