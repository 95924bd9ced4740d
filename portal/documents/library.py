"""The media library's records: files remembered once, where each is used, deleting for good.

Files are written to MEDIA_ROOT as soon as they arrive (the image pipeline, :mod:`.files`); the
library's row for one is written when the item that first uses it is saved, in that item's
change, so a file sent with a form that is never saved stays out of the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_login import current_user

from ..extensions import db
from ..files import sent_name
from ..images.models import Image
from . import files
from .models import DOCUMENT, IMAGE, Document, MediaFile


def _user() -> Any:
    return current_user._get_current_object() if current_user and \
        current_user.is_authenticated else None


def _find(type: str, key: str) -> MediaFile | None:
    # Not flushing the caller's half-made change (a certificate being replaced: the old
    # picture's deletion would be written before the new one is linked).
    for pending in db.session.new:  # made earlier in this same change
        if isinstance(pending, MediaFile) and (pending.type, pending.key) == (type, key):
            return pending
    with db.session.no_autoflush:
        return db.session.scalar(sa.select(MediaFile).where(MediaFile.type == type,
                                                            MediaFile.key == key))


def remember_image(processed: Any, name: str = "") -> MediaFile:
    """The library's row for a photo the image pipeline wrote (made the first time)."""
    found = _find(IMAGE, processed.key)
    if found is not None:
        return found
    root = Path(current_app.config["MEDIA_ROOT"])
    size = sum((root / path).stat().st_size for path in processed.renditions.values()
               if (root / path).is_file())
    found = MediaFile(type=IMAGE, key=processed.key, name=sent_name(name, 200), format="webp",
                      mime="image/webp", size=size, width=processed.width,
                      height=processed.height, user=_user())
    db.session.add(found)
    return found


def remember_document(processed: files.ProcessedDocument, name: str = "") -> MediaFile:
    """The library's row for a document :func:`.files.process` stored (made the first time)."""
    found = _find(DOCUMENT, processed.key)
    if found is not None:
        return found
    text = files.text_of(processed, current_app.config["MEDIA_ROOT"])  # for the search
    found = MediaFile(type=DOCUMENT, key=processed.key, name=sent_name(name, 200),
                      format=processed.format, mime=processed.mime, size=processed.size,
                      path=processed.path, pages=processed.pages, scanned=processed.scanned,
                      text=text, user=_user())
    db.session.add(found)
    return found


@dataclass
class Use:
    """One place a file is shown: the item (article, award, page) and how."""

    kind: Any  # portal.kinds.Kind of the item
    item: Any
    how: str  # "photo", "certificate", "document", "alternative"

    @property
    def title(self) -> str:
        from ..content import SOURCE_LANGUAGE

        text = self.item.translations.get(SOURCE_LANGUAGE)
        return text.title if text is not None else f"#{self.item.id}"


def uses(files_: list[MediaFile]) -> dict[int, list[Use]]:
    """Where each of ``files_`` is used, by file id, in a few queries."""
    from ..kinds import kind_named

    found: dict[int, list[Use]] = {media.id: [] for media in files_}
    images = {media.key: media.id for media in files_ if media.type == IMAGE}
    documents = {media.id for media in files_ if media.type == DOCUMENT}
    article, award, page = kind_named("article"), kind_named("award"), kind_named("page")
    if images:
        rows = db.session.scalars(sa.select(Image).where(Image.key.in_(images))).all()
        articles = _by_id(article, {row.article_id for row in rows if row.article_id})
        for row in rows:
            if row.article_id in articles:
                found[images[row.key]].append(Use(article, articles[row.article_id], "photo"))
        if award is not None:
            ids = [row.id for row in rows]
            awards = db.session.scalars(
                sa.select(award.model).where(award.model.certificate_image_id.in_(ids))
            ).all() if ids else []
            by_image = {row.id: row for row in rows}
            for item in awards:
                key = by_image[item.certificate_image_id].key
                found[images[key]].append(Use(award, item, "certificate"))
    if documents:
        rows = db.session.scalars(sa.select(Document).where(sa.or_(
            Document.file_id.in_(documents), Document.alternative_file_id.in_(documents)))).all()
        for row in rows:
            kind = article if row.article_id is not None else page
            for file_id, how in ((row.file_id, "document"),
                                 (row.alternative_file_id, "alternative")):
                if file_id in found:
                    found[file_id].append(Use(kind, row.owner, how))
    for file_id, listed in found.items():
        seen, unique = set(), []
        for use in listed:
            if (use.kind.name, use.item.id, use.how) not in seen:
                seen.add((use.kind.name, use.item.id, use.how))
                unique.append(use)
        found[file_id] = unique
    return found


def _by_id(kind: Any, ids: set[int]) -> dict[int, Any]:
    if not ids:
        return {}
    return {item.id: item for item in
            db.session.scalars(sa.select(kind.model).where(kind.model.id.in_(ids)))}


def size_of(media: MediaFile) -> int | None:
    """Bytes on disk: as recorded, or counted for a photo from before the library."""
    if media.size is not None or media.type != IMAGE:
        return media.size
    root = Path(current_app.config["MEDIA_ROOT"]) / f"images/{media.key[:2]}"
    return sum(path.stat().st_size for path in root.glob(f"{media.key}-*.webp")) or None


def delete_files(type: str, key: str, path: str | None) -> None:
    """Remove a file's data from MEDIA_ROOT for good (its row is deleted by the caller)."""
    root = Path(current_app.config["MEDIA_ROOT"])
    if type == DOCUMENT:
        files.remove(key, path, root)
        return
    folder = root / f"images/{key[:2]}"
    for rendition in folder.glob(f"{key}-*.webp"):
        rendition.unlink(missing_ok=True)
    (folder / f"{key}.json").unlink(missing_ok=True)
