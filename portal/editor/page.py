"""The editor's page for one item: its form, state, photos, warnings and conflicts."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_babel import gettext as _

from ..content import SOURCE_LANGUAGE
from ..documents import editor as documents
from ..i18n import language_label
from ..kinds import Kind
from ..revisions import Revision
from . import autosave, drafts, gallery, history, review
from .item import labels, latest
from .states import (
    PUBLICATION_LABELS,
    REVIEW_LABELS,
    TRANSLATION_LABELS,
    can_edit_source,
    can_publish,
    is_live,
    status_of,
    translation_state,
)


def render(kind: Kind, item: Any, form: Any, new: bool, conflict: Any = None,
           translating: str | None = None, warnings: list | None = None,
           warned: str | None = None):
    newest = None if new else Revision.get(kind.name, item.id, latest(kind, item))
    if translating:
        heading = _("Translation: %(language)s", language=language_label(translating))
    else:
        heading = str(kind.headings["new" if new else "edit"])
    changes = {
        lang: history.source_changes(kind, item, lang)
        for lang in form.languages
        if not new and lang != SOURCE_LANGUAGE
    }
    if kind.documents:
        documents.set_choices(form)
    return render_template(
        "staff/content/edit.html",
        heading=heading,
        translating=translating,
        source_changes=changes,
        kind=kind,
        item=None if new else item,
        form=form,
        conflict=conflict,
        warnings=warnings or [],
        warned=warned,
        labels=labels(kind),
        source=can_edit_source() and not translating,
        latest=newest,
        status=None if new else status_of(item),
        status_labels=PUBLICATION_LABELS,
        translation_labels=TRANSLATION_LABELS,
        translation_state=translation_state,
        photos=gallery.previews(form, None if new else item) if kind.gallery else [],
        certificate=(gallery.certificate_preview(form, None if new else item)
                     if kind.certificate else None),
        documents=documents.previews(form, None if new else item) if kind.documents else [],
        live=not new and is_live(item),
        draft=(drafts.state(kind, item) if not new and can_edit_source() and is_live(item)
               else None),
        review=review.editor_state(kind, None if new else item),
        review_labels=REVIEW_LABELS,
        can_publish=can_publish(),
        autosaved=(None if request.args.get("autosaved")
                   else autosave.offer(kind, 0 if new else item.id, translating)),
    )
