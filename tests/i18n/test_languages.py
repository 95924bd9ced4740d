"""Languages: choosing one, switching, alternates, the Polish fallback, plural forms."""

from __future__ import annotations

import pytest
from flask_babel import force_locale, ngettext

from portal.demo import CERTIFICATE_SLUG

from ..conftest import check_page

UK_SLUG = "tsentr-otrimav-sertifikat-iakosti-druzhnia-ustanova"
EN_SLUG = "friendly-office-quality-certificate"
POLISH_ONLY = "dzien-pracownika-socjalnego-w-naszym-osrodku"


@pytest.mark.parametrize(
    ("headers", "cookie", "expected"),
    [
        ({}, None, "/pl/"),
        ({"Accept-Language": "en-GB,en;q=0.9"}, None, "/en/"),
        ({"Accept-Language": "de-DE,de;q=0.9"}, None, "/pl/"),
        ({"Accept-Language": "de;q=1,en;q=0.5,pl;q=0.8"}, None, "/pl/"),
        ({"Accept-Language": "pl"}, "en", "/en/"),  # the saved choice wins
        ({"Accept-Language": "en"}, "xx", "/en/"),  # a meaningless cookie is ignored
    ],
)
def test_root_redirects_to_the_readers_language(client, headers, cookie, expected):
    if cookie:
        client.set_cookie("lang", cookie)
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == expected
    assert "Accept-Language" in response.headers["Vary"]


def test_switcher_leads_to_the_same_item_and_remembers_the_choice(demo, client):
    page = check_page(client.get(f"/pl/news/{CERTIFICATE_SLUG}"), "pl")
    english = page.one('nav[aria-label="Język"] a[lang="en"]')
    assert english.get_text() == "English"
    response = client.get(english["href"])
    assert response.status_code == 303
    assert response.headers["Location"] == f"/en/news/{EN_SLUG}"
    assert "lang=en" in response.headers["Set-Cookie"]
    assert client.get("/").headers["Location"] == "/en/"
    current = check_page(client.get(f"/en/news/{EN_SLUG}"), "en")
    assert current.one('nav[aria-label="Language"] a[aria-current="page"]').get_text() == "English"


def test_translated_item_announces_its_alternates(demo, page):
    shown = page(f"/en/news/{EN_SLUG}", "en")
    links = {
        link["hreflang"]: link["href"] for link in shown.select('link[rel="alternate"][hreflang]')
    }
    assert links == {
        "pl": f"http://localhost/pl/news/{CERTIFICATE_SLUG}",
        "en": f"http://localhost/en/news/{EN_SLUG}",
        "uk": f"http://localhost/uk/news/{UK_SLUG}",
        "x-default": f"http://localhost/pl/news/{CERTIFICATE_SLUG}",
    }
    assert shown.one('link[rel="canonical"]')["href"] == f"http://localhost/en/news/{EN_SLUG}"
    assert not shown.select(".notice")


def test_untranslated_item_shows_polish_with_notice(demo, page):
    shown = page(f"/en/news/{POLISH_ONLY}", "en")
    notice = shown.one('.notice[role="note"]').get_text(" ", strip=True)
    assert "not been translated into this language yet" in notice
    assert shown.one("h1")["lang"] == "pl"
    assert shown.one(".prose")["lang"] == "pl"
    assert "Dziękujemy wszystkim" in shown.one(".prose").get_text()
    # The Polish page is the canonical one, and English is not announced as an alternate.
    assert shown.one('link[rel="canonical"]')["href"] == f"http://localhost/pl/news/{POLISH_ONLY}"
    # (The feeds are announced as alternates too, by type, without a hreflang.)
    hreflangs = {link["hreflang"] for link in shown.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {"pl", "x-default"}
    # The interface around it stays English.
    assert shown.one("a.skip-link").get_text() == "Skip to main content"


def test_english_list_marks_polish_only_items(demo, page):
    shown = page("/en/news/", "en")
    card = next(c for c in shown.select("main article") if POLISH_ONLY in str(c))
    assert card.find("h2")["lang"] == "pl"
    assert "in Polish" in card.get_text()


def test_a_slug_from_another_language_leads_to_this_languages_address(demo, client):
    response = client.get(f"/en/news/{CERTIFICATE_SLUG}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/en/news/{EN_SLUG}"
    response = client.get(f"/pl/news/{EN_SLUG}")
    assert response.headers["Location"] == f"/pl/news/{CERTIFICATE_SLUG}"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 artykuł"),
        (2, "2 artykuły"),
        (5, "5 artykułów"),
        (12, "12 artykułów"),
        (22, "22 artykuły"),
        (25, "25 artykułów"),
        (101, "101 artykułów"),
        (112, "112 artykułów"),
    ],
)
def test_polish_plural_forms_of_the_article_count(app, count, expected):
    with app.test_request_context("/pl/news/"), force_locale("pl"):
        text = ngettext("%(count)s article", "%(count)s articles", count, count=count)
        assert text == expected


def test_rendered_count_uses_the_plural_form(demo, page):
    # Twelve demo articles: the genitive plural in Polish.
    assert "12 artykułów" in page("/pl/news/", "pl").one(".count").get_text()
    assert "12 articles" in page("/en/news/", "en").one(".count").get_text()
