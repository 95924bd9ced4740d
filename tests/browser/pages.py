"""Every public page type, with its address in a language, for the browser checks.

Addresses are worked out from the live app's content, so a language added to the configuration
is checked without touching the tests (it shows Polish fallbacks until its content exists).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from portal.awards.models import Award
from portal.demo import CERTIFICATE_SLUG
from portal.extensions import db
from portal.news.models import Article, ArticleTranslation
from portal.pages.models import Page, PageKey

POLISH_ONLY_SLUG = "dzien-pracownika-socjalnego-w-naszym-osrodku"

PAGE_TYPES = [
    "home",
    "news-list",
    "article-gallery",
    "article-photo",
    "article-fallback",
    "awards-list",
    "award",
    "info-page",
    "easy-to-read",
    "sign-language",
    "privacy",
    "cookies",
    "accessibility-statement",
    "search-results",
    "search-nothing-found",
    "not-found",
]

MODES = {
    "normal": {},
    "high-contrast": {"contrast": "high"},
    "largest-text": {"text_size": "largest"},
}

WIDTHS = {"phone": 360, "desktop": 1280}


def _article(slug: str) -> Article:
    return db.session.scalar(
        sa.select(Article)
        .join(ArticleTranslation)
        .where(ArticleTranslation.locale == "pl", ArticleTranslation.slug == slug)
    )


def _keyed(key: str) -> Page:
    return db.session.scalar(sa.select(Page).where(Page.key == key))


def addresses(app) -> dict[str, dict[str, str]]:
    """Page type -> language -> path, for every enabled language."""
    found: dict[str, dict[str, str]] = {name: {} for name in PAGE_TYPES}
    with app.test_request_context():
        certificate = _article(CERTIFICATE_SLUG)
        polish_only = _article(POLISH_ONLY_SLUG)
        award = db.session.scalar(sa.select(Award).limit(1))
        about = db.session.scalar(
            sa.select(Page).where(Page.menu_position.is_not(None)).order_by(Page.menu_position)
        )
        keyed = {
            "easy-to-read": _keyed(PageKey.EASY_TO_READ),
            "sign-language": _keyed(PageKey.SIGN_LANGUAGE),
            "privacy": _keyed(PageKey.PRIVACY),
            "cookies": _keyed(PageKey.COOKIES),
            "info-page": about,
        }
        for lang in app.config["PORTAL_LANGUAGES"]:

            def slug(item, lang=lang):
                return item.localized(lang).text.slug

            found["home"][lang] = url_for("public.home", lang=lang)
            found["news-list"][lang] = url_for("public.news_list", lang=lang)
            found["article-gallery"][lang] = url_for(
                "public.article", lang=lang, slug=slug(certificate)
            )
            found["article-photo"][lang] = url_for(
                "public.article_photo", lang=lang, slug=slug(certificate),
                image_id=certificate.images[1].id,
            )
            found["article-fallback"][lang] = url_for(
                "public.article", lang=lang, slug=slug(polish_only)
            )
            found["awards-list"][lang] = url_for("public.awards_list", lang=lang)
            found["award"][lang] = url_for("public.award", lang=lang, slug=slug(award))
            for name, page in keyed.items():
                found[name][lang] = url_for("public.page", lang=lang, slug=slug(page))
            found["accessibility-statement"][lang] = url_for(
                "public.accessibility_statement", lang=lang
            )
            found["search-results"][lang] = url_for("public.search", lang=lang, q="pomoc")
            found["search-nothing-found"][lang] = url_for("public.search", lang=lang, q="xyzzy")
            found["not-found"][lang] = f"/{lang}/no-such-page"
    return found
