"""The media library (``/staff/media``): every photo and document uploaded, once.

The list is a staff list (:mod:`portal.staff.listing`): searched by file name, document titles
and photo descriptions, filtered by type, sorted by name, upload, type, size or number of uses,
paged in SQL; it shows each file's size and where it is used. From it a file is used again in
another article's gallery (a photo) or another article or page (a document): a new use, with its own
alternative text, caption or title, written through the item's :class:`~portal.service.Change`.
A file still used is never deleted: the refusal lists its uses. Deleting one for good removes
its files from MEDIA_ROOT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import InputRequired

from .. import audit
from ..awards.models import Award
from ..content import SOURCE_LANGUAGE
from ..editor.gallery import find_processed
from ..extensions import db
from ..forms import BaseForm
from ..images.models import Image
from ..kinds import kind_named
from ..service import Change
from ..staff.listing import Column, Listing
from . import editor, labels, library
from .models import DOCUMENT, IMAGE, Document, DocumentTranslation, MediaFile


class UseForm(BaseForm):
    target = SelectField(_l("Where to use it"), choices=[], validate_choice=True,
                         validators=[InputRequired(_l("Choose where to use the file."))])


class DeleteForm(BaseForm):
    """The confirmation's button: only the CSRF token to check."""


@dataclass
class Row:
    media: MediaFile
    uses: list[library.Use]
    label: str  # "PDF, 240 KB"
    preview: str | None  # a photo's small rendition
    type_label: str = ""  # "PDF", "Photo"
    size_label: str = ""  # "240 KB"


def _rows(found: list[MediaFile]) -> list[Row]:
    where = library.uses(found)
    rows = []
    for media in found:
        preview = None
        if media.type == IMAGE and (processed := find_processed(media.key)) is not None:
            widths = sorted(int(w) for w in processed.renditions)
            preview = processed.renditions[str(([w for w in widths if w <= 320]
                                                or widths[:1])[-1])]
        size = library.size_of(media)
        type_label = _("Photo") if media.type == IMAGE else labels.describe(media.format, None)
        rows.append(Row(media, where[media.id], labels.describe(media.format, size), preview,
                        type_label, labels.format_size(size)))
    return rows


def uses_count() -> sa.ColumnElement[int]:
    """How many times each file is used, in SQL (the list sorts by it): a photo in galleries
    and as a certificate, a document attached and as an accessible version."""
    photos = (sa.select(sa.func.count()).select_from(Image)
              .where(Image.key == MediaFile.key, MediaFile.type == IMAGE,
                     sa.or_(Image.article_id.is_not(None),
                            sa.exists().where(Award.certificate_image_id == Image.id)))
              .scalar_subquery())
    attached = (sa.select(sa.func.count()).select_from(Document)
                .where(sa.or_(Document.file_id == MediaFile.id,
                              Document.alternative_file_id == MediaFile.id))
                .scalar_subquery())
    return photos + attached


# The list's sortable columns: the newest upload first, by default.
COLUMNS = (
    Column("name", (MediaFile.name, MediaFile.key, MediaFile.id)),
    Column("type", (MediaFile.type, MediaFile.format, MediaFile.name, MediaFile.id)),
    Column("size", (sa.func.coalesce(MediaFile.size, 0), MediaFile.id)),
    Column("uses", (uses_count(), MediaFile.id)),
    Column("uploaded", (MediaFile.created_at, MediaFile.id), newest_first=True),
)


def media_list():
    type_ = request.args.get("type") if request.args.get("type") in (IMAGE, DOCUMENT) else ""
    listing = Listing("staff.media", COLUMNS, default="uploaded", keep={"type": type_})
    query = sa.select(MediaFile)
    if type_:
        query = query.where(MediaFile.type == type_)
    image_text = kind_named("image").translation_class
    titled = listing.search(sa.select(Document.file_id).join(DocumentTranslation),
                            DocumentTranslation.title)
    described = listing.search(sa.select(Image.key).join(Image.translations),
                               image_text.alt, image_text.caption)
    query = listing.search(query, MediaFile.name,
                           also=(MediaFile.id.in_(titled), MediaFile.key.in_(described)))
    pagination = listing.paginate(listing.order(query))
    return render_template("staff/library/list.html", heading=_("Media library"),
                           pagination=pagination, rows=_rows(pagination.items),
                           listing=listing, type=type_)


def _targets(media: MediaFile) -> list[tuple[str, str]]:
    """Where a file may be used: articles for a photo; articles and pages for a document."""
    names = ("article",) if media.type == IMAGE else ("article", "page")
    choices = []
    for name in names:
        kind = kind_named(name)
        items = db.session.scalars(sa.select(kind.model).where(kind.model.deleted_at.is_(None))
                                   .order_by(kind.model.id.desc())).all()
        for item in items:
            title = item.translations[SOURCE_LANGUAGE].title
            choices.append((f"{name}:{item.id}", f"{kind.label}: {title}"))
    return choices


def media_use(file_id: int):
    media = db.get_or_404(MediaFile, file_id)
    form = UseForm()
    form.target.choices = [("", _("Choose an article or a page"))] + _targets(media)
    if form.validate_on_submit() and form.target.data:
        name, _sep, item_id = form.target.data.partition(":")
        kind = kind_named(name)
        with Change() as change:
            item = change.load(kind, int(item_id))
            if item is None:
                abort(404)
            anchor = _use(change, kind, item, media)
            change.record(kind, item, "save", audit_as="media_use",
                          details={"file": media.id, "name": media.name})
        flash(_("The file is added to “%(title)s”. Describe it there, then save.",
                title=item.translations[SOURCE_LANGUAGE].title), "success")
        return redirect(url_for(kind.endpoint("edit"), item_id=item.id) + anchor)
    return render_template("staff/library/use.html", heading=_("Use a file again"), form=form,
                           row=_rows([media])[0])


def _use(change: Change, kind: Any, item: Any, media: MediaFile) -> str:
    if media.type == DOCUMENT:
        editor.attach(change, kind, item, media)
        return "#documents"
    processed = find_processed(media.key)
    if processed is None:
        abort(404)  # its files are gone
    images = kind_named("image")
    image = change.add(images, Image(key=processed.key, width=processed.width,
                                     height=processed.height, renditions=processed.renditions,
                                     decorative=False, version=1, position=len(item.images)))
    item.images.append(image)
    change.write_texts(images, image, SOURCE_LANGUAGE, {"alt": "", "caption": ""})
    return "#gallery"


def media_delete(file_id: int):
    media = db.get_or_404(MediaFile, file_id)
    row = _rows([media])[0]
    form = DeleteForm()
    if row.uses:
        return render_template("staff/library/delete.html", heading=_("Delete a file"),
                               form=form, row=row), 409 if request.method == "POST" else 200
    if form.validate_on_submit():
        name = media.name or media.key
        audit.record("media_delete", media, name=name, type=media.type)
        gone = (media.type, media.key, media.path)
        db.session.delete(media)
        db.session.commit()
        library.delete_files(*gone)  # after the commit: a failed one leaves the files
        flash(_("“%(name)s” is deleted for good.", name=name), "success")
        return redirect(url_for("staff.media"))
    return render_template("staff/library/delete.html", heading=_("Delete a file"), form=form,
                           row=row)
