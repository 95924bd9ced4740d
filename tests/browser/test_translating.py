"""A clerk changes a page's Polish text; a translator follows the dashboard's link to the English
translation, sees what changed beside the fields, and brings the translation up to date. The
editor's pages pass the automatic accessibility check (WCAG 2.1 A and AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import create_user
from .test_staff_pages import publish_changes

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/staff/login")
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill("correct horse battery staple")
    page.get_by_role("button", name="Zaloguj się").click()
    page.get_by_role("heading", name="Pulpit").wait_for()


def assert_accessible(page, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == [], f"{name}: {violations}"


def test_translator_brings_an_outdated_translation_up_to_date(
    live_app, live_server, browser, artifacts
):
    create_user(live_app, "editor", email="zmiany@mops.example.pl", name="Ewa Zmiany")
    create_user(live_app, "translator", email="tlumacz@mops.example.pl", name="Olena Tłumaczka")
    base = live_server.url

    clerk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = clerk.new_page()
    try:
        log_in(page, base, "zmiany@mops.example.pl")
        page.goto(base + "/staff/pages/2")
        summary = page.locator("#pl-summary")
        summary.fill(summary.input_value() + " Zapisy także przez telefon.")
        publish_changes(page)
    finally:
        clerk.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    try:
        log_in(page, base, "tlumacz@mops.example.pl")
        assert_accessible(page, "dashboard")
        page.locator('a[href="/staff/pages/2/translate/en"]').click()
        assert page.locator("h1").inner_text() == "Tłumaczenie: Angielski"
        changes = page.locator("#section-en .pair-changes")
        expect(changes).to_have_count(1)
        assert "Zapisy także przez telefon." in changes.locator("ins").inner_text()
        assert page.locator("#section-en .pair-source [lang=pl]").first.is_visible()
        # Desktop: the Polish text beside the field, on the same row.
        source = page.locator("#section-en .pair-source").nth(1).bounding_box()
        field = page.locator("#en-summary").bounding_box()
        assert field["x"] > source["x"] + source["width"] - 1
        page.screenshot(path=artifacts / "staff-translate-outdated.png", full_page=True)
        assert_accessible(page, "translate")

        # Phone: the Polish text above the field, and nothing scrolls sideways.
        page.set_viewport_size(PHONE)
        source = page.locator("#section-en .pair-source").nth(1).bounding_box()
        field = page.locator("#en-summary").bounding_box()
        assert field["y"] > source["y"] + source["height"] - 1
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=artifacts / "staff-translate-outdated-phone.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

        english = page.locator("#en-summary")
        english.fill(english.input_value() + " You can also sign up by phone.")
        # Before saving: the page as readers would see it, in a new tab, nothing saved.
        with context.expect_page() as opened:
            page.get_by_role("button", name="Podgląd przed zapisaniem: Angielski").click()
        preview = opened.value
        preview.wait_for_load_state()
        assert "You can also sign up by phone." in preview.locator(".lead").inner_text()
        assert "nie są zapisane" not in preview.locator(".preview-banner").inner_text()
        assert "not saved" in preview.locator(".preview-banner").inner_text()
        preview.screenshot(path=artifacts / "staff-preview-unsaved-en.png", full_page=True)
        assert_accessible(preview, "preview of unsaved text")
        preview.close()
        page.get_by_role("button", name="Zapisz", exact=True).click()
        expect(page.locator("#section-en .tr-state")).to_have_text("aktualne")
        expect(page.locator(".pair-changes")).to_have_count(0)
        page.goto(base + "/staff/?kind=page")
        cell = page.locator('a[href="/staff/pages/2/translate/en"] .tr-state')
        assert cell.inner_text() == "aktualne"

        # The photos of an article: each description beside its Polish one.
        page.goto(base + "/staff/articles/1/translate/uk")
        page.screenshot(path=artifacts / "staff-translate-article-uk.png", full_page=True)
        assert_accessible(page, "translate an article")
    finally:
        context.close()


def test_clerk_gives_an_award_its_article_and_certificate(
    live_app, live_server, browser, artifacts, tmp_path
):
    from ..content_helpers import photo

    create_user(live_app, "editor", email="nagrody@mops.example.pl", name="Anna Nagrody")
    scan = tmp_path / "dyplom.png"
    scan.write_bytes(photo((900, 640), "navy", "PNG"))
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    try:
        log_in(page, base, "nagrody@mops.example.pl")
        page.goto(base + "/staff/awards/1")
        select = page.get_by_label("Artykuł o nagrodzie w aktualnościach")
        assert "Przyjazny Urząd" in select.locator("option:checked").inner_text()
        assert_accessible(page, "award")

        page.locator("#certificate_file").set_input_files(str(scan))
        page.get_by_role("button", name="Prześlij wybrany obraz").click()
        assert "jeszcze niezapisane" in page.locator("#certificate").inner_text()
        page.locator("#certificate-pl-alt").fill("Dyplom w granatowej ramce.")
        page.locator("#certificate-en-alt").fill("The diploma in a navy frame.")
        page.locator("#certificate").screenshot(path=artifacts / "staff-award-certificate.png")
        publish_changes(page)
        assert "opublikowane ze zmianami" in page.locator(".flashes").inner_text()
        page.screenshot(path=artifacts / "staff-award-edit-certificate.png", full_page=True)
        assert_accessible(page, "award with a certificate")

        page.goto(base + "/staff/awards/1/translate/uk")
        page.screenshot(path=artifacts / "staff-translate-award-uk.png", full_page=True)
        assert_accessible(page, "translate an award")

        page.goto(base + "/en/awards/friendly-office-certificate-2022")
        assert page.locator(".certificate img").get_attribute("alt") == (
            "The diploma in a navy frame."
        )
    finally:
        context.close()
