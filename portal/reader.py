"""The reader's own settings: text size and contrast, kept in cookies the reader chose.

They work without JavaScript: each setting is a plain link that sets a cookie and goes back to
the page, which the server renders with the setting applied (a class on ``<html>``). Anonymous
pages stay cacheable because they set no cookie and already vary on ``Cookie``.

``COOKIES`` lists every cookie the public site can set; the cookie statement shows this list,
and a test checks that no response sets any other, so the statement stays true.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, has_request_context, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from . import i18n

bp = Blueprint("reader", __name__, url_prefix="/reader")

COOKIE_AGE_DAYS = 365
COOKIE_AGE = COOKIE_AGE_DAYS * 24 * 3600

TEXT_SIZE_COOKIE = "text_size"
CONTRAST_COOKIE = "contrast"

# Text size value -> the class on <html>; "normal" is the default and needs no cookie.
TEXT_SIZES = {"normal": "", "large": "text-large", "largest": "text-largest"}
CONTRASTS = {"normal": "", "high": "contrast-high"}


@dataclass(frozen=True)
class Cookie:
    """A cookie the public site may set, as the cookie statement describes it."""

    name: str
    purpose: Any  # a lazy string, translated when shown
    days: int  # how long the browser keeps it


COOKIES = (
    Cookie(
        i18n.LANGUAGE_COOKIE,
        _l("Remembers the language you chose, so the site's address opens in it."),
        i18n.LANGUAGE_COOKIE_AGE // (24 * 3600),
    ),
    Cookie(TEXT_SIZE_COOKIE, _l("Remembers the text size you chose (A+ or A++)."), COOKIE_AGE_DAYS),
    Cookie(
        CONTRAST_COOKIE, _l("Remembers that you chose the high-contrast version."), COOKIE_AGE_DAYS
    ),
)


@dataclass(frozen=True)
class Preferences:
    text_size: str = "normal"
    contrast: str = "normal"

    @property
    def html_class(self) -> str:
        return " ".join(c for c in (TEXT_SIZES[self.text_size], CONTRASTS[self.contrast]) if c)


def current() -> Preferences:
    """The reader's settings from this request's cookies (unknown values mean the default)."""
    if not has_request_context():  # a template rendered outside a request (a command, a mail)
        return Preferences()
    size = request.cookies.get(TEXT_SIZE_COOKIE, "normal")
    contrast = request.cookies.get(CONTRAST_COOKIE, "normal")
    return Preferences(
        size if size in TEXT_SIZES else "normal", contrast if contrast in CONTRASTS else "normal"
    )


def here() -> str:
    """The current page's path and query, to come back to after changing a setting."""
    query = request.query_string.decode("utf-8", "replace")
    return request.path + ("?" + query if query else "")


def _remember(name: str, value: str, default: str):
    target = i18n.safe_next(request.args.get("next"), url_for("root.index"))
    response = redirect(target, 303)
    response.cache_control.no_store = True
    if value == default:
        response.delete_cookie(name, samesite="Lax", secure=request.is_secure, httponly=True)
    else:
        response.set_cookie(
            name, value, max_age=COOKIE_AGE, samesite="Lax", secure=request.is_secure, httponly=True
        )
    return response


@bp.get("/text-size/<any(normal, large, largest):size>")
def text_size(size: str):
    """A, A+, A++: remember the reader's text size and go back to the page."""
    return _remember(TEXT_SIZE_COOKIE, size, "normal")


@bp.get("/contrast/<any(normal, high):mode>")
def contrast(mode: str):
    """The high-contrast version, or back to the normal one."""
    return _remember(CONTRAST_COOKIE, mode, "normal")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.context_processor(
        lambda: {"reader": current(), "reader_here": here, "reader_cookies": COOKIES}
    )
