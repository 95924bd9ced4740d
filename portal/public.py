"""The readers' side: the ``public`` blueprint under ``/<lang>/`` and the language entry points.

What every readers' page shares (language in the URL, caching rules, showing an item in a
language it may lack) lives here. Content packages add their readers' pages with
:func:`add_page` from their ``init_app``: the pages join the ``public`` name space
(``public.article``), so these rules apply to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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

from . import i18n, previews
from .content import SOURCE_LANGUAGE

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
    """Readers' pages carry no cookie, an ETag and a Cache-Control a front cache may honour."""
    if (
        request.method == "GET"
        and response.status_code == 200
        and not response.headers.get("Set-Cookie")
    ):
        response.cache_control.public = True
        response.cache_control.max_age = 60
        response.vary.add("Cookie")
        response.add_etag()
        response.make_conditional(request)
    return response


def add_page(app: Flask, rule: str, view: Callable, name: str | None = None) -> None:
    """Add a content package's readers' page at ``/<lang><rule>``, endpoint ``public.<name>``."""
    app.add_url_rule(bp.url_prefix + rule, endpoint=f"public.{name or view.__name__}",
                     view_func=view, methods=["GET"])


def show_item(item: Any, slug: str, endpoint: str, template: str, **context: Any):
    """Render an item in the page's language, or its Polish text with a notice.

    Anything a reader may not see (drafts, scheduled, trashed) is a 404. A slug from another
    language leads to this language's own address for the item.
    """
    if item is None or not item.is_visible():
        abort(404)
    loc = item.localized(g.lang)
    if loc.text.slug != slug:
        return redirect(url_for(endpoint, slug=loc.text.slug), 301)
    i18n.set_item_alternates(item, endpoint)
    if loc.is_fallback:
        g.canonical_lang = SOURCE_LANGUAGE
    context = {**previews.for_item(item, loc, endpoint), **context}
    return render_template(
        template, item=item, loc=loc, heading=loc.text.title, heading_lang=loc.lang, **context
    )


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
