"""Addresses as redirects match them, and the readers' address of an item in a language.

A request's path reaches the view percent-decoded ("/aktualności/1.html"), so a stored address
is kept decoded too; a query string is kept with its parameters in one order, so
``?id=5&lang=pl`` and ``?lang=pl&id=5`` are one address.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..kinds import Kind, kinds

# A control character (a line break would end a header) or a backslash (some browsers read
# "/\host" as another site).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


def normalize(value: str) -> str:
    """An address as requests are matched: the path decoded, the query's parameters sorted."""
    path, has_query, query = value.partition("?")
    path = unquote(path)
    if has_query and (pairs := parse_qsl(query, keep_blank_values=True)):
        return f"{path}?{urlencode(sorted(pairs))}"
    return path


def request_keys(path: str, query_string: bytes) -> list[str]:
    """What a request may be redirected from: its path with the query, then the path alone."""
    keys = [path]
    if query_string:
        keys.insert(0, normalize(f"{path}?{query_string.decode('utf-8', 'replace')}"))
    return keys


def match_keys(address: str) -> list[str]:
    """What a request for ``address`` (a redirect's target) would be matched on."""
    path, _, query = address.split("#", 1)[0].partition("?")
    return request_keys(unquote(path), query.encode())


def is_local(value: str) -> bool:
    """A path on this site: "/…", no scheme, no host, nothing a browser reads as another site."""
    if not value.startswith("/") or value.startswith("//"):
        return False
    parts = urlsplit(value)
    return not (parts.scheme or parts.netloc)


def is_unsafe(value: str) -> bool:
    return bool(_UNSAFE.search(value) or _UNSAFE.search(unquote(value)))


def item_kinds() -> dict[str, Kind]:
    """The kinds whose items have readers' pages of their own, by that page's endpoint."""
    return {kind.public_endpoint: kind for kind in kinds()
            if kind.slugged and kind.public_endpoint and kind.revisions}


def item_path(kind: Kind, lang: str, slug: str) -> str:
    """The readers' path of an item in ``lang`` as ``request.path`` shows it.

    Built by the URL map that ``url_for`` uses, bound to no request (a change made by a command
    or the demo loader has none), so it carries no script root, as ``request.path`` does not.
    """
    adapter = current_app.url_map.bind("localhost")
    return unquote(adapter.build(kind.public_endpoint, {"lang": lang, "slug": slug}))


def slug_known(kind: Kind, slug: str) -> bool:
    """Whether an item of ``kind`` has ``slug`` in any language: its readers' page answers
    that address (in another language it leads to the item's own slug), so no redirect may."""
    tr = kind.translation_class
    return db.session.scalar(sa.select(tr.id).where(tr.slug == slug).limit(1)) is not None
