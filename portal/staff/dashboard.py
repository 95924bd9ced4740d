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
    translation_state,
)
from ..extensions import db
from ..forms import BaseForm
from ..i18n import language_label
from ..kinds import Kind, edited
from ..revisions import Revision
from . import bulk
from .listing import Column, Listing, folded


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

    @property
    def key(self) -> str:
        """How a bulk action names the item: "article:12"."""
        return f"{self.editor.name}:{self.item.id}"


# The order the status column sorts in: as an item goes through its life.
STATUS_ORDER = ("draft", "scheduled", "published", "expired", "trash")


def _status(model: Any, now: datetime) -> sa.ColumnElement[str]:
    """The item's state (``editor.states.status_of``) computed in SQL."""
    return sa.case(
        (model.deleted_at.is_not(None), "trash"),
        (model.published_at.is_(None), "draft"),
        (sa.and_(model.expires_at.is_not(None), model.expires_at <= now), "expired"),
        (model.published_at > now, "scheduled"),
        else_="published",
    )


def _kind_query(editor: Kind, rank: int, form: DashboardFilterForm, listing: Listing,
                now: datetime) -> sa.Select:
    """One kind's rows: what the union of every kind's rows needs to filter, sort and page."""
    model, translation = editor.model, editor.translation_class
    source = sa.orm.aliased(translation)
    query = (
        sa.select(
            sa.literal(editor.name, sa.String).label("kind"),
            sa.literal(rank, sa.Integer).label("kind_rank"),
            model.id.label("id"),
            source.title.label("title"),
            _status(model, now).label("status"),
            model.updated_at.label("updated_at"),
        )
        .join(source, sa.and_(source.parent_id == model.id, source.locale == SOURCE_LANGUAGE))
    )
    if form.translation.data and ":" in form.translation.data:
        state, lang = form.translation.data.split(":", 1)
        other = sa.orm.aliased(translation)
        exists = sa.exists().where(other.parent_id == model.id, other.locale == lang)
        if state == "outdated":
            exists = exists.where(other.source_version < model.version)
        elif state == "current":
            exists = exists.where(other.source_version >= model.version)
        query = query.where(~exists if state == "missing" else exists)
    return listing.search(query, source.title)


def _status_rank(columns: Any) -> sa.ColumnElement[int]:
    return sa.case({code: n for n, code in enumerate(STATUS_ORDER)}, value=columns.status)


# The dashboard's sortable columns, over the union of every kind's rows (``rows``).
COLUMNS = (
    Column("title", (lambda c: folded(c.title), "kind_rank", "id")),
    Column("kind", ("kind_rank", "updated_at", "id")),
    Column("status", (_status_rank, "updated_at", "kind_rank", "id")),
    Column("updated", ("updated_at", "kind_rank", "id"), newest_first=True),
)


def listing_of(form: DashboardFilterForm) -> Listing:
    filters = {"kind": form.kind.data, "status": form.status.data,
               "translation": form.translation.data}
    return Listing("staff.dashboard", COLUMNS, default="updated", keep=filters)


def rows(form: DashboardFilterForm, listing: Listing):
    """One page of the content the filters and the search keep, in the chosen order.

    Filtering, sorting and cutting the page are done in SQL, over a union of every kind's rows;
    then the page's items are loaded, a query per kind (with their translations and latest
    revisions), so a page costs the same number of queries whatever there is in all.
    """
    now = utcnow()
    wanted = [(rank, editor) for rank, editor in enumerate(edited())
              if not form.kind.data or form.kind.data == editor.name]
    content = sa.union_all(*[_kind_query(editor, rank, form, listing, now)
                             for rank, editor in wanted]).subquery("content")
    query = sa.select(content)
    if form.status.data:
        query = query.where(content.c.status == form.status.data)
    else:
        query = query.where(content.c.status != "trash")
    pagination = listing.paginate(listing.order(query, content.c), rows=True)

    by_kind: dict[str, list[int]] = {}
    for row in pagination.items:
        by_kind.setdefault(row.kind, []).append(row.id)
    languages = [code for code in i18n.enabled() if code != SOURCE_LANGUAGE]
    items, latest = {}, {}
    for editor in edited():
        ids = by_kind.get(editor.name)
        if not ids:
            continue
        model = editor.model
        for item in db.session.scalars(sa.select(model).where(model.id.in_(ids))):
            items[editor.name, item.id] = item
        for item_id, revision in Revision.latest_by_item(editor.name, ids).items():
            latest[editor.name, item_id] = revision
    editors = {editor.name: editor for editor in edited()}
    drafts, reviews = Draft.every(), review.every()  # a query each: there are few of them
    found: list[DashboardRow] = []
    for row in pagination.items:
        item = items.get((row.kind, row.id))
        if item is None:
            continue
        revision = latest.get((row.kind, row.id))
        found.append(DashboardRow(
            editor=editors[row.kind],
            item=item,
            title=row.title,
            status=row.status,
            updated_at=max(item.updated_at, revision.created_at) if revision
            else item.updated_at,
            updated_by=revision.user if revision else None,
            translations=[(code, translation_state(item, code)) for code in languages],
            draft=drafts.get((row.kind, row.id)),
            review=reviews.get((row.kind, row.id)),
        ))
    return pagination, found


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
    listing = listing_of(form)
    pagination, found = rows(form, listing)
    return render_template(
        "staff/dashboard.html",
        heading=_("Dashboard"),
        form=form,
        rows=found,
        pagination=pagination,
        listing=listing,
        bulk_actions=bulk.offered(form.status.data == "trash"),
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
