"""The media library (``/staff/media``): every photo and document uploaded, once.

The list is searched by file name and titles, filtered by type, paged with the staff lists'
macro, and shows each file's size and where it is used. From it a file is used again in another
article's gallery (a photo) or another article or page (a document): a new use, with its own
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
from ..content import SOURCE_LANGUAGE
from ..editor.gallery import find_processed
from ..extensions import db
from ..forms import BaseForm
from ..images.models import Image
from ..kinds import kind_named
from ..service import Change
from . import editor, labels, library
from .models import DOCUMENT, IMAGE, Document, DocumentTranslation, MediaFile

PER_PAGE = 20


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


def _rows(found: list[MediaFile]) -> list[Row]:
    where = library.uses(found)
    rows = []
    for media in found:
        preview = None
        if media.type == IMAGE and (processed := find_processed(media.key)) is not None:
            widths = sorted(int(w) for w in processed.renditions)
            preview = processed.renditions[str(([w for w in widths if w <= 320]
                                                or widths[:1])[-1])]
        rows.append(Row(media, where[media.id], labels.describe(media.format,
                                                                library.size_of(media)), preview))
    return rows


def media_list():
    q = (request.args.get("q") or "").strip()[:100]
    type_ = request.args.get("type") if request.args.get("type") in (IMAGE, DOCUMENT) else ""
    query = sa.select(MediaFile)
    if type_:
        query = query.where(MediaFile.type == type_)
    if q:
        pattern = f"%{q.lower()}%"
        titled = sa.select(Document.file_id).join(DocumentTranslation).where(
            sa.func.lower(DocumentTranslation.title).like(pattern))
        described = sa.select(Image.key).join(Image.translations).where(sa.or_(
            sa.func.lower(kind_named("image").translation_class.alt).like(pattern),
            sa.func.lower(kind_named("image").translation_class.caption).like(pattern)))
        query = query.where(sa.or_(sa.func.lower(MediaFile.name).like(pattern),
                                   MediaFile.id.in_(titled), MediaFile.key.in_(described)))
    query = query.order_by(MediaFile.created_at.desc(), MediaFile.id.desc())
    pagination = db.paginate(query, per_page=PER_PAGE, max_per_page=PER_PAGE)
    args = {name: value for name, value in (("q", q), ("type", type_)) if value}
    return render_template("staff/library/list.html", heading=_("Media library"),
                           pagination=pagination, rows=_rows(pagination.items), q=q,
                           type=type_, args=args)


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
