"""The accessibility statement's public page: /<lang>/deklaracja-dostepnosci in every language.

Every page announces it with ``<meta name="deklaracja-dostępności">`` and links it from its
footer (templates/base.html).
"""

from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import i18n, public
from ..content import SOURCE_LANGUAGE
from .models import AccessibilityStatement, Assessment, Compliance

# The address is the same in every language: the Polish name readers and the authorities'
# monitoring expect to find (/pl/deklaracja-dostepnosci, /en/deklaracja-dostepnosci, ...).
PATH = "/deklaracja-dostepnosci"


# The parts of the statement the centre writes itself (the rest is the law's wording, in the
# interface catalogs), named as the page heads them: what a notice lists when they are shown in
# Polish.
WRITTEN_PARTS = (
    (("body_name", "site_name"), _l("The name of the public body and of the website")),
    (("noncompliance",), _l("Content that is not accessible, and why")),
    (("exemptions",), _l("Content exempt from the accessibility requirements")),
    (("shortcuts",), _l("Keyboard shortcuts")),
    (("address",), _l("Address of the centre")),
    (("architecture",), _l("Architectural accessibility")),
    (("sign_language",), _l("Sign language interpreter")),
    (("mobile_apps",), _l("Mobile applications")),
)


def polish_parts(text) -> list[str]:
    """The headings of the written parts a fallback shows in Polish (those with any text)."""
    return [str(label) for names, label in WRITTEN_PARTS
            if any((getattr(text, name) or "").strip() for name in names)]


def accessibility_statement():
    statement = AccessibilityStatement.current()
    if statement is None:
        abort(404)
    loc = statement.localized(g.lang)
    g.alternates = [
        i18n.Alternate(
            code,
            url_for("public.accessibility_statement", lang=code),
            translated=code in statement.translations,
        )
        for code in i18n.enabled()
    ]
    if loc.is_fallback:
        g.canonical_lang = loc.lang
    site_url = statement.site_url or request.host_url.rstrip("/")
    return render_template(
        "accessibility/statement.html",
        heading=_("Accessibility statement"),
        statement=statement,
        loc=loc,
        polish_parts=polish_parts(loc.text) if loc.is_fallback else [],
        outdated=public.outdated(
            statement, g.lang, url_for("public.accessibility_statement", lang=SOURCE_LANGUAGE),
            "statement"),
        site_url=site_url.rstrip("/") + url_for("public.home"),
        Compliance=Compliance,
        Assessment=Assessment,
    )
