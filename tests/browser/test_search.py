"""Searching from the header's box, as a reader would, in every enabled language and at phone
and desktop widths (screenshots of the results saved for a person to look at)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .pages import WIDTHS

pytestmark = pytest.mark.browser

QUERIES = {"pl": "pomoc rodzinom", "en": "support for families", "uk": "pomoc"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["pl", "en", "uk"])
def test_a_reader_searches_from_the_header(browser, live_server, artifacts, lang, width):
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900},
                                  java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/{lang}/news/")
        box = page.locator("header form[role=search] input[name=q]")
        box.fill(QUERIES[lang])
        box.press("Enter")
        page.wait_for_url(f"**/{lang}/search?q=*")
        results = page.locator(".search-result")
        expect(results.first).to_be_visible()
        assert results.count() >= 1
        expect(page.locator(".search-result mark").first).to_be_visible()
        assert page.locator("#search-q").input_value() == QUERIES[lang]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= WIDTHS[width], f"scrolls sideways: {scroll}px"
        (artifacts / "search").mkdir(exist_ok=True)
        page.screenshot(path=artifacts / "search" / f"search-{lang}-{width}.png",
                        full_page=True)
        page.goto(f"{live_server.url}/{lang}/search?q=xyzzy")
        expect(page.locator(".no-results")).to_be_visible()
        page.screenshot(path=artifacts / "search" / f"nothing-found-{lang}-{width}.png",
                        full_page=True)
    finally:
        context.close()
