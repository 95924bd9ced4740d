"""The accessibility statement's public page: /<lang>/deklaracja-dostepnosci in every language.

Every page announces it with ``<meta name="deklaracja-dostępności">`` and links it from its
footer (templates/base.html).
"""

from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _

from .. import i18n
from .models import AccessibilityStatement, Assessment, Compliance

# The address is the same in every language: the Polish name readers and the authorities'
# monitoring expect to find (/pl/deklaracja-dostepnosci, /en/deklaracja-dostepnosci, ...).
PATH = "/deklaracja-dostepnosci"


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
        site_url=site_url.rstrip("/") + url_for("public.home"),
        Compliance=Compliance,
        Assessment=Assessment,
    )
