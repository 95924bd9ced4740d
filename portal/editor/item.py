"""An item as the editor sees it: loaded for its form, the form's class, the fields' labels."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from flask import abort
from flask_babel import gettext as _

from .. import i18n
from ..extensions import db
from ..kinds import Kind
from ..revisions import Revision
from ..service import Change
from ..slugs import make_slug, slug_taken, unique_slug
from . import gallery
from .forms import LanguageSection, build_form, centre_timezone


class Loaded:
    """An item as the edit form reads it: each language's row, the photos, the schedule, the
    end of publication (dates and times in the centre's time zone)."""

    def __init__(self, item: Any, revision: int) -> None:
        self._item = item
        self.revision = revision
        self.draft = ""
        self.publish_date, self.publish_time = _local(item.published_at)
        self.expiry_date, self.expiry_time = _local(item.expires_at)

    def __getattr__(self, name: str) -> Any:
        item = self.__dict__["_item"]
        if name in i18n.enabled():
            return item.translations.get(name)
        if name == "images":
            return [_LoadedPhoto(image, n) for n, image in enumerate(item.images, start=1)]
        if name == "documents":
            return [_LoadedDocument(document) for document in item.documents]
        if name == "certificate":
            image = item.certificate_image
            return _LoadedPhoto(image, 1) if image is not None else None
        return getattr(item, name)


def _local(moment: datetime | None) -> tuple[date | None, time | None]:
    if moment is None:
        return None, None
    local = moment.astimezone(centre_timezone())
    return local.date(), local.time().replace(second=0, microsecond=0)


class _LoadedPhoto:
    def __init__(self, image: Any, position: int) -> None:
        self.image_id = image.id
        self.position = position
        self.decorative = image.decorative
        self._image = image

    def __getattr__(self, name: str) -> Any:
        return self.__dict__["_image"].translations.get(name)


class _LoadedDocument:
    def __init__(self, document: Any) -> None:
        self.document_id = document.id
        self.alternative_url = document.alternative_url
        self.alternative_file = str(document.alternative_file_id or "")
        self._document = document

    def __getattr__(self, name: str) -> Any:
        return self.__dict__["_document"].translations.get(name)


def labels(kind: Kind) -> dict[str, str]:
    """Field names to the labels a person knows them by (the history, the warnings)."""
    found = {
        "slug": _("Web address"),
        "published_at": _("Publication date"),
        "expires_at": _("End of publication"),
        "review_due_on": _("Check the content by"),
        "deleted_at": _("Moved to the trash"),
        "alt": _("Alternative text"),
        "caption": _("Caption"),
        "decorative": _("Decorative"),
        "image_added": _("Photo added"),
        "image_removed": _("Photo removed"),
        "document_added": _("Document added"),
        "document_removed": _("Document removed"),
        "document_title": _("Document title"),
    }
    for spec in kind.fields:
        found[spec.name] = str(spec.label)
    if kind.neutral is not None:
        for name in kind.neutral_fields:
            found[name] = str(getattr(kind.neutral, name).args[0])
    return found


def form_class(kind: Kind, source: bool, languages: tuple[str, ...] | None = None) -> type:
    return build_form(kind.neutral, kind.section, languages or i18n.enabled(), source,
                      kind.gallery, kind.certificate, kind.documents)


def load(kind: Kind, item_id: int, change: Change | None = None) -> Any:
    item = change.load(kind, item_id) if change else db.session.get(kind.model, item_id)
    if item is None:
        abort(404)
    return item


def latest(kind: Kind, item: Any) -> int:
    return Revision.latest_number(kind.name, item.id)


def apply(kind: Kind, form: Any, item: Any, source: bool, slugs: dict[str, str],
          change: Change) -> None:
    """Copy the form onto the item through ``change``."""
    if source:
        change.set_fields(kind, item, {name: form[name].data for name in kind.neutral_fields})
        change.set_expiry(kind, item, form.expiry_for(item))
        change.set_review_date(kind, item, form.review_due_on.data)
    for section in form.sections():
        _apply_section(kind, item, section, slugs.get(section.lang, ""), change)
    if kind.gallery:
        gallery.apply(form, item, source, change)
    if kind.certificate:
        gallery.apply_certificate(form, item, source, change)
    if kind.documents:
        from ..documents import editor as documents

        documents.apply(form, item, source, change)


def _apply_section(kind: Kind, item: Any, section: LanguageSection, slug: str,
                   change: Change) -> None:
    if not section.is_source and not section.has_content():
        change.drop_language(kind, item, section.lang)
        return
    values = {name: section[name].data or "" for name in kind.field_names}
    up_to_date = not section.is_source and bool(section.up_to_date.data)
    change.write_texts(kind, item, section.lang, values, slug=slug, up_to_date=up_to_date)


def finish_slugs(kind: Kind, form: Any, item: Any) -> dict[str, str] | None:
    """Each language's slug: typed (cleaned) or from the title, unique in its language.

    The slugs are not written back into the form: a form that comes back with an error keeps
    what the person typed, so a slug made from a title they have yet to fix never sticks.
    """
    slugs: dict[str, str] | None = {}
    for section in form.sections():
        if not section.is_source and not section.has_content():
            continue
        typed = make_slug(section.slug.data or "")
        if not typed:
            slug = unique_slug(kind, section.lang, section.title.data or "", item.id)
        elif slug_taken(kind, section.lang, typed, item.id):
            section.slug.errors = [
                *section.slug.errors,
                _("Another item in this language already has this web address. "
                  "Choose a different one."),
            ]
            slugs = None
            continue
        else:
            slug = typed
        if slugs is not None:
            slugs[section.lang] = slug
    return slugs
