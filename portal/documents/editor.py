"""An article's or page's documents in the editor: uploads, titles per language, removal.

Like the gallery (:mod:`portal.editor.gallery`): a file goes through :func:`.files.process` as
soon as it arrives and the form keeps it by its key until the form is saved; a file chosen from
the media library is kept by its id. Saving writes the item's documents through its
:class:`~portal.service.Change`, so they are part of the item's revision and audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage
from wtforms import BooleanField, Form, HiddenField, SelectField, StringField
from wtforms.validators import Length

from ..content import SOURCE_LANGUAGE
from ..extensions import db
from ..files import sent_name
from ..forms import as_int
from ..kinds import kind_named
from ..service import Change
from . import files, labels, library
from .models import DOCUMENT, Document, MediaFile

MAX_DOCUMENTS = 100


# --- The form's parts (put together by portal.editor.forms.build_form) -------------------------


class DocumentText(Form):
    lang = SOURCE_LANGUAGE

    title = StringField(
        _l("Document title"),
        validators=[Length(max=300)],
        description=_l("What the document is, as readers see it in the link to it."),
    )


class DocumentBase(Form):
    document_id = HiddenField()


class DocumentControls:
    """What only an editor changes: new files, the accessible version, removal."""

    key = HiddenField()  # a file just uploaded
    file_id = HiddenField()  # a file chosen from the media library
    name = HiddenField()
    alternative_url = StringField(
        _l("Accessible version: address of a page"),
        validators=[Length(max=500)],
        description=_l("A page with the same content as HTML, for example /pl/info/wniosek or "
                       "https://…. Leave it empty if there is none."),
    )
    alternative_file = SelectField(
        _l("Accessible version: a file from the media library"), choices=[],
        validate_choice=False,
    )
    remove = BooleanField(_l("Remove this document"))


# --- Uploads and the library ------------------------------------------------------------------


def upload(form: Any, storages: list[FileStorage]) -> list[str]:
    """Check and store each chosen file; accepted ones join the form. Returns the refusals."""
    refusals: list[str] = []
    present = {entry.form.key.data for entry in form.documents if entry.form.key.data}
    for storage in storages:
        if not storage or not storage.filename:
            continue
        name = sent_name(storage.filename)
        try:
            processed = files.process(storage.read(), current_app.config["MEDIA_ROOT"])
        except files.DocumentRejected as exc:
            refusals.append(_("“%(name)s” was not added: %(reason)s", name=name, reason=str(exc)))
            continue
        if processed.key in present:
            continue
        present.add(processed.key)
        title = Path(name).stem.replace("_", " ").strip()[:300]
        form.documents.append_entry({"key": processed.key, "name": name,
                                     SOURCE_LANGUAGE: {"title": title}})
    return refusals


def library_documents() -> list[MediaFile]:
    return list(db.session.scalars(
        sa.select(MediaFile).where(MediaFile.type == DOCUMENT).order_by(MediaFile.name)))


def choose_from_library(form: Any, file_id: str | None) -> bool:
    """Add the library's document ``file_id`` to the form; whether there was one to add."""
    media = _library_file(file_id)
    if media is None:
        return False
    form.documents.append_entry({"file_id": str(media.id), "name": media.name,
                                 SOURCE_LANGUAGE: {"title": Path(media.name).stem[:300]}})
    return True


def _library_file(file_id: Any) -> MediaFile | None:
    try:
        media = db.session.get(MediaFile, int(file_id))
    except (TypeError, ValueError):
        return None
    return media if media is not None and media.type == DOCUMENT else None


def set_choices(form: Any) -> None:
    """The library's documents to choose an accessible version (or one to attach) from."""
    if "documents" not in form or "library_document" not in form:
        return
    choices = [("", _("None"))] + [(str(media.id), media.name or media.key)
                                   for media in library_documents()]
    for entry in form.documents:
        entry.form.alternative_file.choices = choices
    form.library_document.choices = [("", _("Choose a document"))] + choices[1:]


# --- What the editor shows ---------------------------------------------------------------------


@dataclass
class Preview:
    name: str
    label: str  # "PDF, 240 KB"
    scanned: bool
    document: Document | None  # None: not saved yet
    file: MediaFile | None = None


def _resolve(entry: Any, existing: dict[int, Document]) -> tuple[Document | None, Any]:
    """The saved document of an entry, and the file it holds (a MediaFile or a processed one)."""
    sub = entry.form
    document = existing.get(as_int(sub.document_id.data))
    if document is not None:
        return document, document.file
    if "key" in sub and sub.key.data:
        return None, files.find(sub.key.data, current_app.config["MEDIA_ROOT"])
    if "file_id" in sub and sub.file_id.data:
        return None, _library_file(sub.file_id.data)
    return None, None


def previews(form: Any, item: Any) -> list[Preview | None]:
    existing = {doc.id: doc for doc in (item.documents if item is not None else [])}
    found: list[Preview | None] = []
    for entry in form.documents:
        document, held = _resolve(entry, existing)
        if held is None:
            found.append(None)
            continue
        sub = entry.form
        name = (sub.name.data if "name" in sub and sub.name.data else "") or \
            getattr(held, "name", "")
        found.append(Preview(name, labels.describe(held.format, held.size),
                             bool(held.scanned), document,
                             held if isinstance(held, MediaFile) else None))
    return found


def warnings(form: Any, item_id: Any) -> list[tuple[str, str]]:
    """(field id, message) for each document to publish that is a scan with no alternative."""
    if "documents" not in form:
        return []
    ids = [as_int(entry.form.document_id.data) for entry in form.documents]
    existing = {doc.id: doc for doc in db.session.scalars(
        sa.select(Document).where(Document.id.in_([i for i in ids if i is not None])))}
    found = []
    for number, entry in enumerate(form.documents, start=1):
        sub = entry.form
        if "remove" in sub and sub.remove.data:
            continue
        _document, held = _resolve(entry, existing)
        if held is None or not held.scanned:
            continue
        if "alternative_url" in sub and (sub.alternative_url.data or sub.alternative_file.data):
            continue
        found.append((sub[SOURCE_LANGUAGE].form.title.id if SOURCE_LANGUAGE in sub
                      else sub.document_id.id,
                      _("Document %(number)s is a scan: its pages are pictures with no text, so "
                        "screen readers cannot read it and it cannot be searched. Attach a "
                        "version with text, or give an accessible version (a page or a file).",
                        number=number)))
    return found


def check(form: Any) -> bool:
    """The documents' errors: a title in Polish, an accessible version's address that works."""
    if not form.source or "documents" not in form:
        return True
    valid = True
    for number, entry in enumerate(form.documents, start=1):
        sub = entry.form
        if sub.remove.data:
            continue
        title = sub[SOURCE_LANGUAGE].form.title
        if not title.data:
            title.errors.append(_("Document %(number)s: enter its title.", number=number))
            valid = False
        address = sub.alternative_url.data or ""
        if address and not _good_address(address):
            sub.alternative_url.errors.append(_(
                "Document %(number)s: enter the address of a page of this site starting with "
                "/, or a full address starting with https://.", number=number))
            valid = False
    return valid


def _good_address(address: str) -> bool:
    if any(char.isspace() for char in address) or "\\" in address:
        return False
    if address.startswith("/") and not address.startswith("//"):
        return True
    parts = urlsplit(address)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# --- Saving -----------------------------------------------------------------------------------


def apply(form: Any, item: Any, source: bool, change: Change) -> None:
    """Save the documents part of the form onto ``item``, through the content change."""
    kind = kind_named("document")
    existing = {doc.id: doc for doc in item.documents}
    position = 0
    for entry in form.documents:
        sub = entry.form
        document = existing.get(as_int(sub.document_id.data))
        if document is None:
            if not source or sub.remove.data:
                continue
            media = _file_to_attach(sub)
            if media is None:
                continue
            document = change.add(kind, Document(file=media, version=1, position=position,
                                                 alternative_url=""))
            item.documents.append(document)
        elif source and sub.remove.data:
            change.delete(kind, document)
            item.documents.remove(document)
            continue
        if source:
            alternative = _library_file(sub.alternative_file.data)
            change.set_fields(kind, document, {
                "position": position,
                "alternative_url": (sub.alternative_url.data or "").strip(),
                "alternative_file_id": alternative.id if alternative is not None else None,
            })
            if alternative is not None:
                document.alternative_file = alternative
            position += 1
        for lang in form.languages:
            title = sub[lang].form.title.data or ""
            if lang != SOURCE_LANGUAGE and not title:
                change.drop_language(kind, document, lang)
                continue
            change.write_texts(kind, document, lang, {"title": title})


def _file_to_attach(sub: Any) -> MediaFile | None:
    if sub.key.data:
        processed = files.find(sub.key.data, current_app.config["MEDIA_ROOT"])
        return library.remember_document(processed, sub.name.data or "") if processed else None
    return _library_file(sub.file_id.data)


def attach(change: Change, kind: Any, item: Any, media: MediaFile) -> Document:
    """Attach a library document to ``item`` (the library's "use" button), its title from the
    file's name, to be given properly in the item's editor."""
    documents = kind_named("document")
    document = change.add(documents, Document(file=media, version=1,
                                              position=len(item.documents), alternative_url=""))
    item.documents.append(document)
    change.write_texts(documents, document, SOURCE_LANGUAGE,
                       {"title": Path(media.name).stem[:300] or media.key})
    return document
