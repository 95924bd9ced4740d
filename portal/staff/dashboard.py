"""The dashboard: all content with its status, last change and translation state, filtered, and
for editors the content due for review (its review date has passed or is near)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField

from .. import i18n
from ..accessibility.editor import dashboard_reminder
from ..content import SOURCE_LANGUAGE, utcnow
from ..editor import review
from ..editor.drafts import Draft
from ..editor.forms import ActionForm, centre_today
from ..editor.states import (
    PUBLICATION_LABELS,
    REVIEW_LABELS,
    TRANSLATION_LABELS,
    can_edit_source,
    status_of,
    translation_state,
)
from ..extensions import db
from ..forms import BaseForm
from ..i18n import language_label
from ..kinds import Kind, edited
from ..revisions import Revision


class DashboardFilterForm(BaseForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), default="")
    status = SelectField(_l("Status"), default="")
    translation = SelectField(_l("Translation"), default="")
    q = SearchField(_l("Title contains"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _("All kinds"))] + [
            (kind.name, str(kind.headings["many"])) for kind in edited()
        ]
        self.status.choices = [("", _("Any status (not in the trash)"))] + [
            (code, str(label)) for code, label in PUBLICATION_LABELS.items()
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
class DashboardRow:
    editor: Kind
    item: Any
    title: str
    status: str
    updated_at: datetime
    updated_by: Any
    translations: list[tuple[str, str]]  # (language, state)
    draft: Any = None  # a live item's working draft
    review: Any = None  # where its review stands ("submitted", "returned", "unreviewed")


def rows(form: DashboardFilterForm) -> list[DashboardRow]:
    now = utcnow()
    languages = [code for code in i18n.enabled() if code != SOURCE_LANGUAGE]
    found: list[DashboardRow] = []
    drafts, reviews = Draft.every(), review.every()
    for editor in edited():
        if form.kind.data and form.kind.data != editor.name:
            continue
        latest = Revision.latest_by_item(editor.name)
        for item in db.session.scalars(sa.select(editor.model)):
            revision = latest.get(item.id)
            found.append(
                DashboardRow(
                    editor=editor,
                    item=item,
                    title=item.translations[SOURCE_LANGUAGE].title,
                    status=status_of(item, now),
                    updated_at=max(item.updated_at, revision.created_at)
                    if revision
                    else item.updated_at,
                    updated_by=revision.user if revision else None,
                    translations=[(code, translation_state(item, code)) for code in languages],
                    draft=drafts.get((editor.name, item.id)),
                    review=reviews.get((editor.name, item.id)),
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


# How long before its review date an item joins the list of content due for review.
REVIEW_NOTICE = timedelta(days=30)


@dataclass
class ReviewDue:
    editor: Kind
    item: Any
    title: str
    due_on: date
    days_left: int  # below zero: overdue by that many days


def due_for_review(today: date | None = None) -> list[ReviewDue]:
    """The items to check again (review date passed or within 30 days), the most urgent first."""
    today = today or centre_today()
    found: list[ReviewDue] = []
    for editor in edited():
        model = editor.model
        due = model.review_due(today + REVIEW_NOTICE)
        for item in db.session.scalars(sa.select(model).where(due)):
            found.append(ReviewDue(editor=editor, item=item,
                                   title=item.translations[SOURCE_LANGUAGE].title,
                                   due_on=item.review_due_on,
                                   days_left=(item.review_due_on - today).days))
    return sorted(found, key=lambda due: (due.due_on, due.title))


def overview():
    form = DashboardFilterForm(request.args)
    if not form.validate():
        form = DashboardFilterForm()
    return render_template(
        "staff/dashboard.html",
        heading=_("Dashboard"),
        form=form,
        rows=rows(form),
        editors=edited(),
        status_labels=PUBLICATION_LABELS,
        translation_labels=TRANSLATION_LABELS,
        language_label=language_label,
        can_edit_source=can_edit_source(),
        review_due=due_for_review() if can_edit_source() else [],
        action_form=ActionForm(),
        statement_review=dashboard_reminder(),
        waiting=review.waiting_for_me(),
        review_labels=REVIEW_LABELS,
    )
