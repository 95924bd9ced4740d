"""The search pages: readers' ``/<lang>/search?q=`` and staff's ``/staff/search``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy.orm import joinedload
from wtforms import SearchField, SelectField

from ..content import SOURCE_LANGUAGE, nothing_else, utcnow
from ..documents import labels
from ..editor.states import PUBLICATION_LABELS, editor_url
from ..extensions import db
from ..forms import BaseForm
from ..kinds import kind_named
from . import engine, text
from .index import DOCUMENT, IMAGE, OWNED, searched_kinds
from .snippets import highlight, snippet

MAX_PAGE = 1000


@dataclass
class Shown:
    """A hit as a results page shows it."""

    url: str
    title: Markup
    snippet: Markup
    kind_label: str
    lang: str  # of the text shown
    fallback: bool  # in Polish, for want of the reader's language
    published_at: datetime | None = None
    status: str | None = None  # staff: the item's publication state
    in_item: str | None = None  # a photo: the title of the article or award showing it
    in_url: str | None = None  # a document: the page of the article or page it belongs to
    file_label: str | None = None  # a document: "PDF, 240 KB"


def _page() -> int:
    page = request.args.get("page", 1, type=int) or 1
    return min(max(page, 1), MAX_PAGE)


def _load(hits: list[engine.Hit]) -> dict[tuple[str, int], Any]:
    """The items the hits are of (for a photo, its article or award; for a document, itself
    and its article or page), with their texts: a query per kind."""
    wanted: dict[str, set[int]] = {}
    for hit in hits:
        if hit.kind in OWNED and hit.owner_kind:
            wanted.setdefault(hit.owner_kind, set()).add(hit.owner_id)
        if hit.kind != IMAGE:
            wanted.setdefault(hit.kind, set()).add(hit.item_id)
    found = {}
    for name, ids in wanted.items():
        kind = kind_named(name)
        if kind is None:
            continue
        shown = (kind.model.shown_options() if name == DOCUMENT
                 else (joinedload(kind.model.translations), nothing_else()))
        query = sa.select(kind.model).where(kind.model.id.in_(ids)).options(*shown)
        for item in db.session.scalars(query).unique():
            found[(name, item.id)] = item
    return found


def _present(hit: engine.Hit, items: dict, query: text.Query, lang: str) -> Shown | None:
    kind = kind_named(hit.kind)
    if kind is None:
        return None
    title = highlight(hit.title, query, hit.lang)
    found = snippet(hit.text, query, hit.lang)
    if hit.kind == IMAGE:
        owner_kind = kind_named(hit.owner_kind)
        owner = items.get((hit.owner_kind, hit.owner_id))
        if owner is None or owner_kind is None:
            return None
        loc = owner.localized(lang)
        return Shown(url_for(owner_kind.public_endpoint, lang=lang, slug=loc.text.slug),
                     title or escape(_("Photo")), found, str(kind.label), hit.lang,
                     hit.lang != lang, in_item=loc.text.title)
    if hit.kind == DOCUMENT:
        return _present_document(hit, items, title, found, lang)
    item = items.get((hit.kind, hit.item_id))
    if item is None:
        return None
    loc = item.localized(lang)
    return Shown(url_for(kind.public_endpoint, lang=lang, slug=loc.text.slug), title, found,
                 str(kind.label), hit.lang, hit.lang != lang,
                 published_at=item.published_at if hit.kind == "article" else None)


def _present_document(hit: engine.Hit, items: dict, title: Markup, found: Markup,
                      lang: str) -> Shown | None:
    """A document: its title, type and size, linked to its download, in its article or page."""
    document = items.get((DOCUMENT, hit.item_id))
    owner_kind = kind_named(hit.owner_kind)
    owner = items.get((hit.owner_kind, hit.owner_id))
    if document is None or owner is None or owner_kind is None or document.file is None:
        return None
    loc = owner.localized(lang)
    return Shown(url_for("public.document", lang=lang, document_id=document.id),
                 title or escape(document.file.name), found,
                 str(kind_named(DOCUMENT).label), hit.lang, hit.lang != lang,
                 in_item=loc.text.title,
                 in_url=url_for(owner_kind.public_endpoint, lang=lang, slug=loc.text.slug),
                 file_label=labels.describe(document.file.format, document.file.size))


def search():
    """The readers' search: what was typed, the hits (ranked, marked), their number, pages."""
    raw = request.args.get("q", "")
    typed = text.clean(raw)
    results = engine.find(raw, g.lang, page=_page(),
                          per_page=current_app.config["SEARCH_PER_PAGE"])
    items = _load(results.hits)
    shown = [s for hit in results.hits if (s := _present(hit, items, results.query, g.lang))]
    return render_template("search/results.html", heading=_("Search"), q=typed,
                           results=results, shown=shown,
                           description=_("Search the website of %(site)s.",
                                         site=current_app.jinja_env.globals["site_name"]()))


# --- Staff ----------------------------------------------------------------------------------


class StaffSearchForm(BaseForm):
    class Meta:
        csrf = False

    q = SearchField(_l("Words to find"))
    kind = SelectField(_l("Kind"), default="")
    status = SelectField(_l("Status"), default="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _("All kinds"))] + [
            (kind.name, str(kind.plural_label)) for kind in searched_kinds()]
        self.status.choices = [("", _("Any status (not in the trash)"))] + [
            (code, str(label)) for code, label in PUBLICATION_LABELS.items()]


def status_of(hit: engine.Hit, now: datetime) -> str:
    if hit.deleted_at is not None:
        return "trash"
    if hit.published_at is None:
        return "draft"
    if hit.published_at > now:
        return "scheduled"
    return "expired" if hit.expires_at is not None and hit.expires_at <= now else "published"


def staff_search(q: str, *, kinds: list[str] | None = None, statuses: list[str] | None = None,
                 page: int = 1, per_page: int = 20, lang: str | None = None) -> engine.Results:
    """The staff's search over every state (drafts included), each item once; for the
    dashboard and the staff search page. ``statuses`` as the dashboard names them ("draft",
    "scheduled", "published", "expired", "trash"); none: all but the trash."""
    return engine.find(q, lang or g.get("lang") or "pl", staff=True, kinds=kinds,
                       statuses=statuses, page=page, per_page=per_page)


def staff_page():
    form = StaffSearchForm(request.args)
    form.validate()
    kind = form.kind.data if form.kind.data in dict(form.kind.choices) else ""
    status = form.status.data if form.status.data in engine.STATUSES else ""
    results = staff_search(form.q.data or "", kinds=[kind] if kind else None,
                           statuses=[status] if status else None, page=_page())
    now = utcnow()
    items = _load([hit for hit in results.hits if hit.kind == DOCUMENT])
    shown = []
    for hit in results.hits:
        found = kind_named(hit.kind)
        url = editor_url(hit.kind, hit.item_id, "pl")
        if found is None or url is None:
            continue
        one = Shown(url, highlight(hit.title, results.query, hit.lang) or escape(_("Photo")),
                    snippet(hit.text, results.query, hit.lang), str(found.label), hit.lang,
                    False, status=str(PUBLICATION_LABELS[status_of(hit, now)]))
        document = items.get((DOCUMENT, hit.item_id))
        owner = items.get((hit.owner_kind, hit.owner_id))
        if hit.kind == DOCUMENT and document is not None and owner is not None:
            one.in_item = owner.localized(SOURCE_LANGUAGE).text.title
            one.file_label = labels.describe(document.file.format, document.file.size)
        shown.append(one)
    args = {"q": form.q.data or "", "kind": kind, "status": status}
    return render_template("staff/search.html", heading=_("Search the content"), form=form,
                           results=results, shown=shown, args=args)
