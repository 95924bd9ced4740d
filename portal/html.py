"""Rich text as we store it: the few elements a clerk's article needs, nothing executable."""

from __future__ import annotations

import html
import re

import nh3

# Each allowed element and attribute, and why it is safe. Nothing here can run code, load
# anything, or change the page outside the element: no script/style/iframe/img/svg/form, no
# event handlers (on*), no style or class attributes, no id (which could clash with the page's).
ALLOWED_TAGS = {
    "p",  # paragraph: text only
    "br",  # line break: empty, no attributes
    "h2",  # section headings (h1 is the page's own title; a pasted h1 becomes h2)
    "h3",
    "h4",
    "strong",  # emphasis: text only ("b" and "i" are rewritten to strong/em after cleaning)
    "em",
    "b",
    "i",
    "ul",  # lists: text only
    "ol",
    "li",
    "a",  # links: only href and hreflang, href limited to URL_SCHEMES, rel forced below
    "blockquote",  # a quotation: text only (no cite attribute)
}
# href: a link target, only with the schemes below (no javascript:, data: or vbscript:, in any
# spelling or entity encoding: nh3 parses the URL before checking its scheme); hreflang: a
# language code, plain text.
ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang"}}
# Where a link may go: web pages, mail and telephone numbers. Nothing that runs or embeds.
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
