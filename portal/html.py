"""Rich text as we store it: the few elements a clerk's article needs, nothing executable."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html: str) -> str:
    """Clean HTML: no scripts, event handlers, inline styles or ``javascript:`` links."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def clean_html(html: str) -> str:
    """A rich-text field as stored: sanitised, a pasted top heading made a section heading.

    Every HTML field of every kind is cleaned here, by the write service, whatever wrote it.
    """
    html = (html or "").replace("<h1", "<h2").replace("</h1>", "</h2>")
    html = html.replace("<H1", "<h2").replace("</H1>", "</h2>")
    cleaned = sanitize(html)
    # Browsers' editing commands write <b> and <i>; the site's text uses the meaningful tags.
    cleaned = re.sub(r"<(/?)b>", r"<\1strong>", cleaned)
    cleaned = re.sub(r"<(/?)i>", r"<\1em>", cleaned)
    for empty in ("<p></p>", "<p><br></p>", "<p>&nbsp;</p>"):
        cleaned = cleaned.replace(empty, "")
    return cleaned.strip()


_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """The words of stored (sanitised) HTML, tags made spaces and entities decoded: what the
    search indexes and link previews quote."""
    return " ".join(html.unescape(_TAG.sub(" ", markup or "")).split())
