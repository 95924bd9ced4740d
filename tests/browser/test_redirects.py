"""Addresses that last, in Chromium: an editor renames a published article and its old address
still leads readers there; an administrator finds the redirect in the list, adds one for an old
site address (after its errors) and deletes it after confirming, with no JavaScript needed.

Each page is photographed at phone and desktop widths into test-artifacts/redirects-*.png and
scanned with axe-core (WCAG 2.1 A and AA), and must not scroll sideways.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from portal.news.models import Article

from .. import factories
from ..conftest import create_user
from .pages import WIDTHS
from .test_accessibility import AXE_OPTIONS, describe
from .test_staff_pages import publish_changes

pytestmark = pytest.mark.browser

ADMIN = "przekierowania@mops.example.pl"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def article_id(live_app) -> int:
    """An article of this test's own, so renaming it changes nothing other tests rely on."""
    create_user(live_app, "admin", email=ADMIN, name="Renata Przekierowań")
    with live_app.app_context():
        return factories.article("Dzień otwarty w punkcie konsultacyjnym",
                                 "<p>Zapraszamy w sobotę.</p>")


def check(page, artifacts, name: str, width: str) -> None:
    page.screenshot(path=artifacts / f"redirects-{name}-{width}.png", full_page=True)
    failures = []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > WIDTHS[width]:
        failures.append(f"scrolls sideways ({scroll}px > {WIDTHS[width]}px)")
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    if results["violations"]:
        failures.append(describe(results["violations"]))
    assert not failures, f"{name} at {WIDTHS[width]}px:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_old_addresses_lead_on_and_admins_manage_them(width, browser, live_server, live_app,
                                                       article_id, artifacts):
    from axe_playwright_python.sync_playwright import Axe

    base = live_server.url
    viewport = {"width": WIDTHS[width], "height": 800}
    context = browser.new_context(viewport=viewport, locale="pl-PL")
    context.add_init_script(Axe().axe_script)
    page = context.new_page()
    without_scripts = None
    try:
        page.goto(base + "/staff/login")
        page.get_by_label("Adres e-mail").fill(ADMIN)
        page.get_by_label("Hasło").fill(PASSWORD)
        page.get_by_role("button", name="Zaloguj się").click()

        # The article's address changes in the editor, as an editor changes it.
        with live_app.app_context():
            old = db.session.get(Article, article_id).translations["pl"].slug
        new = f"{old}-{width}"
        page.goto(f"{base}/staff/articles/{article_id}")
        page.locator("#pl-slug").fill(new)
        publish_changes(page)

        # A reader with the old link gets the article at its new address.
        reader = browser.new_context(locale="pl-PL").new_page()
        reader.goto(f"{base}/pl/news/{old}")
        assert reader.url == f"{base}/pl/news/{new}"
        reader.context.close()

        page.get_by_role("navigation", name="Menu panelu").get_by_role(
            "link", name="Przekierowania").click()
        assert page.locator("h1").inner_text() == "Przekierowania"
        moved = page.locator("tbody tr", has=page.locator("th", has_text=f"/pl/news/{old}"))
        assert moved.get_by_role("link").first.inner_text().startswith("Dzień otwarty")
        check(page, artifacts, "list", width)

        page.get_by_role("link", name="Dodaj przekierowanie").click()
        page.get_by_role("button", name="Dodaj przekierowanie").click()
        summary = page.get_by_role("alert")
        assert "Wpisz stary adres." in summary.inner_text()
        page.get_by_label("Stary adres").fill("https://stary.mops.example.pl/aktualnosci/1.html")
        page.get_by_label("Prowadzi do").fill("/pl/news/")
        page.get_by_role("button", name="Dodaj przekierowanie").click()
        assert "bez https:// i domeny" in page.get_by_role("alert").inner_text()
        check(page, artifacts, "new-errors", width)

        # Adding and deleting need no JavaScript: the same session, with scripts off.
        without_scripts = browser.new_context(viewport=viewport, locale="pl-PL",
                                              storage_state=context.storage_state(),
                                              java_script_enabled=False)
        plain = without_scripts.new_page()
        plain.goto(base + "/staff/redirects/new")
        old_site = f"/aktualnosci/{width}.html"
        plain.get_by_label("Stary adres").fill(old_site)
        plain.get_by_label("Prowadzi do").fill("/pl/news/")
        plain.get_by_role("button", name="Dodaj przekierowanie").click()
        assert plain.locator("h1").inner_text() == "Przekierowania"
        assert "Przekierowanie zostało dodane." in plain.locator("main").inner_text()

        visitor = browser.new_context(locale="pl-PL").new_page()
        visitor.goto(base + old_site)
        assert visitor.url == f"{base}/pl/news/"
        visitor.context.close()

        row = plain.locator("tbody tr", has=plain.locator("th", has_text=old_site))
        row.get_by_role("link", name="Usuń").click()
        assert plain.locator("h1").inner_text() == "Usuwanie przekierowania"
        page.goto(plain.url)
        check(page, artifacts, "delete", width)
        plain.get_by_role("button", name="Usuń przekierowanie").click()
        assert f"Przekierowanie z {old_site} zostało usunięte." in plain.locator(
            "main").inner_text()
        expect(row).to_have_count(0)
    finally:
        if without_scripts is not None:
            without_scripts.close()
        context.close()
