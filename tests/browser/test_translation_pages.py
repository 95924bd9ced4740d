"""A translator in Chromium: the status matrix, a dry-run upload, progress by language; axe finds
no WCAG 2.1 A/AA violations on any of them."""

from __future__ import annotations

import polib
import pytest
from playwright.sync_api import expect

from portal import content_po
from portal.translation_status import Status, matrix

from ..conftest import create_user

pytestmark = pytest.mark.browser

EMAIL = "translator-pages@mops.example.pl"
PASSWORD = "correct horse battery staple"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def translator_page(live_app, live_server, browser_page):
    from portal.staff.models import User

    with live_app.app_context():
        if User.by_email(EMAIL) is None:
            create_user(live_app, "translator", email=EMAIL, name="Olena Kowalczyk")
    page = browser_page
    page.goto(live_server.url + "/staff/login")
    page.get_by_label("Adres e-mail").fill(EMAIL)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj się").click()
    page.wait_for_url("**/staff/")
    return page


def test_translator_pages_in_chromium(live_app, live_server, translator_page, artifacts,
                                      tmp_path):
    page = translator_page
    page.get_by_role("navigation", name="Menu panelu").get_by_role(
        "link", name="Tłumaczenia").click()
    assert page.locator("h1").inner_text() == "Tłumaczenia treści"
    # Other browser tests share this site and may have added items: count what is there now.
    with live_app.app_context():
        rows = matrix(("en", "uk")).rows
    missing_en = sum(1 for row in rows if row.states["en"] == Status.MISSING)
    total, shown = len(rows), min(len(rows), 50)
    caption = f"Stan tłumaczenia każdej pozycji (1–{shown} z {total})"
    expect(page.get_by_role("table", name=caption).get_by_role("row")).to_have_count(shown + 1)
    page.screenshot(path=artifacts / "staff-translations-pl.png", full_page=True)
    assert_accessible(page)

    page.get_by_label("Język", exact=True).select_option("en")
    page.get_by_label("Status", exact=True).select_option("missing")
    page.get_by_role("button", name="Pokaż").click()
    assert "language=en" in page.url
    expect(page.locator("table.matrix tbody tr")).to_have_count(missing_en)
    page.screenshot(path=artifacts / "staff-translations-filtered-pl.png", full_page=True)
    assert_accessible(page)

    # A dry run of a translated file: the report, and nothing changed.
    with live_app.test_request_context():
        po = polib.pofile(str(content_po.export("uk", {Status.MISSING})))
    first = "/".join(po[0].msgctxt.split("/")[:2]) + "/"
    for entry in po:
        if entry.msgctxt.startswith(first):
            entry.msgstr = "Переклад"
    path = tmp_path / "content-uk.po"
    po.save(str(path))
    page.get_by_role("navigation", name="Tłumaczenia", exact=True).get_by_role(
        "link", name="Pliki PO").click()
    page.screenshot(path=artifacts / "staff-translation-files-pl.png", full_page=True)
    assert_accessible(page)
    page.get_by_label("Plik PO").set_input_files(str(path))
    page.get_by_label("Tylko sprawdź").check()
    page.get_by_role("button", name="Prześlij").click()
    report = page.locator("section.report")
    assert report.get_by_role("heading", level=2).inner_text() == (
        "Sprawdzenie pliku: niczego nie zmieniono")
    assert "Import zastosowałby 1 tłumaczenie." in report.inner_text()
    page.screenshot(path=artifacts / "staff-translation-import-report-pl.png", full_page=True)
    assert_accessible(page)

    page.get_by_role("link", name="Postęp według języków").click()
    assert page.locator("h1").inner_text() == "Postęp tłumaczeń według języków"
    page.locator("section.language-progress").nth(1).locator("summary").first.click()
    page.screenshot(path=artifacts / "staff-translation-catalogs-pl.png", full_page=True)
    assert_accessible(page)


def test_translation_status_on_a_phone(live_app, live_server, browser, artifacts):
    from portal.staff.models import User

    with live_app.app_context():
        if User.by_email(EMAIL) is None:
            create_user(live_app, "translator", email=EMAIL, name="Olena Kowalczyk")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/staff/login")
        page.get_by_label("Adres e-mail").fill(EMAIL)
        page.get_by_label("Hasło").fill(PASSWORD)
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_url("**/staff/")
        for path in ("/staff/translations/", "/staff/translations/files",
                     "/staff/translations/catalogs"):
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} scrolls sideways ({width}px)"
        page.goto(live_server.url + "/staff/translations/")
        page.screenshot(path=artifacts / "staff-translations-phone-pl.png", full_page=True)
    finally:
        context.close()
