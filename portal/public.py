"""The readers' side: the ``public`` blueprint under ``/<lang>/`` and the language entry points.

What every readers' page shares (language in the URL, caching rules, showing an item in a
language it may lack) lives here. Content packages add their readers' pages with
:func:`add_page` from their ``init_app``: the pages join the ``public`` name space
(``public.article``), so these rules apply to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from . import i18n, page_cache, previews
from .content import SOURCE_LANGUAGE
from .extensions import db
from .kinds import kind_of

bp = Blueprint("public", __name__, url_prefix="/<lang:lang>")
root = Blueprint("root", __name__)

bp.url_value_preprocessor(i18n.pull_lang)
bp.url_defaults(i18n.add_lang)


@bp.before_request
def limit_query_string() -> None:
    if len(request.query_string) > current_app.config["MAX_QUERY_STRING"]:
        abort(400)


@bp.after_request
def cacheable(response):
    """Readers' pages carry no cookie, an ETag (a hash of the body), a Last-Modified and a
    Cache-Control that lets browsers keep them but ask again each time (a 304 when unchanged),
    so a change is seen at once. The page cache keeps them first (``page_cache.keep``)."""
    if (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.headers.get("Set-Cookie")
        and not response.cache_control.no_store  # a draft's document, for staff only
    ):
        response.cache_control.public = True
        response.cache_control.no_cache = True
        response.vary.add("Cookie")
        response.add_etag()  # a kept page has its own already
        if response.last_modified is None:
            response.last_modified = page_cache.last_modified()
        page_cache.keep(response)
        response.make_conditional(request)
    return response


def add_page(app: Flask, rule: str, view: Callable, name: str | None = None) -> None:
    """Add a content package's readers' page at ``/<lang><rule>``, endpoint ``public.<name>``."""
    app.add_url_rule(bp.url_prefix + rule, endpoint=f"public.{name or view.__name__}",
                     view_func=view, methods=["GET"])


@dataclass(frozen=True)
class Outdated:
    """A translation older than its Polish text: when the Polish changed, and where to read it."""

    since: datetime
    source_url: str


def source_changed_at(item: Any, kind_name: str | None = None) -> datetime:
    """When the Polish text of ``item`` became what it is now (its current ``version``).

    The first revision at that version says so; an item without such a revision (one that
    predates revisions, or a kind without history) has its Polish row's last change instead.
    """
    from .revisions import Revision  # imported late: revisions import the staff side

    since = None
    if kind_name is not None:
        since = db.session.scalar(
            sa.select(sa.func.min(Revision.created_at)).where(
                Revision.content_type == kind_name, Revision.item_id == item.id,
                Revision.version == item.version)
        )
    return since or item.translations[SOURCE_LANGUAGE].updated_at


def outdated(item: Any, lang: str, source_url: str, kind_name: str | None) -> Outdated | None:
    """What the outdated notice says, when ``lang``'s translation is older than the Polish."""
    if not item.is_outdated(lang):
        return None
    return Outdated(since=source_changed_at(item, kind_name), source_url=source_url)


def show_item(item: Any, slug: str, endpoint: str, template: str, **context: Any):
    """Render an item in the page's language, or its Polish text with a notice.

    Anything a reader may not see (drafts, scheduled, trashed) is a 404. A slug from another
    language leads to this language's own address for the item. A translation older than the
    Polish text says so, with the day the Polish changed and a link to it (``outdated``).
    """
    if item is None or not item.is_visible():
        abort(404)
    loc = item.localized(g.lang)
    if loc.text.slug != slug:
        return redirect(url_for(endpoint, slug=loc.text.slug), 301)
    i18n.set_item_alternates(item, endpoint)
    if loc.is_fallback:
        g.canonical_lang = SOURCE_LANGUAGE
    source_url = url_for(endpoint, lang=SOURCE_LANGUAGE,
                         slug=item.translations[SOURCE_LANGUAGE].slug)
    notice = outdated(item, g.lang, source_url, _kind_name(item))
    context = {**previews.for_item(item, loc, endpoint), **context}
    return render_template(
        template, item=item, loc=loc, heading=loc.text.title, heading_lang=loc.lang,
        outdated=notice, **context
    )


def _kind_name(item: Any) -> str | None:
    kind = kind_of(item)
    return kind.name if kind is not None and kind.revisions else None


@root.get("/")
def index():
    response = redirect(url_for("public.home", lang=i18n.negotiate()), 302)
    response.vary.update(["Cookie", "Accept-Language"])
    response.cache_control.no_store = True
    return response


@root.get("/language/<lang:code>")
def set_language(code: str):
    """Remember the reader's choice of language (a preference cookie) and go to the page."""
    target = i18n.safe_next(request.args.get("next"), url_for("public.home", lang=code))
    response = redirect(target, 303)
    response.set_cookie(
        i18n.LANGUAGE_COOKIE,
        code,
        max_age=i18n.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure,
        httponly=True,
    )
    return response
