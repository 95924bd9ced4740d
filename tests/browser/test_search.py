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


@pytest.fixture(scope="module")
def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


@pytest.mark.parametrize("width", WIDTHS)
def test_a_reader_finds_a_document_and_its_article(browser, live_app, live_server, artifacts,
                                                   axe_source, width):
    from portal.news.models import Article

    from ..documents.samples import attach_pdf, pdf
    from .test_accessibility import AXE_OPTIONS, describe

    with live_app.app_context():
        article = Article.latest(1)[0]
        article_title = article.translations["pl"].title
        document = attach_pdf("article", article.id, f"harmonogram-{width}.pdf",
                              {"pl": f"Harmonogram wypłat dodatku osłonowego ({width})"},
                              pdf(f"Terminy wyplat dodatku oslonowego {width}"))
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    context.add_init_script(axe_source)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/pl/search?q=harmonogramy+dodatków+{width}")
        hit = page.locator(".search-result").filter(has_text=f"({width})")
        expect(hit).to_have_count(1)
        link = hit.locator("h2 a")
        expect(link).to_have_attribute("href", f"/pl/documents/{document}")
        expect(hit.locator(".file-facts")).to_have_text("PDF, 1 KB")
        expect(hit.locator(".meta a")).to_have_text(f"„{article_title}”")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= WIDTHS[width], f"scrolls sideways: {scroll}px"
        (artifacts / "search").mkdir(exist_ok=True)
        page.screenshot(path=artifacts / "search" / f"document-pl-{width}.png", full_page=True)
        result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        assert not result["violations"], describe(result["violations"])
    finally:
        context.close()
