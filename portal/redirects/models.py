"""A redirect: an address readers may still hold, and where it leads now.

Two sorts share the table. An address an item had before its slug changed (made by
:mod:`.automatic`) names the item, its kind and the language, not the path it has now, so a
second rename or a later slug still lands on the current address and no chain of renames can
loop. An administrator's own redirect (an old site's address) names a path on this site.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import i18n
from ..content import UTCDateTime, utcnow
from ..extensions import db
from ..kinds import Kind, kind_named
from ..staff.models import User

PATH_MAX = 500


class Redirect(db.Model):
    __tablename__ = "redirects"
    __table_args__ = (
        sa.Index("ix_redirects_item", "kind", "item_id"),
        # Either an item in a language (automatic) or a path (an administrator's), never both.
        sa.CheckConstraint(
            "(target_path IS NULL) = (kind IS NOT NULL AND item_id IS NOT NULL "
            "AND lang IS NOT NULL)",
            name="one_target",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # As readers' requests are matched (see .paths.normalize): "/pl/news/old-slug",
    # "/aktualnosci/123.html", "/index.php?id=5".
    old_path: Mapped[str] = mapped_column(sa.String(PATH_MAX), unique=True)
    # Automatic: the item, of this kind, in this language.
    kind: Mapped[str | None] = mapped_column(sa.String(40))
    item_id: Mapped[int | None] = mapped_column()
    lang: Mapped[str | None] = mapped_column(sa.String(12))
    # An administrator's: a path on this site.
    target_path: Mapped[str | None] = mapped_column(sa.String(PATH_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Who made it: the administrator, or the person whose change moved the item's address.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship(lazy="selectin")

    @property
    def automatic(self) -> bool:
        return self.target_path is None

    @property
    def item_kind(self) -> Kind | None:
        return kind_named(self.kind) if self.automatic else None

    @classmethod
    def matching(cls, keys: list[str]) -> Redirect | None:
        """The redirect from the first of ``keys`` that has one (see .paths.request_keys)."""
        found = {row.old_path: row for row in db.session.scalars(
            sa.select(cls).where(cls.old_path.in_(keys)))}
        return next((found[key] for key in keys if key in found), None)

    @classmethod
    def from_path(cls, path: str) -> Redirect | None:
        return db.session.scalar(sa.select(cls).where(cls.old_path == path))

    def item(self):
        """The item an automatic redirect leads to (None: manual, or the item is gone)."""
        kind = self.item_kind
        return db.session.get(kind.model, self.item_id) if kind is not None else None

    def target_url(self) -> str | None:
        """Where a reader is sent now; None when nothing is there for a reader to see (the
        item unpublished, trashed or gone, its language no longer offered): a 404 as before."""
        if not self.automatic:
            return self.target_path
        kind, item = self.item_kind, self.item()
        if item is None or not item.is_visible() or self.lang not in i18n.enabled():
            return None
        return url_for(kind.public_endpoint, lang=self.lang,
                       slug=item.localized(self.lang).text.slug)
