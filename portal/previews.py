"""What a page says of itself to search engines and to link previews on social media.

Every readers' page gets a ``<meta name="description">``, Open Graph and Twitter card tags and
schema.org JSON-LD (the centre as a ``GovernmentOrganization``; an article as a ``NewsArticle``).
A view hands :func:`for_item` what its page shows; ``base.html`` writes the tags, each value
escaped for where it goes (attributes by Jinja, JSON in ``<script>`` by ``tojson``, which
escapes ``<``, ``>``, ``&`` and ``'``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, g, request, url_for
from flask_babel import gettext as _

from . import i18n
from .html import plain_text

DESCRIPTION_LENGTH = 200
# The Open Graph locale of each language the portal may offer.
OG_LOCALES = {"pl": "pl_PL", "en": "en_GB", "uk": "uk_UA", "de": "de_DE", "ru": "ru_RU",
              "be": "be_BY", "lt": "lt_LT", "cs": "cs_CZ", "sk": "sk_SK", "fr": "fr_FR"}
PREVIEW_WIDTH = 1200  # the rendition link previews get (or the largest below it)


@dataclass(frozen=True)
class PreviewImage:
    url: str
    width: int
    height: int
    alt: str


def shorten(value: str, length: int = DESCRIPTION_LENGTH) -> str:
    value = " ".join((value or "").split())
    if len(value) <= length:
        return value
    cut = value[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–-") + "…"


def og_locale(lang: str) -> str:
    return OG_LOCALES.get(lang, lang)


def site_description() -> str:
    return _("The website of %(site)s: news, forms of help, awards and contact.",
             site=current_app.jinja_env.globals["site_name"]())


def preview_image(image: Any, lang: str) -> PreviewImage | None:
    if image is None or image.decorative or not image.renditions:
        return None
    fitting = [w for w in image.widths if w <= PREVIEW_WIDTH] or image.widths[:1]
    width = fitting[-1]
    height = round(image.height * width / image.width) if image.width else image.height
    name = image.renditions[str(width)]
    url = request.host_url.rstrip("/") + url_for("media.serve", filename=name)
    return PreviewImage(url, width, height, image.localized(lang).text.alt)


def for_item(item: Any, loc: Any, endpoint: str) -> dict[str, Any]:
    """The preview of an item's page: its summary, cover picture, type and JSON-LD."""
    text = loc.text
    summary = (getattr(text, "summary", "") or plain_text(getattr(text, "description", ""))
               or plain_text(getattr(text, "body", "")))
    images = [image for image in getattr(item, "images", None) or [] if not image.decorative]
    cover = images[0] if images else getattr(item, "certificate_image", None)
    image = preview_image(cover, g.lang)
    context: dict[str, Any] = {"description": shorten(summary) or site_description(),
                               "preview_image": image}
    if endpoint == "public.article":
        context["og_type"] = "article"
        context["json_ld"] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": text.title,
            "description": shorten(summary),
            "inLanguage": loc.lang,
            "url": url_for(endpoint, slug=text.slug, _external=True),
            "datePublished": i18n.iso_datetime(item.published_at),
            "dateModified": i18n.iso_datetime(max(item.updated_at, text.updated_at)),
            "image": [image.url] if image else [],
            "publisher": organisation(nested=True),
            "mainEntityOfPage": url_for(endpoint, slug=text.slug, _external=True),
        }
    return context


def organisation(nested: bool = False) -> dict[str, Any]:
    """The centre, as schema.org describes a public body (``nested``: inside another item)."""
    return {
        **({} if nested else {"@context": "https://schema.org"}),
        "@type": "GovernmentOrganization",
        "name": current_app.jinja_env.globals["site_name"](),
        "url": url_for("public.home", lang=g.get("lang") or "pl", _external=True),
        "logo": url_for("static", filename="img/icon.svg", _external=True),
    }


def init_app(app) -> None:
    app.jinja_env.globals.update(og_locale=og_locale, site_description=site_description,
                                 organisation=organisation)
