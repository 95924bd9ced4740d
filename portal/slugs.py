"""Slugs: the part of an address that names an item, one per language, unique in it.

Made one way for every path that writes content (the editor, a PO import, a revert, the demo):
transliterated from Polish, lower case, at most :data:`SLUG_MAX` characters, "-2", "-3" … added
when another item of the kind has it in that language. A slug once given stays until someone
changes it (a title edit does not move an item's address).
"""

from __future__ import annotations

import sqlalchemy as sa
from slugify import slugify

from .extensions import db
from .kinds import Kind

SLUG_MAX = 200
# Room left for "-2", "-3" … when a slug is taken.
_SLUG_STEM = SLUG_MAX - 10


def make_slug(text: str) -> str:
    """An address part from any text: Polish letters transliterated (ą→a, ł→l), lower case."""
    return slugify(text or "", max_length=SLUG_MAX, word_boundary=True)


def slug_taken(kind: Kind, lang: str, slug: str, item_id: int | None) -> bool:
    tr = kind.translation_class
    query = sa.select(tr.id).where(tr.locale == lang, tr.slug == slug)
    if item_id is not None:
        query = query.where(tr.parent_id != item_id)
    return db.session.scalar(query.limit(1)) is not None


def unique_slug(kind: Kind, lang: str, text: str, item_id: int | None,
                taken: set[str] | None = None) -> str:
    """A slug made from ``text``, unique among ``kind``'s in ``lang`` ("tytul", "tytul-2" …).

    ``taken`` holds slugs given in the same transaction that the database cannot see yet.
    """
    base = make_slug(text) or kind.name
    slug, number = base, 2
    while (taken is not None and slug in taken) or slug_taken(kind, lang, slug, item_id):
        slug, number = f"{base[:_SLUG_STEM].rstrip('-')}-{number}", number + 1
    if taken is not None:
        taken.add(slug)
    return slug
