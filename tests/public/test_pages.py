"""Every public page type, in both languages, as a reader gets it."""

from __future__ import annotations

import re

import pytest

from portal.demo import CERTIFICATE_SLUG

EN_CERTIFICATE = "friendly-office-quality-certificate"
POLISH_ONLY = "dzien-pracownika-socjalnego-w-naszym-osrodku"

PAGES = [
    ("/pl/", "pl", "Witamy"),
    ("/en/", "en", "Welcome"),
    ("/pl/news/", "pl", "Aktualności"),
    ("/en/news/", "en", "News"),
    (f"/pl/news/{CERTIFICATE_SLUG}", "pl", "MOPS z certyfikatem jakości „Przyjazny Urząd”"),
    (f"/en/news/{EN_CERTIFICATE}", "en", "The centre receives the “Friendly Office” quality"),
    ("/pl/awards/", "pl", "Nagrody i certyfikaty"),
    ("/en/awards/", "en", "Awards and certificates"),
    ("/pl/awards/certyfikat-przyjazny-urzad-2022", "pl", "Certyfikat jakości"),
    ("/en/awards/friendly-office-certificate-2022", "en", "“Friendly Office” quality certificate"),
    ("/pl/info/kontakt", "pl", "Kontakt"),
    ("/en/info/contact", "en", "Contact"),
]


@pytest.mark.parametrize(("url", "lang", "heading"), PAGES)
def test_public_page_in_its_language(demo, page, url, lang, heading):
    shown = page(url, lang)
    assert shown.one("h1").get_text().startswith(heading)
    # The interface around the content is in the page's language too.
    skip_link = shown.one("a.skip-link").get_text()
    assert skip_link == {"pl": "Przejdź do treści głównej", "en": "Skip to main content"}[lang]


def test_home_lists_latest_news_and_awards(demo, page):
    home = page("/pl/", "pl")
    titles = [a.get_text(strip=True) for a in home.select("#latest-news ~ article h3 a")]
    assert titles[0] == "Dyżury pracowników socjalnych w okresie świątecznym"
    assert len(titles) == 5
    assert "Certyfikat jakości „Przyjazny Urząd” 2022" in home.text


def test_news_list_paginates_with_counted_total(demo, page):
    first = page("/pl/news/", "pl")
    assert "12 artykułów" in first.text
    assert len(first.select("main article")) == 10
    second = page("/pl/news/?page=2", "pl")
    assert len(second.select("main article")) == 2
    assert second.one('.pagination a[aria-current="page"]').get_text() == "Strona 2"
    english = page("/en/news/?page=2", "en")
    assert "12 articles" in english.text


def test_article_gallery_has_captioned_linked_thumbnails(demo, page):
    article = page(f"/en/news/{EN_CERTIFICATE}", "en")
    figures = article.select(".gallery figure")
    assert len(figures) == 9
    for figure in figures:
        img = figure.find("img")
        assert img["alt"].strip(), "every gallery photo needs alt text"
        assert "w," in img["srcset"] and img["sizes"]
        link = figure.find("a")  # to the photo's own page, not the bare image file
        assert re.fullmatch(rf"/en/news/{EN_CERTIFICATE}/photos/\d+", link["href"])
        assert figure.find("figcaption").get_text(strip=True)
    first = figures[0].find("img")
    assert first["alt"].startswith("The framed 2022 Friendly Office quality certificate")
    assert "9 photos" in article.text


def test_gallery_images_are_served(demo, client, page):
    article = page(f"/pl/news/{CERTIFICATE_SLUG}", "pl")
    src = article.select(".gallery img")[0]["src"]
    with client.get(src) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/webp"
        assert "immutable" in response.headers["Cache-Control"]


def test_award_page_shows_facts_dates_and_article_link(demo, page):
    pl = page("/pl/awards/certyfikat-przyjazny-urzad-2022", "pl")
    assert "23 kwietnia 2022" in pl.text
    assert "Quality Institute" in pl.text
    assert pl.one("time")["datetime"] == "2022-04-23"
    link = [a for a in pl.select("main a") if a["href"].endswith(CERTIFICATE_SLUG)]
    assert link, "the award links to the news article about it"
    en = page("/en/awards/friendly-office-certificate-2022", "en")
    assert "23 April 2022" in en.text
    assert any(a["href"] == f"/en/news/{EN_CERTIFICATE}" for a in en.select("main a"))
    assert en.select(".certificate img")[0]["alt"]


def test_article_dates_follow_the_language(demo, page):
    assert "26 kwietnia 2022" in page(f"/pl/news/{CERTIFICATE_SLUG}", "pl").text
    assert "26 April 2022" in page(f"/en/news/{EN_CERTIFICATE}", "en").text


def test_information_pages_are_in_the_menu(demo, page):
    home = page("/en/", "en")
    menu = [a.get_text(strip=True) for a in home.select('nav[aria-label="Main menu"] a')]
    assert menu == ["Home", "News", "Awards and certificates", "About the centre",
                    "Forms of help", "Contact"]
