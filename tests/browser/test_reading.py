"""A reader in Chromium: lands on the site, switches language, opens an article and its gallery."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reader_switches_language_on_an_article(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.url.endswith("/pl/")
    assert page.locator("html").get_attribute("lang") == "pl"
    page.screenshot(path=artifacts / "public-home-pl.png", full_page=True)

    page.get_by_role("navigation", name="Menu główne").get_by_role(
        "link", name="Nagrody i certyfikaty"
    ).click()
    page.get_by_role("link", name="Certyfikat jakości „Przyjazny Urząd” 2022").click()
    assert "23 kwietnia 2022" in page.locator("main").inner_text()
    page.get_by_role("link", name="MOPS z certyfikatem jakości „Przyjazny Urząd”").click()
    assert page.locator("h1").inner_text() == "MOPS z certyfikatem jakości „Przyjazny Urząd”"
    expect(page.locator(".gallery figure")).to_have_count(9)
    page.screenshot(path=artifacts / "public-article-pl.png", full_page=True)

    page.get_by_role("navigation", name="Język").get_by_role("link", name="English").click()
    assert page.url.endswith("/en/news/friendly-office-quality-certificate")
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=artifacts / "public-article-en.png", full_page=True)

    # The choice is remembered: the site's root now leads to English.
    page.goto(live_server.url + "/")
    assert page.url.endswith("/en/")


def test_untranslated_article_shows_polish_with_notice(live_server, browser_page, artifacts):
    page = browser_page
    page.goto(live_server.url + "/en/news/dzien-pracownika-socjalnego-w-naszym-osrodku")
    notice = page.get_by_role("note")
    assert "Polish original" in notice.inner_text()
    assert page.locator("h1").get_attribute("lang") == "pl"
    page.screenshot(path=artifacts / "public-fallback-en.png", full_page=True)


def test_phone_width_has_no_horizontal_scroll(live_server, browser, artifacts):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for path in (
            "/pl/",
            "/pl/news/mops-z-certyfikatem-jakosci-przyjazny-urzad",
            "/en/awards/friendly-office-certificate-2022",
        ):
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} scrolls sideways ({width}px)"
        page.screenshot(path=artifacts / "public-award-en-phone.png", full_page=True)
    finally:
        context.close()
