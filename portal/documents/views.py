"""Readers' downloads of documents, and the staff's download of any library file.

A document is served as an attachment, with its real type, ``nosniff``, and a file name made
from its title in the reader's language (never the name it was uploaded with). A document of an
item readers may not see (a draft, scheduled, in the trash) is "page not found" for them; staff
who are logged in may download it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from flask import abort, current_app, g, send_file
from flask_login import current_user
from sqlalchemy.orm import joinedload

from ..content import nothing_else
from ..extensions import db
from .models import Document, MediaFile

_UNSAFE = re.compile(r"[^\w\s.,()+-]", re.UNICODE)


def safe_filename(title: str, extension: str) -> str:
    """A download's name from a title: letters (any alphabet), digits, spaces, a few signs."""
    text = unicodedata.normalize("NFC", title or "")
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split()).strip(" .")[:100].strip(" .")
    return f"{text or 'document'}.{extension}"


def _send(media: MediaFile, title: str, private: bool):
    if media.path is None:
        abort(404)
    path = Path(current_app.config["MEDIA_ROOT"]) / media.path
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=media.mime, as_attachment=True,
                         download_name=safe_filename(title, media.format), conditional=True,
                         max_age=0 if private else 300)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if private:
        response.cache_control.no_store = True
        response.cache_control.public = False
        response.cache_control.private = True
    return response


def _visible(document: Document | None) -> tuple[Document, bool]:
    """The document and whether only staff may have it; 404 for anyone else."""
    if document is None or document.owner is None:
        abort(404)
    if document.owner.is_visible():
        return document, False
    if current_user.is_authenticated:
        return document, True
    abort(404)


def _document(document_id: int) -> Document | None:
    """The document with its titles, files and owner (only the owner's row: whether readers
    may see it), in one query."""
    return db.session.get(Document, document_id, options=[
        *Document.shown_options(),
        joinedload(Document.article).options(nothing_else()),
        joinedload(Document.page).options(nothing_else()),
    ])


def download(document_id: int):
    document, private = _visible(_document(document_id))
    title = document.localized(g.lang).text.title
    return _send(document.file, title, private)


def download_alternative(document_id: int):
    document, private = _visible(_document(document_id))
    if document.alternative_file is None:
        abort(404)
    title = document.localized(g.lang).text.title
    return _send(document.alternative_file, title, private)


def staff_download(file_id: int):
    """Any document of the library, for staff (the library's list links here)."""
    media = db.get_or_404(MediaFile, file_id)
    return _send(media, Path(media.name).stem or media.key, private=True)
