"""What readers used to trip on, in Chromium at 360 and 1280 px, in Polish, English and Ukrainian:
a gallery photo's own page, the notice of an outdated translation, an error page's language
switcher. Each is scanned with axe (WCAG 2.1 A and AA) and photographed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.demo import CERTIFICATE_SLUG
from portal.news.models import Article
from portal.pages.models import Page

from .. import factories
from .pages import WIDTHS
from .test_accessibility import AXE_OPTIONS, describe, screenshot

pytestmark = pytest.mark.browser

LANGUAGES = ("pl", "en", "uk")
CONTACT_SLUG = {"pl": "kontakt", "en": "contact", "uk": "kontakti"}
OUTDATED_BODY = ("<p>Ośrodek jest czynny od poniedziałku do piątku w godzinach 7:30–15:30, "
                 "a w czwartki do 17:00.</p>")


@pytest.fixture(scope="module")
def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


@pytest.fixture(scope="module")
def addresses(live_app):
    """Each page's address per language; the contact page's Polish changed after its
    translations (so they are outdated)."""
    with live_app.app_context():
        contact = Page.by_slug("kontakt", "pl")
        if contact.translations["pl"].body != OUTDATED_BODY:
            factories.write(contact, "pl", body=OUTDATED_BODY)
        article = Article.by_slug(CERTIFICATE_SLUG, "pl")
        photo = article.images[1].id
        slugs = {lang: article.localized(lang).text.slug for lang in LANGUAGES}
    return {
        "photo": {lang: f"/{lang}/news/{slugs[lang]}/photos/{photo}" for lang in LANGUAGES},
        "outdated": {lang: f"/{lang}/info/{CONTACT_SLUG[lang]}" for lang in LANGUAGES},
        "error": {lang: f"/{lang}/news/no-such-article" for lang in LANGUAGES},
    }


@pytest.fixture(scope="module", params=list(WIDTHS))
def tab(request, browser, axe_source):
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 800})
    context.add_init_script(axe_source)
    yield context.new_page(), request.param
    context.close()


def scan(page, name: str, width: str, artifacts) -> list[str]:
    screenshot(page, artifacts / f"readers-{name}-{width}.png")
    failures = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > WIDTHS[width]:
        failures.append(f"scrolls sideways ({scroll}px > {WIDTHS[width]}px)")
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    if results["violations"]:
        failures.append(describe(results["violations"]))
    return [f"{name} at {WIDTHS[width]}px, {page.url}:\n" + "\n".join(failures)] if failures \
        else []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_gallery_photo_page(tab, live_server, addresses, artifacts, lang):
    page, width = tab
    response = page.goto(live_server.url + addresses["photo"][lang])
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    heading = {"pl": "Zdjęcie 2 z 9", "en": "Photo 2 of 9", "uk": "Фотографія 2 з 9"}[lang]
    expect(page.locator("h1")).to_have_text(heading)
    image = page.locator("figure.photo-page img")
    expect(image).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle())
    expect(page.locator(".photo-facts dd")).to_have_text(image.get_attribute("alt"))
    failures = scan(page, f"photo-{lang}", width, artifacts)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_outdated_translation_notice(tab, live_server, addresses, artifacts, lang):
    page, width = tab
    assert page.goto(live_server.url + addresses["outdated"][lang]).status == 200
    notice = page.locator(".notice-outdated")
    if lang == "pl":  # the source itself is never outdated
        expect(notice).to_have_count(0)
    else:
        expect(notice).to_be_visible()
        assert notice.get_by_role("link").get_attribute("href") == "/pl/info/kontakt"
    failures = scan(page, f"outdated-{lang}", width, artifacts)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_error_page_with_the_language_switcher(tab, live_server, addresses, artifacts, lang):
    page, width = tab
    assert page.goto(live_server.url + addresses["error"][lang]).status == 404
    name = {"pl": "Język", "en": "Language", "uk": "Мова"}[lang]
    switcher = page.get_by_role("navigation", name=name)
    expect(switcher.get_by_role("link")).to_have_count(3)
    failures = scan(page, f"error-{lang}", width, artifacts)
    assert not failures, "\n".join(failures)


def test_photo_pages_and_the_switcher_work_without_javascript(browser, live_server, addresses):
    context = browser.new_context(viewport={"width": 360, "height": 800},
                                  java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + addresses["photo"]["en"].rsplit("/photos/", 1)[0])
        page.locator(".gallery a.picture-link").first.click()
        expect(page.locator("h1")).to_have_text("Photo 1 of 9")
        page.get_by_role("link", name="Next photo").click()
        expect(page.locator("h1")).to_have_text("Photo 2 of 9")
        page.get_by_role("link", name="Previous photo").click()
        expect(page.locator("h1")).to_have_text("Photo 1 of 9")
        page.get_by_role("link", name="Back to the article").click()
        expect(page.locator("h1")).to_have_text(
            "The centre receives the “Friendly Office” quality certificate")

        page.goto(live_server.url + addresses["error"]["en"])
        page.get_by_role("navigation", name="Language").get_by_role(
            "link", name="Українська").click()
        expect(page.locator("h1")).to_have_text("Сторінку не знайдено")
        assert page.url.endswith("/uk/news/no-such-article")
    finally:
        context.close()
