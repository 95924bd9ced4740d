"""Languages: the registry, locale selection, URL processing, alternates and content fallback.

Every translation and formatting call of the readers' pages goes through the small helpers here,
so there is one place to make them cheap (see "What a page costs" in the design notes).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
import flask_babel
from babel import Locale
from flask import Flask, current_app, g, request, url_for
from flask.cli import FlaskGroup
from jinja2 import pass_context
from markupsafe import escape
from werkzeug.routing import BaseConverter

from . import catalogs
from .content import SOURCE_LANGUAGE
from .extensions import babel

LANGUAGE_COOKIE = "lang"
# The Babel locale behind a URL language code where the bare code's conventions are not the
# readers': English readers of a Polish public body get "23 April 2022", not "April 23, 2022".
BABEL_LOCALES = {"en": "en_GB"}
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


def enabled() -> tuple[str, ...]:
    """The languages readers can choose, Polish first (``PORTAL_LANGUAGES``)."""
    return current_app.config["PORTAL_LANGUAGES"]


@cache
def language_name(code: str) -> str:
    """A language's name in that language, as a speaker would write it in a menu."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def language_label(code: str) -> str:
    """A language's name in the interface language of the person reading ("angielski")."""
    name = Locale.parse(code).get_display_name(flask_babel.get_locale()) or code
    return name[:1].upper() + name[1:]


def make_language_converter(codes: tuple[str, ...]) -> type[BaseConverter]:
    """A URL converter that matches only the enabled language codes: others are a 404."""

    class LanguageConverter(BaseConverter):
        regex = "|".join(re.escape(code) for code in codes)

    return LanguageConverter


def negotiate() -> str:
    """The reader's language when the URL does not say: saved cookie, Accept-Language, Polish."""
    codes = enabled()
    saved = request.cookies.get(LANGUAGE_COOKIE)
    if saved in codes:
        return saved
    return request.accept_languages.best_match(codes) or SOURCE_LANGUAGE


def language_of_path(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in enabled() else None


def select_locale() -> str:
    """Flask-Babel's locale selector: the page's language wherever one is known."""
    lang = g.get("lang")
    if not lang:
        lang = (language_of_path(request.path) or negotiate()) if request else SOURCE_LANGUAGE
    return BABEL_LOCALES.get(lang, lang)


def use_language(lang: str) -> None:
    """Switch the rest of this request to ``lang`` (error pages raised before routing)."""
    g.lang = lang
    flask_babel.refresh()


def in_language(lang: str):
    """A block in which translations and dates are in ``lang`` (a mail to a person who reads
    another language than the page's): ``with i18n.in_language(user.language): ...``."""
    return flask_babel.force_locale(BABEL_LOCALES.get(lang, lang))


def pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values is not None and "lang" in values:
        g.lang = values.pop("lang")


def add_lang(endpoint: str, values: dict[str, Any]) -> None:
    if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.get("lang") or SOURCE_LANGUAGE


def safe_next(target: str | None, default: str) -> str:
    """A path on this site to go back to; anything pointing elsewhere gives ``default``.

    Control characters are refused too: CR/LF cannot go into a ``Location`` header, and
    browsers drop tabs and newlines from addresses ("/\t/evil.example" is "//evil.example")."""
    if not target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return default
    if target.startswith(("//", "/\\")) or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        return default
    return target


# --- Alternates: the same page in other languages ----------------------------------------------


@dataclass(frozen=True)
class Alternate:
    lang: str
    path: str
    translated: bool  # False: the page exists there only as the Polish fallback

    @property
    def name(self) -> str:
        return language_name(self.lang)

    @property
    def url(self) -> str:
        return request.host_url.rstrip("/") + self.path


def set_item_alternates(item: Any, endpoint: str) -> None:
    """Alternates of an item page: each language's own slug, or the Polish one as fallback."""
    source_slug = item.translations[SOURCE_LANGUAGE].slug
    g.alternates = [
        Alternate(
            code,
            url_for(endpoint, lang=code, slug=tr.slug if tr else source_slug),
            translated=tr is not None,
        )
        for code in enabled()
        for tr in [item.translations.get(code)]
    ]


def alternates() -> list[Alternate]:
    """The alternates a view set, or (lists, home) the same endpoint in every language."""
    if "alternates" in g:
        return g.alternates
    # Only readers' pages have versions in other languages (a staff preview's "lang" is not one).
    if request.blueprint != "public" or request.url_rule is None:
        return []
    args = {k: v for k, v in (request.view_args or {}).items() if k != "lang"}
    if request.args.get("page"):
        args["page"] = request.args["page"]
    return [
        Alternate(code, url_for(request.endpoint, **args, lang=code), True) for code in enabled()
    ]


def canonical_url() -> str | None:
    current = g.get("lang")
    for alt in alternates():
        if g.get("canonical_lang", current) == alt.lang:
            return alt.url
    return None


# --- Formatting --------------------------------------------------------------------------------


def format_date(value: date | datetime | None, fmt: str = "long") -> str:
    """A date in the page's language and the centre's time zone ("23 kwietnia 2022")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return flask_babel.format_date(flask_babel.to_user_timezone(value), fmt)
    return flask_babel.format_date(value, fmt)


def format_datetime(value: datetime | None, fmt: str = "medium") -> str:
    """A moment in the page's language and the centre's time zone ("23 kwi 2022, 14:05:00")."""
    if value is None:
        return ""
    return flask_babel.format_datetime(value, fmt)


MOMENT_FORMAT = "d MMMM y, HH:mm"


def format_moment(value: datetime | None) -> str:
    """A moment as staff read it, in the centre's time zone: "23 kwietnia 2022, 11:00"."""
    if value is None:
        return ""
    return flask_babel.format_datetime(value, MOMENT_FORMAT)


def iso_datetime(value: datetime) -> str:
    """The machine-readable moment for ``<time datetime>``, with its UTC offset."""
    return flask_babel.to_user_timezone(value).isoformat(timespec="seconds")


def iso_date(value: date | datetime) -> str:
    """The machine-readable date for ``<time datetime>``, in the centre's time zone."""
    if isinstance(value, datetime):
        return flask_babel.to_user_timezone(value).date().isoformat()
    return value.isoformat()


# --- The catalogs of the enabled languages, at start-up --------------------------------------


# Where a refusal waits when the app is loaded to find one of its own commands: the command is
# known only afterwards (portal.cli lets `flask translate …` run and refuses the others).
CATALOG_REFUSAL = "portal.i18n.catalog_refusal"


def _finding_a_command() -> bool:
    """Whether the app is being loaded by the ``flask`` command to look up one of the app's own
    commands (``flask translate …``, ``flask demo …``): the root context, before a subcommand's.
    ``flask run``, ``shell`` and plugin commands load it inside their own context instead."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.parent is None and isinstance(ctx.command, FlaskGroup)


def check_catalogs(app: Flask) -> None:
    """Log how complete each enabled language's interface catalog is; refuse to start when one
    is below ``PORTAL_CATALOG_MIN_COMPLETE`` percent (readers would get English in between)."""
    directory = Path(str(app.config["BABEL_TRANSLATION_DIRECTORIES"]).split(";")[0])
    found = catalogs.enabled_coverage(app.config["PORTAL_LANGUAGES"], directory)
    catalog_log = logging.getLogger("portal.catalogs")
    app.logger  # noqa: B018 - creating it installs Flask's handler (see portal.mail)
    if catalog_log.level == logging.NOTSET:
        catalog_log.setLevel(logging.INFO)
    catalog_log.info("Interface catalogs of the enabled languages: %s",
                     "; ".join(catalogs.describe(cov) for cov in found))
    try:
        catalogs.refuse_incomplete(found, app.config["CATALOG_MIN_COMPLETE"])
    except catalogs.CatalogIncomplete as refusal:
        if not _finding_a_command():
            raise
        app.extensions[CATALOG_REFUSAL] = refusal


def _as_written(context: Any, msgids: tuple[str, ...], translated: str) -> str:
    """A translation as a template gets it. Jinja trusts translations as markup (it escapes
    only the variables), so one of a msgid with no markup is escaped first: a translator's
    quotation mark cannot end an attribute, nor a "<" start an element. A msgid's own markup
    (``<a href=…>``) stays, and the catalog gate refuses markup a msgid lacks."""
    if context.eval_ctx.autoescape and not any("<" in m for m in msgids):
        return str(escape(translated))
    return translated


def _install_gettext(app: Flask) -> None:
    """Flask-Babel's template gettext functions, each translation escaped by ``_as_written``."""
    translations = flask_babel.get_translations

    @pass_context
    def gettext(context, string):
        return _as_written(context, (string,), translations().ugettext(string))

    @pass_context
    def ngettext(context, singular, plural, n):
        return _as_written(context, (singular, plural),
                           translations().ungettext(singular, plural, n))

    @pass_context
    def pgettext(context, msgctxt, string):
        return _as_written(context, (string,), translations().upgettext(msgctxt, string))

    @pass_context
    def npgettext(context, msgctxt, singular, plural, n):
        return _as_written(context, (singular, plural),
                           translations().unpgettext(msgctxt, singular, plural, n))

    app.jinja_env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True,
                                            pgettext=pgettext, npgettext=npgettext)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    _install_gettext(app)
    app.url_map.converters["lang"] = make_language_converter(app.config["PORTAL_LANGUAGES"])
    # The same trimmed policy as the extraction (babel.cfg), so msgids match at run time.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    check_catalogs(app)
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["isodate"] = iso_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["isodatetime"] = iso_datetime
    app.jinja_env.globals.update(
        alternates=alternates,
        canonical_url=canonical_url,
        enabled_languages=enabled,
        language_name=language_name,
        source_language=SOURCE_LANGUAGE,
    )
