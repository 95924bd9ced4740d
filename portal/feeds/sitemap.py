"""``/sitemap.xml`` (an index of ``/sitemap-<n>.xml`` past 50,000 addresses) and ``/robots.txt``.

An item is listed in each language it is written in, with the same alternates its page
announces in ``hreflang`` links (its translated languages, and ``x-default`` for Polish); a
language it lacks shows the Polish text with a canonical link to it, so it is not listed.
Lists and the home page are listed in every language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, render_template, request, url_for

from .. import i18n
from ..accessibility.models import AccessibilityStatement
from ..content import SOURCE_LANGUAGE
from ..extensions import db
from ..kinds import kinds

bp = Blueprint("sitemap", __name__)

# The readers' pages that are the same in every language (lists, the home page).
FIXED_PAGES = ("public.home", "public.news_list", "public.awards_list")
STATEMENT = "public.accessibility_statement"


@dataclass
class Url:
    loc: str
    lastmod: datetime | None
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, href)


def _lastmod(value: datetime | None) -> str:
    return value.astimezone(UTC).date().isoformat() if value else ""


def _addresses(kind) -> list[dict[str, tuple[str, datetime]]]:
    """Each visible item of ``kind`` as {language: (slug, last change)}, in one query of
    columns (however many items: no rows of objects, no query per batch of them)."""
    model, tr = kind.model, kind.model.translation_class
    rows = db.session.execute(
        sa.select(model.id, model.updated_at, tr.locale, tr.slug, tr.updated_at.label("tr_at"))
        .join(tr, tr.parent_id == model.id).where(model.visible()).order_by(model.id))
    items: dict[int, dict[str, tuple[str, datetime]]] = {}
    for row in rows:
        items.setdefault(row.id, {})[row.locale] = (row.slug, max(row.updated_at, row.tr_at))
    return list(items.values())


def urls() -> list[Url]:
    """Every address readers can see, with its alternates."""
    enabled = i18n.enabled()
    found: list[Url] = []
    newest: datetime | None = None
    for kind in kinds():
        if not kind.public_endpoint or kind.public_endpoint not in current_app.view_functions:
            continue
        for texts in _addresses(kind):
            languages = [code for code in enabled if code in texts]
            links = {code: url_for(kind.public_endpoint, lang=code, slug=texts[code][0],
                                   _external=True)
                     for code in languages}
            alternates = [(code, links[code]) for code in languages]
            if SOURCE_LANGUAGE in links:
                alternates.append(("x-default", links[SOURCE_LANGUAGE]))
            for code in languages:
                modified = texts[code][1]
                newest = max(newest, modified) if newest else modified
                found.append(Url(links[code], modified, alternates))
    statement = AccessibilityStatement.current() if STATEMENT in current_app.view_functions \
        else None
    if statement is not None:
        # One address in every language, offered where the statement is translated.
        languages = [code for code in enabled if code in statement.translations]
        links = {code: url_for(STATEMENT, lang=code, _external=True) for code in languages}
        alternates = [(code, links[code]) for code in languages]
        if SOURCE_LANGUAGE in links:
            alternates.append(("x-default", links[SOURCE_LANGUAGE]))
        found += [Url(links[code], max(statement.updated_at,
                                       statement.translations[code].updated_at), alternates)
                  for code in languages]
    fixed = []
    for endpoint in FIXED_PAGES:
        if endpoint not in current_app.view_functions:
            continue
        links = {code: url_for(endpoint, lang=code, _external=True) for code in enabled}
        alternates = [(code, links[code]) for code in enabled]
        alternates.append(("x-default", links[SOURCE_LANGUAGE]))
        fixed += [Url(links[code], newest, alternates) for code in enabled]
    return fixed + found


def _xml(template: str, **context):
    return current_app.response_class(render_template(template, lastmod=_lastmod, **context),
                                      mimetype="application/xml")


@bp.get("/sitemap.xml")
def sitemap():
    everything = urls()
    limit = current_app.config["SITEMAP_MAX_URLS"]
    if len(everything) <= limit:
        return _xml("feeds/sitemap.xml", urls=everything)
    parts = math.ceil(len(everything) / limit)
    return _xml("feeds/sitemap_index.xml", newest=max(
        (u.lastmod for u in everything if u.lastmod), default=None),
        parts=[url_for("sitemap.part", number=n, _external=True) for n in range(1, parts + 1)])


@bp.get("/sitemap-<int:number>.xml")
def part(number: int):
    limit = current_app.config["SITEMAP_MAX_URLS"]
    everything = urls()
    chunk = everything[(number - 1) * limit:number * limit]
    if number < 1 or not chunk or len(everything) <= limit:
        abort(404)
    return _xml("feeds/sitemap.xml", urls=chunk)


@bp.get("/robots.txt")
def robots():
    lines = ["User-agent: *", "Disallow: /staff/"]
    lines += [f"Disallow: /{code}/search" for code in i18n.enabled()]
    lines += ["", f"Sitemap: {url_for('sitemap.sitemap', _external=True)}", ""]
    response = current_app.response_class("\n".join(lines), mimetype="text/plain")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


@bp.after_request
def cacheable(response):
    if request.method == "GET" and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = max(response.cache_control.max_age or 0, 600)
    return response
