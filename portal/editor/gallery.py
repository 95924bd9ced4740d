"""An article's gallery in the editor: uploads, descriptions per language, order and removal.

Uploaded files go through the image pipeline as soon as they arrive. A photo that is accepted
is kept in the form by its content hash (hidden field) until the form is saved, so a form that
comes back with an error never asks for the same files again; a file that is refused is named
with the reason, and only it has to be chosen again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.datastructures import FileStorage

from ..content import SOURCE_LANGUAGE
from ..files import sent_name
from ..forms import as_int
from ..images import processing
from ..images.models import Image
from ..kinds import kind_named
from ..service import Change

KEY = re.compile(r"[0-9a-f]{32}")


def find_processed(key: str) -> processing.ProcessedImage | None:
    """A photo the pipeline wrote earlier, by its key; None for anything else."""
    if not KEY.fullmatch(key or ""):
        return None
    root = Path(current_app.config["MEDIA_ROOT"])
    manifest = root / f"images/{key[:2]}/{key}.json"
    if not manifest.is_file():
        return None
    known = processing.ProcessedImage(**json.loads(manifest.read_text()))
    if not all((root / name).is_file() for name in known.renditions.values()):
        return None
    return known


def upload(form: Any, files: list[FileStorage]) -> list[str]:
    """Process each chosen file; accepted ones join the form's photos. Returns the refusals."""
    refusals: list[str] = []
    present = {entry.form.key.data for entry in form.images if entry.form.key.data}
    for storage in files:
        if not storage or not storage.filename:
            continue
        name = sent_name(storage.filename)
        if len(form.images) >= form.images.max_entries:
            limit = form.images.max_entries
            reason = ngettext(
                "an item has at most %(num)d photo", "an item has at most %(num)d photos", limit
            )
            refusals.append(_("“%(name)s” was not added: %(reason)s", name=name, reason=reason))
            continue
        try:
            processed = processing.process(storage.read(), current_app.config["MEDIA_ROOT"])
        except processing.ImageRejected as exc:
            refusals.append(_("“%(name)s” was not added: %(reason)s", name=name, reason=str(exc)))
            continue
        if processed.key in present:
            continue
        present.add(processed.key)
        form.images.append_entry({"key": processed.key, "name": name})
    return refusals


@dataclass
class Preview:
    """What the editor shows beside a photo's fields."""

    src: str
    width: int
    height: int
    name: str
    image: Image | None  # None for a photo uploaded but not saved yet


def previews(form: Any, item: Any) -> list[Preview | None]:
    existing = {image.id: image for image in (item.images if item is not None else [])}
    found: list[Preview | None] = []
    for entry in form.images:
        photo = entry.form
        image = existing.get(as_int(photo.image_id.data))
        if image is not None:
            found.append(Preview(image.rendition(320), image.width, image.height, "", image))
            continue
        key = photo.key.data if "key" in photo else None
        processed = find_processed(key) if key else None
        if processed is None:
            found.append(None)
            continue
        widths = sorted(int(w) for w in processed.renditions)
        src = processed.renditions[str(([w for w in widths if w <= 320] or widths[:1])[-1])]
        found.append(Preview(src, processed.width, processed.height, photo.name.data, None))
    return found


def apply(form: Any, item: Any, source: bool, change: Change) -> None:
    """Save the gallery part of the form onto ``item``, through the content change."""
    images = kind_named("image")
    existing = {image.id: image for image in item.images}
    ordered: list[tuple[int, int, Image]] = []
    mentioned: set[int] = set()
    for index, entry in enumerate(form.images):
        photo = entry.form
        image = existing.get(as_int(photo.image_id.data))
        if image is not None:
            mentioned.add(image.id)
            if source and photo.remove.data:
                change.delete(images, image)
                item.images.remove(image)
                continue
        else:
            processed = find_processed(photo.key.data) if source else None
            if processed is None or photo.remove.data:
                continue
            image = change.add(images, _new_image(processed, photo.name.data or ""))
            item.images.append(image)
        if source:
            change.set_fields(images, image, {"decorative": bool(photo.decorative.data)})
            ordered.append((photo.position.data or index + 1, index, image))
        _apply_texts(photo, image, form.languages, change)
    if source:
        untouched = [
            (10_000 + image.position, 0, image)
            for image in item.images
            if image.id is not None and image.id not in mentioned and image.id in existing
        ]
        for position, (*_, image) in enumerate(sorted(ordered + untouched, key=lambda t: t[:2])):
            change.set_fields(images, image, {"position": position})


def _new_image(processed: processing.ProcessedImage, name: str = "") -> Image:
    """A photo's new use; the media library remembers its file the first time."""
    from ..documents.library import remember_image

    remember_image(processed, name)
    return Image(key=processed.key, width=processed.width, height=processed.height,
                 renditions=processed.renditions, decorative=False, version=1)


def _apply_texts(photo: Any, image: Image, languages: tuple[str, ...], change: Change) -> None:
    images = kind_named("image")
    for lang in languages:
        text = photo[lang].form
        alt, caption = text.alt.data or "", text.caption.data or ""
        if lang != SOURCE_LANGUAGE and not alt and not caption:
            change.drop_language(images, image, lang)
            continue
        change.write_texts(images, image, lang, {"alt": alt, "caption": caption})


# --- An award's certificate: one picture, the same pipeline and texts --------------------------


def upload_certificate(form: Any, storage: FileStorage | None) -> list[str]:
    """Process a chosen certificate file; once accepted, the form holds it until it is saved."""
    if not storage or not storage.filename:
        return []
    name = sent_name(storage.filename)
    try:
        processed = processing.process(storage.read(), current_app.config["MEDIA_ROOT"])
    except processing.ImageRejected as exc:
        return [_("“%(name)s” was not added: %(reason)s", name=name, reason=str(exc))]
    picture = form.certificate.form
    picture.key.data, picture.name.data = processed.key, name
    picture.remove.data = False
    return []


def certificate_preview(form: Any, item: Any) -> Preview | None:
    """The certificate the form shows: a new upload not saved yet, else the item's own."""
    picture = form.certificate.form
    key = picture.key.data if "key" in picture else None
    processed = find_processed(key) if key else None
    if processed is not None:
        widths = sorted(int(w) for w in processed.renditions)
        src = processed.renditions[str(([w for w in widths if w <= 320] or widths[:1])[-1])]
        return Preview(src, processed.width, processed.height, picture.name.data, None)
    image = item.certificate_image if item is not None else None
    if image is None:
        return None
    return Preview(image.rendition(320), image.width, image.height, "", image)


def apply_certificate(form: Any, item: Any, source: bool, change: Change) -> None:
    """Save the certificate part of the form: a new picture, removal, decorative, the texts.

    Which picture is changed is the item's own, never one named by the request. (It may also be
    a photo of an article's gallery, as in the demo: its texts are then shared.)
    """
    images = kind_named("image")
    picture = form.certificate.form
    image = item.certificate_image
    if source:
        if picture.remove.data:
            if image is not None:
                item.certificate_image = None
                _forget(image, change)
            return
        processed = find_processed(picture.key.data) if picture.key.data else None
        if processed is not None and (image is None or image.key != processed.key):
            if image is not None:
                _forget(image, change)
            image = change.add(images, _new_image(processed, picture.name.data or ""))
            item.certificate_image = image
        if image is None:
            return
        change.set_fields(images, image, {"decorative": bool(picture.decorative.data)})
    elif image is None:
        return
    _apply_texts(picture, image, form.languages, change)


def _forget(image: Image, change: Change) -> None:
    """A certificate no longer shown goes, unless it is also a photo in an article's gallery."""
    if image.article_id is None:
        change.delete(kind_named("image"), image)
