"""A clerk in Chromium: writes an article in Polish with two photos, translates it, publishes it,
and a reader finds it on /pl/ and /en/. Screenshots of every staff page type go to the artefacts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import create_user
from ..content_helpers import photo

pytestmark = pytest.mark.browser


def test_clerk_writes_translates_and_publishes_an_article(
    live_app, live_server, browser, browser_page, artifacts, tmp_path
):
    create_user(live_app, "editor", email="redakcja@mops.example.pl", name="Ewa Redaktorka")
    first, second = tmp_path / "piknik-1.jpg", tmp_path / "piknik-2.jpg"
    first.write_bytes(photo((1200, 800), "orange", gps=True))
    second.write_bytes(photo((800, 1200), "teal", orientation=6))

    page = browser_page
    base = live_server.url
    page.goto(base + "/staff/login")
    page.get_by_label("Adres e-mail").fill("redakcja@mops.example.pl")
    page.get_by_label("Hasło").fill("correct horse battery staple")
    page.get_by_role("button", name="Zaloguj się").click()
    page.get_by_role("heading", name="Pulpit").wait_for()
    page.screenshot(path=artifacts / "staff-dashboard.png", full_page=True)

    page.get_by_role("link", name="Nowy artykuł").click()
    # Saving an empty form: the summary links to each field; nothing is lost.
    page.get_by_role("button", name="Zapisz jako szkic").click()
    summary = page.locator(".error-summary")
    assert "Wpisz tytuł artykułu po polsku." in summary.inner_text()
    page.screenshot(path=artifacts / "staff-article-errors.png", full_page=True)

    page.locator("#pl-title").fill("Piknik rodzinny w parku miejskim")
    body = page.locator("#section-pl .rte-area")
    body.click()
    page.keyboard.type("Zapraszamy wszystkie rodziny na piknik. ")
    page.locator("#section-pl .rte-toolbar").get_by_role("button", name="Pogrubienie").click()
    page.keyboard.type("Wstęp wolny!")
    page.locator("#photos").set_input_files([str(first), str(second)])
    page.get_by_role("button", name="Prześlij wybrane zdjęcia").click()
    expect(page.locator(".photo-list > li")).to_have_count(2)
    # The text typed before the upload came back with the photos.
    assert "Wstęp wolny!" in page.locator("#section-pl .rte-area").inner_html()
    page.locator("#images-0-pl-alt").fill("Rodziny przy stołach w parku.")
    page.locator("#images-0-pl-caption").fill("Piknik w parku")
    page.locator("#images-1-pl-alt").fill("Dzieci na placu zabaw.")
    page.get_by_role("button", name="Zapisz jako szkic").click()
    assert "Szkic" in page.locator(".item-state").inner_text()
    assert "<b>Wstęp wolny!</b>" not in page.locator("#pl-body").input_value()
    assert "<strong>Wstęp wolny!</strong>" in page.locator("#pl-body").input_value()

    page.locator("#en-title").fill("Family picnic in the town park")
    page.locator("#section-en .rte-area").click()
    page.keyboard.type("All families are welcome at the picnic. Free entry!")
    page.locator("#images-0-en-alt").fill("Families at tables in the park.")
    page.locator("#images-1-en-alt").fill("Children at the playground.")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    page.screenshot(path=artifacts / "staff-article-edit.png", full_page=True)

    page.get_by_role("link", name="Podgląd: Angielski").click()
    assert page.locator("h1").inner_text() == "Family picnic in the town park"
    page.screenshot(path=artifacts / "staff-article-preview-en.png", full_page=True)
    page.get_by_role("link", name="Back to editing").click()

    page.get_by_role("button", name="Zapisz i opublikuj teraz").click()
    flashed = page.locator(".flashes").inner_text()
    assert "Artykuł „Piknik rodzinny w parku miejskim” jest opublikowany." in flashed

    page.get_by_role("link", name="Historia zmian").click()
    expect(page.locator(".revision")).to_have_count(3)
    page.screenshot(path=artifacts / "staff-history.png", full_page=True)

    page.goto(base + "/staff/awards/1")
    page.screenshot(path=artifacts / "staff-award-edit.png", full_page=True)
    page.goto(base + "/staff/pages/new")
    page.screenshot(path=artifacts / "staff-page-new.png", full_page=True)
    page.goto(base + "/staff/?translation=missing:en")
    page.screenshot(path=artifacts / "staff-dashboard-filtered.png", full_page=True)

    reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL").new_page()
    try:
        reader.goto(base + "/pl/news/piknik-rodzinny-w-parku-miejskim")
        assert reader.locator("h1").inner_text() == "Piknik rodzinny w parku miejskim"
        expect(reader.locator(".gallery img")).to_have_count(2)
        assert reader.locator(".prose strong").inner_text() == "Wstęp wolny!"
        reader.get_by_role("navigation", name="Język").get_by_role("link", name="English").click()
        assert reader.url.endswith("/en/news/family-picnic-in-the-town-park")
        alts = [img.get_attribute("alt") for img in reader.locator(".gallery img").all()]
        assert alts == ["Families at tables in the park.", "Children at the playground."]
        reader.screenshot(path=artifacts / "public-new-article-en.png", full_page=True)
    finally:
        reader.context.close()
