"""Error pages in the reader's language, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from . import i18n
from .extensions import db

log = logging.getLogger(__name__)

# How long a reader (or a load balancer) is told to wait before asking again, in seconds.
RETRY_AFTER = 30
# The database cannot answer: down, restarting, unreachable, its pool exhausted, or (SQLite)
# its file locked by another process past the busy timeout.
UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError,
               sa.exc.DisconnectionError)


def _messages(code: int) -> tuple[str, str]:
    if code == 404:
        return _("Page not found"), _(
            "We could not find this page. It may have been moved or removed, "
            "or the address may be mistyped."
        )
    if code == 400:
        return _("Bad request"), _("The address or the form sent to us was not valid.")
    if code == 403:
        return _("Access denied"), _("Your account does not have permission to do this.")
    if code == 405:
        return _("Not allowed"), _("This address does not accept that kind of request.")
    if code == 413:
        return _("File too large"), _(
            "What you sent is larger than we accept: at most %(size)s MB at once. Go back and "
            "send fewer or smaller photos at a time.",
            size=current_app.config.get("PORTAL_MAX_UPLOAD_MB", 20),
        )
    if code == 503:
        return _("Temporarily unavailable"), _(
            "The website cannot show this page right now. Please try again in a minute."
        )
    return _("Something went wrong"), _(
        "The page could not be shown because of an error on our side. Please try again later."
    )


NOT_FOUND_ANSWERS = "portal.errors.not_found"


def answer_not_found_with(app: Flask, answer: Callable[[], Response | None]) -> None:
    """Let ``answer()`` reply to a request before it gets the 404 page (a redirect of an old
    address); it returns a response, or None to leave the request to the next one or the page."""
    app.extensions.setdefault(NOT_FOUND_ANSWERS, []).append(answer)


def language_choices(path: str) -> list[i18n.Alternate]:
    """The language switcher of an error page: the same address in each language.

    A readers' address swaps its language (``/uk/news/x`` → ``/pl/news/x``: the page there, or
    this message in that language); an address without one is kept, as the switcher's cookie
    chooses the language of its error page. None of them is announced as a translation
    (``translated=False``: no hreflang links), and the staff side, whose language is the staff
    member's own, has no switcher.
    """
    if path == "/staff" or path.startswith("/staff/"):
        return []
    current = i18n.language_of_path(path)
    rest = path.lstrip("/").split("/", 1)[1] if current and "/" in path.lstrip("/") else ""
    return [
        i18n.Alternate(code, f"/{code}/{rest}" if current else path, translated=False)
        for code in i18n.enabled()
    ]


def render_error(error: HTTPException):
    if not isinstance(error, HTTPException):
        error = InternalServerError()
    code = error.code or 500
    # No stored address has a NUL byte (and PostgreSQL could not even look one up).
    if code == 404 and "\x00" not in request.path:
        for answer in current_app.extensions.get(NOT_FOUND_ANSWERS, ()):
            if (response := answer()) is not None:
                return response
    if not g.get("lang"):
        i18n.use_language(i18n.language_of_path(request.path) or i18n.negotiate())
    g.alternates = language_choices(request.path)
    g.canonical_lang = None  # an error page has no address of its own to announce
    heading, message = _messages(code)
    return render_template("errors/error.html", heading=heading, message=message, code=code), code


def database_unavailable(error: Exception):
    """The database did not answer: a 503 in the reader's language with ``Retry-After``, never
    a traceback. Nothing is kept: the next request tries again (the pool checks a connection
    before using it, so one left over from before a restart is replaced)."""
    log.warning("the database is unavailable: %s", str(error).splitlines()[0][:300])
    db.session.remove()
    # The page is rendered as for a reader: a staff member's account cannot be loaded now.
    g._login_user = current_app.login_manager.anonymous_user()
    response = current_app.make_response(render_error(ServiceUnavailable()))
    response.headers["Retry-After"] = str(RETRY_AFTER)
    response.cache_control.no_store = True
    return response


def init_app(app: Flask) -> None:
    for code in (400, 403, 404, 405, 413, 500, 503):
        app.register_error_handler(code, render_error)
    for error in UNAVAILABLE:
        app.register_error_handler(error, database_unavailable)
