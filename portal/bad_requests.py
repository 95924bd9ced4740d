"""Requests refused before any view sees them, with the usual error page instead of a 500.

Numbers and text the database cannot take are stopped here, in one place, rather than in each
view: an id in an address larger than the database's integer columns, a page number past any
list's end, a NUL byte (PostgreSQL's text columns refuse it), and a ``Host`` the site does not
answer to when ``TRUSTED_HOSTS`` is set.
"""

from __future__ import annotations

from flask import Flask, Response, abort, request
from flask_babel import gettext as _
from werkzeug.exceptions import SecurityError
from werkzeug.routing import IntegerConverter

from . import i18n

# The ids of every table are 32-bit integers on PostgreSQL; SQLite would take more, but no row
# there has an id that PostgreSQL could not hold either.
MAX_ID = 2**31 - 1
# No list has this many pages: 100,000 pages of 50 rows is 5 million items.
MAX_PAGE = 100_000


class IdConverter(IntegerConverter):
    """``<int:…>`` in every rule: larger numbers than an id can be match nothing (a 404)."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 (Werkzeug's name)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def _refuse_what_the_database_cannot_take() -> None:
    if "\x00" in request.path:
        abort(404)
    # A page number past any list (a database could not even skip that many rows); other odd
    # values are each list's to read (most show the first page).
    page = request.args.get("page", "")
    if page.isdigit() and int(page) > MAX_PAGE:
        abort(404)
    for values in (request.args, request.form):
        for value in values.listvalues():
            if any("\x00" in text for text in value):
                abort(400)


def _untrusted_host(error: SecurityError) -> Response:  # noqa: ARG001
    # Nothing that builds an address works for a host the site does not serve, so no page
    # template: a short answer in the reader's language, still with the security headers.
    i18n.use_language(i18n.negotiate())
    # The host is not repeated: it is the sender's text.
    return Response(_("This site does not answer to that address."), status=400,
                    mimetype="text/plain")


def init_app(app: Flask) -> None:
    """Call before any rule is added, so every ``<int:…>`` is bounded."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(_refuse_what_the_database_cannot_take)
    app.register_error_handler(SecurityError, _untrusted_host)
