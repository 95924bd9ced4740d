"""The dashboard: all content with its status, last change and translation state, filtered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField

from .. import i18n
from ..content import SOURCE_LANGUAGE, utcnow
from ..extensions import db
from ..forms import BaseForm
from .content_forms import ActionForm, language_label
from .editing import (
    EDITORS_BY_NAME,
    STATUS_LABELS,
    TRANSLATION_LABELS,
    ContentEditor,
    can_edit_source,
    status_of,
    translation_state,
)
from .revisions import Revision


class FilterForm(BaseForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), default="")
    status = SelectField(_l("Status"), default="")
    translation = SelectField(_l("Translation"), default="")
    q = SearchField(_l("Title contains"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editors = sorted(EDITORS_BY_NAME.values(), key=lambda e: e.order)
        self.kind.choices = [("", _("All kinds"))] + [
            (e.name, str(e.headings["many"])) for e in editors
        ]
        self.status.choices = [("", _("Any status (not in the trash)"))] + [
            (code, str(label)) for code, label in STATUS_LABELS.items()
        ]
        self.translation.choices = [("", _("Any"))]
        for lang in i18n.enabled():
            if lang == SOURCE_LANGUAGE:
                continue
            name = language_label(lang)
            self.translation.choices += [
                (f"missing:{lang}", _("%(language)s: missing", language=name)),
                (f"outdated:{lang}", _("%(language)s: outdated", language=name)),
                (f"current:{lang}", _("%(language)s: up to date", language=name)),
            ]


@dataclass
class Row:
    editor: ContentEditor
    item: Any
    title: str
    status: str
    updated_at: datetime
    updated_by: Any
    translations: list[tuple[str, str]]  # (language, state)


def rows(form: FilterForm) -> list[Row]:
    now = utcnow()
    languages = [code for code in i18n.enabled() if code != SOURCE_LANGUAGE]
    found: list[Row] = []
    for editor in sorted(EDITORS_BY_NAME.values(), key=lambda e: e.order):
        if form.kind.data and form.kind.data != editor.name:
            continue
        latest = Revision.latest_by_item(editor.name)
        for item in db.session.scalars(sa.select(editor.model)):
            revision = latest.get(item.id)
            found.append(
                Row(
                    editor=editor,
                    item=item,
                    title=item.translations[SOURCE_LANGUAGE].title,
                    status=status_of(item, now),
                    updated_at=max(item.updated_at, revision.created_at)
                    if revision
                    else item.updated_at,
                    updated_by=revision.user if revision else None,
                    translations=[(code, translation_state(item, code)) for code in languages],
                )
            )
    wanted_status = form.status.data
    found = [
        r for r in found if r.status == wanted_status or (not wanted_status and r.status != "trash")
    ]
    if form.translation.data and ":" in form.translation.data:
        state, lang = form.translation.data.split(":", 1)
        found = [r for r in found if (lang, state) in r.translations]
    if form.q.data:
        needle = form.q.data.casefold()
        found = [r for r in found if needle in r.title.casefold()]
    return sorted(found, key=lambda r: r.updated_at, reverse=True)


def dashboard_reminder():
    """The accessibility statement's yearly review, if the person looking should be reminded."""
    from ..accessibility.staff import dashboard_reminder as reminder

    return reminder()


def overview():
    form = FilterForm(request.args)
    if not form.validate():
        form = FilterForm()
    return render_template(
        "staff/dashboard.html",
        heading=_("Dashboard"),
        form=form,
        rows=rows(form),
        editors=sorted(EDITORS_BY_NAME.values(), key=lambda e: e.order),
        status_labels=STATUS_LABELS,
        translation_labels=TRANSLATION_LABELS,
        language_label=language_label,
        can_edit_source=can_edit_source(),
        action_form=ActionForm(),
        statement_review=dashboard_reminder(),
    )
