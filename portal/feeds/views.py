"""The Atom feeds of the news and of the awards, one per language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, g, render_template, request, url_for
from flask_babel import gettext as _

from ..awards.models import Award
from ..content import utcnow
from ..html import plain_text
from ..news.models import Article

ATOM = "application/atom+xml"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    summary: str
    lang: str


def rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def tag(kind: str, item: Any) -> str:
    """An entry's id for good (RFC 4151 tag URI): it outlives a change of address or title."""
    host = urlsplit(request.host_url).hostname or "localhost"
    return f"tag:{host},{item.created_at:%Y-%m-%d}:{kind}/{item.id}"


def _updated(item: Any, loc: Any) -> datetime:
    return max(item.updated_at, loc.text.updated_at, item.published_at)


def _feed(entries: list[Entry], title: str, page_endpoint: str):
    self_url = request.base_url
    updated = max((entry.updated for entry in entries), default=None) or utcnow()
    body = render_template("feeds/atom.xml", entries=entries, feed_title=title,
                           self_url=self_url, rfc3339=rfc3339, updated=updated,
                           page_url=url_for(page_endpoint, _external=True), feed_id=self_url)
    return current_app.response_class(body, mimetype=ATOM)


def news_feed():
    entries = []
    for article in Article.latest(current_app.config["FEED_ENTRIES"]):
        loc = article.localized(g.lang)
        entries.append(Entry(
            tag("article", article), loc.text.title,
            url_for("public.article", slug=loc.text.slug, _external=True),
            article.published_at, _updated(article, loc),
            loc.text.summary or plain_text(loc.text.body)[:300], loc.lang))
    return _feed(entries, _("News – %(site)s", site=current_app.jinja_env.globals["site_name"]()),
                 "public.news_list")


def awards_feed():
    entries = []
    for award in Award.newest(current_app.config["FEED_ENTRIES"]):
        loc = award.localized(g.lang)
        summary = " · ".join(part for part in (loc.text.organiser, loc.text.edition,
                                                 plain_text(loc.text.description)) if part)
        entries.append(Entry(
            tag("award", award), loc.text.title,
            url_for("public.award", slug=loc.text.slug, _external=True),
            award.published_at, _updated(award, loc), summary[:500], loc.lang))
    return _feed(entries, _("Awards and certificates – %(site)s",
                            site=current_app.jinja_env.globals["site_name"]()),
                 "public.awards_list")
