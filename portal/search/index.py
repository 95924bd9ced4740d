"""Keeping the index in step with content: from the ``content-changed`` signal, and in full.

:func:`on_content_changed` is the only receiver: after every committed change (publish, edit,
unpublish, trash, restore, revert, PO import, the demo loader) it rewrites the entries of the
item, and of the photos an article or award shows and the documents attached to an article or
page (their state is their owner's). Every item is indexed whatever its state, with that state:
staff search drafts too, readers' searches keep to what is visible at the moment they search
(:mod:`.engine`).

A document is indexed by its title in each language and by its PDF's text layer (kept on its
library file, :attr:`portal.documents.models.MediaFile.text`), lemmatised as Polish: the text
of a file is the same in every language, and every query is lemmatised in Polish too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from flask import Flask

from ..content import SOURCE_LANGUAGE, utcnow
from ..database import begin_write
from ..extensions import db
from ..html import plain_text
from ..kinds import Kind, kind_named, kinds
from ..service import follow_up
from . import text
from .models import FTS_TABLE, SearchEntry, SearchText

log = logging.getLogger(__name__)

IMAGE = "image"
DOCUMENT = "document"
# Kinds found on the page of the item that has them (their owner), with its state.
OWNED = (IMAGE, DOCUMENT)


def searched_kinds() -> list[Kind]:
    """The kinds readers find: those with pages of their own, photos (on their owner's) and
    documents (downloaded from their owner's)."""
    return [kind for kind in kinds() if kind.public_endpoint or kind.name in OWNED]


def on_content_changed(app: Flask, *, kind: str, id: int, **_details: Any) -> None:
    """The receiver of ``content_changed``: rewrite what the index holds of the item."""
    found = kind_named(kind)
    if found is None or found not in searched_kinds():
        return
    # On an error the change itself is saved; `flask search reindex` repairs the index.
    with follow_up(app, f"the search index for {kind} {id}"):
        reindex_item(found, id)


def reindex_item(kind: Kind, item_id: int) -> None:
    item = db.session.get(kind.model, item_id)
    write(kind.name, item_id, entries(kind, item) if item is not None else [])
    attached = list(getattr(item, "documents", None) or []) if item is not None else []
    if item is not None:
        image_kind = kind_named(IMAGE)
        for image in shown_images(item):
            write(IMAGE, image.id, entries(image_kind, image))
        document_kind = kind_named(DOCUMENT)
        for document in attached:
            write(DOCUMENT, document.id, entries(document_kind, document))
    _forget_documents(kind.name, item_id, keep={document.id for document in attached})


def _forget_documents(owner_kind: str, owner_id: int, keep: set[int]) -> None:
    """Drop the entries of documents the item no longer has (removed, or the item purged)."""
    gone = db.session.scalars(sa.select(SearchEntry.id).where(
        SearchEntry.kind == DOCUMENT, SearchEntry.owner_kind == owner_kind,
        SearchEntry.owner_id == owner_id, SearchEntry.item_id.not_in(keep))).all()
    if gone:
        _delete(list(gone))


def shown_images(item: Any) -> list[Any]:
    images = list(getattr(item, "images", None) or [])
    certificate = getattr(item, "certificate_image", None)
    return images + ([certificate] if certificate is not None else [])


def _owner(kind: Kind, row: Any) -> tuple[Kind, Any] | None:
    """The article or award whose page shows a photo; the article or page of a document."""
    article = kind_named("article")
    if kind.name == DOCUMENT:
        owner_kind = article if row.article_id is not None else kind_named("page")
        owner = row.owner
        return (owner_kind, owner) if owner is not None and owner_kind is not None else None
    image = row
    if image.article_id is not None and article is not None:
        owner = db.session.get(article.model, image.article_id)
        return (article, owner) if owner is not None else None
    award = kind_named("award")
    if award is None:
        return None
    owner = db.session.scalar(sa.select(award.model)
                              .where(award.model.certificate_image_id == image.id).limit(1))
    return (award, owner) if owner is not None else None


def entries(kind: Kind, item: Any) -> list[dict[str, Any]]:
    """The index rows of an item: one per language it is written in."""
    state_of, owner_kind, owner_id = item, None, None
    if kind.name in OWNED:
        owner = _owner(kind, item)
        if owner is None or getattr(item, "decorative", False):
            return []  # shown nowhere, or with no words for readers
        owner_kind, owner_id, state_of = owner[0].name, owner[1].id, owner[1]
    title_field = "title" if "title" in kind.field_names else None
    rows = []
    for lang, translation in item.translations.items():
        title = getattr(translation, title_field) if title_field else ""
        body = " ".join(plain_text(getattr(translation, name) or "")
                        for name in kind.field_names if name != title_field)
        body = " ".join(body.split())
        body_terms = None
        if kind.name == IMAGE:
            title = translation.caption or translation.alt
        elif kind.name == DOCUMENT:
            body = (item.file.text or "") if item.file is not None else ""
            body_terms = file_terms(item.file.key, body) if body else ""
        rows.append({
            "kind": kind.name, "item_id": item.id, "lang": lang,
            "owner_kind": owner_kind, "owner_id": owner_id,
            "title": title or "", "text": body,
            "title_terms": text.terms(title, lang) if title_field else "",
            "body_terms": text.terms(body, lang) if body_terms is None else body_terms,
            "published_at": state_of.published_at, "expires_at": state_of.expires_at,
            "deleted_at": state_of.deleted_at, "updated_at": utcnow(),
        })
    return rows


@lru_cache(maxsize=16)
def file_terms(key: str, body: str) -> str:
    """A file's text as indexed (``key``: the hash of its content), worked out once per file
    for the last few (an item's every change rewrites its documents' entries; at most 100,000
    characters each, so 16 of them hold a few MB)."""
    return text.terms(body, SOURCE_LANGUAGE)


def _sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


ENTRY_COLUMNS = ("kind", "item_id", "lang", "owner_kind", "owner_id", "published_at",
                 "expires_at", "deleted_at", "updated_at")
TEXT_COLUMNS = ("title", "text", "title_terms", "body_terms")


def write(kind: str, item_id: int, rows: list[dict[str, Any]]) -> None:
    """Replace the index rows of one item with ``rows``."""
    old = db.session.scalars(sa.select(SearchEntry.id).where(
        SearchEntry.kind == kind, SearchEntry.item_id == item_id)).all()
    if old:
        _delete(old)
    insert(rows)


def _delete(ids: list[int]) -> None:
    if _sqlite():
        db.session.execute(sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"),
                           [{"id": entry_id} for entry_id in ids])
    db.session.execute(sa.delete(SearchText.__table__).where(
        SearchText.__table__.c.entry_id.in_(ids)))
    db.session.execute(sa.delete(SearchEntry.__table__).where(
        SearchEntry.__table__.c.id.in_(ids)))


def insert(rows: Iterable[dict[str, Any]]) -> int:
    """Add index rows (their texts and, on SQLite, their words to FTS5); return how many."""
    rows = list(rows)
    if not rows:
        return 0
    entries = SearchEntry.__table__
    for row in rows:
        row["id"] = db.session.execute(
            sa.insert(entries).values({name: row[name] for name in ENTRY_COLUMNS})
            .returning(entries.c.id)).scalar_one()
    db.session.execute(sa.insert(SearchText.__table__), [
        {"entry_id": row["id"], **{name: row[name] for name in TEXT_COLUMNS}} for row in rows])
    if _sqlite():
        db.session.execute(
            sa.text(f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (:id, :t, :b)"),
            [{"id": row["id"], "t": row["title_terms"], "b": row["body_terms"]} for row in rows])
    return len(rows)


def clear() -> None:
    if _sqlite():
        db.session.execute(sa.text(f"DELETE FROM {FTS_TABLE}"))
    db.session.execute(sa.delete(SearchText.__table__))
    db.session.execute(sa.delete(SearchEntry.__table__))


def everything() -> Iterator[tuple[Kind, Any]]:
    """Every item of every searched kind, for a full rebuild."""
    for kind in searched_kinds():
        for item_id in db.session.scalars(sa.select(kind.model.id).order_by(kind.model.id)):
            yield kind, item_id


def count_items() -> int:
    return sum(db.session.scalar(sa.select(sa.func.count()).select_from(kind.model)) or 0
               for kind in searched_kinds())


def rebuild(progress: Any = None) -> int:
    """Empty the index and index every item again (``flask search reindex``); return the
    number of rows written. ``progress(n)`` is called after each item."""
    begin_write()
    clear()
    written = 0
    for kind, item_id in list(everything()):
        item = db.session.get(kind.model, item_id)
        written += insert(entries(kind, item))
        if progress is not None:
            progress(1)
    db.session.commit()
    return written
